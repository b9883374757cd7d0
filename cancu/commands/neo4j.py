"""``cancu neo4j push|query|guide``: the graph in a real Neo4j, and the Cypher library.

* ``push`` writes the saved graph to Neo4j (``graphmodel.neo4j.push``: constraints, batched
  ``UNWIND … MERGE``, stale facts of re-read files deleted); ``--dry-run`` only counts;
* ``query NAME --param k=v`` runs ``queries/cypher/NAME.cypher`` with parameters — values are sent as
  parameters, never pasted into the Cypher;
* ``guide`` writes (or serves) a Neo4j Browser guide that lists the queries with runnable blocks.

The server is found through ``--uri``/``--user`` (env ``NEO4J_URI``, ``NEO4J_USER``); the password comes
from ``NEO4J_PASSWORD`` or a hidden prompt and is never printed or logged. ``--no-auth`` connects without
credentials (``scripts/neo4j-dev``).
"""
from __future__ import annotations

import html
import http.server
import json
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import click

from graphmodel.errors import Neo4jUnavailable
from graphmodel.neo4j import DEFAULT_BATCH_SIZE, check_connection, run_query
from graphmodel.neo4j import push as push_graph

from ..output import db_option, echo_rows, format_option, output_options, progress, open_graph

#: the Cypher library, shipped in the ``queries`` package (package data ``cypher/*.cypher``)
CYPHER_DIR = Path(str(resources.files("queries") / "cypher"))
DEFAULT_URI = "bolt://localhost:7687"
GUIDE_NAME = "cancu.html"


# --- the Cypher library ------------------------------------------------------------------------

@dataclass(frozen=True)
class CypherQuery:
    """One file of ``queries/cypher``: its name, title, explanation, example ``:params`` line and text."""

    name: str
    title: str
    about: str
    example: str
    text: str

    @property
    def parameters(self) -> tuple[str, ...]:
        """The ``$names`` the query uses (outside comments and strings), in order of first use."""
        body = "\n".join(line.split("//", 1)[0] for line in self.text.splitlines())
        body = re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "''", body)
        seen: list[str] = []
        for m in re.finditer(r"\$([A-Za-z_][A-Za-z0-9_]*)", body):
            if m.group(1) not in seen:
                seen.append(m.group(1))
        return tuple(seen)


def parse_cypher(name: str, text: str) -> CypherQuery:
    """Read a library file: the opening ``//`` lines are the title (first line), the explanation and
    the example ``:params`` line."""
    header = []
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        header.append(line[2:].strip())
    title = header[0] if header else name
    example = next((h for h in header if h.startswith((":params", ":param "))), "")
    about = "\n".join(h for h in header[1:] if h != example).strip()
    return CypherQuery(name=name, title=title, about=about, example=example, text=text)


def library(directory: Path = CYPHER_DIR) -> dict[str, CypherQuery]:
    """Every ``NAME.cypher`` of the library, by name."""
    return {p.stem: parse_cypher(p.stem, p.read_text(encoding="utf-8"))
            for p in sorted(directory.glob("*.cypher"))}


def parse_param(item: str) -> tuple[str, object]:
    """``k=v`` → (k, value): digits → int, ``true``/``false`` → bool, ``null`` → None, else the string.

    >>> parse_param("depth=2"), parse_param("instrument=31-CT/TW"), parse_param("include_cites=true")
    (('depth', 2), ('instrument', '31-CT/TW'), ('include_cites', True))
    """
    if "=" not in item:
        raise click.BadParameter(f"{item!r} is not k=v (e.g. --param instrument=31-CT/TW)", param_hint="--param")
    key, value = item.split("=", 1)
    key = key.strip()
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        raise click.BadParameter(f"{key!r} is not a parameter name", param_hint="--param")
    if re.fullmatch(r"-?\d+", value.strip()):
        return key, int(value)
    low = value.strip().lower()
    if low in ("true", "false"):
        return key, low == "true"
    if low == "null":
        return key, None
    return key, value


