"""A human-readable, self-contained HTML page of the ontology and its vocabularies.

Generated from the Turtle files (never written by hand), so the page always
says what the graph uses: classes, properties and every concept with its
Chinese and English labels and the wordings the extractor recognises.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from fazhi.graph.namespaces import OWL, PREFIXES, RDF, RDFS, SKOS
from fazhi.ontology import ontology_path, vocab_paths
from pyoxigraph import Literal, NamedNode, RdfFormat, Store

_CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",system-ui,sans-serif;
margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1c2530;line-height:1.5}
h1{font-size:1.6rem}h2{border-bottom:2px solid #c0392b;padding-bottom:.2rem;margin-top:2.5rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{border:1px solid #d5dbe1;padding:.35rem .5rem;text-align:left;vertical-align:top}
td:nth-child(2){white-space:nowrap}th{background:#f3f5f7}code{font-size:.9em;background:#f3f5f7;padding:0 .2rem}
.alt{color:#56606b;font-size:.9em}nav a{margin-right:1rem}
"""


def short_name(iri: str) -> str:
    """``fz:Report`` instead of the full IRI, where a known prefix fits (longest namespace wins)."""
    matches = [(len(ns), prefix, ns) for prefix, ns in PREFIXES.items() if iri.startswith(ns)]
    if not matches:
        return iri
    _, prefix, ns = max(matches)
    return f"{prefix}:{iri[len(ns):]}"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


class _Terms:
    """Labels and values of the subjects of a small graph, by property."""

    def __init__(self, store: Store) -> None:
        self.values: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for q in store:
            if isinstance(q.subject, NamedNode):
                self.values[q.subject.value][q.predicate.value].append(q.object)

    def lits(self, s: str, p: str, lang: str | None = None) -> list[str]:
        out = [o.value for o in self.values[s][p] if isinstance(o, Literal)
               and (lang is None or o.language == lang)]
        return sorted(set(out))

    def one(self, s: str, p: str, lang: str | None = None) -> str:
        vals = self.lits(s, p, lang)
        return vals[0] if vals else ""

    def iris(self, s: str, p: str) -> list[str]:
        return sorted({o.value for o in self.values[s][p] if isinstance(o, NamedNode)})

    def of_type(self, cls: str) -> list[str]:
        return sorted(s for s, props in self.values.items()
                      if any(getattr(o, "value", None) == cls for o in props[RDF + "type"]))

    def label(self, s: str, lang: str) -> str:
        return self.one(s, RDFS + "label", lang) or self.one(s, SKOS + "prefLabel", lang)


def _link(iri: str) -> str:
    return f'<a href="#{_e(short_name(iri))}"><code>{_e(short_name(iri))}</code></a>' if iri.startswith(
        PREFIXES["fz"]) else f"<code>{_e(short_name(iri))}</code>"


def render(ontology: Path | None = None, vocabularies: Sequence[Path] | None = None) -> str:
    """The HTML page for the ontology file and vocabulary files (default: the installed ones)."""
    store = Store()
    store.load(path=str(ontology or ontology_path()), format=RdfFormat.TURTLE)
    for path in (vocab_paths() if vocabularies is None else vocabularies):
        store.load(path=str(path), format=RdfFormat.TURTLE)
    t = _Terms(store)

    parts = ["<!DOCTYPE html>", '<html lang="zh"><head><meta charset="utf-8">',
             "<title>fazhi-kg ontology 本体</title>", f"<style>{_CSS}</style></head><body>"]
    onto = t.of_type(OWL + "Ontology")
    title = t.label(onto[0], "zh") if onto else "本体"
    parts.append(f"<h1>{_e(title)} · {_e(t.label(onto[0], 'en') if onto else 'ontology')}</h1>")
    if onto:
        parts.append(f"<p>{_e(t.one(onto[0], RDFS + 'comment', 'en'))}</p>")
        parts.append(f"<p>Namespace <code>{_e(PREFIXES['fz'])}</code> (prefix <code>fz:</code>)</p>")
    parts.append('<nav><a href="#classes">Classes 类</a><a href="#properties">Properties 属性</a>'
                 '<a href="#vocabularies">Vocabularies 词表</a></nav>')

    parts.append('<h2 id="classes">Classes 类</h2><table><tr><th>class</th><th>中文</th>'
                 "<th>English</th><th>subclass of</th><th>description</th></tr>")
    for c in t.of_type(OWL + "Class"):
        supers = ", ".join(_link(s) for s in t.iris(c, RDFS + "subClassOf"))
        parts.append(f'<tr id="{_e(short_name(c))}"><td><code>{_e(short_name(c))}</code></td>'
                     f"<td>{_e(t.label(c, 'zh'))}</td><td>{_e(t.label(c, 'en'))}</td>"
                     f"<td>{supers}</td><td>{_e(t.one(c, RDFS + 'comment', 'en'))}</td></tr>")
    parts.append("</table>")

    parts.append('<h2 id="properties">Properties 属性</h2><table><tr><th>property</th><th>中文</th>'
                 "<th>English</th><th>domain → range</th><th>description</th></tr>")
    props = sorted(set(t.of_type(OWL + "ObjectProperty")) | set(t.of_type(OWL + "DatatypeProperty")))
    for p in props:
        dom = ", ".join(_link(d) for d in t.iris(p, RDFS + "domain")) or "—"
        rng = ", ".join(_link(r) for r in t.iris(p, RDFS + "range")) or "—"
        parts.append(f'<tr id="{_e(short_name(p))}"><td><code>{_e(short_name(p))}</code></td>'
                     f"<td>{_e(t.label(p, 'zh'))}</td><td>{_e(t.label(p, 'en'))}</td>"
                     f"<td>{dom} → {rng}</td><td>{_e(t.one(p, RDFS + 'comment', 'en'))}</td></tr>")
    parts.append("</table>")

    parts.append('<h2 id="vocabularies">Vocabularies 词表</h2>')
    for scheme in t.of_type(SKOS + "ConceptScheme"):
        parts.append(f"<h3>{_e(t.label(scheme, 'zh'))} · {_e(t.label(scheme, 'en'))} "
                     f"<code>{_e(scheme)}</code></h3>")
        parts.append("<table><tr><th>key</th><th>中文</th><th>English</th><th>definition</th>"
                     "<th>wordings 表述</th></tr>")
        concepts = [c for c in t.of_type(SKOS + "Concept") if scheme in t.iris(c, SKOS + "inScheme")]
        for c in concepts:
            key = t.one(c, SKOS + "notation") or c.rsplit("/", 1)[-1]
            alts = "、".join(t.lits(c, SKOS + "altLabel", "zh"))
            parts.append(f"<tr><td><code>{_e(key)}</code></td><td>{_e(t.label(c, 'zh'))}</td>"
                         f"<td>{_e(t.label(c, 'en'))}</td><td>{_e(t.one(c, SKOS + 'definition', 'en'))}</td>"
                         f'<td class="alt">{_e(alts)}</td></tr>')
        parts.append("</table>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def write_ontology_page(path: Path) -> Path:
    """Write the page for the installed ontology atomically; returns ``path``."""
    from fazhi.graph.atomic import write_text_atomic

    write_text_atomic(path, render())
    return path
