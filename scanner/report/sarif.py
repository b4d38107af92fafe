"""SARIF 2.1.0 for GitHub code scanning, built with sarif-om.

sarif-om's serialiser drops every property equal to its schema default (for
example `level: "warning"`); `_restore_defaults` puts back the ones GitHub and
humans rely on, and the log is re-dumped with sorted keys so output is
byte-stable. Suppressed findings are left out unless asked for, because GitHub
ignores SARIF suppressions and would open them as alerts.
"""

from __future__ import annotations

import json
from typing import Any

from scanner import INFORMATION_URI, TOOL_NAME, __version__, json_text
from scanner.model import Finding, Notification, NotificationLevel, Rule, Severity
from scanner.report import Report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "smsscan/v1"
MAX_RESULTS = 25_000

LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "2.0",
}


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "。")) else text + "."


def rule_descriptor(rule: Rule) -> Any:
    import sarif_om as s

    props: dict[str, Any] = {
        "tags": list(dict.fromkeys(("security", f"scenario-{rule.scenario.value}", *rule.tags)))[
            :10
        ],
        "precision": rule.precision.value,
        "scenario": rule.scenario.value,
        "evidence": rule.evidence.value,
    }
    if rule.severity in SECURITY_SEVERITY:
        props["security-severity"] = SECURITY_SEVERITY[rule.severity]
    else:
        props["problem.severity"] = "recommendation"
    return s.ReportingDescriptor(
        id=rule.id,
        name=rule.name,
        short_description=s.MultiformatMessageString(text=_sentence(rule.short_description)[:1024]),
        full_description=s.MultiformatMessageString(text=_sentence(rule.full_description)[:1024]),
        help=s.MultiformatMessageString(
            text=_plain(rule.help_markdown), markdown=rule.help_markdown
        ),
        help_uri=rule.help_uri,
        default_configuration=s.ReportingConfiguration(level=LEVEL[rule.severity]),
        deprecated_ids=list(rule.deprecated_ids) or None,
        properties=props,
    )


def _plain(markdown: str) -> str:
    return markdown.replace("`", "").replace("**", "").strip() or "See the rule documentation."


def _location(path: str, finding: Finding | None = None) -> Any:
    import sarif_om as s

    region = None
    if finding is not None:
        sp = finding.span
        region = s.Region(
            start_line=sp.start_line,
            start_column=sp.start_column,
            end_line=sp.end_line,
            end_column=max(sp.end_column, 1)
            if sp.end_line > sp.start_line
            else max(sp.end_column, sp.start_column),
            snippet=s.ArtifactContent(text=finding.snippet) if finding.snippet else None,
        )
    return s.Location(
        physical_location=s.PhysicalLocation(
            artifact_location=s.ArtifactLocation(uri=_uri(path), uri_base_id="%SRCROOT%"),
            region=region,
        )
    )


def _uri(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/-._~")


def result_for(finding: Finding, index: int) -> Any:
    import sarif_om as s

    fps = {FINGERPRINT_KEY: finding.fingerprint}
    if finding.line_hash:
        fps["primaryLocationLineHash"] = finding.line_hash
    props: dict[str, Any] = {
        "scenario": finding.scenario.value,
        "confidence": finding.confidence.value,
        "evidence": finding.evidence.value,
        "testOnly": finding.test_only,
    }
    if finding.attributes:
        props["attributes"] = dict(finding.attributes)
    suppressions = None
    if finding.suppression is not None:
        suppressions = [
            s.Suppression(  # sarif-om predates `status`; github.finalize_run adds it
                kind=finding.suppression.kind,
                justification=finding.suppression.justification or None,
            )
        ]
    elif finding.baseline_state == "unchanged":
        suppressions = [s.Suppression(kind="external", justification="known in the baseline")]
    return s.Result(
        rule_id=finding.rule_id,
        rule_index=index,
        level=LEVEL[finding.severity],
        message=s.Message(text=_sentence(finding.message)),
        locations=[_location(finding.path, finding)],
        partial_fingerprints=fps,
        suppressions=suppressions,
        baseline_state=finding.baseline_state,
        properties=props,
    )


def notification_for(n: Notification) -> Any:
    import sarif_om as s

    return s.Notification(
        descriptor=s.ReportingDescriptorReference(id=n.code),
        level=n.level.value,
        message=s.Message(text=_sentence(f"{n.path}: {n.message}")),
        locations=[_location(n.path)] if n.path not in ("", ".") else None,
    )


def to_dict(report: Report) -> dict[str, Any]:
    import sarif_om as s
    from jschema_to_python.to_json import to_json

    result = report.result
    rules = list(result.rules) + list(_extra_rules(report))
    index = {r.id: i for i, r in enumerate(rules)}
    shown = [f for f in report.shown if f.rule_id in index]
    notes = list(result.notifications)
    truncated = len(shown) > MAX_RESULTS
    if truncated:
        shown = sorted(shown, key=lambda f: (-f.severity.rank, f.sort_key))[:MAX_RESULTS]
        shown.sort(key=lambda f: f.sort_key)
        notes.append(
            Notification(
                ".",
                "results-truncated",
                f"{len(report.shown)} results exceed GitHub's {MAX_RESULTS} per run; the most severe {MAX_RESULTS} are kept",
                NotificationLevel.WARNING,
            )
        )
    failed = any(n.level is NotificationLevel.ERROR for n in notes)
    invocation = s.Invocation(
        execution_successful=not failed,
        tool_execution_notifications=[notification_for(n) for n in notes] or None,
    )
    run = s.Run(
        tool=s.Tool(
            driver=s.ToolComponent(
                name=TOOL_NAME,
                version=__version__,
                semantic_version=__version__,
                information_uri=INFORMATION_URI,
                rules=[rule_descriptor(r) for r in rules],
            )
        ),
        invocations=[invocation],
        results=[result_for(f, index[f.rule_id]) for f in shown],
        column_kind="unicodeCodePoints",
        automation_details=s.RunAutomationDetails(id=report.category) if report.category else None,
        properties={"verdict": report.verdict.to_dict()},
    )
    log = s.SarifLog(version="2.1.0", schema_uri=SCHEMA_URI, runs=[run])
    data: dict[str, Any] = json.loads(to_json(log))
    from scanner.report.sarif_verdict import results as verdict_results

    data["runs"][0].setdefault("results", []).extend(verdict_results(report, index))
    _restore_defaults(data, [r.severity for r in rules])
    from scanner.github import finalize_run

    finalize_run(
        data["runs"][0],
        declared=report.declared,
        include_suppressed=report.include_suppressed,
        baseline=any(f.baseline_state for f in report.result.findings),
    )
    return data


def _extra_rules(report: Report) -> tuple[Rule, ...]:
    """Rules the reporter adds beyond the detectors' (e.g. verdict results)."""
    from scanner.report.sarif_verdict import extra_rules

    return extra_rules(report)


def _restore_defaults(data: dict[str, Any], severities: list[Severity]) -> None:
    run = data["runs"][0]
    run.setdefault("results", [])
    for desc, sev in zip(run["tool"]["driver"]["rules"], severities, strict=False):
        desc["defaultConfiguration"] = {"level": LEVEL[sev]}
    for res in run["results"]:
        res.setdefault("level", "warning")
    for inv in run.get("invocations", []):
        inv.setdefault("executionSuccessful", True)
    data.setdefault("$schema", SCHEMA_URI)


def render(report: Report) -> str:
    return json_text.dumps(to_dict(report)) + "\n"
