"""Citations measured with the shared yardstick (issue 3's bars).

``score.py`` runs ``cancu extract FILE --format json`` on every file and compares the
citations with the gold: mention by mention on ../shared/gold (span overlap and the
same instrument), instrument by instrument on ../shared/webdocs (predicted mentions
grouped by ``target_id``).
"""
from __future__ import annotations

from tests.scoring import score


def test_corpus_citations_reach_the_bar(shared):
    summary, table = score("mentions")
    print(table)
    assert summary["errors"] == 0, table
    assert summary["cit_p"] >= 0.97, table
    assert summary["cit_r"] >= 0.97, table
    assert summary["rel_acc"] >= 0.95, table


def test_webdocs_citations_reach_the_bar(shared):
    summary, table = score("instruments")
    print(table)
    assert summary["errors"] == 0, table
    assert summary["cit_p"] >= 0.95, table
    assert summary["cit_r"] >= 0.95, table
    assert summary["rel_acc"] >= 0.95, table
