"""Glue between the CLI and the project workflow features: configuration,
`--changed-since`, per-path overrides, suppression policy, baselines and the
declared-scenario policy. The engine stays unaware of all of it: `plan()`
turns options + config into engine inputs, `finish()` post-processes the
engine's result. Both are free of click.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from scanner.model import (
    Confidence,
    Evidence,
    Finding,
    Notification,
    NotificationLevel,
    Rule,
    ScanResult,
    Scenario,
    Severity,
    Suppression,
)
from scanner.policy import FailPolicy

if TYPE_CHECKING:  # imported lazily at run time: keeps `smsscan` startup small
    from scanner.baseline import Baseline
    from scanner.config import Config


class SetupError(Exception):
    """Configuration, baseline or git problem: exit 2 with a clear message."""

    def show(self) -> None:
        sys.stderr.write(f"smsscan: error: {self}\n")


class Plan(NamedTuple):
    """A scan command's inputs resolved: configuration, targets, root, policy and limits."""

    config: Config
    targets: tuple[str, ...]
    root: str
    max_file_size: int
    excludes: tuple[str, ...]
    enabled_rules: frozenset[str] | None
    policy: FailPolicy
    baseline: Baseline | None
    partial: bool  # not the whole root: explicit files, sub-paths, --changed-since
    category: str  # SARIF automationDetails.id to write ("" = none)


def plan(
    paths: Sequence[str],
    root: str | None,
    *,
    config_file: str | None = None,
    changed_since: str | None = None,
    baseline: str | None = None,
    fail_on: Sequence[str] = (),
    exit_zero: bool = False,
    exclude: Sequence[str] = (),
    max_file_size: str | None = None,
    category: str = "",
    use_baseline: bool = True,
) -> Plan:
    from scanner import config as cf
    from scanner.github import category_id
    from scanner.policy import DeclaredPolicy

    targets = list(paths) or ["."]
    if root is None:
        root = targets[0] if len(targets) == 1 and os.path.isdir(targets[0]) else "."
    try:
        cfg = cf.load(root, config_file)
        cfg = cf.with_cli(
            cfg,
            fail_on=tuple(fail_on) or None,
            exit_zero=exit_zero or None,
            exclude=(*cfg.exclude, *exclude) if exclude else None,
            max_file_size=max_file_size,
            baseline=baseline,
        )
        declared = DeclaredPolicy.build(cfg.declared, cfg.licences, cfg.source("declared"))
        policy = FailPolicy.parse(
            cfg.fail_on,
            exit_zero=cfg.exit_zero,
            declared=declared,
            option="--fail-on" if cfg.source("fail_on") == "command line" else "'fail-on'",
        )
        enabled = cf.enabled_rules(cfg)
        cf.check_overrides(cfg)
    except ValueError as exc:  # ConfigError and FailPolicy/DeclaredPolicy errors
        raise SetupError(str(exc)) from exc
    size = cf.parse_size(cfg.max_file_size)
    patterns = cf.path_patterns(cfg)
    full = len(targets) == 1 and os.path.realpath(targets[0]) == os.path.realpath(root)
    if changed_since:
        from scanner.changed import GitError, changed_files

        try:
            targets = changed_files(root, changed_since)
        except GitError as exc:
            raise SetupError(str(exc)) from exc
        full = False
    targets = _drop_excluded_files(targets, root, patterns)
    loaded = None
    if use_baseline and cfg.baseline:
        from scanner.baseline import BaselineError, load

        path = cfg.baseline
        if cfg.source("baseline") != "command line" and cfg.root:
            path = os.path.join(cfg.root, path)
        try:
            loaded = load(path)
        except BaselineError as exc:
            raise SetupError(str(exc)) from exc
    return Plan(
        config=cfg,
        targets=tuple(targets),
        root=root,
        max_file_size=size,
        excludes=patterns,
        enabled_rules=enabled,
        policy=policy,
        baseline=loaded,
        partial=not full,
        category=category_id(category, partial=not full),
    )


def _drop_excluded_files(targets: Sequence[str], root: str, patterns: Sequence[str]) -> list[str]:
    """Config include/exclude apply to explicitly named files too (pre-commit passes files)."""
    if not patterns:
        return list(targets)
    from scanner.walk import gitignore_spec

    spec = gitignore_spec(patterns)  # the same matcher as the walk's excludes
    real_root = os.path.realpath(root)
    out = []
    for t in targets:
        if os.path.isfile(t):
            rel = os.path.relpath(os.path.realpath(t), real_root).replace(os.sep, "/")
            if not rel.startswith("../") and spec.match_file(rel):
                continue
        out.append(t)
    return out


