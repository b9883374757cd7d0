// cancu flow: who carries an instrument out, their tasks and the agencies that act
//
// Downstream of one instrument (the twin of `cancu flow`, queries/flow.py). An instrument carries X
// out when it IMPLEMENTS X or rests on X (BASED_ON), transitively, each at its shortest distance
// (level). With include_cites, a document that CITES (itself or in one of its tasks) a member of that
// chain joins one level below it, and is not followed further. Then, for X and every instrument
// reached, every task and every agency that LEADS, COORDINATES or is RESPONSIBLE_FOR it (role lead,
// coordinate, requested when the edge says requested, else assigned), with the task's deadlines.
// Rows: one per duty, an instrument without duties gets one row with empty task columns. `via` lists
// what the document carries out, `evidence` is the duty's sentence (or, without a duty, the links').
//
// Parameters:
//   $instrument     the node id (instrument:31-CT/TW) or the exact symbol (31-CT/TW)
//   $depth          how many levels down (null = no limit)
//   $include_cites  false to follow IMPLEMENTS / BASED_ON only (null = true)
//
// :params {instrument: "instrument:31-CT/TW", depth: null, include_cites: true}

MATCH (root:Instrument)
WHERE root.id = $instrument OR root.symbol = $instrument
WITH root, coalesce($include_cites, true) AS cites, $depth AS depth
// the chain: every instrument that reaches X over IMPLEMENTS / BASED_ON, at its shortest distance
CALL (root, depth) {
  MATCH p = ANY SHORTEST (y:Instrument)-[:BASED_ON|IMPLEMENTS]->*(root)
  WITH y, length(p) AS level
  WHERE depth IS NULL OR level <= depth
  RETURN collect({node: y, level: level}) AS chain
}
// the links into every member of the chain below the depth limit
CALL (cites, depth, chain) {
  UNWIND chain AS c
  WITH c.node AS v, c.level AS level
  WHERE depth IS NULL OR level < depth
  CALL (v, cites) {
    MATCH (w:Instrument)-[e:BASED_ON|IMPLEMENTS]->(v)
    WHERE w <> v
    RETURN w, type(e) AS relation, e
    UNION ALL
    MATCH (w:Instrument)-[e:CITES]->(v)
    WHERE cites AND w <> v
    RETURN w, 'CITES' AS relation, e
    UNION ALL
    // a task's citation counts for its document (its `document`, else the HAS_TASK above it)
    MATCH (t:Task)-[e:CITES]->(v)
    WHERE cites
    CALL (t) {
      OPTIONAL MATCH (byId:Instrument {id: t.document})
      OPTIONAL MATCH (byTree:Instrument)-[:HAS_TASK]->(:Task)<-[:PART_OF]-*(t)
      RETURN coalesce(byId, byTree) AS w
      LIMIT 1
    }
    WITH w, e
    WHERE w IS NOT NULL AND w <> v
    RETURN w, 'CITES' AS relation, e
  }
  RETURN collect({source: w, relation: relation, target: v, level: level + 1, edge: e}) AS links
}
// the instruments: the chain, and the citing documents one level below what they cite
WITH root, chain, links, [c IN chain | c.node] AS members
CALL (chain, links, members) {
  UNWIND chain AS c
  RETURN c.node AS doc, c.level AS level
  UNION
  UNWIND links AS l
  WITH l
  WHERE l.relation = 'CITES' AND NOT l.source IN members
  RETURN l.source AS doc, min(l.level) AS level
}
WITH doc, level, [l IN links WHERE l.source = doc] AS out
WITH doc, level, out,
     reduce(acc = [], l IN out |
       CASE WHEN {relation: l.relation, to: l.target.caption, to_id: l.target.id} IN acc THEN acc
            ELSE acc + {relation: l.relation, to: l.target.caption, to_id: l.target.id} END) AS via
// the duties in the document's tasks
CALL (doc) {
  OPTIONAL MATCH (doc)-[:HAS_TASK]->(:Task)<-[:PART_OF]-*(t:Task)<-[e:LEADS|COORDINATES|RESPONSIBLE_FOR]-(a:Agency)
  CALL (t) {
    UNWIND range(0, size(coalesce(t.due, [])) - 1) AS i
    WITH t.due[i] AS due, t.due_recurring[i] AS recurring, t.due_what[i] AS what,
         t.due_to[i] AS recipient, t.due_quote[i] AS quote
    WHERE due <> ''
    WITH DISTINCT due, recurring, what, recipient, quote
    ORDER BY due STARTS WITH '--', due, what, recurring
    WITH collect(due + CASE WHEN recurring <> '' THEN ' (' + recurring + ')' ELSE '' END) AS texts
    RETURN reduce(s = '', x IN texts | s + CASE WHEN s = '' THEN '' ELSE '; ' END + x) AS due
  }
  RETURN t, a, e, due
}
WITH doc, level, via, out, t, a, e, due,
     CASE type(e) WHEN 'LEADS' THEN 'lead' WHEN 'COORDINATES' THEN 'coordinate'
                  WHEN 'RESPONSIBLE_FOR' THEN CASE WHEN e.requested = true THEN 'requested' ELSE 'assigned' END END AS role
WITH doc, level, via, t, a, e, due, role,
     CASE WHEN e IS NULL THEN [l IN out | l.edge] ELSE [e] END AS sentences
RETURN level, doc.caption AS document, doc.id AS document_id, doc.jurisdiction AS jurisdiction, via,
       t.caption AS task, t.id AS task_id, a.name AS agency, a.id AS agency_id, role,
       CASE WHEN t IS NULL THEN null ELSE due END AS due,
       reduce(acc = [], ev IN reduce(all = [], x IN sentences |
                all + [i IN range(0, size(coalesce(x.evidence_source, [])) - 1) |
                       {source: x.evidence_source[i], line: x.evidence_line[i], start: x.evidence_start[i],
                        end: x.evidence_end[i], quote: x.evidence_quote[i]}]) |
              CASE WHEN ev IN acc THEN acc ELSE acc + ev END) AS evidence
ORDER BY level, document, document_id, t.span[0], task_id,
         CASE role WHEN 'lead' THEN 0 WHEN 'coordinate' THEN 1 WHEN 'assigned' THEN 2 ELSE 3 END, agency, agency_id
