"""``cancu basis X``: what an instrument rests on, up to the law or the Party resolution."""
from __future__ import annotations

import textwrap

import click

from queries.basis import basis as basis_query
from queries.lookup import find_instrument

from ..output import db_option, echo_rows, output_options, warn, open_graph

#: ``--depth N`` (shared by basis, flow and agency)
depth_option = click.option(
    "--depth", type=click.IntRange(min=0), default=None,
    help="Follow at most N edges from the subject (default: no limit).")
#: ``--evidence`` (shared by the query commands)
evidence_option = click.option(
    "--evidence", is_flag=True, help="Add the file:line and the quoted sentence behind every edge.")


def heading(fmt: str, text: str, width: int | None = None) -> None:
    """A title above a table (``table``, wrapped to ``width``) or a Markdown heading (``md``);
    nothing for json/csv."""
    if fmt == "md":
        click.echo(f"### {text}\n")
    elif fmt == "table":
        click.echo(textwrap.fill(text, width or 80) + "\n")


def columns_for(result, fmt: str, evidence: bool = False) -> list[str]:
    """The columns to print: at most six in a table (80-column terminals), all of them elsewhere."""
    return result.table_columns(evidence) if fmt == "table" else result.columns(evidence)


def warn_truncated(truncated, depth, what: str) -> None:
    if truncated:
        warn(f"--depth {depth} reached: {len(truncated)} instrument(s) {what} further; raise --depth or leave it out")


@click.command()
@click.argument("instrument")
@db_option
@output_options
@depth_option
@click.option("--include-cites", is_flag=True,
              help="Also what the instrument (or one of its tasks) cites, and what those rest on.")
@evidence_option
def basis(instrument, db, fmt, width, depth, include_cites, evidence):
    """Show the legal basis of INSTRUMENT: what it rests on (BASED_ON, *Căn cứ*) and
    carries out (IMPLEMENTS, *Thực hiện*), and what those rest on, to the roots.

    INSTRUMENT is a symbol (any dash, space or case; OCR slips corrected), a title,
    or a node id. Several matches are listed, not guessed.

    \b
    Example:
        cancu basis 118/KH-UBND
        cancu basis "118/KH-UBND" --depth 1 --evidence --format md
        cancu basis 45/KH-SNV --include-cites --format json
    """
    graph = open_graph(db)
    tree = basis_query(graph, find_instrument(graph, instrument), depth=depth, include_cites=include_cites)
    heading(fmt, f"basis of {tree.root.label}: {len(tree.instruments) - 1} instrument(s), "
                 f"{len(tree.edges)} edge(s)", width)
    echo_rows(tree.rows(evidence=evidence), fmt, width=width, columns=columns_for(tree, fmt, evidence))
    warn_truncated(tree.truncated, depth, "rest on others")
