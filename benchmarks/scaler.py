"""Corpus scaler: write N realistic, seeded rule-of-law reports for speed benchmarks.

Usage: python benchmarks/scaler.py N OUTDIR [--seed S] [--formats txt,docx,html,pdf]
                                   [--reports examples/reports]

Each report recombines the genre of the sample reports: their opening
paragraphs, work paragraphs, sub-section headings, problem and plan passages,
with the reporting unit (镇 town, 乡 township, 街道 sub-district, 团场
regiment, 县 county, 区 district, 局 bureau), its parent jurisdiction, the year
reported on (2019–2025) and the numbers varied from lists of plausible values.
Mechanism and campaign sentences are mixed in at different proportions per
report, and the heading style varies (一、 / （一） / 1. / 一是). The output is
for speed and scale, not accuracy: nothing in it is checked against gold.

With ``--formats`` report ``i`` is written in format ``formats[i % len(formats)]``
(default: all .txt), to measure reading a mixed folder as offices send it.

Report ``i`` depends only on ``(seed, i)``, so the first 100 reports of a
1,000-report corpus are the 100-report corpus: benchmarks at 100 / 1,000 /
10,000 reports measure growth on the same material.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REPORTS = ROOT / "examples" / "reports"
DEFAULT_GOLD = ROOT / "examples" / "gold"

CN_DIGITS = "一二三四五六七八九十"
LEVEL1 = re.compile(r"^[一二三四五六七八九十]{1,3}、")
LEVEL2 = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）]")
ORDINAL_CLAUSE = re.compile(r"^[一二三四五六七八九十]是")
YEAR = re.compile(r"(20[0-3]\d)(?=年)")
COUNT = re.compile(r"(\d{1,6})(?=(?:余|多)?(?:件|人次|场|次|人|个|名|户|份|期|家|起|条|万元|小时|学时))")
PERCENT = re.compile(r"(\d{1,3}(?:\.\d)?)(?=%|％)")
LAYOUT_GAP = re.compile(r"[ \u3000]{5,}")  # a signature block laid out with spaces
PROBLEM_HEADING = re.compile(r"问题|不足|差距|短板|薄弱")
PLAN_HEADING = re.compile(r"下一步|打算|计划|思路|安排|展望")
SIGNATURE = re.compile(r"^\s*(?:\S{2,30}(?:委员会|办事处|人民政府|党委|政府|司法局))\s*$|^\s*20\d\d年\d{1,2}月(?:\d{1,2}日)?\s*$")

# Plausible place-name syllables (common in Chinese toponyms) for invented units.
PLACE = list("东西南北河山林泉安平新和兴宁丰清阳桥湖坪沟湾庄营堡台集店岭峰川源溪塘坝城园福康乐永昌盛华")
PARENT_CITY = ["阿克苏", "昌吉", "伊犁", "大连", "保定", "赣州", "南充", "曲靖", "天水", "榆林",
               "黔东南", "邵阳", "周口", "淮安", "绍兴", "汕尾", "玉林", "遵义", "临沂", "呼伦贝尔"]
DIVISIONS = ["第一师阿拉尔市", "第二师铁门关市", "第三师图木舒克市", "第四师可克达拉市", "第五师双河市",
             "第六师五家渠市", "第七师胡杨河市", "第八师石河子市", "第九师", "第十师北屯市", "第十三师新星市"]
ORGAN_SUFFIX = {"镇": "人民政府", "乡": "人民政府", "街道": "办事处", "团场": "党委", "县": "人民政府",
                "区": "人民政府", "局": ""}
TITLE_SUFFIX = ["法治政府建设年度报告", "法治政府建设工作报告", "法治政府建设情况报告",
                "法治建设工作汇报", "法治政府建设工作总结", "关于法治政府建设情况的报告"]
HEADING_STYLES = ("一、/（一）", "一、/1.", "（一）/一是", "1./（1）", "一、/一是")

# Sentences in the genre that name one mechanism or campaign each; {n} is a count.
MECHANISM_SENTENCES = [
    "健全人民调解组织网络，全年各级人民调解委员会调解矛盾纠纷{n}件，调解成功率达{p}%。",
    "推进一村（社区）一法律顾问全覆盖，法律顾问全年提供法律咨询{n}人次。",
    "依托12345政务服务便民热线，全年受理群众诉求{n}件，按期办结率{p}%。",
    "建成公共法律服务工作站，为群众提供法律咨询、法律援助等服务{n}人次。",
    "畅通法律援助绿色通道，全年办理法律援助案件{n}件。",
    "培育“法律明白人”{n}名，发挥其在矛盾化解和普法宣传中的作用。",
    "为辖区中小学配备法治副校长，开展法治讲座{n}场。",
    "全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度。",
    "对重大行政决策、合同和规范性文件进行合法性审查{n}件，审查率100%。",
    "严格规范性文件备案审查，报备率、及时率均达100%。",
    "落实“谁执法谁普法”普法责任制，各执法部门开展以案释法活动{n}次。",
    "村级重大事项全面落实“四议两公开”工作法。",
    "坚持和发展新时代“枫桥经验”，做到小事不出村、大事不出镇、矛盾不上交。",
    "深化网格化管理，全镇划分网格{n}个，网格员排查矛盾纠纷{n2}起。",
    "落实党政主要负责人履行推进法治建设第一责任人职责，全年专题研究法治工作{k}次。",
    "调整充实依法治镇委员会，委员会办公室设在司法所。",
    "在各村设立评理说事点，群众说事、评理、调解一站式办理。",
    "严格落实行政机关负责人出庭应诉制度，全年行政诉讼案件负责人出庭应诉率100%。",
    "综治中心（矛盾纠纷调处化解中心）实行一站式接待，全年接待群众{n}人次。",
]
CAMPAIGN_SENTENCES = [
    "深入实施“八五”普法规划，开展普法宣传活动{n}场，发放宣传资料{n2}份。",
    "组织开展“美好生活·民法典相伴”主题宣传月活动{k}场次，覆盖群众{n}人次。",
    "以“12·4”国家宪法日为契机，开展宪法宣传周活动，组织新任职干部宪法宣誓。",
    "开展法律进乡村、进社区、进校园、进企业活动{n}场次。",
    "扎实开展“我为群众办实事”实践活动，解决群众急难愁盼问题{n}件。",
    "持续开展反诈宣传，入户宣传{n}户，群众防骗意识明显增强。",
    "推进民主法治示范村（社区）创建，{k}个村被命名为市级民主法治示范村。",
    "结合“安全生产月”活动，开展安全生产法律法规宣传{k}次。",
    "组织干部职工参加法治大培训，全年集中学法{k}次，参训{n}人次。",
]


@dataclass(frozen=True)
class Passage:
    """One paragraph of a sample report, with what must change when it is reused."""

    text: str
    year: int | None  # the year its report is on: other years shift with it
    names: tuple[tuple[str, str], ...]  # (name, "unit"|"parent"), longest first


@dataclass
class Genre:
    """Passages of the sample reports, sorted by what they do in a report."""

    intros: list[Passage] = field(default_factory=list)
    work: list[Passage] = field(default_factory=list)
    subheadings: list[str] = field(default_factory=list)
    problems: list[Passage] = field(default_factory=list)
    plans: list[Passage] = field(default_factory=list)


def _strip_numbering(line: str) -> str:
    return ORDINAL_CLAUSE.sub("", LEVEL2.sub("", LEVEL1.sub("", line))).strip()


def _report_names(gold_dir: Path, number: str) -> tuple[list[tuple[str, str]], int | None]:
    """The sample's own unit and parent names (from its annotation), to be replaced."""
    path = gold_dir / f"{number}.json"
    if not path.exists():
        return [], None
    data = json.loads(path.read_text(encoding="utf-8"))
    names = [(data[role], role) for role in ("unit", "parent") if data.get(role)]
    return names, data.get("year")


