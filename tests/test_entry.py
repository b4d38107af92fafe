"""The `smsscan` entry point reads the pre-commit hook's command line without click and
must give exactly what the click command gives: same stdout, stderr and exit code."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from scanner.entry import hook_args
from scanner.scan_command import ScanArgs

ENTRY = "import sys; from scanner.entry import main; main()"
CLICK = "import sys; from scanner.cli import main; main()"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["scan", "--no-color", "--jobs", "1", "a.py"], ScanArgs(("a.py",), jobs=1, color=False)),
        (["scan", "-j", "2", "--color", "a.py"], ScanArgs(("a.py",), jobs=2, color=True)),
        (["scan", "-j3", "a.py", "--no-color"], ScanArgs(("a.py",), jobs=3, color=False)),
        (["scan", "--jobs=0", "--color", "--no-color"], ScanArgs((), color=False)),  # last wins
        (
            ["scan", "--fail-on", "high", "--fail-on=C", "--exit-zero", "a.py"],
            ScanArgs(("a.py",), fail_on=("high", "C"), exit_zero=True),
        ),
        (["scan", "--no-color", "--", "-dash.py"], ScanArgs(("-dash.py",), color=False)),
        (["scan", "--no-color", "--", "a.py", "--color"], None),  # a path "--color": missing
        (
            ["scan", "--format", "sarif", "-o", "out.sarif", "a.py"],
            ScanArgs(("a.py",), fmt="sarif", output="out.sarif"),
        ),
        (
            ["scan", "--format=json", "--output=r.json", "-j2", "a.py"],
            ScanArgs(("a.py",), fmt="json", output="r.json", jobs=2),
        ),
        (
            ["scan", "-or.md", "--format", "text", "a.py"],
            ScanArgs(("a.py",), fmt="text", output="r.md"),
        ),
        (["scan", "-o", "-", "a.py"], ScanArgs(("a.py",))),
    ],
)
def test_hook_command_lines_are_read(
    argv: list[str], expected: ScanArgs | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "-dash.py").write_text("x = 1\n")
    assert hook_args(argv) == expected


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--version"],
        ["rules"],
        ["scan", "--help"],
        ["scan", "-h"],
        ["scan", "--format", "JSON", "a.py"],  # click's choices are case-sensitive
        ["scan", "--format", "xml", "a.py"],
        ["scan", "--format"],
        ["scan", "-o", "--no-color", "a.py"],
        ["scan", "-o", "-x.json", "a.py"],
        ["scan", "--output=", "a.py"],
        ["scan", "-o=r.json", "a.py"],
        ["scan", "--sarif", "r.sarif", "a.py"],
        ["scan", "--explain", "a.py"],
        ["scan", "--jobs", "300", "a.py"],  # out of range: click says so
        ["scan", "--jobs", "x", "a.py"],
        ["scan", "--jobs", "+1", "a.py"],
        ["scan", "--jobs"],
        ["scan", "-j=1", "a.py"],
        ["scan", "--color=yes", "a.py"],
        ["scan", "--fail-on", "--exit-zero", "a.py"],
        ["scan", "--unknown", "a.py"],
        ["scan", "missing.py"],
        ["scan", "-"],
        ["verdict", "."],
    ],
)
def test_anything_else_goes_to_click(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text("x = 1\n")
    assert hook_args(argv) is None


def _run(code: str, args: list[str], cwd: Path) -> tuple[int, str, str]:
    env = dict(os.environ, PYTHONPATH=ROOT)
    env.pop("SMSSCAN_DEBUG", None)
    p = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, timeout=120
    )
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hook") / "repo"
    shutil.copytree(os.path.join(FIXTURES, "example"), root)
    (root / "clean.py").write_text("print('hello')\n")
    return root


def _files(root: Path) -> list[str]:
    found = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    return [f for f in found if not f.endswith(".md")][:10]


@pytest.mark.parametrize(
    "options",
    [
        ["--no-color", "--jobs", "1"],
        ["--color", "-j1"],
        ["--no-color", "--jobs=2", "--fail-on", "C"],
        ["--no-color", "--fail-on=critical", "--exit-zero"],
        ["--no-color", "--jobs", "1", "--"],
    ],
)
def test_same_output_as_the_click_command(repo: Path, options: list[str]) -> None:
    args = ["scan", *options, *_files(repo)]
    fast = _run(ENTRY, args, repo)
    assert fast == _run(CLICK, args, repo)
    assert fast[0] in (0, 1) and "Scanned" in fast[1]


@pytest.mark.parametrize(
    "args",
    [
        ["scan", "--no-color", "clean.py"],  # no findings: exit 0
        ["scan", "--no-color", "clean.py", "missing.py"],  # click's usage error
        ["scan", "--no-color", "--fail-on", "purple", "clean.py"],  # a setup error
    ],
)
def test_same_exit_and_messages_as_the_click_command(repo: Path, args: list[str]) -> None:
    assert _run(ENTRY, args, repo) == _run(CLICK, args, repo)


def test_a_bad_config_is_the_same_error(repo: Path, tmp_path: Path) -> None:
    root = tmp_path / "r"
    root.mkdir()
    (root / ".smsscan.toml").write_text("this is = not toml\n")
    (root / "a.py").write_text("x = 1\n")
    args = ["scan", "--no-color", "a.py"]
    got = _run(ENTRY, args, root)
    assert got == _run(CLICK, args, root)
    assert got[0] == 2 and "smsscan: error:" in got[2] and "not valid TOML" in got[2]


def test_the_hook_command_line_does_not_import_click(repo: Path) -> None:
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write(f'click={\"click\" in sys.modules}'))\n" + ENTRY
    )
    code, out, err = _run(probe, ["scan", "--no-color", "--jobs", "1", *_files(repo)], repo)
    assert code == 1 and "Scanned" in out
    assert err.endswith("click=False")
    code, out, err = _run(probe, ["scan", "--explain", "clean.py"], repo)
    assert code == 0 and err.endswith("click=True")  # not the hook's shape: click reads it


@pytest.mark.parametrize(
    "options",
    [
        ["--format", "json"],
        ["--format", "sarif", "--exit-zero"],
        ["--format", "markdown", "--no-color"],
        ["--format=text", "--color"],
        ["-o", "{out}/r.sarif"],  # the format from the file name
        ["--format", "json", "--output", "{out}/r.txt", "-j", "2"],
        ["-o{out}/deep/r.md"],  # a directory made on the way
    ],
)
def test_ci_output_options_give_what_the_click_command_gives(
    repo: Path, options: list[str], tmp_path: Path
) -> None:
    outputs = []
    for code, name in ((ENTRY, "fast"), (CLICK, "click")):
        out = tmp_path / name
        out.mkdir()
        args = ["scan", *(o.replace("{out}", str(out)) for o in options), *_files(repo)]
        cwd = os.getcwd()
        os.chdir(repo)
        try:
            assert hook_args(args) is not None  # read without click
        finally:
            os.chdir(cwd)
        result = _run(code, args, repo)
        written = {
            p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
            for p in out.rglob("*")
            if p.is_file()
        }
        outputs.append((result, written))
    assert outputs[0] == outputs[1]
    assert outputs[0][0][0] in (0, 1)
