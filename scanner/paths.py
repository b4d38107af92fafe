"""Path conventions: which files are test-only evidence."""

from __future__ import annotations

import re

from scanner import lazy_re

_TEST_DIRS = frozenset(
    {
        "test",
        "tests",
        "testing",
        "__tests__",
        "__mocks__",
        "spec",
        "specs",
        "testdata",
        "test-data",
        "test_data",
        "fixtures",
        "fixture",
        "example",
        "examples",
        "sample",
        "samples",
        "demo",
        "demos",
        "mock",
        "mocks",
        "simulator",
        "simulators",
        "benchmark",
        "benchmarks",
        "e2e",
        "integration-tests",
    }
)
_TEST_FILE = lazy_re.compile(
    r"(?:^test_.*\.py$|_test\.(?:py|go|rb|exs?)$|^test.*\.py$|Tests?\.(?:java|kt|cs|php)$|"
    r"\.(?:test|spec)\.(?:[cm]?[jt]sx?)$|_spec\.rb$|^conftest\.py$|(?:Mock|Fake|Stub|Simulator)\w*\.\w+$)",
    re.IGNORECASE,
)


def is_test_path(path: str) -> bool:
    """True for files under tests / examples / demos / mocks / simulators, or named like tests."""
    parts = path.lower().split("/")
    if any(p in _TEST_DIRS for p in parts[:-1]):
        return True
    return bool(_TEST_FILE.search(path.rsplit("/", 1)[-1]))
