"""A view as one self-contained HTML page that works offline.

How the page is built:

* the nodes and edges are put into a ``pyvis.network.Network`` (shape, colour, line
  style from ``visualize.style``; layers and, for big views, positions from
  ``visualize.layout``), and pyvis gives back the vis-network data and options;
* the page is our own Jinja template (``templates/page.html``, autoescaped), not
  pyvis's: pyvis's template links Bootstrap from a CDN even with
  ``cdn_resources="in_line"`` (WestHealth/pyvis#229) and its ``filter_menu`` is
  reported broken (WestHealth/pyvis#193);
* the vis-network JavaScript and CSS that pyvis ships in its package data are put
  inline, with our own small script (``static/cancu-view.js``: search, filters,
  legend, details) and style sheet; the graph data goes in a
  ``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped;
* a Content-Security-Policy meta tag forbids every network fetch, so the page
  cannot reach out even by mistake;
* every string from the documents (titles, names, quotes, file names) is HTML-escaped
  where it becomes HTML (tooltips, details panel, headings); labels drawn on the
  canvas are plain text;
* the file is written atomically (temp file + rename).

Big views: above ``PHYSICS_LIMIT`` nodes the layered positions are computed here and
physics is off; above ``max_nodes`` (default ``DEFAULT_MAX_NODES``) the page is
refused with ``ViewTooLarge`` naming the count and the option — a legal chain cut
at an arbitrary node would mislead, so cancu asks for a narrower view instead.
"""
from __future__ import annotations

import html
import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from graphmodel.errors import CancuError
from graphmodel.graph import _atomic_write
from graphmodel.normalize import fold

from . import layout as _layout
from .labels import node_label, plain, province_name, short_text, vn_date
from .style import (
    CITED_ONLY,
    FOCUS_BORDER,
    KIND_STYLES,
    NO_PROVINCE,
    REL_STYLES,
    REQUESTED,
    VIEW_KINDS,
    kind_style,
    rel_style,
)
from .views import View

DEFAULT_MAX_NODES = 2000
#: above this many nodes: positions computed in Python (physics is always off: pages open still)
PHYSICS_LIMIT = 300
#: vis-network's own hierarchical layout is used for views whose widest layer is at most this wide;
#: wider views get our layered positions, whose wide rows are wrapped to fit a screen
HIERARCHICAL_MAX_ROW = 12
LAYOUTS = ("auto", "hierarchical", "layered")
#: evidence quotes shown per edge in a tooltip (the rest are counted)
MAX_QUOTES = 3
MAX_QUOTE_CHARS = 400


class ViewTooLarge(CancuError):
    """A view has more nodes than the page may hold."""

    def __init__(self, count: int, limit: int, what: str = "the view"):
        self.count, self.limit = count, limit
        super().__init__(
            f"{what} has {count} nodes, more than --max-nodes {limit}; narrow it (e.g. --province) "
            f"or raise the limit with --max-nodes {count} (big pages open slowly)")


@dataclass(frozen=True)
class PageResult:
    """What a written page holds, and what was left out of the view and why."""

    path: Path
    nodes: int
    edges: int
    layout: str
    physics: bool
    dropped: tuple[str, ...] = ()


# --- text helpers ----------------------------------------------------------------


class _Lines:
    """file:line of an evidence offset (line numbers as the CLI reports give them)."""

    def __init__(self, graph):
        from queries.common import EvidenceReader

        self.reader = EvidenceReader(graph)

    def where(self, source: str, start, line=None) -> str:
        if line is None and isinstance(start, int) and source:
            line = self.reader.line(source, start)
        if line is not None:
            return f"{source}:{line}"
        return f"{source}" + (f" @{start}" if start is not None else "")


def _e(x) -> str:
    return html.escape(str(x), quote=True)


# --- nodes and edges as vis-network data ----------------------------------------------


