"""``cancu agency NAME``: an agency's tasks by role and deadline, and why it is responsible."""
from __future__ import annotations

import click

from queries.agency import agency_duties
from queries.lookup import find_agency

from ..output import db_option, echo_rows, output_options, open_graph
from .basis import columns_for, depth_option, evidence_option, heading


@click.command()
@click.argument("name")
@click.option("--province", help="Only the agency of this province (or 'national').")
@db_option
@output_options
@depth_option
@evidence_option
def agency(name, province, db, fmt, width, depth, evidence):
    """List the tasks NAME leads, coordinates, is assigned or is requested to do,
    by role and deadline, each with the plan that gives it and that plan's legal
    basis (why the agency is responsible). --depth limits the basis chain.

    NAME may be abbreviated (Sở LĐTBXH) or in either tone-mark style; the same
    name in several provinces is listed, not guessed: add --province.

    \b
    Example:
        cancu agency "Sở Nội vụ" --province "Quảng Ngãi"
        cancu agency "Sở LĐTBXH" --province "Thanh Hóa" --format md
        cancu agency "Sở Nội vụ" --province "Thanh Hóa" --depth 1 --evidence
    """
    graph = open_graph(db)
    report = agency_duties(graph, find_agency(graph, name, province=province), depth=depth)
    heading(fmt, f"duties of {report.agency.label}: {len(report.duties)} task(s)", width)
    echo_rows(report.rows(evidence=evidence), fmt, width=width, columns=columns_for(report, fmt, evidence))
