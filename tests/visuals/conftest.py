"""Fixtures for the briefing tests: a projection graph built from the real sample reports.

The graph follows docs/projection.md. Units, kinds and numbers come from the
hand annotations in examples/gold; every evidence quote is the real sentence
of examples/reports that holds the annotated words, with its real offsets.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "examples" / "reports"
GOLD = ROOT / "examples" / "gold"
VOCAB = "https://w3id.org/fazhi-kg/vocab"
ID = "https://w3id.org/fazhi-kg/id"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

KIND_LABELS = {  # zh and en labels of the vocabulary keys (GOLD.md)
    "mediation_center": ("矛盾纠纷调处化解中心", "dispute mediation centre"),
    "people_mediation": ("人民调解", "people's mediation"),
    "legal_adviser": ("法律顾问", "legal adviser"),
    "hotline_12345": ("12345热线", "12345 hotline"),
    "public_legal_service": ("公共法律服务", "public legal service"),
    "legal_aid": ("法律援助", "legal aid"),
    "legal_literate": ("法律明白人", "legally literate villagers"),
    "enforcement_three_systems": ("行政执法三项制度", "three enforcement systems"),
    "legality_review": ("合法性审查", "legality review"),
    "document_filing": ("规范性文件备案审查", "normative document filing"),
    "who_enforces_publicizes": ("谁执法谁普法", "who enforces publicises"),
    "four_two": ("四议两公开", "four deliberations, two disclosures"),
    "fengqiao": ("枫桥经验", "Fengqiao experience"),
    "grid": ("网格化管理", "grid management"),
    "legal_hotline": ("12348法律服务热线", "12348 legal hotline"),
    "vice_principal": ("法治副校长", "rule-of-law vice principal"),
    "legislative_liaison": ("基层立法联系点", "legislative liaison point"),
    "first_responsible": ("法治建设第一责任人", "first responsible person"),
    "leading_body": ("法治建设领导小组", "rule-of-law leading body"),
    "deliberation_point": ("评理说事点", "deliberation point"),
    "reconsideration_litigation": ("行政复议与诉讼", "reconsideration and litigation"),
    "pufa_plan": ("八五普法", "five-year legal publicity plan"),
    "rule_of_law_training": ("法治培训", "rule-of-law training"),
    "civil_code": ("民法典宣传", "Civil Code publicity"),
    "constitution": ("宪法宣传", "Constitution publicity"),
    "law_into": ("法律进乡村", "law into villages"),
    "serve_people": ("我为群众办实事", "doing practical things for the people"),
    "anti_fraud": ("反诈宣传", "anti-fraud publicity"),
    "demo_village": ("民主法治示范村", "democracy and rule-of-law model village"),
    "safety_month": ("安全生产月", "work safety month"),
    "other": ("其他", "other"),
}
PROBLEM_CATEGORIES = (  # (key, zh, en, cue words) — a coarse grouping for the fixture only
    ("publicity", "法治宣传教育", "legal publicity", ("宣传", "普法", "文化")),
    ("team", "队伍与能力建设", "teams and capacity", ("队伍", "力量", "能力", "顾问")),
    ("awareness", "法治意识", "rule-of-law awareness", ("意识", "观念")),
    ("other", "其他问题", "other problems", ()),
)


def _sentence(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The sentence of ``text`` around [start, end), with its offsets."""
    s = max(text.rfind(ch, 0, start) for ch in "。\n；;") + 1
    ends = [i for i in (text.find(ch, end) for ch in "。\n；;") if i != -1]
    e = min(ends) + 1 if ends else len(text)
    return text[s:e].strip(), s, e


def _category(problem: str) -> tuple[str, str, str]:
    for key, zh, en, cues in PROBLEM_CATEGORIES:
        if not cues or any(c in problem for c in cues):
            return key, zh, en
    raise AssertionError("unreachable")


