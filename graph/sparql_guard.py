"""Does a SPARQL text make the engine fetch from the network? (SERVICE, and LOAD in updates.)

Oxigraph runs ``SERVICE <url>`` by sending an HTTP request to any address,
and an update's ``LOAD <url>`` fetches a document: from a served endpoint
that is a relay into the network it stands in, and from ``fazhi query`` an
outbound request nobody asked for. Neither the embedded engine nor the
Oxigraph server can be told to refuse them, so the text is checked before
it runs. The check is strict: the text is split into SPARQL tokens
(strings, IRIs, comments, variables and prefixed names cannot hide a
keyword), ``\\uXXXX`` escapes are decoded first, and a bare ``SERVICE``
(or ``LOAD``) word anywhere else refuses the text, even where the engine
would have found it a syntax error.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n\r]*"
    r"|[?$]\w+"
    r"|(?:[A-Za-z_][\w.-]*)?:[\w.:%\\-]*"
    r"|(?P<word>[A-Za-z_]\w*)"
    r"|.",
    re.S,
)
NETWORK_WORDS = {"SERVICE"}
UPDATE_NETWORK_WORDS = {"SERVICE", "LOAD"}


def _decode_escapes(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _ESCAPE.sub(one, text)


def network_keyword(sparql: str, *, update: bool = False) -> str | None:
    """The keyword (``SERVICE``, or ``LOAD`` for an update) that would make a request, or None."""
    words = UPDATE_NETWORK_WORDS if update else NETWORK_WORDS
    for match in _TOKEN.finditer(_decode_escapes(sparql)):
        word = match.group("word")
        if word and word.upper() in words:
            return word.upper()
    return None


def outbound_refusal(sparql: str, *, update: bool = False, flag: str = "--allow-service") -> str | None:
    """One line saying why ``sparql`` is refused (it would reach out to the network), or None."""
    word = network_keyword(sparql, update=update)
    if word is None:
        return None
    what = "fetches a URL" if word == "LOAD" else "sends requests to another endpoint"
    return f"{word} refused: it {what}; outbound requests are off unless started with {flag}"
