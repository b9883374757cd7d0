// cancu compare: which jurisdictions carry out which central instruments, through which documents
//
// The twin of `cancu compare` (queries/compare.py). A loaded document of jurisdiction J carries out a
// central instrument D when D is upstream of it over IMPLEMENTS and BASED_ON, transitively — and, with
// include_cites, when the document (or one of its tasks) CITES an instrument that is D or rests on /
// carries out D. Central: an instrument whose jurisdiction is "national", else, with a symbol, one whose
// issuer is a central body (`local_symbol` false: 11-NQ/TW, 1696/QĐ-TTg, 481/LĐTBXH-BĐG), else, without
// either, a type only central bodies issue (Hiến pháp, Luật, Bộ luật, Pháp lệnh, Nghị định, Thông tư).
// Documents without a jurisdiction are left out. Rows: one per (central instrument, jurisdiction), the
// instruments carried out in most jurisdictions first.
//
// Parameters:
//   $include_cites  false to follow IMPLEMENTS / BASED_ON only (null = true)
//
// :params {include_cites: true}

MATCH (doc:Instrument)
WHERE coalesce(doc.jurisdiction, '') <> '' AND (doc.loaded = true OR coalesce(doc.source, '') <> '')
WITH doc, coalesce($include_cites, true) AS cites
// where the walk starts: the document, and (with cites) what it or its tasks cite
CALL (doc, cites) {
  RETURN doc AS start
  UNION
  MATCH (doc)-[:CITES]->(w:Instrument)
  WHERE cites AND w <> doc
  RETURN w AS start
  UNION
  MATCH (doc)-[:HAS_TASK]->(:Task)<-[:PART_OF]-*(:Task)-[:CITES]->(w:Instrument)
  WHERE cites AND w <> doc
  RETURN w AS start
}
MATCH ANY SHORTEST (start)-[:BASED_ON|IMPLEMENTS]->*(up:Instrument)
WITH DISTINCT doc, up
WHERE up <> doc
  AND CASE WHEN coalesce(up.jurisdiction, '') <> '' THEN up.jurisdiction = 'national'
           WHEN coalesce(up.symbol, '') <> '' THEN NOT coalesce(up.local_symbol, true)
           ELSE up.doc_type IN ['Hiến pháp', 'Luật', 'Bộ luật', 'Pháp lệnh', 'Nghị định', 'Thông tư'] END
WITH up, doc.jurisdiction AS jurisdiction, doc
ORDER BY doc.caption, doc.id
WITH up, jurisdiction, collect(doc) AS docs
WITH up, collect({jurisdiction: jurisdiction, docs: docs}) AS cells
UNWIND cells AS cell
RETURN up.caption AS directive, up.id AS directive_id, cell.jurisdiction AS jurisdiction,
       size(cell.docs) AS docs, [d IN cell.docs | d.caption] AS documents, [d IN cell.docs | d.id] AS document_ids
ORDER BY size(cells) DESC, directive, directive_id, jurisdiction
