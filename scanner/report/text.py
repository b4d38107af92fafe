"""Human-readable terminal output: the verdict first, then findings grouped by
scenario, then problems with the scan, then one line saying why the run passed
or failed. Colour only when asked (on a terminal)."""

from __future__ import annotations

from collections import Counter

from scanner.model import Finding, NotificationLevel
from scanner.report import Report
from scanner.report.printable import printable

_SCENARIO_TITLES = {
    "C": "Scenario C — direct carrier connection (SP licence)",
    "B": "Scenario B — licensed third-party SMS platform",
    "A": "Scenario A — own SIM cards / GSM modems (internal testing)",
    "exposure": "Public exposure of the service",
    "dormant": "Dormant, not counted (commented out / disabled)",
    "test_only": "Test-only, not counted (tests, simulators, loopback, SMSC servers)",
    "none": "Context (no scenario on its own)",
}
_COLORS = {
    "C": "31",
    "B": "33",
    "A": "36",
    "exposure": "35",
    "dormant": "2",
    "test_only": "2",
    "none": "37",
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
}


def _c(report: Report, code: str, text: str) -> str:
    """`text` made printable (it may hold scanned text), coloured when asked: the only
    place escape sequences are written."""
    text = printable(text)
    return f"\x1b[{_COLORS[code]}m{text}\x1b[0m" if report.color else text


def _verdict_lines(report: Report) -> list[str]:
    from scanner.report.verdict_text import trace_lines, wrapped

    lines = [_c(report, "bold", line) for line in wrapped(report.verdict)]
    if report.explain:
        lines.extend(map(printable, trace_lines(report.verdict)))
    return lines


def _finding_line(report: Report, f: Finding) -> str:
    loc = f"{f.path}:{f.span.start_line}:{f.span.start_column}"
    tags = []
    if f.test_only:
        tags.append("test-only")
    if f.suppression is not None:
        tags.append("suppressed")
    if f.baseline_state:
        tags.append(f.baseline_state)
    if f.scenario.value in report.declared:
        tags.append("declared")
    suffix = f"  ({', '.join(tags)})" if tags else ""
    return f"  {printable(loc)}  {_c(report, 'bold', f.rule_id)}  {printable(f.message)}{suffix}"


def render(report: Report) -> str:
    out = _verdict_lines(report)
    shown = report.shown
    groups: dict[str, list[Finding]] = {}
    for f in shown:
        groups.setdefault(report.verdict.group_of(f), []).append(f)
    for scen in ("C", "B", "A", "exposure", "dormant", "test_only", "none"):
        items = groups.get(scen)
        if not items:
            continue
        out.append("")
        out.append(_c(report, scen, f"{_SCENARIO_TITLES[scen]}: {len(items)} finding(s)"))
        out.extend(_finding_line(report, f) for f in items)
    problems = [n for n in report.result.notifications if n.level is not NotificationLevel.NOTE]
    stats = report.result.stats
    out.append("")
    counts = Counter(n.code for n in problems)
    summary = f"Scanned {stats.scanned} file(s)"
    if stats.skipped:
        summary += f", skipped {stats.skipped}"
    if counts:
        summary += " (" + ", ".join(f"{n} {code}" for code, n in sorted(counts.items())) + ")"
    out.append(summary + ".")
    for n in problems[:20]:
        out.append(_c(report, "dim", f"  {n.level.value}: {n.path}: {n.message}"))
    if len(problems) > 20:
        out.append(_c(report, "dim", f"  … and {len(problems) - 20} more (see --format json)"))
    if report.outcome:
        color = "red" if report.failing else "green"
        out.append(_c(report, color, report.outcome))
    return "\n".join(out) + "\n"
