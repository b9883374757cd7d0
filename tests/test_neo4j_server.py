"""The Neo4j server the graph tests run against: reachable, and the pinned 5.26 line.

Needs a server (``scripts/neo4j-dev start`` or ``docker compose up -d``); reached only through
NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD, see tests/neo4j_fixtures.py. The skip-or-fail policy of
that fixture is checked here too, without a server.
"""

from __future__ import annotations

import pytest

from tests.neo4j_fixtures import DEFAULT_URI, DUMMY_PASSWORD, in_ci, may_skip, neo4j_settings


@pytest.mark.neo4j
def test_server_answers_return_1(neo4j_driver):
    records, _, keys = neo4j_driver.execute_query("RETURN 1 AS one")
    assert keys == ["one"]
    assert [record["one"] for record in records] == [1]


@pytest.mark.neo4j
def test_server_kernel_is_5_26(neo4j_driver):
    records, _, _ = neo4j_driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition"
    )
    kernels = [record for record in records if record["name"] == "Neo4j Kernel"]
    assert len(kernels) == 1, [record.data() for record in records]
    versions = kernels[0]["versions"]
    assert versions and all(version.startswith("5.26.") for version in versions), versions


@pytest.mark.parametrize(
    ("env", "listening", "skip"),
    [
        ({}, False, True),  # a laptop with no server and no configuration: skip with a reason
        ({}, True, False),  # something on 127.0.0.1:7687: use it, fail if it is not Neo4j
        ({"NEO4J_URI": "bolt://db:7687"}, False, False),  # explicitly configured: a dead server is a failure
        ({"CI": "true"}, False, False),  # CI never skips
        ({"CI": "1"}, False, False),
        ({"CI": "True"}, False, False),
        ({"CI": ""}, False, True),
        ({"CI": "false"}, False, True),
    ],
)
def test_missing_server_is_skipped_only_outside_ci(env, listening, skip):
    assert may_skip(env, listening) is skip


def test_settings_defaults_and_environment():
    assert neo4j_settings({}) == (DEFAULT_URI, "neo4j", DUMMY_PASSWORD)
    env = {"NEO4J_URI": "neo4j://example:7688", "NEO4J_USER": "reader", "NEO4J_PASSWORD": "s3cret-pass"}
    assert neo4j_settings(env) == ("neo4j://example:7688", "reader", "s3cret-pass")
    assert not in_ci({})
