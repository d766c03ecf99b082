"""How often the build places reporting units in the right administrative division, and how often wrongly.

Usage: python benchmarks/placement.py [--docs ../shared/realdev/docs] [--samples examples/reports]

Reads and extracts each report as ``fazhi build`` does, places its unit with
the same evidence (graph.linking.identify: unit, parent, title, signature,
addressee, the first place its opening names), and compares with the hand-written
truth in benchmarks/data/placement_truth.tsv (from each page's address and
title, which the builder never sees). A placement is right under a province
when the placed division lies in it, right at county level when its county
is the true county; wrong when it names another province or county.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def truth_table(path: Path) -> dict[str, tuple[str, str, str]]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        doc, province, city, county = (line.split("\t") + ["", "", ""])[:4]
        out[doc] = (province, city, county)
    return out


def main() -> None:
    from fazhi.extract.ingest import read_document
    from fazhi.extract.pipeline import extract_document
    from fazhi.graph.divisions import load_tree, opening_place
    from fazhi.graph.linking import identify

    from fazhi.evaluate import shared_dir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=shared_dir() / "realdev" / "docs")
    parser.add_argument("--samples", type=Path, default=ROOT / "examples" / "reports")
    parser.add_argument("--truth", type=Path, default=HERE / "data" / "placement_truth.tsv")
    parser.add_argument("--gold", action="store_true",
                        help="place the hand-annotated unit and parent (gold/NNN.json) instead of the extracted ones, "
                             "to measure placing apart from extraction")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    tree = load_tree()
    if tree is None:
        raise SystemExit('the division data is not installed: pip install "fazhi-kg[places]"')
    truth = truth_table(args.truth)
    files = sorted(args.samples.glob("*.txt")) + sorted(args.docs.glob("*.txt"))
    n = prov_ok = county_total = county_ok = wrong_prov = wrong_county = ambiguous = 0
    for path in files:
        doc_id = path.name[:3]
        if doc_id not in truth:
            continue
        province, _city, county = truth[doc_id]
        doc = read_document(path)
        meta = extract_document(doc).report
        gold_file = path.parent.parent / "gold" / f"{doc_id}.json"
        if args.gold:
            if not gold_file.is_file():
                gold_file = ROOT / "examples" / "gold" / f"{doc_id}.json"
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            meta.unit, meta.parent = gold.get("unit"), gold.get("parent")
        me, _ = identify(meta.unit, meta.parent,
                         (meta.title, meta.author, meta.addressee, *opening_place(doc.text)))
        n += 1
        county_total += bool(county) and county != "-"
        chain = tree.chain(me.division.code) if me and me.division else []
        names = [d.name for d in chain]
        if me is not None and not chain and me.candidates > 1:
            ambiguous += 1
        verdict = "unplaced"
        if chain:
            if province in names:
                prov_ok += 1
                verdict = "province ok"
                county_node = next((d for d in chain if d.level == "county"), None)
                if county == "-" and county_node is not None:
                    wrong_county += 1
                    verdict = "WRONG county (the unit is above county level)"
                elif county:
                    if county_node is not None and county_node.name == county:
                        county_ok += 1
                        verdict = "county ok"
                    elif county_node is not None:
                        wrong_county += 1
                        verdict = "WRONG county"
            else:
                wrong_prov += 1
                verdict = "WRONG province"
        if args.verbose:
            print(f"{doc_id} {meta.unit} / {meta.parent} -> {' < '.join(names) or '-'}: {verdict}")
    print(f"{n} reports: placed under the right province {prov_ok}/{n} ({prov_ok / n:.0%}); "
          f"right county {county_ok}/{county_total} ({county_ok / county_total:.0%}) of those whose county is known; "
          f"wrong province {wrong_prov}, wrong county {wrong_county}; unplaced with several candidates {ambiguous}.")


if __name__ == "__main__":
    main()
