"""``cancu unresolved``: instruments cited but never resolved to a known one."""
from __future__ import annotations

import click

from queries.unresolved import unresolved as unresolved_query

from ..output import db_option, echo_rows, output_options, open_graph
from .basis import columns_for, heading


@click.command()
@db_option
@output_options
def unresolved(db, fmt, width):
    """List the mentions of instruments that matched nothing known: cited only by
    words (no symbol) and neither loaded nor in the table of well-known
    instruments, or flagged by resolution; with file:line and the quote, so the
    name can be added to the instruments table or the document loaded.

    \b
    Example:
        cancu unresolved
        cancu unresolved --format csv > unresolved.csv
    """
    graph = open_graph(db)
    result = unresolved_query(graph)
    heading(fmt, f"unresolved: {len(result.instruments)} instrument(s), {len(result.mentions)} mention(s)", width)
    echo_rows(result.rows(), fmt, width=width, columns=columns_for(result, fmt))
