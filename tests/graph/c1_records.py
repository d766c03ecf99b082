"""Hand-made extraction records over the real sample texts, for graph tests.

Each span is located in the report text, so offsets and quotes are real even
before (or independently of) the extraction pipeline.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from fazhi.extract.records import Mention, Metric, Plan, Problem, ReportMeta, ReportRecord

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "reports"


def span(text: str, quote: str, after: int = 0) -> tuple[int, int]:
    """Offsets of the first ``quote`` at or after ``after``; fails loudly if absent."""
    start = text.index(quote, after)
    return start, start + len(quote)


def record_for(path: Path, meta: ReportMeta, *, mechanisms=(), campaigns=(), laws=(),
               problems=(), plans=(), metrics=(), source: str | None = None) -> ReportRecord:
    """A record of ``path``: mechanisms/campaigns as (kind, quote[, section]) and so on."""
    data = path.read_bytes()
    text = data.decode("utf-8")
    rec = ReportRecord(source=source or str(path), sha256=hashlib.sha256(data).hexdigest(), report=meta)
    for mtype, items in (("mechanism", mechanisms), ("campaign", campaigns)):
        for kind, quote, *section in items:
            s, e = span(text, quote)
            rec.mentions.append(Mention(mtype, kind, quote, s, e, section[0] if section else "work"))
    for quote in laws:
        s, e = span(text, quote)
        rec.mentions.append(Mention("law", "law", quote, s, e, "work"))
    for category, quote in problems:
        s, e = span(text, quote)
        rec.problems.append(Problem(quote, s, e, category))
    for category, quote in plans:
        s, e = span(text, quote)
        rec.plans.append(Plan(quote, s, e, category))
    for quote, value, unit, measure in metrics:
        s, e = span(text, quote)
        rec.metrics.append(Metric(quote, s, e, value, unit, measure=measure))
    return rec


def sidaohezi() -> ReportRecord:
    """四道河子镇 2023 (sample 001): the 12345 hotline, a metric, one problem."""
    path = next(EXAMPLES.glob("001_*.txt"))
    return record_for(
        path,
        ReportMeta(title="四道河子镇2023年法治建设工作汇报", unit="四道河子镇", unit_type="镇",
                   parent="沙湾", year=2023),
        mechanisms=[("hotline_12345", "12345"), ("fengqiao", "枫桥经验"),
                    ("legal_literate", "法律明白人"), ("grid", "法治网格", "plans")],
        campaigns=[("pufa_plan", "“八·五”普法"), ("civil_code", "“民法典”宣传月")],
        laws=["《中国共产党章程》"],
        problems=[("dispute_screening", "矛盾纠纷排查不彻底"), ("mediation", "村级调解力量薄弱")],
        plans=[("mediation", "强化镇级矛调中心统筹作用")],
        metrics=[("受理“12345”平台反馈问题38件", 38, "件", "hotline_received"),
                 ("调解成功率达94.5%", 94.5, "%", "mediation_rate")],
    )


def tangyi(path: Path | None = None, *, unit: str = "五十一团唐驿镇", year: int = 2023,
           source: str | None = None) -> ReportRecord:
    """五十一团唐驿镇 under 第三师 (sample 004): legal adviser, 谁执法谁普法, laws, one problem."""
    path = path or next(EXAMPLES.glob("004_*.txt"))
    return record_for(
        path,
        ReportMeta(title="第三师五十一团唐驿镇法治政府建设工作报告", unit=unit, unit_type="团场",
                   parent="第三师", year=year),
        mechanisms=[("legal_adviser", "法律顾问"), ("who_enforces_publicizes", "谁执法谁普法")],
        campaigns=[("constitution", "宪法宣誓")],
        laws=["《宪法》", "《民法典》"],
        problems=[("legal_adviser", "法律顾问力度不够")],
        source=source,
    )

