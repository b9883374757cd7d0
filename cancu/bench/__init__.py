"""Benchmarks at scale: a synthetic corpus with its truth, timings and accuracy.

* :mod:`cancu.bench.generate` — ``generate_corpus(n, seed=...)``: realistic invented
  documents across the 63 provinces and several years, with a truth record per file
  in the schema of ``shared/gold/README.md``;
* :mod:`cancu.bench.score` — extraction scored against that truth;
* :mod:`cancu.bench.run` — the timings of issue 8 (extraction, load, reload, save,
  queries, memory, Neo4j push).
"""
