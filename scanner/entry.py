"""The `smsscan` command's entry point.

A pre-commit hook starts smsscan once per batch of staged files, as
`smsscan scan --no-color --jobs 1 FILE...`, so start-up is a large part of its
time, and click (with what it imports) is a large part of start-up. This module
reads that command line, the few options a hook adds (`--color`, `--fail-on`,
`--exit-zero`) and the output options of a CI step (`--format`, `-o`), without
click, and runs the same scan as `smsscan scan` (`scanner.scan_command`). Any
other command line, or anything this reader is unsure of (an unknown option, a
missing path, a value click would check), goes to the click command line
(`scanner.cli`), which gives the usual help and errors.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from scanner.scan_command import ScanArgs, guarded, run

_MAX_JOBS = 256  # as `--jobs` accepts (click.IntRange(0, 256))
_FORMATS = ("text", "json", "sarif", "markdown")  # as `--format` accepts (click.Choice)


def hook_args(argv: Sequence[str]) -> ScanArgs | None:
    """The options of a hook-shaped `scan` command line, or None for click to read it."""
    if os.name == "nt" or not argv or argv[0] != "scan":
        return None  # on Windows click also expands wildcards in the arguments
    color: bool | None = None
    exit_zero = False
    jobs = 0
    fmt: str | None = None
    output = "-"
    fail_on: list[str] = []
    paths: list[str] = []
    rest = list(argv[1:])
    while rest:
        tok = rest.pop(0)
        if tok == "--":
            paths += rest
            break
        if not tok.startswith("-"):
            paths.append(tok)
            continue
        name, eq, inline = tok.partition("=")
        if name in ("--color", "--no-color", "--exit-zero") and not eq:
            if name == "--exit-zero":
                exit_zero = True
            else:
                color = name == "--color"
            continue
        if tok.startswith("-j") and not tok.startswith("-j="):
            name, eq, inline = "--jobs", "=" if tok[2:] else "", tok[2:]
        elif tok.startswith("-o") and not tok.startswith("-o="):
            name, eq, inline = "--output", "=" if tok[2:] else "", tok[2:]
        if name not in ("--jobs", "--fail-on", "--format", "--output"):
            return None
        if not eq:
            if not rest:
                return None
            inline = rest.pop(0)
        if name == "--jobs":
            if not (inline.isascii() and inline.isdigit() and int(inline) <= _MAX_JOBS):
                return None
            jobs = int(inline)
        elif name == "--format":
            if inline not in _FORMATS:
                return None
            fmt = inline
        elif name == "--output":
            if not inline or (inline.startswith("-") and inline != "-"):
                return None
            output = inline
        elif inline.startswith("-"):
            return None
        else:
            fail_on.append(inline)
    if any(p == "-" or not os.path.lexists(p) for p in paths):
        return None  # click reports the missing path, with the usage line
    return ScanArgs(
        paths=tuple(paths),
        fmt=fmt,
        output=output,
        jobs=jobs,
        fail_on=tuple(fail_on),
        exit_zero=exit_zero,
        color=color,
    )


def main() -> None:
    args = hook_args(sys.argv[1:])
    if args is None:
        from scanner.cli import main as click_main

        click_main()
        return
    sys.exit(guarded(lambda: run(args)))


if __name__ == "__main__":  # `python -m scanner.entry`, as the `smsscan` command
    main()
