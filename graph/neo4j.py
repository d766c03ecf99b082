"""CSV files that ``neo4j-admin database import`` loads: the briefing graph as a property graph.

The projection (docs/projection.md) becomes nodes and relationships with
Neo4j's import header conventions: ``iri:ID`` (one global id space: IRIs and
``report:``/``number:`` ids never collide), ``:LABEL``, typed properties
(``count:int``, ``years:int[]`` with ``;`` between items, ``value:double``,
``approximate:boolean``) and ``:START_ID``, ``:END_ID``, ``:TYPE`` for
relationships. Files are UTF-8 without a byte-order mark (the importer reads
it as part of the first header) and line breaks inside text become spaces, so
the import needs no ``--multiline-fields``. Text cells go through
fazhi.graph.cells.safe_cell like every CSV the tool writes. See
docs/queries.md for the import command and Cypher to start with.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
from fazhi.graph.cells import safe_cell
from fazhi.graph.csv_tables import write_files

LABELS = {"unit": "Unit", "mechanism": "MechanismKind", "campaign": "CampaignKind",
          "problem": "ProblemCategory", "law": "LegalInstrument"}
REL_TYPES = {"hasMechanism": "HAS_MECHANISM", "plansMechanism": "PLANS_MECHANISM", "ranCampaign": "RAN_CAMPAIGN",
             "plansCampaign": "PLANS_CAMPAIGN", "reportsProblem": "REPORTS_PROBLEM", "cites": "CITES",
             "subOrganizationOf": "SUB_ORGANIZATION_OF"}

NODE_FILES = ("units.csv", "kinds.csv", "laws.csv", "reports.csv", "numbers.csv")
REL_FILES = ("links.csv", "authored.csv", "states.csv")


def _text(value: Any) -> Any:
    if isinstance(value, str):
        value = " ".join(value.splitlines())
    return safe_cell(value)


def _array(values: Iterable[Any]) -> str:
    return ";".join(str(v).replace(";", ",") for v in values if v is not None)


def _csv(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_text(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def report_id(source: str) -> str:
    return f"report:{source}"


def neo4j_files(G: nx.MultiDiGraph) -> dict[str, bytes]:
    """File name → CSV bytes of the projection ``G`` for neo4j-admin import (nodes, then relationships)."""
    units: list[list[Any]] = []
    kinds: list[list[Any]] = []
    laws: list[list[Any]] = []
    reports: dict[str, list[Any]] = {}
    numbers: list[list[Any]] = []
    authored: list[list[Any]] = []
    states: list[list[Any]] = []
    for n in sorted(G.nodes):
        d = G.nodes[n]
        ntype = d.get("type")
        years = _array(d.get("years") or [])
        if ntype == "unit":
            units.append([n, d.get("label") or n, d.get("unit_type") or "", d.get("parent") or "",
                          _array(d.get("labels") or []), years, int(d.get("count") or 0), "Unit"])
            for r in d.get("reports") or []:
                rid = report_id(r["source"])
                reports.setdefault(rid, [rid, r.get("title") or "", r["source"], r.get("year") or "", "Report"])
                authored.append([rid, n, "AUTHORED_BY"])
            for i, m in enumerate(d.get("metrics") or []):
                nid = f"number:{m.get('source')}#{i}:{n}"
                numbers.append([nid, float(m["value"]), m.get("unit") or "", m.get("measure") or "",
                                m.get("subject") or "", m.get("quote") or "", m.get("year") or "", "Number"])
                if m.get("source"):
                    states.append([report_id(m["source"]), nid, "STATES"])
                    reports.setdefault(report_id(m["source"]), [report_id(m["source"]), "", m["source"],
                                                                m.get("year") or "", "Report"])
        elif ntype == "law":
            laws.append([n, d.get("label") or n, _array(d.get("labels") or []), years, int(d.get("count") or 0),
                         "LegalInstrument"])
        else:
            kinds.append([n, d.get("label") or n, d.get("label_en") or "", d.get("key") or "",
                          _array(d.get("labels") or []), years, int(d.get("count") or 0),
                          LABELS.get(ntype or "", "Kind")])
    links = []
    for u, v, d in sorted(G.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("type", ""))):
        evidence = d.get("evidence") or []
        links.append([u, v, REL_TYPES.get(d.get("type", ""), "LINKS"), int(d.get("weight") or 1),
                      _array(d.get("years") or []), evidence[0]["quote"] if evidence else "",
                      evidence[0].get("source", "") if evidence else ""])
    return {
        "units.csv": _csv(["iri:ID", "name", "unitType", "parent", "aliases:string[]", "years:int[]", "reports:int",
                           ":LABEL"], units),
        "kinds.csv": _csv(["iri:ID", "name", "nameEn", "key", "aliases:string[]", "years:int[]", "units:int",
                           ":LABEL"], kinds),
        "laws.csv": _csv(["iri:ID", "name", "aliases:string[]", "years:int[]", "units:int", ":LABEL"], laws),
        "reports.csv": _csv(["id:ID", "title", "source", "year:int", ":LABEL"], sorted(reports.values())),
        "numbers.csv": _csv(["id:ID", "value:double", "unitOfMeasure", "measure", "subject", "quote", "year:int",
                             ":LABEL"], numbers),
        "links.csv": _csv([":START_ID", ":END_ID", ":TYPE", "mentions:int", "years:int[]", "quote", "source"], links),
        "authored.csv": _csv([":START_ID", ":END_ID", ":TYPE"], sorted(authored)),
        "states.csv": _csv([":START_ID", ":END_ID", ":TYPE"], states),
        "IMPORT.txt": import_note().encode("utf-8"),
    }


def import_note() -> str:
    """The neo4j-admin command that loads these files (also in docs/queries.md)."""
    nodes = " ".join(f"--nodes={name}" for name in NODE_FILES)
    rels = " ".join(f"--relationships={name}" for name in REL_FILES)
    return ("Load into an empty Neo4j 5 database (stop it first), from this folder:\n\n"
            f"  neo4j-admin database import full {nodes} {rels} --overwrite-destination neo4j\n\n"
            "Then, e.g.: MATCH (u:Unit)-[:HAS_MECHANISM]->(k:MechanismKind {key: 'hotline_12345'}) "
            "RETURN u.name, u.years ORDER BY u.name;\n")


def write_neo4j(G: nx.MultiDiGraph, out: Path) -> Path:
    """Write the import files into the folder ``out``, or into the zip file ``out`` if it ends in .zip."""
    return write_files(neo4j_files(G), out, "neo4j")


__all__ = ["LABELS", "REL_TYPES", "import_note", "neo4j_files", "write_neo4j"]
