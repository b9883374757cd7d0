"""``cancu stats``: counts of the saved graph."""
from __future__ import annotations

import click


from ..output import db_option, echo_rows, output_options, open_graph


@click.command()
@db_option
@output_options
def stats(db, fmt, width):
    """Count the files, documents, nodes by kind and edges by type in the graph.

    \b
    Example:
        cancu stats
        cancu stats --format json
    """
    graph = open_graph(db)
    rows = [{"what": k, "count": v} for k, v in graph.stats().items()]
    echo_rows(rows, fmt, width=width)
