"""Test helpers: run the scanner in-process, read inline expectations."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

from detectors import REGISTRY
from scanner import classify
from scanner.engine import ScanOptions, scan
from scanner.engine import _run as run_detectors
from scanner.infer import verdict_for
from scanner.model import Finding, ScanResult
from scanner.report import Report

EXPECT = re.compile(r"expect:\s*((?:SMS\d{4}[\s,]*)+)")


def expectations(text: str) -> set[tuple[int, str]]:
    out = set()
    for lineno, line in enumerate(text.splitlines(), 1):
        m = EXPECT.search(line)
        if m:
            for rid in re.findall(r"SMS\d{4}", m.group(1)):
                out.add((lineno, rid))
    return out


def project_expectations(root: str) -> dict[str, set[tuple[int, str]]]:
    """path -> {(line, rule)} from inline markers and an optional EXPECTED file
    (`path:line RULE` per line) for formats without comments (JSON)."""
    out: dict[str, set[tuple[int, str]]] = {}
    for d, _dirs, files in os.walk(root):
        for name in files:
            p = os.path.join(d, name)
            rel = os.path.relpath(p, root).replace(os.sep, "/")
            if rel == "EXPECTED":
                continue
            try:
                with open(p, encoding="utf-8") as fh:
                    exp = expectations(fh.read())
            except (UnicodeDecodeError, OSError):
                continue
            if exp:
                out[rel] = exp
    exp_file = os.path.join(root, "EXPECTED")
    if os.path.exists(exp_file):
        with open(exp_file, encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                loc, rid = line.split()
                path, lineno = loc.rsplit(":", 1)
                out.setdefault(path, set()).add((int(lineno), rid))
    return out


def findings_by_file(findings: Iterable[Finding]) -> dict[str, set[tuple[int, str]]]:
    out: dict[str, set[tuple[int, str]]] = {}
    for f in findings:
        out.setdefault(f.path, set()).add((f.span.start_line, f.rule_id))
    return out


def scan_dir(root: str, **opts: object) -> ScanResult:
    return scan([root], root, REGISTRY, ScanOptions(jobs=1, **opts))  # type: ignore[arg-type]


def scan_snippet(code: str, path: str) -> list[Finding]:
    """Run every registered detector on one in-memory file."""
    kind = classify.classify(path, code.encode()[:128]) or "text"
    outcome = run_detectors(
        path, kind, code, REGISTRY, range(len(REGISTRY)), [], len(code), ScanOptions()
    )
    return list(outcome.findings)


def make_report(result: ScanResult, **kw: object) -> Report:
    return Report(result=result, verdict=verdict_for(result), **kw)  # type: ignore[arg-type]
