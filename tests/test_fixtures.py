"""Fixture projects: every finding must be announced by an `expect:` marker on
its line (or in the project's EXPECTED file), and every marker must be found."""

from __future__ import annotations

import os

import pytest
from conftest import FIXTURES
from helpers import findings_by_file, project_expectations, scan_dir

PROJECTS = sorted(
    d
    for d in os.listdir(FIXTURES)
    if os.path.isdir(os.path.join(FIXTURES, d)) and d not in ("golden",)
)


@pytest.mark.parametrize("project", PROJECTS)
def test_fixture_project(project):
    root = os.path.join(FIXTURES, project)
    result = scan_dir(root)
    got = findings_by_file(result.findings)
    want = project_expectations(root)
    problems = []
    for path in sorted(set(got) | set(want)):
        g, w = got.get(path, set()), want.get(path, set())
        for line, rid in sorted(g - w):
            problems.append(f"unexpected {rid} at {path}:{line}")
        for line, rid in sorted(w - g):
            problems.append(f"missing {rid} at {path}:{line}")
    assert not problems, "\n".join(problems)
