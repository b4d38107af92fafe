"""Inline suppressions: `smsscan: ignore[SMS1001,SMS2002] reason`.

The directive may sit in any comment syntax (`#`, `//`, `/* */`, `<!-- -->`,
`--`, `;`) on the finding's line or on the line before. IDs match exactly or
as a prefix (`SMS1` covers SMS1001..SMS1999); a bare `smsscan: ignore`
covers every rule on that line.

A directive that covers no finding is reported as an `SMS9900`
(UnusedSuppression) finding at the directive, except in prose (Markdown,
plain text), where directives are usually documentation. Everything here is
per file, so the answer does not depend on how files are batched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from scanner import lazy_re
from scanner.detector import FileContext
from scanner.model import (
    Confidence,
    Evidence,
    Finding,
    Scenario,
    Severity,
    Span,
    Suppression,
)
from scanner.suppress_rules import UNUSED_SUPPRESSION

DIRECTIVE = lazy_re.compile(
    r"""
    (?:\#|//|/\*|<!--|--|;|\*)\s*        # a comment opener of any scanned language
    smsscan:\s*ignore                     # the directive
    (?:\[(?P<ids>[A-Za-z0-9_,\s]*)\])?    # optional [ID, ID-prefix, ...]
    (?P<reason>[^\n]*?)                   # free-text justification
    \s*(?:\*/|-->)?\s*$                   # optional comment closer
    """,
    re.VERBOSE,
)
MARKER = "smsscan:"
MARKER_BYTES = MARKER.encode()  # also looked for in the prefilter's pass
PROSE_KINDS = frozenset({"markdown", "text"})


class Directive(NamedTuple):
    line: int
    ids: tuple[str, ...]  # empty = all rules
    reason: str
    start_column: int = 1
    end_column: int = 1

    def covers(self, rule_id: str) -> bool:
        return not self.ids or any(rule_id == i or rule_id.startswith(i) for i in self.ids)

    @property
    def label(self) -> str:
        return f"smsscan: ignore[{','.join(self.ids)}]" if self.ids else "smsscan: ignore"


def directives(text: str) -> list[Directive]:
    out: list[Directive] = []
    if MARKER not in text:
        return out
    for lineno, line in enumerate(text.splitlines(), 1):
        if MARKER not in line:
            continue
        m = DIRECTIVE.search(line)
        if m and not _inside_string(line[: m.start()]):
            ids = tuple(i.strip().upper() for i in (m.group("ids") or "").split(",") if i.strip())
            reason = m.group("reason").strip().lstrip("-:— ").strip()
            out.append(Directive(lineno, ids, reason, m.start() + 1, len(line.rstrip()) + 1))
    return out


def _inside_string(prefix: str) -> bool:
    """Whether a quoted string is still open at the end of `prefix` (one line).

    `x = "a # smsscan: ignore"` is data, not a directive; `x = "it's"  # smsscan: ignore`
    is a directive (the apostrophe sits inside a closed string)."""
    quote = ""
    escaped = False
    for ch in prefix:
        if escaped:
            escaped = False
        elif ch == "\\" and quote:
            escaped = True
        elif quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'`":
            quote = ch
    return bool(quote)


def apply_inline_suppressions(ctx: FileContext, findings: list[Finding]) -> list[Finding]:
    """Mark covered findings as suppressed; add an SMS9900 finding per unused directive."""
    found = directives(ctx.text) if MARKER in ctx.text else []
    if not found:
        return findings
    by_line: dict[int, list[Directive]] = {}
    for d in found:
        by_line.setdefault(d.line, []).append(d)
    for d in found:  # a directive on the line itself wins over one on the line before
        by_line.setdefault(d.line + 1, []).append(d)
    used: set[Directive] = set()
    out = []
    for f in findings:
        match = next((d for d in by_line.get(f.span.start_line, []) if d.covers(f.rule_id)), None)
        if match is not None:
            used.add(match)
            f = replace(f, suppression=Suppression("inSource", match.reason))
        out.append(f)
    if ctx.kind not in PROSE_KINDS:
        out.extend(unused_findings(ctx.path, ctx.text, [d for d in found if d not in used]))
    return out


def unused_in_bytes(path: str, kind: str, data: bytes) -> tuple[Finding, ...]:
    """For files no detector looked at: every directive in them is unused."""
    if kind in PROSE_KINDS or MARKER_BYTES not in data:
        return ()
    text = data.decode("utf-8", errors="replace")
    return tuple(unused_findings(path, text, directives(text)))


def unused_findings(path: str, text: str, unused: Sequence[Directive]) -> list[Finding]:
    if not unused:
        return []
    from scanner.fingerprint import content_key, line_hash_map
    from scanner.paths import is_test_path

    hashes = line_hash_map(text)
    lines = text.splitlines()
    out: list[Finding] = []
    seen: dict[str, int] = {}
    for d in unused:
        key = d.label
        occ = seen.get(key, 0)
        seen[key] = occ + 1
        # the directive only: the rest of the line may hold a secret another rule redacts
        snippet = (
            lines[d.line - 1][d.start_column - 1 :].strip()[:300] if d.line <= len(lines) else ""
        )
        out.append(
            Finding(
                rule_id=UNUSED_SUPPRESSION,
                path=path,
                span=Span(d.line, d.start_column, d.line, max(d.end_column, d.start_column)),
                message=f"'{d.label}' suppresses nothing on this line or the next; remove or move it",
                snippet=snippet,
                scenario=Scenario.NONE,
                severity=Severity.INFO,
                confidence=Confidence.HIGH,
                evidence=Evidence.VERDICT,
                fingerprint=content_key(UNUSED_SUPPRESSION, path, key, occ),
                line_hash=hashes.get(d.line, ""),
                test_only=is_test_path(path),
            )
        )
    return out
