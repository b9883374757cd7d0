"""The graph vocabulary of DESIGN.md as code: node kinds and relationship types.

Both the networkx graph (``kind`` attribute, edge ``key``) and Neo4j (labels and
relationship types) use exactly these names.
"""
from __future__ import annotations

INSTRUMENT, AGENCY, TASK, PERSON = "Instrument", "Agency", "Task", "Person"
NODE_KINDS = (INSTRUMENT, AGENCY, TASK, PERSON)

#: relationship type → (allowed source kinds, allowed target kinds)
REL_TYPES = {
    "BASED_ON": ({INSTRUMENT}, {INSTRUMENT}),
    "IMPLEMENTS": ({INSTRUMENT}, {INSTRUMENT}),
    "CITES": ({INSTRUMENT, TASK}, {INSTRUMENT}),
    "PROPOSED_BY": ({INSTRUMENT}, {INSTRUMENT, AGENCY}),
    "ATTACHES": ({INSTRUMENT}, {INSTRUMENT}),
    "ISSUED_BY": ({INSTRUMENT}, {AGENCY}),
    "SIGNED_BY": ({INSTRUMENT}, {PERSON}),
    "ADDRESSED_TO": ({INSTRUMENT}, {AGENCY}),
    "COPIED_TO": ({INSTRUMENT}, {AGENCY}),
    "HAS_TASK": ({INSTRUMENT}, {TASK}),
    "PART_OF": ({TASK, AGENCY}, {TASK, AGENCY}),
    "LEADS": ({AGENCY}, {TASK}),
    "COORDINATES": ({AGENCY}, {TASK}),
    "RESPONSIBLE_FOR": ({AGENCY}, {TASK}),
}

#: the relation names of the extraction schema → relationship types
RELATION_TO_TYPE = {
    "based_on": "BASED_ON",
    "implements": "IMPLEMENTS",
    "cites": "CITES",
    "proposed_by": "PROPOSED_BY",
    "attaches": "ATTACHES",
}

#: responsibility roles → relationship types (``requested`` is RESPONSIBLE_FOR with ``requested: true``)
ROLE_TO_TYPE = {
    "lead": "LEADS",
    "coordinate": "COORDINATES",
    "assigned": "RESPONSIBLE_FOR",
    "requested": "RESPONSIBLE_FOR",
}

#: the relationships that make up a legal-basis chain
BASIS_TYPES = ("BASED_ON", "IMPLEMENTS")
