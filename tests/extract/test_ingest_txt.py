"""Plain-text reports in the encodings they are published in, and files that are not text."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest
from fazhi.extract.ingest import MAX_BYTES, IngestError, read_document

# A real sentence of sample report 003, and a traditional-character one in the genre.
SENTENCE = "2022年,华家街道在新区党工委、管委会的正确领导下,在上级有关部门指导帮助下,始终坚持以习近平总书记系列重要讲话精神为指导。\n一是严格落实法治建设第一责任人职责。\n"
TRADITIONAL = "2022年，本鎮人民調解委員會共調解矛盾糾紛三十六件，調解成功率達百分之百。\n"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "encoding, prefix",
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("gbk", b""),
        ("gb18030", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),  # Notepad-style UTF-16 without a BOM
    ],
)
def test_each_encoding_decodes_to_the_same_text(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    path = _write(tmp_path, "report.txt", prefix + SENTENCE.encode(encoding))
    doc = read_document(path)
    assert doc.text == SENTENCE
    assert doc.format == "txt"
    assert doc.source == str(path)


def test_traditional_big5_text_is_kept_traditional(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "big5.txt", TRADITIONAL.encode("big5")))
    assert doc.text == TRADITIONAL


def test_gb18030_only_characters_survive(tmp_path: Path) -> None:
    text = SENTENCE + "联系人：王堃（𠀀）。\n"  # 𠀀 needs GB18030's four-byte form
    doc = read_document(_write(tmp_path, "r.txt", text.encode("gb18030")))
    assert doc.text == text


def test_sha256_is_of_the_raw_bytes(tmp_path: Path) -> None:
    import hashlib

    data = codecs.BOM_UTF8 + SENTENCE.encode("utf-8")
    doc = read_document(_write(tmp_path, "r.txt", data))
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


def test_crlf_and_cr_become_newlines_nothing_else_changes(tmp_path: Path) -> None:
    text = "一、工作开展情况\r\n（一）加强学法。ＡＢＣ１２３ abc\r第二行\r\n"
    doc = read_document(_write(tmp_path, "r.txt", text.encode("utf-8")))
    assert doc.text == "一、工作开展情况\n（一）加强学法。ＡＢＣ１２３ abc\n第二行\n"


def test_random_bytes_are_not_text(tmp_path: Path) -> None:
    data = random.Random(7).randbytes(4096)
    with pytest.raises(IngestError) as info:
        read_document(_write(tmp_path, "random.txt", data))
    assert info.value.cause.startswith("not text")
    assert str(info.value) == f"{tmp_path / 'random.txt'}: {info.value.cause}"
    assert "\n" not in str(info.value)


def test_binary_with_nul_bytes_is_not_text(tmp_path: Path) -> None:
    data = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8
    with pytest.raises(IngestError, match="not text"):
        read_document(_write(tmp_path, "prog.txt", data))


def test_big5_bytes_are_not_silently_read_as_gbk_mojibake(tmp_path: Path) -> None:
    """Big5 text must come back as the traditional sentence, never GB18030 garbage."""
    doc = read_document(_write(tmp_path, "r.txt", ("法治政府建設年度報告。" * 20).encode("big5")))
    assert doc.text.startswith("法治政府建設年度報告")


def test_double_encoded_utf8_is_refused(tmp_path: Path) -> None:
    mojibake = SENTENCE.encode("utf-8").decode("cp1252", errors="ignore").encode("utf-8")
    with pytest.raises(IngestError, match="not text"):
        read_document(_write(tmp_path, "r.txt", mojibake))


def test_utf8_decoded_as_gbk_is_refused(tmp_path: Path) -> None:
    """Text already mis-decoded once (UTF-8 bytes read as GBK, saved as GBK) is garbage."""
    garbled = SENTENCE.encode("utf-8").decode("gbk", errors="replace").replace("\ufffd", "")
    data = garbled.encode("gb18030")
    with pytest.raises(IngestError, match="not text"):
        read_document(_write(tmp_path, "r.txt", data))


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", "\u3000\u3000\n".encode("utf-8")])
def test_empty_and_whitespace_only_files_are_refused(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(IngestError) as info:
        read_document(_write(tmp_path, "empty.txt", data))
    assert "empty" in info.value.cause or "no text" in info.value.cause


def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: no 20 MB written
    with pytest.raises(IngestError, match=r"too large: 20\.0 MB \(limit 20 MB\)"):
        read_document(path)


def test_unsupported_suffix_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="unsupported format: old Word .doc"):
        read_document(_write(tmp_path, "old.doc", b"x"))
    with pytest.raises(IngestError, match=r"unsupported file type .xlsx \(supported: .txt .docx .pdf .html .htm\)"):
        read_document(_write(tmp_path, "table.xlsx", b"x"))
    with pytest.raises(IngestError, match="no such file"):
        read_document(tmp_path / "gone.txt")


def test_upper_case_suffix_is_read(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "REPORT.TXT", SENTENCE.encode("gbk")))
    assert doc.format == "txt" and doc.text == SENTENCE


def test_word_and_pdf_files_may_be_larger_than_text_but_not_unbounded(tmp_path: Path) -> None:
    from fazhi.extract.ingest.read import MAX_BYTES_WITH_IMAGES

    big_pdf = tmp_path / "with photos.pdf"
    with big_pdf.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # over the text limit: still opened as a PDF
    with pytest.raises(IngestError) as info:
        read_document(big_pdf)
    assert "too large" not in info.value.cause
    huge_docx = tmp_path / "huge.docx"
    with huge_docx.open("wb") as fh:
        fh.truncate(MAX_BYTES_WITH_IMAGES + 1)
    with pytest.raises(IngestError, match=r"too large: 100\.0 MB \(limit 100 MB\)"):
        read_document(huge_docx)


def test_utf8_cut_mid_character_is_read_with_the_damage_visible(tmp_path: Path) -> None:
    data = (SENTENCE * 5).encode("utf-8")[:-2]  # the last 。 cut in half
    doc = read_document(_write(tmp_path, "cut.txt", data))
    assert doc.text == (SENTENCE * 5)[:-2] + "\ufffd"


def test_gbk_is_never_read_as_damaged_utf8(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "gbk.txt", (SENTENCE * 5).encode("gbk")))
    assert doc.text == SENTENCE * 5 and "\ufffd" not in doc.text
