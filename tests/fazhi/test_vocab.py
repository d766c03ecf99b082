"""Users teach the tool words: ``--vocab DIR`` / ``$FAZHI_VOCAB`` add Turtle without editing the package.

``tests/data/vocab/local_words.ttl`` is a user vocabulary INVENTED for these
tests (a new mechanism kind ``service_window`` and one more wording of the
shipped campaign ``rule_of_law_training``); the reports are real samples.
The CLI runs in subprocesses: a process reads its vocabulary once.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fazhi.ontology.concepts import VocabularyError, read_vocabulary, user_vocab_files

ROOT = Path(__file__).resolve().parents[2]
VOCAB = ROOT / "tests" / "data" / "vocab"
WINDOW = ROOT / "examples" / "reports" / "001_d6dfd4b6b2f767cd.txt"  # 扩建乡镇便民服务大厅“法治窗口”
STUDENTS = ROOT / "examples" / "reports" / "004_a09d03cfebe872bb.txt"  # 返乡学生宣讲
PREFIXES = """@prefix fz:   <https://w3id.org/fazhi-kg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix mech: <https://w3id.org/fazhi-kg/vocab/mechanism/> .
"""


def fazhi(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "FAZHI_VOCAB"} | (env or {})
    return subprocess.run([sys.executable, "-m", "fazhi", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env=full_env)


def mentions(proc: subprocess.CompletedProcess[str]) -> dict[str, list[tuple[str, str, str]]]:
    assert proc.returncode == 0, proc.stderr
    out = {}
    for line in proc.stdout.splitlines():
        record = json.loads(line)
        out[Path(record["source"]).name] = [(m["type"], m["kind"], m["text"]) for m in record["mentions"]]
    return out


def test_extract_finds_the_users_wordings_with_their_kinds() -> None:
    before = mentions(fazhi("extract", str(WINDOW), str(STUDENTS)))
    after = mentions(fazhi("extract", str(WINDOW), str(STUDENTS), "--vocab", str(VOCAB)))
    # two extracting processes (spaCy's n_process, ending in fazhi_plain) read the same vocabulary
    assert mentions(fazhi("extract", str(WINDOW), str(STUDENTS), "--vocab", str(VOCAB), "--jobs", "2")) == after
    assert not any(k == "service_window" for _, k, _ in before[WINDOW.name])
    assert ("mechanism", "service_window", "法治窗口") in after[WINDOW.name]
    assert not any("返乡学生宣讲" in t for _, _, t in before[STUDENTS.name])
    assert ("campaign", "rule_of_law_training", "返乡学生宣讲") in after[STUDENTS.name]
    # what the shipped vocabulary found is still found
    assert set(before[WINDOW.name]) - set(after[WINDOW.name]) <= {m for m in before[WINDOW.name] if "窗口" in m[2]}


def test_build_workers_and_the_graph_get_the_users_vocabulary(tmp_path: Path) -> None:
    """Thirty reports with --jobs 2 go to two spawned workers; $FAZHI_VOCAB reaches them and the graph."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for src in [*sorted((ROOT / "examples" / "reports").glob("*.txt")),
                *sorted((ROOT / "tests" / "data" / "invented").glob("*.txt"))]:
        shutil.copy(src, reports / f"{src.parent.name}_{src.name}")
    out = tmp_path / "out"
    proc = fazhi("build", str(reports), "-o", str(out), "--jobs", "2", "--no-html", env={"FAZHI_VOCAB": str(VOCAB)})
    assert proc.returncode == 0, proc.stderr
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert '"法治服务窗口"@zh' in ttl  # the new concept is in the vocabulary part, with its label
    # 001 names its 法治窗口 under next steps: a planned mechanism
    query = ("SELECT ?unit WHERE { ?u fz:hasMechanism|fz:plansMechanism mech:service_window ; "
             "skos:prefLabel ?unit . mech:service_window skos:prefLabel '法治服务窗口'@zh }")
    rows = fazhi("query", query, "--store", str(out), "--format", "csv")
    assert rows.returncode == 0, rows.stderr
    assert len(rows.stdout.strip().splitlines()) >= 2, rows.stdout

    # the same build directory without the vocabulary: its reports are extracted again, the kind is gone
    again = fazhi("build", str(reports), "-o", str(out), "--jobs", "2", "--no-html")
    assert again.returncode == 0, again.stderr
    assert "mechanism/service_window" not in (out / "graph.ttl").read_text(encoding="utf-8")


