"""Score extraction records against hand annotations (examples/gold/NNN.json).

Matching follows the gold guide: a mention matches a gold one when the kinds
are equal and one text contains the other; a metric when the values are
equal and the texts overlap in the report; a problem when the texts overlap.
Precision counts distinct predicted wordings (the gold lists each wording
once), recall counts gold items found. Kinds per report are scored as sets:
"does this unit run a 12345 hotline", which is what a graph edge says.
Texts are compared in normal form (quote styles, widths, scripts unified).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from fazhi.extract.normalize import normalize_text
from fazhi.extract.records import ReportRecord

REPO = Path(__file__).resolve().parents[1]
FIELDS = ("mechanism_kinds", "campaign_kinds", "mechanisms", "campaigns", "problems", "metrics", "measures")
META_FIELDS = ("unit", "unit_type", "parent", "year")


class GoldError(ValueError):
    """A gold file is missing, unreadable or malformed."""


@dataclass
class Counts:
    """Matched and total items on each side."""

    matched_pred: int = 0
    pred: int = 0
    matched_gold: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.matched_pred += other.matched_pred
        self.pred += other.pred
        self.matched_gold += other.matched_gold
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.matched_pred / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ReportScore:
    report: str
    fields: dict[str, Counts]
    meta: dict[str, tuple[object, object]]  # field -> (predicted, gold)
    missed: dict[str, list[str]] = field(default_factory=dict)  # gold items not found
    spurious: dict[str, list[str]] = field(default_factory=dict)  # predictions matching nothing


@dataclass
class Scores:
    """Micro-averaged field scores and metadata accuracy over all scored reports."""

    fields: dict[str, Counts]
    meta_correct: dict[str, int]
    reports: list[ReportScore]
    unmatched: list[str] = field(default_factory=list)  # records with no gold file

    @property
    def n(self) -> int:
        return len(self.reports)

    def meta_accuracy(self, name: str) -> float:
        return self.meta_correct[name] / self.n if self.n else 0.0


def _n(s: str) -> str:
    return normalize_text(s).replace('"', "").strip()


def _contains(a: str, b: str) -> bool:
    a, b = _n(a), _n(b)
    return bool(a) and bool(b) and (a in b or b in a)


def _spans(text: str | None, needle: str) -> list[tuple[int, int]]:
    """Every occurrence of ``needle`` in ``text`` (in normal form)."""
    if not text or not needle:
        return []
    norm, nd = normalize_text(text), normalize_text(needle)
    return [(m.start(), m.start() + len(nd)) for m in re.finditer(re.escape(nd), norm)]


def _overlap(pred_text: str, start: int, end: int, gold_text: str, doc: str | None) -> bool:
    """Spans overlap in the report; without the report text, one text contains the other."""
    spans = _spans(doc, gold_text)
    if spans:
        return any(start < ge and gs < end for gs, ge in spans)
    return _contains(pred_text, gold_text)


def _score_mentions(pred: list[tuple[str, str]], gold: list[tuple[str, str]]) -> tuple[Counts, list[str], list[str]]:
    distinct = sorted({(k, _n(t)): (k, t) for k, t in pred}.values())
    ok_pred = [any(k == gk and _contains(t, gt) for gk, gt in gold) for k, t in distinct]
    ok_gold = [any(k == gk and _contains(t, gt) for k, t in distinct) for gk, gt in gold]
    missed = [f"{k}:{t}" for (k, t), ok in zip(gold, ok_gold) if not ok]
    spurious = [f"{k}:{t}" for (k, t), ok in zip(distinct, ok_pred) if not ok]
    return Counts(sum(ok_pred), len(distinct), sum(ok_gold), len(gold)), missed, spurious


def _score_sets(pred: set[str], gold: set[str]) -> Counts:
    both = len(pred & gold)
    return Counts(both, len(pred), both, len(gold))


def score_report(record: ReportRecord, gold: dict, text: str | None = None) -> ReportScore:
    """Scores of one record against its gold annotation; ``text`` locates overlaps."""
    fields: dict[str, Counts] = {}
    missed: dict[str, list[str]] = {}
    spurious: dict[str, list[str]] = {}
    for typ, name in (("mechanism", "mechanisms"), ("campaign", "campaigns")):
        pred = [(m.kind, m.text) for m in record.mentions if m.type == typ]
        gl = [(g["kind"], g["text"]) for g in gold.get(name, [])]
        fields[name], missed[name], spurious[name] = _score_mentions(pred, gl)
        fields[typ + "_kinds"] = _score_sets({k for k, _ in pred} - {"other"}, {k for k, _ in gl} - {"other"})

    gp = [g["text"] for g in gold.get("problems", [])]
    ok_pred = [any(_overlap(p.text, p.start, p.end, g, text) for g in gp) for p in record.problems]
    ok_gold = [any(_overlap(p.text, p.start, p.end, g, text) for p in record.problems) for g in gp]
    fields["problems"] = Counts(sum(ok_pred), len(ok_pred), sum(ok_gold), len(gp))
    missed["problems"] = [g for g, ok in zip(gp, ok_gold) if not ok]
    spurious["problems"] = [p.text for p, ok in zip(record.problems, ok_pred) if not ok]

    gm = gold.get("metrics", [])

    def metric_ok(m, g) -> bool:
        return float(m.value) == float(g["value"]) and _overlap(m.text, m.start, m.end, g["text"], text)

    ok_pred = [any(metric_ok(m, g) for g in gm) for m in record.metrics]
    ok_gold = [any(metric_ok(m, g) for m in record.metrics) for g in gm]
    fields["metrics"] = Counts(sum(ok_pred), len(ok_pred), sum(ok_gold), len(gm))
    missed["metrics"] = [f"{g['text']}={g['value']}" for g, ok in zip(gm, ok_gold) if not ok]
    spurious["metrics"] = [f"{m.text}={m.value}" for m, ok in zip(record.metrics, ok_pred) if not ok]
    # measure keys are judged on the metrics that match (GOLD.md "Measure keys"), where the gold has them
    keyed = any("measure" in g for g in gm)
    pairs = [(m.measure, g.get("measure")) for m in record.metrics for g in gm if keyed and metric_ok(m, g)]
    right = sum(1 for p, g in pairs if p and p == g)
    fields["measures"] = Counts(right, sum(1 for p, _ in pairs if p), right, sum(1 for _, g in pairs if g))
    missed["measures"] = [f"{p}≠{g}" for p, g in pairs if g and p != g]
    spurious["measures"] = [f"{p}≠{g}" for p, g in pairs if p and p != g]

    meta = {f: (getattr(record.report, f), gold.get(f)) for f in META_FIELDS}
    return ReportScore(report=Path(record.source).name, fields=fields, meta=meta, missed=missed, spurious=spurious)


def gold_key(source: str) -> str:
    """The gold file stem for a report path: ``003_271afd….txt`` → ``003``."""
    return Path(source).stem.split("_", 1)[0]


def load_gold(gold_dir: Path) -> dict[str, dict]:
    """Gold annotations keyed by file stem; a bad file raises GoldError naming it."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise GoldError(f"{gold_dir}: gold folder not found")
    out = {}
    for path in sorted(gold_dir.glob("*.json")):
        try:
            out[path.stem] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise GoldError(f"{path}: not a readable gold JSON file: {exc}") from exc
    if not out:
        raise GoldError(f"{gold_dir}: no gold *.json files")
    return out


