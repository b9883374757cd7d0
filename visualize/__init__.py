"""pyvis pages of the graph: one self-contained offline HTML file per view.

``View`` (views.py) says what to draw, and the adapters ``view_from_basis``,
``view_from_flow`` and ``view_from_agency`` make one from a named query's answer;
``render_view`` (page.py) writes the page. pyvis and jinja2 are imported only when a
page is built.
"""
from .page import DEFAULT_MAX_NODES, PHYSICS_LIMIT, PageResult, ViewTooLarge, build_page, render_view
from .views import View, task_chain, view_from_agency, view_from_basis, view_from_flow

__all__ = [
    "DEFAULT_MAX_NODES", "PHYSICS_LIMIT", "PageResult", "View", "ViewTooLarge", "build_page", "render_view",
    "task_chain", "view_from_agency", "view_from_basis", "view_from_flow",
]
