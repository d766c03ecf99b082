"""Upload a build to a remote SPARQL store, one named graph per report.

Each report graph is sent with an HTTP PUT of the SPARQL 1.1 Graph Store
HTTP Protocol (``GSP?graph=IRI``), which replaces the graph, so pushing twice
never duplicates triples. Stores without a Graph Store endpoint get the same
effect from SPARQL 1.1 Update (``DROP SILENT GRAPH`` + ``INSERT DATA``). When a
report file changed, its content hash (and so its graph IRI) changed too: the
remote graph of the same source file with the old hash is dropped after the
new one is in. Only the standard library speaks HTTP here.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import pyoxigraph
from fazhi.graph.namespaces import FZ, GRAPH_REPORT
from fazhi.graph.serve import ServeError, store_dir, writer_holds_lock
from fazhi.graph.source import SourceError, check_format

DEFAULT_PASSWORD_ENV = "FAZHI_PASSWORD"
DEFAULT_TOKEN_ENV = "FAZHI_TOKEN"
RDF_MEDIA_TYPE = "text/turtle; charset=utf-8"  # N-Triples is valid Turtle; every store reads it

_REPORTS_QUERY = f"""SELECT ?g ?sha ?source WHERE {{
  GRAPH ?g {{ ?r a <{FZ}Report> ; <{FZ}sha256> ?sha . OPTIONAL {{ ?r <{FZ}sourcePath> ?source }} }}
}}"""

ProgressFn = Callable[[str, int, int], None]


class PushError(Exception):
    """Why a push failed, as one line for the user (``status``: the HTTP status, if any)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Auth:
    """HTTP credentials: a user and password (Basic, or Digest when challenged) or a bearer token."""

    user: str | None = None
    password: str | None = None
    token: str | None = None


def credentials_from_env(
    user: str | None, password_env: str | None, token_env: str | None
) -> Auth | None:
    """Read the secret from the named environment variable, so it never sits on a command line."""
    if token_env and (user or password_env):
        raise PushError("give either --token-env or --user/--password-env, not both")
    if token_env:
        token = os.environ.get(token_env)
        if not token:
            raise PushError(f"environment variable {token_env} (the bearer token) is not set")
        return Auth(token=token)
    if password_env and not user:
        raise PushError("--password-env needs --user")
    if user:
        var = password_env or DEFAULT_PASSWORD_ENV
        password = os.environ.get(var)
        if password is None:
            raise PushError(f"environment variable {var} (the password for {user}) is not set")
        return Auth(user=user, password=password)
    return None


_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@]*@")
_SECRET_PARAM = re.compile(r"(?i)([?&](?:password|passwd|pass|pwd|token|access_token|api[_-]?key|key|secret|auth)=)[^&\s#]*")


def redact_url(text: str) -> str:
    """``text`` with every URL's user:password@ and secret-looking parameters shown as ``***``."""
    return _SECRET_PARAM.sub(r"\1***", _USERINFO.sub(r"\1***@", text))


