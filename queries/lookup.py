"""Find the instrument or agency a user means, or say plainly that it is not there.

Instruments (:func:`find_instrument`), tried in order, the first stage that
matches anything decides:

1. the node id itself (``instrument:742/QĐ-UBND@gia-lai/2016``);
2. the symbol, in any dash/space/case variant and accent-free (``11 - nq/tw``,
   ``1696/QD-TTg``), also after the OCR correction and the official case of
   ``graphmodel.instruments`` (``481/LĐTBOXH-BĐG`` → ``481/LĐTBXH-BĐG``);
3. the name: the folded query equal to a folded title, ``<type> <title>``,
   ``name`` or ``short_names``/``aliases`` of a node; then contained in one
   (whole words, at least two words);
4. fuzzy: rapidfuzz ``ratio`` of folded names ≥ :data:`FUZZY_SCORE` with the
   same numbers (years, periods) in query and name.

Several matches raise :class:`~graphmodel.errors.Ambiguous` listing them, except
one case: when exactly one match is a loaded document and every other is an
unloaded mention compatible with it (same jurisdiction and date, or none given)
— the same instrument, seen once in full and once in citations — the document is
taken. No match raises :class:`~graphmodel.errors.UnknownInstrument`, with the
nearest names as suggestions.

Agencies (:func:`find_agency`): by id; by comparison key (``graphmodel.agencies
.agency_key``: abbreviations expanded, kind word unified, the place qualifier of
the agency's own jurisdiction dropped — ``Sở LĐTBXH tỉnh`` = ``Sở Lao động - Thương
binh và Xã hội tỉnh Gia Lai``) of the name or an alias; then fuzzy (ratio ≥
:data:`FUZZY_SCORE`, same first distinctive word, so *Sở Nội vụ* never finds *Sở
Ngoại vụ*). ``province`` keeps the agencies of that jurisdiction (``national``
for central bodies). All nodes with the matching key in one jurisdiction are one
agency (:class:`~queries.models.AgencyRef` ``ids``); matches in several
jurisdictions raise ``Ambiguous``.
"""
from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from graphmodel.errors import Ambiguous, UnknownAgency, UnknownInstrument
from graphmodel.graph import LegalGraph
from graphmodel.instruments import correct_symbol, official_symbol
from graphmodel.normalize import fold, normalize_symbol

from .common import AGENCY, INSTRUMENT, instrument_ref, is_loaded
from .models import AgencyRef, InstrumentRef

try:  # the agency normaliser (abbreviations, kind words); plain folding when it is absent
    from graphmodel.agencies import agency_key as _agency_key
    from graphmodel.agencies import distinctive_head as _distinctive_head
except ImportError:  # pragma: no cover - depends on the state of graphmodel
    _agency_key = None
    _distinctive_head = None

#: minimum rapidfuzz ratio (0-100) for a fuzzy match to be taken
FUZZY_SCORE = 90.0
#: minimum WRatio for a name to be offered as a suggestion
SUGGEST_SCORE = 60.0
#: how many suggestions an error lists
SUGGESTIONS = 5

_SYMBOLISH = re.compile(r"^\s*\d+[A-Za-zĐđ]*\s*[-/–—]")
_DIGITS = re.compile(r"\d+")


# --- instruments ------------------------------------------------------------------------

def symbol_keys(symbol: str | None) -> set[str]:
    """Comparison keys of a symbol: accent-, case-, dash- and space-free, as written,
    in official case and after OCR correction."""
    if not symbol:
        return set()
    forms = {symbol, normalize_symbol(symbol), official_symbol(symbol)}
    c = correct_symbol(symbol)
    if c is not None and c.corrected:
        forms.add(c.corrected)
    return {_compact(f) for f in forms if f}


def _compact(symbol: str) -> str:
    return fold(symbol).replace(" ", "")


def _names(data: dict) -> set[str]:
    out = set()
    title = data.get("title")
    doc_type = data.get("doc_type")
    for n in (title, data.get("name"), f"{doc_type} {title}" if doc_type and title else None):
        if n:
            out.add(fold(n))
    for key in ("short_names", "aliases"):
        vals = data.get(key) or ()
        if isinstance(vals, str):
            vals = [v for v in re.split(r"[;|]", vals)]
        out.update(fold(v) for v in vals if v and v.strip())
    out.discard("")
    return out


def _describe(ref: InstrumentRef) -> str:
    bits = [ref.doc_type, ref.jurisdiction, ref.date, "loaded" if ref.loaded else "cited only"]
    extra = ", ".join(b for b in bits if b)
    title = f" — {ref.title[:70]}" if ref.symbol and ref.title else ""
    return f"{ref.label}{title} ({extra}) [{ref.id}]"


