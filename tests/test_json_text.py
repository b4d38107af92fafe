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