def node_tip(graph, n: str, d: dict, lines: _Lines) -> str:
    """The tooltip of a node as HTML; every value escaped."""
    kind = d.get("kind")
    rows: list[str] = []
    if kind == "Instrument":
        head = " ".join(x for x in (d.get("doc_type") or "Văn bản", d.get("symbol")) if x)
        rows.append(f"<b>{_e(head)}</b>")
        if d.get("title"):
            rows.append(_e(plain(d["title"])))
        for label, value in (("Ngày", vn_date(d.get("date"))), ("Cơ quan ban hành", d.get("issuer")),
                             ("Địa phương", province_name(d.get("jurisdiction")))):
            if value:
                rows.append(f"{_e(label)}: {_e(value)}")
        if d.get("loaded") and d.get("source"):
            span = d.get("span") or [None]
            rows.append(f"<i>Toàn văn: {_e(lines.where(d['source'], span[0]))}</i>")
        else:
            srcs = ", ".join(d.get("sources") or [])
            rows.append(f"<i>Chưa có toàn văn; được nhắc tới trong: {_e(srcs or '?')}</i>")
    elif kind == "Task":
        rows.append(f"<b>Mục {_e(d.get('section') or '?')}</b>")
        doc = graph.g.nodes.get(d.get("document")) if d.get("document") in graph.g else None
        if doc:
            rows.append(f"Thuộc: {_e(node_label(doc).replace(chr(10), ' · '))}")
        rows.append(_e(short_text(d.get("text") or "", 600)))
        for due in d.get("due") or []:
            rows.append(f"Thời hạn: {_e(due.get('due') or '')} {_e(due.get('what') or '')}".rstrip())
        for t in d.get("targets") or []:
            rows.append(f"Chỉ tiêu: {_e(t.get('quote') or t.get('value') or '')}")
        span = d.get("span") or [None]
        if (d.get("sources") or []):
            rows.append(f"<i>Nguồn: {_e(lines.where(d['sources'][0], span[0]))}</i>")
    else:
        rows.append(f"<b>{_e(d.get('name') or n)}</b>")
        if province_name(d.get("jurisdiction")):
            rows.append(f"Địa phương: {_e(province_name(d.get('jurisdiction')))}")
        elif kind == "Agency":
            rows.append("Cấp trung ương")
        if d.get("aliases"):
            rows.append(f"Tên khác: {_e(', '.join(map(str, d['aliases'])))}")
        if d.get("sources"):
            rows.append(f"<i>Có trong: {_e(', '.join(d['sources']))}</i>")
    rows.append(f"<span class=\"cancu-id\">{_e(n)}</span>")
    return "<br>".join(rows)


def edge_tip(graph, u: str, v: str, rel: str, evidence, lines: _Lines, *, requested: bool = False) -> str:
    """The tooltip of an edge as HTML: its relation, its ends, and up to ``MAX_QUOTES`` quotes with file:line."""
    style = rel_style(rel, requested=requested)
    du, dv = graph.g.nodes[u], graph.g.nodes[v]
    rows = [f"<b>{_e(style.label)}</b> <span class=\"cancu-rel\">({_e(rel)})</span>",
            f"{_e(node_label(du).replace(chr(10), ' · '))} → {_e(node_label(dv).replace(chr(10), ' · '))}"]
    evidence = list(evidence or [])
    for ev in evidence[:MAX_QUOTES]:
        quote = short_text(ev.get("quote") or "", MAX_QUOTE_CHARS)
        where = lines.where(ev.get("source") or "?", ev.get("start"), ev.get("line"))
        sec = f" ({ev['section']})" if ev.get("section") else ""
        rows.append(f"<q>{_e(quote)}</q><i>{_e(where + sec)}</i>")
    if len(evidence) > MAX_QUOTES:
        rows.append(f"… và {len(evidence) - MAX_QUOTES} trích dẫn khác")
    if not evidence:
        rows.append("<i>Không có trích dẫn</i>")
    return "<br>".join(rows)


