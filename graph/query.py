"""SPARQL over a build: run ad-hoc or saved queries on the embedded Oxigraph store.

A briefing writer asks the same dozen questions of every build, so they are
kept as ``graph/queries/*.rq`` files (package data), each opening with a
``# question:`` comment. A saved query is parameterised by a ``VALUES ?name
{ default }`` line that ``--param name=value`` replaces, so the text stays a
valid query any SPARQL client can run; a saved query that lists rows pages
them with its one ``LIMIT``/``OFFSET``, the parameters ``limit`` and ``offset``.
"""

from __future__ import annotations

import csv
import io
import json
import queue
import re
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Protocol

import pyoxigraph
from fazhi.graph.namespaces import QUERY_PREFIXES as PREFIXES
from fazhi.graph.source import SourceError, open_build

_QUESTION = re.compile(r"^#\s*question:\s*(.+)$", re.MULTILINE)
_PARAM_DOC = re.compile(r"^#\s*param\s+(\w+):\s*(.+)$", re.MULTILINE)
_VALUES = re.compile(r"VALUES\s+\?(\w+)\s*\{([^{}]*)\}", re.IGNORECASE)
# a saved query that lists evidence rows pages them: its one LIMIT and OFFSET are the parameters limit and offset
_PAGE = re.compile(r"\b(LIMIT|OFFSET)[ \t]+(\d+)\b")


DEFAULT_TIMEOUT = 300.0  # seconds, for ad-hoc queries: the saved ones answer in under 1 s over 10,000 reports (benchmarks/RESULTS.md)
_QUEUE_ROWS = 1024  # rows in flight between the engine thread and the writer: memory stays flat


class QueryError(Exception):
    """A query that cannot run: bad syntax, unknown parameter, or no store; one line."""


class QueryTimeout(QueryError):
    """The query ran past its time limit (``--timeout``)."""


@dataclass(frozen=True)
class SavedQuery:
    """A briefing question kept as a ``.rq`` file."""

    name: str
    question: str
    text: str
    params: dict[str, str] = field(default_factory=dict)  # name -> default value
    param_help: dict[str, str] = field(default_factory=dict)  # name -> what it means


@dataclass
class QueryResult:
    """Rows of RDF terms (pyoxigraph) by variable; ``kind`` is select, ask or graph."""

    kind: str
    variables: list[str]
    rows: list[tuple[Any, ...]]


def saved_queries() -> dict[str, SavedQuery]:
    """The saved briefing queries shipped with the package, by name (file stem)."""
    found: dict[str, SavedQuery] = {}
    folder = resources.files("fazhi.graph") / "queries"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        name = entry.name[: -len(".rq")]
        match = _QUESTION.search(text)
        question = match.group(1).strip() if match else ""
        params = {m.group(1): _unquote(m.group(2).strip()) for m in _VALUES.finditer(text)}
        params.update((m.group(1).lower(), m.group(2)) for m in _PAGE.finditer(text))
        helps = {m.group(1): m.group(2).strip() for m in _PARAM_DOC.finditer(text)}
        found[name] = SavedQuery(name, question, text, params, helps)
    return found


_LITERAL = re.compile(r'^"((?:[^"\\]|\\.)*)"(@[A-Za-z][\w-]*|\^\^\S+)?$')
_PREFIXED = re.compile(r"^([A-Za-z][\w-]*):(\S*)$")
_SIMPLE_LOCAL = re.compile(r"^\w(?:[\w.-]*[\w-])?$")


def _unquote(value: str) -> str:
    """A default as the user would type it: ``"四道河子镇"@zh`` → 四道河子镇, ``mech:grid`` → grid."""
    literal = _LITERAL.match(value)
    if literal:
        return re.sub(r"\\(.)", r"\1", literal.group(1))
    prefixed = _PREFIXED.match(value)
    if prefixed and prefixed.group(1) in PREFIXES:
        return prefixed.group(2)
    return value


