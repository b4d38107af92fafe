"""Markdown review report for due diligence, readable without reading code: the
verdict, the licence table, an inventory of SMS paths (provider / protocol /
host / files), exposure, test-only and dormant evidence, the action guide, then
every finding and the problems with the scan."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scanner import TOOL_NAME, __version__
from scanner.infer import GATEWAY_ROWS, Reason, Verdict, top_reasons
from scanner.licences import LICENCES
from scanner.report import Report
from scanner.report.printable import printable

_TITLES = {
    "C": "C — direct carrier connection",
    "B": "B — licensed third-party SMS platform",
    "A": "A — own SIM cards / GSM modems",
}


# what turns text into markup inside a line: links and images ([...](...)), HTML and
# autolinks (<...>), code spans (`), table cells (|) and the escape itself
_INLINE_MARKUP = re.compile(r"([\\`\[\]<>|])")


def _cell(text: str) -> str:
    """Text (often quoting scanned code) shown as written, inline or in a table cell: a
    crafted literal must not become a link, an image that is fetched, or HTML."""
    return _INLINE_MARKUP.sub(r"\\\1", text).replace("\n", " ")


def _code(text: str) -> str:
    """`text` as a code span whatever backticks it holds (a longer fence than any run)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text.replace(chr(10), ' ')}{pad}{fence}"


def _loc(r: Reason) -> str:
    return _code(f"{r.path}:{r.line}")


@dataclass
class _Path:
    scenario: str
    providers: set[str] = field(default_factory=set)
    protocols: set[str] = field(default_factory=set)
    hosts: set[str] = field(default_factory=set)
    files: set[str] = field(default_factory=set)
    confidence: str = "low"

    def key(self) -> tuple[str, ...]:
        return (
            self.scenario,
            ", ".join(sorted(self.providers)),
            ", ".join(sorted(self.protocols)),
            ", ".join(sorted(self.hosts)),
        )


_RANK = {"low": 1, "medium": 2, "high": 3}
_DEFAULT_PROTOCOL = {"B": "HTTPS platform API", "A": "modem / SIM", "C": "carrier protocol"}


def _inventory(report: Report) -> list[_Path]:
    """One row per scenario and file, then files with the same provider,
    protocol and hosts merged into one row."""
    v = report.verdict
    counted = {(r.rule_id, r.path, r.line, r.message): r for r in v.reasons}
    per_file: dict[tuple[str, str], _Path] = {}
    for f in report.result.findings:
        r = counted.get((f.rule_id, f.path, f.span.start_line, f.message))
        if r is None:
            continue
        p = per_file.setdefault((r.scenario, f.path), _Path(r.scenario))
        name = f.attr("provider") or f.attr("library") or f.attr("gateway")
        if name and r.row in GATEWAY_ROWS:
            name = f"{name} (self-hosted gateway)"
        if name:
            p.providers.add(name)
        if f.attr("protocol"):
            p.protocols.add(f.attr("protocol"))
        if f.attr("host"):
            p.hosts.add(f.attr("host") + (f":{f.attr('port')}" if f.attr("port") else ""))
        p.files.add(f.path)
        if _RANK[r.confidence] > _RANK[p.confidence]:
            p.confidence = r.confidence
    merged: dict[tuple[str, ...], _Path] = {}
    for p in per_file.values():
        if not p.protocols:
            p.protocols.add(_DEFAULT_PROTOCOL.get(p.scenario, "-"))
        m = merged.setdefault(p.key(), _Path(p.scenario, p.providers, p.protocols, p.hosts))
        m.files |= p.files
        if _RANK[p.confidence] > _RANK[m.confidence]:
            m.confidence = p.confidence
    rows = sorted(merged.values(), key=lambda p: (-len(p.hosts), -len(p.providers), p.key()))
    kept: list[_Path] = []
    for p in rows:  # fold host-less rows (manifests, config) into a matching path
        home = next((q for q in kept if p is not q and _covers(q, p)), None)
        if home is None:
            kept.append(p)
            continue
        home.files |= p.files
    order = {"C": 0, "B": 1, "A": 2}
    return sorted(kept, key=lambda p: (order.get(p.scenario, 3), p.key()))


def _covers(home: _Path, p: _Path) -> bool:
    return (
        not p.hosts
        and home.scenario == p.scenario
        and p.providers <= home.providers
        and p.protocols <= home.protocols
    )


def _files(files: set[str], limit: int = 4) -> str:
    fs = sorted(files)
    shown = ", ".join(_code(x) for x in fs[:limit])
    return shown + (f" and {len(fs) - limit} more" if len(fs) > limit else "")


def _verdict_section(v: Verdict) -> list[str]:
    out = ["## Verdict", ""]
    if not v.scenarios:
        out.append(f"**No SMS-sending scenario found.** {v.summary}")
    else:
        names = " and ".join(f"**{_TITLES[s]}**" for s in v.ordered)
        out.append(
            f"The code implements {names}. The strictest is **{v.primary}**, so: {v.summary}"
        )
        out += ["", "| Scenario | Confidence | Counted findings | Strongest evidence |"]
        out.append("|---|---|---|---|")
        for s in v.ordered:
            rs = v.reasons_for(s)
            out.append(
                f"| {_TITLES[s]} | {v.confidence_of(s)} | {len(rs)} | "
                f"{_loc(rs[0])} {_cell(rs[0].message)} |"
            )
    if v.exposure_warning:
        out += ["", f"> **Warning.** {_cell(v.exposure_warning)}"]
    if v.library is not None:
        out += [
            "",
            f"> **Library.** This repository publishes the SMS library {_code(v.library.name)} "
            f"({_cell(v.library.manifest)}). The scenario is what the library enables for the "
            "applications that use it, not what this repository operates itself.",
        ]
    if v.reasons:
        out += ["", "Why (strongest evidence first):", ""]
        out += [
            f"{i}. {_loc(r)} — {_cell(r.message)} ({r.rule_id}, {r.confidence} confidence)"
            for i, r in enumerate(top_reasons(v.reasons), 1)
        ]
    return out