def load_genre(reports_dir: Path = DEFAULT_REPORTS, gold_dir: Path = DEFAULT_GOLD) -> Genre:
    """Split every sample report into passages by role (intro, work, problem, plan)."""
    from fazhi.extract.ingest import collect_inputs, read_document

    genre = Genre()
    files = collect_inputs([reports_dir]).files
    if not files:
        raise SystemExit(f"{reports_dir}: no sample reports to recombine")
    for path in files:
        names, year = _report_names(gold_dir, path.name[:3])
        names = sorted(names, key=lambda nr: -len(nr[0]))
        lines = [ln.strip() for ln in read_document(path).text.split("\n") if ln.strip()]
        role = "intro"
        for line in lines[1:]:  # line 0 is the title
            if LEVEL1.match(line):
                role = ("problems" if PROBLEM_HEADING.search(line)
                        else "plans" if PLAN_HEADING.search(line) else "work")
                continue
            if SIGNATURE.match(line) or len(line) < 12 or LAYOUT_GAP.search(line):
                continue
            if LEVEL2.match(line) and len(line) < 40:
                if role == "work":
                    genre.subheadings.append(_strip_numbering(line))
                continue
            text = line if role in ("intro", "problems") else LEVEL2.sub("", line).strip()
            if role == "plans":
                text = _strip_numbering(line)
            getattr(genre, role if role != "intro" else "intros").append(Passage(text, year, tuple(names)))
    return genre


