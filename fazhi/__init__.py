"""fazhi-kg: rule-of-law reports (法治政府建设年度报告) into an evidence-backed knowledge graph.

The public API is small and imports lazily, so ``import fazhi`` (and
``fazhi --help``) stays fast; spaCy and rdflib load only when used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Run from a source checkout (``python -m fazhi`` in the repository root), this
# folder shadows the installed package, and fazhi.extract, fazhi.graph … live
# beside it rather than inside it: let the package find them there too.
_checkout = Path(__file__).resolve().parent.parent
if (_checkout / "pyproject.toml").is_file() and (_checkout / "extract" / "__init__.py").is_file():
    __path__.append(str(_checkout))

if TYPE_CHECKING:  # pragma: no cover
    import networkx
    import rdflib


def build_graph(paths: Any) -> rdflib.Dataset:
    """Read, extract and link the reports at ``paths`` into an in-memory rdflib Dataset."""
    from fazhi.api import build_graph as _build_graph

    return _build_graph(paths)


def to_networkx(graph: Any) -> networkx.MultiDiGraph:
    """Project a built graph (rdflib Dataset/Graph or build directory) onto networkx."""
    from fazhi.graph.projection import to_networkx as _to_networkx

    return _to_networkx(graph)


__all__ = ["__version__", "build_graph", "to_networkx"]