def write(folder: Path, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "words.ttl"
    path.write_text(PREFIXES + text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text,message", [
    ('mech:grid skos:altLabel "网格员"@zh ;\n    skos:altLabel 网格 .\n', r"words.ttl:5: not valid Turtle"),
    ('mech:gird skos:altLabel "网格员"@zh .\n', r"words.ttl:4: unknown concept <.*/mechanism/gird>"),
    ('<https://w3id.org/fazhi-kg/vocab/mechanisms/x> skos:inScheme <https://w3id.org/fazhi-kg/vocab/mechanisms> .\n',
     r"words.ttl:4: unknown concept scheme <https://w3id.org/fazhi-kg/vocab/mechanisms>"),
    ('mech:grid fz:pattern "网格(员" .\n', r"words.ttl:4: bad fz:pattern '网格\(员'"),
    ('mech:x skos:inScheme <https://w3id.org/fazhi-kg/vocab/mechanism> ; skos:notation "x" ;\n'
     '    skos:prefLabel "某机制"@zh .\n', r"words.ttl:4: concept <.*/mechanism/x> needs `a <.*#MechanismKind>`"),
    ('mech:x a fz:MechanismKind ; skos:inScheme <https://w3id.org/fazhi-kg/vocab/mechanism> ;\n'
     '    skos:notation "y" ; skos:prefLabel "某机制"@zh .\n', r"words.ttl:4: concept <.*/mechanism/x> must be "),
    ('mech:x a fz:MechanismKind ; skos:inScheme <https://w3id.org/fazhi-kg/vocab/mechanism> ;\n'
     '    skos:prefLabel "某机制"@zh .\n', r"words.ttl:4: new concept <.*/mechanism/x> needs a skos:notation"),
    ('mech:grid skos:altLabel "网格员" .\n', r'words.ttl:4: the label "网格员" of <.*/mechanism/grid> needs a language tag'),
])
def test_bad_user_turtle_names_file_line_and_cause(tmp_path: Path, text: str, message: str) -> None:
    write(tmp_path, text)
    with pytest.raises(VocabularyError, match=message):
        read_vocabulary(user_vocab_files(str(tmp_path)))


def test_altlabels_and_new_concepts_merge_into_the_schemes() -> None:
    vocab = read_vocabulary(user_vocab_files(str(VOCAB)))
    window = next(c for c in vocab["mechanism"] if c.key == "service_window")
    assert (window.pref_zh, window.patterns) == ("法治服务窗口", ("法治(?:服务)?窗口",))
    training = next(c for c in vocab["campaign"] if c.key == "rule_of_law_training")
    assert "返乡学生宣讲" in training.alt_zh and len(training.alt_zh) > 1  # added to, not replaced


def test_missing_folder_and_cli_error_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(VocabularyError, match="no such vocabulary file or folder"):
        user_vocab_files(str(tmp_path / "nope"))
    with pytest.raises(VocabularyError, match="no \\*.ttl vocabulary files"):
        user_vocab_files(str(tmp_path))
    write(tmp_path, 'mech:gird skos:altLabel "网格员"@zh .\n')
    proc = fazhi("extract", str(WINDOW), "--vocab", str(tmp_path))
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.strip().splitlines() == [
        f"error: {tmp_path / 'words.ttl'}:4: unknown concept <https://w3id.org/fazhi-kg/vocab/mechanism/gird>: "
        "not in the vocabulary; a new concept needs skos:inScheme, skos:notation and a zh skos:prefLabel"]
