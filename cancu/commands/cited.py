"""``cancu cited``: the most cited instruments, by relation type or by citing province."""
from __future__ import annotations

import click

from queries.cited import cited as cited_query

from ..output import db_option, echo_rows, output_options, open_graph
from .basis import columns_for, heading


@click.command()
@db_option
@output_options
@click.option("--by", type=click.Choice(["relation", "province"]), default="relation", show_default=True,
              help="Count per relation type, or per jurisdiction of the citing documents.")
@click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True,
              help="How many instruments (0: all).")
def cited(db, fmt, width, by, limit):
    """Rank instruments by the number of documents that cite them (docs), with the
    mentions (refs) and the counts per relation (other = ATTACHES + PROPOSED_BY),
    or per province of the citing documents with --by province.

    \b
    Example:
        cancu cited
        cancu cited --by province --limit 5 --format md
        cancu cited --limit 0 --format csv > cited.csv
    """
    graph = open_graph(db)
    result = cited_query(graph, by=by, limit=limit or None)
    heading(fmt, f"most cited instruments (by {by})", width)
    echo_rows(result.rows(), fmt, width=width, columns=columns_for(result, fmt))
