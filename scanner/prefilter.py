"""One pass over a file's bytes decides which detectors need to run on it.

Every detector declares literal anchors; a file is handed to a detector only if
one of its anchors occurs (ASCII case-insensitively) and the detector covers
the file's kind.

Two engines, same answers:

- Hyperscan (`pip install smsscan[fast]`): all anchors compiled into one
  literal database, matched in one native pass (several GB/s).
- Pure Python fallback: the bytes are lowercased once, then a small set of
  "cover" trigrams is tested with `in` (C speed); only anchors sharing a trigram
  that occurs are tested themselves. With a few hundred anchors this does far
  fewer passes than one `in` per anchor, and unlike a regular-expression
  alternation (tried branch by branch at every offset in `re`) its cost does
  not grow with the number of anchors sharing a prefix.

`export_patterns()` gives the same anchors as regular expressions, one per
line, for `rg -i -f` and for equivalent Semgrep rules (`smsscan patterns`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol


class Selectable(Protocol):
    """What the prefilter reads of a detector (a `Detector`, or an index `Stub`)."""

    @property
    def kinds(self) -> frozenset[str]: ...
    @property
    def anchors(self) -> tuple[str, ...]: ...
    @property
    def kind_anchors(self) -> tuple[tuple[frozenset[str], tuple[str, ...]], ...]: ...
    @property
    def names(self) -> tuple[str, ...]: ...


_GRAM = 3
SMALL_SCAN_BYTES = 1 << 20  # below this, plain `in` per anchor beats compiling an engine
_REGEX_META = frozenset(b"\\.^$|?*+()[]{}")  # escaped the same by Rust regex and PCRE


def anchor_bytes(detectors: Iterable[Selectable]) -> dict[bytes, frozenset[int]]:
    """Lowercased anchor bytes -> indices of the detectors declaring it."""
    owners: dict[bytes, set[int]] = {}
    for i, d in enumerate(detectors):
        for a in (*d.anchors, *(x for _, group in d.kind_anchors for x in group)):
            key = a.encode("utf-8").lower()
            if key:
                owners.setdefault(key, set()).add(i)
    return {a: frozenset(owners[a]) for a in sorted(owners)}


def export_patterns(detectors: Iterable[Selectable]) -> list[str]:
    """Every anchor once, lowercased, escaped as a regular expression (for `rg -i -f`)."""
    out = []
    for a in anchor_bytes(detectors):
        text = a.decode("utf-8")
        out.append("".join("\\" + ch if ord(ch) in _REGEX_META else ch for ch in text))
    return out


class Prefilter:
    def __init__(
        self, detectors: Sequence[Selectable], *, use_hyperscan: bool = True, marker: bytes = b""
    ) -> None:
        self.detectors = tuple(detectors)
        owners = anchor_bytes(self.detectors)
        self.anchor_list: list[bytes] = list(owners)
        # `marker` (e.g. the suppression directive) is looked for in the same pass, as one
        # more literal after the anchors; `wanted_marked` reports whether it may occur
        self.marker = marker
        self._literals = self.anchor_list + ([marker.lower()] if marker else [])
        self.owners: list[frozenset[int]] = [owners[a] for a in self.anchor_list]
        self.always = frozenset(
            i for i, d in enumerate(self.detectors) if not d.anchors and not d.kind_anchors
        )
        # (anchor index, detector index) -> the only kinds for which that anchor counts
        index = {a: n for n, a in enumerate(self.anchor_list)}
        general = {
            (index[a.encode("utf-8").lower()], i)
            for i, d in enumerate(self.detectors)
            for a in d.anchors
            if a
        }
        self._restrict: dict[tuple[int, int], frozenset[str]] = {}
        for i, d in enumerate(self.detectors):
            for only_kinds, group in d.kind_anchors:
                for a in group:
                    key = (index[a.encode("utf-8").lower()], i)
                    if key not in general:
                        self._restrict[key] = frozenset(
                            self._restrict.get(key, frozenset()) | only_kinds
                        )
        # per kind: the detectors that cover it, and whether any of them needs an anchor
        kinds = {kind for d in self.detectors for kind in d.kinds}
        self._by_kind: dict[str, frozenset[int]] = {
            kind: frozenset(i for i, d in enumerate(self.detectors) if kind in d.kinds)
            for kind in kinds
        }
        self._always_by_kind = {
            kind: tuple(sorted(dets & self.always)) for kind, dets in self._by_kind.items()
        }
        # detectors that read only some file names: their filters, by detector index
        self._names = {i: _NameFilter(d.names) for i, d in enumerate(self.detectors) if d.names}
        self._use_hyperscan = use_hyperscan
        self._ready = False  # engine built? (lazily: small scans never need it)
        self._scanned = 0
        self._hs: Any = None
        self._groups: tuple[tuple[bytes, tuple[int, ...]], ...] = ()

    def prepare(self) -> None:
        """Build the matching engine now (e.g. before worker processes fork)."""
        if not self._ready:
            self._hs = _hyperscan_db(self._literals) if self._use_hyperscan else None
            self._groups = _cover_groups(self._literals) if self._hs is None else ()
            self._ready = True

    def anchors_in(self, data: bytes) -> list[int]:
        """Indices (into `anchor_list`) of the anchors that occur in `data`, sorted."""
        n = len(self.anchor_list)
        return sorted(i for i in self._found(data) if i < n)

    def _found(self, data: bytes) -> list[int] | set[int]:
        """Indices (into `_literals`) of the literals that occur in `data`, each once."""
        literals = self._literals
        if not literals:
            return []
        if not self._ready:
            self._scanned += len(data)
            if self._scanned <= SMALL_SCAN_BYTES:  # a few files: no engine to import or compile
                low = data.lower()
                return [i for i, a in enumerate(literals) if a in low]
            self.prepare()
        if self._hs is not None:
            found: list[int] = []  # each literal reported once (single-match flag)
            self._hs.scan(data, match_event_handler=_Collect(found))
            return found
        low = data.lower()
        hits: set[int] = set()
        for gram, members in self._groups:
            if gram in low:
                hits.update(i for i in members if literals[i] in low)
        return hits

    def wanted(self, data: bytes, kind: str) -> list[int]:
        """Sorted indices of the detectors to run on a file of this kind and content."""
        return self.wanted_marked(data, kind)[0]

    def wanted_marked(
        self, data: bytes, kind: str, path: str | None = None
    ) -> tuple[list[int], bool]:
        """`wanted`, and whether the marker may occur (ASCII case-insensitively), from one
        pass over `data`. With the file's `path`, detectors whose file-name patterns do not
        match it are left out (without a path, none is)."""
        covering = self._by_kind.get(kind)
        always: Iterable[int] = self._always_by_kind.get(kind, ())
        if covering and path is not None and self._names:
            skip = {i for i, ok in self._names.items() if i in covering and not ok(path)}
            if skip:
                covering = covering - skip
                always = [i for i in always if i not in skip]
        if not covering:  # no pass over the data: no detector could run
            return [], bool(self.marker) and self.marker in data
        found = self._found(data)
        n = len(self.anchor_list)
        if not found:  # most files: no anchor, no marker
            return list(always), False
        hit = set(always)
        for _anchor, dets in self._select(sorted(i for i in found if i < n), kind, covering):
            hit.update(dets)
        return sorted(hit), bool(self.marker) and n in found

    def selections(
        self, data: bytes, kind: str, covering: frozenset[int] | None = None
    ) -> list[tuple[int, list[int]]]:
        """(anchor, detectors it selects) for every anchor in `data` that selects one."""
        if covering is None:
            covering = self._by_kind.get(kind, frozenset())
        return self._select(self.anchors_in(data), kind, covering)

    def _select(
        self, anchors: list[int], kind: str, covering: frozenset[int]
    ) -> list[tuple[int, list[int]]]:
        restrict = self._restrict
        out = []
        for a in anchors:
            dets = [
                det
                for det in self.owners[a] & covering
                if (only := restrict.get((a, det))) is None or kind in only
            ]
            if dets:
                out.append((a, dets))
        return out


class _NameFilter:
    """Does a path match one of a detector's file-name patterns (lower case, fnmatch)? A
    pattern with `/` matches as many of the path's last parts as it has."""

    __slots__ = ("_by_depth", "_exact")

    def __init__(self, patterns: Iterable[str]) -> None:
        import fnmatch

        from scanner import pattern_cache

        exact: set[str] = set()
        by_depth: dict[int, list[str]] = {}
        for p in patterns:
            if _GLOB.intersection(p):
                by_depth.setdefault(p.count("/"), []).append(fnmatch.translate(p.lower()))
            else:
                exact.add(p.lower())
        self._exact = frozenset(exact)
        self._by_depth = tuple(
            (depth, pattern_cache.compile("|".join(alts), 0))
            for depth, alts in sorted(by_depth.items())
        )

    def __call__(self, path: str) -> bool:
        low = path.lower()
        if low.rpartition("/")[2] in self._exact:
            return True
        if not self._by_depth:
            return False
        parts = low.rsplit("/", self._by_depth[-1][0] + 1)
        return any(
            len(parts) > depth and rx.match("/".join(parts[-depth - 1 :]))
            for depth, rx in self._by_depth
        )