def instrument_candidates(graph: LegalGraph, query: str) -> tuple[str, list[str]]:
    """``(stage, ids)`` of the first lookup stage that matches (``stage`` '' when none does)."""
    g = graph.g
    q = (query or "").strip()
    if not q:
        return "", []
    if q in g and g.nodes[q].get("kind") == INSTRUMENT:
        return "id", [q]
    nodes = list(graph.nodes(INSTRUMENT))
    keys = symbol_keys(q)
    hits = [n for n, d in nodes if d.get("symbol") and keys & symbol_keys(d["symbol"])]
    if hits:
        return "symbol", sorted(hits)
    qf = fold(q)
    if not qf:
        return "", []
    names = {n: _names(d) for n, d in nodes}
    hits = [n for n, ns in names.items() if qf in ns]
    if hits:
        return "name", sorted(hits)
    if len(qf.split()) >= 2:
        padded = f" {qf} "
        hits = [n for n, ns in names.items() if any(padded in f" {x} " for x in ns)]
        if hits:
            return "contains", sorted(hits)
    digits = set(_DIGITS.findall(qf))
    hits = []
    for n, ns in names.items():
        for x in ns:
            if set(_DIGITS.findall(x)) == digits and fuzz.ratio(qf, x) >= FUZZY_SCORE:
                hits.append(n)
                break
    if hits:
        return "fuzzy", sorted(hits)
    return "", []


def _same_instrument(loaded: dict, other: dict) -> bool:
    """Is ``other`` (an unloaded mention) compatible with the loaded document ``loaded``?"""
    if is_loaded(other):
        return False
    for key in ("jurisdiction", "date"):
        if other.get(key) and loaded.get(key) and other[key] != loaded[key]:
            return False
    return True


def find_instrument(graph: LegalGraph, query: str) -> str:
    """The id of the one instrument ``query`` names (see the module doc for the stages)."""
    _stage, hits = instrument_candidates(graph, query)
    g = graph.g
    if len(hits) == 1:
        return hits[0]
    if hits:
        loaded = [n for n in hits if is_loaded(g.nodes[n])]
        if len(loaded) == 1 and all(_same_instrument(g.nodes[loaded[0]], g.nodes[n]) for n in hits if n != loaded[0]):
            return loaded[0]
        refs = sorted((instrument_ref(graph, n) for n in hits), key=lambda r: (not r.loaded, r.label, r.id))
        raise Ambiguous(query, [_describe(r) for r in refs], "instrument")
    raise UnknownInstrument(_unknown_instrument_message(graph, query))


def _unknown_instrument_message(graph: LegalGraph, query: str) -> str:
    msg = f"no instrument '{query}' in the graph"
    sugg = suggest_instruments(graph, query)
    if sugg:
        msg += "; did you mean: " + "; ".join(sugg)
    return msg + ". Give a symbol (e.g. 11-NQ/TW), a title or an id; run `cancu cited` to see instruments"


def suggest_instruments(graph: LegalGraph, query: str, limit: int = SUGGESTIONS) -> list[str]:
    """Labels of the instruments whose symbol or name is nearest to ``query`` (WRatio ≥ :data:`SUGGEST_SCORE`)."""
    qf = fold(query)
    if not qf:
        return []
    choices = {}
    for n, d in graph.nodes(INSTRUMENT):
        for x in _names(d) | ({fold(d["symbol"])} if d.get("symbol") else set()):
            choices[(n, x)] = x
    best: dict[str, float] = {}
    for _, score, (n, _x) in process.extract(qf, choices, scorer=fuzz.WRatio, limit=limit * 4,
                                             score_cutoff=SUGGEST_SCORE):
        best[n] = max(best.get(n, 0.0), score)
    ranked = sorted(best, key=lambda n: (-best[n], n))[:limit]
    return [instrument_ref(graph, n).label for n in ranked]


# --- agencies ---------------------------------------------------------------------------------

def _key(name: str, jurisdiction: str | None) -> str:
    if _agency_key is not None:
        return _agency_key(name, jurisdiction)
    k = fold(name)
    if jurisdiction and jurisdiction != "national":
        k = re.sub(rf"(?:\s+(?:tinh|thanh pho))?\s+{re.escape(fold(jurisdiction))}$", "", k)
    return k


def _head(key: str) -> str:
    if _distinctive_head is not None:
        return _distinctive_head(key)
    words = key.split()
    return words[1] if len(words) > 1 else ""


