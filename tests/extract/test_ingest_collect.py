"""Which files a folder of reports means: suffixes, hidden files, loops, missing paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fazhi.extract.ingest import collect_inputs


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    """A justice bureau's inbox folder as it looks after people drop files in it."""
    root = tmp_path / "inbox"
    (root / "2023" / "乡镇").mkdir(parents=True)
    (root / ".git").mkdir()
    for name in ("2023/乡镇/四道河子镇 报告.txt", "2023/华家街道.DOCX", "2023/106团.Pdf", "b.html",
                 "a.htm", "notes.md", "scan.jpg", ".hidden.txt", ".git/config.txt", "~$报告.docx"):
        (root / name).write_text("x", encoding="utf-8")
    return root


def test_folder_is_walked_recursively_sorted_with_skips_counted(inbox: Path) -> None:
    found = collect_inputs([inbox])
    assert [p.relative_to(inbox).as_posix() for p in found.files] == [
        "2023/106团.Pdf", "2023/乡镇/四道河子镇 报告.txt", "2023/华家街道.DOCX", "a.htm", "b.html",
    ]
    # notes.md, scan.jpg (other suffixes); .hidden.txt, .git, ~$报告.docx (hidden or lock files)
    assert found.skipped == 5
    assert found.errors == []


def test_symlink_loop_does_not_hang_and_files_are_listed_once(inbox: Path) -> None:
    os.symlink(inbox, inbox / "2023" / "loop")
    os.symlink(inbox / "2023", inbox / "2023" / "乡镇" / "up")
    found = collect_inputs([inbox])
    assert len(found.files) == 5


def test_missing_path_is_an_error_and_the_rest_still_collected(inbox: Path, tmp_path: Path) -> None:
    missing = tmp_path / "不存在.txt"
    found = collect_inputs([missing, inbox])
    assert found.errors == [(missing, "no such file or folder")]
    assert len(found.files) == 5


def test_broken_symlink_is_reported(inbox: Path) -> None:
    os.symlink(inbox / "gone.txt", inbox / "dangling.txt")
    found = collect_inputs([inbox])
    assert found.errors == [(inbox / "dangling.txt", "broken symbolic link")]


def test_explicit_files_keep_the_path_as_given_and_are_deduplicated(inbox: Path) -> None:
    report = inbox / "a.htm"
    found = collect_inputs([report, inbox, report])
    assert found.files.count(report) == 1
    assert len(found.files) == 5


def test_explicit_file_of_unsupported_type_is_an_error(inbox: Path) -> None:
    found = collect_inputs([inbox / "notes.md"])
    assert found.files == []
    assert found.errors[0][1].startswith("unsupported file type .md")


def test_same_inputs_same_order(inbox: Path) -> None:
    assert collect_inputs([inbox]).files == collect_inputs([inbox]).files


def test_report_formats_we_cannot_read_are_errors_with_advice(inbox: Path) -> None:
    (inbox / "2023" / "四道河子镇.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (inbox / "团场报告.WPS").write_bytes(b"\xd0\xcf\x11\xe0")
    found = collect_inputs([inbox])
    assert sorted((p.name, c) for p, c in found.errors) == [
        ("四道河子镇.doc", "unsupported format: old Word .doc: save it as .docx or PDF"),
        ("团场报告.WPS", "unsupported format: WPS document: save it as .docx or PDF"),
    ]
    assert found.skipped == 5 and len(found.files) == 5


def test_a_fifo_is_named_for_what_it_is(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert collect_inputs([fifo]).errors == [(fifo, "a named pipe (FIFO): not read")]
    in_folder = collect_inputs([tmp_path])  # in a folder too: one line, never opened (it would block)
    assert in_folder.errors == [(fifo, "a named pipe (FIFO): not read")] and in_folder.skipped == 0


def test_saved_page_resources_and_archive_metadata_are_not_walked(inbox: Path) -> None:
    (inbox / "华家街道报告_files").mkdir()
    (inbox / "华家街道报告_files" / "sheet001.htm").write_text("<html></html>", encoding="utf-8")
    (inbox / "__MACOSX").mkdir()
    (inbox / "__MACOSX" / "报告.txt").write_text("x", encoding="utf-8")
    found = collect_inputs([inbox])
    assert len(found.files) == 5 and found.skipped == 7
