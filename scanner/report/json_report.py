"""JSON output (documented in docs/json-format.md). Keys are sorted."""

from __future__ import annotations

from json.encoder import encode_basestring as _str
from typing import Any

from scanner import TOOL_NAME, __version__, json_text
from scanner.infer import Reason
from scanner.model import Finding, Notification
from scanner.report import Report

FORMAT_VERSION = 1
FINDINGS_DEPTH = 2  # where `to_dict` places each finding: document > "findings" > finding
REASONS_DEPTH = 3  # and each reason: document > "verdict" > "reasons" (...) > reason


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


def finding_text(f: Finding, depth: int) -> json_text.Raw:
    """`finding_dict(f)` as `json_text` writes it at `depth`, from a template: a report
    of a large tree holds thousands of findings, and this runs after the scan, on one
    core (a test checks it against `json_text` on generated findings)."""
    pad = "\n" + " " * (json_text.INDENT * (depth + 1))  # the keys' line start
    end = "\n" + " " * (json_text.INDENT * depth)  # the closing brace's
    attributes = dict(f.attributes)
    if attributes:
        deeper = pad + " " * json_text.INDENT
        attrs = (
            "{"
            + ",".join(f"{deeper}{_str(k)}: {_str(attributes[k])}" for k in sorted(attributes))
            + pad
            + "}"
        )
    else:
        attrs = "{}"
    span = f.span
    baseline = (
        f'{pad}"baseline_state": {_str(f.baseline_state)},' if f.baseline_state is not None else ""
    )
    suppression = ""
    if f.suppression is not None:
        deeper = pad + " " * json_text.INDENT
        suppression = (
            f'{pad}"suppression": {{{deeper}"justification": {_str(f.suppression.justification)},'
            f'{deeper}"kind": {_str(f.suppression.kind)}{pad}}},'
        )
    return json_text.Raw(
        f'{{{pad}"attributes": {attrs},{baseline}'
        f'{pad}"confidence": {_str(f.confidence.value)},'
        f'{pad}"end_column": {span.end_column:d},'
        f'{pad}"end_line": {span.end_line:d},'
        f'{pad}"evidence": {_str(f.evidence.value)},'
        f'{pad}"fingerprint": {_str(f.fingerprint)},'
        f'{pad}"message": {_str(f.message)},'
        f'{pad}"path": {_str(f.path)},'
        f'{pad}"rule_id": {_str(f.rule_id)},'
        f'{pad}"scenario": {_str(f.scenario.value)},'
        f'{pad}"severity": {_str(f.severity.value)},'
        f'{pad}"snippet": {_str(f.snippet)},'
        f'{pad}"start_column": {span.start_column:d},'
        f'{pad}"start_line": {span.start_line:d},{suppression}'
        f'{pad}"test_only": {"true" if f.test_only else "false"}{end}}}'
    )


def reason_text(r: Reason, depth: int) -> json_text.Raw:
    """`r.to_dict()` as `json_text` writes it at `depth`, from a template (a large tree's
    verdict lists thousands of reasons; a test checks it against `json_text`)."""
    pad = "\n" + " " * (json_text.INDENT * (depth + 1))
    end = "\n" + " " * (json_text.INDENT * depth)
    exposure = f'{pad}"exposure": {_str(r.exposure)},' if r.exposure else ""
    return json_text.Raw(
        f'{{{pad}"confidence": {_str(r.confidence)},'
        f'{pad}"evidence": {_str(r.evidence)},{exposure}'
        f'{pad}"line": {r.line:d},'
        f'{pad}"message": {_str(r.message)},'
        f'{pad}"path": {_str(r.path)},'
        f'{pad}"row": {_str(r.row)},'
        f'{pad}"rule_id": {_str(r.rule_id)},'
        f'{pad}"scenario": {_str(r.scenario)}{end}}}'
    )


def _reason_at_depth(r: Reason) -> json_text.Raw:
    return reason_text(r, REASONS_DEPTH)


def notification_dict(n: Notification) -> dict[str, Any]:
    return {"path": n.path, "code": n.code, "level": n.level.value, "message": n.message}


def to_dict(report: Report) -> dict[str, Any]:
    r = report.result
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": TOOL_NAME, "version": __version__},
        "root": r.root,
        "verdict": report.verdict.to_dict(reason=_reason_at_depth),
        "findings": [finding_text(f, FINDINGS_DEPTH) for f in report.shown],
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
