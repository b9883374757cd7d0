"""Run the shared yardstick (../shared/tools/score.py) on `cancu extract` and read its summary."""
from __future__ import annotations

import functools
import json
import shlex
import subprocess
import sys

from tests.conftest import GOLD, CORPUS, SHARED, WEBDOCS

CMD = f"{shlex.quote(sys.executable)} -m cancu extract {{file}} --format json"


@functools.lru_cache(maxsize=None)
def score(kind: str) -> tuple[dict, str]:
    """``(summary, printed table)`` of score.py for ``mentions`` (gold) or ``instruments`` (webdocs)."""
    corpus, gold = (CORPUS, GOLD) if kind == "mentions" else (WEBDOCS / "docs", WEBDOCS / "gold")
    out = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "score.py"), kind, "--corpus", str(corpus), "--gold", str(gold),
         "--cmd", CMD, "--json"],
        capture_output=True, text=True, timeout=900,
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    return json.loads(lines[-1]), "\n".join(lines[:-1])
