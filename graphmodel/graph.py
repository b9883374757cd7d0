"""``LegalGraph``: the graph of legal bases and responsibilities over networkx.

A ``networkx.MultiDiGraph`` whose nodes carry ``kind`` (Instrument, Agency,
Task, Person) and whose edges are keyed by relationship type, each edge with an
``evidence`` list of ``{source, start, end, quote, section}``. Nodes remember
the files they came from (``sources``) so a changed file can be taken out and
read again. Saved as JSON (networkx node-link data) atomically; the texts the
evidence points into are kept beside it, one file per content hash.
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import tempfile
from collections import Counter, deque
from contextlib import contextmanager
from pathlib import Path

import networkx as nx

from .errors import GraphFileError
from .models import Evidence
from .vocab import NODE_KINDS, REL_TYPES

FORMAT = "cancu-graph"
VERSION = 1
DEFAULT_DB = Path(".cancu") / "graph.json"


@contextmanager
def gc_paused():
    """No cyclic garbage collection inside (restored after).

    Building or reading a large graph makes millions of containers and no garbage
    cycles; the collector's full passes over the growing heap took half the time of
    reading a 10,000-document graph (json.loads 2.5 s -> 1.1 s, the graph 2.5 s -> 1.5 s).
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _evidence_dict(ev) -> dict:
    if isinstance(ev, Evidence):
        return {"source": ev.source, "start": ev.start, "end": ev.end, "quote": ev.quote, "section": ev.section}
    return dict(ev)


