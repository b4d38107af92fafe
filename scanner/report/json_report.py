"""JSON output (documented in docs/json-format.md). Keys are sorted."""

from __future__ import annotations

from typing import Any

from scanner import TOOL_NAME, __version__, json_text
from scanner.model import Finding, Notification
from scanner.report import Report

FORMAT_VERSION = 1


def finding_dict(f: Finding) -> dict[str, Any]:
    d: dict[str, Any] = {
        "rule_id": f.rule_id,
        "path": f.path,
        "start_line": f.span.start_line,
        "start_column": f.span.start_column,
        "end_line": f.span.end_line,
        "end_column": f.span.end_column,
        "message": f.message,
        "snippet": f.snippet,
        "scenario": f.scenario.value,
        "severity": f.severity.value,
        "confidence": f.confidence.value,
        "evidence": f.evidence.value,
        "fingerprint": f.fingerprint,
        "test_only": f.test_only,
        "attributes": dict(f.attributes),
    }
    if f.suppression is not None:
        d["suppression"] = {
            "kind": f.suppression.kind,
            "justification": f.suppression.justification,
        }
    if f.baseline_state is not None:
        d["baseline_state"] = f.baseline_state
    return d


def notification_dict(n: Notification) -> dict[str, Any]:
    return {"path": n.path, "code": n.code, "level": n.level.value, "message": n.message}


def to_dict(report: Report) -> dict[str, Any]:
    r = report.result
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": TOOL_NAME, "version": __version__},
        "root": r.root,
        "verdict": report.verdict.to_dict(),
        "findings": [finding_dict(f) for f in report.shown],
        "notifications": [notification_dict(n) for n in r.notifications],
        "stats": {
            "files_scanned": r.stats.scanned,
            "files_skipped": r.stats.skipped,
            "bytes_read": r.stats.bytes_read,
        },
        "outcome": report.outcome,
    }


def render(report: Report) -> str:
    return json_text.dumps(to_dict(report)) + "\n"
