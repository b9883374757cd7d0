// cancu cited: the most cited instruments, by relation and by citing jurisdiction
//
// The twin of `cancu cited` (queries/cited.py). A citation is a BASED_ON, IMPLEMENTS, CITES, ATTACHES
// or PROPOSED_BY edge into an instrument, a task's CITES counts for its document. `docs`: distinct
// citing documents, `refs`: the evidence sentences of all those edges, one column per relation type
// (citing documents), `jurisdictions`: citing documents per jurisdiction of the citing document
// ("unknown" when it has none), most first. Ranked by docs, then refs (both most first), then name.
//
// Parameters:
//   $limit  how many instruments (null = 20, 0 = all)
//
// :params {limit: 20}

CALL () {
  MATCH (w:Instrument)-[e:BASED_ON|IMPLEMENTS|CITES|ATTACHES|PROPOSED_BY]->(n:Instrument)
  WHERE w <> n
  RETURN n, w, type(e) AS relation, e
  UNION ALL
  // a task's citation counts for its document (its `document`, else the HAS_TASK above it)
  MATCH (t:Task)-[e:CITES]->(n:Instrument)
  CALL (t) {
    OPTIONAL MATCH (byId:Instrument {id: t.document})
    OPTIONAL MATCH (byTree:Instrument)-[:HAS_TASK]->(:Task)<-[:PART_OF]-*(t)
    RETURN coalesce(byId, byTree) AS w
    LIMIT 1
  }
  WITH n, w, e
  WHERE w IS NOT NULL AND w <> n
  RETURN n, w, 'CITES' AS relation, e
}
// one citation per citing document and relation, its sentences counted once each
WITH n, w, relation,
     reduce(acc = [], sp IN reduce(all = [], x IN collect(e) |
              all + [i IN range(0, size(coalesce(x.evidence_source, [])) - 1) |
                     [x.evidence_source[i], x.evidence_start[i], x.evidence_end[i]]]) |
            CASE WHEN sp IN acc THEN acc ELSE acc + [sp] END) AS sentences
WITH n, collect({w: w, relation: relation, refs: size(sentences)}) AS citations
WITH n, citations,
     reduce(acc = [], c IN citations | CASE WHEN c.w IN acc THEN acc ELSE acc + c.w END) AS citing
CALL (citing) {
  UNWIND citing AS w
  WITH CASE WHEN coalesce(w.jurisdiction, '') = '' THEN 'unknown' ELSE w.jurisdiction END AS jurisdiction,
       count(*) AS docs
  ORDER BY docs DESC, jurisdiction
  RETURN collect({jurisdiction: jurisdiction, docs: docs}) AS jurisdictions
}
WITH n, size(citing) AS docs, reduce(s = 0, c IN citations | s + c.refs) AS refs, jurisdictions,
     [rel IN ['BASED_ON', 'IMPLEMENTS', 'CITES', 'ATTACHES', 'PROPOSED_BY'] |
       size([c IN citations WHERE c.relation = rel])] AS per_relation
ORDER BY docs DESC, refs DESC, n.caption, n.id
WITH collect({n: n, docs: docs, refs: refs, per_relation: per_relation, jurisdictions: jurisdictions}) AS ranked
WITH ranked, CASE WHEN coalesce($limit, 20) = 0 THEN size(ranked) ELSE coalesce($limit, 20) END AS keep
UNWIND range(0, CASE WHEN keep < size(ranked) THEN keep ELSE size(ranked) END - 1) AS i
WITH i, ranked[i] AS it
RETURN i + 1 AS rank, it.n.caption AS instrument, it.n.id AS instrument_id, it.docs AS docs, it.refs AS refs,
       it.per_relation[0] AS based_on, it.per_relation[1] AS implements, it.per_relation[2] AS cites,
       it.per_relation[3] AS attaches, it.per_relation[4] AS proposed_by, it.jurisdictions AS jurisdictions
ORDER BY rank
