"""The fast `ast` reader and the libcst reader give every detector the same
findings, on every Python file of the fixture projects and every Python rule
example."""

from __future__ import annotations

import ast
import os
import re

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


def test_arguments_in_source_order_and_text_cut_to_200_characters():
    entries = "".join(f'    "key{i}": {i},\n' for i in range(40))
    code = f"f(*a, k=1, *b)\ng({{\n{entries}}}, x=-2)\n"
    f, g = python_ast.facts(code).calls
    assert [(a.name, a.text) for a in f.args] == [(None, "*a"), ("k", "1"), (None, "*b")]
    dict_text = code[code.index("{") :][:200]
    assert [(a.name, a.value, a.text) for a in g.args] == [
        (None, None, dict_text),
        ("x", "-2", "-2"),
    ]


def test_walk_skips_only_fields_without_facts():
    """The walk leaves out fields by name; for this interpreter's `ast` (the field
    types are in each node class's signature), none of them can hold a call, a
    literal or an assignment."""
    inert = {"identifier", "int", "string", "constant", "expr_context", "operator"}
    inert |= {"boolop", "cmpop", "unaryop", "type_ignore", "alias"}
    plain_names = {("TypeAlias", "name")}  # Python 3.12+: always an `ast.Name`

    def classes(cls: type) -> list[type]:
        return [c for sub in cls.__subclasses__() for c in (sub, *classes(sub))]

    for cls in classes(ast.AST):
        signature = re.fullmatch(r"\w+\((.+)\)", (cls.__doc__ or "").split("\n")[0])
        for field in signature.group(1).split(", ") if signature else ():
            kind, name = field.rsplit(" ", 1)
            if name in python_ast._NO_FACTS_FIELDS and (cls.__name__, name) not in plain_names:
                assert kind.rstrip("?*") in inert, (cls.__name__, name, kind)


def _parse_in_fresh_interpreter(code: str) -> tuple[str, list[str], bool]:
    """(parser, notes, libcst imported?) for `code` parsed as a .py file, in a new process."""
    import json
    import subprocess
    import sys

    probe = (
        "import json, sys\n"
        "from scanner.detector import FileContext\n"
        "from scanner.parsers import parse_facts\n"
        "ctx = FileContext(path='m.py', kind='python', text=sys.stdin.read(), parse=parse_facts)\n"
        "facts = ctx.facts\n"
        "print(json.dumps([facts.parser, [c for c, _ in ctx.notes], 'libcst' in sys.modules]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], input=code, capture_output=True, text=True, check=True
    )
    parser, notes, imported = json.loads(out.stdout)
    return parser, notes, imported


def test_python2_code_goes_to_the_token_reader_without_importing_libcst():
    parser, notes, imported = _parse_in_fresh_interpreter(
        "import smpplib.client\nprint 'connecting'\nclient = smpplib.client.Client('h', 2775)\n"
    )
    assert notes == ["parse-fallback"]
    assert not imported  # nothing in it needs a newer grammar: libcst could not help
    assert parser != "libcst"


def test_newer_syntax_still_gets_libcst_when_ast_cannot_read_it():
    import sys

    code = "import smpplib.client\ntype Host = str\ndef connect[T](h: T) -> T:\n    return h\n"
    parser, notes, imported = _parse_in_fresh_interpreter(code)
    if sys.version_info >= (3, 12):  # this interpreter reads it itself
        assert (notes, imported) == ([], False)
    else:
        assert (parser, notes, imported) == ("libcst", [], True)


@pytest.mark.parametrize(
    ("code", "newer"),
    [
        ("x = f'{a}'\n", True),
        ("def f[T](x): pass\n", True),
        ("class A[T]: ...\n", True),
        ("type X = int\n", True),
        ("try:\n    pass\nexcept A, B:\n    pass\n", True),
        ("print 'hi'\n", False),
        ("exec 'code'\nx = 0777\n", False),
        ("s = rb'raw'\n", False),
    ],
)
def test_newer_syntax_markers(code, newer):
    from scanner.parsers import may_use_newer_syntax

    assert may_use_newer_syntax(code) is newer
