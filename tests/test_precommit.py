"""pre-commit: the manifest, batching invariance, and the real `pre-commit` tool.

The end-to-end tests run `pre-commit try-repo` on a copy of this repository's
`.pre-commit-hooks.yaml` in which only `language`/`entry` are changed to run the
already-installed smsscan (`language: unsupported`, the new name of `system`):
`language: python` would make pre-commit pip-install smsscan and its
dependencies from the network, which tests must never touch. Everything else
(ids, types, pass_filenames, always_run, require_serial, stages) is ours.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import FIXTURES, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

pre_commit = pytest.importorskip("pre_commit")

MANIFEST = os.path.join(ROOT, ".pre-commit-hooks.yaml")
CMPP = os.path.join(
    FIXTURES, "example", "gw-java", "src", "main", "java", "com", "acme", "gw", "CmppGateway.java"
)
ALIYUN = os.path.join(FIXTURES, "example", "notify", "aliyun_sms.py")


def test_manifest_is_valid_and_modern():
    from pre_commit.clientlib import load_manifest

    hooks = {h["id"]: h for h in load_manifest(MANIFEST)}
    per_file, verdict = hooks["smsscan"], hooks["smsscan-verdict"]
    assert per_file["pass_filenames"] is True and per_file["require_serial"] is False
    assert per_file["types"] == ["text"]
    assert verdict["pass_filenames"] is False and verdict["always_run"] is True
    assert verdict["require_serial"] is True
    for h in hooks.values():
        assert h["minimum_pre_commit_version"] == "3.2.0"
        assert set(h["stages"]) <= {"pre-commit", "pre-push", "manual"}
        assert h["language"] == "python" and h["entry"].split()[0] == "smsscan"


# --- batching invariance ----------------------------------------------------------------------

FILES = sorted(
    os.path.relpath(os.path.join(d, n), os.path.join(FIXTURES, "example")).replace(os.sep, "/")
    for d, _, names in os.walk(os.path.join(FIXTURES, "example"))
    for n in names
)


def _scan(files: list[str]) -> tuple[set[tuple[str, str, int, str]], bool]:
    from scanner.model import ScanResult
    from scanner.workflow import plan
    from scanner.workflow_cli import run_plan

    root = os.path.join(FIXTURES, "example")
    p = plan([os.path.join(root, f) for f in files], root)
    result = run_plan(p, jobs=1)
    assert isinstance(result, ScanResult)
    got = {(f.path, f.rule_id, f.span.start_line, f.fingerprint) for f in result.findings}
    return got, bool(p.policy.failing(result.findings))


WHOLE = _scan(FILES)


@settings(max_examples=12, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=len(FILES), max_size=len(FILES)))
def test_any_partition_gives_the_same_answer(assignment):
    batches: dict[int, list[str]] = {}
    for f, b in zip(FILES, assignment, strict=True):
        batches.setdefault(b, []).append(f)
    union: set[tuple[str, str, int, str]] = set()
    failed = False
    for files in batches.values():
        got, fails = _scan(files)
        union |= got
        failed |= fails
    assert (union, failed) == WHOLE


@pytest.fixture(scope="module")
def rich_project(tmp_path_factory):
    """Suppressions (used and unused), a declared policy and a baseline: all per file."""
    from test_workflow_config import ALIYUN as PY_ALIYUN
    from test_workflow_config import SMPP

    from scanner import baseline as bl
    from scanner.workflow import plan
    from scanner.workflow_cli import run_plan

    root = tmp_path_factory.mktemp("rich")
    files = {
        "gw/smpp.py": SMPP.replace(
            "    client.connect()\n", "    client.connect()  # smsscan: ignore[SMS1002] lab\n"
        ).replace("import smpplib.client\n", "import smpplib.client  # smsscan: ignore[SMS1001]\n"),
        "gw/old.py": "x = 1  # smsscan: ignore[SMS1001] stale\n",
        "notify/sms.py": PY_ALIYUN,
        "gw2/smpp.py": SMPP,
        "util.py": "def f():\n    return 1\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    known = run_plan(plan([str(root / "gw2")], str(root)))
    (root / "b.json").write_text(bl.render(known.findings))  # type: ignore[attr-defined]
    (root / ".smsscan.toml").write_text(
        'baseline = "b.json"\nrequire-reason = true\n[policy]\ndeclared = ["B"]\n'
    )
    (root / "gw2" / "smpp.py").write_text(
        SMPP + "\n\ndef again():\n    return smpplib.client.Client('10.8.1.21', 2775)\n"
    )
    return str(root), sorted(files)


@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_partitions_with_suppressions_policy_and_baseline(rich_project, data):
    from scanner.model import ScanResult
    from scanner.workflow import plan
    from scanner.workflow_cli import run_plan

    root, files = rich_project

    def scan(batch):
        p = plan([os.path.join(root, f) for f in batch], root)
        result = run_plan(p, jobs=1)
        assert isinstance(result, ScanResult)
        got = {
            (f.path, f.rule_id, f.span.start_line, f.fingerprint, f.baseline_state, f.suppression)
            for f in result.findings
        }
        return got, bool(p.policy.failing(result.findings))

    whole = scan(files)
    assignment = data.draw(st.lists(st.integers(0, 2), min_size=len(files), max_size=len(files)))
    batches: dict[int, list[str]] = {}
    for f, b in zip(files, assignment, strict=True):
        batches.setdefault(b, []).append(f)
    union: set = set()
    failed = False
    for batch in batches.values():
        got, fails = scan(batch)
        union |= got
        failed |= fails
    assert (union, failed) == whole
    rules = {r[1] for r in whole[0]}
    assert {"SMS9900", "SMS9901"} <= rules  # the interesting cases are really there
    assert {r[4] for r in whole[0]} == {"new", "unchanged"}


# --- the real pre-commit tool -----------------------------------------------------------------


def _empty_gitconfig() -> str:
    """An empty global git config (not /dev/null: it is not always a device in sandboxes)."""
    import tempfile

    path = os.path.join(tempfile.gettempdir(), "smsscan-test-empty.gitconfig")
    if not os.path.exists(path):
        with open(path, "w", encoding="utf-8"):
            pass
    return path


def _env(tmp_path) -> dict[str, str]:
    bindir = os.path.dirname(
        shutil.which("smsscan") or os.path.join(os.path.dirname(sys.executable), "smsscan")
    )
    return {
        **os.environ,
        "PATH": bindir + os.pathsep + os.environ.get("PATH", ""),
        "PRE_COMMIT_HOME": str(tmp_path / "pc-home"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_GLOBAL": _empty_gitconfig(),
        "GIT_CONFIG_NOSYSTEM": "1",
        "PIP_NO_INDEX": "1",  # belt and braces: nothing may be downloaded
        "NO_COLOR": "1",
    }


def _git(cwd, env, *args):
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.fixture
def hook_repo(tmp_path):
    """A copy of our manifest that runs the installed smsscan instead of pip-installing it."""
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    env = _env(tmp_path)
    repo = tmp_path / "hooks"
    repo.mkdir()
    with open(MANIFEST, encoding="utf-8") as fh:
        hooks = yaml.safe_load(fh)
    smsscan = shutil.which("smsscan", path=env["PATH"])
    assert smsscan
    from pre_commit import constants

    major, minor = (int(x) for x in constants.VERSION.split(".")[:2])
    for h in hooks:
        h["language"] = "unsupported" if (major, minor) >= (4, 4) else "system"
        h["entry"] = h["entry"].replace("smsscan", smsscan, 1)
    (repo / ".pre-commit-hooks.yaml").write_text(yaml.safe_dump(hooks, sort_keys=False))
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", ".")
    _git(repo, env, "commit", "-q", "-m", "hooks")
    return str(repo), env


def _try(project, hook_repo, hook, *extra):
    repo, env = hook_repo
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", repo, hook, "--color", "never", *extra],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_hook_passes_clean_and_fails_on_cmpp_client(tmp_path, hook_repo):
    _, env = hook_repo
    project = tmp_path / "project"
    project.mkdir()
    _git(project, env, "init", "-q")
    (project / "util.py").write_text("def add(a, b):\n    return a + b\n")
    _git(project, env, "add", "util.py")
    res = _try(project, hook_repo, "smsscan")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "Passed" in res.stdout
    _git(project, env, "commit", "-q", "-m", "clean")
    dest = project / "src" / "CmppGateway.java"
    dest.parent.mkdir()
    shutil.copy(CMPP, dest)
    _git(project, env, "add", ".")
    res = _try(project, hook_repo, "smsscan")
    assert res.returncode == 1, res.stdout + res.stderr
    out = res.stdout
    assert "Failed" in out and "src/CmppGateway.java" in out and "SMS2002" in out
    assert "FAILED:" in out and "scenario C" in out  # the actionable last line


def test_verdict_hook_fails_when_code_moves_from_b_into_c(tmp_path, hook_repo):
    _, env = hook_repo
    project = tmp_path / "project"
    project.mkdir()
    _git(project, env, "init", "-q")
    (project / "pyproject.toml").write_text('[tool.smsscan.policy]\ndeclared = ["B"]\n')
    shutil.copy(ALIYUN, project / "sms.py")
    _git(project, env, "add", ".")
    res = _try(project, hook_repo, "smsscan-verdict", "--hook-stage", "pre-push")
    assert res.returncode == 0, res.stdout + res.stderr
    shutil.copy(CMPP, project / "CmppGateway.java")
    _git(project, env, "add", ".")
    res = _try(project, hook_repo, "smsscan-verdict", "--hook-stage", "pre-push")
    assert res.returncode == 1, res.stdout + res.stderr
    assert "beyond the policy (declared B)" in res.stdout
