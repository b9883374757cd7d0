"""``cancu export``: the graph as node-link JSON or GraphML."""
from __future__ import annotations

import json
from pathlib import Path

import click
import networkx as nx

from graphmodel.graph import _atomic_write

from ..output import db_option, open_graph


def _graphml_ready(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """GraphML holds scalars only: lists and dicts become JSON strings."""
    h = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        h.add_node(n, **{k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                         for k, v in d.items() if v is not None})
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **{a: (json.dumps(b, ensure_ascii=False) if isinstance(b, (list, dict)) else b)
                                   for a, b in d.items() if b is not None})
    return h


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["json", "graphml"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout).")
def export(db, fmt, output):
    """Export the graph as networkx node-link JSON or GraphML (for Gephi, yEd, ...).

    \b
    Example:
        cancu export --format graphml -o graph.graphml
        cancu export --format json > graph.json
    """
    graph = open_graph(db)
    if fmt == "json":
        data = json.dumps(graph.to_data(), ensure_ascii=False, indent=1).encode("utf-8")
    else:
        data = "\n".join(nx.generate_graphml(_graphml_ready(graph.g))).encode("utf-8")
    if output:
        _atomic_write(output, data)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(data.decode("utf-8"))
