"""A small loopback proxy in front of the Oxigraph server: Host check, no outbound SPARQL, bounded time.

The Oxigraph server (0.5) cannot be told three things ``fazhi serve`` must
guarantee: it answers any ``Host`` header (so a web page whose DNS name is
rebound to 127.0.0.1 can read the graph), it runs ``SERVICE <url>`` and
``LOAD <url>`` (so the endpoint relays requests into the network it stands
in), and its ``--timeout-s`` does not stop a query that computes before it
answers (a cross join with ``COUNT`` runs on after the client is gone). So
the server listens on a private loopback port, and this proxy, on the port
the user asked for, lets through only requests that

- name a Host it serves: an IP address, ``localhost``, this machine's name,
  or a name given with ``--allow-host``;
- carry no ``SERVICE`` (and, for updates, no ``LOAD``), checked by
  ``sparql_guard`` before anything reaches the engine, unless
  ``--allow-service``;
- finish within the time limit: past it both connections are closed, and a
  query still computing gets its server restarted (read-only mode), so no
  work runs on for a client that is gone.

Everything else is relayed unchanged, answers streamed as they come.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from fazhi.graph.sparql_guard import outbound_refusal

MAX_CHECKED_BODY = 64 * 2**20  # a query or update text the proxy must read to check
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
               "transfer-encoding", "upgrade", "host", "content-length"}
_CHECKED_TYPES = {"application/x-www-form-urlencoded", "application/sparql-query", "application/sparql-update"}


def host_name(header: str) -> str:
    """The name part of a Host header (``[::1]:7878`` → ``::1``, ``Example.org.:80`` → ``example.org``)."""
    value = header.strip()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".").lower()


def is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


def served_names(bind_host: str, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """Host names the endpoint answers to (IP addresses are always accepted: they cannot be rebound)."""
    names = {"localhost"} | {n.rstrip(".").lower() for n in extra if n}
    if not is_ip(bind_host) and bind_host:
        names.add(bind_host.lower())
    if bind_host not in ("127.0.0.1", "::1", "localhost"):  # reachable from other machines by name
        hostname = socket.gethostname().lower()
        names |= {hostname, hostname.split(".")[0]}
    return frozenset(names)


def request_refusal(target: str, content_type: str, body: bytes | None) -> str | None:
    """Why the request would make the engine reach out (SERVICE, LOAD), or None."""
    texts: list[tuple[str, bool]] = []
    query = urllib.parse.urlsplit(target).query
    for name, values in urllib.parse.parse_qs(query, keep_blank_values=True).items():
        if name in ("query", "update"):
            texts += [(v, name == "update") for v in values]
    if body is not None:
        if content_type == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            for name, values in form.items():
                if name in ("query", "update"):
                    texts += [(v, name == "update") for v in values]
        elif content_type in ("application/sparql-query", "application/sparql-update"):
            texts.append((body.decode("utf-8", "replace"), content_type.endswith("update")))
    for text, update in texts:
        refusal = outbound_refusal(text, update=update)
        if refusal:
            return refusal
    return None


class GuardProxy(ThreadingHTTPServer):
    """The proxy server; ``serve_forever`` in a thread, ``shutdown`` to stop."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, bind: tuple[str, int], upstream: tuple[str, int], *, names: frozenset[str],
                 allow_service: bool = False, timeout: float = 60.0,
                 on_stuck: Callable[[], None] | None = None) -> None:
        self.address_family = socket.AF_INET6 if ":" in bind[0] else socket.AF_INET
        super().__init__(bind, _Handler)
        self.upstream = upstream
        self.names = names
        self.allow_service = allow_service
        self.timeout_s = timeout
        self.on_stuck = on_stuck
        self._stuck_lock = threading.Lock()

    def stuck(self) -> None:
        """A query ran past the limit without answering: let the owner restart the engine (once at a time)."""
        if self.on_stuck is not None and self._stuck_lock.acquire(blocking=False):
            try:
                self.on_stuck()
            finally:
                self._stuck_lock.release()


