"""China's administrative divisions, and placing a reporting unit in them without guessing.

The division tree is not ours: it is the ``china_location`` data that the
maintained jionlp package ships (province, city and county with their
6-digit codes; towns, sub-districts and XPCC regiments under their county).
We read that data file directly, without importing jionlp (whose import
loads a segmenter we do not need). Without jionlp installed
(``pip install "fazhi-kg[places]"``) nothing is placed and the build says so.

A unit is placed only when the report's own evidence leaves one county:
the unit's name (a town found under a county, or a division name inside a
department's name), the parent it names, and the places named in its title,
signature, addressee and opening. Each named place must contain the
candidate; when more than one county remains, the unit stays unplaced and
its candidates are counted (there are 99 城关镇). A town name alone never
places a unit, even when the data has one town of that name: the data lags
behind new sub-districts, so the one it knows may be another.
"""

from __future__ import annotations

import importlib.util
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from fazhi.extract.normalize import normalize_text

LEVELS = ("province", "city", "county")
_DATA = ("dictionary", "china_location.zip")
OPENING = 300  # characters of a report (title and preamble) whose place names are evidence of its unit's place
MIN_SCAN = 3  # shortest full name found inside free text (城区, 矿区 would match anywhere)
TOWN_TYPES = ("镇", "乡", "街道", "团", "场", "苏木")
# how regiments are written in the data: 兵团一零六团, 新疆兵团十二师头屯河农场, 兵团农十二师一零四团
_XPCC_PREFIX = re.compile(r"^(?:新疆)?(?:生产建设)?兵团(?:农?[一二三四五六七八九十]+师)?")


@dataclass(frozen=True)
class Division:
    """One division of the official tree (a province, city or county)."""

    code: str  # the 6-digit administrative code (adcode)
    name: str  # official full name: 沙湾市
    short: str  # the data's short form: 沙湾
    level: str  # province | city | county
    parent: str | None  # the code of the division above

    @property
    def full_code(self) -> str:
        """The 12-digit statistical code the national division tables use (adcode + six zeros)."""
        return self.code + "000000"


@dataclass
class Placement:
    """Where a unit lies: its division (deepest certain) or, unplaced, how many counties it could be in."""

    division: Division | None = None
    is_division: bool = False  # the unit is the division itself (a county or city government)
    candidates: int = 0  # counties left when the evidence did not decide (0: nothing matched)


@dataclass
class DivisionTree:
    """The tree with the indexes placing needs."""

    by_code: dict[str, Division] = field(default_factory=dict)
    by_name: dict[str, set[str]] = field(default_factory=dict)  # full and short names → codes
    towns: dict[str, set[str]] = field(default_factory=dict)  # town name key → county codes
    source: str = ""
    _pattern: re.Pattern[str] | None = field(default=None, repr=False)

    def chain(self, code: str) -> list[Division]:
        """The division and every division above it, deepest first."""
        out: list[Division] = []
        current: str | None = code
        while current is not None and current in self.by_code and len(out) < len(LEVELS):
            out.append(self.by_code[current])
            current = self.by_code[current].parent
        return out

    def contains(self, outer: str, inner: str) -> bool:
        """Whether division ``outer`` is ``inner`` or lies above it."""
        return any(d.code == outer for d in self.chain(inner))

    def named(self, text: str) -> list[set[str]]:
        """The places named in free text: for each full name found (longest at each place, no overlaps), its codes."""
        text = normalize_text(text or "")
        if len(text) < MIN_SCAN:
            return []
        return [{c for c in self.by_name[m.group()] if self.by_code[c].name == m.group()}
                for m in self._scanner().finditer(text)]

    def _scanner(self) -> re.Pattern[str]:
        """One alternation of every full name, longest first, so each match is the longest name there."""
        if self._pattern is None:
            names = sorted({d.name for d in self.by_code.values() if len(d.name) >= MIN_SCAN},
                           key=lambda n: (-len(n), n))
            self._pattern = re.compile("|".join(map(re.escape, names)))
        return self._pattern

    def as_whole(self, name: str) -> set[str]:
        """Divisions a whole written name denotes: its full name, or its short form (沙湾 → 沙湾市, 沙湾区)."""
        return set(self.by_name.get(normalize_text(name or "").strip(), ()))


