"""Scenario inference: findings -> verdict.

This is the first, simple rule: every finding that is not test-only and not
suppressed contributes its scenario. The verdict object is what every
reporter prints; `to_dict()` is its stable JSON form.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scanner.model import Finding, Scenario

LICENCE_SUMMARY = {
    "C": "Direct carrier connection: a B25 SP licence (value-added telecom, SMS) is required.",
    "B": "Licensed third-party SMS platform: no SP licence; contract, lawful use and PIPL duties apply.",
    "A": "Internal testing on own SIM cards / modems: no licence while it stays internal.",
    "none": "No SMS-sending path found: no SMS licence question arises.",
}


@dataclass(frozen=True)
class Reason:
    scenario: str
    rule_id: str
    path: str
    line: int
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "rule_id": self.rule_id,
            "path": self.path,
            "line": self.line,
            "message": self.message,
        }


@dataclass(frozen=True)
class Verdict:
    scenarios: tuple[str, ...]  # sorted subset of "A", "B", "C"
    primary: str  # "C" > "B" > "A" > "none"
    reasons: tuple[Reason, ...]
    test_only: tuple[Reason, ...] = ()

    @property
    def summary(self) -> str:
        return LICENCE_SUMMARY[self.primary]

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenarios": list(self.scenarios),
            "primary": self.primary,
            "summary": self.summary,
            "reasons": [r.to_dict() for r in self.reasons],
            "test_only": [r.to_dict() for r in self.test_only],
        }


def _reason(f: Finding) -> Reason:
    return Reason(f.scenario.value, f.rule_id, f.path, f.span.start_line, f.message)


def infer(findings: Sequence[Finding]) -> Verdict:
    live = [f for f in findings if f.suppression is None]
    counted = [f for f in live if not f.test_only and f.scenario is not Scenario.NONE]
    scenarios = sorted({f.scenario.value for f in counted})
    primary = max(scenarios, key=lambda s: Scenario(s).rank) if scenarios else "none"
    strongest = sorted(
        counted,
        key=lambda f: (-f.scenario.rank, -f.evidence.strength, -f.confidence.rank, f.sort_key),
    )
    test_only = [f for f in live if f.test_only and f.scenario is not Scenario.NONE]
    return Verdict(
        tuple(scenarios),
        primary,
        tuple(_reason(f) for f in strongest),
        tuple(_reason(f) for f in test_only),
    )
