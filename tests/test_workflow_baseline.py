"""Baselines, --changed-since, GitHub categories / size limits, and the composite action."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
import yaml
from click.testing import CliRunner
from conftest import FIXTURES, ROOT
from test_sarif import validate
from test_workflow_config import ALIYUN, SMPP, project

from scanner import baseline as bl
from scanner.cli import main
from scanner.github import category_id, size_problem

EXAMPLE = os.path.join(FIXTURES, "example")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def new_findings(root: str, base: str) -> list[dict]:
    res = run("scan", root, "--baseline", base, "--format", "json", "--exit-zero")
    return json.loads(res.output)["findings"]


def test_baseline_file_is_stable_sorted_and_secret_free(tmp_path):
    root = project(tmp_path, {"gw/smpp.py": SMPP, "n/sms.py": ALIYUN})
    out = tmp_path / "b.json"
    assert run("baseline", "create", root, "-o", str(out)).exit_code == 0
    text = out.read_text()
    doc = json.loads(text)
    assert doc["version"] == 1 and doc["tool"] == "smsscan" and doc["fingerprint"] == "smsscan/v1"
    assert set(doc) == {"tool", "version", "fingerprint", "findings"}  # no timestamps
    for e in doc["findings"]:
        assert set(e) == {"fingerprint", "rule", "path", "count"}  # no snippets, no lines
    keys = [(e["path"], e["rule"], e["fingerprint"]) for e in doc["findings"]]
    assert keys == sorted(keys)
    assert run("baseline", "create", root, "-o", str(out)).exit_code == 0
    assert out.read_text() == text  # byte-stable
    default = tmp_path / ".smsscan-baseline.json"
    assert run("baseline", "create", root).exit_code == 0 and default.exists()


def test_baseline_hides_known_and_reports_new(tmp_path):
    root = project(tmp_path, {"gw/smpp.py": SMPP})
    base = str(tmp_path / "b.json")
    run("baseline", "create", root, "-o", base)
    res = run("scan", root, "--baseline", base)
    assert res.exit_code == 0, res.output
    assert "known in the baseline" in res.output.strip().splitlines()[-1]
    (tmp_path / "n").mkdir()
    (tmp_path / "n" / "sms.py").write_text(ALIYUN)
    rows = new_findings(root, base)
    assert rows and {f["path"] for f in rows} == {"n/sms.py"}
    assert run("scan", root, "--baseline", base).exit_code == 1


def test_moving_code_keeps_baselined_findings_known(tmp_path):
    root = project(tmp_path, {"gw/smpp.py": SMPP})
    base = str(tmp_path / "b.json")
    run("baseline", "create", root, "-o", base)
    moved = (
        "# a header comment\n\n\nimport os\n\n"
        + SMPP
        + "\n\ndef other():\n    return os.getcwd()\n"
    )
    (tmp_path / "gw" / "smpp.py").write_text(moved)
    assert new_findings(root, base) == []


def test_multiplicity_counts(tmp_path):
    root = project(tmp_path, {"gw/smpp.py": SMPP})
    base = str(tmp_path / "b.json")
    run("baseline", "create", root, "-o", base)
    twice = (
        SMPP
        + '\n\ndef open_again():\n    client = smpplib.client.Client("10.8.1.20", 2775)\n    client.connect()\n    return client\n'
    )
    (tmp_path / "gw" / "smpp.py").write_text(twice)
    rows = new_findings(root, base)
    # the copy is new although an identical finding is in the baseline
    assert rows and all(f["rule_id"] in ("SMS1002", "SMS4002") for f in rows), rows


def test_baseline_sarif_states_and_suppressions(tmp_path):
    root = project(tmp_path, {"gw/smpp.py": SMPP})
    base = str(tmp_path / "b.json")
    run("baseline", "create", root, "-o", base)
    (tmp_path / "n").mkdir()
    (tmp_path / "n" / "sms.py").write_text(ALIYUN)
    doc = json.loads(run("scan", root, "--baseline", base, "--format", "sarif").output)
    validate(doc)
    results = doc["runs"][0]["results"]
    assert results and all(r["baselineState"] == "new" for r in results)
    assert all("suppressions" not in r for r in results)
    doc = json.loads(
        run("scan", root, "--baseline", base, "--format", "sarif", "--include-suppressed").output
    )
    validate(doc)
    results = doc["runs"][0]["results"]
    assert {r["baselineState"] for r in results} == {"new", "unchanged"}
    for r in results:
        assert "suppressions" in r  # all or none
        if r["baselineState"] == "unchanged":
            assert r["suppressions"][0]["kind"] == "external"
            assert r["suppressions"][0]["status"] == "accepted"
        elif not r.get("properties", {}).get("verdict"):
            assert r["suppressions"] == [] or r["suppressions"][0]["kind"] == "inSource"


def test_inline_suppression_in_sarif(tmp_path):
    code = SMPP.replace(
        "    client.connect()\n", "    client.connect()  # smsscan: ignore[SMS1002] lab SMSC\n"
    )
    root = project(tmp_path, {"gw/smpp.py": code})
    doc = json.loads(run("scan", root, "--format", "sarif").output)
    assert all("suppressions" not in r for r in doc["runs"][0]["results"])
    doc = json.loads(run("scan", root, "--format", "sarif", "--include-suppressed").output)
    validate(doc)
    sups = [r["suppressions"] for r in doc["runs"][0]["results"]]
    assert [{"kind": "inSource", "status": "accepted", "justification": "lab SMSC"}] in sups
    assert [] in sups


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        '{"tool": "other"}',
        '{"tool": "smsscan", "version": 99, "fingerprint": "smsscan/v1", "findings": []}',
        '{"tool": "smsscan", "version": 1, "fingerprint": "smsscan/v1", "findings": [{"count": 1}]}',
    ],
)
def test_bad_baseline_is_exit_2(tmp_path, text):
    (tmp_path / "b.json").write_text(text)
    res = run("scan", EXAMPLE, "--baseline", str(tmp_path / "b.json"))
    assert res.exit_code == 2 and "b.json" in res.output


def test_baseline_from_config(tmp_path):
    root = project(tmp_path, {"gw/smpp.py": SMPP, ".smsscan.toml": 'baseline = "b.json"\n'})
    run("baseline", "create", root, "-o", str(tmp_path / "b.json"))
    assert run("scan", root).exit_code == 0


def test_baseline_apply_unit():
    from scanner.model import Confidence, Evidence, Finding, Scenario, Severity, Span

    def f(fp: str, line: int) -> Finding:
        return Finding(
            "SMS1001",
            "a.py",
            Span(line, 1, line, 2),
            "m",
            "",
            Scenario.C,
            Severity.HIGH,
            Confidence.HIGH,
            Evidence.CALL,
            fp,
            "",
        )

    base = bl.Baseline("b", bl.Counter({"x": 1}))
    marked, absent = bl.apply([f("x", 1), f("x", 9), f("y", 3)], base)
    assert [m.baseline_state for m in marked] == ["unchanged", "new", "new"] and absent == 0
    _, absent = bl.apply([], base)
    assert absent == 1


# --- GitHub: categories and limits -------------------------------------------------------


def test_category_ids():
    assert category_id("", partial=False) == ""
    assert category_id("smsscan", partial=False) == "smsscan/"
    assert category_id("smsscan/", partial=True) == "smsscan/partial/"
    assert category_id("", partial=True) == "smsscan/partial/"
    assert category_id("x/partial", partial=True) == "x/partial/"


def test_partial_scan_never_uses_full_category(tmp_path):
    root = project(tmp_path, {"gw/smpp.py": SMPP, "ok.py": "x = 1\n"})
    full = json.loads(run("scan", root, "--format", "sarif", "--category", "smsscan").output)
    assert full["runs"][0]["automationDetails"]["id"] == "smsscan/"
    part = json.loads(
        run(
            "scan",
            os.path.join(root, "gw", "smpp.py"),
            "--root",
            root,
            "--format",
            "sarif",
            "--category",
            "smsscan",
        ).output
    )
    assert part["runs"][0]["automationDetails"]["id"] == "smsscan/partial/"


def test_gzip_limit(monkeypatch):
    import base64
    import random

    import scanner.github as gh

    assert size_problem("{}") == ""
    assert size_problem("a" * 11_000_000) == ""  # large but compresses well
    monkeypatch.setattr(gh, "MAX_GZIP_BYTES", 50_000)
    noise = base64.b64encode(random.Random(7).randbytes(60_000)).decode()  # ~60 kB gzipped
    assert "10 MB" in gh.size_problem(noise)
    assert gh.size_problem(noise[:20_000]) == ""


# --- --changed-since -------------------------------------------------------------------------


def _empty_gitconfig() -> str:
    import tempfile

    path = os.path.join(tempfile.gettempdir(), "smsscan-test-empty.gitconfig")
    if not os.path.exists(path):
        with open(path, "w", encoding="utf-8"):
            pass
    return path


def git(cwd, *args):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@e",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@e",
        "GIT_CONFIG_GLOBAL": _empty_gitconfig(),
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")


@needs_git
def test_changed_since(tmp_path):
    root = project(tmp_path, {"old/smpp.py": SMPP, "ok.py": "x = 1\n"})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "feature")
    (tmp_path / "n").mkdir()
    (tmp_path / "n" / "sms.py").write_text(ALIYUN)  # untracked
    (tmp_path / "ok.py").write_text("y = 2\n")  # unstaged
    (tmp_path / "gw.py").write_text(SMPP)
    git(root, "add", "gw.py")
    git(root, "commit", "-q", "-m", "feature")
    (tmp_path / "x.py").write_text(SMPP)
    git(root, "add", "x.py")  # staged
    res = run("scan", root, "--changed-since", "main", "--format", "json", "--exit-zero")
    paths = {f["path"] for f in json.loads(res.output)["findings"]}
    assert paths == {"gw.py", "x.py", "n/sms.py"}, res.output
    sarif = json.loads(
        run(
            "scan", root, "--changed-since", "main", "--format", "sarif", "--category", "smsscan"
        ).output
    )
    assert sarif["runs"][0]["automationDetails"]["id"] == "smsscan/partial/"
    bad = run("scan", root, "--changed-since", "no-such-ref")
    assert bad.exit_code == 2 and "git" in bad.output
    notrepo = run("scan", str(tmp_path / "n"), "--changed-since", "main")
    assert notrepo.exit_code in (0, 1)  # still inside the repository


@needs_git
def test_changed_since_outside_repository(tmp_path):
    res = run("scan", str(tmp_path), "--changed-since", "HEAD")
    assert res.exit_code == 2 and "git" in res.output


# --- the composite action ---------------------------------------------------------------------


def test_action_scan_step_produces_valid_sarif(tmp_path):
    with open(os.path.join(ROOT, "action.yml"), encoding="utf-8") as fh:
        action = yaml.safe_load(fh)
    assert action["runs"]["using"] == "composite"
    steps = {s["name"]: s for s in action["runs"]["steps"]}
    upload = steps["Upload SARIF to code scanning"]
    assert upload["uses"] == "github/codeql-action/upload-sarif@v3"
    scan = steps["Scan"]
    out = tmp_path / "gh_output"
    sarif = tmp_path / "smsscan.sarif"
    bindir = os.path.dirname(
        shutil.which("smsscan") or os.path.join(os.path.dirname(os.sys.executable), "smsscan")
    )
    env = {
        **os.environ,
        "PATH": bindir + os.pathsep + os.environ.get("PATH", ""),
        "GITHUB_OUTPUT": str(out),
        "SMSSCAN_PATH": EXAMPLE,
        "SMSSCAN_CATEGORY": action["inputs"]["category"]["default"],
        "SMSSCAN_FAIL_ON": "",
        "SMSSCAN_ARGS": "",
        "SMSSCAN_SARIF": str(sarif),
    }
    proc = subprocess.run(
        ["bash", "-e", "-c", scan["run"]], env=env, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    outputs = dict(line.split("=", 1) for line in out.read_text().splitlines())
    assert outputs["exit-code"] == "1"  # the example implements scenario C: the policy step fails
    doc = json.loads(sarif.read_text())
    validate(doc)
    run0 = doc["runs"][0]
    assert run0["automationDetails"]["id"] == "smsscan/"
    assert run0["results"] and len(doc["runs"]) == 1
    assert steps["Enforce the policy"]["if"] == "steps.scan.outputs.exit-code == '1'"


def test_writing_to_a_device_keeps_it_a_device():
    import stat

    from scanner.scan_command import write

    if not stat.S_ISCHR(os.stat(os.devnull).st_mode):
        pytest.skip("os.devnull is not a character device here")
    write(os.devnull, "x")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@needs_git
def test_changed_since_never_runs_repository_programs(tmp_path):
    root = project(tmp_path, {"a.py": "x = 1\n"})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    marker = tmp_path / "PWNED"
    for key in ("core.fsmonitor", "diff.external", "core.pager"):
        git(root, "config", key, f"touch {marker}")
    git(root, "config", "diff.python.textconv", f"touch {marker}; cat")
    (tmp_path / ".gitattributes").write_text("*.py diff=python\n")
    (tmp_path / "a.py").write_text(SMPP)
    res = run("scan", root, "--changed-since", "main", "--format", "json", "--exit-zero")
    assert res.exit_code == 0, res.output
    assert {f["path"] for f in json.loads(res.output)["findings"]} == {"a.py"}
    assert not marker.exists()


def test_baseline_state_on_every_result_even_when_all_known(tmp_path):
    root = project(tmp_path, {"gw/smpp.py": SMPP})
    base = str(tmp_path / "b.json")
    run("baseline", "create", root, "-o", base)
    doc = json.loads(run("scan", root, "--baseline", base, "--format", "sarif").output)
    validate(doc)
    results = doc["runs"][0]["results"]
    assert all("baselineState" in r for r in results)
    assert not [r for r in results if r["ruleId"].startswith("SMS1")]  # known: left out


def test_oversized_sarif_is_exit_2(monkeypatch, tmp_path):
    import scanner.github as gh

    monkeypatch.setattr(gh, "MAX_GZIP_BYTES", 100)
    res = run("scan", EXAMPLE, "--sarif", str(tmp_path / "o.sarif"), "--exit-zero")
    assert res.exit_code == 2 and "10 MB upload limit" in res.output
    assert not (tmp_path / "o.sarif").exists()
