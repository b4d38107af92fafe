"""The verdict as plain text: the one-paragraph summary printed first by the text
reporter, and the decision trace printed by `smsscan scan --explain`."""

from __future__ import annotations

import textwrap
from collections import Counter

from scanner.infer import TABLE, Verdict, top_reasons


def paragraph(v: Verdict) -> str:
    """Scenario(s), the licence consequence, the top three reasons with locations."""
    parts = [f"Verdict: {v.headline}"]
    if v.reasons:
        tops = "; ".join(
            f"{r.path}:{r.line} {r.message} [{r.rule_id}]" for r in top_reasons(v.reasons)
        )
        parts.append(f"Because: {tops}.")
    if v.exposure_warning:
        parts.append(f"WARNING: {v.exposure_warning}")
    elif v.exposure:
        e = v.exposure[0]
        parts.append(f"Exposed publicly: {e.path}:{e.line} {e.message}.")
    if v.library is not None:
        parts.append(f"Library: {v.library.name} ({v.library.manifest}).")
    flags = []
    if v.test_only:
        flags.append(f"{len(v.test_only)} test-only")
    if v.dormant:
        flags.append(f"{len(v.dormant)} dormant")
    if flags:
        parts.append(f"Not counted: {', '.join(flags)} finding(s).")
    return " ".join(parts)


def wrapped(v: Verdict, width: int = 100) -> list[str]:
    return textwrap.wrap(paragraph(v), width=width, break_long_words=False, break_on_hyphens=False)


def trace_lines(v: Verdict) -> list[str]:
    """Every finding, the decision-table row it matched, and what it contributed."""
    out = ["", "Decision trace (--explain): every finding, the row it matched, its contribution"]
    for t in v.trace:
        contrib = {
            "live": f"counts for {t.scenario} ({t.confidence})",
            "proxy": f"counts for {t.scenario} by proxy ({t.confidence})",
        }.get(t.outcome, t.outcome.replace("_", "-"))
        out.append(f"  {t.path}:{t.line} {t.rule_id} -> {t.row}: {contrib}")
    rows = Counter(t.row for t in v.trace)
    out.append("")
    out.append("Rows that fired:")
    for row in TABLE:
        if rows.get(row.id):
            out.append(f"  {row.id} x{rows[row.id]}: {row.why}")
    out.append("")
    if v.scenarios:
        for s in v.ordered:
            n = len(v.reasons_for(s))
            out.append(
                f"Scenario {s}: {v.confidence_of(s)} confidence from {n} counted finding(s); "
                f"strongest: {v.reasons_for(s)[0].path}:{v.reasons_for(s)[0].line}."
            )
        out.append(
            f"Primary {v.primary}: the strictest scenario present (C > B > A > none) decides the "
            "licence consequence."
        )
    else:
        out.append("No finding counted toward a scenario, so the verdict is 'none'.")
    out.extend(f"Note: {n}" for n in v.notes)
    return out