def query_parameters(query: CypherQuery, given: list[tuple[str, object]]) -> dict:
    """The parameters sent with a query: those given, and ``None`` for the others it uses."""
    params = {name: None for name in query.parameters}
    for key, value in given:
        if key not in params:
            takes = ", ".join(query.parameters) or "no parameters"
            raise click.BadParameter(f"{query.name} has no parameter {key!r}; it takes {takes}",
                                     param_hint="--param")
        params[key] = value
    return params


# --- rows for the terminal ---------------------------------------------------------------------

def _map_text(m: dict) -> str:
    if {"relation", "instrument", "of"} <= m.keys():
        return f"{m['relation']} {m['instrument']} (of {m['of']})"
    if {"relation", "to"} <= m.keys():
        return f"{m['relation']} {m['to']}"
    if {"jurisdiction", "docs"} <= m.keys():
        return f"{m['jurisdiction']}: {m['docs']}"
    return json.dumps(m, ensure_ascii=False, sort_keys=True)


def terminal_rows(rows: list[dict], *, evidence: bool, ids: bool) -> tuple[list[dict], list[str]]:
    """Rows made readable for table/md/csv: maps as short text, ``evidence`` as file:line and quotes."""
    out = []
    for row in rows:
        new = {}
        for key, value in row.items():
            if key == "evidence":
                if evidence:
                    evs = [e for e in value or [] if isinstance(e, dict)]
                    new["evidence"] = "; ".join(dict.fromkeys(
                        f"{e.get('source')}:{e.get('line')}" if (e.get("line") or -1) > 0 else str(e.get("source"))
                        for e in evs))
                    new["quote"] = " | ".join(dict.fromkeys(" ".join(str(e.get("quote") or "").split()) for e in evs))
                continue
            if key.endswith("_id") and not ids:
                continue
            if isinstance(value, list):
                value = [_map_text(v) if isinstance(v, dict) else v for v in value]
            elif isinstance(value, dict):
                value = _map_text(value)
            new[key] = value
        out.append(new)
    columns = list(out[0]) if out else []
    return out, columns


# --- connection ------------------------------------------------------------------------------------

def connection_options(f):
    f = click.option("--database", "database", default=None, metavar="NAME",
                     help="Neo4j database (default: the server's default database).")(f)
    f = click.option("--no-auth", is_flag=True,
                     help="Connect without credentials (a server with auth disabled, e.g. scripts/neo4j-dev).")(f)
    f = click.option("--user", envvar="NEO4J_USER", default="neo4j", show_default=True,
                     help="Neo4j user (env NEO4J_USER); the password comes from NEO4J_PASSWORD or a prompt.")(f)
    f = click.option("--uri", envvar="NEO4J_URI", default=DEFAULT_URI, show_default=True,
                     help="Bolt URI of the server (env NEO4J_URI).")(f)
    return f


def _password() -> str:
    password = os.environ.get("NEO4J_PASSWORD")
    if password:
        return password
    return click.prompt("Neo4j password", hide_input=True, err=True)


def open_driver(uri: str, user: str, no_auth: bool):
    """A connected driver, or ``Neo4jUnavailable`` (the password never appears in a message)."""
    from neo4j import (
        GraphDatabase,  # imported here: the rest of cancu works without a server
    )

    auth = None if no_auth else (user, _password())
    try:
        driver = GraphDatabase.driver(uri, auth=auth)
    except ValueError as err:  # a URI the driver does not understand
        raise Neo4jUnavailable(f"{uri!r} is not a Neo4j URI ({err}); use bolt://HOST:7687 or neo4j://HOST:7687") \
            from err
    try:
        check_connection(driver, uri=uri)
    except BaseException:
        driver.close()
        raise
    return driver


# --- commands ------------------------------------------------------------------------------------------

@click.group()
def neo4j():
    """Push the graph to Neo4j and run the Cypher library (queries/cypher) there.

    \b
    Example:
        docker compose up -d                       # or: scripts/neo4j-dev start
        export NEO4J_PASSWORD=...                  # or type it at the prompt
        cancu neo4j push
        cancu neo4j query flow --param instrument=31-CT/TW
        cancu neo4j guide --serve 8001             # then in Browser: :play http://localhost:8001/cancu.html
    """


