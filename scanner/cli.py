"""Command line: `smsscan scan | rules | explain`.

Exit codes: 0 = nothing at or above the failure threshold, 1 = findings that
fail the threshold, 2 = usage, configuration or tool error (never 1).
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from scanner import TOOL_NAME, __version__
from scanner.scan_command import EXIT_OK, ScanArgs, guarded
from scanner.scan_command import run as run_scan


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        out: list[object] = []

        def run() -> int:
            out.append(super(_Group, self).invoke(ctx))
            return EXIT_OK

        passthrough = (click.exceptions.Exit, click.ClickException, click.Abort)
        code = guarded(run, passthrough)
        if code:
            sys.exit(code)
        return out[0]


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name=TOOL_NAME, message="%(prog)s %(version)s")
def main() -> None:
    """Find how a codebase sends SMS and which licensing scenario it implements.

    \b
    Scenario A: own SIM cards / GSM modems, internal testing (no licence)
    Scenario B: licensed third-party SMS platform API (no SP licence)
    Scenario C: direct carrier connection over SMPP/CMPP/SGIP/SMGP (SP licence)
    """


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
    for t in params["paths"]:
        if not os.path.lexists(t):
            raise click.UsageError(f"path does not exist: {t}")
    code = run_scan(ScanArgs(**params))
    if code:
        sys.exit(code)


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
