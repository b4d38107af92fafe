"""Typed data shared by every stage: rules, findings, notifications, scan results.

Everything here is immutable. Stages pass these values along; nothing mutates a
finding after the engine created it. A finding is a frozen dataclass; the other records
are named tuples: every run (a pre-commit hook's too) defines these classes, and a named
tuple class is built without generating and compiling methods (about 5 M instructions
less per class).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple


class Scenario(str, enum.Enum):
    """The licensing scenario a piece of evidence points to."""

    A = "A"  # internal testing on own SIM cards / GSM modems: no licence
    B = "B"  # licensed third-party SMS platform API: no SP licence
    C = "C"  # direct carrier connection (SMPP/CMPP/SGIP/SMGP): SP licence (B25)
    NONE = "none"  # context only (e.g. a credential, a simulator)

    @property
    def rank(self) -> int:
        return _SCENARIO_RANKS[self]


class Severity(str, enum.Enum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANKS[self]


class Confidence(str, enum.Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return _CONFIDENCE_RANKS[self]


class Precision(str, enum.Enum):
    """SARIF `properties.precision`: how often the rule is right when it fires."""

    VERY_HIGH = "very-high"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Evidence(str, enum.Enum):
    """What kind of evidence a finding is; the verdict weighs them differently."""

    CALL = "call"  # a call site / connection actually made
    ENDPOINT = "endpoint"  # host+port, URL or gateway config
    IMPORT = "import"  # an import / using / require of a library
    CONFIG = "config"  # a config key or file that configures a sending path
    NUMBER = "number"  # a 106 service number
    DEPENDENCY = "dependency"  # a manifest or lockfile entry
    CREDENTIAL = "credential"  # a provider credential (always redacted)
    PROTOCOL = "protocol"  # hand-rolled protocol code (command ids, PDU fields)
    EXPOSURE = "exposure"  # public exposure of the sending path
    VERDICT = "verdict"  # repository-level scenario result

    @property
    def strength(self) -> int:
        return _EVIDENCE_STRENGTHS[self]


# ranks and strengths by member (looked up often: sorting findings, weighing the verdict);
# one table per enum: members of different enums with the same value compare equal
_SCENARIO_RANKS: dict[Scenario, int] = {
    Scenario.NONE: 0,
    Scenario.A: 1,
    Scenario.B: 2,
    Scenario.C: 3,
}
_SEVERITY_RANKS: dict[Severity, int] = {
    Severity.INFO: 0,
    Severity.LOW: 1,
    Severity.MEDIUM: 2,
    Severity.HIGH: 3,
    Severity.CRITICAL: 4,
}
_CONFIDENCE_RANKS: dict[Confidence, int] = {
    Confidence.LOW: 1,
    Confidence.MEDIUM: 2,
    Confidence.HIGH: 3,
}
_EVIDENCE_STRENGTHS: dict[Evidence, int] = {
    Evidence.CALL: 5,
    Evidence.ENDPOINT: 5,
    Evidence.PROTOCOL: 4,
    Evidence.CONFIG: 3,
    Evidence.IMPORT: 3,
    Evidence.NUMBER: 2,
    Evidence.DEPENDENCY: 1,
    Evidence.CREDENTIAL: 1,
    Evidence.EXPOSURE: 1,
    Evidence.VERDICT: 0,
}


class Example(NamedTuple):
    """A code sample attached to a rule; the test suite runs every one.

    `path` names the file the sample would live in (it decides the language /
    config kind). For an invalid example (one that must fire), every line that
    carries an ``expect`` marker is checked against the findings of this rule;
    without markers, at least one finding of the rule is required.
    """

    code: str
    path: str
    note: str = ""
    # Generated key-shaped values inside `code`: masked in the rule docs so that
    # docs never carry credential-shaped strings (the test suite uses the code as is).
    doc_secrets: tuple[str, ...] = ()


class Rule(NamedTuple):
    """Metadata of one rule, declared beside the detector code that reports it."""

    id: str  # "SMS" + 4 digits; stable, never reused
    name: str  # PascalCase, differs from id
    short_description: str
    full_description: str
    help_markdown: str
    scenario: Scenario
    severity: Severity
    precision: Precision
    evidence: Evidence
    languages: tuple[str, ...]
    tags: tuple[str, ...] = ()
    valid: tuple[Example, ...] = ()  # must NOT fire
    invalid: tuple[Example, ...] = ()  # must fire
    deprecated_ids: tuple[str, ...] = ()

    @property
    def help_uri(self) -> str:
        from scanner import INFORMATION_URI

        return f"{INFORMATION_URI}/blob/main/docs/rules/{self.id}.md"


class Span(NamedTuple):
    """1-based lines and columns; end column is exclusive (SARIF convention).

    A named tuple rather than a frozen dataclass: the parsers make hundreds of
    thousands of them, and a tuple is built (and compared, in order) in C."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Finding:
    """One piece of evidence in one file: rule, place, message, scenario and identity."""

    rule_id: str
    path: str  # relative to the scan root, POSIX separators
    span: Span
    message: str
    snippet: str  # the matched line(s), secrets redacted
    scenario: Scenario
    severity: Severity
    confidence: Confidence
    evidence: Evidence
    fingerprint: str  # line-number-free identity, "smsscan/v1:<hex>"
    line_hash: str  # GitHub primaryLocationLineHash
    attributes: tuple[tuple[str, str], ...] = ()  # provider, protocol, host, role, ...
    test_only: bool = False
    suppression: Suppression | None = None
    baseline_state: str | None = None  # "new" / "unchanged" when a baseline is used

    def attr(self, key: str, default: str = "") -> str:
        """The value of an attribute (the first one of that key), else `default`."""
        return self._attribute_map.get(key, default)

    @cached_property
    def _attribute_map(self) -> dict[str, str]:
        # built once, on the first `attr` (the verdict asks each finding a dozen times)
        return dict(reversed(self.attributes))

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.span.start_line, self.span.start_column, self.rule_id, self.message)


class Suppression(NamedTuple):
    """Why a finding is suppressed: an inline directive or an external (configuration) exception."""

    kind: str  # "inSource" or "external"
    justification: str = ""


class NotificationLevel(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


class Notification(NamedTuple):
    """A problem with the scan itself: a skipped, unreadable or unparsable file (ordered
    by path, code, message, level)."""

    path: str
    code: str  # e.g. "skipped-binary", "decode-fallback", "parse-fallback"
    message: str
    level: NotificationLevel = NotificationLevel.WARNING


class FileStats(NamedTuple):
    """How many files a scan read, skipped, and the bytes it read."""

    scanned: int = 0
    skipped: int = 0
    bytes_read: int = 0


class ScanResult(NamedTuple):
    """Everything the engine produced; reporters are pure functions of this."""

    root: str  # absolute scan root (never printed in SARIF unless asked)
    findings: tuple[Finding, ...]
    notifications: tuple[Notification, ...]
    stats: FileStats
    rules: tuple[Rule, ...]