_GLOB = frozenset("*?[/")  # a pattern with none of these is one exact file name


class _Collect:
    """Hyperscan match callback (a class: cheaper than a closure per file)."""

    __slots__ = ("found",)

    def __init__(self, found: list[int]) -> None:
        self.found = found

    def __call__(self, anchor_id: int, _from: int, _to: int, _flags: int, _ctx: object) -> None:
        self.found.append(anchor_id)


def _cover_groups(anchors: Sequence[bytes]) -> tuple[tuple[bytes, tuple[int, ...]], ...]:
    """Greedy set cover: trigrams such that every anchor contains one of them.

    A file that contains none of a group's trigram cannot contain any anchor of
    the group. Anchors shorter than a trigram are their own group.
    """
    uncovered = set(range(len(anchors)))
    groups: list[tuple[bytes, tuple[int, ...]]] = []
    short = sorted(i for i in uncovered if len(anchors[i]) < _GRAM)
    for i in short:
        groups.append((anchors[i], (i,)))
        uncovered.discard(i)
    grams: dict[bytes, set[int]] = {}
    for i in uncovered:
        a = anchors[i]
        for j in range(len(a) - _GRAM + 1):
            grams.setdefault(a[j : j + _GRAM], set()).add(i)
    while uncovered:
        best = max(grams, key=lambda g: (len(grams[g] & uncovered), g))
        members = tuple(sorted(grams[best] & uncovered))
        groups.append((best, members))
        uncovered.difference_update(members)
    return tuple(groups)


def _hyperscan_db(anchors: Sequence[bytes]) -> Any:
    if not anchors:
        return None
    try:
        import hyperscan
    except ImportError:
        return None
    try:
        db = hyperscan.Database()
        # every byte hex-escaped: literal match whatever the anchor contains
        exprs = [b"".join(b"\\x%02x" % c for c in a) for a in anchors]
        flags = [hyperscan.HS_FLAG_CASELESS | hyperscan.HS_FLAG_SINGLEMATCH] * len(anchors)
        db.compile(
            expressions=exprs, ids=list(range(len(anchors))), elements=len(anchors), flags=flags
        )
    except Exception:  # a broken native install must not stop the scan
        return None
    return db


def semgrep_rules(patterns: Sequence[str]) -> str:
    """A Semgrep rules file (YAML) with one case-insensitive regex rule per pattern."""
    import json

    out = ["rules:"]
    for n, p in enumerate(patterns):
        out += [
            f"  - id: smsscan-anchor-{n:04d}",
            f"    pattern-regex: {json.dumps('(?i)' + p)}",
            f"    message: {json.dumps('smsscan indicator ' + p)}",
            "    languages: [generic]",
            "    severity: INFO",
        ]
    return "\n".join(out) + "\n"