def view_data(graph, view: View, *, layout: str = "auto") -> dict:
    """Everything the page's script needs: vis nodes and edges, legend, filters, options."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; use one of {', '.join(LAYOUTS)}")
    g = graph.g
    missing = [n for n in view.nodes if n not in g]
    node_ids = [n for n in view.nodes if n in g]
    node_set = set(node_ids)
    dropped = [f"node {n}: not in the graph" for n in missing]
    edges = []
    for u, v, rel in view.edges:
        if u not in node_set or v not in node_set:
            dropped.append(f"edge {u} -{rel}-> {v}: an end is not in the view")
        elif not g.has_edge(u, v, key=rel) and view.evidence_of((u, v, rel)) is None:
            dropped.append(f"edge {u} -{rel}-> {v}: not in the graph and no evidence given")
        else:
            edges.append((u, v, rel))

    def edge_facts(u, v, rel):
        data = g.edges[u, v, rel] if g.has_edge(u, v, key=rel) else {}
        given = view.evidence_of((u, v, rel))
        return (data.get("evidence") if given is None else given), bool(data.get("requested"))

    kinds = {n: g.nodes[n].get("kind") for n in node_ids}
    level = _layout.layers(node_ids, edges, kinds)
    widest = max(Counter(level.values()).values(), default=0)
    if layout == "auto":
        use = "hierarchical" if len(node_ids) <= PHYSICS_LIMIT and widest <= HIERARCHICAL_MAX_ROW else "layered"
    else:
        use = layout
    pos = _layout.positions(node_ids, edges, level) if use == "layered" else {}
    lines = _Lines(graph)
    focus = set(view.focus)

    # province of a node: its own jurisdiction; a task's is its document's; a person's the documents' they sign
    def province_of(n, d):
        if d.get("kind") == "Task":
            doc = d.get("document")
            return province_name(g.nodes[doc].get("jurisdiction")) if doc in g else ""
        if d.get("kind") == "Person":
            provs = {province_name(g.nodes[u].get("jurisdiction")) for u, _, k in g.in_edges(n, keys=True) if k == "SIGNED_BY"}
            return provs.pop() if len(provs) == 1 else ""
        return province_name(d.get("jurisdiction"))

    nodes = []
    for n in node_ids:
        d = g.nodes[n]
        kind = d.get("kind")
        ks = kind_style(kind)
        cited_only = kind == "Instrument" and not d.get("loaded")
        st = CITED_ONLY if cited_only else ks
        label = node_label(d)
        search = " ".join(x for x in (label, d.get("symbol"), d.get("title"), d.get("name"), d.get("text"),
                                      *(d.get("aliases") or []), n) if x)
        item = {
            "id": n,
            "label": label,
            "shape": st.shape,
            "kind": kind,
            "province": province_of(n, d),
            "search": fold(search),
            "tip": node_tip(graph, n, d, lines),
            "level": level[n],
            "color": {"background": st.background, "border": FOCUS_BORDER if n in focus else st.border,
                      "highlight": {"background": "#fff59d", "border": "#f57f17"},
                      "hover": {"background": st.background, "border": "#f57f17"}},
            "borderWidth": 4 if n in focus else 1.5,
            "font": {"size": st.font_size + (2 if n in focus else 0), "face": "Noto Sans, DejaVu Sans, Arial, sans-serif",
                     "color": "#1a1a1a"},
            "widthConstraint": {"maximum": st.max_width},
            "margin": 10,
        }
        if cited_only:
            item["shapeProperties"] = {"borderDashes": [6, 4]}
        if n in focus:
            item["focus"] = True
        if n in pos:
            item["x"], item["y"] = pos[n]
        nodes.append(item)
    vis_edges = []
    for i, (u, v, rel) in enumerate(edges):
        evidence, requested = edge_facts(u, v, rel)
        rs = rel_style(rel, requested=requested)
        vis_edges.append({
            "id": f"e{i}",
            "from": u,
            "to": v,
            "rel": rel,
            "tip": edge_tip(graph, u, v, rel, evidence, lines, requested=requested),
            "color": {"color": rs.color, "highlight": "#f57f17", "hover": "#f57f17"},
            "width": rs.width,
            "dashes": list(rs.dashes) if rs.dashes else False,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
        })

    # legend and filter choices: only what the view has
    kinds_present = [k for k in KIND_STYLES if any(kinds[n] == k for n in node_ids)]
    legend_kinds = []
    for k in kinds_present:
        s = KIND_STYLES[k]
        legend_kinds.append({"kind": k, "label": s.label, "shape": s.shape, "background": s.background,
                             "border": s.border, "dashed": False,
                             "count": sum(1 for n in node_ids if kinds[n] == k)})
    if any(kinds[n] == "Instrument" and not g.nodes[n].get("loaded") for n in node_ids):
        legend_kinds.append({"kind": None, "label": CITED_ONLY.label, "shape": "box", "background": CITED_ONLY.background,
                             "border": CITED_ONLY.border, "dashed": True, "count": None})
    if focus & node_set:
        legend_kinds.append({"kind": None, "label": "Đối tượng được hỏi", "shape": "box", "background": "#ffffff",
                             "border": FOCUS_BORDER, "dashed": False, "count": None, "thick": True})
    styles = {rel_style(rel, requested=edge_facts(u, v, rel)[1]) for u, v, rel in edges}
    order = [*REL_STYLES.values(), REQUESTED]
    rels_present = [{"label": rs.label, "color": rs.color, "width": rs.width,
                     "dasharray": " ".join(map(str, rs.dashes)) if rs.dashes else ""}
                    for rs in sorted(styles, key=lambda r: order.index(r) if r in order else len(order))]
    provinces: dict[str, int] = {}
    for item in nodes:
        provinces[item["province"]] = provinces.get(item["province"], 0) + 1
    province_choices = [{"value": p, "label": p, "count": c}
                        for p, c in sorted(provinces.items(), key=lambda pc: fold(pc[0])) if p]
    if "" in provinces:
        province_choices.append({"value": "", "label": NO_PROVINCE, "count": provinces[""]})

    physics = False
    options = {
        "autoResize": True,
        "physics": {"enabled": physics},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": True, "keyboard": False,
                        "multiselect": True, "hideEdgesOnDrag": use == "layered"},
        "edges": {"smooth": ({"enabled": True, "type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.4}
                             if use == "hierarchical" else False),
                  "selectionWidth": 2, "hoverWidth": 1},
        "nodes": {"shapeProperties": {"borderRadius": 4}},
        "layout": ({"hierarchical": {"enabled": True, "direction": "UD", "sortMethod": "directed",
                                      "levelSeparation": 170, "nodeSpacing": 250, "treeSpacing": 260,
                                      "blockShifting": True, "edgeMinimization": True, "parentCentralization": True}}
                   if use == "hierarchical" else {"hierarchical": {"enabled": False}, "improvedLayout": False}),
    }
    return {
        "nodes": nodes,
        "edges": vis_edges,
        "options": options,
        "layout": use,
        "physics": physics,
        "legend_kinds": legend_kinds,
        "legend_rels": rels_present,
        "provinces": province_choices,
        "dropped": dropped,
    }


# --- the page ------------------------------------------------------------------------


def _vis_assets() -> tuple[str, str, str]:
    """(version, JS, CSS) of the vis-network that pyvis ships (the newest it has)."""
    import pyvis

    base = Path(pyvis.__file__).resolve().parent
    found = []
    for lib in (base / "lib", base / "templates" / "lib"):
        for d in lib.glob("vis-*"):
            js, css = d / "vis-network.min.js", d / "vis-network.css"
            m = re.fullmatch(r"vis-(\d+(?:\.\d+)*)", d.name)
            if m and js.is_file() and css.is_file():
                found.append((tuple(int(x) for x in m[1].split(".")), m[1], js, css))
    if not found:
        raise CancuError(f"pyvis at {base} ships no vis-network files (lib/vis-*/vis-network.min.js); "
                         "reinstall pyvis (pip install --force-reinstall pyvis)")
    _, version, js, css = max(found)
    js_text, css_text = js.read_text(encoding="utf-8"), css.read_text(encoding="utf-8")
    if re.search(r"</script", js_text, re.IGNORECASE) or re.search(r"</style", css_text, re.IGNORECASE):
        raise CancuError(f"the vis-network files in {js.parent} cannot be put inline (they hold a closing tag)")
    return version, js_text, css_text


def _asset(name: str) -> str:
    return resources.files("visualize").joinpath(name).read_text(encoding="utf-8")


def _json_for_script(data) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` left."""
    s = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def build_page(graph, view: View, *, title: str | None = None, max_nodes: int = DEFAULT_MAX_NODES,
               layout: str = "auto") -> tuple[str, dict]:
    """The HTML of a view's page and the data it holds; ``ViewTooLarge`` above ``max_nodes``."""
    if len(view.nodes) > max_nodes:
        raise ViewTooLarge(len(view.nodes), max_nodes, what=f"the view '{title or view.title}'")
    from jinja2 import Environment, select_autoescape
    from markupsafe import Markup
    from pyvis import __version__ as pyvis_version
    from pyvis.network import Network

    data = view_data(graph, view, layout=layout)
    net = Network(directed=True, height="100%", width="100%", cdn_resources="in_line")
    for item in data["nodes"]:
        opts = {k: v for k, v in item.items() if k not in ("id", "label", "shape")}
        net.add_node(item["id"], label=item["label"], shape=item["shape"], **opts)
    for item in data["edges"]:
        opts = {k: v for k, v in item.items() if k not in ("from", "to")}
        net.add_edge(item["from"], item["to"], **opts)
    net.options = data["options"]
    vis_nodes, vis_edges, _heading, _h, _w, options_json = net.get_network_data()

    vis_version, vis_js, vis_css = _vis_assets()
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    template = env.from_string(_asset("templates/page.html"))
    page_title = title or view.title
    payload = {"nodes": vis_nodes, "edges": vis_edges, "options": json.loads(options_json),
               "layout": data["layout"], "title": page_title}
    page = template.render(
        title=page_title,
        subtitle=VIEW_KINDS.get(view.kind, VIEW_KINDS["custom"]),
        n_nodes=len(vis_nodes), n_edges=len(vis_edges),
        legend_kinds=data["legend_kinds"], legend_rels=data["legend_rels"],
        kinds=[k for k in data["legend_kinds"] if k["kind"]],
        provinces=data["provinces"],
        notes=list(view.notes) + ([(f"Đồ thị lớn ({len(vis_nodes)} nút): vị trí được tính sẵn theo tầng, "
                                    "không mô phỏng vật lý, để trang mở nhanh.")]
                                  if len(vis_nodes) > PHYSICS_LIMIT else []),
        layout=data["layout"],
        data_json=Markup(_json_for_script(payload)),
        vis_js=Markup(vis_js), vis_css=Markup(vis_css),
        page_js=Markup(_asset("static/cancu-view.js")), page_css=Markup(_asset("static/cancu-view.css")),
        generator=f"cancu (pyvis {pyvis_version}, vis-network {vis_version})",
    )
    return page, data


def render_view(graph, view: View, *, out, title: str | None = None, max_nodes: int = DEFAULT_MAX_NODES,
                layout: str = "auto") -> PageResult:
    """Write ``view`` as one offline HTML page at ``out`` (atomically) and say what it holds."""
    page, data = build_page(graph, view, title=title, max_nodes=max_nodes, layout=layout)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(out, page.encode("utf-8"))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(out, 0o666 & ~umask)  # a page is for sharing: the temp file's 0600 is not wanted
    return PageResult(out, len(data["nodes"]), len(data["edges"]), data["layout"], data["physics"],
                      tuple(data["dropped"]))
