"""Benchmark of the Neo4j push: ``python -m tests.bench_neo4j_push [--plans-per-province N] [--wipe]``.

A script, not a test (pytest does not collect ``bench_*.py``). It builds a synthetic ``LegalGraph`` of the
shape cancu builds from real files — 63 provinces, each with plans that are ISSUED_BY and SIGNED_BY,
ADDRESSED_TO and COPIED_TO agencies, rest on (BASED_ON) and carry out (IMPLEMENTS) national instruments,
cite others, and set tasks (HAS_TASK, PART_OF) that agencies LEAD, COORDINATE or are RESPONSIBLE_FOR; every
edge with one evidence sentence in a kept text — then pushes it to the Neo4j at NEO4J_URI (NEO4J_USER,
NEO4J_PASSWORD; defaults as in tests/neo4j_fixtures.py) and prints nodes, relationships and
relationships per second, for the first push and for a second, idempotent one.

``--wipe`` empties the database first (DETACH DELETE of everything: use a scratch server such as
``scripts/neo4j-dev``); ``--cleanup`` empties it afterwards.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time

from graphmodel.graph import LegalGraph, content_hash
from graphmodel.models import Evidence
from graphmodel.neo4j import DEFAULT_BATCH_SIZE, count_in_neo4j, generate_rows, push

PROVINCES = 63
NATIONAL = 40
DEPARTMENTS = ("Sở Nội vụ", "Sở Lao động - Thương binh và Xã hội", "Sở Tài chính", "Sở Y tế", "Sở Tư pháp",
               "Sở Giáo dục và Đào tạo", "Sở Kế hoạch và Đầu tư", "Hội Liên hiệp Phụ nữ tỉnh")


def neo4j_settings() -> tuple[str, str, str]:
    """NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD with the defaults of tests/neo4j_fixtures.py (no pytest needed)."""
    return (os.environ.get("NEO4J_URI") or "bolt://127.0.0.1:7687", os.environ.get("NEO4J_USER") or "neo4j",
            os.environ.get("NEO4J_PASSWORD") or "neo4j-dev-auth-disabled")


def synthetic_graph(plans_per_province: int, *, seed: int = 1) -> LegalGraph:
    """A deterministic graph with about 48 relationships per plan (63 × N plans)."""
    rnd = random.Random(seed)
    g = LegalGraph()
    national = []
    for i in range(NATIONAL):
        nid = f"instrument:{100 + i}/QĐ-TTg"
        g.add_node(nid, "Instrument", source=None, symbol=f"{100 + i}/QĐ-TTg", doc_type="Quyết định",
                   jurisdiction="national", title=f"Chương trình quốc gia số {i}", loaded=False)
        national.append(nid)
    for p in range(PROVINCES):
        province = f"Tỉnh {p:02d}"
        slug = f"tinh-{p:02d}"
        agencies = []
        for name in DEPARTMENTS + ("Ủy ban nhân dân tỉnh",):
            aid = f"agency:{name.lower().replace(' ', '-')}@{slug}"
            agencies.append(aid)
        for k in range(plans_per_province):
            src = f"synthetic/{slug}/ke-hoach-{k:03d}.txt"
            text = "\n".join(f"dòng {n} của kế hoạch {k} tỉnh {p}" for n in range(60))
            did = f"instrument:{k + 1}/KH-UBND@{slug}/2024"
            g.add_node(did, "Instrument", source=src, symbol=f"{k + 1}/KH-UBND", doc_type="Kế hoạch",
                       jurisdiction=province, date="2024-04-22", title=f"Kế hoạch {k} của {province}", loaded=True,
                       span=[0, len(text)])
            for aid, name in zip(agencies, DEPARTMENTS + ("Ủy ban nhân dân tỉnh",), strict=True):
                g.add_node(aid, "Agency", source=src, name=f"{name} {province}", jurisdiction=province)
            pid = f"person:signer-{p}-{k % 3}"
            g.add_node(pid, "Person", source=src, name=f"Người ký {p}-{k % 3}")
            offset = iter(range(0, 10_000, 37))

            def ev(section, src=src, offset=offset, text=text):
                start = next(offset) % (len(text) - 20)
                return Evidence(src, start, start + 15, text[start:start + 15], section)

            g.add_edge(did, agencies[-1], "ISSUED_BY", ev("header"))
            g.add_edge(did, pid, "SIGNED_BY", ev("closing"), position="PHÓ CHỦ TỊCH")
            for aid in rnd.sample(agencies[:-1], 2):
                g.add_edge(did, aid, "ADDRESSED_TO", ev("header"))
            for aid in rnd.sample(agencies[:-1], 5):
                g.add_edge(did, aid, "COPIED_TO", ev("closing"))
            for nid in rnd.sample(national, 3):
                g.add_edge(did, nid, "BASED_ON", ev("preamble"))
            g.add_edge(did, rnd.choice(national), "IMPLEMENTS", ev("preamble"))
            if k:
                g.add_edge(did, f"instrument:{k}/KH-UBND@{slug}/2024", "CITES", ev("preamble"))
            else:
                g.add_edge(did, rnd.choice(national), "CITES", ev("preamble"))
            for t in range(4):
                tid = f"{did}#{'IV'}.{t + 1}"
                g.add_node(tid, "Task", source=src, section=f"IV.{t + 1}", text=f"Nhiệm vụ {t + 1}", document=did,
                           span=[100 * t, 100 * t + 90],
                           due=[{"due": "2024-12-15", "what": "báo cáo", "to": None, "recurring": None,
                                 "quote": "trước ngày 15/12/2024", "start": 100 * t, "end": 100 * t + 20}])
                g.add_edge(did, tid, "HAS_TASK", ev(f"IV.{t + 1}"))
                lead, *coord = rnd.sample(agencies[:-1], 3)
                g.add_edge(lead, tid, "LEADS", ev(f"IV.{t + 1}"))
                for aid in coord:
                    g.add_edge(aid, tid, "COORDINATES", ev(f"IV.{t + 1}"))
                for s in range(2):
                    sid = f"{tid}.{s + 1}"
                    g.add_node(sid, "Task", source=src, section=f"IV.{t + 1}.{s + 1}", text=f"Việc {s + 1}",
                               document=did, span=[100 * t + 10 * s, 100 * t + 10 * s + 9])
                    g.add_edge(sid, tid, "PART_OF", ev(f"IV.{t + 1}.{s + 1}"))
                    g.add_edge(rnd.choice(agencies[:-1]), sid, "RESPONSIBLE_FOR", ev(f"IV.{t + 1}.{s + 1}"),
                               requested=True if s else None)
                if t < 2:
                    g.add_edge(tid, rnd.choice(national), "CITES", ev(f"IV.{t + 1}"))
            g.add_source(src, sha256=content_hash(text), text=text, encoding="utf-8", documents=[did])
    return g


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench_neo4j_push", description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans-per-province", type=int, default=34, help="plans per province (63 provinces)")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--wipe", action="store_true", help="empty the database first (all of it)")
    parser.add_argument("--cleanup", action="store_true", help="empty the database afterwards (all of it)")
    args = parser.parse_args(argv)

    from neo4j import GraphDatabase

    t0 = time.perf_counter()
    graph = synthetic_graph(args.plans_per_province, seed=args.seed)
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    rows = generate_rows(graph)
    rowed = time.perf_counter() - t0
    print(f"graph: {rows.node_count} nodes, {rows.relationship_count} relationships "
          f"(built in {built:.1f} s, rows in {rowed:.1f} s)")
    if rows.relationship_count < 100_000:
        print("warning: fewer than 100k relationships; raise --plans-per-province", file=sys.stderr)

    uri, user, password = neo4j_settings()
    with GraphDatabase.driver(uri, auth=(user, password)) as driver:
        if args.wipe:
            _empty(driver)
        first = push(graph, driver, batch_size=args.batch_size, uri=uri, rows=rows)
        counts = count_in_neo4j(driver)
        print(f"first push:  {first.relationships} relationships, {first.nodes} nodes in {first.seconds:.1f} s "
              f"= {first.relationships_per_second:,.0f} relationships/s ({first.batches} batches of "
              f"{args.batch_size}; node+relationship rows/s {(first.nodes + first.relationships) / first.seconds:,.0f})")
        print("             phases: " + ", ".join(f"{k} {v:.1f} s" for k, v in first.timings.items())
              + f"; relationship phase alone: {first.relationships / first.timings['relationships']:,.0f}/s")
        second = push(graph, driver, batch_size=args.batch_size, uri=uri, rows=rows)
        print(f"second push: {second.seconds:.1f} s = {second.relationships_per_second:,.0f} relationships/s "
              f"({', '.join(f'{k} {v:.1f} s' for k, v in second.timings.items())}), "
              f"deleted {second.deleted_nodes} nodes / {second.deleted_relationships} relationships (idempotent)")
        again = count_in_neo4j(driver)
        print(f"in Neo4j:    {counts['nodes']} nodes, {counts['relationships']} relationships; "
              f"unchanged by the second push: {again == counts}")
        if args.cleanup:
            _empty(driver)
    return 0


def _empty(driver) -> None:
    with driver.session() as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


if __name__ == "__main__":
    sys.exit(main())
