"""``cancu flow X``: who carries an instrument out, their tasks and the agencies that act."""
from __future__ import annotations

import click

from queries.flow import flow as flow_query
from queries.lookup import find_instrument

from ..output import db_option, echo_rows, output_options, open_graph
from .basis import depth_option, evidence_option, heading, warn_truncated


@click.command()
@click.argument("instrument")
@db_option
@output_options
@depth_option
@click.option("--cites/--no-cites", "include_cites", default=True, show_default=True,
              help="Count documents that cite it (or cite what carries it out) in their text or tasks.")
@evidence_option
def flow(instrument, db, fmt, width, depth, include_cites, evidence):
    """Show how INSTRUMENT flows down: every document that carries it out
    (IMPLEMENTS, BASED_ON, and with --cites a citation in its text or tasks),
    transitively, with their tasks and the agencies that lead, coordinate,
    are assigned or are requested to act, and the deadlines.

    \b
    Example:
        cancu flow 31-CT/TW
        cancu flow 11-NQ/TW --format md > flow.md
        cancu flow 1696/QĐ-TTg --depth 1 --no-cites --evidence
    """
    graph = open_graph(db)
    result = flow_query(graph, find_instrument(graph, instrument), depth=depth, include_cites=include_cites)
    heading(fmt, f"flow of {result.subject.label}: {len(result.instruments) - 1} document(s) carry it out, "
                 f"{len(result.duties)} duty(ies) of {len(result.agencies)} agency(ies)", width)
    if fmt in ("json", "csv"):
        echo_rows(result.rows(evidence=evidence), fmt, width=width, columns=result.columns(evidence))
    else:  # two tables read better: who carries it out, then who must do what
        table = fmt == "table"
        echo_rows(result.document_rows(evidence), fmt, width=width, columns=result.document_columns(evidence, table=table))
        click.echo("")
        heading(fmt, "duties", width)
        echo_rows(result.duty_rows(evidence), fmt, width=width, columns=result.duty_columns(evidence, table=table))
    warn_truncated(result.truncated, depth, "are carried out")