@dataclass
class Unit:
    name: str
    type: str
    parent: str


def make_unit(rng: random.Random) -> Unit:
    """A reporting unit with a plausible name and parent jurisdiction."""
    kind = rng.choices(["镇", "乡", "街道", "团场", "县", "区", "局"], weights=[30, 12, 15, 15, 12, 8, 8])[0]
    place = "".join(rng.sample(PLACE, 2))
    city = rng.choice(PARENT_CITY)
    if kind == "团场":
        n = rng.randint(1, 190)
        name = rng.choice([f"{n}团", f"第{n}团"]) if n > 10 else f"{CN_DIGITS[n - 1]}团"
        return Unit(name, kind, rng.choice(DIVISIONS))
    if kind == "局":
        county = "".join(rng.sample(PLACE, 2)) + "县"
        return Unit(county + rng.choice(["司法局", "市场监督管理局", "自然资源局", "应急管理局"]), kind, city + "市")
    if kind in ("县", "区"):
        return Unit(place + kind, kind, city + rng.choice(["市", "州"]))
    parent = "".join(rng.sample(PLACE, 2)) + rng.choice(["县", "区", "市"])
    return Unit(place + kind, kind, rng.choice([parent, city + "市" + parent]))


def _vary_numbers(text: str, rng: random.Random) -> str:
    def count(m: re.Match[str]) -> str:
        value = int(m.group(1))
        return str(max(1, round(value * rng.uniform(0.4, 2.5))))

    def percent(m: re.Match[str]) -> str:
        value = float(m.group(1))
        new = min(100.0, max(60.0, value + rng.uniform(-8, 8))) if value >= 60 else value * rng.uniform(0.5, 1.5)
        return str(int(round(new))) if "." not in m.group(1) else f"{new:.1f}"

    return PERCENT.sub(percent, COUNT.sub(count, text))


def _shift_years(text: str, shift: int) -> str:
    return YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)


