"""One exception root for cancu, with specific subclasses.

Messages name the value and the fix, e.g.
``UnknownInstrument("no instrument '1696/QĐ-TTg' in .cancu/graph.json; run `cancu load DIR` first or see `cancu cited`")``.
"""
from __future__ import annotations


class CancuError(Exception):
    """Root of every error cancu raises on purpose."""


class LoadError(CancuError):
    """A file could not be read; the rest of a load goes on."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class DecodeError(LoadError):
    """The bytes of a file are in no encoding cancu can read."""


class UnsupportedFormat(LoadError):
    """A file of a format cancu does not read (yet)."""


class GraphFileError(CancuError):
    """The saved graph file is missing, corrupt or of another version."""


class NotFound(CancuError):
    """A named subject is not in the graph."""


class UnknownInstrument(NotFound):
    pass


class UnknownAgency(NotFound):
    pass


class Ambiguous(CancuError):
    """A name matches several nodes; ``candidates`` lists them."""

    def __init__(self, name: str, candidates, what: str = "node"):
        self.name = name
        self.candidates = list(candidates)
        lines = "\n".join(f"  {c}" for c in self.candidates[:20])
        plural = what[:-1] + "ies" if what.endswith("y") else what + "s"
        super().__init__(f"'{name}' matches several {plural}; did you mean one of:\n{lines}")


class AliasFileError(CancuError):
    """The user's alias or instrument file cannot be used."""


class Neo4jUnavailable(CancuError):
    """No Neo4j server answers at the given URI."""
