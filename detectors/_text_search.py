"""Fast text searches for the detectors' gates.

`re` skips ahead fast only to a literal first character: a pattern that opens with
an alternation, a class or a look-behind is tried at every offset (~30 MB/s). Two
shapes recur in the gates:

- `finder_sources`: patterns that find any of many words, each opening with one
  literal character (an anchor) and finding several words in one pass: after the
  anchor, the rest of each word (a literal first, so a wrong alternative fails on
  its first character), then a look-behind for the whole word.
- `matches_from`: the matches `pattern.finditer(text)` gives, tried only at the
  offsets where one can start (found by cheaper searches).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import AnyStr


def finder_source(anchor: str, words: Sequence[str], extra: Sequence[str] = ()) -> str:
    """A pattern matching where one of `words` (each holds `anchor`) occurs, found from
    the word's first `anchor`; `extra`: more alternatives after the anchor."""
    alts = []
    for w in words:
        i = w.index(anchor)
        alts.append(re.escape(w[i + 1 :]) + (f"(?<={re.escape(w)})" if i else ""))
    return f"{re.escape(anchor)}(?:{'|'.join((*alts, *extra))})"


def finder_sources(words: Iterable[str], anchors: str) -> list[str]:
    """`finder_source` patterns that together find any of `words`, each word from the
    first of `anchors` it holds (characters rare in the text first: fewer places to try)."""
    groups: dict[str, list[str]] = {}
    for w in dict.fromkeys(words):
        groups.setdefault(next(a for a in anchors if a in w), []).append(w)
    return [finder_source(a, ws) for a, ws in groups.items()]


def matches_from(
    pattern: re.Pattern[AnyStr], text: AnyStr, starts: Iterable[int]
) -> Iterator[re.Match[AnyStr]]:
    """The matches of `pattern.finditer(text)`, given `starts` (in increasing order) holding
    every offset where one can start: each is matched there, and a start inside the
    previous match is skipped, as finditer does (for patterns that match no empty text)."""
    end = 0
    for start in starts:
        if start >= end:
            m = pattern.match(text, start)
            if m is not None:
                end = m.end()
                yield m
