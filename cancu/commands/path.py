"""``cancu path X Y``: the shortest chain of legal-basis edges between two instruments."""
from __future__ import annotations

import click

from graphmodel.errors import NotFound
from queries.lookup import find_instrument
from queries.paths import PATH_TYPES
from queries.paths import path as path_query

from ..output import db_option, echo_rows, output_options, open_graph
from .basis import columns_for, evidence_option, heading

BASIS_ONLY = ("BASED_ON", "IMPLEMENTS")


@click.command()
@click.argument("x")
@click.argument("y")
@db_option
@output_options
@click.option("--basis-only", is_flag=True, help="Use BASED_ON and IMPLEMENTS only (not CITES, ATTACHES).")
@evidence_option
def path(x, y, db, fmt, width, basis_only, evidence):
    """Show the shortest chain between instruments X and Y, edges taken in either
    direction (-[IMPLEMENTS]-> forward, <-[IMPLEMENTS]- backward), over BASED_ON,
    IMPLEMENTS, CITES and ATTACHES. Exit 1 when there is none.

    \b
    Example:
        cancu path 45/KH-SNV 96/KH-UBND
        cancu path 118/KH-UBND 11-NQ/TW --evidence
        cancu path 45/KH-SNV 31-CT/TW --basis-only --format md
    """
    graph = open_graph(db)
    rels = BASIS_ONLY if basis_only else PATH_TYPES
    result = path_query(graph, find_instrument(graph, x), find_instrument(graph, y), rels=rels)
    if not result.found:
        raise NotFound(f"no path between {result.start.label} and {result.end.label} over {', '.join(result.rels)}"
                       + ("; try without --basis-only" if basis_only else ""))
    heading(fmt, f"path from {result.start.label} to {result.end.label}: {len(result.steps)} step(s)", width)
    echo_rows(result.rows(evidence=evidence), fmt, width=width, columns=columns_for(result, fmt, evidence))