def prefix_header(sparql: str = "") -> str:
    """PREFIX lines for the predeclared prefixes ``sparql`` uses, for other SPARQL engines."""
    lines = []
    for prefix, iri in PREFIXES.items():
        if not sparql or re.search(rf"(?<![\w:?$]){re.escape(prefix)}:", sparql):
            lines.append(f"PREFIX {prefix}: <{iri}>")
    return "\n".join(lines) + ("\n" if lines else "")


def sparql_value(value: str) -> str:
    """``value`` as a SPARQL term: an integer, an <IRI>, or a quoted string literal."""
    if re.fullmatch(r"-?\d+", value):
        return value
    if value.startswith("<") and value.endswith(">") and " " not in value:
        return value
    return sparql_value_literal(value)


def shaped_value(value: str, default: str) -> str:
    """``value`` as a SPARQL term of the same shape as the parameter's ``default``.

    A default ``"…"@zh`` makes a ``@zh`` literal, ``mech:grid`` a concept of
    that scheme (``hotline_12345`` → ``mech:hotline_12345``), an integer an
    integer; an IRI-shaped default also accepts ``<IRI>`` or ``prefix:name``.
    Matching the stored term exactly lets the engine use its indexes.
    """
    default = default.strip()
    literal = _LITERAL.match(default)
    if literal:
        return sparql_value_literal(value) + (literal.group(2) or "")
    if re.fullmatch(r"-?\d+", default):
        if not re.fullmatch(r"-?\d+", value):
            raise QueryError(f"{value!r} is not an integer")
        return value
    prefixed = _PREFIXED.match(default)
    if prefixed or default.startswith("<"):
        if value.startswith("<") and value.endswith(">") and " " not in value:
            return value
        given = _PREFIXED.match(value)
        if given and given.group(1) in PREFIXES:
            return value
        if prefixed and prefixed.group(1) in PREFIXES:
            if _SIMPLE_LOCAL.match(value):
                return f"{prefixed.group(1)}:{value}"
            from urllib.parse import quote

            return f"<{PREFIXES[prefixed.group(1)]}{quote(value, safe='')}>"
    return sparql_value(value)


