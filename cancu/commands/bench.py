"""``cancu bench``: a generated corpus, its figures, and extraction scored against its truth."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..bench.corpus import CorpusError, write_corpus


def _sizes(value: str) -> list[int]:
    try:
        sizes = [int(x.replace("_", "").replace("k", "000")) for x in value.split(",") if x.strip()]
    except ValueError as err:
        raise click.BadParameter(f"{value!r}: give sizes as numbers separated by commas, e.g. 1000,10000") from err
    if not sizes or any(s < 1 for s in sizes):
        raise click.BadParameter("give at least one size, each at least 1")
    return sizes


@click.group()
def bench():
    """Benchmarks at scale: generate a corpus with its truth, time cancu on it, score it.

    \b
    Example:
        cancu bench generate 10000 /tmp/corpus10k --seed 1
        cancu bench run /tmp/corpus10k --sizes 1000,10000
        cancu bench score /tmp/corpus10k --limit 2000
    """


@bench.command()
@click.argument("n", type=click.IntRange(min=1))
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed gives the same bytes.")
@click.option("--force", is_flag=True, help="Replace a corpus already in FOLDER.")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
def generate(n, folder, seed, force, quiet):
    """Write N invented documents and their truth (truth.jsonl) into FOLDER.

    Plans, letters and ministry guidance across the 63 provinces and 2016-2024, citing
    real national instruments, with the variants real files have. The first K documents
    of a run are those of a run of K with the same seed.
    """
    step = max(1, n // 20)

    def progress(i, total):
        if not quiet and (i % step == 0 or i == total):
            click.echo(f"[{i}/{total}] written", err=True)

    try:
        info = write_corpus(n, folder, seed=seed, force=force, on_progress=progress)
    except CorpusError as err:
        raise click.ClickException(str(err)) from err
    kinds = ", ".join(f"{v} {k.replace('_', ' ')}s" for k, v in info["kinds"].items())
    click.echo(f"{info['documents']} documents ({info['bytes'] / 1e6:.1f} MB; {kinds}) and truth.jsonl "
               f"-> {folder} (seed {seed})")


@bench.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--sizes", default="1000,10000", show_default=True,
              help="Numbers of documents to measure (the first N of FOLDER), e.g. 1000,10000,100000.")
@click.option("--neo4j", "use_neo4j", is_flag=True,
              help="Also push each graph to Neo4j (NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD) and time it.")
@click.option("--samples", type=click.IntRange(min=1), default=50, show_default=True,
              help="Query subjects per query kind.")
@click.option("--json-out", type=click.Path(dir_okay=False, path_type=Path), help="Also write the figures here.")
@click.option("--no-isolate", is_flag=True, help="Measure every size in this process (peak memory then adds up).")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
def run(folder, sizes, use_neo4j, samples, json_out, no_isolate, quiet):
    """Time cancu on the first N documents of FOLDER for each size; print a table and a JSON line.

    Extraction MB/s, documents/s of a full load, graph save and load, reload after one
    changed file, basis/flow/agency latency, peak memory (and Neo4j push with --neo4j);
    when FOLDER has truth.jsonl, the extraction is also scored against it.
    """
    from ..bench.run import json_line, render, run_benchmark

    try:
        result = run_benchmark(folder, _sizes(sizes), samples=samples, neo4j=use_neo4j, quiet=quiet,
                               isolate=not no_isolate)
    except CorpusError as err:
        raise click.ClickException(str(err)) from err
    click.echo(render(result), nl=False)
    line = json_line(result)
    click.echo(line)
    if json_out:
        from ..bench.corpus import _atomic_write

        json_out.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(json_out, (line + "\n").encode("utf-8"))


def _score_table(s: dict) -> list[tuple[str, str]]:
    c, r = s["citations"], s["responsibilities"]

    def f(x):
        return "-" if x is None else f"{x:.3f}"

    rows = [
        ("documents", str(s["documents"]) + (f" ({s['errors']} failed)" if s["errors"] else "")),
        ("metadata fields right", f(s["metadata"]) + (f"  wrong: {s['metadata_wrong']}" if s["metadata_wrong"] else "")),
        ("citations P / R / F1", f"{f(c['p'])} / {f(c['r'])} / {f(c['f1'])}  (tp {c['tp']}, fp {c['fp']}, fn {c['fn']})"),
        ("  relation / symbol / date / type", (f"{f(c['relation_acc'])} / {f(c['symbol_acc'])} / "
                                               f"{f(c['date_acc'])} / {f(c['type_acc'])}")),
        ("responsibilities span P / R / F1", f"{f(r['span_p'])} / {f(r['span_r'])} / {f(r['span_f1'])}"),
        ("responsibilities with role P / R / F1", (f"{f(r['p'])} / {f(r['r'])} / {f(r['f1'])}  "
                                                   f"(tp {r['tp']}, fp {r['fp']}, fn {r['fn']})")),
        ("  named P / R", f"{f(r['named']['p'])} / {f(r['named']['r'])}"),
        ("  generic P / R", f"{f(r['generic']['p'])} / {f(r['generic']['r'])}"),
        ("  canonical names right", f(r["canonical_acc"])),
        ("deadlines P / R (due right)", (f"{f(s['deadlines']['p'])} / {f(s['deadlines']['r'])} "
                                         f"({f(s['deadlines']['value_acc'])})")),
        ("targets P / R (value right)", (f"{f(s['targets']['p'])} / {f(s['targets']['r'])} "
                                         f"({f(s['targets']['value_acc'])})")),
    ]
    if s["role_confusions"]:
        rows.append(("role confusions (truth->predicted)", ", ".join(f"{k} {v}" for k, v in s["role_confusions"].items())))
    if s["relation_confusions"]:
        rows.append(("relation confusions", ", ".join(f"{k} {v}" for k, v in s["relation_confusions"].items())))
    for kind, k in s.get("by_kind", {}).items():
        rows.append((f"  {kind} ({k['documents']})",
                     (f"citations F1 {f(k['citations_f1'])}, responsibilities F1 "
                      f"{f(k['responsibilities_span_f1'])}, role {f(k['role_acc'])}")))
    return rows


@bench.command()
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N documents.")
@click.option("--gold", type=click.Path(file_okay=False, path_type=Path),
              help="Score hand-made gold files (*.json, gold schema) instead of a generated corpus.")
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False, path_type=Path),
              help="With --gold: the folder of the texts the gold files name.")
@click.option("--examples", is_flag=True, help="Also list a few errors of each kind.")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
def score(folder, limit, gold, corpus_dir, examples, fmt, quiet):
    """Score cancu's extraction against the truth of a generated corpus (or gold files).

    Citations (P/R, relation, symbol, date), responsibilities (P/R with role; named and
    generic apart), deadlines, targets and metadata, matched as shared/tools/score.py
    does; optional truth entries are neither rewarded nor penalised.

    \b
    Example:
        cancu bench score /tmp/corpus10k --limit 1000
        cancu bench score --gold ../shared/gold --corpus ../shared/corpus
    """
    from ..bench.score import generated_records, gold_records, score_records

    if gold:
        if not corpus_dir:
            raise click.UsageError("--gold needs --corpus (the folder of the texts)")
        records = gold_records(gold, corpus_dir)
    elif folder:
        records = generated_records(folder, limit=limit)
    else:
        raise click.UsageError("give FOLDER (a generated corpus) or --gold DIR --corpus DIR")

    def progress(i):
        if not quiet and i % 250 == 0:
            click.echo(f"[{i}] scored", err=True)

    try:
        tally = score_records(records, on_progress=progress)
    except CorpusError as err:
        raise click.ClickException(str(err)) from err
    s = tally.summary()
    if examples:
        s["examples"] = tally.examples
    if fmt == "json":
        click.echo(json.dumps(s, ensure_ascii=False, indent=2))
        return
    rows = _score_table(s)
    width = max(len(a) for a, _ in rows)
    for a, b in rows:
        click.echo(f"{a.ljust(width)}  {b}")
    if examples:
        for key, items in tally.examples.items():
            click.echo(f"\n{key}:")
            for it in items:
                click.echo("  " + json.dumps(it, ensure_ascii=False))


@bench.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--size", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Profile a full load of the first N documents.")
@click.option("--top", type=click.IntRange(min=1), default=25, show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Also save the pstats file here.")
@click.option("--reload", "reload_", is_flag=True,
              help="Profile the reload after one changed file instead (open graph, load_paths, save).")
def profile(folder, size, top, out, reload_):
    """Profile a full load (load_paths + save) with cProfile: where the time goes."""
    from ..bench.run import profile_load

    try:
        p = profile_load(folder, size, top=top, out=str(out) if out else None, reload=reload_)
    except CorpusError as err:
        raise click.ClickException(str(err)) from err
    what = "reload after one change" if reload_ else "full load"
    click.echo(f"{what}: {p['documents']} documents, {p['wall_s']:.1f} s wall, {p['profiled_s']:.1f} s profiled\n")
    click.echo("own time by module:")
    for r in p["by_module"]:
        click.echo(f"  {r['own_s']:8.2f} s  {r['share'] * 100:5.1f}%  {r['module']}")
    click.echo("\nfunctions by own time:")
    for r in p["by_own"]:
        click.echo(f"  {r['own_s']:8.2f} s  {r['calls']:>10}  {r['function']}")
    click.echo("\nfunctions by cumulative time:")
    for r in p["by_cumulative"]:
        click.echo(f"  {r['cum_s']:8.2f} s  {r['calls']:>10}  {r['function']}")
    if out:
        click.echo(f"\npstats written to {out}", err=True)
    sys.stdout.flush()
