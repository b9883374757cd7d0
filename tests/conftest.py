"""Shared test setup: where the shared corpus lives, and the Neo4j fixture."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: ../shared next to the repository (the corpus, gold files and the yardstick)
SHARED = Path(os.environ.get("CANCU_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"
WEBDOCS = SHARED / "webdocs"
EXAMPLES = ROOT / "examples"

pytest_plugins = ["tests.neo4j_fixtures"]


def corpus_files():
    return sorted(CORPUS.glob("*.txt"))


def gold_for(path: Path) -> dict:
    return json.loads((GOLD / (path.stem + ".json")).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def shared():
    if not CORPUS.is_dir():
        pytest.fail(f"the shared corpus is missing at {CORPUS}; tests read ../shared (set CANCU_SHARED to move it)")
    return SHARED
