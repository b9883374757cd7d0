"""``cancu view basis|flow|agency SUBJECT --out page.html``: one offline HTML page of an answer."""
from __future__ import annotations

from pathlib import Path

import click

from visualize.page import DEFAULT_MAX_NODES, LAYOUTS  # pyvis itself is imported only when a page is written

from ..output import db_option, progress, warn, open_graph


def build_view(graph, what: str, subject: str, *, province: str | None = None, depth: int | None = None,
               include_cites: bool = False):
    """The ``View`` of ``cancu view WHAT SUBJECT``: the named query's answer, made a view."""
    from queries.agency import agency_duties
    from queries.basis import basis
    from queries.flow import flow
    from queries.lookup import find_agency, find_instrument, province_of
    from visualize import view_from_agency, view_from_basis, view_from_flow

    if what == "basis":
        return view_from_basis(graph, basis(graph, find_instrument(graph, subject), depth=depth,
                                            include_cites=include_cites))
    if what == "flow":
        return view_from_flow(graph, flow(graph, find_instrument(graph, subject), depth=depth),
                              province=province_of(graph, province))
    return view_from_agency(graph, agency_duties(graph, find_agency(graph, subject, province=province), depth=depth))


@click.command("view")
@click.argument("what", type=click.Choice(["basis", "flow", "agency"]))
@click.argument("subject")
@click.option("--province", help="flow: only this province's documents; agency: the agency of this province.")
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="HTML file to write (one self-contained file; opens offline).")
@click.option("--max-nodes", type=click.IntRange(min=1), default=DEFAULT_MAX_NODES, show_default=True,
              help="Refuse a view with more nodes than this (narrow it with --province or --depth).")
@click.option("--depth", type=click.IntRange(min=1), default=None, help="Follow at most this many steps.")
@click.option("--include-cites", is_flag=True, help="basis: also follow plain mentions (CITES).")
@click.option("--layout", type=click.Choice(LAYOUTS), default="auto",
              show_default=True,
              help="hierarchical: vis-network places the layers; layered: positions computed by cancu "
                   "(used for big or wide views).")
@click.option("--title", help="Page title (default: said by the view).")
@db_option
def view(what, subject, province, out, max_nodes, depth, include_cites, layout, title, db):
    """Write an HTML page of a basis chain, a directive's flow or an agency's duties.

    The page is one file that works offline: search box, filters by kind and
    province, a legend, and tooltips with the quote and file:line of every edge.

    \b
    Example:
        cancu view basis 118/KH-UBND --out basis.html
        cancu view flow 11-NQ/TW --province "Quảng Ngãi" --out flow.html
        cancu view agency "Sở Nội vụ" --province "Quảng Ngãi" --out so-noi-vu.html
    """
    from visualize import render_view

    graph = open_graph(db)
    v = build_view(graph, what, subject, province=province, depth=depth, include_cites=include_cites)
    result = render_view(graph, v, out=out, title=title, max_nodes=max_nodes, layout=layout)
    for note in v.notes:
        progress(note)
    for why in result.dropped:
        warn(f"left out of the page: {why}")
    progress(f"wrote {result.path}: {result.nodes} nodes, {result.edges} edges ({result.layout} layout)")
