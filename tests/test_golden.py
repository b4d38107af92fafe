"""Golden outputs of the example project: JSON, SARIF, text. Byte-stable.

Regenerate with `pytest tests/test_golden.py --update-golden` and review the diff."""

from __future__ import annotations

import os

import pytest
from conftest import FIXTURES
from helpers import make_report, scan_dir

from scanner.policy import FailPolicy, outcome_line
from scanner.report import json_report, markdown, sarif, text

GOLDEN = os.path.join(FIXTURES, "golden")
RENDERERS = {
    "example.json": json_report.render,
    "example.sarif": sarif.render,
    "example.txt": text.render,
    "example.md": markdown.render,
}


def _report():
    old = os.getcwd()
    os.chdir(FIXTURES)
    try:
        result = scan_dir("example")
    finally:
        os.chdir(old)
    policy = FailPolicy()
    failing = policy.failing(result.findings)
    return make_report(
        result,
        failing=failing,
        outcome=outcome_line(policy, failing, len(result.findings)),
        category="smsscan/example",
    )


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_golden(name, update_golden):
    out = RENDERERS[name](_report())
    path = os.path.join(GOLDEN, name)
    if update_golden or not os.path.exists(path):
        os.makedirs(GOLDEN, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(out)
        if not update_golden:
            pytest.fail(f"golden file {name} was missing and has been written; rerun")
    with open(path, encoding="utf-8") as fh:
        assert out == fh.read(), (
            f"{name} differs from the golden file; run pytest --update-golden and review"
        )


def test_output_is_identical_with_parallel_workers(tmp_path, monkeypatch):
    """Byte-for-byte the same JSON and SARIF with 1 and with N workers, on a tree
    large enough that the process pool really runs (many chunks per worker)."""
    import shutil

    from detectors import REGISTRY
    from scanner import parallel
    from scanner.engine import PARALLEL_THRESHOLD, ScanOptions, scan

    root = str(tmp_path / "tree")
    # every fixture project: over a hundred files, more than PARALLEL_THRESHOLD
    shutil.copytree(FIXTURES, root, ignore=shutil.ignore_patterns("golden"))
    pooled = []
    real_pooled, real_start = parallel._pooled, parallel.Feeder._start
    monkeypatch.setattr(
        parallel, "_pooled", lambda *a, **kw: pooled.append(1) or real_pooled(*a, **kw)
    )
    monkeypatch.setattr(
        parallel.Feeder, "_start", lambda self: pooled.append(2) or real_start(self)
    )
    monkeypatch.setattr(parallel, "CHUNK_FILES", 16)  # many small tasks: exercise reordering
    monkeypatch.setattr(parallel, "STREAM_CHUNK_FILES", 8)
    one = scan([root], root, REGISTRY, ScanOptions(jobs=1))
    assert not pooled
    assert one.stats.scanned >= PARALLEL_THRESHOLD
    assert one.findings, "the tree should produce findings"
    many = scan([root], root, REGISTRY, ScanOptions(jobs=3))
    assert pooled, "the process pool was not used"
    assert one == many
    for render in (json_report.render, sarif.render):
        assert render(make_report(one, category="x")) == render(make_report(many, category="x"))
