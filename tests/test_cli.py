from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from scanner import __version__
from scanner.cli import main
from scanner.config import parse_size

EXAMPLE = os.path.join(FIXTURES, "example")


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_version():
    res = run("--version")
    assert res.exit_code == 0 and __version__ in res.output


def test_rules_formats():
    assert "SMS1001" in run("rules").output
    data = json.loads(run("rules", "--format", "json").output)
    assert {"id", "scenario", "severity", "languages"} <= set(data[0])
    assert run("rules", "--format", "markdown").output.startswith("| ID |")


def test_explain():
    res = run("explain", "SMS1001")
    assert res.exit_code == 0 and "# SMS1001" in res.output
    res = run("explain", "SMS0000")
    assert res.exit_code == 2


def test_exit_codes():
    assert run("scan", EXAMPLE).exit_code == 1
    assert run("scan", EXAMPLE, "--exit-zero").exit_code == 0
    assert run("scan", EXAMPLE, "--fail-on", "critical").exit_code == 0
    assert run("scan", EXAMPLE, "--fail-on", "C").exit_code == 1
    assert run("scan", "/nonexistent/path").exit_code == 2
    assert run("scan", EXAMPLE, "--fail-on", "bogus").exit_code == 2
    assert run("scan", EXAMPLE, "--max-file-size", "lots").exit_code == 2


def test_crash_is_exit_2(monkeypatch):
    import scanner.engine

    def boom(*a, **k):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(scanner.engine, "scan", boom)
    res = run("scan", EXAMPLE)
    assert res.exit_code == 2
    assert "internal error" in res.output


def test_clean_tree_passes_and_is_quiet(tmp_path):
    for i in range(100):
        (tmp_path / f"m{i}.py").write_text(f"def f{i}():\n    return {i}\n")
    res = CliRunner().invoke(main, ["scan", str(tmp_path)])
    assert res.exit_code == 0
    assert "PASSED" in res.output


def test_multiple_outputs(tmp_path):
    s, j = tmp_path / "o.sarif", tmp_path / "o.json"
    res = run(
        "scan",
        EXAMPLE,
        "--sarif",
        str(s),
        "--json",
        str(j),
        "--exit-zero",
        "-o",
        str(tmp_path / "o.txt"),
    )
    assert res.exit_code == 0
    assert json.loads(s.read_text())["version"] == "2.1.0"
    assert json.loads(j.read_text())["verdict"]["primary"] == "C"
    assert "Verdict" in (tmp_path / "o.txt").read_text()


def test_parse_size():
    assert parse_size("1k") == 1024
    assert parse_size("4MiB") == 4 * 1024 * 1024
    assert parse_size("500") == 500
    with pytest.raises(ValueError, match="is not a size"):
        parse_size("huge")


def test_sarif_from_the_cli_carries_github_line_hashes(tmp_path):
    out = tmp_path / "o.sarif"
    for args in (
        ["--format", "sarif", "-o", str(out)],
        ["--sarif", str(out), "-o", str(tmp_path / "o.txt")],
    ):
        assert run("scan", EXAMPLE, "--exit-zero", *args).exit_code == 0
        results = json.loads(out.read_text())["runs"][0]["results"]
        assert results and all(
            ":" in r["partialFingerprints"]["primaryLocationLineHash"] for r in results
        )
