"""Reporters: pure functions from typed scan data to text.

Each module exposes `render(report: Report) -> str`. Output is sorted and
byte-stable: the same scan gives the same bytes.
"""

from __future__ import annotations

from typing import NamedTuple

from scanner.infer import Verdict
from scanner.model import Finding, ScanResult


class Report(NamedTuple):
    """Everything a reporter renders: the scan result, the verdict and the run's outcome."""

    result: ScanResult
    verdict: Verdict
    category: str = ""  # SARIF automationDetails.id
    include_suppressed: bool = False
    failing: tuple[Finding, ...] = ()  # findings at/above the failure threshold
    outcome: str = ""  # one line: why the run passed or failed
    color: bool = False
    explain: bool = False
    declared: frozenset[str] = frozenset()  # scenarios the policy declares: notes, not failures

    @property
    def shown(self) -> tuple[Finding, ...]:
        """Findings to print: suppressed and baseline-known ones only on request."""
        if self.include_suppressed:
            return self.result.findings
        return tuple(
            f
            for f in self.result.findings
            if f.suppression is None and f.baseline_state != "unchanged"
        )
