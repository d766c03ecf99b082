"""ontology.html: generated from the Turtle, complete, self-contained and escaped."""

from __future__ import annotations

import html
import re
from pathlib import Path

from fazhi.graph.ontology_page import render, write_ontology_page
from fazhi.ontology import ontology_path, vocab_paths


def test_page_lists_every_class_property_and_concept_with_both_labels():
    page = render()
    onto = ontology_path().read_text(encoding="utf-8")
    for term in re.findall(r"^fz:(\w+) a owl:", onto, flags=re.M):
        assert f"<code>fz:{term}</code>" in page, term
    assert "年度报告" in page and "report" in page
    assert "12345热线" in page and "12345 hotline" in page  # a vocabulary concept, zh + en
    assert "热线受理" in page and "hotline requests received" in page  # the measure vocabulary too
    for path in vocab_paths():
        for key in re.findall(r'skos:notation "([^"]+)"', path.read_text(encoding="utf-8")):
            assert f"<code>{html.escape(key)}</code>" in page, key


def test_page_is_self_contained():
    page = render()
    assert "<script" not in page
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page)


def test_text_from_the_turtle_is_escaped(tmp_path: Path):
    evil = tmp_path / "evil.ttl"
    evil.write_text(
        '@prefix owl: <http://www.w3.org/2002/07/owl#> .\n'
        '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
        '<https://w3id.org/fazhi-kg/ontology#Evil> a owl:Class ;\n'
        '  rdfs:label "<script>alert(1)</script>"@en , "坏&类"@zh ;\n'
        '  rdfs:comment "a \\"quoted\\" <b>comment</b>"@en .\n', encoding="utf-8")
    page = render(evil, [])
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "坏&amp;类" in page


def test_written_atomically_as_utf8(tmp_path: Path):
    out = write_ontology_page(tmp_path / "site" / "ontology.html")
    assert out.read_bytes().decode("utf-8").startswith("<!DOCTYPE html>")
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".tmp")]