class _Deadline:
    """One request's whole-time bound: when it passes, every socket the request opened is shut down.

    A per-read timeout lets a server that sends a byte a second hold a push
    forever; this watchdog ends the request at its deadline, whatever it is doing.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self.fire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def register(self, sock: socket.socket | None) -> None:
        with self._lock:
            if sock is None:
                return
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def fire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class _DeadlineHandlers:
    """HTTP and HTTPS handlers whose connections register their socket with the current ``_Deadline``."""

    def __init__(self) -> None:
        self.current: _Deadline | None = None
        holder = self

        def connection(base: type) -> type:
            class Connection(base):  # type: ignore[misc, valid-type]
                def connect(self) -> None:
                    super().connect()
                    if holder.current is not None:
                        holder.current.register(self.sock)
            return Connection

        http_conn, https_conn = connection(http.client.HTTPConnection), connection(http.client.HTTPSConnection)

        class HTTP(urllib.request.HTTPHandler):
            def http_open(self, req):  # noqa: ANN001, ANN201
                return self.do_open(http_conn, req)

        class HTTPS(urllib.request.HTTPSHandler):
            def https_open(self, req):  # noqa: ANN001, ANN201
                return self.do_open(https_conn, req, context=self._context)

        self.handlers = [HTTP(), HTTPS()]


@dataclass(frozen=True)
class RemoteReport:
    graph: str
    sha256: str
    source: str | None


@dataclass
class Remote:
    """A remote store: its query endpoint, optional Graph Store and Update endpoints, and credentials."""

    endpoint: str
    gsp: str | None = None
    update: str | None = None
    auth: Auth | None = None
    timeout: float = 60.0
    _opener: urllib.request.OpenerDirector | None = field(default=None, init=False, repr=False)
    _deadlines: _DeadlineHandlers | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        for url in (self.endpoint, self.gsp, self.update):
            if url is None:
                continue
            parts = urllib.parse.urlsplit(url)
            if parts.scheme not in ("http", "https"):
                raise PushError(f"{redact_url(url)}: not an http(s) URL")
            if "@" in parts.netloc:
                raise PushError(f"{redact_url(url)}: credentials in the URL are refused (they would show in "
                                "process lists and shell history); use --user NAME with the password in "
                                "$FAZHI_PASSWORD, or --token-env VAR")

    @property
    def update_url(self) -> str:
        return self.update or self.endpoint

    def _open(self, request: urllib.request.Request) -> bytes:
        return self._fetch(request)[0]

    def _fetch(self, request: urllib.request.Request) -> tuple[bytes, str]:
        """Send ``request``; the body and media type of the answer, or a one-line PushError."""
        if self._opener is None:
            handlers: list[urllib.request.BaseHandler] = []
            if self.auth and self.auth.user is not None:
                manager = urllib.request.HTTPPasswordMgrWithPriorAuth()
                for url in (self.endpoint, self.gsp, self.update):
                    if url:
                        manager.add_password(None, url, self.auth.user, self.auth.password or "",
                                             is_authenticated=True)
                handlers += [urllib.request.HTTPBasicAuthHandler(manager),
                             urllib.request.HTTPDigestAuthHandler(manager)]
            self._deadlines = _DeadlineHandlers()
            self._opener = urllib.request.build_opener(*handlers, *self._deadlines.handlers)
        if self.auth and self.auth.token:
            request.add_unredirected_header("Authorization", f"Bearer {self.auth.token}")
        deadline = _Deadline(self.timeout)
        assert self._deadlines is not None
        self._deadlines.current = deadline
        late = PushError(f"{request.get_method()} {request.full_url.split('?')[0]}: no complete answer within "
                         f"{self.timeout:g} s (--timeout bounds each whole request)")
        try:
            with deadline, self._opener.open(request, timeout=self.timeout) as response:
                media = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
                body = response.read()
            if deadline.expired:
                raise late
            return body, media
        except urllib.error.HTTPError as exc:
            if deadline.expired:
                raise late from None
            raise _http_error(request, exc) from None
        except urllib.error.URLError as exc:
            if deadline.expired:
                raise late from None
            raise PushError(f"{request.full_url}: cannot reach the store ({_reason(exc.reason)})") from None
        except (TimeoutError, OSError, http.client.HTTPException) as exc:
            if deadline.expired or isinstance(exc, TimeoutError):
                raise late from None
            raise PushError(f"{request.full_url}: cannot reach the store ({_reason(exc)})") from None

    def query(self, sparql: str, accept: str = "application/sparql-results+json") -> bytes:
        """POST a SPARQL query (form-encoded, as the protocol allows for every store)."""
        return self._fetch(self._query_request(sparql, accept))[0]

    def _query_request(self, sparql: str, accept: str) -> urllib.request.Request:
        body = urllib.parse.urlencode({"query": sparql}).encode()
        return urllib.request.Request(
            self.endpoint, data=body, method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
        )

    def reports(self) -> list[RemoteReport]:
        """The report graphs the remote store holds, with their content hash and source file."""
        raw = self.query(_REPORTS_QUERY)
        try:
            bindings = json.loads(raw)["results"]["bindings"]
        except (ValueError, KeyError, TypeError):
            raise PushError(f"{self.endpoint}: the answer is not SPARQL JSON results (is this a SPARQL endpoint?)") from None
        found = []
        for b in bindings:
            found.append(RemoteReport(b["g"]["value"], b["sha"]["value"], b.get("source", {}).get("value")))
        return found

    def graph_triples(self, graph: str) -> bytes | None:
        """The remote copy of ``graph`` as N-Triples (via CONSTRUCT), None if unreadable."""
        data, media = self._fetch(self._query_request(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
            "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5",
        ))
        fmt = pyoxigraph.RdfFormat.from_media_type(media) if media else None
        try:  # stores differ in what they send back; bring it to N-Triples
            triples = pyoxigraph.parse(data, fmt or pyoxigraph.RdfFormat.N_TRIPLES)
            return pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES)
        except (SyntaxError, ValueError, OSError):
            return None  # unknown answer: treat the graph as changed and send it

    def put_graph(self, graph: str, ntriples: bytes) -> None:
        """Replace ``graph`` with ``ntriples`` by a Graph Store HTTP Protocol PUT."""
        assert self.gsp is not None
        request = urllib.request.Request(
            _with_graph(self.gsp, graph), data=ntriples, method="PUT",
            headers={"Content-Type": RDF_MEDIA_TYPE},
        )
        self._open(request)

    def update_graph(self, graph: str, ntriples: bytes) -> None:
        """Replace ``graph`` with ``ntriples`` by one SPARQL Update request."""
        text = (
            f"DROP SILENT GRAPH <{graph}> ;\n"
            f"INSERT DATA {{ GRAPH <{graph}> {{\n{ntriples.decode('utf-8')}}} }}"
        )
        self._post_update(text)

    def drop_graph(self, graph: str, use_gsp: bool) -> None:
        """Remove ``graph`` from the remote store."""
        if use_gsp and self.gsp:
            request = urllib.request.Request(_with_graph(self.gsp, graph), method="DELETE")
            try:
                self._open(request)
            except PushError as exc:
                if exc.status != 404:  # already gone is fine
                    raise
        else:
            self._post_update(f"DROP SILENT GRAPH <{graph}>")

    def _post_update(self, text: str) -> None:
        request = urllib.request.Request(
            self.update_url, data=text.encode("utf-8"), method="POST",
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        )
        try:
            self._open(request)
        except PushError as exc:
            if exc.status in (400, 404, 405, 415) and self.update is None:
                raise PushError(f"{exc} (the query endpoint takes no updates; give --update or --gsp)",
                                exc.status) from None
            raise


class _GraphStoreMissing(PushError):
    """The Graph Store endpoint does not exist or refuses PUT (fall back to Update)."""


def _with_graph(url: str, graph: str) -> str:
    sep = "&" if urllib.parse.urlsplit(url).query else "?"
    return f"{url}{sep}graph={urllib.parse.quote(graph, safe='')}"


def _reason(reason: object) -> str:
    text = getattr(reason, "strerror", None) or str(reason)
    return str(text).splitlines()[0] if text else type(reason).__name__


def _http_error(request: urllib.request.Request, exc: urllib.error.HTTPError) -> PushError:
    try:
        body = exc.read().decode("utf-8", "replace").strip()
    except OSError:
        body = ""
    detail = body.splitlines()[0][:200] if body else ""
    where = f"{request.get_method()} {request.full_url.split('?')[0]}"
    if exc.code == 401:
        return PushError(f"{where}: 401 Unauthorized (check --user and the password/token variable)", 401)
    if exc.code == 403:
        return PushError(f"{where}: 403 Forbidden (the store refuses writes or these credentials)"
                         f"{': ' + detail if detail else ''}", 403)
    cls = _GraphStoreMissing if request.get_method() == "PUT" and exc.code in (404, 405, 501) else PushError
    return cls(f"{where}: HTTP {exc.code} {exc.reason}{': ' + detail if detail else ''}", exc.code)


# --------------------------------------------------------------------- local side


@dataclass(frozen=True)
class LocalGraph:
    iri: str
    sha256: str | None  # set for report graphs
    source: str | None


def open_local(build_dir: Path) -> pyoxigraph.Store:
    """The build's store, read-only; refuses while a build has it open for writing."""
    try:
        path = store_dir(Path(build_dir))
    except ServeError as exc:
        raise PushError(str(exc)) from None
    if writer_holds_lock(path):
        raise PushError(f"{path}: the store is open in another process (is a `fazhi build` running?)")
    try:
        store = pyoxigraph.Store.read_only(str(path))
    except OSError as exc:
        raise PushError(f"{path}: cannot open the store ({_reason(exc)})") from None
    try:
        check_format(store, path)
    except SourceError as exc:
        raise PushError(str(exc)) from None
    return store


