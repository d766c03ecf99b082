"""Saved government-site pages: the report body without the site around it."""

from __future__ import annotations

from pathlib import Path

from fazhi.extract.ingest import read_document

PAGE = Path(__file__).resolve().parents[1] / "data" / "ingest" / "gov_article.html"


def test_article_body_is_kept_and_site_chrome_dropped() -> None:
    text = read_document(PAGE).text
    assert "华家街道2022年法治政府建设年度报告" in text
    assert "街道人民调解委员会全年共排查调处矛盾纠纷86件，调解成功率达100%。" in text
    assert "受理法律援助案件\t15件" in text  # the table, as tab-separated rows
    assert text.rstrip().endswith("2023年1月12日")
    for chrome in ("首页", "当前位置", "栏目导航", "用户登录", "还没有账号", "立即注册", "责编",
                   "分享到", "ICP备", "浏览次数", "_hmt", "jquery"):
        assert chrome not in text, chrome


def test_body_paragraphs_stay_in_order() -> None:
    text = read_document(PAGE).text
    order = ["新区党工委、管委会：", "一、上一年度推进法治政府建设", "（二）矛盾纠纷化解情况",
             "二、存在的不足和原因", "大连金普新区华家街道办事处"]
    positions = [text.index(s) for s in order]
    assert positions == sorted(positions)


def test_gbk_page_with_meta_charset(tmp_path: Path) -> None:
    html = PAGE.read_text(encoding="utf-8").replace('<meta charset="utf-8">', '<meta charset="gb2312">')
    path = tmp_path / "page.htm"
    path.write_bytes(html.encode("gbk"))
    doc = read_document(path)
    assert doc.format == "htm"
    assert doc.text == read_document(PAGE).text


def test_page_with_only_a_short_body_falls_back_to_visible_text(tmp_path: Path) -> None:
    path = tmp_path / "short.html"
    path.write_text(
        "<html><head><script>var a=1;</script></head><body><nav>首页 政务公开</nav>"
        "<div>某镇2023年法治政府建设情况</div><div>全年调解纠纷12件。</div>"
        "<footer>用户登录 立即注册</footer></body></html>",
        encoding="utf-8",
    )
    assert read_document(path).text == "某镇2023年法治政府建设情况\n全年调解纠纷12件。"


def _table_layout_page(title: str, lines: list[str]) -> str:
    """An old-style government page: the whole page laid out in nested tables, <br> paragraphs."""
    return (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        f"<title>{title}_信息公开_第一师阿拉尔市五团</title></head><body>"
        '<table width="1000" align="center"><tr><td><img src="logo.gif"><a href="/">首页</a> | '
        '<a href="/xxgk">信息公开</a> | <a href="/bsfw">办事服务</a></td></tr>'
        "<tr><td>您现在的位置: 首页 &gt; 信息公开 &gt; 法治政府</td></tr>"
        '<tr><td><table width="100%"><tr><td align="center"><font size="4"><b>' + lines[0] + "</b></font></td></tr>"
        "<tr><td>发布日期：2022-01-10  点击数：356</td></tr><tr><td>"
        + "<br>\n".join("&nbsp;&nbsp;&nbsp;&nbsp;" + line for line in lines[1:])
        + "</td></tr></table></td></tr>"
        '<tr><td>【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>'
        "<tr><td>版权所有：第一师阿拉尔市五团 备案号：新ICP备00000000号</td></tr></table></body></html>"
    )


def test_table_layout_page_keeps_paragraphs_and_drops_the_frame(tmp_path: Path, sample_reports: list[Path]) -> None:
    source = next(p for p in sample_reports if p.name.startswith("000"))
    lines = source.read_text(encoding="utf-8").split("\n")
    path = tmp_path / "old.html"
    path.write_bytes(_table_layout_page(lines[0], lines).encode("gbk"))
    text = read_document(path).text
    assert text.split("\n") == lines  # every paragraph on its own line, the title from <title>
    for chrome in ("首页", "您现在的位置", "点击数", "打印本页", "版权所有", "ICP备"):
        assert chrome not in text, chrome


def test_gbk_page_that_claims_latin1_is_not_read_as_mojibake(tmp_path: Path) -> None:
    html = PAGE.read_text(encoding="utf-8").replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("gbk"))
    assert read_document(path).text == read_document(PAGE).text


def test_a_page_saved_as_txt_is_read_as_a_page(tmp_path: Path) -> None:
    path = tmp_path / "saved page.txt"
    path.write_bytes(PAGE.read_bytes())
    assert read_document(path).text == read_document(PAGE).text
