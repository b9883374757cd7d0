"""``cancu agencies``: the agencies of the graph, their spellings, and why they were joined."""
from __future__ import annotations

from pathlib import Path

import click

from graphmodel.agencies import NATIONAL, agency_clusters, agency_key, explain_pair, resolve_agencies
from graphmodel.models import Resolution
from graphmodel.normalize import fold

from ..output import db_option, echo_rows, output_options, open_graph

#: relationship types whose evidence quotes an agency as written
_ROLE_TYPES = ("LEADS", "COORDINATES", "RESPONSIBLE_FOR")


def graph_agencies(graph) -> list[dict]:
    """The Agency nodes of a ``LegalGraph`` (or networkx graph): id, name, jurisdiction, group,
    and the spellings as written (``aliases`` and the quotes of the role edges that name it)."""
    g = getattr(graph, "g", graph)
    out = []
    for node, data in g.nodes(data=True):
        if data.get("kind") != "Agency" or not data.get("name"):
            continue
        spellings = {" ".join(str(a).split()) for a in data.get("aliases") or []}
        for _, _, rel, edata in g.out_edges(node, keys=True, data=True):
            if rel in _ROLE_TYPES:
                spellings.update(" ".join(ev["quote"].split()) for ev in edata.get("evidence") or [] if ev.get("quote"))
        out.append({"node": node, "name": data["name"], "jurisdiction": data.get("jurisdiction"),
                    "group": bool(data.get("group")), "spellings": sorted(spellings - {data["name"]})})
    return sorted(out, key=lambda r: (r["jurisdiction"] or "", r["node"]))


def _in_province(jurisdiction: str | None, province: str | None) -> bool:
    if not province:
        return True
    return fold(jurisdiction or "") == fold(province)


def agency_report(resolution_or_graph, *, province: str | None = None, merges: bool = False,
                  aliases=None) -> list[dict]:
    """Rows for ``cancu agencies``.

    Given a ``Resolution`` it reports that. Given a graph, the names of its Agency nodes
    (each already one agency of one document, resolved in context at extraction) are
    resolved across documents with ``aliases`` (a path or ``AliasTable``), and every
    spelling written in the text is listed under its agency.

    Without ``merges``: one row per agency (id, canonical name, jurisdiction, group,
    spellings). With ``merges``: one row per join (the two spellings, their normalised
    forms, the score, the rule) and one per near miss that a veto or the threshold kept apart.
    """
    if isinstance(resolution_or_graph, Resolution):
        return _resolution_rows(resolution_or_graph, province=province, merges=merges)
    nodes = graph_agencies(resolution_or_graph)
    resolution = resolve_agencies([(n["name"], n["jurisdiction"]) for n in nodes], aliases=aliases)
    if merges:
        rows = _resolution_rows(resolution, province=province, merges=True)
        for n in nodes:
            if not _in_province(n["jurisdiction"], province):
                continue
            for sp in n["spellings"]:
                score, rule, joined = explain_pair(sp, n["name"], n["jurisdiction"])
                if not joined:
                    rule = f"joined at extraction in the context of its document ({rule} out of context)"
                rows.append({"decision": "merged", "jurisdiction": n["jurisdiction"] or "", "a": sp, "b": n["name"],
                             "norm_a": agency_key(sp, n["jurisdiction"]), "norm_b": agency_key(n["name"], n["jurisdiction"]),
                             "score": round(score, 1), "rule": rule})
        return rows
    by_id: dict = {}
    for n in nodes:
        cid = resolution.ids.get((n["name"], n["jurisdiction"]))
        by_id.setdefault(cid, []).append(n)
    rows = []
    for c in agency_clusters(resolution):
        if not _in_province(c.jurisdiction, province):
            continue
        members = by_id.get(c.id, [])
        spellings = sorted({s for m in members for s in [m["name"], *m["spellings"]]})
        rows.append({"id": c.id, "canonical": c.canonical, "jurisdiction": c.jurisdiction or "",
                     "group": c.is_group, "spellings": spellings, "nodes": sorted(m["node"] for m in members)})
    return rows


def _resolution_rows(resolution: Resolution, *, province: str | None, merges: bool) -> list[dict]:
    if not merges:
        return [{"id": c.id, "canonical": c.canonical, "jurisdiction": c.jurisdiction or "", "group": c.is_group,
                 "spellings": list(c.aliases)}
                for c in agency_clusters(resolution) if _in_province(c.jurisdiction, province)]
    rows = []
    for m in resolution.merges:
        jur = getattr(m, "jurisdiction", None)
        if _in_province(jur, province):
            rows.append({"decision": "merged", "jurisdiction": jur or "", "a": m.a, "b": m.b,
                         "norm_a": m.norm_a, "norm_b": m.norm_b, "score": round(m.score, 1), "rule": m.rule})
    for u in resolution.unresolved:
        if _in_province(u.source, province):
            rows.append({"decision": "kept apart", "jurisdiction": u.source, "a": u.mention, "b": "",
                         "norm_a": "", "norm_b": "", "score": None, "rule": u.reason})
    return rows


@click.command()
@db_option
@click.option("--province", default=None, metavar="NAME",
              help=f"Only agencies of this jurisdiction (e.g. 'Gia Lai'; '{NATIONAL}' for central bodies).")
@click.option("--merges", is_flag=True, help="Show every merge (both normalised forms, score, rule) and near misses.")
@click.option("--aliases", "aliases_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="User alias file (YAML or CSV) forcing merges or splits, applied last.")
@output_options
def agencies(db, province, merges, aliases_path, fmt, width):
    """List the agencies of the graph with their spellings, or explain the merges.

    Spellings of one body in one jurisdiction (Sở Lao động – Thương binh và Xã hội,
    Sở Lao động-Thương binh và Xã hội, Sở LĐTBXH) are one agency; look-alikes that
    mean different bodies (Sở Nội vụ / Sở Ngoại vụ) never are.

    \b
    Example:
        cancu agencies --province "Gia Lai"
        cancu agencies --merges --format md
        cancu agencies --aliases aliases.yaml
    """
    graph = open_graph(db)
    rows = agency_report(graph, province=province, merges=merges, aliases=aliases_path)
    echo_rows(rows, fmt, width=width)