def local_graphs(store: pyoxigraph.Store) -> list[LocalGraph]:
    """Every named graph of the build: the reports (with hash and source) then the rest, sorted."""
    meta: dict[str, tuple[str, str | None]] = {}
    for row in cast(pyoxigraph.QuerySolutions, store.query(_REPORTS_QUERY)):
        source = row["source"].value if row["source"] is not None else None
        meta[row["g"].value] = (row["sha"].value, source)
    graphs = []
    for g in store.named_graphs():
        if not isinstance(g, pyoxigraph.NamedNode):
            continue
        sha, source = meta.get(g.value, (None, None))
        if sha is None and g.value.startswith(GRAPH_REPORT):
            sha = g.value[len(GRAPH_REPORT):]
        graphs.append(LocalGraph(g.value, sha, source))
    graphs.sort(key=lambda lg: (lg.sha256 is None, lg.iri))
    return graphs


def graph_ntriples(store: pyoxigraph.Store, graph: str) -> bytes:
    return cast(bytes, store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.NamedNode(graph)))


def same_graph(local_nt: bytes, remote_nt: bytes | None) -> bool:
    """True if two N-Triples documents hold the same graph (blank nodes compared by structure)."""
    if remote_nt is None:
        return False
    mine = {line.strip() for line in local_nt.decode("utf-8").splitlines() if line.strip()}
    theirs = {line.strip() for line in remote_nt.decode("utf-8").splitlines() if line.strip()}
    if len(mine) != len(theirs):
        return False
    if not any("_:" in line for line in mine | theirs):
        return _canonical(mine) == _canonical(theirs)
    from rdflib import Graph
    from rdflib.compare import isomorphic

    a, b = Graph(), Graph()
    a.parse(data=local_nt.decode("utf-8"), format="nt")
    b.parse(data=remote_nt.decode("utf-8"), format="nt")
    return isomorphic(a, b)


