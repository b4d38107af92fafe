"""SARIF validates against the OASIS 2.1.0 schema and meets GitHub's requirements."""

from __future__ import annotations

import json
import os

import jsonschema
import pytest
from conftest import FIXTURES, SHARED_SARIF_SCHEMA
from helpers import make_report, scan_dir

from scanner.report import sarif


def schema():
    if not os.path.exists(SHARED_SARIF_SCHEMA):
        if os.environ.get("CI"):
            pytest.fail(f"SARIF schema missing at {SHARED_SARIF_SCHEMA}")
        pytest.skip("shared SARIF schema not available")
    with open(SHARED_SARIF_SCHEMA, encoding="utf-8") as fh:
        return json.load(fh)


def validate(doc):
    jsonschema.Draft4Validator(schema()).validate(doc)


@pytest.fixture(scope="module")
def example_sarif():
    result = scan_dir(os.path.join(FIXTURES, "example"))
    return sarif.to_dict(make_report(result, category="smsscan/full"))


def test_schema_valid(example_sarif):
    validate(example_sarif)


def test_github_requirements(example_sarif):
    assert example_sarif["$schema"].endswith("sarif-2.1.0.json")
    run = example_sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    for r in rules:
        assert r["shortDescription"]["text"] and len(r["shortDescription"]["text"]) <= 1024
        assert r["fullDescription"]["text"] and len(r["fullDescription"]["text"]) <= 1024
        assert r["help"]["text"] and r["help"]["markdown"]
        assert r["helpUri"].startswith("https://")
        assert r["defaultConfiguration"]["level"] in ("note", "warning", "error")
        assert r["name"] != r["id"]
        props = r["properties"]
        assert 0 < len(props["tags"]) <= 10
        assert props["precision"] in ("very-high", "high", "medium", "low")
        if "security-severity" in props:
            assert 0 < float(props["security-severity"]) <= 10
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["automationDetails"]["id"] == "smsscan/full"
    assert run["invocations"][0]["executionSuccessful"] is True
    assert run["results"]
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["message"]["text"].endswith(".")
        assert len(res["locations"]) == 1
        loc = res["locations"][0]["physicalLocation"]
        assert not loc["artifactLocation"]["uri"].startswith("/")
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        region = loc["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert region["endLine"] >= region["startLine"] and region["endColumn"] >= 1
        fps = res["partialFingerprints"]
        assert ":" in fps["primaryLocationLineHash"]
        assert len(fps["smsscan/v1"]) == 32
    assert run["properties"]["verdict"]["primary"] == "C"


def test_empty_scan_is_valid(tmp_path):
    (tmp_path / "hello.py").write_text("print('hi')\n")
    doc = sarif.to_dict(make_report(scan_dir(str(tmp_path))))
    validate(doc)
    assert doc["runs"][0]["results"] == []


def test_notifications_are_valid(tmp_path):
    (tmp_path / "x.py").write_bytes(b"import smpplib\n\xff\xff\n")
    (tmp_path / "b.py").write_bytes(b"\x00" * 10)
    doc = sarif.to_dict(make_report(scan_dir(str(tmp_path))))
    validate(doc)
    notes = doc["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert {n["descriptor"]["id"] for n in notes} >= {"decode-lossy", "skipped-binary"}
