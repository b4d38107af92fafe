from __future__ import annotations

import os
import shutil
import sys
import tempfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "fixtures")
SHARED_SARIF_SCHEMA = os.path.join(ROOT, "..", "shared", "sarif", "sarif-schema-2.1.0.json")

sys.path.insert(0, os.path.join(ROOT, "tests"))


def pytest_configure(config: pytest.Config) -> None:
    # the compiled-pattern cache of the runs under test goes to a temporary directory,
    # not to the user's cache (subprocesses inherit it)
    cache = tempfile.mkdtemp(prefix="smsscan-test-cache-")
    os.environ["SMSSCAN_CACHE_DIR"] = cache
    os.environ.pop("SMSSCAN_NO_CACHE", None)
    config.add_cleanup(lambda: shutil.rmtree(cache, ignore_errors=True))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden output files")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