class LegalGraph:
    """The graph, its sources and the texts they were read from.

    >>> g = LegalGraph()
    >>> g.add_node("instrument:11-NQ/TW", "Instrument", source="a.txt", symbol="11-NQ/TW")
    'instrument:11-NQ/TW'
    >>> g.add_node("instrument:1/KH-UBND@x", "Instrument", source="a.txt")
    'instrument:1/KH-UBND@x'
    >>> g.add_edge("instrument:1/KH-UBND@x", "instrument:11-NQ/TW", "IMPLEMENTS",
    ...            Evidence("a.txt", 0, 9, "Thực hiện", "preamble"))
    >>> g.count_edges()
    1
    """

    def __init__(self, graph: nx.MultiDiGraph | None = None):
        self.g = graph if graph is not None else nx.MultiDiGraph()
        self.g.graph.setdefault("sources", {})
        self._texts: dict[str, str] = {}
        self.path: Path | None = None
        #: source file → the edges with evidence from it and the nodes that list it (built on the first
        #: ``remove_source``, then kept up to date by ``add_node``/``add_edge``; entries may outlive their edge)
        self._edges_of: dict[str, set] | None = None
        self._nodes_of: dict[str, set] | None = None
        #: edges added without evidence (``remove_source`` of any file takes them out)
        self._bare_edges: set | None = None
        #: the files the index covers (``None``: every file), see ``_build_source_index``
        self._indexed: set | None = None
        #: when a list: every change is also recorded here as ``[method, args, kwargs]`` (JSON-able),
        #: so that ``apply_ops`` can make the same changes to another graph (see ``recording``)
        self._ops: list | None = None
        #: file key → ``{"st_size", "st_mtime_ns", "seen_ns"}`` of the file when its hash was last checked
        #: (kept in the journal; ``cancu load`` trusts an unchanged stat instead of reading the file)
        self.file_stats: dict[str, dict] = {}
        #: a word on the journal beside the saved graph when it was not used (stale or unreadable)
        self.journal_note: str | None = None
        #: changed files replayed from the journal by ``load``
        self.journal_entries = 0
        #: the generation of the snapshot this graph was read from ("" for a new graph)
        self._base = ""

    @classmethod
    def recording(cls) -> "LegalGraph":
        """An empty graph that records every change made to it (``ops``) so they can be replayed."""
        graph = cls()
        graph._ops = []
        return graph

    @property
    def ops(self) -> list:
        """The changes recorded so far (``recording`` graphs only)."""
        if self._ops is None:
            raise ValueError("this graph does not record its changes; make it with LegalGraph.recording()")
        return self._ops

    #: the methods ``apply_ops`` may call
    OPS = frozenset({"add_node", "add_edge", "set_node", "add_to_list", "add_source"})

    def apply_ops(self, ops) -> None:
        """Make the recorded changes ``ops`` to this graph, in order."""
        for op in ops:
            name, args, kwargs = op
            if name not in self.OPS:
                raise GraphFileError(f"unknown change {name!r} in a journal; delete the journal and load again")
            getattr(self, name)(*args, **kwargs)

    # --- building -----------------------------------------------------------

    def add_node(self, node_id: str, kind: str, *, source: str | None = None, **props) -> str:
        """Add or update a node; ``None`` values never overwrite known ones."""
        if kind not in NODE_KINDS:
            raise ValueError(f"unknown node kind {kind!r}; use one of {', '.join(NODE_KINDS)}")
        if self._ops is not None:
            self._ops.append(["add_node", [node_id, kind], {"source": source, **props}])
        if node_id in self.g:
            data = self.g.nodes[node_id]
            if data.get("kind") != kind:
                raise ValueError(f"node {node_id!r} is a {data.get('kind')}, not a {kind}")
            for k, v in props.items():
                # known values are kept; "loaded" only ever goes from False to True
                if v is not None and v != "" and (k not in data or data[k] in (None, "", [], False)):
                    data[k] = v
        else:
            self.g.add_node(node_id, kind=kind, **{k: v for k, v in props.items() if v is not None})
            self.g.nodes[node_id].setdefault("sources", [])
        if source and source not in self.g.nodes[node_id]["sources"]:
            self.g.nodes[node_id]["sources"].append(source)
            if self._nodes_of is not None:
                self._nodes_of.setdefault(source, set()).add(node_id)
        return node_id

    def add_edge(self, u: str, v: str, rel: str, evidence=None, **props) -> None:
        """Add a relationship ``u -[rel]-> v``; evidence lists are merged."""
        if rel not in REL_TYPES:
            raise ValueError(f"unknown relationship type {rel!r}; use one of {', '.join(REL_TYPES)}")
        for end in (u, v):
            if end not in self.g:
                raise ValueError(f"node {end!r} not in graph; add it before the edge")
        src_kinds, dst_kinds = REL_TYPES[rel]
        if self.g.nodes[u]["kind"] not in src_kinds or self.g.nodes[v]["kind"] not in dst_kinds:
            raise ValueError(
                f"{rel} goes from {'/'.join(sorted(src_kinds))} to {'/'.join(sorted(dst_kinds))}, "
                f"not {self.g.nodes[u]['kind']} → {self.g.nodes[v]['kind']}"
            )
        evs = [_evidence_dict(e) for e in (evidence if isinstance(evidence, (list, tuple)) else [evidence]) if e]
        if self._ops is not None:
            self._ops.append(["add_edge", [u, v, rel, [dict(e) for e in evs]], dict(props)])
        if self.g.has_edge(u, v, key=rel):
            data = self.g.edges[u, v, rel]
            for e in evs:
                if e not in data["evidence"]:
                    data["evidence"].append(e)
            for k, val in props.items():
                if val is not None:
                    data[k] = val
        else:
            self.g.add_edge(u, v, key=rel, type=rel, evidence=evs, **{k: x for k, x in props.items() if x is not None})
            if not evs and self._bare_edges is not None:
                self._bare_edges.add((u, v, rel))
        if self._edges_of is not None:
            for e in evs:
                self._edges_of.setdefault(e.get("source"), set()).add((u, v, rel))

    def set_node(self, node_id: str, key: str, value) -> None:
        """Set one attribute of a node (overwriting it)."""
        data = self.g.nodes[node_id]
        if self._ops is not None:
            self._ops.append(["set_node", [node_id, key, value], {}])
        data[key] = value

    def add_to_list(self, node_id: str, key: str, *items) -> None:
        """Make the node attribute ``key`` a list (if it is not there) and add each item not in it yet."""
        data = self.g.nodes[node_id]
        if self._ops is not None:
            self._ops.append(["add_to_list", [node_id, key, *items], {}])
        values = data.setdefault(key, [])
        for item in items:
            if item not in values:
                values.append(item)

    def add_source(self, path: str, *, sha256: str, text: str | None, encoding: str, documents: list[str],
                   fmt: str = "txt", notes=()) -> None:
        """Record a read file: its hash, the documents it holds, and its text (``None``: already saved
        beside the graph file, where ``text_of`` finds it)."""
        if self._ops is not None:
            self._ops.append(["add_source", [path], {"sha256": sha256, "text": None, "encoding": encoding,
                                                     "documents": list(documents), "fmt": fmt,
                                                     "notes": list(notes)}])
        self.g.graph["sources"][path] = {
            "sha256": sha256,
            "encoding": encoding,
            "format": fmt,
            "documents": list(documents),
            "notes": list(notes),
        }
        if text is not None:
            self._texts[sha256] = text

    def remove_source(self, path: str) -> None:
        """Take out every fact read from ``path`` (before it is read again).

        Evidence from ``path`` leaves every edge (an edge left without evidence goes),
        ``path`` leaves every node's ``sources`` (a node left without sources and edges
        goes). Only the edges and nodes indexed under ``path`` are visited.
        """
        self.g.graph["sources"].pop(path, None)
        if self._indexed is not None and path not in self._indexed:
            self._edges_of = None  # the index covers some files only: make it whole
        self._build_source_index()
        g = self.g
        candidates = self._edges_of.pop(path, set()) | self._bare_edges
        self._bare_edges = set()
        for u, v, k in candidates:
            if not g.has_edge(u, v, key=k):
                continue  # taken out with another file
            data = g.edges[u, v, k]
            kept = [e for e in data.get("evidence", []) if e.get("source") != path]
            if not kept:
                g.remove_edge(u, v, key=k)
            elif len(kept) != len(data["evidence"]):
                data["evidence"] = kept
        for n in self._nodes_of.pop(path, set()):
            if n not in g:
                continue
            data = g.nodes[n]
            srcs = data.get("sources", [])
            if path in srcs:
                srcs.remove(path)
                if data.get("source") == path:
                    data.pop("source", None)
                    data["loaded"] = False
                if not srcs and g.degree(n) == 0:
                    g.remove_node(n)

    def _build_source_index(self, only: set | None = None) -> None:
        """Index edges by the files of their evidence and nodes by their sources (once).

        With ``only``, the index covers those files alone (a third of the time of the whole
        index on a 10,000-document graph): enough to replay a journal, which takes out only
        the files it names; ``remove_source`` of another file makes the whole index then.
        """
        if self._edges_of is not None:
            return
        edges_of: dict[str, set] = {}
        bare: set = set()
        for u, nbrs in self.g.adjacency():
            for v, keydict in nbrs.items():
                for k, data in keydict.items():
                    evs = data.get("evidence") or ()
                    if not evs:
                        bare.add((u, v, k))
                        continue
                    edge = (u, v, k)
                    for e in evs:
                        src = e.get("source")
                        if only is not None and src not in only:
                            continue
                        bucket = edges_of.get(src)
                        if bucket is None:
                            bucket = edges_of[src] = set()
                        bucket.add(edge)
        nodes_of: dict[str, set] = {}
        for n, data in self.g.nodes(data=True):
            for src in data.get("sources") or ():
                if only is None or src in only:
                    nodes_of.setdefault(src, set()).add(n)
        self._edges_of, self._nodes_of, self._bare_edges = edges_of, nodes_of, bare
        self._indexed = None if only is None else set(only)

    # --- reading ----------------------------------------------------------------

    def sources(self) -> dict:
        return self.g.graph["sources"]

    def text_of(self, path: str) -> str | None:
        """The normalised text of a loaded file (what evidence offsets refer to)."""
        info = self.g.graph["sources"].get(path)
        if not info:
            return None
        sha = info["sha256"]
        if sha in self._texts:
            return self._texts[sha]
        if self.path is not None:
            p = _texts_dir(self.path) / f"{sha}.txt"
            if p.exists():
                self._texts[sha] = p.read_text(encoding="utf-8")
                return self._texts[sha]
        return None

    def nodes(self, kind: str | None = None):
        for n, d in self.g.nodes(data=True):
            if kind is None or d.get("kind") == kind:
                yield n, d

    def count_nodes(self, kind: str | None = None) -> int:
        return sum(1 for _ in self.nodes(kind))

    def count_edges(self, rel: str | None = None) -> int:
        if rel is None:
            return self.g.number_of_edges()
        return sum(1 for *_, k in self.g.edges(keys=True) if k == rel)

    def stats(self) -> dict:
        """Counts of files, nodes by kind, loaded documents, edges and edges by type (one pass over each)."""
        out = {"files": len(self.sources())}
        kinds = Counter()
        documents = 0
        for _, d in self.g.nodes(data=True):
            kind = d.get("kind")
            kinds[kind] += 1
            if kind == "Instrument" and d.get("loaded"):
                documents += 1
        for kind in NODE_KINDS:
            out[kind] = kinds[kind]
        out["documents"] = documents
        out["edges"] = self.g.number_of_edges()
        rels = Counter(k for _, keydicts in self.g.adjacency() for keydict in keydicts.values() for k in keydict)
        for rel in REL_TYPES:
            if rels[rel]:
                out[rel] = rels[rel]
        return out

    # --- persistence ---------------------------------------------------------

    def generation(self) -> str:
        """The name a save gives the snapshot (for its journal): the sha256 of the generation it was
        loaded from and its sources (files, hashes, documents). Two loads of the same files from the
        same start save the same bytes; a snapshot saved over another one never has its name."""
        return _generation(self._base, self.g.graph["sources"])

    def to_data(self) -> dict:
        return {"format": FORMAT, "generation": self.generation(), "version": VERSION,
                "graph": nx.node_link_data(self.g, edges="edges")}

    @classmethod
    def from_data(cls, data: dict, *, where: str = "graph data") -> "LegalGraph":
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise GraphFileError(f"{where} is not a cancu graph file; load documents with `cancu load DIR` to make one")
        if data.get("version") != VERSION:
            raise GraphFileError(
                f"{where} has format version {data.get('version')}, this cancu reads {VERSION}; load the documents again"
            )
        g = nx.node_link_graph(data["graph"], directed=True, multigraph=True, edges="edges")
        return cls(g)

    def save(self, path: str | os.PathLike | None = None) -> Path:
        """Write the graph atomically (temp file + rename), the texts beside it, then an empty journal.

        The order keeps every moment readable: texts first, then the snapshot; a journal
        left from before names the previous snapshot and is ignored until the new empty
        one replaces it.
        """
        path = Path(path or self.path or DEFAULT_DB)
        path.parent.mkdir(parents=True, exist_ok=True)
        tdir = _texts_dir(path)
        tdir.mkdir(parents=True, exist_ok=True)
        _write_texts(tdir, self._texts)
        with gc_paused():
            _atomic_write_chunks(path, (c.encode("utf-8") for c in self._json_chunks()))
            write_journal(path, journal_head(self.generation(), self.g.graph["sources"], self.file_stats))
        self.path = path
        self.journal_entries = 0
        return path

    #: nodes or edges encoded at a time by ``save`` (the whole file is never one string in memory)
    SAVE_CHUNK = 2000

    def _json_chunks(self):
        """The text of ``json.dumps(self.to_data(), ensure_ascii=False, sort_keys=True)``, piece by piece.

        The same bytes as that one call (keys in sorted order, the default separators),
        written a few thousand nodes or edges at a time: a 10,000-document graph is a
        170 MB text, and holding it (and the node-link copy of the graph) at once
        doubled the peak memory of a load.
        """
        enc = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
        G = self.g

        def items(rows):
            first = True
            batch = []
            for row in rows:
                batch.append(row)
                if len(batch) >= self.SAVE_CHUNK:
                    yield ("" if first else ", ") + enc(batch)[1:-1]
                    first, batch = False, []
            if batch:
                yield ("" if first else ", ") + enc(batch)[1:-1]

        multigraph = G.is_multigraph()
        yield (f'{{"format": {enc(FORMAT)}, "generation": {enc(self.generation())}, '
               f'"graph": {{"directed": {enc(G.is_directed())}, "edges": [')
        if multigraph:
            yield from items({**d, "source": u, "target": v, "key": k} for u, v, k, d in G.edges(keys=True, data=True))
        else:
            yield from items({**d, "source": u, "target": v} for u, v, d in G.edges(data=True))
        yield f'], "graph": {enc(G.graph)}, "multigraph": {enc(multigraph)}, "nodes": ['
        yield from items({**G.nodes[n], "id": n} for n in G)
        yield f']}}, "version": {enc(VERSION)}}}'

    @classmethod
    def load(cls, path: str | os.PathLike | None = None, *, journal: bool = True) -> "LegalGraph":
        """The saved graph: the snapshot at ``path`` and the files changed since, replayed from its
        journal (``graph.json.journal`` beside it) when the journal belongs to this snapshot.

        A journal that is unreadable or names another snapshot is not used: ``journal_note``
        says so (the snapshot alone is then the graph, as it was saved).
        """
        path = Path(path or DEFAULT_DB)
        if not path.exists():
            raise GraphFileError(f"no graph at {path}; run `cancu load DIR` first (or give --db PATH)")
        with gc_paused():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError) as err:
                raise GraphFileError(f"{path} is not valid JSON ({err}); delete it and run `cancu load DIR` again") from err
            graph = cls.from_data(data, where=str(path))
            generation = data.get("generation")
            del data
        graph.path = path
        graph._base = generation or ""
        if journal:
            graph._replay_journal(path, generation)
        return graph

    def _replay_journal(self, path: Path, generation: str | None) -> None:
        """Replay the journal beside ``path`` if it belongs to the snapshot ``generation``."""
        try:
            head = read_journal(path)
        except GraphFileError as err:
            self.journal_note = str(err)
            return
        if head is None:
            return
        if head["base"] != generation:
            self.journal_note = (f"{journal_path(path).name} belongs to another save of {path.name} (an "
                                 "interrupted save?) and was not used; the next `cancu load` rewrites it")
            return
        try:
            with gc_paused():
                replaced = {e["key"] for e in head["entries"]}
                if replaced & self.g.graph["sources"].keys():
                    self._build_source_index(only=replaced)
                for entry in head["entries"]:
                    key = entry["key"]
                    if key in self.g.graph["sources"]:
                        self.remove_source(key)
                    self.apply_ops(entry["ops"])
        except (GraphFileError, ValueError, KeyError, TypeError) as err:
            again = type(self).load(path, journal=False)
            self.__dict__.update(again.__dict__)
            self.journal_note = (f"{journal_path(path).name} could not be replayed ({type(err).__name__}: {err}) "
                                 "and was not used; the next `cancu load` rewrites it")
            return
        sources, stats = split_sources(head["sources"])
        if sources != self.g.graph["sources"]:
            again = type(self).load(path, journal=False)
            self.__dict__.update(again.__dict__)
            self.journal_note = (f"{journal_path(path).name} does not match {path.name} after replay and was not "
                                 "used; the next `cancu load` rewrites it")
            return
        self.file_stats = stats
        self.journal_entries = len(head["entries"])

    @classmethod
    def open(cls, path: str | os.PathLike | None = None) -> "LegalGraph":
        """Load the graph at ``path`` or start an empty one there."""
        path = Path(path or DEFAULT_DB)
        if path.exists():
            return cls.load(path)
        graph = cls()
        graph.path = path
        return graph

    def __eq__(self, other) -> bool:
        if not isinstance(other, LegalGraph):
            return NotImplemented
        return _canonical(self.to_data()) == _canonical(other.to_data())

    __hash__ = None


