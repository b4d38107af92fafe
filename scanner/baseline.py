"""Baselines: accept today's findings, report only new ones.

`.smsscan-baseline.json` is keyed by `Finding.fingerprint` (smsscan/v1: rule,
path, matched text and occurrence index; no line number), so moving code up
or down a file keeps its entries. The file holds no snippets, no secrets and
no timestamps, is sorted and written with a trailing newline, so diffs stay
small and stable. Each entry has a `count`; matching consumes entries one by
one, so two identical new findings are not absorbed by one baseline entry.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from scanner import json_text
from scanner.model import Finding

FORMAT_VERSION = 1
FINGERPRINT_KIND = "smsscan/v1"


class BaselineError(ValueError):
    """Unreadable or malformed baseline file."""


@dataclass(frozen=True)
class Baseline:
    path: str
    counts: Counter[str]

    @property
    def size(self) -> int:
        return sum(self.counts.values())


def entries(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """One entry per fingerprint; suppressed findings are not baselined."""
    by_fp: dict[str, dict[str, Any]] = {}
    for f in findings:
        if f.suppression is not None:
            continue
        e = by_fp.setdefault(
            f.fingerprint,
            {"fingerprint": f.fingerprint, "rule": f.rule_id, "path": f.path, "count": 0},
        )
        e["count"] += 1
    return sorted(by_fp.values(), key=lambda e: (e["path"], e["rule"], e["fingerprint"]))


def render(findings: Sequence[Finding]) -> str:
    doc = {
        "tool": "smsscan",
        "version": FORMAT_VERSION,
        "fingerprint": FINGERPRINT_KIND,
        "findings": entries(findings),
    }
    return json_text.dumps(doc) + "\n"


def load(path: str) -> Baseline:
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
    except FileNotFoundError as exc:
        raise BaselineError(
            f"{path}: baseline file not found (create it with `smsscan baseline create`)"
        ) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: not a readable smsscan baseline: {exc}") from exc
    if not isinstance(doc, dict) or doc.get("tool") != "smsscan":
        raise BaselineError(f'{path}: not an smsscan baseline (no "tool": "smsscan")')
    if doc.get("version") != FORMAT_VERSION:
        raise BaselineError(
            f"{path}: baseline format version {doc.get('version')!r} is not supported "
            f"(this smsscan reads version {FORMAT_VERSION}); recreate it with `smsscan baseline create`"
        )
    if doc.get("fingerprint") != FINGERPRINT_KIND:
        raise BaselineError(
            f"{path}: fingerprint kind {doc.get('fingerprint')!r} is not {FINGERPRINT_KIND!r}"
        )
    items = doc.get("findings")
    if not isinstance(items, list):
        raise BaselineError(f'{path}: "findings" must be a list')
    counts: Counter[str] = Counter()
    for i, e in enumerate(items):
        fp = e.get("fingerprint") if isinstance(e, dict) else None
        n = e.get("count", 1) if isinstance(e, dict) else None
        if (
            not isinstance(fp, str)
            or not fp
            or not isinstance(n, int)
            or isinstance(n, bool)
            or n < 1
        ):
            raise BaselineError(
                f'{path}: findings[{i}] needs a "fingerprint" string and a positive "count"'
            )
        counts[fp] += n
    return Baseline(os.path.abspath(path), counts)


def apply(findings: Sequence[Finding], baseline: Baseline) -> tuple[list[Finding], int]:
    """Mark each finding "unchanged" (consumes one baseline entry) or "new".

    Returns the marked findings and how many baseline entries are absent now.
    Suppressed findings are marked too, without consuming entries.
    """
    left = Counter(baseline.counts)
    out: list[Finding] = []
    for f in sorted(findings, key=lambda f: f.sort_key):
        if f.suppression is None and left[f.fingerprint] > 0:
            left[f.fingerprint] -= 1
            out.append(replace(f, baseline_state="unchanged"))
        else:
            out.append(replace(f, baseline_state="new"))
    return out, sum(left.values())
