"""Shared pytest fixture for tests that need a real Neo4j server (marker ``neo4j``).

The server is found only through the environment, so the same tests run unchanged against
``scripts/neo4j-dev`` (auth disabled: any password works) and against ``docker compose up -d``:

    NEO4J_URI       default bolt://127.0.0.1:7687
    NEO4J_USER      default neo4j
    NEO4J_PASSWORD  default a dummy (fine for scripts/neo4j-dev; docker compose needs the real one)

When no server answers, the fixture SKIPS only outside CI and only if NEO4J_URI is unset and nothing
listens on the default address; under CI=true, or with NEO4J_URI set, it FAILS the test.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

import pytest

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USER = "neo4j"
DUMMY_PASSWORD = "neo4j-dev-auth-disabled"  # accepted by scripts/neo4j-dev, which has auth disabled
START_HINT = "start one with `scripts/neo4j-dev start` (or `docker compose up -d`)"


def neo4j_settings(env: Mapping[str, str] = os.environ) -> tuple[str, str, str]:
    """(uri, user, password) from NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD, with the defaults above."""
    return (
        env.get("NEO4J_URI") or DEFAULT_URI,
        env.get("NEO4J_USER") or DEFAULT_USER,
        env.get("NEO4J_PASSWORD") or DUMMY_PASSWORD,
    )


def in_ci(env: Mapping[str, str] = os.environ) -> bool:
    """True when the CI variable is set the way CI services set it (true / 1 / yes)."""
    return env.get("CI", "").strip().lower() in {"true", "1", "yes"}


def may_skip(env: Mapping[str, str], listening: bool) -> bool:
    """A missing server is a skip only outside CI, with NEO4J_URI unset, and nothing on the default port."""
    return not in_ci(env) and not env.get("NEO4J_URI") and not listening


def is_listening(uri: str, timeout: float = 1.0) -> bool:
    """Whether something accepts TCP connections at the host:port of a bolt:// or neo4j:// URI."""
    parts = urlsplit(uri)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 7687), timeout=timeout):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def neo4j_driver() -> Iterator[Any]:
    """A connected ``neo4j.Driver`` for the whole session, closed at the end."""
    from neo4j import GraphDatabase  # imported here: collecting tests without Neo4j needs no driver

    uri, user, password = neo4j_settings()
    if may_skip(os.environ, is_listening(uri)):
        pytest.skip(f"no Neo4j server: NEO4J_URI is unset and nothing listens on {uri}; {START_HINT}")
    driver = GraphDatabase.driver(uri, auth=(user, password))
    try:
        driver.verify_connectivity()
    except Exception as exc:  # the driver raises several kinds (ServiceUnavailable, AuthError, ...)
        driver.close()
        why = "CI=true" if in_ci() else "NEO4J_URI is set" if os.environ.get("NEO4J_URI") else "a port answers"
        pytest.fail(f"Neo4j at {uri} is not usable ({why}, so this is a failure, not a skip): "
                    f"{type(exc).__name__}: {exc}. {START_HINT}", pytrace=False)
    try:
        yield driver
    finally:
        driver.close()
