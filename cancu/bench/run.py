"""The figures of issue 8, measured on the first N documents of a generated corpus.

For each size N (each in a fresh process, so peak memory is that size's own):

* extraction MB/s — ``loaders.extract.extract_text`` over the N texts already in
  memory (no I/O); the same outputs are scored against ``truth.jsonl`` (not timed);
* full load — ``cancu.pipeline.load_paths`` into an empty graph, then ``save``
  (documents/s, and the two times apart);
* graph load — ``LegalGraph.load`` of the saved file; the graph's memory by
  ``tracemalloc`` while loading it;
* reload after one change — one file edited, then what ``cancu load`` does
  (``cancu.pipeline.update``): read the journal beside the saved graph, stat every
  file (hash those whose stat changed), parse the changed one, append it to the
  journal; reported in pieces (journal read, stat/hash, parse, write), then the
  graph as every command reads it (``LegalGraph.load``: snapshot + journal);
* ``basis`` / ``flow`` / ``agency`` latency (median, p95, max) over a deterministic
  sample of subjects, on the reloaded graph;
* peak memory (``ru_maxrss``) after the load and at the end;
* with ``neo4j``: ``graphmodel.neo4j.push`` of the graph, relationships/s.

The documents are copied into a temporary folder first (not timed) so the corpus
itself is never edited. Nothing here asserts a figure: it measures and reports.
"""
from __future__ import annotations

import gc
import importlib
import json
import os
import platform
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from .corpus import TRUTH, corpus_files, read_truth

#: The targets of issue 8 ("Done when"), as (figure key, comparison, value, label).
TARGETS = (
    ("extract_mb_s", ">=", 10.0, "≥ 10 MB/s"),
    ("load_total_s", "<=", 60.0, "≤ 60 s at 10k"),
    ("reload_s", "<=", 1.0, "≤ 1 s"),
    ("basis_p95_ms", "<=", 50.0, "≤ 50 ms at 10k"),
    ("flow_p95_ms", "<=", 50.0, "≤ 50 ms at 10k"),
    ("peak_rss_mb", "<", 2048.0, "< 2 GB"),
)
EDIT_MARK = "Nội dung này được bổ sung để đo thời gian nạp lại."


