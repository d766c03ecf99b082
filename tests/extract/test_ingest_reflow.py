"""Re-joining the lines a PDF layout wrapped, and only those."""

from __future__ import annotations

from fazhi.extract.ingest.reflow import reflow

# Lines as a PDF text layer gives them: 30 characters a line, paragraphs indented.
WRAPPED = (
    " 一是将习近平法治思想列入街道党工委理论中心组学习内容。重点\n"
    "学习党的二十大精神、《习近平法治思想学习纲要》（摘要）等书籍\n"
    "，全街道党员干部法治意识和法治素养进一步提升。\n"
    " 二是各基层党组织采取三会一课和主题党日等形式，宣传学习习近\n"
    "平法治思想。\n"
    "（二）法治政府建设工作完成情况\n"
    " 三是街道人民调解委员会全年调解矛盾纠纷86件，调解成功率达\n"
    "100%。\n"
)


def test_wrapped_lines_join_and_paragraphs_stay_apart() -> None:
    assert reflow(WRAPPED).split("\n") == [
        " 一是将习近平法治思想列入街道党工委理论中心组学习内容。重点学习党的二十大精神、"
        "《习近平法治思想学习纲要》（摘要）等书籍，全街道党员干部法治意识和法治素养进一步提升。",
        " 二是各基层党组织采取三会一课和主题党日等形式，宣传学习习近平法治思想。",
        "（二）法治政府建设工作完成情况",
        " 三是街道人民调解委员会全年调解矛盾纠纷86件，调解成功率达100%。",
        "",
    ]


def test_only_newlines_are_removed() -> None:
    assert reflow(WRAPPED).replace("\n", "") == WRAPPED.replace("\n", "")


def test_short_lines_are_never_joined() -> None:
    text = "一、主要做法\n加强学法\n完善制度\n强化监督\n"
    assert reflow(text) == text


def test_a_heading_after_a_full_line_starts_its_own_line() -> None:
    full = "街道综合行政执法队严格落实行政执法三项制度全面推行执法公示制度"
    text = f"{full}\n{full}\n{full}\n二、存在的问题\n"
    assert reflow(text) == f"{full}{full}{full}\n二、存在的问题\n"


def test_english_words_split_by_the_layout_keep_a_space() -> None:
    line = "The township mediation committee handled eighty-six disputes this"
    text = f"{line}\nyear and {line}\n{line}\nend.\n"
    assert reflow(text).split("\n")[0].startswith(f"{line} year and")


def test_text_saved_from_a_pdf_is_rejoined_but_plain_reports_are_untouched(
    tmp_path, sample_reports, gold
) -> None:
    """pdftotext-style .txt (30-character lines, form feeds, page numbers) reads like the report."""
    from fazhi.extract.ingest import read_document
    from fazhi.extract.ingest.reflow import display_width, looks_wrapped

    def wrap(paragraph: str, width: int = 60) -> list[str]:  # as printed: by width, not by characters
        lines, line = [], ""
        for ch in paragraph:
            if display_width(line + ch) > width:
                lines.append(line)
                line = ""
            line += ch
        return lines + [line]

    source = next(p for p in sample_reports if p.name.startswith("002"))
    paragraphs = [ln for ln in source.read_text(encoding="utf-8").split("\n") if ln.strip()]
    printed = []
    for para in paragraphs:
        printed.extend(wrap("  " + para))
    pages = ["\n".join(printed[i:i + 20]) + f"\n\n- {i // 20 + 1} -\n" for i in range(0, len(printed), 20)]
    path = tmp_path / "pdftotext.txt"
    path.write_text("\f".join(pages), encoding="utf-8")
    text = read_document(path).text

    def sentences_joined(lines: list[str]) -> str:  # a break after 。 inside a paragraph is allowed
        return "\n".join(ln.strip() for ln in lines if ln.strip()).replace("。\n", "。").replace("：\n", "：")

    assert sentences_joined(text.split("\n")) == sentences_joined(paragraphs)
    assert len(text.split("\n")) < 2 * len(paragraphs)  # not the 30-character printed lines
    for item in gold["002"]["mechanisms"] + gold["002"]["problems"] + gold["002"]["metrics"]:
        assert item["text"] in text
    for sample in sample_reports:  # one paragraph a line: not taken for printed lines
        assert not looks_wrapped(sample.read_text(encoding="utf-8"))
    assert looks_wrapped(path.read_text(encoding="utf-8"))


def test_letter_spaced_lines_lose_their_spaces_and_others_keep_them() -> None:
    from fazhi.extract.ingest.reflow import unspace_letters

    assert unspace_letters("团 人 民 调 解 委 员 会 全 年 调 解 矛 盾 纠 纷 3 6件 ， 调 解 成 功 率 达 1 00%。") == \
        "团人民调解委员会全年调解矛盾纠纷36件，调解成功率达100%。"
    assert unspace_letters("  法 治 政 府 建 设 年 度 报 告") == "  法治政府建设年度报告"
    for line in ("The township mediation committee handled 86 disputes.", "发布时间：2023-01-12 来源：华家街道",
                 "一、 主要做法", "A B"):
        assert unspace_letters(line) == line


def test_letter_spaced_pdf_text_reads_as_words(tmp_path) -> None:
    """Glyphs placed one by one with gaps (justified lines) come out of pypdf spaced."""
    import io

    from fazhi.extract.ingest import read_document
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    sentence = "团人民调解委员会全年调解矛盾纠纷36件，调解成功率达100%。"
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    text = page.beginText(40, 760)
    text.setFont("STSong-Light", 12)
    x = 40.0
    for ch in sentence:
        text.setTextOrigin(x, 760)
        text.textOut(ch)
        x += 20 if ord(ch) > 255 else 10
    page.drawText(text)
    page.showPage()
    page.save()
    path = tmp_path / "justified.pdf"
    path.write_bytes(buffer.getvalue())
    assert read_document(path).text == sentence