def _cn_number(n: int) -> str:
    if n <= 10:
        return CN_DIGITS[n - 1]
    return ("" if n < 20 else CN_DIGITS[n // 10 - 1]) + "十" + (CN_DIGITS[n % 10 - 1] if n % 10 else "")


def _heading(level: int, n: int, style: str, text: str) -> str:
    top, sub = style.split("/")
    marker = top if level == 1 else sub
    if marker == "一、":
        return f"{_cn_number(n)}、{text}"
    if marker == "（一）":
        return f"（{_cn_number(n)}）{text}"
    if marker == "1.":
        return f"{n}.{text}"
    if marker == "（1）":
        return f"（{n}）{text}"
    return f"{_cn_number(n)}是{text}。"  # 一是: the sub-heading opens its paragraph


def _sentence(template: str, rng: random.Random) -> str:
    return template.format(n=rng.randint(5, 900), n2=rng.randint(50, 5000), k=rng.randint(2, 24),
                           p=rng.choice([92, 95, 96.5, 98, 99, 100]))


def make_report(genre: Genre, index: int, seed: int = 0) -> tuple[str, str]:
    """(file name, text) of report ``index``; depends only on ``(seed, index)``."""
    rng = random.Random(seed * 1_000_003 + index)
    unit = make_unit(rng)
    year = rng.randint(2019, 2025)
    style = rng.choice(HEADING_STYLES)
    mech_share = rng.uniform(0.1, 0.7)  # mechanisms vs campaigns vary per report

    def adapt(passage: Passage) -> str:
        text = passage.text
        for name, role in passage.names:
            text = text.replace(name, unit.name if role == "unit" else unit.parent)
        return _vary_numbers(_shift_years(text, year - (passage.year or year)), rng)

    lines = [f"{unit.parent}{unit.name}{year}年{rng.choice(TITLE_SUFFIX)}"]
    if rng.random() < 0.4:
        lines.append(f"{unit.parent}党委、政府：")
    lines.append(adapt(rng.choice(genre.intros)) if genre.intros else f"{year}年，{unit.name}扎实推进法治政府建设。")

    lines.append(_heading(1, 1, style, f"{year}年度推进法治政府建设的主要举措和成效"))
    subheads = rng.sample(genre.subheadings, k=min(len(genre.subheadings), rng.randint(2, 6)))
    for j, sub in enumerate(subheads, start=1):
        body = [adapt(p) for p in rng.sample(genre.work, k=min(len(genre.work), rng.randint(1, 3)))]
        extra = [_sentence(rng.choice(MECHANISM_SENTENCES if rng.random() < mech_share else CAMPAIGN_SENTENCES), rng)
                 for _ in range(rng.randint(1, 4))]
        heading = _heading(2, j, style, sub)
        if style.endswith("/一是"):  # heading and body are one paragraph
            lines.append(heading + "".join(extra) + body[0])
            lines.extend(body[1:])
        else:
            lines.append(heading)
            lines.append("".join(extra) + body[0])
            lines.extend(body[1:])

    if genre.problems:
        lines.append(_heading(1, 2, style, "存在的问题和不足"))
        lines.extend(adapt(p) for p in rng.sample(genre.problems, k=min(len(genre.problems), rng.randint(1, 2))))
    if genre.plans:
        lines.append(_heading(1, 3, style, f"{year + 1}年工作打算"))
        for j, plan in enumerate(rng.sample(genre.plans, k=min(len(genre.plans), rng.randint(2, 4))), start=1):
            lines.append(_heading(2, j, style, "").rstrip("。") + adapt(plan))

    organ = ORGAN_SUFFIX[unit.type]
    lines.append(f"{unit.parent}{unit.name}{organ}" if unit.type != "局" else unit.name)
    lines.append(f"{year + 1}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日")
    return f"{index:05d}_{unit.name}_{year}.txt", "\n".join(lines) + "\n"


def _html(text: str) -> str:
    """A plain government-site article page around the report."""
    from html import escape

    lines = text.rstrip("\n").split("\n")
    body = "\n".join(f"<p>{escape(ln)}</p>" for ln in lines[1:])
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{escape(lines[0])}_政务公开</title></head>"
            f"<body><nav><a href=\"/\">首页</a> <a href=\"/zwgk\">政务公开</a></nav><article><h1>{escape(lines[0])}</h1>"
            f"{body}</article><footer>用户登录 立即注册</footer></body></html>\n")


def _docx(text: str, path: Path) -> None:
    import docx

    document = docx.Document()
    for line in text.rstrip("\n").split("\n"):
        document.add_paragraph(line)
    document.save(path)


def _pdf(text: str, path: Path) -> None:
    from xml.sax.saxutils import escape

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("body", fontName="STSong-Light", fontSize=14, leading=22, wordWrap="CJK",
                           firstLineIndent=28)
    SimpleDocTemplate(str(path)).build([Paragraph(escape(ln), style) for ln in text.split("\n") if ln.strip()])


FORMATS = ("txt", "docx", "html", "pdf")


def write_report(text: str, path: Path, fmt: str) -> Path:
    """Write one report in ``fmt``; returns the file's path (suffix set by the format)."""
    path = path.with_suffix(f".{fmt}")
    if fmt == "txt":
        path.write_text(text, encoding="utf-8")
    elif fmt == "html":
        path.write_text(_html(text), encoding="utf-8")
    elif fmt == "docx":
        _docx(text, path)
    elif fmt == "pdf":
        _pdf(text, path)
    else:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    return path


def write_corpus(n: int, outdir: Path, seed: int = 0, reports_dir: Path = DEFAULT_REPORTS,
                 formats: Sequence[str] = ("txt",)) -> list[Path]:
    """Write reports 0..n-1 into ``outdir`` (UTF-8); returns their paths.

    Files are written into a staging folder beside ``outdir`` and then renamed
    into place, so an interrupted run never leaves half-written reports (one
    fsync per file would make a 10,000-report corpus take a minute).
    """
    import os
    import shutil

    genre = load_genre(reports_dir)
    outdir = Path(outdir)
    outdir.parent.mkdir(parents=True, exist_ok=True)
    staging = outdir.parent / f".{outdir.name}.partial-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        names = []
        for i in range(n):
            name, text = make_report(genre, i, seed)
            names.append(write_report(text, staging / name, formats[i % len(formats)]).name)
        if not outdir.exists():
            os.replace(staging, outdir)
        else:
            for name in names:
                os.replace(staging / name, outdir / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [outdir / name for name in names]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of reports to write")
    parser.add_argument("outdir", type=Path, help="folder to write them into")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--reports", type=Path, default=DEFAULT_REPORTS, help="sample reports to recombine")
    parser.add_argument("--formats", default="txt",
                        help="comma-separated formats to cycle through: txt, docx, html, pdf (default txt)")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must be >= 0")
    formats = [f.strip().lower() for f in args.formats.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        parser.error(f"--formats: unknown {', '.join(unknown) or '(empty)'}; choose from {', '.join(FORMATS)}")
    import time

    start = time.perf_counter()
    paths = write_corpus(args.n, args.outdir, args.seed, args.reports, formats)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} reports ({size / 2**20:.1f} MB) to {args.outdir} "
          f"in {time.perf_counter() - start:.1f} s (seed {args.seed})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
