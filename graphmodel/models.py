"""The values that pass between stages: small, frozen, and free of behaviour.

Every stage of cancu (read → structure → extract → resolve → graph) takes these
values and returns new ones; no stage fills fields into an earlier stage's object.
Offsets (``start``/``end``) are Python ``str`` indices into the NFC-normalised text
of the source file (``SourceText.text``), half-open, so ``text[start:end] == quote``.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SourceText:
    """A file as read: its normalised text and how it was decoded."""

    path: str
    text: str
    encoding: str
    sha256: str
    format: str = "txt"
    #: remarks made while reading (encoding guessed, legacy font converted, ...)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: file, character span, the quoted text, the section."""

    source: str
    start: int
    end: int
    quote: str
    section: str | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """A piece of text with its span (an addressee, a copy recipient, a header line)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause of the preamble.

    ``kind`` is ``based_on`` (Căn cứ), ``implements`` (Thực hiện / Triển khai /
    Để triển khai), ``proposed_by`` (Theo/Xét đề nghị của, Xét Tờ trình), ``received``
    (a letter's *đã nhận Công văn ...*) or ``other`` (context paragraphs).
    """

    kind: str
    start: int
    end: int
    cue: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered item of the body (``I.``, ``1.``, ``a)``, ``-``, ``+``).

    ``path`` is the dotted path of numbered labels (``V.1.a``); bullets take
    their position (``V.1.-2``). ``start``/``end`` cover the whole item with its
    children; ``heading_start``/``heading_end`` cover its first line without the
    label and without Markdown markup.
    """

    path: str
    label: str
    level: int
    style: str  # roman | arabic | letter | dash | plus | article
    start: int
    end: int
    heading_start: int
    heading_end: int
    heading: str
    children: tuple["Section", ...] = ()


@dataclass(frozen=True, slots=True)
class Signer:
    name: str
    position: str | None
    on_behalf: str | None
    start: int
    end: int
    concurrent_position: str | None = None
    position_corrected: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """The skeleton of one document inside a source file."""

    source: str
    start: int
    end: int
    doc_type: str | None = None
    symbol: str | None = None
    symbol_as_written: str | None = None
    symbol_span: tuple[int, int] | None = None
    date: str | None = None
    date_as_written: str | None = None
    place: str | None = None
    issuer: str | None = None
    issuer_lines: tuple[Line, ...] = ()
    jurisdiction: str | None = None
    title: str | None = None
    title_span: tuple[int, int] | None = None
    preamble: tuple[Clause, ...] = ()
    #: where the body starts and ends (after the preamble, before the closing)
    body_start: int | None = None
    body_end: int | None = None
    sections: tuple[Section, ...] = ()
    #: where the paragraphs that close the body start (``Trên đây là ...``), if any
    closing_start: int | None = None
    addressed_to: tuple[Line, ...] = ()
    copied_to: tuple[Line, ...] = ()
    signer: Signer | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CitationMention:
    """A mention of another instrument in a document."""

    start: int
    end: int
    quote: str
    doc_type: str | None
    symbol: str | None = None
    symbol_corrected: str | None = None
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    name: str | None = None
    relation: str = "cites"  # based_on | implements | proposed_by | attaches | cites
    section: str | None = None
    implements: str | None = None
    promulgated_in: str | None = None
    nested: bool = False
    #: the id of the Instrument node this mention resolved to (set by resolution)
    target_id: str | None = None
    #: a remark on how a field was decided (a correction, a conflict, an inference)
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Responsibility:
    """An agency named as having a role in a task."""

    agency: str
    start: int
    end: int
    role: str  # lead | coordinate | assigned | requested
    section: str | None = None
    canonical: str | None = None
    agency_id: str | None = None
    generic: bool = False
    task_path: str | None = None


@dataclass(frozen=True, slots=True)
class Deadline:
    what: str
    due: str  # YYYY-MM-DD or --MM-DD
    quote: str
    start: int
    end: int
    to: str | None = None
    by: str | None = None
    recurring: str | None = None
    section: str | None = None


@dataclass(frozen=True, slots=True)
class Target:
    what: str
    value: str
    year: int | None
    quote: str
    start: int
    end: int
    until: int | None = None
    recurring: str | None = None
    section: str | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything read from one document."""

    document: Document
    citations: tuple[CitationMention, ...] = ()
    responsibilities: tuple[Responsibility, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    targets: tuple[Target, ...] = ()


@dataclass(frozen=True, slots=True)
class Merge:
    """Why two names were joined into one node."""

    a: str
    b: str
    norm_a: str
    norm_b: str
    score: float
    rule: str


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A mention that matched nothing, and why."""

    mention: str
    source: str
    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class Resolution:
    """The outcome of a resolution step: the ids chosen, the merges made, what stayed alone."""

    ids: dict = field(default_factory=dict)
    merges: tuple[Merge, ...] = ()
    unresolved: tuple[Unresolved, ...] = ()
