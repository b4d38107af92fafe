"""Commands for project workflows: `smsscan config`, `smsscan baseline create`,
`smsscan verdict`. Attached to the main group in `scanner.cli`; heavy modules
are imported inside the commands, so `smsscan --help` stays fast."""

from __future__ import annotations

import os
import sys

import click

from scanner.workflow import Plan, SetupError


def _existing(path: str) -> str:
    if not os.path.lexists(path):
        raise click.UsageError(f"path does not exist: {path}")
    return path


def run_plan(plan: Plan, jobs: int = 0) -> object:
    """Scan as `smsscan scan` would, with the plan's options; returns the ScanResult."""
    from scanner.engine import ScanOptions, scan
    from scanner.registry import lazy_detectors
    from scanner.workflow import finish

    options = ScanOptions(
        line_hashes=False,
        rule_metadata=False,
        max_file_size=plan.max_file_size,
        excludes=plan.excludes,
        jobs=jobs,
        enabled_rules=plan.enabled_rules,
    )
    return finish(scan(list(plan.targets), plan.root, lazy_detectors(), options), plan)


@click.command("config")
@click.argument("path", default=".", type=click.Path())
@click.option("--config", "config_file", default=None, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["toml", "json"]), default="toml")
def config_cmd(path: str, config_file: str | None, fmt: str) -> None:
    """Print the effective configuration for a scan of PATH, and where each value came from."""
    from scanner import config as cf

    _existing(path)
    try:
        cfg = cf.load(path, config_file)
        cf.enabled_rules(cfg)  # validate rule selectors too
        cf.check_overrides(cfg)
    except cf.ConfigError as exc:
        raise SetupError(str(exc)) from exc
    if fmt == "json":
        import json

        data = cfg._asdict()
        data["overrides"] = [o._asdict() for o in cfg.overrides]
        data["sources"] = dict(cfg.sources)
        click.echo(json.dumps(data, indent=2, sort_keys=True))
        return
    click.echo(cf.describe(cfg), nl=False)


@click.group("baseline")
def baseline_group() -> None:
    """Create baselines: accept today's findings so that only new ones are reported."""


@baseline_group.command("create")
@click.argument("path", default=".", type=click.Path())
@click.option(
    "-o",
    "--output",
    default=None,
    help="Baseline file to write (default: .smsscan-baseline.json in PATH).",
)
@click.option("--config", "config_file", default=None, type=click.Path(dir_okay=False))
@click.option("-j", "--jobs", default=0, type=click.IntRange(0, 256))
def baseline_create(path: str, output: str | None, config_file: str | None, jobs: int) -> None:
    """Scan PATH and write every unsuppressed finding to a baseline file."""
    from scanner import baseline as bl
    from scanner.config import DEFAULT_BASELINE
    from scanner.model import ScanResult
    from scanner.scan_command import write
    from scanner.workflow import plan

    _existing(path)
    p = plan([path], None, config_file=config_file, use_baseline=False)
    result = run_plan(p, jobs)
    assert isinstance(result, ScanResult)
    dest = output or os.path.join(path if os.path.isdir(path) else ".", DEFAULT_BASELINE)
    write(dest, bl.render(result.findings))
    n = sum(e["count"] for e in bl.entries(result.findings))
    click.echo(f"Wrote {n} finding(s) to {dest}; commit it and scan with --baseline {dest}.")


@click.command("verdict")
@click.argument("path", default=".", type=click.Path())
@click.option("--config", "config_file", default=None, type=click.Path(dir_okay=False))
@click.option("-j", "--jobs", default=0, type=click.IntRange(0, 256))
def verdict_cmd(path: str, config_file: str | None, jobs: int) -> None:
    """Scan PATH and fail (exit 1) when the inferred scenario goes beyond the
    scenarios declared in [tool.smsscan.policy] (e.g. code moves from B into C)."""
    from scanner.infer import verdict_for
    from scanner.model import ScanResult
    from scanner.report.printable import printable
    from scanner.workflow import plan, verdict_message

    _existing(path)
    p = plan([path], None, config_file=config_file, use_baseline=False)
    result = run_plan(p, jobs)
    assert isinstance(result, ScanResult)
    passed, lines = verdict_message(p, verdict_for(result))
    click.echo(printable("\n".join(lines)))  # reasons quote scanned text
    if not passed:
        sys.exit(1)