def finish(result: ScanResult, plan: Plan) -> ScanResult:
    """Apply rule selection to meta findings, the reason policy, per-path
    overrides and the baseline; make sure every reported rule is described."""
    cfg = plan.config
    findings = list(result.findings)
    if plan.enabled_rules is not None:
        findings = [f for f in findings if f.rule_id in plan.enabled_rules]
    if not cfg.report_unused_suppressions:
        from scanner.suppress_rules import UNUSED_SUPPRESSION

        findings = [f for f in findings if f.rule_id != UNUSED_SUPPRESSION]
    if cfg.require_reason:
        findings = _require_reasons(findings, cfg)
    if cfg.overrides:
        findings = _overrides(findings, cfg)
    notes = list(result.notifications)
    if plan.baseline is not None:
        from scanner.baseline import apply

        findings, absent = apply(findings, plan.baseline)
        if absent and not plan.partial:
            notes.append(
                Notification(
                    ".",
                    "baseline-absent",
                    f"{absent} baseline entr{'y is' if absent == 1 else 'ies are'} no longer found "
                    "(fixed or changed); refresh it with `smsscan baseline create`",
                    NotificationLevel.NOTE,
                )
            )
    return result._replace(
        findings=tuple(sorted(findings, key=lambda f: f.sort_key)),
        notifications=tuple(sorted(set(notes))),
        rules=_with_meta_rules(result.rules, findings),
    )


def _require_reasons(findings: list[Finding], cfg: Config) -> list[Finding]:
    from scanner.fingerprint import content_key
    from scanner.suppress_rules import SUPPRESSION_WITHOUT_REASON

    out: list[Finding] = []
    for f in findings:
        s = f.suppression
        if s is None or s.kind != "inSource" or s.justification.strip():
            out.append(f)
            continue
        out.append(replace(f, suppression=None))
        out.append(
            Finding(
                rule_id=SUPPRESSION_WITHOUT_REASON,
                path=f.path,
                span=f.span,
                message=(
                    f"the suppression of {f.rule_id} here gives no reason, so it is ignored "
                    f"(require-reason = true in {cfg.source('require_reason')})"
                ),
                snippet=f.snippet,
                scenario=Scenario.NONE,
                severity=Severity.INFO,
                confidence=Confidence.HIGH,
                evidence=Evidence.VERDICT,
                fingerprint=content_key(SUPPRESSION_WITHOUT_REASON, f.path, f.fingerprint, 0),
                line_hash=f.line_hash,
                test_only=f.test_only,
            )
        )
    return out


def _overrides(findings: list[Finding], cfg: Config) -> list[Finding]:
    from scanner.config import resolve_rules
    from scanner.walk import gitignore_spec

    compiled = []
    for i, o in enumerate(cfg.overrides):
        where = f"{cfg.source('overrides')} overrides[{i}]"
        rules = resolve_rules(o.disable, where, "disable")
        reason = o.reason or f"disabled for {', '.join(o.paths)} by {where}"
        compiled.append((gitignore_spec(o.paths), rules, reason))
    out = []
    for f in findings:
        if f.suppression is None:
            for spec, rules, reason in compiled:
                if f.rule_id in rules and spec.match_file(f.path):
                    f = replace(f, suppression=Suppression("external", reason))
                    break
        out.append(f)
    return out


def _with_meta_rules(rules: tuple[Rule, ...], findings: Sequence[Finding]) -> tuple[Rule, ...]:
    have = {r.id for r in rules}
    missing = {f.rule_id for f in findings} - have
    if not missing:
        return rules
    from scanner.meta_rules import META_RULES

    extra = [r for r in META_RULES if r.id in missing]
    return tuple(sorted((*rules, *extra), key=lambda r: r.id))


def verdict_message(plan: Plan, verdict: object) -> tuple[bool, list[str]]:
    """For `smsscan verdict`: (passed, lines). Fails when the inferred
    scenarios go beyond the declared policy."""
    from scanner.infer import LICENCE_SUMMARY, Verdict

    assert isinstance(verdict, Verdict)
    declared = plan.policy.declared
    found = verdict.scenarios
    lines = [
        f"Verdict: scenario {' + '.join(found)} (primary {verdict.primary})."
        if found
        else "Verdict: no SMS-sending scenario found."
    ]
    beyond = declared.beyond(found)
    if not beyond:
        if declared.active:
            lines.append(f"PASSED: the code stays within the policy ({declared.describe()}).")
        else:
            lines.append("PASSED: no SMS-sending scenario found and none declared.")
        return True, lines
    where = plan.config.path or "pyproject.toml [tool.smsscan.policy]"
    wanted = sorted(set(declared.scenarios) | set(beyond))
    for scen in beyond:
        lines.append("")
        lines.append(f"Scenario {scen}: {LICENCE_SUMMARY[scen]}")
        for r in [r for r in verdict.reasons if r.scenario == scen][:5]:
            lines.append(f"  {r.path}:{r.line}: {r.message} [{r.rule_id}]")
    lines.append("")
    if declared.active:
        head = f"FAILED: the code implements scenario {', '.join(beyond)}, beyond the policy ({declared.describe()}) in {where}."
    else:
        head = f"FAILED: the code implements scenario {', '.join(beyond)}, and no scenario is declared."
    lines.append(head)
    lines.append(
        "  Fix: remove or suppress that code path (`smsscan: ignore[RULE] reason`), or, if it is "
        f"intended, declare it: [tool.smsscan.policy] declared = {_toml_list(wanted)}"
        + (' (or licences = ["SP-cross-regional"] for an SP licence)' if "C" in beyond else "")
        + "."
    )
    return False, lines


def _toml_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(f'"{i}"' for i in items) + "]"
