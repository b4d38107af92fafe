"""Which findings fail the run (exit code 1), and the one-line outcome.

Two inputs decide it:

- the failure threshold (`--fail-on` / `fail-on`): severities and/or
  scenarios;
- the declared policy (`[tool.smsscan.policy]`): the scenarios the owner
  says the system implements (`declared = ["B"]`) or the licences they hold
  (`licences = ["SP-cross-regional"]`, which covers B and C). Findings whose
  scenario the declaration covers are notes and never fail; evidence of a
  scenario beyond it fails.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from scanner.model import Finding, Scenario, Severity

SEVERITY_NAMES = tuple(s.value for s in Severity)
SCENARIO_NAMES = ("A", "B", "C")

# Licence names (case-insensitive) -> the scenarios they make lawful. A value-added
# telecom licence for SMS (B25, "SP") covers direct carrier connections (C) and,
# a fortiori, sending through a licensed platform (B). Internal SIM-card / modem
# sending (A) is a different architecture and must be declared on its own.
LICENCES: dict[str, frozenset[str]] = {
    name: frozenset({"B", "C"})
    for name in (
        "sp",
        "b25",
        "sp-cross-regional",
        "sp-regional",
        "sp-provincial",
        "b25-cross-regional",
        "b25-provincial",
    )
}


class DeclaredPolicy(NamedTuple):
    """The scenarios the owner declares; empty = nothing declared."""

    scenarios: frozenset[str] = frozenset()
    licences: tuple[str, ...] = ()
    source: str = ""  # where it was declared, for messages

    @classmethod
    def build(
        cls, declared: Iterable[str], licences: Iterable[str], source: str = ""
    ) -> DeclaredPolicy:
        scen: set[str] = set()
        for d in declared:
            up = d.strip().upper()
            if up not in SCENARIO_NAMES:
                raise ValueError(f"declared: {d!r} is not a scenario (A, B, C)")
            scen.add(up)
        lic = tuple(licences)
        for name in lic:
            implied = LICENCES.get(name.strip().lower())
            if implied is None:
                known = ", ".join(sorted(LICENCES))
                raise ValueError(f"licences: unknown licence {name!r} (known: {known})")
            scen |= implied
        return cls(frozenset(scen), lic, source)

    @property
    def active(self) -> bool:
        return bool(self.scenarios) or bool(self.licences)

    def covers(self, f: Finding) -> bool:
        return f.scenario.value in self.scenarios

    def describe(self) -> str:
        if not self.active:
            return "no scenario declared"
        text = "declared " + "/".join(sorted(self.scenarios))
        if self.licences:
            text += f" (licences: {', '.join(self.licences)})"
        return text

    def beyond(self, scenarios: Iterable[str]) -> tuple[str, ...]:
        """Scenarios of a verdict that the declaration does not cover."""
        return tuple(
            sorted(s for s in scenarios if s in SCENARIO_NAMES and s not in self.scenarios)
        )


class FailPolicy(NamedTuple):
    """Which findings fail the run (exit code 1), from --fail-on / fail-on."""

    min_severity: Severity = Severity.LOW
    scenarios: frozenset[str] = frozenset()  # non-empty: only findings of these scenarios fail
    include_test_only: bool = False
    exit_zero: bool = False
    declared: DeclaredPolicy = DeclaredPolicy()

    @classmethod
    def parse(
        cls,
        values: Sequence[str],
        *,
        exit_zero: bool = False,
        declared: DeclaredPolicy | None = None,
        option: str = "--fail-on",
    ) -> FailPolicy:
        """`--fail-on` accepts severities (`high`) and scenarios (`C`), comma-separated or repeated."""
        severities: list[Severity] = []
        scenarios: set[str] = set()
        for raw in values:
            for item in raw.split(","):
                item = item.strip()
                if not item:
                    continue
                if item.upper() in SCENARIO_NAMES:
                    scenarios.add(item.upper())
                elif item.lower() in SEVERITY_NAMES:
                    severities.append(Severity(item.lower()))
                else:
                    raise ValueError(
                        f"{option}: {item!r} is neither a scenario (A, B, C) nor a severity ({', '.join(SEVERITY_NAMES)})"
                    )
        min_sev = (
            min(severities, key=lambda s: s.rank)
            if severities
            else (Severity.INFO if scenarios else Severity.LOW)
        )
        return cls(
            min_severity=min_sev,
            scenarios=frozenset(scenarios),
            exit_zero=exit_zero,
            declared=declared or DeclaredPolicy(),
        )

    def fails(self, f: Finding) -> bool:
        if f.suppression is not None or f.baseline_state == "unchanged":
            return False
        if f.test_only and not self.include_test_only:
            return False
        if self.declared.covers(f):
            return False
        if self.scenarios and f.scenario.value not in self.scenarios:
            return False
        if f.severity is Severity.INFO and not self.scenarios:
            return False
        return f.severity.rank >= self.min_severity.rank

    def failing(
        self, findings: Sequence[Finding], group_of: Callable[[Finding], str] | None = None
    ) -> tuple[Finding, ...]:
        """Findings that fail the run. `group_of` (the verdict's classification, given
        for whole-repository scans only) lets repository-level context demote a
        finding: evidence the verdict files under test-only or dormant never fails."""
        out = []
        for f in findings:
            if not self.fails(f):
                continue
            demoted = group_of is not None and group_of(f) in ("test_only", "dormant")
            if demoted and not self.include_test_only:
                continue
            out.append(f)
        return tuple(out)

    def covered(self, findings: Sequence[Finding]) -> tuple[Finding, ...]:
        """Live findings that the declared policy turns into notes."""
        return tuple(
            f
            for f in findings
            if f.suppression is None and f.baseline_state != "unchanged" and self.declared.covers(f)
        )

    def describe(self) -> str:
        parts = []
        if self.scenarios:
            parts.append("scenario " + "/".join(sorted(self.scenarios)))
        parts.append(f"severity >= {self.min_severity.value}")
        return " and ".join(parts)


def outcome_line(
    policy: FailPolicy,
    failing: Sequence[Finding],
    total: int,
    *,
    findings: Sequence[Finding] = (),
) -> str:
    """One line: why the run passed or failed. `findings` (all of them) adds the
    declared-policy and baseline counts."""
    extras = []
    covered = policy.covered(findings)
    if policy.declared.active:
        extras.append(
            f"{len(covered)} covered by the policy ({policy.declared.describe()})"
            if covered
            else f"policy: {policy.declared.describe()}"
        )
    known = sum(1 for f in findings if f.baseline_state == "unchanged")
    if known:
        extras.append(f"{known} known in the baseline")
    tail = f"; {'; '.join(extras)}" if extras else ""
    if failing:
        scen = sorted({f.scenario.value for f in failing if f.scenario is not Scenario.NONE})
        extra = f" (scenario {', '.join(scen)})" if scen else ""
        if scen and policy.declared.active:
            extra += f", beyond the {policy.declared.describe()} policy"
        note = "; --exit-zero is set, so exit 0" if policy.exit_zero else ""
        return f"FAILED: {len(failing)} of {total} finding(s) at or above the threshold ({policy.describe()}){extra}{tail}{note}."
    if total:
        return f"PASSED: {total} finding(s), none at or above the threshold ({policy.describe()}){tail}."
    return f"PASSED: no findings{tail}."