def _canonical(lines: set[str]) -> set[pyoxigraph.Triple]:
    """Parse lines so that equivalent escapes of the same term compare equal."""
    return set(pyoxigraph.parse("\n".join(lines).encode("utf-8"), pyoxigraph.RdfFormat.N_TRIPLES))


# --------------------------------------------------------------------- the push


@dataclass
class PushResult:
    endpoint: str
    method: str = "graph store"  # or "update"
    sent: int = 0
    skipped: int = 0
    dropped: int = 0
    triples: int = 0
    sent_graphs: list[str] = field(default_factory=list)

    target: str = ""

    def summary(self) -> str:
        if not self.sent and not self.dropped:
            return f"Nothing to send: {self.endpoint} already has all {self.skipped} graphs."
        how = "Graph Store PUT" if self.method == "graph store" else "SPARQL Update"
        parts = [f"Sent {self.sent} graphs ({self.triples} triples) to {self.target} by {how}"]
        if self.skipped:
            parts.append(f"{self.skipped} unchanged")
        if self.dropped:
            parts.append(f"{self.dropped} outdated report graphs dropped")
        return "; ".join(parts) + "."


def push_build(
    build_dir: Path,
    remote: Remote,
    *,
    only_changed: bool = False,
    progress: ProgressFn | None = None,
    notice: Callable[[str], None] | None = None,
) -> PushResult:
    """Send every named graph of ``build_dir`` to ``remote``; return what was sent."""
    store = open_local(build_dir)
    graphs = local_graphs(store)
    if not graphs:
        raise PushError(f"{build_dir}: the store holds no graphs (run `fazhi build` first)")
    held = remote.reports()  # also proves the endpoint is alive before anything is sent
    held_graphs = {r.graph for r in held}
    local_shas = {g.sha256 for g in graphs if g.sha256}
    local_sources = {g.source for g in graphs if g.source}
    outdated = sorted({r.graph for r in held
                       if r.source in local_sources and r.sha256 not in local_shas})

    result = PushResult(endpoint=remote.endpoint, method="graph store" if remote.gsp else "update",
                        target=remote.gsp or remote.update_url)
    todo: list[LocalGraph] = []
    for g in graphs:  # decide first; graphs are serialised one at a time while sending
        if only_changed:
            if g.sha256 and g.iri in held_graphs:
                result.skipped += 1
                continue
            if not g.sha256 and same_graph(graph_ntriples(store, g.iri), remote.graph_triples(g.iri)):
                result.skipped += 1
                continue
        todo.append(g)

    try:
        _send(store, remote, todo, result, progress, notice)
    except KeyboardInterrupt:
        raise PushError(f"interrupted after sending {result.sent} of {len(todo)} graphs; "
                        "run the same push with --only-changed to finish") from None
    for graph in outdated:
        remote.drop_graph(graph, result.method == "graph store")
        result.dropped += 1
    return result


def _send(store: pyoxigraph.Store, remote: Remote, todo: list[LocalGraph], result: PushResult,
          progress: ProgressFn | None, notice: Callable[[str], None] | None) -> None:
    """PUT (or update) each graph in turn, switching to SPARQL Update if there is no Graph Store."""
    use_gsp = remote.gsp is not None
    for i, g in enumerate(todo):
        data = graph_ntriples(store, g.iri)
        if use_gsp:
            try:
                remote.put_graph(g.iri, data)
            except _GraphStoreMissing as exc:
                if i > 0:
                    raise
                use_gsp = False
                result.method, result.target = "update", remote.update_url
                if notice:
                    notice(f"note: {exc}; falling back to SPARQL Update at {remote.update_url}")
        if not use_gsp:
            remote.update_graph(g.iri, data)
        result.sent += 1
        result.triples += data.count(b"\n")
        result.sent_graphs.append(g.iri)
        if progress:
            progress("pushing", i + 1, len(todo))