def _meta_equal(pred: object, gold: object) -> bool:
    if isinstance(pred, str) and isinstance(gold, str):
        return _n(pred) == _n(gold)
    return pred == gold


def evaluate(records: Iterable[ReportRecord], gold_dir: Path, texts: dict[str, str] | None = None) -> Scores:
    """Score ``records`` against the gold files in ``gold_dir``.

    ``texts`` maps a record's source to its document text (for span overlap);
    records whose source has no gold file are listed in ``Scores.unmatched``.
    """
    gold = load_gold(gold_dir)
    totals = {f: Counts() for f in FIELDS}
    meta_correct = {f: 0 for f in META_FIELDS}
    reports: list[ReportScore] = []
    unmatched: list[str] = []
    for record in records:
        g = gold.get(gold_key(record.source))
        if g is None:
            unmatched.append(record.source)
            continue
        rs = score_report(record, g, (texts or {}).get(record.source))
        for f in FIELDS:
            totals[f].add(rs.fields[f])
        for f in META_FIELDS:
            meta_correct[f] += _meta_equal(*rs.meta[f])
        reports.append(rs)
    return Scores(fields=totals, meta_correct=meta_correct, reports=reports, unmatched=unmatched)


def format_table(scores: Scores) -> str:
    """A plain-text table of the scores, as ``fazhi evaluate`` prints it."""
    lines = [f"{'field':<16} {'P':>6} {'R':>6} {'F1':>6}   matched/pred  matched/gold"]
    for f in FIELDS:
        c = scores.fields[f]
        if not (c.pred or c.gold):
            continue  # a field this gold set does not annotate
        lines.append(f"{f:<16} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}   "
                     f"{c.matched_pred:>5}/{c.pred:<6} {c.matched_gold:>5}/{c.gold:<6}")
    for f in META_FIELDS:
        lines.append(f"{f:<16} accuracy {scores.meta_accuracy(f):.3f} ({scores.meta_correct[f]}/{scores.n})")
    if scores.unmatched:
        lines.append(f"{len(scores.unmatched)} report(s) without a gold file were not scored")
    return "\n".join(lines)


