"""The scan survives hostile trees: binary, GB18030, invalid UTF-8, symlink loops,
symlinks out of the root, unreadable files, FIFOs, Python 2 - and still reports
the findings of the good files."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from scanner.cli import main

GOOD = "import smpplib.client\nc = smpplib.client.Client('10.1.1.1', 2775)\n"


@pytest.fixture
def hostile_tree(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    (root / "good.py").write_text(GOOD)
    (root / "blob.py").write_bytes(b"\x00\x01\x02smpplib\x00" * 100)
    (root / "legacy_gb.py").write_bytes(
        "# 短信网关 CMPP 发送\nimport smpplib.client\n".encode("gb18030")
    )
    (root / "bad_utf8.py").write_bytes(b"import smpplib.client\nx = '\xff\xfe\xfa'\n")
    (root / "py2.py").write_text(
        "import smpplib.client\nprint 'sending'\nclient = smpplib.client.Client('10.2.2.2', 2775)\n"
    )
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "etc_link").symlink_to("/etc", target_is_directory=True)
    (root / "passwd_link").symlink_to("/etc/passwd")
    secret = root / "unreadable.py"
    secret.write_text(GOOD)
    secret.chmod(0)
    os.mkfifo(root / "pipe.py")
    return root


def test_hostile_tree(hostile_tree):
    runner = CliRunner()
    res = runner.invoke(
        main, ["scan", str(hostile_tree), "--format", "json"], catch_exceptions=False
    )
    assert res.exit_code in (0, 1), res.output
    data = json.loads(res.output)
    paths = {f["path"] for f in data["findings"]}
    assert "good.py" in paths
    assert "legacy_gb.py" in paths
    assert "py2.py" in paths
    assert "bad_utf8.py" in paths
    notes = {(n["path"], n["code"]) for n in data["notifications"]}
    assert ("blob.py", "skipped-binary") in notes
    assert ("legacy_gb.py", "decoded-gb18030") in notes
    assert ("bad_utf8.py", "decode-lossy") in notes
    assert ("py2.py", "parse-fallback") in notes
    assert ("etc_link", "symlink-outside-root") in notes
    assert ("passwd_link", "symlink-outside-root") in notes
    assert ("loop", "symlink-dir") in notes
    assert ("pipe.py", "skipped-special") in notes
    if os.geteuid() != 0:  # root can read mode-000 files
        assert ("unreadable.py", "unreadable") in notes
    py2 = [f for f in data["findings"] if f["path"] == "py2.py"]
    assert {f["rule_id"] for f in py2} == {"SMS1001", "SMS1002"}


def test_explicit_file_is_scanned_even_if_ignored(tmp_path):
    (tmp_path / ".gitignore").write_text("ignored.py\n")
    (tmp_path / "ignored.py").write_text(GOOD)
    runner = CliRunner()
    res = runner.invoke(main, ["scan", str(tmp_path), "--format", "json"])
    assert json.loads(res.output)["findings"] == []
    res = runner.invoke(
        main, ["scan", str(tmp_path / "ignored.py"), "--root", str(tmp_path), "--format", "json"]
    )
    assert {f["path"] for f in json.loads(res.output)["findings"]} == {"ignored.py"}


def test_gitignore_nested_and_smsscanignore(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / ".gitignore").write_text("gen/\n")
    (tmp_path / "a" / "gen").mkdir()
    (tmp_path / "a" / "gen" / "x.py").write_text(GOOD)
    (tmp_path / ".smsscanignore").write_text("vendor/\n")
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "y.py").write_text(GOOD)
    (tmp_path / "a" / "z.py").write_text(GOOD)
    res = CliRunner().invoke(main, ["scan", str(tmp_path), "--format", "json"])
    assert {f["path"] for f in json.loads(res.output)["findings"]} == {"a/z.py"}


def test_oversized_file_is_reported(tmp_path):
    (tmp_path / "big.py").write_text(GOOD + "#" * 5000)
    res = CliRunner().invoke(
        main, ["scan", str(tmp_path), "--format", "json", "--max-file-size", "1k"]
    )
    data = json.loads(res.output)
    assert ("big.py", "skipped-size") in {(n["path"], n["code"]) for n in data["notifications"]}


def test_listed_files_are_not_measured_named_files_are(tmp_path):
    from scanner.walk import UNKNOWN_SIZE, walk

    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.py").write_text(GOOD)
    (tmp_path / "b.py").write_text(GOOD)
    listed = walk([str(tmp_path)], str(tmp_path))
    assert {(e.relpath, e.size) for e in listed.entries} == {
        ("b.py", UNKNOWN_SIZE),
        ("sub/a.py", UNKNOWN_SIZE),
    }
    named = walk([str(tmp_path / "b.py")], str(tmp_path))
    assert [(e.relpath, e.size) for e in named.entries] == [("b.py", len(GOOD))]


def test_oversized_file_is_reported_with_its_size_in_every_way_it_is_found(tmp_path):
    (tmp_path / "big.py").write_text(GOOD + "#" * 5000)
    size = len(GOOD) + 5000
    for target in (tmp_path, tmp_path / "big.py"):  # listed (measured when read) and named
        res = CliRunner().invoke(
            main,
            [
                "scan",
                str(target),
                "--root",
                str(tmp_path),
                "--max-file-size",
                "1k",
                "--format",
                "json",
            ],
        )
        notes = json.loads(res.output)["notifications"]
        assert [(n["path"], n["code"]) for n in notes] == [("big.py", "skipped-size")]
        assert f"file is {size} bytes" in notes[0]["message"]
