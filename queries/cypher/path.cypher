// cancu path: the shortest chain of legal-basis edges between two instruments
//
// The twin of `cancu path` (queries/paths.py). Edges are taken in either direction
// (118/KH-UBND -[IMPLEMENTS]-> 31-CT/TW <-[IMPLEMENTS]- 96/KH-UBND), a task's CITES counts for its
// document. Breadth first from $from, among shortest paths, the one whose sequence of node ids is
// smallest. Rows: one per step, with every allowed edge between the two instruments (`-[REL]->` along
// the path, `<-[REL]-` against it, in the order IMPLEMENTS, BASED_ON, CITES, ATTACHES, PROPOSED_BY,
// each along before against) and their evidence. No row when there is no path (or $from is $to).
//
// Parameters:
//   $from, $to  node ids (instrument:45/KH-SNV@thanh-hoa/2024) or exact symbols (45/KH-SNV)
//   $rels       the relationship types a path may use: a list, or one string with commas
//               ("BASED_ON,IMPLEMENTS"), null = BASED_ON, IMPLEMENTS, CITES, ATTACHES
//
// :params {from: "45/KH-SNV", to: "96/KH-UBND", rels: null}

MATCH (x:Instrument) WHERE x.id = $from OR x.symbol = $from
WITH x
MATCH (y:Instrument) WHERE y.id = $to OR y.symbol = $to
WITH x, y, CASE WHEN $rels IS :: LIST<ANY> THEN $rels ELSE [$rels] END AS given
WITH x, y, CASE WHEN $rels IS NULL THEN ['BASED_ON', 'IMPLEMENTS', 'CITES', 'ATTACHES']
                ELSE reduce(acc = [], g IN given | acc + [r IN split(toString(g), ',') | trim(r)]) END AS rels
// breadth first over node ids: `paths` holds, for each node of the frontier, its smallest path from x
WITH x, y, rels, reduce(s = {paths: [[x.id]], seen: [x.id], done: x = y}, i IN range(1, 1000) |
  CASE WHEN s.done OR size(s.paths) = 0 THEN s ELSE
    // cands: every path one step longer to a node not seen yet
    head([cands IN [reduce(acc = [], p IN s.paths | acc + [v IN
        // the neighbours of the path's last node: its edges both ways, a task's CITES given to its document
        [(u:Instrument {id: last(p)})-[r]->(v:Instrument) WHERE type(r) IN rels AND v <> u | v.id] +
        [(u:Instrument {id: last(p)})-[:HAS_TASK]->(:Task)<-[:PART_OF*0..]-(:Task)-[:CITES]->(v:Instrument)
           WHERE 'CITES' IN rels AND v <> u | v.id] +
        [(v:Instrument)-[r]->(u:Instrument {id: last(p)}) WHERE type(r) IN rels AND v <> u | v.id] +
        [(t:Task)-[:CITES]->(:Instrument {id: last(p)}) WHERE 'CITES' IN rels |
           coalesce(t.document, head([(d:Instrument)-[:HAS_TASK]->(:Task)<-[:PART_OF*0..]-(t) | d.id]))]
        WHERE v IS NOT NULL AND v <> last(p) AND NOT v IN s.seen | p + v])] |
      // news: the nodes reached for the first time, each keeps its smallest path
      head([news IN [reduce(d = [], c IN cands | CASE WHEN last(c) IN d THEN d ELSE d + last(c) END)] |
        {paths: [v IN news | reduce(best = null, c IN cands |
                   CASE WHEN last(c) = v AND (best IS NULL OR c < best) THEN c ELSE best END)],
         seen: s.seen + news,
         done: y.id IN news}])])
  END) AS s
WITH x, y, rels, head([p IN s.paths WHERE last(p) = y.id AND x <> y]) AS chain
UNWIND range(0, size(coalesce(chain, [])) - 2) AS i
MATCH (u:Instrument {id: chain[i]})
WITH i, chain, rels, u
MATCH (v:Instrument {id: chain[i + 1]})
// every allowed edge between the two, both ways
CALL (u, v, rels) {
  MATCH (u)-[r]->(v)
  WHERE type(r) IN rels
  RETURN type(r) AS rel, true AS forward, r
  UNION ALL
  MATCH (u)-[:HAS_TASK]->(:Task)<-[:PART_OF]-*(:Task)-[r:CITES]->(v)
  WHERE 'CITES' IN rels
  RETURN 'CITES' AS rel, true AS forward, r
  UNION ALL
  MATCH (v)-[r]->(u)
  WHERE type(r) IN rels
  RETURN type(r) AS rel, false AS forward, r
  UNION ALL
  MATCH (t:Task)-[r:CITES]->(u)
  WHERE 'CITES' IN rels
    AND coalesce(t.document, head([(d:Instrument)-[:HAS_TASK]->(:Task)<-[:PART_OF*0..]-(t) | d.id])) = v.id
  RETURN 'CITES' AS rel, false AS forward, r
}
WITH i, u, v, rels, collect({rel: rel, forward: forward, r: r}) AS edges
WITH i, u, v, edges,
     [k IN reduce(order = [], o IN ['IMPLEMENTS', 'BASED_ON', 'CITES', 'ATTACHES', 'PROPOSED_BY'] +
                                   [o IN rels WHERE NOT o IN ['IMPLEMENTS', 'BASED_ON', 'CITES', 'ATTACHES', 'PROPOSED_BY']] |
                  order + [[o, true], [o, false]])
       WHERE any(e IN edges WHERE e.rel = k[0] AND e.forward = k[1])] AS kinds
WITH i, u, v, edges,
     [k IN kinds | CASE WHEN k[1] THEN '-[' + k[0] + ']->' ELSE '<-[' + k[0] + ']-' END] AS arrows
RETURN i + 1 AS step, u.caption AS from, u.id AS from_id,
       reduce(s = '', a IN arrows | s + CASE WHEN s = '' THEN '' ELSE ', ' END + a) AS relation,
       v.caption AS to, v.id AS to_id,
       reduce(acc = [], ev IN reduce(all = [], e IN edges |
                all + [j IN range(0, size(coalesce(e.r.evidence_source, [])) - 1) |
                       {source: e.r.evidence_source[j], line: e.r.evidence_line[j], start: e.r.evidence_start[j],
                        end: e.r.evidence_end[j], quote: e.r.evidence_quote[j]}]) |
              CASE WHEN ev IN acc THEN acc ELSE acc + ev END) AS evidence
ORDER BY step
