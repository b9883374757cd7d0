"""``cancu extract FILE``: what was read from one file, in the gold schema."""
from __future__ import annotations

import json
from pathlib import Path

import click

from loaders.extract import extract_source, to_gold_json
from loaders.read import read_file

from ..output import format_option


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@format_option(default="text", choices=("json", "text"))
def extract(file, fmt):
    """Show what cancu reads from FILE: documents, citations, responsibilities.

    The JSON is the schema of the gold annotations (one entry per document, with
    character spans into the file's NFC text).

    \b
    Example:
        cancu extract examples/02_ke-hoach-tinh.txt
        cancu extract plan.txt --format json > plan.json
    """
    if not file.exists():
        raise click.ClickException(f"{file}: no such file; check the path")
    src = read_file(file)
    data = to_gold_json(src, extract_source(src))
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{file}  ({src.encoding}{'; ' + '; '.join(src.notes) if src.notes else ''})")
    for i, d in enumerate(data["documents"], 1):
        click.echo(f"\n== document {i}: {d['doc_type'] or '?'} {d['symbol'] or '(no number)'}  chars {d['span'][0]}-{d['span'][1]}")
        for key in ("date", "place", "issuer", "jurisdiction", "title"):
            click.echo(f"  {key:13} {d.get(key) or '-'}")
        if d.get("signer"):
            s = d["signer"]
            click.echo(f"  {'signer':13} {s['name']} ({' / '.join(x for x in (s.get('on_behalf'), s.get('position')) if x)})")
        if d["addressed_to"]:
            click.echo(f"  {'addressed to':13} " + "; ".join(d["addressed_to"]))
        if d["copied_to"]:
            click.echo(f"  {'copied to':13} " + "; ".join(d["copied_to"]))
        if d["citations"]:
            click.echo(f"  citations ({len(d['citations'])}):")
            for c in d["citations"]:
                fix = f" [corrected: {c['symbol_corrected']}]" if c.get("symbol_corrected") else ""
                click.echo(f"    {c.get('relation', 'cites'):11} {c.get('section') or '':9} {c['quote'][:90]}{fix}")
        if d["responsibilities"]:
            click.echo(f"  responsibilities ({len(d['responsibilities'])}):")
            for r in d["responsibilities"]:
                click.echo(f"    {r.get('role', ''):10} {r.get('section') or '':7} {r['agency'][:80]}")
        for key in ("deadlines", "targets"):
            if d[key]:
                click.echo(f"  {key} ({len(d[key])}):")
                for x in d[key]:
                    click.echo(f"    {x.get('due') or x.get('value')} {x.get('year') or ''}  {x['quote'][:80]}")
