"""The detector interface: what a detector module declares and receives.

A detector module in `detectors/` exposes one `DETECTOR = Detector(...)`. The
engine calls `check(ctx)` only for files whose kind is in `kinds` and (when
`anchors` is non-empty) whose bytes contain at least one anchor, compared
case-insensitively. `check` returns `Hit`s; the engine turns them into
`Finding`s (snippet, redaction, fingerprint, severity, test-only marking).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import NamedTuple, TypeVar, cast

from scanner.facts import CodeFacts
from scanner.model import Confidence, Rule, Scenario, Span


class Hit(NamedTuple):
    """What a detector's check reports: a rule, where, and why (the engine turns it into a Finding)."""

    rule_id: str
    span: Span
    message: str
    confidence: Confidence = Confidence.HIGH
    scenario: Scenario | None = None  # overrides the rule's scenario (e.g. host decides)
    attributes: tuple[tuple[str, str], ...] = ()
    key: str = ""  # identity for the fingerprint; defaults to the matched text
    secret: str = ""  # exact secret text to redact from snippet and message
    test_only: bool = False  # detector knows this is test-only (loopback, simulator, server)


_T = TypeVar("_T")


class FileContext:
    """One decoded file, with its parse results computed at most once."""

    def __init__(
        self,
        path: str,
        kind: str,
        text: str,
        parse: Callable[[FileContext], CodeFacts],
        notes: list[tuple[str, str]] | None = None,
    ) -> None:
        self.path = path  # relative POSIX path
        self.kind = kind  # language or config kind from classify
        self.text = text
        self.parse = parse
        self.notes = [] if notes is None else notes  # (code, message) from parsers
        self._derived: dict[Callable[[FileContext], object], object] = {}

    def __repr__(self) -> str:
        return f"FileContext(path={self.path!r}, kind={self.kind!r})"

    def derived(self, build: Callable[[FileContext], _T]) -> _T:
        """`build(self)`, computed once per file for every detector that asks (`build`
        must be a module-level function: it is the key)."""
        if build not in self._derived:
            self._derived[build] = build(self)
        return cast(_T, self._derived[build])

    @cached_property
    def facts(self) -> CodeFacts:
        return self.parse(self)

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        text = self.text
        i = text.find("\n")
        while i != -1:
            starts.append(i + 1)
            i = text.find("\n", i + 1)
        return starts

    @cached_property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    def position(self, offset: int) -> tuple[int, int]:
        """Character offset -> (1-based line, 1-based column)."""
        idx = bisect.bisect_right(self.line_starts, offset) - 1
        return idx + 1, offset - self.line_starts[idx] + 1

    def span(self, start: int, end: int) -> Span:
        sl, sc = self.position(start)
        el, ec = self.position(max(start, end))
        return Span(sl, sc, el, ec)

    def line_span(self, line: int) -> Span:
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        stripped = len(text) - len(text.lstrip())
        return Span(line, stripped + 1, line, max(len(text), stripped) + 1)

    @cached_property
    def _comment_starts(self) -> list[tuple[int, int]] | None:
        """Comment start positions, or None when the parser gave them out of order."""
        starts = [(c.start_line, c.start_column) for c in self.facts.comments]
        return starts if starts == sorted(starts) else None

    def in_comment(self, span: Span) -> bool:
        comments = self.facts.comments
        starts = self._comment_starts
        if starts is None:
            return any(_contains(c, span) for c in comments)
        # comments do not overlap: only the last one starting at or before the span can hold it
        i = bisect.bisect_right(starts, (span.start_line, span.start_column)) - 1
        return i >= 0 and _contains(comments[i], span)

    def note(self, code: str, message: str) -> None:
        self.notes.append((code, message))


def _contains(c: Span, span: Span) -> bool:
    return (c.start_line, c.start_column) <= (span.start_line, span.start_column) and (
        span.end_line,
        span.end_column,
    ) <= (c.end_line, c.end_column)


CheckFn = Callable[[FileContext], Iterable[Hit]]
# A necessary condition on a file's decoded text, kind and file name (the last part of its
# path), checked before `check` (and so before any parse): False means `check` could not
# report anything on this file.
GateFn = Callable[[str, str, str], bool]


class Detector(NamedTuple):
    """One detector: its rules, the file kinds it reads, its prefilter anchors, gate and check."""

    name: str  # module slug, e.g. "smpp_client"
    rules: tuple[Rule, ...]
    kinds: frozenset[str]
    check: CheckFn
    anchors: tuple[str, ...] = ()  # case-insensitive literals; empty = run on every file of `kinds`
    # anchors that only count for files of the given kinds (e.g. a port number in config files)
    kind_anchors: tuple[tuple[frozenset[str], tuple[str, ...]], ...] = ()
    gate: GateFn | None = None  # None: every file the anchors select goes to `check`
    # file-name patterns (fnmatch, lower case; one with `/` matches the path's last parts):
    # only files they match are read (the prefilter skips the others without importing
    # the detector); empty = any name
    names: tuple[str, ...] = ()
    # not run on minified JavaScript / TypeScript bundles (see `engine.is_minified`)
    skips_minified: bool = False
    description: str = ""

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)
