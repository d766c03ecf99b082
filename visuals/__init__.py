"""Offline HTML briefing views of the graph (pyvis / vis-network, all inline).

``fazhi.visuals.briefing.write_briefing`` is the entry point; it reads the
networkx projection (docs/projection.md) and never re-extracts text.
"""
