"""Every rule's valid / invalid examples, run through the real engine path."""

from __future__ import annotations

import pytest
from helpers import expectations, scan_snippet

from detectors import REGISTRY

CASES = []
for det in REGISTRY:
    for rule in det.rules:
        for i, ex in enumerate(rule.invalid):
            CASES.append(pytest.param(rule, ex, True, id=f"{rule.id}-invalid-{i}"))
        for i, ex in enumerate(rule.valid):
            CASES.append(pytest.param(rule, ex, False, id=f"{rule.id}-valid-{i}"))


@pytest.mark.parametrize(("rule", "example", "must_fire"), CASES)
def test_example(rule, example, must_fire):
    findings = [f for f in scan_snippet(example.code, example.path) if f.rule_id == rule.id]
    got = {(f.span.start_line, f.rule_id) for f in findings}
    if must_fire:
        wanted = {e for e in expectations(example.code) if e[1] == rule.id}
        if wanted:
            assert got == wanted, f"{example.path}: expected {sorted(wanted)}, got {sorted(got)}"
        else:
            assert got, f"{rule.id} did not fire on its invalid example {example.path}"
    else:
        assert not got, f"{rule.id} fired on its valid example {example.path}: {sorted(got)}"


def test_every_rule_has_examples():
    for det in REGISTRY:
        for rule in det.rules:
            assert rule.invalid, f"{rule.id} has no invalid example"
            assert rule.valid, f"{rule.id} has no valid example"


def test_every_claimed_language_has_an_invalid_example():
    from scanner import classify

    lang_of_kind = {"tsx": "typescript"}
    for det in REGISTRY:
        for rule in det.rules:
            covered = set()
            for ex in rule.invalid:
                kind = classify.classify(ex.path, ex.code.encode()[:128]) or "text"
                covered.add(lang_of_kind.get(kind, kind))
            missing = set(rule.languages) - covered
            assert not missing, f"{rule.id} claims {sorted(missing)} without an invalid example"
