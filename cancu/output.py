"""Shared output options and writers: ``--format table|md|json|csv``.

Rows are dicts; a report is written row by row. Tables fit an 80-column
terminal by wrapping the widest column; Markdown escapes ``|``; CSV and JSON
are for machines. Progress and warnings go to stderr so stdout stays clean.
"""
from __future__ import annotations

import csv
import functools
import io
import json
import os
import sys
import textwrap
from pathlib import Path

import click

FORMATS = ("table", "md", "json", "csv")
DB_ENV = "CANCU_DB"


def db_option(f):
    """``--db PATH``: the graph file (default ``.cancu/graph.json`` or ``$CANCU_DB``)."""
    return click.option(
        "--db", "db", type=click.Path(dir_okay=False, path_type=Path), envvar=DB_ENV,
        default=Path(".cancu") / "graph.json", show_default=True,
        help="Graph file to read and write (env CANCU_DB).",
    )(f)


def format_option(*, default="table", choices=FORMATS):
    def deco(f):
        return click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
                            help="Output format.")(f)
    return deco


def output_options(f):
    """``--format`` plus ``--width`` for tables."""
    f = click.option("--width", type=int, default=None, help="Table width (default: terminal width, at most 100).")(f)
    return format_option()(f)


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return "; ".join(_cell(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def render(rows: list[dict], fmt: str, *, columns: list[str] | None = None, width: int | None = None) -> str:
    """Render rows in one of ``FORMATS``; an empty result is ``[]`` in JSON, a note elsewhere."""
    columns = columns or (list(rows[0].keys()) if rows else [])
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: _cell(r.get(c)) for c in columns})
        return buf.getvalue()
    if not rows:
        return "(no results)\n"
    if fmt == "md":
        out = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
        for r in rows:
            out.append("| " + " | ".join(_cell(r.get(c)).replace("|", "\\|").replace("\n", " ") for c in columns) + " |")
        return "\n".join(out) + "\n"
    return _table(rows, columns, width)


def _table(rows, columns, width):
    if width is None:
        try:
            width = min(100, os.get_terminal_size().columns)
        except OSError:
            width = 80
    cells = [[_cell(r.get(c)).replace("\n", " ") for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    sep = 2
    while sum(widths) + sep * (len(widths) - 1) > width and max(widths) > 12:
        i = widths.index(max(widths))
        widths[i] -= 1
    lines = []

    def emit(values):
        wrapped = [textwrap.wrap(v, widths[i]) or [""] for i, v in enumerate(values)]
        for k in range(max(len(w) for w in wrapped)):
            lines.append((" " * sep).join((w[k] if k < len(w) else "").ljust(widths[i])
                                         for i, w in enumerate(wrapped)).rstrip())

    emit(columns)
    lines.append((" " * sep).join("-" * w for w in widths))
    for row in cells:
        emit(row)
    return "\n".join(lines) + "\n"


def echo_rows(rows, fmt, **kw):
    click.echo(render(list(rows), fmt, **kw), nl=False)


def warn(msg: str) -> None:
    click.echo(f"warning: {msg}", err=True)


def progress(msg: str, *, quiet: bool = False) -> None:
    if not quiet:
        click.echo(msg, err=True)


def open_graph(db):
    """The saved graph at ``db`` (snapshot plus journal), with a warning when its journal was not used."""
    from graphmodel.graph import LegalGraph

    graph = LegalGraph.load(db)
    if graph.journal_note:
        warn(graph.journal_note)
    return graph