# --- the journal ------------------------------------------------------------------
#
# ``graph.json`` is a snapshot; ``graph.json.journal`` beside it (JSON too) holds what changed since:
# ``{"format", "version", "base": <the snapshot's generation>, "sources": {file: source info +
# st_size, st_mtime_ns, seen_ns}, "entries": [{"key", "source", "ops"}]}``. An entry is one
# changed file: ``remove_source(key)`` then its recorded ``ops``. ``save`` writes both files
# (the journal with no entries); ``cancu load`` of a few changed files rewrites only the journal.

JOURNAL_FORMAT = "cancu-journal"
JOURNAL_VERSION = 1
#: the stat fields kept per file in the journal's ``sources`` (not part of the graph)
STAT_FIELDS = ("st_size", "st_mtime_ns", "seen_ns")


def _generation(base: str, sources: dict) -> str:
    text = base + "\n" + json.dumps(sources, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def journal_path(db: str | os.PathLike) -> Path:
    db = Path(db)
    return db.parent / (db.name + ".journal")


def journal_head(base: str, sources: dict, file_stats: dict, entries=()) -> dict:
    """A journal: the snapshot it follows, the current sources (with the files' stats), the entries."""
    merged = {}
    for key, info in sources.items():
        st = file_stats.get(key)
        merged[key] = {**info, **st} if st else dict(info)
    return {"format": JOURNAL_FORMAT, "version": JOURNAL_VERSION, "base": base, "sources": merged,
            "entries": list(entries)}


def split_sources(journal_sources: dict) -> tuple[dict, dict]:
    """The journal's ``sources`` → (the graph's sources, file key → stat fields)."""
    sources, stats = {}, {}
    for key, info in journal_sources.items():
        st = {f: info[f] for f in STAT_FIELDS if f in info}
        sources[key] = {k: v for k, v in info.items() if k not in STAT_FIELDS}
        if len(st) == len(STAT_FIELDS):
            stats[key] = st
    return sources, stats


def read_journal(db: str | os.PathLike) -> dict | None:
    """The journal beside the graph file ``db`` (``None`` when there is none).

    Raises ``GraphFileError`` when it cannot be used (not JSON, another format or version)."""
    jp = journal_path(db)
    try:
        raw = jp.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise GraphFileError(f"{jp.name} could not be read ({err}) and was not used") from err
    try:
        with gc_paused():
            head = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise GraphFileError(f"{jp.name} is not valid JSON ({err}) and was not used; the next `cancu load` "
                             "rewrites it") from err
    if (not isinstance(head, dict) or head.get("format") != JOURNAL_FORMAT or head.get("version") != JOURNAL_VERSION
            or not isinstance(head.get("sources"), dict) or not isinstance(head.get("entries"), list)
            or not isinstance(head.get("base"), str)):
        raise GraphFileError(f"{jp.name} is not a cancu journal this version reads and was not used; the next "
                             "`cancu load` rewrites it")
    return head


def write_journal(db: str | os.PathLike, head: dict) -> None:
    """Write the journal beside ``db`` atomically."""
    atomic_write(journal_path(db), json.dumps(head, ensure_ascii=False, sort_keys=True,
                                              separators=(",", ":")).encode("utf-8"))


_GENERATION_RE = re.compile(rb'^\{"format": "[^"]*", "generation": "([0-9a-f]{64})"')


def snapshot_generation(db: str | os.PathLike) -> str | None:
    """The generation of the snapshot at ``db``, from its first bytes (``None``: none there)."""
    try:
        with open(db, "rb") as fh:
            first = fh.read(256)
    except OSError:
        return None
    m = _GENERATION_RE.match(first)
    return m.group(1).decode("ascii") if m else None


def _canonical(data) -> str:
    data = {k: v for k, v in data.items() if k != "generation"}  # where the graph was saved, not what it is
    g = dict(data["graph"])
    g["nodes"] = sorted(g["nodes"], key=lambda n: n["id"])
    g["edges"] = sorted(g["edges"], key=lambda e: (e["source"], e["target"], e["key"]))
    return json.dumps({**data, "graph": g}, sort_keys=True, ensure_ascii=False)


def _texts_dir(db: Path) -> Path:
    return db.parent / (db.stem + ".texts")


#: new texts fsynced one by one (more are made durable with one ``os.sync``)
FSYNC_EACH = 16


def write_texts(db: str | os.PathLike, texts: dict[str, str]) -> None:
    """Write the texts not yet beside the graph file ``db``, each atomically and durably."""
    tdir = _texts_dir(Path(db))
    tdir.mkdir(parents=True, exist_ok=True)
    _write_texts(tdir, texts)


def _write_texts(tdir: Path, texts: dict[str, str]) -> None:
    """Write the texts not yet in ``tdir`` (``<sha256>.txt``), each atomically.

    All are written to temp files first, made durable together (one ``os.sync``
    where there is one, instead of one ``fsync`` per file: 10,000 new texts took
    seconds; up to ``FSYNC_EACH`` new texts are fsynced one by one, cheaper than
    syncing the whole machine), and only then renamed into place; an interruption
    leaves temp files that the next load removes, never a half-written text.
    """
    pending: deque[tuple[str, Path]] = deque()
    new = [(sha, text) for sha, text in texts.items() if not (tdir / f"{sha}.txt").exists()]
    each = len(new) <= FSYNC_EACH or not hasattr(os, "sync")
    try:
        for sha, text in new:
            target = tdir / f"{sha}.txt"
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=str(tdir))
            pending.append((tmp, target))
            with os.fdopen(fd, "wb") as fh:
                fh.write(text.encode("utf-8"))
                if each:
                    fh.flush()
                    os.fsync(fh.fileno())
        if pending and not each:
            os.sync()
        while pending:
            tmp, target = pending[0]
            os.replace(tmp, target)
            pending.popleft()
    except BaseException:
        for tmp, _ in pending:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
        raise


def atomic_write(path: Path, data, *, sync: bool = True) -> None:
    """Write ``data`` (bytes, or an iterable of byte chunks) to ``path`` atomically:
    a temp file in the same folder, fsync (unless ``sync=False``), then rename.
    On any failure the temp file is removed and ``path`` is left as it was."""
    chunks = (data,) if isinstance(data, (bytes, bytearray)) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _atomic_write_chunks(path: Path, chunks) -> None:
    atomic_write(path, chunks)


def _atomic_write(path: Path, data: bytes) -> None:
    atomic_write(path, data)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
