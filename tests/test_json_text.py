"""The fast indented JSON writer gives exactly the standard library's text."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.json_text import dumps

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
documents = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=40,
)


def _reference(value: Any) -> str:
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)


@settings(max_examples=400, deadline=None)
@given(documents)
def test_same_text_as_the_standard_library(value: Any) -> None:
    assert dumps(value) == _reference(value)


def test_empty_containers_tuples_and_str_enums() -> None:
    from scanner.model import Scenario

    value = {"b": [], "a": {}, "c": (1, "x"), "d": Scenario.C, "e": [{"z": None, "y": True}]}
    assert dumps(value) == _reference(value)


def _findings() -> st.SearchStrategy[Any]:
    from scanner.model import Confidence, Evidence, Finding, Scenario, Severity, Span, Suppression

    texts = st.text(max_size=12)
    return st.builds(
        Finding,
        rule_id=texts,
        path=texts,
        span=st.builds(Span, *(st.integers(0, 10**6) for _ in range(4))),
        message=texts,
        snippet=texts,
        scenario=st.sampled_from(Scenario),
        severity=st.sampled_from(Severity),
        confidence=st.sampled_from(Confidence),
        evidence=st.sampled_from(Evidence),
        fingerprint=texts,
        line_hash=texts,
        attributes=st.lists(st.tuples(texts, texts), max_size=4).map(tuple),
        test_only=st.booleans(),
        suppression=st.none() | st.builds(Suppression, texts, texts),
        baseline_state=st.none() | st.sampled_from(["new", "unchanged"]),
    )


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_finding_template_writes_what_the_writer_writes(data: st.DataObject) -> None:
    from scanner.report.json_report import finding_dict, finding_text

    finding = data.draw(_findings())
    depth = data.draw(st.integers(0, 4))
    nested: Any = finding_dict(finding)
    for _ in range(depth):
        nested = [nested]
    wrapped: Any = finding_text(finding, depth)
    for _ in range(depth):
        wrapped = [wrapped]
    assert dumps(wrapped) == dumps(nested) == _reference(nested)
    # where the JSON report places it: document > "findings" > finding
    as_placed = {"findings": [finding_text(finding, 2)], "z": 1}
    assert dumps(as_placed) == _reference({"findings": [finding_dict(finding)], "z": 1})


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_reason_template_writes_what_the_writer_writes(data: st.DataObject) -> None:
    from scanner.infer import Reason
    from scanner.report.json_report import reason_text

    texts = st.text(max_size=10)
    reason = data.draw(
        st.builds(
            Reason,
            *(texts for _ in range(3)),
            st.integers(0, 10**6),
            *(texts for _ in range(4)),
            exposure=st.sampled_from(["", "route", "bind"]),
        )
    )
    depth = data.draw(st.integers(0, 4))
    nested: Any = reason.to_dict()
    wrapped: Any = reason_text(reason, depth)
    for _ in range(depth):
        nested, wrapped = [nested], [wrapped]
    assert dumps(wrapped) == _reference(nested)
    # where the JSON report places it: document > "verdict" > "reasons" > reason
    placed = {"verdict": {"reasons": [reason_text(reason, 3)], "z": 0}}
    assert dumps(placed) == _reference({"verdict": {"reasons": [reason.to_dict()], "z": 0}})
