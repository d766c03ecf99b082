"""Names and bytes from the wild: GBK file names, terminal escapes, private-use mojibake, copies, links, FIFOs.

Real reports (examples/reports) in hostile clothing, through the real CLI.
The file names and inserted bytes are invented for each behaviour: GBK
names as a zip made on Chinese Windows leaves them on Linux, ESC/OSC/C1
sequences in names and report text, code points of GBK's user-defined area.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "reports"
RECIPE = "西红柿炒鸡蛋的做法\n一、准备食材：西红柿两个，鸡蛋三个。\n二、鸡蛋打散炒至凝固后盛出。\n"
CONTROLS = ("\x1b", "\x07", "\x9b", "\x9d", "\x08", "\u202e")


def _sample(prefix: str) -> Path:
    return next(EXAMPLES.glob(f"{prefix}_*.txt"))


def _fazhi(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "COLUMNS": "400"}
    return subprocess.run([sys.executable, "-m", "fazhi", *args], capture_output=True, timeout=timeout, env=env,
                          cwd=ROOT)


def _gbk_name(folder: Path, name: str) -> Path:
    """A path whose last component is ``name`` in GBK bytes, as Windows zip tools leave it."""
    return Path(os.fsdecode(os.fsencode(str(folder)) + b"/" + name.encode("gbk")))


def _no_raw_controls(data: bytes) -> None:
    text = data.decode("utf-8")  # whatever was printed is valid UTF-8
    for ch in CONTROLS:
        assert ch not in text, repr(ch)


# ----------------------------------------------------------------- GBK names


def test_gbk_file_names_are_read_and_readable_everywhere(tmp_path: Path) -> None:
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    shutil.copyfile(_sample("001"), _gbk_name(inbox, "四道河子镇2023年报告.txt"))
    shutil.copyfile(_sample("003"), _gbk_name(inbox, "华家街道报告.txt"))
    _gbk_name(inbox, "菜谱.txt").write_text(RECIPE, encoding="utf-8")
    sub = _gbk_name(inbox, "下级单位")
    sub.mkdir()
    shutil.copyfile(_sample("002"), _gbk_name(sub, "106团.txt"))

    out = tmp_path / "out"
    built = _fazhi("build", str(inbox), "-o", str(out))
    assert built.returncode == 1, built.stderr.decode()[-2000:]  # the recipe only
    stdout, stderr = built.stdout.decode("utf-8"), built.stderr.decode("utf-8")
    assert "Traceback" not in stderr
    assert "四道河子镇2023年报告.txt" in stdout and "华家街道报告.txt" in stdout and "106团.txt" in stdout
    assert stderr.strip() == f"error: {inbox}/菜谱.txt: not a rule-of-law report" or \
        stderr.strip().startswith(f"error: {inbox}/菜谱.txt: not a rule-of-law report")
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert f"{inbox}/下级单位/106团.txt" in ttl
    assert "华家街道报告.txt" in (out / "graph.html").read_text(encoding="utf-8")

    listed = _fazhi("query", "--store", str(out), "--name", "reports", "--format", "csv")
    assert listed.returncode == 0 and "四道河子镇2023年报告.txt" in listed.stdout.decode("utf-8")

    again = _fazhi("build", str(inbox), "-o", str(out))  # unchanged: the readable names match the store's
    assert "0 extracted, 3 unchanged, 0 removed" in again.stdout.decode("utf-8")

    for fmt in ("json", "jsonl"):
        target = tmp_path / f"records.{fmt}"
        done = _fazhi("extract", str(inbox), "--format", fmt, "-o", str(target))
        assert done.returncode == 1 and b"Traceback" not in done.stderr
        text = target.read_text(encoding="utf-8")
        records = json.loads(text) if fmt == "json" else [json.loads(l) for l in text.splitlines()]
        assert sorted(Path(r["source"]).name for r in records) == ["106团.txt", "华家街道报告.txt", "四道河子镇2023年报告.txt"]


def test_names_that_are_neither_utf8_nor_gbk_are_escaped_not_lost(tmp_path: Path) -> None:
    from fazhi.extract.ingest.names import readable_path

    odd = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/\xff\xfe\x80report.txt"))
    assert readable_path(odd) == f"{tmp_path}/\\xff\\xfe\\x80report.txt"
    shutil.copyfile(_sample("000"), odd)
    done = _fazhi("extract", str(tmp_path), "--format", "jsonl")
    assert done.returncode == 0
    assert json.loads(done.stdout)["source"] == f"{tmp_path}/\\xff\\xfe\\x80report.txt"


# ----------------------------------------------------------------- terminal escapes


def test_escape_sequences_in_names_and_text_never_reach_the_terminal(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    text = _sample("001").read_text(encoding="utf-8")
    title, rest = text.split("\n", 1)
    # a title line (the unit comes from it) and the body laced with ESC, OSC, C1 CSI, backspace and RLO
    laced = title.replace("四道河子镇", "四道河子镇\x1b]0;pwned\x07\x1b[2J") + "\n\x9b31m\u202e" + rest
    (inbox / "laced\x1b[31m\x9d8;;evil\x07.txt").write_text(laced, encoding="utf-8")
    (inbox / "bad\x1b[2K\x08\x08name.txt").write_text(RECIPE, encoding="utf-8")
    out = tmp_path / "out"
    built = _fazhi("build", str(inbox), "-o", str(out))
    assert built.returncode == 1
    _no_raw_controls(built.stdout)
    _no_raw_controls(built.stderr)
    stderr = built.stderr.decode("utf-8")
    assert "bad\\x1b[2K\\x08\\x08name.txt: not a rule-of-law report" in stderr  # shown, inert
    assert "laced\\x1b[31m" in built.stdout.decode("utf-8")

    for fmt in ("table", "csv"):
        shown = _fazhi("query", "--store", str(out), "--format", fmt, "--name", "reports")
        assert shown.returncode == 0
        if fmt == "table":
            _no_raw_controls(shown.stdout)
            assert "\\x1b" in shown.stdout.decode("utf-8")
        else:  # piped data stays the data: a CSV consumer gets the bytes the report holds
            assert "\x1b" in shown.stdout.decode("utf-8")

    failed = _fazhi("query", "--store", str(out), "SELECT * WHERE { ?s ?p \x1b[2J")
    assert failed.returncode == 1
    _no_raw_controls(failed.stderr)


def test_printable_escapes_every_control_class() -> None:
    from fazhi.extract.printable import error_line, printable

    assert printable("a\x1b[0mb") == "a\\x1b[0mb"
    assert printable("\x9b2J\x85\x7f") == "\\x9b2J\\x85\\x7f"
    assert printable("x\u202ey\u2066") == "x\\u202ey\\u2066"
    assert printable("two\nlines\tok") == "two\nlines\tok"
    assert printable("two\nlines", one_line=True) == "two\\x0alines"
    assert error_line("/a/\x1b]8;;x\x07b", "cause\nmore") == "error: /a/\\x1b]8;;x\\x07b: cause\\x0amore"
    assert printable("报告：五团") == "报告：五团"


# ----------------------------------------------------------------- private-use mojibake


def test_private_use_code_points_are_flagged_in_every_format(tmp_path: Path) -> None:
    import docx

    text = _sample("003").read_text(encoding="utf-8")
    lines = text.splitlines()
    # two characters of GBK's user-defined area (bytes AA A1 AA A2 decode to U+E000 U+E001) inside
    # every 7th line: few enough that the encoding detector's share-based check lets them through
    gbk = b"\n".join(line[:5].encode("gbk") + (b"\xaa\xa1\xaa\xa2" if i % 7 == 3 else b"") +
                     line[5:].encode("gbk") for i, line in enumerate(lines))
    (tmp_path / "造字.txt").write_bytes(gbk)
    pua = "\n".join(line[:5] + ("\ue000\ue001" if i % 7 == 3 else "") + line[5:] for i, line in enumerate(lines))
    document = docx.Document()
    for line in pua.splitlines():
        document.add_paragraph(line)
    document.save(tmp_path / "造字.docx")
    (tmp_path / "造字.html").write_text(
        "<html><head><meta charset='utf-8'></head><body><article>" +
        "".join(f"<p>{line}</p>" for line in pua.splitlines()) + "</article></body></html>", encoding="utf-8")
    # Wingdings bullets before list items are bullets, not mojibake: kept
    bullets = docx.Document()
    for i, line in enumerate(lines):
        bullets.add_paragraph(("\uf06c\t" if i % 3 == 0 else "") + line)
    bullets.save(tmp_path / "项目符号.docx")

    done = _fazhi("extract", str(tmp_path), "--format", "jsonl")
    errors = [l for l in done.stderr.decode("utf-8").splitlines() if l.startswith("error: ")]
    assert sorted(Path(l.split(": ")[1]).name for l in errors) == ["造字.docx", "造字.html", "造字.txt"]
    assert all("private-use" in line for line in errors), errors
    assert [Path(json.loads(l)["source"]).name for l in done.stdout.decode().splitlines()] == ["项目符号.docx"]


# ----------------------------------------------------------------- copies, links, special files


def test_every_copy_of_a_failing_file_gets_its_own_line(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "a").mkdir(parents=True)
    (inbox / "b").mkdir()
    for where in ("a/菜谱.txt", "b/菜谱.txt", "菜谱副本.txt"):
        (inbox / where).write_text(RECIPE, encoding="utf-8")
    binary = bytes(range(256)) * 40
    for where in ("a/乱码.txt", "b/乱码 (1).txt"):
        (inbox / where).write_bytes(binary)
    shutil.copyfile(_sample("000"), inbox / "五团.txt")
    built = _fazhi("build", str(inbox), "-o", str(tmp_path / "out"), "--no-html")
    errors = sorted(l for l in built.stderr.decode("utf-8").splitlines() if l.startswith("error: "))
    assert built.returncode == 1
    assert [l.split(": ")[1][len(str(inbox)) + 1:] for l in errors] == \
        ["a/乱码.txt", "a/菜谱.txt", "b/乱码 (1).txt", "b/菜谱.txt", "菜谱副本.txt"]
    assert all("not a rule-of-law report" in l for l in errors if "菜谱" in l)


def test_symlinks_out_of_the_input_folder_are_listed_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copyfile(_sample("002"), outside / "106团.txt")
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    shutil.copyfile(_sample("000"), inbox / "sub" / "五团.txt")
    os.symlink(outside / "106团.txt", inbox / "外部文件.txt")
    os.symlink(outside, inbox / "外部目录")
    os.symlink("/etc", inbox / "etc")
    os.symlink(inbox / "sub" / "五团.txt", inbox / "内部链接.txt")  # inside: fine, read once
    done = _fazhi("extract", str(inbox), "--format", "jsonl")
    errors = sorted(l for l in done.stderr.decode("utf-8").splitlines() if l.startswith("error: "))
    assert done.returncode == 1 and len(errors) == 3, errors
    assert all("outside the input folder: not followed" in l for l in errors)
    sources = [json.loads(l)["source"] for l in done.stdout.decode().splitlines()]
    assert len(sources) == 1 and "106团" not in sources[0]


def test_fifos_and_devices_are_refused_with_one_line_never_opened(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copyfile(_sample("000"), inbox / "五团.txt")
    os.mkfifo(inbox / "pipe.txt")  # opening it would block the batch forever
    expected = {"pipe.txt": "a named pipe (FIFO): not read"}
    if os.geteuid() == 0:
        try:
            os.mknod(inbox / "zero.txt", stat.S_IFCHR | 0o600, os.makedev(1, 5))  # /dev/zero: never ends
            expected["zero.txt"] = "a device: not read"
        except OSError:
            pass  # no device nodes in this container
    done = _fazhi("build", str(inbox), "-o", str(tmp_path / "out"), "--no-html", timeout=120)
    errors = {Path(l.split(": ")[1]).name: l.split(": ", 2)[2]
              for l in done.stderr.decode("utf-8").splitlines() if l.startswith("error: ")}
    assert done.returncode == 1 and errors == expected
    given = _fazhi("extract", str(inbox / "pipe.txt"), timeout=60)
    assert given.returncode == 1 and given.stderr.decode().strip().endswith("pipe.txt: a named pipe (FIFO): not read")