def evaluate_paths(inputs: Iterable[Path], gold_dir: Path) -> Scores:
    """Read the reports at ``inputs``, extract them and score them against ``gold_dir``.

    Unreadable reports raise ``GoldError`` naming the file: a score over a
    silently shorter set would mislead.
    """
    from fazhi.build import extract_all, read_documents
    from fazhi.extract.ingest import collect_inputs

    collected = collect_inputs(list(inputs))
    docs, failures = read_documents(collected.files)
    problems = [f"{p}: {c}" for p, c in collected.errors] + [f"{f.path}: {f.cause}" for f in failures]
    if problems:
        raise GoldError(problems[0])
    records = extract_all(docs)
    return evaluate(records, gold_dir, texts={d.source: d.text for d in docs})


@dataclass(frozen=True)
class GoldSet:
    """One hand-annotated set: its reports and the folder of its gold files."""

    name: str
    reports: Path
    gold: Path
    about: str


def shared_dir(repo: Path = REPO) -> Path:
    """The shared data folder: ``../shared`` beside the repository.

    In a git worktree, ``../shared`` beside the main checkout counts too (the
    worktree's ``.git`` file names it), so every worktree finds the same data.
    """
    beside = repo.parent / "shared"
    if beside.is_dir():
        return beside
    dotgit = repo / ".git"
    if dotgit.is_file():  # "gitdir: MAIN/.git/worktrees/NAME"
        line = dotgit.read_text(encoding="utf-8", errors="replace").strip()
        if line.startswith("gitdir:"):
            gitdir = Path(line.split(":", 1)[1].strip())
            main_git = gitdir.parent.parent if gitdir.parent.name == "worktrees" else gitdir
            candidate = main_git.parent.parent / "shared"
            if candidate.is_dir():
                return candidate
    return beside


def default_sets(repo: Path = REPO) -> list[GoldSet]:
    """The annotated sets ``fazhi evaluate`` scores by default, real text first."""
    realdev = shared_dir(repo) / "realdev"
    invented = repo / "tests" / "data" / "invented"
    return [
        GoldSet("realdev", realdev / "docs", realdev / "gold",
                "real report openings from government sites, annotated by hand without the tool"),
        GoldSet("samples", repo / "examples" / "reports", repo / "examples" / "gold",
                "the five real sample reports the rules were developed on"),
        GoldSet("invented", invented, invented, "reports written for the tests (invented units)"),
    ]