def build_sample_projection(laws: bool = True) -> nx.MultiDiGraph:
    """The projection of the five sample reports, from gold annotations and real sentences."""
    G = nx.MultiDiGraph()
    reports = sorted(REPORTS.glob("*.txt"))
    for report in reports:
        gold = json.loads((GOLD / f"{report.name[:3]}.json").read_text(encoding="utf-8"))
        text = report.read_text(encoding="utf-8")
        title = text.splitlines()[0].strip()
        year, name = gold["year"], gold["unit"]
        source = f"examples/reports/{report.name}"
        uiri = f"{ID}/unit/{report.name[:3]}"
        metrics = []
        for m in gold["metrics"]:
            start = text.index(m["text"])
            metrics.append({"measure": m.get("measure") or "", "value": m["value"], "unit": m["unit"],
                            "approximate": bool(re.search(r"余|多|近|超|约", m["text"])),
                            "quote": m["text"], "year": year, "source": source})
        G.add_node(uiri, type="unit", label=name, labels=[name], unit_type=gold["unit_type"] or "",
                   parent=gold["parent"] or "", years=[year], count=1, metrics=metrics,
                   reports=[{"title": title, "source": source, "year": year}])
        if gold["parent"]:
            piri = f"{ID}/unit/parent-{gold['parent']}"
            if piri not in G:
                G.add_node(piri, type="unit", label=gold["parent"], labels=[gold["parent"]], unit_type="",
                           parent="", years=[], count=0, metrics=[], reports=[])
            G.add_edge(uiri, piri, type="subOrganizationOf", label="隶属", weight=1, years=[year], evidence=[])
        groups: dict[tuple[str, str, str], list[dict]] = {}
        for field, ntype, rel, rlabel in (("mechanisms", "mechanism", "hasMechanism", "运行"),
                                          ("campaigns", "campaign", "ranCampaign", "开展")):
            for m in gold[field]:
                start = text.index(m["text"])
                quote, s, e = _sentence(text, start, start + len(m["text"]))
                ev = {"quote": quote, "start": s, "end": e, "source": source, "year": year}
                groups.setdefault((ntype, m["kind"], rel + "|" + rlabel), []).append(ev)
        for p in gold["problems"]:
            start = text.index(p["text"])
            key, zh, en = _category(p["text"])
            ev = {"quote": p["text"], "start": start, "end": start + len(p["text"]), "source": source, "year": year}
            groups.setdefault(("problem", key, "reportsProblem|问题"), []).append(ev)
            kiri = f"{VOCAB}/problem/{key}"
            if kiri not in G:
                G.add_node(kiri, type="problem", label=zh, label_en=en, labels=[zh, en], key=key,
                           years=[], count=0, problems=[])
            G.nodes[kiri]["problems"].append({"unit": name, "text": p["text"], "year": year, "source": source})
        for (ntype, key, rel), evidence in sorted(groups.items()):
            kiri = f"{VOCAB}/{ntype}/{key}"
            if kiri not in G:
                zh, en = KIND_LABELS[key]
                G.add_node(kiri, type=ntype, label=zh, label_en=en, labels=[zh, en], key=key, years=[], count=0)
            rtype, rlabel = rel.split("|")
            G.add_edge(uiri, kiri, type=rtype, label=rlabel, weight=len(evidence), years=[year], evidence=evidence)
        if laws:
            for title_ in sorted(set(re.findall(r"《([^》]{2,30})》", text)))[:6]:
                liri = f"{ID}/law/{title_}"
                if liri not in G:
                    G.add_node(liri, type="law", label=f"《{title_}》", labels=[title_], years=[], count=0)
                start = text.index(f"《{title_}》")
                quote, s, e = _sentence(text, start, start + len(title_) + 2)
                G.add_edge(uiri, liri, type="cites", label="引用", weight=text.count(f"《{title_}》"), years=[year],
                           evidence=[{"quote": quote, "start": s, "end": e, "source": source, "year": year}])
    for n, d in G.nodes(data=True):
        if d["type"] != "unit":
            units = set(G.predecessors(n))
            d["count"] = len(units)
            d["years"] = sorted({y for u in units for y in G.nodes[u]["years"]})
        elif not d["years"]:  # a parent unit: the years of its sub-units
            subs = set(G.predecessors(n))
            d["years"] = sorted({y for u in subs for y in G.nodes[u]["years"]})
            d["count"] = 0
    return G


@pytest.fixture(scope="session")
def sample_projection() -> nx.MultiDiGraph:
    return build_sample_projection()


@pytest.fixture(scope="session")
def browser():
    """A headless Debian Chromium driven by playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


READY = "() => window.briefing && window.briefing.ready && window.briefing.optionsReady"


class Opened:
    """A page opened from a file, with every request, console error and page error recorded."""

    def __init__(self, browser, path: Path, viewport=(1400, 900)):
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        self.page = self.context.new_page()
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def route(r):
            self.requests.append(r.request.url)
            if r.request.url == self.url:
                r.continue_()
            else:
                r.abort()

        self.context.route("**/*", route)
        self.page.goto(self.url)
        self.page.wait_for_function(READY, timeout=60_000)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def opened(browser):
    pages: list[Opened] = []

    def open_(path: Path, **kw) -> Opened:
        pages.append(Opened(browser, path, **kw))
        return pages[-1]

    yield open_
    for p in pages:
        p.close()