def sparql_value_literal(value: str) -> str:
    """``value`` as a quoted SPARQL string (escaped)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def bind_params(sparql: str, params: Mapping[str, str] | None) -> str:
    """Replace the ``VALUES ?name { default }`` block of each parameter with the given value."""
    if not params:
        return sparql
    declared = {m.group(1) for m in _VALUES.finditer(sparql)} | {m.group(1).lower() for m in _PAGE.finditer(sparql)}
    unknown = sorted(set(params) - declared)
    if unknown:
        offered = ", ".join(sorted(declared)) or "none"
        raise QueryError(
            f"unknown parameter {', '.join(unknown)} (this query's parameters: {offered})"
        )

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in params:
            return match.group(0)
        return f"VALUES ?{name} {{ {shaped_value(params[name], match.group(2))} }}"

    def page(match: re.Match[str]) -> str:
        name = match.group(1).lower()
        if name not in params:
            return match.group(0)
        value = params[name].strip()
        if name == "limit" and value == "all":
            return ""
        if not value.isdigit():
            raise QueryError(f"{name} must be a whole number of rows{' or all' if name == 'limit' else ''}, "
                             f"not {value!r}")
        return f"{match.group(1)} {int(value)}"

    return _PAGE.sub(page, _VALUES.sub(substitute, sparql))


def page_of(sparql: str) -> tuple[int, int] | None:
    """(limit, offset) of a query whose text has one LIMIT (a paged saved query, parameters bound); None if unpaged."""
    found = {m.group(1): int(m.group(2)) for m in _PAGE.finditer(sparql)}
    return (found["LIMIT"], found.get("OFFSET", 0)) if "LIMIT" in found else None


def open_store(source: Any) -> pyoxigraph.Store:
    """The store to query for ``source`` (see ``fazhi.graph.source.open_build``); QueryError if none."""
    try:
        return open_build(source)
    except SourceError as exc:
        raise QueryError(str(exc)) from None


@dataclass
class StreamedResult:
    """Like ``QueryResult``, but ``rows`` arrive one by one while the engine still works."""

    kind: str
    variables: list[str]
    rows: Iterator[tuple[Any, ...]]


def _answer_rows(answer: Any) -> tuple[str, list[str], Iterator[tuple[Any, ...]]]:
    if isinstance(answer, pyoxigraph.QueryBoolean):
        flag = pyoxigraph.Literal(str(bool(answer)).lower(), datatype=_XSD_BOOLEAN)
        return "ask", ["ask"], iter([(flag,)])
    if isinstance(answer, pyoxigraph.QuerySolutions):
        names = [v.value for v in answer.variables]
        return "select", names, (tuple(solution[name] for name in names) for solution in answer)
    return "graph", ["subject", "predicate", "object"], ((t.subject, t.predicate, t.object) for t in answer)


def stream(source: Any, sparql: str, params: Mapping[str, str] | None = None, *,
           timeout: float | None = None, allow_service: bool = False) -> StreamedResult:
    """Run ``sparql`` over all report graphs together; rows stream, the whole run is bounded by ``timeout``.

    The engine works in a thread (pyoxigraph releases the GIL), so the caller
    sees each row as it comes, a Ctrl-C (KeyboardInterrupt) at once, and
    ``QueryTimeout`` when the time is up, whatever the engine is doing. A
    ``SERVICE`` clause is refused unless ``allow_service``: the engine would
    send HTTP requests to any address the text names.
    """
    from fazhi.graph.sparql_guard import outbound_refusal

    store = open_store(source)
    text = bind_params(sparql, params)
    if not allow_service:
        refusal = outbound_refusal(text)
        if refusal:
            raise QueryError(refusal)
    deadline = None if not timeout or timeout <= 0 else time.monotonic() + timeout
    channel: queue.Queue = queue.Queue(maxsize=_QUEUE_ROWS)
    stop = threading.Event()

    def put(item: tuple) -> bool:
        while not stop.is_set():
            try:
                channel.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        try:
            answer = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
            kind, names, rows = _answer_rows(answer)
            if not put(("head", kind, names)):
                return
            for row in rows:
                if not put(("row", row)):
                    return
            put(("end",))
        except BaseException as exc:  # noqa: BLE001 - handed to the reading thread
            put(("error", exc))

    threading.Thread(target=work, name="fazhi-query", daemon=True).start()

    def take() -> tuple:
        while True:
            wait = 0.1 if deadline is None else min(0.1, deadline - time.monotonic())
            if wait <= 0:
                stop.set()
                raise QueryTimeout(f"the query ran past its time limit of {timeout:g} s "
                                   "(--timeout SECONDS allows more)")
            try:
                item = channel.get(timeout=wait)
            except queue.Empty:
                continue
            if item[0] == "error":
                exc = item[1]
                if isinstance(exc, (SyntaxError, ValueError, OSError)):
                    raise QueryError(_one_line(exc)) from exc
                raise exc
            return item

    try:
        head = take()
    except BaseException:
        stop.set()
        raise

    def rows() -> Iterator[tuple[Any, ...]]:
        try:
            while True:
                item = take()
                if item[0] == "end":
                    return
                yield item[1]
        finally:
            stop.set()

    return StreamedResult(head[1], head[2], rows())


def execute(source: Any, sparql: str, params: Mapping[str, str] | None = None, *,
            timeout: float | None = None, allow_service: bool = False) -> QueryResult:
    """Run ``sparql`` (SELECT, ASK, CONSTRUCT or DESCRIBE) over all report graphs together; all rows."""
    result = stream(source, sparql, params, timeout=timeout, allow_service=allow_service)
    return QueryResult(result.kind, result.variables, list(result.rows))


def run_query(
    source: Any, sparql: str, params: Mapping[str, str] | None = None
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Variables and rows of plain Python values (str, int, float, bool, None) for ``sparql``."""
    result = execute(source, sparql, params)
    return result.variables, [tuple(python_value(t) for t in row) for row in result.rows]


