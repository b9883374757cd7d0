"""Document metadata measured with the shared yardstick (issue 2's bars)."""
from __future__ import annotations

from tests.scoring import score


def test_corpus_metadata_matches_gold(shared):
    summary, table = score("mentions")
    print(table)
    assert summary["errors"] == 0
    assert summary["meta"] == 1.0, table


def test_webdocs_metadata_at_least_90_percent(shared):
    summary, table = score("instruments")
    print(table)
    assert summary["errors"] == 0
    assert summary["meta"] >= 0.90, table
