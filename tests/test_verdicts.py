"""Expected verdict of every fixture project, and its Markdown review report.

A project that does not exist (yet) is skipped, not failed."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

import pytest
from conftest import FIXTURES, SHARED_SARIF_SCHEMA
from helpers import make_report, scan_dir

from scanner.infer import top_reasons
from scanner.report import markdown, sarif


@dataclass(frozen=True)
class Want:
    scenarios: tuple[str, ...]
    primary: str
    test_only: bool = False  # some evidence is test-only
    dormant: bool = False
    exposure: bool = False
    warning: bool = False  # exposure warning (A path exposed)
    library: str = ""  # the repository is this SMS library
    confidence: tuple[tuple[str, str], ...] = ()  # (scenario, level) to check


EXPECTED: dict[str, Want] = {
    "example": Want(("B", "C"), "C", test_only=True, confidence=(("B", "high"), ("C", "high"))),
    "go-cmpp-gateway": Want(("C",), "C", test_only=True, confidence=(("C", "high"),)),
    "python-cmpp-handrolled": Want(("C",), "C", confidence=(("C", "high"),)),
    "node-smpp-client": Want(("C",), "C", test_only=True),
    "smpp-simulator": Want((), "none", test_only=True),
    "spring-aliyun-sms": Want(("B",), "B", exposure=True),
    "django-tencent-sms": Want(("B",), "B"),
    "php-easy-sms": Want(("B",), "B"),
    "kannel-goip": Want(("A", "C"), "C"),
    "gammu-smsd-spool": Want(("A",), "A", confidence=(("A", "high"),)),
    "unrelated-digits": Want((), "none"),
    "manifests-zoo": Want(
        ("A", "B", "C"),
        "C",
        test_only=True,
        confidence=(("A", "low"), ("B", "low"), ("C", "low")),
    ),
    "bastion-mixed": Want(("B", "C"), "C", dormant=True, confidence=(("B", "high"), ("C", "high"))),
    "modem-internal-exposed": Want(("A",), "A", exposure=True, warning=True),
}


def _report(project: str):
    root = os.path.join(FIXTURES, project)
    if not os.path.isdir(root):
        pytest.skip(f"fixture project {project} not present yet")
    return make_report(scan_dir(root))


@pytest.mark.parametrize("project", sorted(EXPECTED))
def test_fixture_verdict(project: str) -> None:
    want = EXPECTED[project]
    v = _report(project).verdict
    got = (v.scenarios, v.primary)
    assert got == (want.scenarios, want.primary), "\n".join(
        f"{t.path}:{t.line} {t.rule_id} -> {t.row} {t.outcome} {t.scenario}" for t in v.trace
    )
    assert bool(v.test_only) == want.test_only
    assert bool(v.dormant) == want.dormant
    assert bool(v.exposure) == want.exposure
    assert bool(v.exposure_warning) == want.warning
    assert (v.library.name if v.library else "") == want.library
    for scen, level in want.confidence:
        assert v.confidence_of(scen) == level, scen


@pytest.mark.parametrize("project", sorted(EXPECTED))
def test_fixture_markdown_report(project: str) -> None:
    report = _report(project)
    v = report.verdict
    md = markdown.render(report)
    assert md.startswith("# SMS licensing review")
    for section in ("## Verdict", "## Licences", "## SMS sending paths", "## What to do"):
        assert section in md
    if v.scenarios:
        assert v.summary in md
        for r in top_reasons(v.reasons):
            assert f"`{r.path}:{r.line}`" in md
    else:
        assert "No SMS-sending scenario found" in md
    if v.test_only:
        assert "## Test-only evidence (not counted)" in md
    if v.dormant:
        assert "## Dormant evidence (not counted)" in md
    if v.exposure:
        assert "## Public exposure" in md
    if v.exposure_warning:
        assert "**Warning.**" in md


@pytest.mark.parametrize("project", sorted(EXPECTED))
def test_fixture_sarif_has_one_result_per_scenario(project: str) -> None:
    report = _report(project)
    doc = sarif.to_dict(report)
    run = doc["runs"][0]
    repo_level = [r for r in run["results"] if r["ruleId"] in ("SMS9001", "SMS9002", "SMS9003")]
    assert sorted(r["properties"]["scenario"] for r in repo_level) == sorted(
        report.verdict.scenarios
    )
    for r in repo_level:
        first = r["message"]["text"].split(". ")[0]
        assert f"scenario {r['properties']['scenario']}" in first
        assert "licence" in first
        region = r["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1
    assert run["properties"]["verdict"] == report.verdict.to_dict()
    if os.path.exists(SHARED_SARIF_SCHEMA):
        import jsonschema

        with open(SHARED_SARIF_SCHEMA, encoding="utf-8") as fh:
            jsonschema.Draft4Validator(json.load(fh)).validate(doc)


def test_top_reasons_count_a_reason_once_wherever_on_its_line_it_is():
    # reasons that differ only in span, snippet or line hash are the same evidence (`key`)
    from scanner.infer import Reason
    from scanner.model import Span

    a = Reason("C", "SMS1001", "a.py", 3, "m", "high", "import", "T1", Span(3, 1, 3, 9), "x")
    a2 = a._replace(span=Span(3, 12, 3, 20), snippet="y", line_hash="h")
    b = Reason("C", "SMS1002", "a.py", 4, "m", "low", "call", "T2")
    c = Reason("C", "SMS1003", "b.py", 5, "m", "medium", "call", "T3")
    assert a.key == a2.key and a != a2
    # b.py is preferred as a second path; `a2` is `a` again, so b is the third
    assert top_reasons((a, a2, b, c)) == (a, a2, b, c)
    assert top_reasons((a, a2, b, c), n=2) == (a, a2, c)
