"""Shared reading of a ``LegalGraph`` for the named queries.

Everything here walks the networkx adjacency of ``graph.g`` directly (``succ``
and ``pred`` views); nothing copies the graph. A task's citations and duties
belong to its document: :func:`tasks_of` finds a document's tasks (HAS_TASK,
then PART_OF children) and :func:`document_of` goes the other way.
"""
from __future__ import annotations

import bisect
import functools
import re

from graphmodel.graph import LegalGraph

from .models import DueDate, EvidenceRef, InstrumentRef

INSTRUMENT, AGENCY, TASK = "Instrument", "Agency", "Task"
#: the relationships of a legal-basis chain (DESIGN.md)
BASIS_TYPES = ("BASED_ON", "IMPLEMENTS")
#: the relationships that give an agency a role in a task
DUTY_TYPES = ("LEADS", "COORDINATES", "RESPONSIBLE_FOR")
_ROLE_OF = {"LEADS": "lead", "COORDINATES": "coordinate", "RESPONSIBLE_FOR": "assigned"}


def kind(graph: LegalGraph, node: str) -> str | None:
    return graph.g.nodes[node].get("kind")


def is_loaded(data: dict) -> bool:
    """Was this instrument's own text read? (``loaded`` flag, or the ``source`` file a document keeps)."""
    return bool(data.get("loaded") or data.get("source"))


def instrument_ref(graph: LegalGraph, node: str) -> InstrumentRef:
    d = graph.g.nodes[node]
    return InstrumentRef(id=node, symbol=d.get("symbol") or None, doc_type=d.get("doc_type") or None,
                         title=d.get("title") or None, date=d.get("date") or None,
                         jurisdiction=d.get("jurisdiction") or None, loaded=is_loaded(d))


def role_of(rel: str, data: dict) -> str:
    if rel == "RESPONSIBLE_FOR" and data.get("requested"):
        return "requested"
    return _ROLE_OF.get(rel, "assigned")


# --- tasks ------------------------------------------------------------------------

def task_children(graph: LegalGraph, task: str) -> list[str]:
    """Tasks that are PART_OF ``task``."""
    g = graph.g
    return [c for c, kd in g.pred[task].items() if "PART_OF" in kd and g.nodes[c].get("kind") == TASK]


def tasks_of(graph: LegalGraph, doc: str) -> list[str]:
    """Every task of a document (top-level by HAS_TASK, then their PART_OF descendants)."""
    g = graph.g
    out, seen = [], set()
    stack = [t for t, kd in g.succ[doc].items() if "HAS_TASK" in kd]
    while stack:
        t = stack.pop()
        if t in seen:
            continue
        seen.add(t)
        out.append(t)
        stack.extend(task_children(graph, t))
    return out


def document_of(graph: LegalGraph, task: str) -> str | None:
    """The document a task belongs to: its ``document`` attribute, else up PART_OF to HAS_TASK."""
    g = graph.g
    doc = g.nodes[task].get("document")
    if doc and doc in g and g.nodes[doc].get("kind") == INSTRUMENT:
        return doc
    seen, node = set(), task
    while node not in seen:
        seen.add(node)
        for p, kd in g.pred[node].items():
            if "HAS_TASK" in kd:
                return p
        parents = [p for p, kd in g.succ[node].items() if "PART_OF" in kd]
        if not parents:
            return None
        node = parents[0]
    return None


def due_dates(data: dict) -> tuple[DueDate, ...]:
    """A task's deadlines, sorted (dated first, then yearly ``--MM-DD``, each by date)."""
    out = []
    for d in data.get("due") or ():
        if not isinstance(d, dict) or not d.get("due"):
            continue
        out.append(DueDate(due=str(d["due"]), what=d.get("what"), to=d.get("to"), recurring=d.get("recurring"),
                           quote=d.get("quote")))
    uniq = list(dict.fromkeys(out))
    return tuple(sorted(uniq, key=lambda x: (x.due.startswith("--"), x.due, x.what or "")))


_NL_RE = re.compile("\n")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ROMAN_RE = re.compile(r"^[IVXLC]+$")


def _roman(s: str) -> int:
    total, prev = 0, 0
    for ch in reversed(s):
        v = _ROMAN[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


@functools.lru_cache(maxsize=65536)
def section_key(section: str | None) -> tuple:
    """Natural order of section paths: ``I < II < IV < V``, ``IV.4 < IV.12``, letters and bullets after.

    >>> sorted(["IV.12", "IV.4", "II", "V.1"], key=section_key)
    ['II', 'IV.4', 'IV.12', 'V.1']
    """
    out = []
    for p in (section or "").split("."):
        if p.isdigit():
            out.append((1, int(p), ""))
        elif _ROMAN_RE.match(p):
            out.append((0, _roman(p), ""))
        else:
            out.append((2, 0, p))
    return tuple(out)


# --- evidence -----------------------------------------------------------------------

#: newline offsets of texts by content hash (texts never change under a hash), bounded
_NEWLINES: dict[str, list[int]] = {}
_NEWLINES_MAX = 4096


def _newlines_of(sha: str | None, text: str) -> list[int]:
    if sha and sha in _NEWLINES:
        return _NEWLINES[sha]
    nl = [m.start() for m in _NL_RE.finditer(text)]
    if sha:
        if len(_NEWLINES) >= _NEWLINES_MAX:
            _NEWLINES.pop(next(iter(_NEWLINES)))
        _NEWLINES[sha] = nl
    return nl


class EvidenceReader:
    """Turns evidence dicts into :class:`EvidenceRef` with 1-based line numbers.

    Lines come from ``graph.text_of(source)``; the newline offsets of a text are
    computed once per content hash (kept across calls). A file whose text is not
    kept gives ``line=None``.
    """

    def __init__(self, graph: LegalGraph):
        self.graph = graph
        self._newlines: dict[str, list[int] | None] = {}

    def _index(self, source: str) -> list[int] | None:
        if source not in self._newlines:
            info = self.graph.sources().get(source) or {}
            sha = info.get("sha256")
            nl = _NEWLINES.get(sha) if sha else None
            if nl is None:
                text = self.graph.text_of(source)
                nl = None if text is None else _newlines_of(sha, text)
            self._newlines[source] = nl
        return self._newlines[source]

    def line(self, source: str, start: int) -> int | None:
        nl = self._newlines[source] if source in self._newlines else self._index(source)
        if nl is None:
            return None
        return bisect.bisect_left(nl, start) + 1

    def ref(self, ev: dict, section: str | None = None) -> EvidenceRef:
        src = ev.get("source") or ""
        start = ev.get("start") or 0
        if src:
            nl = self._newlines[src] if src in self._newlines else self._index(src)
            line = None if nl is None else bisect.bisect_left(nl, start) + 1
        else:
            line = None
        return EvidenceRef(src, start, ev.get("end") or start, ev.get("quote") or "", line,
                           ev.get("section") or section)

    def refs(self, evs) -> tuple[EvidenceRef, ...]:
        """Evidence of an edge (or of several merged), sorted by (source, start, end), duplicates dropped."""
        if not evs:
            return ()
        if len(evs) == 1:
            return (self.ref(evs[0]),)
        out = {}
        for ev in evs:
            r = self.ref(ev)
            out[(r.source, r.start, r.end, r.quote)] = r
        return tuple(out[k] for k in sorted(out, key=lambda k: (k[0], k[1], k[2])))
