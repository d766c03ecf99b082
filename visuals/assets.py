"""Read the files shipped in fazhi.visuals/assets (vis-network, page script and style)."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def asset_text(name: str) -> str:
    """The text of one packaged asset; cached because a build may write several pages."""
    return resources.files("fazhi.visuals").joinpath("assets", name).read_text(encoding="utf-8")
