"""One pass over a file's bytes decides which detectors need to run on it.

Every detector declares literal anchors; a file is handed to a detector only if
one of its anchors occurs (case-insensitively). With Hyperscan installed
(`pip install smsscan[fast]`) all anchors are matched in one native pass;
otherwise a single compiled regular expression is used.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from scanner.detector import Detector


class Prefilter:
    def __init__(self, detectors: Sequence[Detector]) -> None:
        self.detectors = tuple(detectors)
        self.always = frozenset(i for i, d in enumerate(self.detectors) if not d.anchors)
        anchors: dict[bytes, set[int]] = {}
        for i, d in enumerate(self.detectors):
            for a in d.anchors:
                anchors.setdefault(a.lower().encode("utf-8"), set()).add(i)
        self.anchor_list = sorted(anchors)
        self.owners = [frozenset(anchors[a]) for a in self.anchor_list]
        self._hs: Any = None
        self._regex: re.Pattern[bytes] | None = None
        if self.anchor_list:
            self._hs = _hyperscan_db(self.anchor_list)
            if self._hs is None:
                alternation = b"|".join(
                    re.escape(a) for a in sorted(self.anchor_list, key=len, reverse=True)
                )
                self._regex = re.compile(alternation, re.IGNORECASE)
        self._index = {a: i for i, a in enumerate(self.anchor_list)}

    @property
    def engine(self) -> str:
        return "hyperscan" if self._hs is not None else "re"

    def select(self, data: bytes) -> frozenset[int]:
        """Indices of the detectors to run on a file with these bytes."""
        hit: set[int] = set(self.always)
        if self._hs is not None:
            found: set[int] = set()

            def on_match(anchor_id: int, _from: int, _to: int, _flags: int, _ctx: object) -> None:
                found.add(anchor_id)

            self._hs.scan(data, match_event_handler=on_match)
            for a in found:
                hit |= self.owners[a]
        elif self._regex is not None:
            seen: set[bytes] = set()
            for m in self._regex.finditer(data):
                word = m.group().lower()
                if word not in seen:
                    seen.add(word)
                    hit |= self.owners[self._index[word]]
        return frozenset(hit)


def _hyperscan_db(anchors: Sequence[bytes]) -> Any:
    try:
        import hyperscan
    except ImportError:
        return None
    try:
        db = hyperscan.Database()
        exprs = [re.escape(a) for a in anchors]
        flags = [hyperscan.HS_FLAG_CASELESS | hyperscan.HS_FLAG_SINGLEMATCH] * len(anchors)
        db.compile(
            expressions=exprs, ids=list(range(len(anchors))), elements=len(anchors), flags=flags
        )
    except Exception:  # a broken native install must not stop the scan
        return None
    return db
