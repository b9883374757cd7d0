// cancu basis: what an instrument rests on, up to the roots
//
// The upstream legal-basis tree of one instrument (the twin of `cancu basis`, queries/basis.py):
// breadth first over BASED_ON (Căn cứ) and IMPLEMENTS (Thực hiện / Triển khai) from the instrument,
// each instrument at its shortest distance (level) from it. With include_cites, what the instrument
// or one of its tasks CITES joins at level 1 (and is followed further over BASED_ON / IMPLEMENTS only).
// Rows: the instrument itself (level 0), then one row per edge leaving an instrument reached below
// the depth limit: `of` rests on / carries out / cites `instrument`, with the evidence sentences.
//
// Parameters:
//   $instrument     the node id (instrument:118/KH-UBND@thanh-hoa/2024) or the exact symbol (118/KH-UBND,
//                   a local symbol may name several instruments: each gets its own tree, see `root_id`)
//   $depth          how many levels (null = to the roots, 0 = the instrument alone)
//   $include_cites  true to add the instrument's own CITES at the first level (null = false)
//
// :params {instrument: "instrument:118/KH-UBND@thanh-hoa/2024", depth: null, include_cites: false}

MATCH (root:Instrument)
WHERE root.id = $instrument OR root.symbol = $instrument
WITH root, coalesce($include_cites, false) AS cites, $depth AS depth
// where the walk starts: the instrument, and (with cites) what it or its tasks cite, one step away
CALL (root, cites) {
  RETURN root AS start, 0 AS offset
  UNION
  MATCH (root)-[:CITES]->(w:Instrument)
  WHERE cites AND w <> root
  RETURN w AS start, 1 AS offset
  UNION
  MATCH (root)-[:HAS_TASK]->(:Task)<-[:PART_OF]-*(:Task)-[:CITES]->(w:Instrument)
  WHERE cites AND w <> root
  RETURN w AS start, 1 AS offset
}
// the level of every instrument reached: fewest steps over BASED_ON / IMPLEMENTS
MATCH p = ANY SHORTEST (start)-[:BASED_ON|IMPLEMENTS]->*(u:Instrument)
WITH root, cites, depth, u, min(offset + length(p)) AS level
WHERE depth IS NULL OR level <= depth
// the edges leaving each instrument reached below the depth limit
CALL (root, cites, depth, u, level) {
  WITH root, cites, depth, u, level
  WHERE depth IS NULL OR level < depth
  CALL (root, cites, u) {
    MATCH (u)-[e:BASED_ON|IMPLEMENTS]->(v:Instrument)
    WHERE v <> u
    RETURN v, type(e) AS relation, e
    UNION ALL
    MATCH (u)-[e:CITES]->(v:Instrument)
    WHERE cites AND u = root AND v <> u
    RETURN v, 'CITES' AS relation, e
    UNION ALL
    MATCH (u)-[:HAS_TASK]->(:Task)<-[:PART_OF]-*(:Task)-[e:CITES]->(v:Instrument)
    WHERE cites AND u = root AND v <> u
    RETURN v, 'CITES' AS relation, e
  }
  WITH v, relation, collect(e) AS edges
  RETURN collect({v: v, relation: relation, edges: edges}) AS out
}
CALL (root, u, level, out) {
  WITH root, u, level
  WHERE u = root
  RETURN 0 AS lvl, null AS relation, root AS instrument, null AS of, [] AS evidence
  UNION ALL
  UNWIND out AS o
  RETURN level + 1 AS lvl, o.relation AS relation, o.v AS instrument, u AS of,
         reduce(acc = [], ev IN reduce(all = [], e IN o.edges |
                  all + [i IN range(0, size(coalesce(e.evidence_source, [])) - 1) |
                         {source: e.evidence_source[i], line: e.evidence_line[i], start: e.evidence_start[i],
                          end: e.evidence_end[i], quote: e.evidence_quote[i]}]) |
                CASE WHEN ev IN acc THEN acc ELSE acc + ev END) AS evidence
}
RETURN lvl AS level, relation, instrument.caption AS instrument, instrument.id AS instrument_id,
       of.caption AS of, of.id AS of_id, instrument.doc_type AS type, instrument.date AS date,
       evidence, root.id AS root_id
ORDER BY root_id, level,
         CASE relation WHEN 'IMPLEMENTS' THEN 0 WHEN 'BASED_ON' THEN 1 WHEN 'CITES' THEN 2 ELSE 3 END,
         of, instrument, of_id, instrument_id