@neo4j.command()
@db_option
@connection_options
@format_option()
@click.option("--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH_SIZE, show_default=True,
              help="Rows per transaction.")
@click.option("--dry-run", is_flag=True, help="Count what would be written; connect to nothing.")
@click.option("--mirror", is_flag=True,
              help="Also delete cancu nodes and relationships of files the graph no longer holds.")
@click.option("--quiet", is_flag=True, help="No progress on stderr.")
def push(db, uri, user, no_auth, database, fmt, batch_size, dry_run, mirror, quiet):
    """Write the graph to Neo4j: constraints and indexes, then nodes and relationships in batches.

    Pushing again changes nothing; facts of a file read again since are replaced (no stale edge is
    left). Progress goes to stderr; the counts to stdout.

    \b
    Example:
        cancu neo4j push --dry-run
        cancu neo4j push --uri bolt://localhost:7687 --user neo4j
        NEO4J_PASSWORD=secret cancu neo4j push --batch-size 2000 --format json
    """
    graph = open_graph(db)
    if dry_run:
        report = push_graph(graph, None, dry_run=True, batch_size=batch_size)
        progress(f"dry run: {report.nodes} nodes and {report.relationships} relationships would be written "
                 f"to {uri}", quiet=quiet)
    else:
        last = {}

        def tell(stage, done, total):
            if not quiet and (stage != last.get("stage") or done == total or done - last.get("done", 0) >= 10000):
                progress(f"{stage}: {done}/{total}")
                last.update(stage=stage, done=done)

        driver = open_driver(uri, user, no_auth)
        try:
            report = push_graph(graph, driver, batch_size=batch_size, database=database, mirror=mirror,
                                uri=uri, on_progress=tell)
        finally:
            driver.close()
        progress(f"pushed {report.nodes} nodes and {report.relationships} relationships to {uri} in "
                 f"{report.seconds:.1f} s ({report.relationships_per_second:.0f} relationships/s)", quiet=quiet)
    for what, why in report.dropped[:20]:
        progress(f"not pushed: {what}: {why}")
    echo_rows(report.rows(), fmt)


@neo4j.command()
@click.argument("name", required=False)
@click.option("--param", "params", multiple=True, metavar="K=V",
              help="A query parameter (repeat): digits are numbers, true/false/null as such, else text.")
@connection_options
@output_options
@click.option("--evidence", is_flag=True, help="Show the file:line and quote of each answer (table/md/csv).")
@click.option("--ids", is_flag=True, help="Show the node id columns in table/md output.")
def query(name, params, uri, user, no_auth, database, fmt, width, evidence, ids):
    """Run the library query NAME (queries/cypher/NAME.cypher) in Neo4j; without NAME, list them.

    Parameters the query uses but are not given are sent as null (each query says what null means).

    \b
    Example:
        cancu neo4j query
        cancu neo4j query basis --param instrument=118/KH-UBND --param depth=1
        cancu neo4j query agency --param "agency=Sở Nội vụ" --param "province=Quảng Ngãi" --format md
        cancu neo4j query path --param from=45/KH-SNV --param to=96/KH-UBND --evidence
    """
    queries = library()
    if not name:
        echo_rows([{"name": q.name, "parameters": ", ".join(q.parameters), "answers": q.title.split(":", 1)[-1].strip()}
                   for q in queries.values()], fmt, width=width)
        return
    if name not in queries:
        raise click.BadParameter(f"no query {name!r}; the library has {', '.join(queries)}", param_hint="NAME")
    q = queries[name]
    values = query_parameters(q, [parse_param(p) for p in params])
    from neo4j.exceptions import Neo4jError

    driver = open_driver(uri, user, no_auth)
    try:
        rows = run_query(driver, q.text, values, database=database)
    except Neo4jError as err:
        raise click.ClickException(f"query {name} failed: {err.message or err}") from err
    finally:
        driver.close()
    if fmt == "json":
        echo_rows(rows, fmt)
        return
    shown, columns = terminal_rows(rows, evidence=evidence, ids=ids)
    echo_rows(shown, fmt, width=width, columns=columns)