def _licence_section(v: Verdict) -> list[str]:
    out = ["", "## Licences", ""]
    out += ["| Scenario | Licence needed by the operator? | Consequence |", "|---|---|---|"]
    for s in ("C", "B", "A"):
        lic = LICENCES[s]
        mark = "**found**" if s in v.scenarios else "not found"
        need = "yes — SP licence (B25)" if lic.required else "no"
        out.append(f"| {_TITLES[s]} ({mark}) | {need} | {_cell(lic.licence)} |")
    for s in v.ordered:
        out += ["", f"**{_TITLES[s]}: what follows**", ""]
        out += [f"- {c}" for c in LICENCES[s].conditions]
    return out


def _inventory_section(report: Report) -> list[str]:
    inv = _inventory(report)
    out = ["", "## SMS sending paths", ""]
    if not inv:
        return [*out, "No counted SMS-sending path."]
    out += ["| Scenario | Provider / library | Protocol | Hosts | Files | Confidence |"]
    out.append("|---|---|---|---|---|---|")
    for p in inv[:30]:
        hosts = ", ".join(_code(h) for h in sorted(p.hosts)) or "—"
        out.append(
            f"| {p.scenario} | {_cell(', '.join(sorted(p.providers)) or '—')} | "
            f"{_cell(', '.join(sorted(p.protocols)))} | {hosts} | "
            f"{_files(p.files)} | {p.confidence} |"
        )
    if len(inv) > 30:
        out.append(f"| … | | | | {len(inv) - 30} more paths (see All findings) | |")
    return out


def _evidence_list(title: str, intro: str, reasons: tuple[Reason, ...]) -> list[str]:
    if not reasons:
        return []
    out = ["", f"## {title}", "", intro, ""]
    out += ["| Location | Rule | About | What |", "|---|---|---|---|"]
    for r in reasons[:50]:
        out.append(f"| {_loc(r)} | {r.rule_id} | {r.scenario} | {_cell(r.message)} |")
    if len(reasons) > 50:
        out.append(f"| … | | | {len(reasons) - 50} more |")
    return out


def _exposure_section(v: Verdict) -> list[str]:
    if not v.exposure:
        return []
    out = ["", "## Public exposure", ""]
    out.append(
        "Signs that the sending service is reachable from outside (routes that send SMS, public "
        "binds, ingresses, load balancers, published ports)."
    )
    if v.exposure_warning:
        out += ["", f"**Warning:** {_cell(v.exposure_warning)}"]
    out += ["", "| Location | Kind | What |", "|---|---|---|"]
    for r in v.exposure[:50]:
        out.append(f"| {_loc(r)} | {r.exposure or '-'} | {_cell(r.message)} |")
    if len(v.exposure) > 50:
        out.append(f"| … | | {len(v.exposure) - 50} more |")
    return out


def _actions_section(v: Verdict) -> list[str]:
    out = ["", "## What to do", ""]
    if not v.scenarios:
        return [*out, "Nothing SMS-specific. Re-scan if SMS sending is added."]
    for s in v.ordered:
        out += [f"**{_TITLES[s]}**", ""]
        out += [f"- [ ] {a}" for a in LICENCES[s].actions]
        out.append("")
    if v.exposure_warning or v.dormant:
        out += ["**Also**", ""]
    if v.exposure_warning:
        out.append(
            "- [ ] Remove the public exposure of the modem path, or treat it as customer-facing "
            "sending (scenario B or C)."
        )
    if v.dormant:
        out.append(
            "- [ ] Ask whether the dormant (commented-out / disabled) sending code will be switched "
            "on; if so, it changes the verdict."
        )
    return out


def render(report: Report) -> str:
    v = report.verdict
    r = report.result
    out = [
        f"# SMS licensing review: {_code(r.root)}",
        "",
        f"Generated by {TOOL_NAME} {__version__}. A static scan of the code: it shows how the code "
        "sends SMS, not how it is operated. Not legal advice.",
        "",
    ]
    out += _verdict_section(v)
    out += _licence_section(v)
    out += _inventory_section(report)
    out += _exposure_section(v)
    out += _evidence_list(
        "Test-only evidence (not counted)",
        "Found in tests, examples, mocks, simulators, loopback connections or SMSC servers. It "
        "does not make a scenario.",
        v.test_only,
    )
    out += _evidence_list(
        "Dormant evidence (not counted)",
        "Sending code that is commented out or switched off by configuration: a capability, "
        "not a live path.",
        v.dormant,
    )
    other = [n for n in v.notes if n != v.exposure_warning]
    if other:
        out += ["", "## Notes", ""] + [f"- {_cell(n)}" for n in other]
    out += _actions_section(v)
    out += [
        "",
        "## All findings",
        "",
        "| Location | Rule | Scenario | Message |",
        "|---|---|---|---|",
    ]
    for f in report.shown:
        flag = " (test-only)" if f.test_only else ""
        out.append(
            f"| {_code(f'{f.path}:{f.span.start_line}')} | {f.rule_id} | {f.scenario.value}{flag} | {_cell(f.message)} |"
        )
    problems = [n for n in r.notifications if n.level.value != "note"]
    if problems:
        out += ["", "## Files that could not be fully scanned", ""]
        out += [f"- {_code(n.path)}: {_cell(n.message)}" for n in problems]
    return printable("\n".join(out)) + "\n"  # scanned text may hold control characters
