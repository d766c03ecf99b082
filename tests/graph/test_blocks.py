"""Block files: graph.ttl and the row cache are copied block by block between builds."""

from __future__ import annotations

from pathlib import Path

from fazhi.graph.blocks import Spill, header, index_file, reader, write_blocks

HEAD = b"# test file, format 1\n@prefix fz: <https://w3id.org/fazhi-kg/ontology#> .\n\n"
A, B, C = "a" * 64, "b" * 64, "c" * 64


def _block(sha: str, text: str) -> bytes:
    # a literal that looks like a header inside a string is escaped by every writer: it must not split
    return header(sha) + f'<x:{sha[:1]}> fz:q "{text}\\n# report {C}" .\n'.encode()


def test_blocks_come_back_whole_in_hash_order_from_spill_and_old_file(tmp_path: Path):
    with Spill(tmp_path) as spill:
        spill.add(B, _block(B, "二"))
        spill.add(A, _block(A, "一"))
        write_blocks(tmp_path / "f.ttl", HEAD, [B, A], [spill.get], tail=b"# closing\n<x:z> fz:q 1 .\n")
    data = (tmp_path / "f.ttl").read_bytes()
    assert data == HEAD + _block(A, "一") + _block(B, "二") + b"# closing\n<x:z> fz:q 1 .\n"

    index = index_file(tmp_path / "f.ttl", HEAD)
    assert sorted(index) == [A, B]
    old = reader(tmp_path / "f.ttl", index)
    assert old(A) == _block(A, "一") and old(B) == _block(B, "二") and old(C) is None

    with Spill(tmp_path) as spill:  # the next build: B dropped, C new, A copied from the old file
        spill.add(C, _block(C, "三"))
        write_blocks(tmp_path / "f.ttl", HEAD, [C, A], [spill.get, old])
    assert (tmp_path / "f.ttl").read_bytes() == HEAD + _block(A, "一") + _block(C, "三")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.ttl"]  # spills leave nothing behind


def test_a_file_with_another_head_or_none_is_not_reused(tmp_path: Path):
    assert index_file(tmp_path / "missing.ttl", HEAD) == {}
    (tmp_path / "f.ttl").write_bytes(b"# test file, format 0\n" + _block(A, "一"))
    assert index_file(tmp_path / "f.ttl", HEAD) == {}


def test_a_hash_no_source_has_fails_and_keeps_the_old_file(tmp_path: Path):
    import pytest

    (tmp_path / "f.ttl").write_bytes(HEAD)
    with pytest.raises(KeyError):
        write_blocks(tmp_path / "f.ttl", HEAD, [A], [lambda sha: None])
    assert (tmp_path / "f.ttl").read_bytes() == HEAD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.ttl"]