def guide_html(queries: dict[str, CypherQuery]) -> str:
    """A Neo4j Browser guide (``:play URL``): one slide per query, runnable ``:params`` and query blocks."""
    esc = html.escape
    slides = [
        "<slide class=\"row-fluid\"><div class=\"col-sm-12\">"
        "<h3>cancu: legal bases and responsibilities</h3>"
        "<p>The graph pushed by <code>cancu neo4j push</code>: instruments (<code>:Instrument</code>), agencies, "
        "tasks and signers, linked by BASED_ON, IMPLEMENTS, CITES, HAS_TASK, LEADS, COORDINATES, RESPONSIBLE_FOR "
        "and more. Every relationship keeps its evidence: <code>r.evidence</code> (the first quote, file and "
        "line) and the arrays <code>r.evidence_source</code>, <code>r.evidence_line</code>, "
        "<code>r.evidence_quote</code>.</p>"
        "<p>Each next slide is one named query: click its <code>:params</code> block, edit the values, run it; "
        "then click the query and run it.</p><ul>"
        + "".join(f"<li><b>{esc(q.name)}</b>: {esc(q.title.split(':', 1)[-1].strip())}</li>" for q in queries.values())
        + "</ul></div></slide>"
    ]
    for q in queries.values():
        body = "\n".join(line for line in q.text.splitlines() if not line.startswith("//")).strip()
        about = "".join(f"<p>{esc(par)}</p>" for par in q.about.split("\n\n") if par.strip())
        about = about.replace("\n", "<br>")
        slides.append(
            "<slide class=\"row-fluid\"><div class=\"col-sm-12\">"
            f"<h3>{esc(q.title)}</h3>{about}"
            + (f"<pre class=\"pre-scrollable code runnable\">{esc(q.example)}</pre>" if q.example else "")
            + f"<pre class=\"pre-scrollable code runnable\">{esc(body)}</pre>"
            "</div></slide>")
    return ("<article class=\"guide\">\n<carousel class=\"deck container-fluid\">\n"
            + "\n".join(slides) + "\n</carousel>\n</article>\n")


class _GuideHandler(http.server.BaseHTTPRequestHandler):
    """Serves the guide to Neo4j Browser (cross-origin: CORS header), nothing else."""

    page = b""

    def do_GET(self):
        if self.path.split("?", 1)[0] not in ("/", f"/{GUIDE_NAME}"):
            self.send_error(404, f"only /{GUIDE_NAME} is served here")
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Length", str(len(self.page)))
        self.end_headers()
        self.wfile.write(self.page)

    def log_message(self, fmt, *args):  # requests on stderr, as progress
        progress(f"guide: {self.address_string()} {fmt % args}")


def guide_server(port: int, page: str, host: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    handler = type("GuideHandler", (_GuideHandler,), {"page": page.encode("utf-8")})
    return http.server.ThreadingHTTPServer((host, port), handler)


@neo4j.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the guide to this file (default: stdout).")
@click.option("--serve", "port", type=click.IntRange(1, 65535), default=None, metavar="PORT",
              help=f"Serve it at http://localhost:PORT/{GUIDE_NAME} for Browser's :play (Ctrl-C stops).")
def guide(out, port):
    """A Neo4j Browser guide listing the Cypher library, one slide per query.

    Neo4j Browser 5 plays guides from URLs on hosts it allows (localhost by default) that send CORS
    headers: `--serve PORT`, then `:play http://localhost:PORT/cancu.html` in Browser. The queries can also
    be saved as favorites by dragging queries/cypher/*.cypher onto Browser.

    \b
    Example:
        cancu neo4j guide --serve 8001
        cancu neo4j guide --out cancu.html
    """
    page = guide_html(library())
    if out:
        tmp = out.with_name(f".{out.name}.tmp")
        tmp.write_text(page, encoding="utf-8")
        os.replace(tmp, out)
        progress(f"wrote {out} ({len(library())} queries)")
    elif port is None:
        click.echo(page, nl=False)
    if port is not None:
        server = guide_server(port, page)
        progress(f"serving the guide: in Neo4j Browser run  :play http://localhost:{port}/{GUIDE_NAME}  (Ctrl-C stops)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