def _data_file() -> Path | None:
    """The china_location data of the installed jionlp package, found without importing it."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*_DATA)
    return path if path.is_file() else None


def available() -> bool:
    """Whether the division data is installed (the ``places`` extra)."""
    return _data_file() is not None


def town_key(name: str) -> str:
    """The comparison key of a town or regiment name, as linking keys units (一〇六团 → 106团)."""
    from fazhi.graph.linking import name_key

    text = normalize_text(name).strip()
    stripped = _XPCC_PREFIX.sub("", text)
    if stripped != text and stripped:
        text = stripped
    return name_key(text)


def parse_tree(lines: Iterable[str], source: str = "") -> DivisionTree:
    """The tree from the data's lines: tab depth 0-2 are ``name code short`` divisions, depth 3 towns."""
    tree = DivisionTree(source=source)
    stack: list[str | None] = [None, None, None]
    for raw in lines:
        if raw.startswith("\t\t\t\t"):  # villages: below what placing needs
            continue
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip().split("\t")
        if depth <= 2 and len(parts) >= 3 and parts[1].isdigit():
            name, code, short = parts[0], parts[1], parts[2]
            parent = stack[depth - 1] if depth > 0 else None
            if name.endswith("直辖行政区划") or name.endswith("直辖县级行政区划") or code == parent:
                # a placeholder (省直辖) or a municipality repeated as its own city (上海市 under 上海市):
                # not a division of its own, its counties hang on the province
                stack[depth] = parent
                continue
            tree.by_code[code] = Division(code, name, short, LEVELS[depth], parent)
            stack[depth] = code
            for i in range(depth + 1, 3):
                stack[i] = None
            for key in {name, short}:
                if key:
                    tree.by_name.setdefault(key, set()).add(code)
        elif depth == 3 and stack[2] is not None:
            tree.towns.setdefault(town_key(parts[0]), set()).add(stack[2])
    return tree


@lru_cache(maxsize=1)
def load_tree() -> DivisionTree | None:
    """The installed division tree, None when jionlp (the ``places`` extra) is not installed."""
    path = _data_file()
    if path is None:
        return None
    with zipfile.ZipFile(path) as zf:  # streamed: the file is 12 MB of text, mostly villages we skip
        member = next(n for n in zf.namelist() if n.endswith(".txt"))
        with zf.open(member) as raw:
            tree = parse_tree(io.TextIOWrapper(raw, encoding="utf-8"))
    version = ""
    try:
        from importlib.metadata import version as dist_version

        version = dist_version("jionlp")
    except Exception:  # noqa: BLE001 - the version only labels the source
        pass
    tree.source = f"jionlp {version} china_location".strip()
    return tree


def _is_town(label: str) -> bool:
    return label.endswith(TOWN_TYPES)


def place(tree: DivisionTree | None, unit: str, parent: str | None = None,
          context: Sequence[str | None] = ()) -> Placement:
    """Where the unit named ``unit`` lies, from its parent and the ``context`` texts (title, signature, addressee).

    ``unit`` and ``parent`` are cleaned names (linking.clean_name). Returns
    an empty Placement unless the evidence leaves exactly one division.
    """
    if tree is None or not unit:
        return Placement()
    # what the unit's own name says
    own: set[str] = set()
    is_division = False
    whole = {c for c in tree.as_whole(unit) if tree.by_code[c].level != "province"}
    if whole and not _is_town(unit):
        own, is_division = whole, True
    elif _is_town(unit):
        own = set(tree.towns.get(town_key(unit), ()))
    inner = tree.named(unit) if not is_division else []
    # the places the report names around the unit: its parent first, then title, signature, addressee, opening
    stated: list[set[str]] = []
    if parent:
        whole_parent = tree.as_whole(parent) or set().union(*tree.named(parent) or [set()])
        if whole_parent:
            stated.append(whole_parent)
    around = [group for text in context for group in tree.named(text or "")]
    constraints = inner + stated + around

    def fits(code: str, groups: list[set[str]]) -> bool:
        return all(any(tree.contains(c, code) or tree.contains(code, c) for c in group) for group in groups)

    if own:
        if not constraints:
            # a bare name is no evidence: the data lags behind new sub-districts (a town found once in
            # the country may be another one of that name); only a county's own full name places it
            only = tree.by_code[next(iter(own))] if len(own) == 1 else None
            if only is None or not is_division or only.name != unit:
                return Placement(candidates=len(own))
        left = sorted(c for c in own if fits(c, constraints))
        if len(left) == 1:
            return Placement(tree.by_code[left[0]], is_division=is_division)
        return Placement(candidates=len(left) if left else len(own))
    # the unit's name is no division or town (a bureau, a committee): the deepest place its own name and
    # its parent agree on (else the title's …), never deeper because the text names a place below it
    primary = inner + stated or around
    if not primary:
        return Placement()
    agreed = {code for group in primary for code in group if fits(code, primary) and fits(code, around)}
    options = {c for c in agreed if not any(o != c and tree.contains(c, o) for o in agreed)}
    if len(options) == 1:
        return Placement(tree.by_code[options.pop()])
    return Placement(candidates=len(options))


def opening_place(text: str) -> list[str]:
    """The first division a report's opening names ([] if none): who the unit reports to, as such openings
    run ("XX街道在XX区委、区政府的领导下"). Later names in the text are often other places (a visit, a model)."""
    return places_named(text[:OPENING])[:1]


def places_named(text: str) -> list[str]:
    """The official names of the divisions ``text`` names, in the order it names them (no repeats); [] without the data."""
    tree = load_tree()
    if tree is None or not text:
        return []
    names: list[str] = []
    for group in tree.named(text):
        for name in sorted({tree.by_code[c].name for c in group}):
            if name not in names:
                names.append(name)
    return names


__all__ = ["OPENING", "opening_place", "places_named", "available", "Division", "DivisionTree", "Placement", "load_tree", "parse_tree", "place", "town_key"]
