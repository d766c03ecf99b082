"""Is a readable text a rule-of-law report at all? (A recipe or an English page is not.)

A folder that a justice bureau collects also holds notices, photos' captions,
English pages and stray documents. Every rule-of-law report (法治政府建设年度
报告) speaks of law; a text that never does is refused with a clear cause
instead of becoming an empty report node in the graph.
"""

from __future__ import annotations

# Words no rule-of-law report can avoid; any one of them is enough.
LEGAL_WORDS: tuple[str, ...] = ("法治", "法制", "依法", "法律", "普法", "学法", "执法", "司法", "调解", "法规",
                                 "法院", "執法", "調解", "法規")


def genre_problem(text: str) -> str | None:
    """Why ``text`` is not a rule-of-law report, or None if it may be one."""
    if not any(word in text for word in LEGAL_WORDS):
        return "not a rule-of-law report: no 法治/依法/法律/执法/司法 in the text"
    return None
