"""What `smsscan scan` does once its options are read, free of click: plan, scan,
verdict, report, exit code. The click command (`scanner.cli`) and the pre-commit
fast path (`scanner.entry`) both run it, so they cannot drift apart.

Exit codes: 0 = nothing at or above the failure threshold, 1 = findings that
fail the threshold, 2 = usage, configuration or tool error (never 1).
"""

# No `from __future__ import annotations` here: a NamedTuple's string annotations are
# each compiled when its class is made (typing.ForwardRef), and ScanArgs has 19 fields
# that every run of smsscan would pay for.

import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from scanner import TOOL_NAME

if TYPE_CHECKING:  # imported when a report is made: keeps start-up small
    from scanner.report import Report

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class ScanArgs(NamedTuple):
    """The scan command's options, as the command line gives them (defaults = not given)."""

    paths: Sequence[str] = ()
    fmt: str | None = None
    output: str = "-"
    sarif_file: str | None = None
    json_file: str | None = None
    markdown_file: str | None = None
    category: str = ""
    exclude: Sequence[str] = ()
    max_file_size: str | None = None
    config_file: str | None = None
    baseline_file: str | None = None
    changed_since: str | None = None
    root: str | None = None
    jobs: int = 0
    fail_on: Sequence[str] = ()
    exit_zero: bool = False
    include_suppressed: bool = False
    explain_verdict: bool = False
    color: bool | None = None


def guarded(run: Callable[[], int], passthrough: tuple[type[BaseException], ...] = ()) -> int:
    """`run()`'s exit code; a configuration problem, an interrupt or a crash is a tool
    error (2) with a one-line message, never "findings" (1). Exceptions of the
    `passthrough` types (the command-line parser's own) propagate."""
    from scanner.workflow import SetupError

    try:
        return run()
    except passthrough:
        raise
    except SetupError as exc:
        exc.show()
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write(f"{TOOL_NAME}: interrupted\n")
        return EXIT_ERROR
    except Exception as exc:
        if os.environ.get("SMSSCAN_DEBUG"):
            raise
        sys.stderr.write(f"{TOOL_NAME}: internal error: {type(exc).__name__}: {exc}\n")
        sys.stderr.write("Set SMSSCAN_DEBUG=1 for a traceback.\n")
        return EXIT_ERROR


def run(args: ScanArgs) -> int:
    """Scan, report, and return the exit code (every path in `args.paths` exists)."""
    from scanner.gcpause import paused

    with paused():  # the scan, the verdict and the report (see scanner.gcpause)
        return _run(args)


def _run(a: ScanArgs) -> int:
    from scanner import workflow
    from scanner.engine import ScanOptions
    from scanner.engine import scan as run_scan
    from scanner.infer import verdict_for
    from scanner.policy import outcome_line
    from scanner.registry import lazy_detectors
    from scanner.report import Report

    plan = workflow.plan(
        a.paths,
        a.root,
        config_file=a.config_file,
        changed_since=a.changed_since,
        baseline=a.baseline_file,
        fail_on=a.fail_on,
        exit_zero=a.exit_zero,
        exclude=a.exclude,
        max_file_size=a.max_file_size,
        category=a.category,
    )
    policy, targets, root = plan.policy, list(plan.targets), plan.root
    fmt = a.fmt if a.fmt is not None else guess_format(a.output)
    options = ScanOptions(
        line_hashes=fmt == "sarif" or bool(a.sarif_file),
        rule_metadata=fmt == "sarif" or bool(a.sarif_file),
        max_file_size=plan.max_file_size,
        excludes=plan.excludes,
        jobs=a.jobs,
        enabled_rules=plan.enabled_rules,
        progress=True,  # drawn only when stderr is a terminal
    )
    result = workflow.finish(run_scan(targets, root, lazy_detectors(), options), plan)
    verdict = verdict_for(result)
    # a whole-repository scan may use the verdict's context (test-only usage, dormant code);
    # a partial scan (pre-commit batches) must not, so that any batching gives the same answer
    failing = policy.failing(result.findings, None if plan.partial else verdict.group_of)
    live = [f for f in result.findings if f.suppression is None and f.baseline_state != "unchanged"]
    color = a.color if a.color is not None else (a.output == "-" and sys.stdout.isatty())
    report = Report(
        result=result,
        verdict=verdict,
        category=plan.category,
        declared=plan.policy.declared.scenarios,
        include_suppressed=a.include_suppressed,
        failing=failing,
        outcome=outcome_line(policy, failing, len(live), findings=result.findings),
        color=bool(color),
        explain=a.explain_verdict,
    )
    write(a.output, render(fmt, report))
    extra = ((a.sarif_file, "sarif"), (a.json_file, "json"), (a.markdown_file, "markdown"))
    for dest, kind in extra:
        if dest:
            write(dest, render(kind, report._replace(color=False)))
    errors = [n for n in result.notifications if n.code in ("missing", "outside-root")]
    if errors and not result.stats.scanned:
        return EXIT_ERROR
    if failing and not policy.exit_zero:
        return EXIT_FINDINGS
    return EXIT_OK


def guess_format(output: str) -> str:
    low = output.lower()
    if low.endswith((".sarif", ".sarif.json")):
        return "sarif"
    if low.endswith(".json"):
        return "json"
    if low.endswith(".md"):
        return "markdown"
    return "text"


def render(fmt: str, report: "Report") -> str:
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


def write(dest: str, text: str) -> None:
    """Write `text` to the file `dest`, atomically, or to stdout for '-'."""
    if dest == "-":
        write_stdout(text)
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


def write_stdout(text: str) -> None:
    """`text` on stdout as it is: the report is coloured only when asked (--color, or a
    terminal), so its colours must not be stripped again on a pipe (`--color | less -R`).
    A UTF-8 stream takes it directly; elsewhere click writes it (it encodes for a
    Windows console or a stream declared ASCII)."""
    import codecs

    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        utf8 = codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        utf8 = False
    if utf8 and os.name != "nt":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    import click

    click.echo(text, nl=False, color=True)
