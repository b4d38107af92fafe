"""Detectors that read only some file names (`Detector.names`): the prefilter leaves other
files out without importing the detector, and never leaves out a file it reads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import example, given
from hypothesis import strategies as st

from detectors._manifest_reader import MANIFEST_NAMES, manifest_format
from scanner.detector import Detector
from scanner.prefilter import Prefilter, _NameFilter


def _det(name: str, **kw: object) -> Detector:
    return Detector(
        name=name, rules=(), kinds=frozenset({"python", "text"}), check=lambda c: (), **kw
    )  # type: ignore[arg-type]


@pytest.mark.parametrize("use_hyperscan", [True, False])
def test_a_detector_reads_only_its_names(use_hyperscan: bool) -> None:
    dets = [_det("any", anchors=("sms",)), _det("named", anchors=("sms",), names=("setup.py",))]
    pf = Prefilter(dets, use_hyperscan=use_hyperscan)
    data = b"import sms\n"
    assert pf.wanted_marked(data, "python", "pkg/setup.py")[0] == [0, 1]
    assert pf.wanted_marked(data, "python", "pkg/SETUP.PY")[0] == [0, 1]
    assert pf.wanted_marked(data, "python", "pkg/app.py")[0] == [0]
    assert pf.wanted_marked(data, "python")[0] == [0, 1]  # no path: nothing left out


def test_no_pass_when_only_named_detectors_cover_the_kind() -> None:
    pf = Prefilter([_det("named", names=("requirements/*.txt",))], use_hyperscan=False)
    assert pf.wanted_marked(b"x", "text", "requirements/dev.txt")[0] == [0]  # no anchors: always
    assert pf.wanted_marked(b"x", "text", "docs/dev.txt")[0] == []
    assert pf.wanted_marked(b"x", "text", "dev.txt")[0] == []


_PART = st.sampled_from(
    [
        *MANIFEST_NAMES,
        "requirements",
        "dev-requirements.txt",
        "Requirements",
        "a.txt",
        "x.py",
        "setup.py.bak",
        "src",
        "POM.XML",
        ".txt",
    ]
) | st.text(alphabet="abcR*./-_ ", max_size=12).filter(lambda s: "/" not in s and s)


@given(st.lists(_PART, min_size=1, max_size=4))
@example(["requirements", "dev.txt"])
@example(["src", "Requirements", "a.txt"])
@example(["requirements.txt"])
@example(["docs", "a.txt"])
@example(["pkg", "setup.py"])
def test_the_manifest_names_are_exactly_the_manifests(parts: list[str]) -> None:
    path = "/".join(parts)
    assert _NameFilter(MANIFEST_NAMES)(path) == (manifest_format(path) is not None), path


_PROBE = """
import sys
from scanner.engine import ScanOptions, scan
from scanner.lazy_registry import builtin
result = scan(sys.argv[1:], ".", builtin(), ScanOptions(jobs=1, rule_metadata=False))
print(len(result.findings), "detectors.dependency_manifest" in sys.modules)
"""


def test_the_dependency_detector_is_not_imported_for_other_files(tmp_path: Path) -> None:
    (tmp_path / "notify.py").write_text("import smpplib  # sms gateway client\n")
    (tmp_path / "requirements.txt").write_text("smpplib==2.2\n")

    def run(*files: str) -> str:
        env = dict(os.environ, PYTHONPATH=ROOT)
        cmd = [sys.executable, "-c", _PROBE, *files]
        done = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True)
        return done.stdout + done.stderr  # a traceback fails the comparison, in full

    assert run("notify.py") == "1 False\n"  # read, found, and the detector never imported
    assert run("notify.py", "requirements.txt") == "2 True\n"
