"""Which findings fail the run (exit code 1), and the one-line outcome."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scanner.model import Finding, Scenario, Severity

SEVERITY_NAMES = tuple(s.value for s in Severity)
SCENARIO_NAMES = ("A", "B", "C")


@dataclass(frozen=True)
class FailPolicy:
    min_severity: Severity = Severity.LOW
    scenarios: frozenset[str] = frozenset()  # non-empty: only findings of these scenarios fail
    include_test_only: bool = False
    exit_zero: bool = False

    @classmethod
    def parse(cls, values: Sequence[str], *, exit_zero: bool = False) -> FailPolicy:
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
                        f"--fail-on: {item!r} is neither a scenario (A, B, C) nor a severity ({', '.join(SEVERITY_NAMES)})"
                    )
        min_sev = (
            min(severities, key=lambda s: s.rank)
            if severities
            else (Severity.INFO if scenarios else Severity.LOW)
        )
        return cls(min_severity=min_sev, scenarios=frozenset(scenarios), exit_zero=exit_zero)

    def fails(self, f: Finding) -> bool:
        if f.suppression is not None or f.baseline_state == "unchanged":
            return False
        if f.test_only and not self.include_test_only:
            return False
        if self.scenarios and f.scenario.value not in self.scenarios:
            return False
        if f.severity is Severity.INFO and not self.scenarios:
            return False
        return f.severity.rank >= self.min_severity.rank

    def failing(self, findings: Sequence[Finding]) -> tuple[Finding, ...]:
        return tuple(f for f in findings if self.fails(f))

    def describe(self) -> str:
        parts = []
        if self.scenarios:
            parts.append("scenario " + "/".join(sorted(self.scenarios)))
        parts.append(f"severity >= {self.min_severity.value}")
        return " and ".join(parts)


def outcome_line(policy: FailPolicy, failing: Sequence[Finding], total: int) -> str:
    if failing:
        scen = sorted({f.scenario.value for f in failing if f.scenario is not Scenario.NONE})
        extra = f" (scenario {', '.join(scen)})" if scen else ""
        note = "; --exit-zero is set, so exit 0" if policy.exit_zero else ""
        return f"FAILED: {len(failing)} of {total} finding(s) at or above the threshold ({policy.describe()}){extra}{note}."
    if total:
        return f"PASSED: {total} finding(s), none at or above the threshold ({policy.describe()})."
    return "PASSED: no findings."
