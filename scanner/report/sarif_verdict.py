"""Repository-level SARIF results: one per implemented scenario (SMS9001-SMS9003).

Each is anchored at the strongest evidence of its scenario (GitHub requires a
physical location with a region). The message states the scenario and its
licence consequence in the first sentence, because GitHub shows only that.
"""

from __future__ import annotations

from typing import Any

from scanner.fingerprint import content_key
from scanner.infer import Reason, Verdict, top_reasons
from scanner.licences import LICENCES
from scanner.model import Rule
from scanner.report import Report
from scanner.verdict_rules import SCENARIO_RULE_IDS, VERDICT_RULES

LEVELS = {"A": "note", "B": "warning", "C": "error"}


def extra_rules(report: Report) -> tuple[Rule, ...]:
    return VERDICT_RULES


def message(verdict: Verdict, scenario: str) -> str:
    lic = LICENCES[scenario]
    top = top_reasons(verdict.reasons_for(scenario))
    first = (
        f"This codebase implements scenario {scenario} ({lic.short}): "
        f"{lic.licence[0].lower()}{lic.licence[1:]}"
    )
    parts = [first, f"Confidence: {verdict.confidence_of(scenario)}."]
    if top:
        ev = "; ".join(f"{r.path}:{r.line} {r.message} [{r.rule_id}]" for r in top)
        parts.append(f"Strongest evidence: {ev}.")
    if scenario == "A" and verdict.exposure_warning:
        parts.append(f"Warning: {verdict.exposure_warning}")
    if verdict.library is not None:
        parts.append(
            f"This repository is the SMS library {verdict.library.name}: the scenario is what it "
            "enables."
        )
    parts.append("Run `smsscan scan --explain` for the decision trace.")
    return " ".join(parts)


def _region(r: Reason) -> dict[str, Any]:
    if r.span is None:
        return {
            "startLine": max(r.line, 1),
            "startColumn": 1,
            "endLine": max(r.line, 1),
            "endColumn": 1,
        }
    sp = r.span
    end_col = sp.end_column if sp.end_line > sp.start_line else max(sp.end_column, sp.start_column)
    region: dict[str, Any] = {
        "startLine": sp.start_line,
        "startColumn": sp.start_column,
        "endLine": sp.end_line,
        "endColumn": max(end_col, 1),
    }
    if r.snippet:
        region["snippet"] = {"text": r.snippet}
    return region


def _fingerprints(rule_id: str, scenario: str, anchor: Reason) -> dict[str, str]:
    fps = {"smsscan/v1": content_key(rule_id, ".", f"scenario-{scenario}", 0)}
    if anchor.line_hash:
        fps["primaryLocationLineHash"] = anchor.line_hash
    return fps


def results(report: Report, index: dict[str, int]) -> list[dict[str, Any]]:
    """Plain SARIF result objects, strictest scenario first."""
    from urllib.parse import quote

    v = report.verdict
    out: list[dict[str, Any]] = []
    for s in v.ordered:
        reasons = v.reasons_for(s)
        if not reasons:
            continue
        anchor = reasons[0]
        rid = SCENARIO_RULE_IDS[s]
        level = LEVELS[s]
        if s == "A" and v.exposure_warning:
            level = "warning"
        out.append(
            {
                "ruleId": rid,
                "ruleIndex": index[rid],
                "kind": "fail",
                "level": level,
                "message": {"text": message(v, s)},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {
                                "uri": quote(anchor.path, safe="/-._~"),
                                "uriBaseId": "%SRCROOT%",
                            },
                            "region": _region(anchor),
                        }
                    }
                ],
                "partialFingerprints": _fingerprints(rid, s, anchor),
                "properties": {
                    "scenario": s,
                    "confidence": v.confidence_of(s),
                    "evidence": "verdict",
                    "repositoryLevel": True,
                    "licenceRequired": LICENCES[s].required,
                },
            }
        )
    return out
