// cancu agency: an agency's tasks by role and due date, and why it is responsible
//
// The duties of one agency (the twin of `cancu agency`, queries/agency.py): every task it LEADS,
// COORDINATES or is RESPONSIBLE_FOR (role lead, coordinate, requested when the edge says requested,
// else assigned), the task's plan and deadlines, and the plan's legal-basis chain over BASED_ON and
// IMPLEMENTS (`basis`: what the plan rests on and carries out, and what those rest on, to the roots
// or $depth levels). Rows ordered by role, then the earliest deadline (dated, then yearly, then none).
//
// Parameters:
//   $agency    the node id (agency:so-noi-vu@quang-ngai), a list of node ids of the same agency, or a name:
//              compared without accents, case or punctuation, alone or followed by its own province
//              ("Sở Nội vụ" finds "Sở Nội vụ tỉnh Quảng Ngãi"), abbreviations are not expanded here
//   $province  keep the agencies of this jurisdiction ("Quảng Ngãi", "national", null = any)
//   $depth     levels of the basis chain (null = to the roots)
//
// :params {agency: "Sở Nội vụ", province: "Thanh Hóa", depth: null}

WITH $agency AS wanted, $province AS province, $depth AS depth
WITH CASE WHEN wanted IS :: LIST<ANY> THEN wanted ELSE [wanted] END AS ids, wanted, province, depth
// the name and province folded like graphmodel.normalize.fold: no accents, lower case, words only
WITH ids, wanted, province, depth,
     [x IN [CASE WHEN wanted IS :: STRING THEN wanted ELSE '' END, coalesce(province, '')] |
       reduce(s = '', w IN split(reduce(t = '', c IN split(normalize(toLower(x), NFD), '') |
                t + CASE WHEN (c >= 'a' AND c <= 'z') OR (c >= '0' AND c <= '9') THEN c
                         WHEN c = 'đ' THEN 'd'
                         WHEN c >= '\u0300' AND c <= '\u036f' THEN ''
                         ELSE ' ' END), ' ') |
         CASE WHEN w = '' THEN s WHEN s = '' THEN w ELSE s + ' ' + w END)] AS keys
MATCH (a:Agency)
WHERE (a.id IN ids
       OR (wanted IS :: STRING
           AND (a.name_key = keys[0]
                OR a.name_key IN [keys[0] + ' tinh ' + a.jurisdiction_key, keys[0] + ' thanh pho ' + a.jurisdiction_key])))
  AND (province IS NULL OR a.jurisdiction_key = keys[1])
MATCH (a)-[e:LEADS|COORDINATES|RESPONSIBLE_FOR]->(t:Task)
// the task's plan: its `document`, else the HAS_TASK above it
CALL (t) {
  OPTIONAL MATCH (byId:Instrument {id: t.document})
  OPTIONAL MATCH (byTree:Instrument)-[:HAS_TASK]->(:Task)<-[:PART_OF]-*(t)
  RETURN coalesce(byId, byTree) AS plan
  LIMIT 1
}
WITH a, e, t, plan, depth
WHERE plan IS NOT NULL
// the plan's legal-basis chain: the edges leaving every instrument it reaches below the depth limit
CALL (plan, depth) {
  MATCH p = ANY SHORTEST (plan)-[:BASED_ON|IMPLEMENTS]->*(u:Instrument)
  WITH u, length(p) AS level
  WHERE depth IS NULL OR level < depth
  MATCH (u)-[b:BASED_ON|IMPLEMENTS]->(v:Instrument)
  WHERE v <> u
  WITH u, b, v, level
  ORDER BY level, CASE type(b) WHEN 'IMPLEMENTS' THEN 0 ELSE 1 END, u.caption, v.caption, u.id, v.id
  RETURN collect({relation: type(b), instrument: v.caption, instrument_id: v.id, of: u.caption, of_id: u.id}) AS basis
}
// the task's deadlines, sorted: dated first, then yearly (--MM-DD)
CALL (t) {
  UNWIND range(0, size(coalesce(t.due, [])) - 1) AS i
  WITH t.due[i] AS due, t.due_recurring[i] AS recurring, t.due_what[i] AS what,
       t.due_to[i] AS recipient, t.due_quote[i] AS quote
  WHERE due <> ''
  WITH DISTINCT due, recurring, what, recipient, quote
  ORDER BY due STARTS WITH '--', due, what, recurring
  WITH collect(due + CASE WHEN recurring <> '' THEN ' (' + recurring + ')' ELSE '' END) AS texts,
       collect(due) AS dates
  RETURN reduce(s = '', x IN texts | s + CASE WHEN s = '' THEN '' ELSE '; ' END + x) AS due,
         head(dates) AS first_due
}
WITH a, e, t, plan, basis, due, first_due,
     CASE type(e) WHEN 'LEADS' THEN 'lead' WHEN 'COORDINATES' THEN 'coordinate'
                  ELSE CASE WHEN e.requested = true THEN 'requested' ELSE 'assigned' END END AS role
RETURN role, due, plan.caption AS plan, plan.id AS plan_id, plan.jurisdiction AS jurisdiction,
       t.caption AS task, t.id AS task_id, a.name AS agency, a.id AS agency_id, basis,
       [i IN range(0, size(coalesce(e.evidence_source, [])) - 1) |
         {source: e.evidence_source[i], line: e.evidence_line[i], start: e.evidence_start[i],
          end: e.evidence_end[i], quote: e.evidence_quote[i]}] AS evidence
ORDER BY CASE role WHEN 'lead' THEN 0 WHEN 'coordinate' THEN 1 WHEN 'assigned' THEN 2 ELSE 3 END,
         CASE WHEN first_due IS NULL THEN 2 WHEN first_due STARTS WITH '--' THEN 1 ELSE 0 END, first_due,
         plan, plan_id, t.span[0], task_id, agency_id
