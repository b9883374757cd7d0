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

    # --- building -----------------------------------------------------------

    def add_node(self, node_id: str, kind: str, *, source: str | None = None, **props) -> str:
        """Add or update a node; ``None`` values never overwrite known ones."""
        if kind not in NODE_KINDS:
            raise ValueError(f"unknown node kind {kind!r}; use one of {', '.join(NODE_KINDS)}")
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

    def add_source(self, path: str, *, sha256: str, text: str, encoding: str, documents: list[str], fmt: str = "txt",
                   notes=()) -> None:
        """Record a read file: its hash, the documents it holds, and its text."""
        self.g.graph["sources"][path] = {
            "sha256": sha256,
            "encoding": encoding,
            "format": fmt,
            "documents": list(documents),
            "notes": list(notes),
        }
        self._texts[sha256] = text

    def remove_source(self, path: str) -> None:
        """Take out every fact read from ``path`` (before it is read again).

        Evidence from ``path`` leaves every edge (an edge left without evidence goes),
        ``path`` leaves every node's ``sources`` (a node left without sources and edges
        goes). Only the edges and nodes indexed under ``path`` are visited.
        """
        self.g.graph["sources"].pop(path, None)
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

    def _build_source_index(self) -> None:
        """Index edges by the files of their evidence and nodes by their sources (once)."""
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
                        bucket = edges_of.get(src)
                        if bucket is None:
                            bucket = edges_of[src] = set()
                        bucket.add(edge)
        nodes_of: dict[str, set] = {}
        for n, data in self.g.nodes(data=True):
            for src in data.get("sources") or ():
                nodes_of.setdefault(src, set()).add(n)
        self._edges_of, self._nodes_of, self._bare_edges = edges_of, nodes_of, bare

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

    def to_data(self) -> dict:
        return {"format": FORMAT, "version": VERSION, "graph": nx.node_link_data(self.g, edges="edges")}

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
        """Write the graph atomically (temp file + rename) and the texts beside it."""
        path = Path(path or self.path or DEFAULT_DB)
        path.parent.mkdir(parents=True, exist_ok=True)
        tdir = _texts_dir(path)
        tdir.mkdir(parents=True, exist_ok=True)
        _write_texts(tdir, self._texts)
        with gc_paused():
            _atomic_write_chunks(path, (c.encode("utf-8") for c in self._json_chunks()))
        self.path = path
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
        yield f'{{"format": {enc(FORMAT)}, "graph": {{"directed": {enc(G.is_directed())}, "edges": ['
        if multigraph:
            yield from items({**d, "source": u, "target": v, "key": k} for u, v, k, d in G.edges(keys=True, data=True))
        else:
            yield from items({**d, "source": u, "target": v} for u, v, d in G.edges(data=True))
        yield f'], "graph": {enc(G.graph)}, "multigraph": {enc(multigraph)}, "nodes": ['
        yield from items({**G.nodes[n], "id": n} for n in G)
        yield f']}}, "version": {enc(VERSION)}}}'

    @classmethod
    def load(cls, path: str | os.PathLike | None = None) -> "LegalGraph":
        path = Path(path or DEFAULT_DB)
        if not path.exists():
            raise GraphFileError(f"no graph at {path}; run `cancu load DIR` first (or give --db PATH)")
        with gc_paused():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError) as err:
                raise GraphFileError(f"{path} is not valid JSON ({err}); delete it and run `cancu load DIR` again") from err
            graph = cls.from_data(data, where=str(path))
            del data
        graph.path = path
        return graph

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


def _canonical(data) -> str:
    g = dict(data["graph"])
    g["nodes"] = sorted(g["nodes"], key=lambda n: n["id"])
    g["edges"] = sorted(g["edges"], key=lambda e: (e["source"], e["target"], e["key"]))
    return json.dumps({**data, "graph": g}, sort_keys=True, ensure_ascii=False)


def _texts_dir(db: Path) -> Path:
    return db.parent / (db.stem + ".texts")


def _write_texts(tdir: Path, texts: dict[str, str]) -> None:
    """Write the texts not yet in ``tdir`` (``<sha256>.txt``), each atomically.

    All are written to temp files first, made durable together (one ``os.sync``
    where there is one, instead of one ``fsync`` per file: 10,000 new texts took
    seconds), and only then renamed into place; an interruption leaves temp files
    that the next load removes, never a half-written text.
    """
    pending: deque[tuple[str, Path]] = deque()
    try:
        for sha, text in texts.items():
            target = tdir / f"{sha}.txt"
            if target.exists():
                continue
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=str(tdir))
            pending.append((tmp, target))
            with os.fdopen(fd, "wb") as fh:
                fh.write(text.encode("utf-8"))
                if not hasattr(os, "sync"):
                    fh.flush()
                    os.fsync(fh.fileno())
        if pending and hasattr(os, "sync"):
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
