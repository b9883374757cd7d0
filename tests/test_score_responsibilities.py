"""Responsibilities, deadlines and targets measured with the shared yardstick (issue 4's bars).

``score.py`` runs ``cancu extract FILE --format json`` on every corpus file and compares
the responsibilities with ../shared/gold: mention by mention (span overlap), then the role
(``role`` or ``role_alt``); agency ids must neither merge two gold agencies (false merges,
counted across files) nor split one agency of one province (splits). Deadlines and targets
are matched by span.
"""
from __future__ import annotations

from tests.scoring import score


def test_corpus_responsibilities_reach_the_bar(shared):
    summary, table = score("mentions")
    print(table)
    assert summary["errors"] == 0, table
    assert summary["resp_p"] >= 0.93, table  # "with role" precision
    assert summary["resp_r"] >= 0.93, table  # "with role" recall
    assert summary["merges"] == 0, table
    assert summary["splits"] == 0, table


def test_corpus_deadlines_and_targets_reach_the_bar(shared):
    summary, table = score("mentions")
    assert summary["deadlines_r"] >= 0.9, table
    assert summary["targets_r"] >= 0.9, table
