"""docs/rules/ is generated from the rule metadata and must be fresh."""

from __future__ import annotations

import os

from conftest import ROOT

from scanner.registry import all_rules
from scanner.rules_doc import render_docs

DOCS = os.path.join(ROOT, "docs", "rules")


def test_rule_docs_are_fresh():
    wanted = render_docs(all_rules())
    present = {n for n in os.listdir(DOCS) if n.endswith(".md")} if os.path.isdir(DOCS) else set()
    assert present == set(wanted), (
        "docs/rules is stale: run `python -m scanner.rules_doc docs/rules`"
    )
    for name, content in wanted.items():
        with open(os.path.join(DOCS, name), encoding="utf-8") as fh:
            assert fh.read() == content, (
                f"docs/rules/{name} is stale: run `python -m scanner.rules_doc docs/rules`"
            )
