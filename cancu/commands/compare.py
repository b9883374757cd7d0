"""``cancu compare``: which jurisdictions carry out which central instruments."""
from __future__ import annotations

import click

from queries.compare import compare as compare_query

from ..output import db_option, echo_rows, output_options, open_graph
from .basis import columns_for, heading


@click.command()
@db_option
@output_options
@click.option("--cites/--no-cites", "include_cites", default=True, show_default=True,
              help="Count a document that cites the instrument (or what carries it out).")
def compare(db, fmt, width, include_cites):
    """Show, for each central instrument (national bodies, Party Central Committee,
    laws), the provinces whose documents carry it out and through which documents.

    \b
    Example:
        cancu compare
        cancu compare --no-cites --format md
    """
    graph = open_graph(db)
    result = compare_query(graph, include_cites=include_cites)
    heading(fmt, f"central instruments × {len(result.jurisdictions)} jurisdiction(s)", width)
    echo_rows(result.rows(), fmt, width=width, columns=columns_for(result, fmt))