def _rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KB)."""
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / 1024 if sys.platform != "darwin" else r / (1024 * 1024)


def _say(msg: str, quiet: bool) -> None:
    if not quiet:
        print(f"[bench] {msg}", file=sys.stderr, flush=True)


def _latency(fn: Callable, targets: list, *, label: str, quiet: bool) -> dict:
    """Median, p95 and max in ms of ``fn(target)`` over ``targets`` (one warm-up call first)."""
    if not targets:
        return {"n": 0, "note": "no subjects of this kind in the graph"}
    errors = 0
    try:
        fn(targets[0])
    except Exception:  # a failing subject is counted, not fatal
        pass
    times = []
    for t in targets:
        t0 = time.perf_counter()
        try:
            fn(t)
        except Exception:
            errors += 1
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, max(0, round(0.95 * len(times)) - 1))]
    _say(f"{label}: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms over {len(times)}", quiet)
    return {"n": len(times), "median_ms": statistics.median(times), "p95_ms": p95, "max_ms": times[-1],
            "errors": errors}


def _edit(path: Path) -> None:
    """Change one document the way a user would: a sentence added before ``Nơi nhận``."""
    text = path.read_text(encoding="utf-8")
    at = text.find("Nơi nhận")
    at = text.rfind("\n", 0, at) + 1 if at > 0 else len(text)
    path.write_text(text[:at] + EDIT_MARK + "\n\n" + text[at:], encoding="utf-8")


def _query_functions():
    """The named queries, if present (another issue writes them): name → (callable, note)."""
    out = {}
    for name, module, attr in (("basis", "queries.basis", "basis"), ("flow", "queries.flow", "flow"),
                               ("agency", "queries.agency", "agency_duties")):
        try:
            out[name] = getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError) as err:
            out[name] = f"not available ({type(err).__name__}: {err})"
    return out


def _subjects(graph, samples: int, seed: int) -> dict[str, list]:
    """Deterministic samples of query subjects: loaded documents (basis), instruments that
    something carries out (flow), the most carried-out ones (flow, heavy), agencies with duties."""
    g = graph.g
    rng = random.Random(seed)
    docs = sorted(n for n, d in g.nodes(data=True) if d.get("kind") == "Instrument" and d.get("loaded"))
    implemented = {}
    for u, v, k in g.edges(keys=True):
        if k in ("IMPLEMENTS", "BASED_ON") and g.nodes[v].get("kind") == "Instrument":
            implemented[v] = implemented.get(v, 0) + 1
    flow_all = sorted(implemented)
    heavy = sorted(implemented, key=lambda n: (-implemented[n], n))[:10]
    agencies = sorted({u for u, v, k in g.edges(keys=True) if k in ("LEADS", "COORDINATES", "RESPONSIBLE_FOR")})

    def pick(xs):
        return rng.sample(xs, min(samples, len(xs)))

    return {"basis": pick(docs), "flow": pick(flow_all), "flow_heavy": heavy, "agency": pick(agencies)}


def _neo4j_push(graph, quiet: bool) -> dict:
    from neo4j import GraphDatabase

    from graphmodel.neo4j import count_in_neo4j, push

    uri = os.environ.get("NEO4J_URI") or "bolt://127.0.0.1:7687"
    user = os.environ.get("NEO4J_USER") or "neo4j"
    password = os.environ.get("NEO4J_PASSWORD") or "cancu-bench"  # the dev server accepts any
    driver = GraphDatabase.driver(uri, auth=(user, password), notifications_min_severity="OFF")
    try:
        before = count_in_neo4j(driver)
        _say(f"pushing to Neo4j at {uri} ({sum(before.values())} cancu items there before)", quiet)
        rep = push(graph, driver, uri=uri)
    finally:
        driver.close()
    return {"uri": uri, "nodes": rep.nodes, "relationships": rep.relationships, "push_s": rep.seconds,
            "relationships_per_s": rep.relationships / rep.seconds if rep.seconds else None,
            "batches": rep.batches, "database_was_empty": not any(before.values())}


def measure_size(folder: str, n: int, *, samples: int = 50, neo4j: bool = False, quiet: bool = False,
                 keep: str | None = None) -> dict:
    """Every figure for the first ``n`` documents of ``folder`` (run it in a fresh process)."""
    from cancu.pipeline import load_paths, update
    from graphmodel.graph import LegalGraph, journal_path
    from loaders.extract import extract_text, extraction_json
    from loaders.read import read_file

    from .score import Tally, graph_accuracy

    files = corpus_files(folder)[:n]
    out: dict = {"documents": len(files)}
    truth = {}
    if (Path(folder) / TRUTH).exists():
        for i, rec in enumerate(read_truth(folder)):
            if i >= n:
                break
            truth[rec["file"]] = rec
    # 1. read (not part of extraction)
    t0 = time.perf_counter()
    sources = [read_file(p) for p in files]
    out["read_s"] = time.perf_counter() - t0
    out["mb"] = sum(len(s.text.encode("utf-8")) for s in sources) / 1e6
    # 2. extraction, scored outside the timing
    _say(f"{n}: extracting {out['mb']:.1f} MB", quiet)
    tally = Tally()
    spent = 0.0
    failed = 0
    for i, src in enumerate(sources, 1):
        t0 = time.perf_counter()
        try:
            exs = extract_text(src.text, src.path)
        except Exception:
            failed += 1
            exs = ()
        spent += time.perf_counter() - t0
        rec = truth.get(Path(src.path).name)
        if rec:
            preds = [extraction_json(e) for e in exs]
            for doc in rec["documents"]:
                tally.add(doc, preds, src.text, kind=rec.get("kind"), file=rec["file"])
        if i % 1000 == 0:
            _say(f"{n}: extracted {i}/{len(sources)} ({spent:.0f} s so far)", quiet)
    out["extract_s"] = spent
    out["extract_mb_s"] = out["mb"] / spent if spent else None
    out["extract_failed"] = failed
    out["rss_after_extract_mb"] = _rss_mb()
    del sources
    gc.collect()
    # 3. full load + save
    work = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="cancu-bench-"))
    docs = work / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for p in files:
        shutil.copy2(p, docs / p.name)  # with their times: files written long before a load, as usually
    db = work / "graph.json"
    _say(f"{n}: full load", quiet)
    graph = LegalGraph()
    t0 = time.perf_counter()
    rep = load_paths(graph, [docs])
    t1 = time.perf_counter()
    graph.save(db)
    t2 = time.perf_counter()
    stats = graph.stats()
    out.update(load_s=t1 - t0, save_s=t2 - t1, load_total_s=t2 - t0, docs_per_s=len(files) / (t2 - t0),
               loaded=len(rep.loaded), failed=len(rep.failed), graph_nodes=graph.g.number_of_nodes(),
               graph_edges=graph.g.number_of_edges(), graph_file_mb=db.stat().st_size / 1e6,
               graph_stats={k: v for k, v in stats.items() if isinstance(v, int)},
               rss_after_load_mb=_rss_mb())
    _say(f"{n}: loaded in {t1 - t0:.1f} s, saved in {t2 - t1:.1f} s", quiet)
    if truth:  # identity at scale (not timed)
        keys = {Path(k).name: k for k in graph.sources()}
        out["graph_accuracy"] = graph_accuracy(graph, [truth[p.name] for p in files if p.name in truth],
                                               lambda name: keys.get(name, name))
    del graph
    gc.collect()
    # 4. graph load, and its memory
    t0 = time.perf_counter()
    graph = LegalGraph.load(db)
    out["graph_load_s"] = time.perf_counter() - t0
    del graph
    gc.collect()
    tracemalloc.start()
    graph = LegalGraph.load(db)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    out["graph_mem_mb"] = current / 1e6
    out["graph_load_peak_mb"] = peak / 1e6
    del graph
    gc.collect()
    # 5. reload after one change: what `cancu load` does (the journal), in pieces; then the graph as read
    changed = sorted(docs.iterdir())[len(files) // 2]
    _edit(changed)
    t0 = time.perf_counter()
    rep = update(db, [docs])
    t1 = time.perf_counter()
    tm = rep.timings
    out.update(reload_s=t1 - t0, reload_mode=rep.mode, reload_replaced=len(rep.replaced),
               reload_unchanged=len(rep.unchanged), reload_head_s=tm.get("head_s"), reload_scan_s=tm.get("scan_s"),
               reload_parse_s=tm.get("parse_s"), reload_write_s=tm.get("write_s"),
               reload_journal_mb=journal_path(db).stat().st_size / 1e6)
    _say(f"{n}: reload after one change {t1 - t0:.2f} s ({rep.mode})", quiet)
    t0 = time.perf_counter()
    graph = LegalGraph.load(db)
    out["reload_graph_load_s"] = time.perf_counter() - t0
    # 6. queries
    fns = _query_functions()
    subjects = _subjects(graph, samples, seed=n)
    out["queries"] = {}
    for name, subject_key in (("basis", "basis"), ("flow", "flow"), ("flow_heavy", "flow_heavy"),
                              ("agency", "agency")):
        fn = fns["flow" if name == "flow_heavy" else name]
        if isinstance(fn, str):
            out["queries"][name] = {"note": fn}
            continue
        out["queries"][name] = _latency(lambda x, fn=fn: fn(graph, x), subjects[subject_key], label=f"{n}: {name}",
                                        quiet=quiet)
    for name in ("basis", "flow"):
        q = out["queries"].get(name, {})
        out[f"{name}_p95_ms"] = q.get("p95_ms")
    # 7. Neo4j
    if neo4j:
        try:
            out["neo4j"] = _neo4j_push(graph, quiet)
        except Exception as err:  # report, do not lose the other figures
            out["neo4j"] = {"error": f"{type(err).__name__}: {err}"}
    out["peak_rss_mb"] = _rss_mb()
    if truth:
        out["accuracy"] = tally.summary()
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    return out


def run_benchmark(folder: str | os.PathLike, sizes, *, samples: int = 50, neo4j: bool = False,
                  quiet: bool = False, isolate: bool = True) -> dict:
    """Measure each size (in a fresh process unless ``isolate`` is false); sizes larger
    than the corpus are reported as skipped."""
    folder = str(folder)
    files = corpus_files(folder)
    result = {"corpus": folder, "corpus_documents": len(files), "python": platform.python_version(),
              "cpus": os.cpu_count(), "machine": platform.machine(), "sizes": {}}
    for n in sizes:
        if n > len(files):
            result["sizes"][str(n)] = {"skipped": f"the corpus holds {len(files)} documents; generate {n} "
                                                  f"with `cancu bench generate {n} DIR`"}
            continue
        if isolate:
            # a fresh interpreter per size (spawn), so ru_maxrss is this size's own peak; a worker that
            # dies raises BrokenProcessPool here instead of hanging
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
                figures = pool.submit(measure_size, folder, n, samples=samples, neo4j=neo4j, quiet=quiet).result()
        else:
            figures = measure_size(folder, n, samples=samples, neo4j=neo4j, quiet=quiet)
        result["sizes"][str(n)] = figures
    return result


# --- the report -------------------------------------------------------------------------

def _fmt(v, unit: str = "", digits: int = 2) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.{digits}f}{unit}"
    return f"{v}{unit}"


def _meets(key: str, value, n: int) -> str:
    for k, op, target, _ in TARGETS:
        if k != key or value is None:
            continue
        if k in ("load_total_s", "basis_p95_ms", "flow_p95_ms") and n != 10000:
            return ""
        ok = value >= target if op == ">=" else value <= target if op == "<=" else value < target
        return " ok" if ok else " MISS"
    return ""


def report_rows(result: dict) -> tuple[list[str], list[list[str]]]:
    """A table: one row per figure, one column per size, and the target."""
    sizes = list(result["sizes"])
    header = ["figure", "target"] + [f"{int(s):,} docs" for s in sizes]
    targets = {k: label for k, _, _, label in TARGETS}
    rows: list[list[str]] = []

    def row(label, key=None, fn=None, unit="", digits=2):
        cells = [label, targets.get(key, "")]
        for s in sizes:
            f = result["sizes"][s]
            if "skipped" in f:
                cells.append("skipped")
                continue
            v = fn(f) if fn else f.get(key)
            cells.append(_fmt(v, unit, digits) + (_meets(key, v, int(s)) if key else ""))
        rows.append(cells)

    row("corpus size", fn=lambda f: f.get("mb"), unit=" MB", digits=1)
    row("extraction", "extract_mb_s", unit=" MB/s", digits=3)
    row("full load (load_paths + save)", "load_total_s", unit=" s", digits=1)
    row("  documents/s", fn=lambda f: f.get("docs_per_s"), digits=1)
    row("  load_paths", fn=lambda f: f.get("load_s"), unit=" s", digits=1)
    row("  save", fn=lambda f: f.get("save_s"), unit=" s", digits=2)
    row("graph nodes / edges", fn=lambda f: f"{f.get('graph_nodes')} / {f.get('graph_edges')}")
    row("graph file", fn=lambda f: f.get("graph_file_mb"), unit=" MB", digits=1)
    row("graph load (LegalGraph.load)", fn=lambda f: f.get("graph_load_s"), unit=" s", digits=2)
    row("graph in memory (tracemalloc)", fn=lambda f: f.get("graph_mem_mb"), unit=" MB", digits=0)
    row("reload after one change", "reload_s", unit=" s", digits=2)

    def pieces(f):
        if "reload_head_s" not in f:  # a result of an older bench: open graph / scan / save
            return (f"{f.get('reload_graph_load_s') or 0:.2f} / {f.get('reload_scan_s') or 0:.2f} / "
                    f"{f.get('reload_save_s') or 0:.2f} s")
        return " / ".join(f"{f.get(k) or 0:.2f}" for k in ("reload_head_s", "reload_scan_s", "reload_parse_s",
                                                          "reload_write_s")) + f" s ({f.get('reload_mode')})"

    row("  journal read / stat+hash / parse / write", fn=pieces)
    row("  graph load after it (snapshot + journal)", fn=lambda f: f.get("reload_graph_load_s"), unit=" s")
    for q, key in (("basis", "basis_p95_ms"), ("flow", "flow_p95_ms"), ("flow_heavy", None), ("agency", None)):
        label = {"flow_heavy": "flow (10 most carried-out)"}.get(q, q)

        def lat(f, q=q):
            d = f.get("queries", {}).get(q, {})
            if "note" in d:
                return d["note"]
            return f"{d['median_ms']:.1f} / {d['p95_ms']:.1f} ms" if d.get("n") else "-"

        row(f"{label} median / p95", fn=lat)
        if key:
            row(f"  {q} p95", key, unit=" ms", digits=1)
    row("peak memory (ru_maxrss)", "peak_rss_mb", unit=" MB", digits=0)
    if any("neo4j" in f for f in result["sizes"].values()):
        row("Neo4j push relationships/s", fn=lambda f: (f.get("neo4j") or {}).get("relationships_per_s")
            or (f.get("neo4j") or {}).get("error"), digits=0)
        row("  push time", fn=lambda f: (f.get("neo4j") or {}).get("push_s"), unit=" s", digits=1)
    if any("accuracy" in f for f in result["sizes"].values()):
        def acc(path):
            def get(f):
                a = f.get("accuracy")
                for p in path:
                    a = a.get(p) if isinstance(a, dict) else None
                return a
            return get
        row("metadata fields right", fn=acc(("metadata",)), digits=3)
        row("citations P / R", fn=lambda f: "{:.3f} / {:.3f}".format(f["accuracy"]["citations"]["p"],
                                                                  f["accuracy"]["citations"]["r"])
            if f.get("accuracy") else "-")
        row("citation relation accuracy", fn=acc(("citations", "relation_acc")), digits=3)
        row("responsibilities P / R (role)", fn=lambda f: "{:.3f} / {:.3f}".format(
            f["accuracy"]["responsibilities"]["p"], f["accuracy"]["responsibilities"]["r"]) if f.get("accuracy") else "-")
    if any("graph_accuracy" in f for f in result["sizes"].values()):
        def ga(f, fmt):
            x = f.get("graph_accuracy")
            return fmt(x) if x else "-"
        row("files sharing a node with another", fn=lambda f: ga(f, lambda x: f"{x['files_sharing_a_node']} of {x['files']}"))
        row("links between documents resolved", fn=lambda f: ga(f, lambda x: f"{x['links_found']} / {x['links_expected']}"))
        row("agency false merges / splits", fn=lambda f: ga(f, lambda x: f"{x['agency_false_merges']} / {x['agency_splits']}"
                                                                        f" ({x['agency_nodes']} nodes)"))
    return header, rows


def render(result: dict) -> str:
    header, rows = report_rows(result)
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    lines = ["  ".join(c.ljust(widths[i]) for i, c in enumerate(header)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for r in rows:
        lines.append("  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip())
    return "\n".join(lines) + "\n"


def json_line(result: dict) -> str:
    return json.dumps({"cancu_bench": result}, ensure_ascii=False, sort_keys=True, default=str)


# --- profile ------------------------------------------------------------------------------

def profile_load(folder: str | os.PathLike, n: int, *, top: int = 25, out: str | None = None,
                 reload: bool = False) -> dict:
    """cProfile of a full load (``load_paths`` + save) of the first ``n`` documents — or, with
    ``reload``, of what ``cancu load`` does after one edited file (``cancu.pipeline.update``):
    the functions with most own time, most cumulative time, and own time summed per module."""
    import cProfile
    import pstats

    from cancu.pipeline import load_paths, update
    from graphmodel.graph import LegalGraph

    files = corpus_files(folder)[:n]
    work = Path(tempfile.mkdtemp(prefix="cancu-profile-"))
    try:
        docs = work / "docs"
        docs.mkdir()
        for p in files:
            shutil.copy2(p, docs / p.name)
        db = work / "graph.json"
        if reload:
            graph = LegalGraph()
            load_paths(graph, [docs])
            graph.save(db)
            del graph
            _edit(sorted(docs.iterdir())[len(files) // 2])
        prof = cProfile.Profile()
        t0 = time.perf_counter()
        prof.enable()
        if reload:
            update(db, [docs], workers=1)  # the changed file parsed here, so that its parse is in the profile
        else:
            graph = LegalGraph()
            load_paths(graph, [docs])
            graph.save(db)
        prof.disable()
        wall = time.perf_counter() - t0
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if out:
        prof.dump_stats(out)
    st = pstats.Stats(prof)
    total = st.total_tt
    root = str(Path(__file__).resolve().parents[2]) + os.sep
    rows = []
    modules: dict[str, float] = {}
    for (file, line, func), (cc, nc, tt, ct, callers) in st.stats.items():
        where = file.replace(root, "") if file.startswith(root) else (
            "python:" + Path(file).name if file not in ("~",) else "builtins")
        rows.append({"function": f"{where}:{line}({func})", "calls": nc, "own_s": tt, "cum_s": ct})
        modules[where] = modules.get(where, 0.0) + tt
    by_own = sorted(rows, key=lambda r: -r["own_s"])[:top]
    by_cum = sorted(rows, key=lambda r: -r["cum_s"])[:top]
    mods = sorted(({"module": m, "own_s": t, "share": t / total if total else 0} for m, t in modules.items()),
                  key=lambda r: -r["own_s"])[:top]
    return {"documents": len(files), "reload": reload, "wall_s": wall, "profiled_s": total, "by_own": by_own, "by_cumulative": by_cum,
            "by_module": mods}