def province_of(graph: LegalGraph, province: str | None) -> str | None:
    """The jurisdiction value in the graph that ``province`` names (``tỉnh Quảng Ngãi``, ``quang ngai``,
    ``national`` / ``trung ương``); ``UnknownAgency`` when no agency has it."""
    if not province:
        return None
    jurs = sorted({d.get("jurisdiction") for _, d in graph.nodes(AGENCY) if d.get("jurisdiction")})
    pf = fold(province)
    pf = re.sub(r"^(?:tinh|thanh pho|tp)\s+", "", pf)
    if pf in ("national", "trung uong", "quoc gia", "toan quoc"):
        pf = "national"
    for j in jurs:
        if fold(j) == pf:
            return j
    raise UnknownAgency(f"no agency of province '{province}' in the graph; provinces with agencies: "
                        f"{', '.join(jurs) or 'none'} (load that province's documents with `cancu load`)")


def agency_candidates(graph: LegalGraph, name: str, *, province: str | None = None) -> tuple[str, list[str]]:
    """``(stage, ids)`` of the first stage that matches (``id``, ``key``, ``fuzzy``; '' when none)."""
    g = graph.g
    q = (name or "").strip()
    if not q:
        return "", []
    jur = province_of(graph, province)
    if q in g and g.nodes[q].get("kind") == AGENCY and (jur is None or g.nodes[q].get("jurisdiction") == jur):
        return "id", [q]
    nodes = [(n, d) for n, d in graph.nodes(AGENCY) if jur is None or d.get("jurisdiction") == jur]
    qkeys: dict[str | None, str] = {}

    def qkey(j):
        if j not in qkeys:
            qkeys[j] = _key(q, j)
        return qkeys[j]

    node_keys = {}
    for n, d in nodes:
        j = d.get("jurisdiction")
        names = [d.get("name") or ""] + list(d.get("aliases") or ())
        node_keys[n] = (j, {_key(x, j) for x in names if x})
    hits = [n for n, (j, ks) in node_keys.items() if qkey(j) in ks]
    if hits:
        return "key", sorted(hits)
    hits = []
    for n, (j, ks) in node_keys.items():
        qk = qkey(j)
        for k in ks:
            if _head(k) == _head(qk) and fuzz.ratio(qk, k) >= FUZZY_SCORE:
                hits.append(n)
                break
    if hits:
        return "fuzzy", sorted(hits)
    return "", []


def find_agency(graph: LegalGraph, name: str, *, province: str | None = None) -> AgencyRef:
    """The one agency ``name`` names (in ``province`` when given)."""
    _stage, hits = agency_candidates(graph, name, province=province)
    g = graph.g
    if not hits:
        raise UnknownAgency(_unknown_agency_message(graph, name, province))
    groups: dict[str | None, list[str]] = {}
    for n in hits:
        groups.setdefault(g.nodes[n].get("jurisdiction") or None, []).append(n)
    if len(groups) > 1:
        cands = []
        for j in sorted(groups, key=lambda x: x or ""):
            names = sorted({g.nodes[n].get("name") or n for n in groups[j]})
            cands.append(f"{' / '.join(names)} ({j or 'no jurisdiction'}) — add --province \"{j or ''}\"")
        raise Ambiguous(name, cands, "agency")
    (jur, ids), = groups.items()
    ids = sorted(ids)
    # the display name: the most common written name, then the shortest, then by order
    names = [g.nodes[n].get("name") or n for n in ids]
    display = min(set(names), key=lambda x: (-names.count(x), len(x), x))
    return AgencyRef(ids=tuple(ids), name=display, jurisdiction=jur)


def _unknown_agency_message(graph: LegalGraph, name: str, province: str | None) -> str:
    where = f" of {province}" if province else ""
    msg = f"no agency '{name}'{where} in the graph"
    jur = province_of(graph, province)
    choices = {}
    for n, d in graph.nodes(AGENCY):
        if jur is None or d.get("jurisdiction") == jur:
            choices[n] = fold(d.get("name") or n)
    found = process.extract(fold(name), choices, scorer=fuzz.WRatio, limit=SUGGESTIONS, score_cutoff=SUGGEST_SCORE)
    if found:
        labels = []
        for _, _, n in found:
            d = graph.g.nodes[n]
            label = d.get("name") or n
            if jur is None and d.get("jurisdiction"):
                label += f" ({d['jurisdiction']})"
            if label not in labels:
                labels.append(label)
        msg += "; did you mean: " + "; ".join(labels)
    return msg + ". Check the spelling or the --province; `cancu agencies` lists the agencies"
