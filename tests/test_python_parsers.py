"""The fast `ast` reader and the libcst reader give every detector the same
findings, on every Python file of the fixture projects and every Python rule
example."""

from __future__ import annotations

import os

import pytest
from conftest import FIXTURES

import scanner.engine
from detectors import REGISTRY
from scanner.engine import ScanOptions
from scanner.parsers import python_ast, python_cst


def _python_sources() -> list[tuple[str, str]]:
    out = []
    for d, _dirs, files in os.walk(FIXTURES):
        for name in sorted(files):
            if name.endswith(".py"):
                p = os.path.join(d, name)
                with open(p, encoding="utf-8", errors="replace") as fh:
                    out.append((os.path.relpath(p, FIXTURES), fh.read()))
    for det in REGISTRY:
        for rule in det.rules:
            for i, ex in enumerate((*rule.invalid, *rule.valid)):
                if ex.path.endswith(".py"):
                    out.append((f"{rule.id}-{i}:{ex.path}", ex.code))
    return out


SOURCES = _python_sources()


def _findings(monkeypatch: pytest.MonkeyPatch, reader, path: str, code: str):
    monkeypatch.setattr(scanner.engine, "parse_facts", lambda ctx: reader(ctx.text))
    outcome = scanner.engine._run(
        path.split(":")[-1],
        "python",
        code,
        REGISTRY,
        range(len(REGISTRY)),
        [],
        len(code),
        ScanOptions(),
    )
    return [(f.rule_id, f.span, f.message, f.scenario, f.attributes) for f in outcome.findings]


@pytest.mark.parametrize(("path", "code"), SOURCES, ids=[p for p, _ in SOURCES])
def test_same_findings_through_ast_and_libcst(monkeypatch, path, code):
    try:
        python_ast.facts(code)
    except python_ast.ParseFailure:
        pytest.skip("not Python 3 for this interpreter")
    assert _findings(monkeypatch, python_ast.facts, path, code) == _findings(
        monkeypatch, python_cst.facts, path, code
    )


def test_non_ascii_columns_are_characters():
    f = python_ast.facts('x = "短信"; import smpplib\n')
    (imp,) = f.imports
    assert imp.span.start_column == 11  # characters, not UTF-8 bytes
    g = python_cst.facts('x = "短信"; import smpplib\n')
    assert g.imports[0].span == imp.span


@pytest.mark.parametrize(("path", "code"), SOURCES, ids=[p for p, _ in SOURCES])
def test_same_comment_spans(path, code):
    try:
        fast = python_ast.facts(code)
    except python_ast.ParseFailure:
        pytest.skip("not Python 3 for this interpreter")
    assert fast.comments == python_cst.facts(code).comments


def test_hash_inside_strings_is_not_a_comment():
    src = 'x = "a # not"  # yes\ns = """multi\n# inside\n"""\nf"{a} # in f"  # c2\n'
    assert python_ast.facts(src).comments == python_cst.facts(src).comments
    assert [c.start_line for c in python_ast.facts(src).comments] == [1, 5]
