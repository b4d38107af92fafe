"""Inline suppressions: `smsscan: ignore[SMS1001,SMS2002] reason`.

The directive may sit in any comment syntax (`#`, `//`, `/* */`, `<!-- -->`,
`--`, `;`) on the finding's line or on the line before. IDs match exactly or
as a prefix (`SMS1` covers SMS1001..SMS1999); a bare `smsscan: ignore`
covers every rule on that line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from scanner.detector import FileContext
from scanner.model import Finding, Suppression

DIRECTIVE = re.compile(
    r"""
    (?:\#|//|/\*|<!--|--|;|\*)\s*        # a comment opener of any scanned language
    smsscan:\s*ignore                     # the directive
    (?:\[(?P<ids>[A-Za-z0-9_,\s]*)\])?    # optional [ID, ID-prefix, ...]
    (?P<reason>[^\n]*?)                   # free-text justification
    \s*(?:\*/|-->)?\s*$                   # optional comment closer
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Directive:
    line: int
    ids: tuple[str, ...]  # empty = all rules
    reason: str

    def covers(self, rule_id: str) -> bool:
        return not self.ids or any(rule_id == i or rule_id.startswith(i) for i in self.ids)


def directives(text: str) -> list[Directive]:
    out: list[Directive] = []
    if "smsscan:" not in text:
        return out
    for lineno, line in enumerate(text.splitlines(), 1):
        if "smsscan:" not in line:
            continue
        m = DIRECTIVE.search(line)
        if m:
            ids = tuple(i.strip().upper() for i in (m.group("ids") or "").split(",") if i.strip())
            reason = m.group("reason").strip().lstrip("-:— ").strip()
            out.append(Directive(lineno, ids, reason))
    return out


def apply_inline_suppressions(ctx: FileContext, findings: list[Finding]) -> list[Finding]:
    if not findings:
        return findings
    found = directives(ctx.text)
    if not found:
        return findings
    by_line: dict[int, list[Directive]] = {}
    for d in found:
        by_line.setdefault(d.line, []).append(d)
        by_line.setdefault(d.line + 1, []).append(d)
    out = []
    for f in findings:
        match = next((d for d in by_line.get(f.span.start_line, []) if d.covers(f.rule_id)), None)
        if match is not None:
            f = replace(f, suppression=Suppression("inSource", match.reason))
        out.append(f)
    return out