class _Handler(BaseHTTPRequestHandler):
    server: GuardProxy
    protocol_version = "HTTP/1.0"  # one request per connection; the body ends when the connection does
    timeout = 30  # seconds per read from a client: one that stalls mid-request does not hold a thread

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass  # the CLI prints what matters; request logs would flood a briefing laptop's terminal

    def _refuse(self, status: int, message: str) -> None:
        data = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _relay(self) -> None:
        host = self.headers.get("Host")
        if not host:
            return self._refuse(400, "a Host header is required")
        name = host_name(host)
        if not is_ip(name) and name not in self.server.names:
            return self._refuse(403, f"Host {name!r} is not served here (DNS rebinding?); "
                                     "start `fazhi serve --allow-host NAME` to serve that name")
        if self.headers.get("Transfer-Encoding"):
            return self._refuse(411, "send the body with a Content-Length")
        encoding = (self.headers.get("Content-Encoding") or "identity").lower()
        if encoding != "identity":
            return self._refuse(415, f"Content-Encoding {encoding} is not accepted")
        length = int(self.headers.get("Content-Length") or 0)
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        body: bytes | None = None
        if content_type in _CHECKED_TYPES or length == 0:
            if length > MAX_CHECKED_BODY:
                return self._refuse(413, f"a query or update over {MAX_CHECKED_BODY // 2**20} MB is refused")
            body = self.rfile.read(length) if length else b""
        if not self.server.allow_service:
            refusal = request_refusal(self.path, content_type, body)
            if refusal:
                return self._refuse(403, refusal)
        deadline = time.monotonic() + self.server.timeout_s
        upstream = http.client.HTTPConnection(*self.server.upstream, timeout=self.server.timeout_s)
        answered = False
        try:
            upstream.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
            upstream.putheader("Host", f"{self.server.upstream[0]}:{self.server.upstream[1]}")
            for key, value in self.headers.items():
                if key.lower() not in _HOP_BY_HOP:
                    upstream.putheader(key, value)
            upstream.putheader("Content-Length", str(length))
            upstream.endheaders()
            if body is not None:
                upstream.send(body)
            else:
                _copy_exact(self.rfile, upstream, length, deadline)
            response = upstream.getresponse()
            answered = True
            self.send_response_only(response.status, response.reason)
            for key, value in response.getheaders():
                if key.lower() not in _HOP_BY_HOP:
                    self.send_header(key, value)
            declared = response.getheader("Content-Length")
            if declared and not response.getheader("Transfer-Encoding"):
                self.send_header("Content-Length", declared)
            self.send_header("Connection", "close")
            self.end_headers()
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    break  # past the limit: the client gets a cut answer, the engine a closed socket
                if upstream.sock is not None:
                    upstream.sock.settimeout(left)
                chunk = response.read1(65536)
                if not chunk:
                    break
                self.wfile.write(chunk)
        except TimeoutError:
            if not answered:
                self.server.stuck()
                try:
                    self._refuse(503, f"the query ran past the time limit of {self.server.timeout_s:g} s")
                except OSError:
                    pass
        except (ConnectionError, OSError, http.client.HTTPException):
            if not answered:
                try:
                    self._refuse(502, "the SPARQL engine did not answer (restarting?); try again")
                except OSError:
                    pass
        finally:
            upstream.close()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = _relay


def _copy_exact(source, conn: http.client.HTTPConnection, length: int, deadline: float) -> None:  # noqa: ANN001
    """Stream ``length`` bytes of a request body (a Graph Store upload) to the engine."""
    left = length
    while left > 0:
        if time.monotonic() > deadline:
            raise TimeoutError("request body too slow")
        chunk = source.read(min(left, 2**20))
        if not chunk:
            raise ConnectionError("the client closed before sending its body")
        conn.send(chunk)
        left -= len(chunk)
