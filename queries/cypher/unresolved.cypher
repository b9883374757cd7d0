// cancu unresolved: instruments that are cited but never resolved to a known one
//
// The twin of `cancu unresolved` (queries/unresolved.py). An instrument is unresolved when its text was
// not read (not loaded, no source file) and resolution flagged it (`unresolved`: a reason, or true), or
// it has no symbol: it is known only by the words of a mention (Kế hoạch năm 2025, Đề án ...) that
// matched no symbol, no loaded document and no well-known name. A numbered instrument that was not
// loaded (1696/QĐ-TTg) is identified by its symbol, so it is not listed. Rows: every mention, one per
// evidence sentence of every edge into it (a task's CITES counts for its document), with file and line.
//
// Parameters: none.
//
// :params {}

MATCH (n:Instrument)
WHERE NOT (coalesce(n.loaded, false) = true OR coalesce(n.source, '') <> '')
// (`properties(n).unresolved`: no warning while no node has the property yet)
WITH n, properties(n).unresolved AS flag
WITH n, CASE WHEN flag = true THEN 'flagged by resolution'
             WHEN flag IS :: STRING AND flag <> '' THEN flag
             WHEN coalesce(n.symbol, '') = '' THEN 'no symbol' END AS reason
WHERE reason IS NOT NULL
CALL (n) {
  MATCH (w:Instrument)-[e:BASED_ON|IMPLEMENTS|CITES|ATTACHES|PROPOSED_BY]->(n)
  WHERE w <> n
  RETURN w, type(e) AS relation, e
  UNION ALL
  // a task's citation counts for its document (its `document`, else the HAS_TASK above it)
  MATCH (t:Task)-[e:CITES]->(n)
  CALL (t) {
    OPTIONAL MATCH (byId:Instrument {id: t.document})
    OPTIONAL MATCH (byTree:Instrument)-[:HAS_TASK]->(:Task)<-[:PART_OF]-*(t)
    RETURN coalesce(byId, byTree) AS w
    LIMIT 1
  }
  WITH w, e
  WHERE w IS NOT NULL AND w <> n
  RETURN w, 'CITES' AS relation, e
}
UNWIND range(0, size(coalesce(e.evidence_source, [])) - 1) AS i
WITH DISTINCT n, reason, w, relation, e.evidence_source[i] AS source, e.evidence_line[i] AS line,
     e.evidence_start[i] AS start, e.evidence_end[i] AS end, e.evidence_quote[i] AS quote
RETURN n.caption AS instrument, n.id AS instrument_id, reason, w.caption AS document, w.id AS document_id,
       relation, source + CASE WHEN line > 0 THEN ':' + toString(line) ELSE '' END AS evidence,
       quote, source, CASE WHEN line > 0 THEN line END AS line, start, end
ORDER BY instrument, instrument_id, source, start, end, relation, document_id