_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_BOOLEAN = pyoxigraph.NamedNode(f"{_XSD}boolean")
_INTEGERS = {f"{_XSD}{t}" for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "unsignedInt", "unsignedLong", "negativeInteger", "nonPositiveInteger", "gYear")}
_DECIMALS = {f"{_XSD}{t}" for t in ("decimal", "double", "float")}


def python_value(term: Any) -> str | int | float | bool | None:
    """A term's value as Python: numbers for numeric literals, the IRI or text otherwise."""
    if term is None:
        return None
    value = term.value
    datatype = getattr(term, "datatype", None)
    if datatype is not None:
        iri = datatype.value
        try:
            if iri in _INTEGERS:
                return int(value)
            if iri in _DECIMALS:
                return float(value)
        except ValueError:
            return value
        if iri == f"{_XSD}boolean":
            return value in ("true", "1")
    return value


def term_json(term: Any) -> dict[str, str] | None:
    """One term in the SPARQL 1.1 JSON results shape."""
    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, pyoxigraph.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != f"{_XSD}string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def format_result(result: QueryResult | StreamedResult, fmt: str) -> str:
    """``result`` as csv, tsv (plain values, header row) or json (SPARQL JSON results)."""
    buffer = io.StringIO()
    write_result(result, fmt, buffer)
    return buffer.getvalue()


class TextSink(Protocol):
    """Anything with ``write(str)``: a file, a StringIO, a terminal wrapper."""

    def write(self, text: str, /) -> int: ...


def write_result(result: QueryResult | StreamedResult, fmt: str, out: TextSink) -> int:
    """Write ``result`` to ``out`` row by row as csv, tsv or json (same bytes as ``format_result``); returns rows."""
    if fmt not in ("csv", "tsv", "json"):
        raise QueryError(f"unknown output format {fmt!r} (table, csv, tsv, json)")
    count = 0
    if fmt == "json":
        if result.kind == "ask":
            row = next(iter(result.rows))
            out.write(json.dumps({"head": {}, "boolean": row[0].value == "true"}) + "\n")
            return 1
        # the bytes json.dumps(doc, ensure_ascii=False, indent=1) gives, written a binding at a time
        out.write('{\n "head": {\n  "vars": ' + _indented(result.variables, 2) + '\n },\n "results": {\n  "bindings": [')
        for row in result.rows:
            binding = {v: term_json(t) for v, t in zip(result.variables, row) if t is not None}
            out.write(("," if count else "") + "\n   " + _indented(binding, 3))
            count += 1
        out.write(("\n  ]" if count else "]") + "\n }\n}\n")
        return count
    from fazhi.graph.cells import (  # no formulas when a spreadsheet opens it
        safe_cell,
        safe_row,
    )

    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow(safe_row(_cell(t) for t in row))
            count += 1
        return count
    out.write("\t".join(result.variables) + "\n")
    for row in result.rows:
        cells = (str(safe_cell(_cell(t))).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n") for t in row)
        out.write("\t".join(cells) + "\n")
        count += 1
    return count


def _indented(value: Any, level: int) -> str:
    """``value`` as json.dumps(indent=1) writes it ``level`` levels deep."""
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n" + " " * level)


def short_iri(term: Any) -> str:
    """A term's value for reading on screen: IRIs as ``prefix:local`` where a prefix fits."""
    if not isinstance(term, pyoxigraph.NamedNode):
        return term.value
    iri = term.value
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def _cell(term: Any) -> str:
    return "" if term is None else term.value


def _one_line(exc: BaseException, limit: int = 240) -> str:
    """The engine's message on one line, cut where it starts listing every expected token."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,") + "…"
