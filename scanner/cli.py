"""Command line: `smsscan scan | rules | explain`.

Exit codes: 0 = nothing at or above the failure threshold, 1 = findings that
fail the threshold, 2 = usage, configuration or tool error (never 1).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from typing import Any

import click

from scanner import TOOL_NAME, __version__, lazy_re

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

_SIZE = lazy_re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?i?b?)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(text: str) -> int:
    m = _SIZE.match(text)
    if not m:
        raise click.BadParameter(f"{text!r} is not a size (examples: 500000, 512k, 4MB, 1GiB)")
    unit = (m.group(2) or "").lower()[:1]
    return int(float(m.group(1)) * _UNITS[unit])


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo(f"{TOOL_NAME}: interrupted", err=True)
            sys.exit(EXIT_ERROR)
        except Exception as exc:  # a crash is a tool error (2), never "findings" (1)
            if os.environ.get("SMSSCAN_DEBUG"):
                raise
            click.echo(f"{TOOL_NAME}: internal error: {type(exc).__name__}: {exc}", err=True)
            click.echo("Set SMSSCAN_DEBUG=1 for a traceback.", err=True)
            sys.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name=TOOL_NAME, message="%(prog)s %(version)s")
def main() -> None:
    """Find how a codebase sends SMS and which licensing scenario it implements.

    \b
    Scenario A: own SIM cards / GSM modems, internal testing (no licence)
    Scenario B: licensed third-party SMS platform API (no SP licence)
    Scenario C: direct carrier connection over SMPP/CMPP/SGIP/SMGP (SP licence)
    """


def _write(dest: str, text: str) -> None:
    if dest == "-":
        # the report is coloured only when asked (--color, or a terminal): click must not
        # strip those colours again when stdout is a pipe (`--color | less -R`)
        click.echo(text, nl=False, color=True)
        return
    if os.path.exists(dest) and not os.path.isfile(dest):  # /dev/null, a FIFO: never replace it
        with open(dest, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        return
    parent = os.path.dirname(os.path.abspath(dest))
    os.makedirs(parent, exist_ok=True)
    tmp = f"{dest}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    os.replace(tmp, dest)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "markdown"]),
    default=None,
    help="Output format (text on a terminal, else text too unless -o ends in .json/.sarif).",
)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    help="Write the main output here ('-' = stdout).",
)
@click.option("--sarif", "sarif_file", default=None, help="Also write SARIF to this file.")
@click.option("--json", "json_file", default=None, help="Also write JSON to this file.")
@click.option(
    "--markdown",
    "markdown_file",
    default=None,
    help="Also write the Markdown review report to this file.",
)
@click.option(
    "--category",
    default="",
    help="GitHub code scanning category (SARIF automationDetails.id); partial scans get '<category>/partial'.",
)
@click.option(
    "--exclude", multiple=True, help="Glob (gitignore syntax) of paths to skip; repeatable."
)
@click.option("--max-file-size", default=None, help="Skip files larger than this (default 4MiB).")
@click.option(
    "--config",
    "config_file",
    default=None,
    type=click.Path(dir_okay=False),
    help="Configuration file (default: .smsscan.toml or pyproject.toml [tool.smsscan], searched upwards).",
)
@click.option(
    "--baseline",
    "baseline_file",
    default=None,
    help="Report only findings not in this baseline (`smsscan baseline create`).",
)
@click.option(
    "--changed-since",
    default=None,
    metavar="REF",
    help="Scan only files changed since the git REF (plus staged, unstaged and untracked files).",
)
@click.option(
    "--root",
    default=None,
    type=click.Path(file_okay=False),
    help="Root that finding paths are relative to (default: the one directory given, else the current directory).",
)
@click.option(
    "-j",
    "--jobs",
    default=0,
    type=click.IntRange(0, 256),
    help="Worker processes (0 = one per CPU).",
)
@click.option(
    "--fail-on",
    multiple=True,
    help="Fail (exit 1) on findings of these severities/scenarios: e.g. 'high', 'C', 'B,C'. Default: any finding of severity low or above.",
)
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 even when findings fail the threshold (errors still exit 2).",
)
@click.option(
    "--include-suppressed",
    is_flag=True,
    help="Keep suppressed findings in the output (SARIF: with suppressions entries).",
)
@click.option(
    "--explain",
    "explain_verdict",
    is_flag=True,
    help="Print the decision trace behind the verdict.",
)
@click.option(
    "--color/--no-color", default=None, help="Colour the text output (default: on a terminal)."
)
def scan(**params: Any) -> None:
    """Scan PATHS (default: the current directory) and report the verdict and findings."""
    from scanner.gcpause import paused

    with paused():  # the scan, the verdict and the report (see scanner.gcpause)
        _scan(**params)


def _scan(
    paths: Sequence[str],
    fmt: str | None,
    output: str,
    sarif_file: str | None,
    json_file: str | None,
    markdown_file: str | None,
    category: str,
    exclude: Sequence[str],
    max_file_size: str | None,
    config_file: str | None,
    baseline_file: str | None,
    changed_since: str | None,
    root: str | None,
    jobs: int,
    fail_on: Sequence[str],
    exit_zero: bool,
    include_suppressed: bool,
    explain_verdict: bool,
    color: bool | None,
) -> None:
    from scanner import workflow
    from scanner.engine import ScanOptions
    from scanner.engine import scan as run_scan
    from scanner.infer import verdict_for
    from scanner.policy import outcome_line
    from scanner.registry import lazy_detectors
    from scanner.report import Report

    for t in paths:
        if not os.path.lexists(t):
            raise click.UsageError(f"path does not exist: {t}")
    plan = workflow.plan(
        paths,
        root,
        config_file=config_file,
        changed_since=changed_since,
        baseline=baseline_file,
        fail_on=fail_on,
        exit_zero=exit_zero,
        exclude=exclude,
        max_file_size=max_file_size,
        category=category,
    )
    policy, targets, root = plan.policy, list(plan.targets), plan.root
    if fmt is None:
        fmt = _guess_format(output)
    options = ScanOptions(
        line_hashes=fmt == "sarif" or bool(sarif_file),
        rule_metadata=fmt == "sarif" or bool(sarif_file),
        max_file_size=plan.max_file_size,
        excludes=plan.excludes,
        jobs=jobs,
        enabled_rules=plan.enabled_rules,
        progress=True,  # drawn only when stderr is a terminal
    )
    result = workflow.finish(run_scan(targets, root, lazy_detectors(), options), plan)
    verdict = verdict_for(result)
    # a whole-repository scan may use the verdict's context (test-only usage, dormant code);
    # a partial scan (pre-commit batches) must not, so that any batching gives the same answer
    failing = policy.failing(result.findings, None if plan.partial else verdict.group_of)
    live = [f for f in result.findings if f.suppression is None and f.baseline_state != "unchanged"]
    report = Report(
        result=result,
        verdict=verdict,
        category=plan.category,
        declared=plan.policy.declared.scenarios,
        include_suppressed=include_suppressed,
        failing=failing,
        outcome=outcome_line(policy, failing, len(live), findings=result.findings),
        color=bool(color) if color is not None else (output == "-" and sys.stdout.isatty()),
        explain=explain_verdict,
    )
    _write(output, _render(fmt, report))
    for dest, kind in ((sarif_file, "sarif"), (json_file, "json"), (markdown_file, "markdown")):
        if dest:
            _write(dest, _render(kind, Report(**{**report.__dict__, "color": False})))
    errors = [n for n in result.notifications if n.code in ("missing", "outside-root")]
    if errors and not result.stats.scanned:
        sys.exit(EXIT_ERROR)
    if failing and not policy.exit_zero:
        sys.exit(EXIT_FINDINGS)


def _guess_format(output: str) -> str:
    low = output.lower()
    if low.endswith((".sarif", ".sarif.json")):
        return "sarif"
    if low.endswith(".json"):
        return "json"
    if low.endswith(".md"):
        return "markdown"
    return "text"


def _render(fmt: str, report: object) -> str:
    from scanner.report import Report

    assert isinstance(report, Report)
    if fmt == "json":
        from scanner.report import json_report

        return json_report.render(report)
    if fmt == "sarif":
        from scanner.github import size_problem
        from scanner.report import sarif
        from scanner.workflow import SetupError

        rendered = sarif.render(report)
        if size_problem(rendered):
            raise SetupError(size_problem(rendered))
        return rendered
    if fmt == "markdown":
        from scanner.report import markdown

        return markdown.render(report)
    from scanner.report import text

    return text.render(report)


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
)
def rules(fmt: str) -> None:
    """List every rule: id, scenario, severity, languages."""
    from scanner.registry import all_rules
    from scanner.rules_doc import rules_json, rules_markdown, rules_text

    render = {"text": rules_text, "json": rules_json, "markdown": rules_markdown}[fmt]
    click.echo(render(all_rules()), nl=False)


@main.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Show the full documentation of RULE_ID (e.g. SMS1001)."""
    from scanner.registry import find_rule
    from scanner.rules_doc import rule_page

    rule = find_rule(rule_id)
    if rule is None:
        raise click.UsageError(f"unknown rule {rule_id!r}; `smsscan rules` lists them")
    click.echo(rule_page(rule), nl=False)


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["regex", "literal", "semgrep"]),
    default="regex",
    show_default=True,
    help="regex: escaped, one per line (for `rg -i -f`); literal: as declared; semgrep: a rules file.",
)
def patterns(fmt: str) -> None:
    """Print smsscan's indicator patterns (the detectors' anchors), one per line.

    \b
    Every file smsscan parses contains one of these (case-insensitively), e.g.:
      smsscan patterns > p.txt && rg -i -l -f p.txt .
    """
    from scanner.lazy_registry import builtin
    from scanner.prefilter import anchor_bytes, export_patterns, semgrep_rules

    stubs = builtin().stubs  # the anchors, without importing the detectors
    if fmt == "literal":
        lines = [a.decode("utf-8") for a in anchor_bytes(stubs)]
    elif fmt == "semgrep":
        click.echo(semgrep_rules(export_patterns(stubs)), nl=False)
        return
    else:
        lines = export_patterns(stubs)
    click.echo("".join(line + "\n" for line in lines), nl=False)


from scanner.workflow_cli import baseline_group, config_cmd, verdict_cmd  # noqa: E402

main.add_command(config_cmd)
main.add_command(baseline_group)
main.add_command(verdict_cmd)

if __name__ == "__main__":  # pragma: no cover
    main()
