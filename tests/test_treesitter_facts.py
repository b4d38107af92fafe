"""tree-sitter facts: the shortcuts of the walker agree with what tree-sitter says.

The walker reads positions and text from byte offsets and type names from kind ids
instead of asking each node for its points, text and type; these tests hold those
shortcuts to the long way on inputs that stress them (non-ASCII text, CRLF, a BOM,
long lines, syntax errors).
"""

from __future__ import annotations

import pytest

from scanner.parsers import treesitter as ts

SOURCES = {
    "java": (
        '\ufeffclass A {\r\n  // コメント\r\n  String s = "héllo \\"wörld\\"";\r\n'
        '  void f() { sms.send("📱 +1", 42L, -7, true); new Client(host, 2775); }\r\n}\n'
    ),
    "go": (
        'package main\nimport (\n\t"fmt"\n\tsmpp "github.com/fiorix/go-smpp/smpp"\n)\n'
        '// 注释\nvar t = map[string]int{"ä": 1, "b": 0x2a}\n'
        'func main() { tx := &smpp.Transmitter{Addr: "localhost:2775", User: `u`}; '
        'fmt.Println("✓", tx) }\n'
    ),
    "php": (
        "<?php\nuse Overtrue\\EasySms\\EasySms;\n$config = ['timeout' => 5.0, '🇫🇮' => 'lippu: Suomi',"
        " 'gateways' => ['aliyun' => ['access_key_id' => \"{$id}\"]]];\n"
        "$sms = new EasySms($config); $sms->send(13188888888, ['content' => 'é']);\n"
    ),
    "javascript": (
        "const twilio = require('twilio');\nconst c = twilio(sid, `tok${en}`);\n"
        "c.messages.create({body: 'Hi ☃', to: \"+15005550006\", from: num});\n"
        "x = [" + ", ".join(f"'ü{i}'" for i in range(60)) + "]; f(a.b.c(1)(2));\n"
    ),
    "kotlin": (
        'import org.jsmpp.session.SMPPSession\nval host = "smsc.example"\n'
        'fun main() { val s = SMPPSession(); s.connectAndBind(host, 2775, "sys€") }\n'
    ),
    "ruby": (
        "require 'smpp'\nconfig = { host: 'smsc', port: 2775, 'ünï' => \"x\" }\n"
        "Smpp::Transceiver.new(config, delegate)\nclient.send_sms(to: '+1', body: 'hi 😀')\n"
    ),
    "typescript": (
        'import { Client } from "smpp";\nconst c: Client = new Client({ url: "smpp://h:2775" });\n'
        "c.bind_transceiver({ system_id: 'id', password: 'pw€' }, (pdu) => {});\n"
    ),
    "csharp": (
        'using JamaaTech.Smpp.Net.Client;\nclass P { string h = "smsc"; void M() { '
        'var c = new SmppClient(); c.Connect(h, 2775, @"päss"); } }\n'
    ),
}

BROKEN = {
    kind: src[: len(src) // 2] + " @@ ((\n" + src[len(src) // 2 :] for kind, src in SOURCES.items()
}


def _cases() -> list[tuple[str, str]]:
    return [(k, s) for k, s in SOURCES.items()] + [(k, s) for k, s in BROKEN.items()]


def _captured(kind: str, data: bytes) -> list:
    import tree_sitter

    tree = ts.parser_for(kind).parse(data)
    return tree_sitter.QueryCursor(ts._grammar(kind).query).captures(tree.root_node).get("n", [])


def _descendants(node):
    yield node
    for child in node.children:
        yield from _descendants(child)


def _char_col(data: bytes, row: int, byte_col: int) -> int:
    line = data.split(b"\n")[row]
    return len(line[:byte_col].decode("utf-8", errors="replace")) + 1


@pytest.mark.parametrize(("kind", "src"), _cases())
def test_spans_match_tree_sitter_points(kind, src):
    data = src.encode("utf-8", errors="replace")
    pos = ts._Positions(data)
    tree = ts.parser_for(kind).parse(data)
    for node in _descendants(tree.root_node):
        (sr, sc), (er, ec) = node.start_point, node.end_point
        expected = (sr + 1, _char_col(data, sr, sc), er + 1, _char_col(data, er, ec))
        assert tuple(pos.span(node.start_byte, node.end_byte)) == expected, node


@pytest.mark.parametrize("line_len", [10, ts._SHORT_LINE, ts._SHORT_LINE + 1, 3000])
def test_columns_on_long_and_short_non_ascii_lines(line_len):
    line = ("é" + "a" * 9 + "😀") * (line_len // 11 + 1)
    data = ("x\n" + line + "\ny").encode()
    first = data.index(b"\n") + 1
    last = data.index(b"\n", first)
    for offset in range(first, last + 1):
        span = ts._Positions(data).span(first, offset)  # new: no column kept
        expected = len(data[first:offset].decode("utf-8", errors="replace")) + 1
        assert tuple(span) == (2, 1, 2, expected)
    pos = ts._Positions(data)
    for offset in range(last, first - 1, -1):  # one index for the line, columns kept
        expected = len(data[first:offset].decode("utf-8", errors="replace")) + 1
        assert tuple(pos.span(offset, last + 1)) == (2, expected, 3, 1)


@pytest.mark.parametrize(("kind", "src"), _cases())
def test_text_and_types_match_nodes(kind, src):
    data = src.encode("utf-8", errors="replace")
    walker = ts._Walker(kind, src, data)
    for node in _descendants(ts.parser_for(kind).parse(data).root_node):
        assert walker.names[node.kind_id] == node.type
        text = node.text.decode("utf-8", errors="replace")
        assert walker.text(node) == text
        assert walker.head(node.start_byte, node.end_byte) == text[: ts._ARG_TEXT]


def test_surrogates_are_read_as_encoded():
    src = 'class A { String s = "a\ud800b"; }'  # not encodable: becomes "?"
    facts = ts.facts(src, "java")
    assert [lit.value for lit in facts.literals] == ["a?b"]


@pytest.mark.parametrize(("kind", "src"), _cases())
def test_facts_come_in_document_order(kind, src):
    facts = ts.facts(src, kind)
    spans = [[x.span for x in group] for group in (facts.calls, facts.literals, facts.imports)]
    for group in [*spans, list(facts.comments)]:
        starts = [(s.start_line, s.start_column) for s in group]
        assert starts == sorted(starts)


def test_facts_of_a_java_file():
    facts = ts.facts(SOURCES["java"], "java")
    send = next(c for c in facts.calls if c.callee == "sms.send")
    assert [a.value for a in send.args] == ["📱 +1", "42", "-7", "true"]
    assert [a.text for a in send.args] == ['"📱 +1"', "42L", "-7", "true"]
    new = next(c for c in facts.calls if c.is_new)
    assert (new.callee, [a.text for a in new.args]) == ("Client", ["host", "2775"])
    assert [lit.value for lit in facts.literals] == ['héllo "wörld"', "📱 +1", "42L", "7", "2775"]
    # The string read as an argument keeps its own span as a literal.
    literal = facts.literals[1]
    assert literal.span.start_column == send.span.start_column + len('sms.send("') - 1
    assert [a.key for a in facts.assignments] == ["s"]
    assert facts.assignments[0].value_span.start_line == 3
    assert len(facts.comments) == 1


def test_facts_of_a_php_array():
    facts = ts.facts(SOURCES["php"], "php")
    pairs = {a.key: a.value for a in facts.assignments}
    assert pairs["timeout"] is None  # a float is no literal here
    assert pairs["🇫🇮"] == "lippu: Suomi"
    assert pairs["access_key_id"] is None  # interpolated
    assert "EasySms" in [c.callee for c in facts.calls if c.is_new]
    assert [i.module for i in facts.imports] == ["Overtrue.EasySms.EasySms"]


def test_facts_of_a_go_file():
    facts = ts.facts(SOURCES["go"], "go")
    assert [i.module for i in facts.imports] == ["fmt", "github.com/fiorix/go-smpp/smpp"]
    tx = next(c for c in facts.calls if c.is_new and c.callee == "smpp.Transmitter")
    assert [(a.name, a.value) for a in tx.args] == [("Addr", "localhost:2775"), ("User", "u")]
    assert {a.key: a.value for a in facts.assignments}["ä"] == "1"


def test_long_arguments_are_cut():
    arg = "x" * 300 + " + 'ü'"
    facts = ts.facts(f"f({arg});\ng('{'ß' * 300}');\n", "javascript")
    assert [a.text for c in facts.calls for a in c.args] == [arg[:200], "'" + "ß" * 199]


def test_the_facts_built_with_tuple_new_keep_their_field_order():
    # treesitter.py builds these with tuple.__new__ (positional, every field given)
    from scanner.facts import Arg, Assignment, Call, Literal
    from scanner.model import Span

    assert Span._fields == ("start_line", "start_column", "end_line", "end_column")
    assert Arg._fields == ("name", "value", "text")
    assert Call._fields == ("callee", "span", "args", "is_new")
    assert Literal._fields == ("value", "span", "kind")
    assert Assignment._fields == ("key", "value", "span", "path", "value_span")


def _fixture_sources() -> list[tuple[str, str]]:
    import os

    from conftest import FIXTURES

    from scanner import classify

    out = []
    for base, _dirs, files in os.walk(FIXTURES):
        for name in sorted(files):
            path = os.path.join(base, name)
            kind = classify.classify_name(path)
            if kind in classify.TREE_SITTER_KINDS:
                with open(path, encoding="utf-8", errors="replace") as fh:
                    out.append((kind, fh.read()))
    return sorted(out)


def test_call_arguments_read_on_demand_are_the_arguments_read_at_once(monkeypatch):
    # Java, Go and JS/TS calls and every constructor call read their arguments on first
    # use: the facts must be those of reading them during the walk, in every fixture
    sources = _fixture_sources()
    assert {kind for kind, _ in sources} >= {"java", "go", "javascript", "php", "kotlin"}
    lazy = [ts.facts(text, kind) for kind, text in sources]
    assert any(isinstance(c.args, ts._LazyArgs) for f in lazy for c in f.calls)
    monkeypatch.setattr(ts, "_NO_NAMED_ARGUMENTS", frozenset())
    monkeypatch.setattr(ts, "_LazyArgs", lambda walker, node, typ: walker.args(node, typ))
    eager = [ts.facts(text, kind) for kind, text in sources]
    for (kind, _), a, b in zip(sources, lazy, eager, strict=True):
        assert [(c.callee, c.span, tuple(c.args), c.is_new) for c in a.calls] == [
            (c.callee, c.span, c.args, c.is_new) for c in b.calls
        ], kind
        assert a == b, kind  # the lazy sequences compare as their tuples


def test_lazy_arguments_behave_as_their_tuple():
    facts = ts.facts('class A { void f() { g("x", 7); h(); } }', "java")
    g, h = facts.calls
    assert isinstance(g.args, ts._LazyArgs)
    assert len(g.args) == 2 and g.args[0].value == "x" and g.args[1:] == (g.args[1],)
    assert [a.value for a in g.args] == ["x", "7"] and bool(g.args) and not h.args
    assert g.args == tuple(g.args) and hash(g.args) == hash(tuple(g.args))
    assert repr(h.args) == "()"


def test_facts_with_unread_arguments_are_freed_without_the_garbage_collector():
    import gc
    import weakref

    gc.disable()
    try:
        facts = ts.facts('class A { void f() { g("x"); new B(1); } }', "java")
        lazy = facts.calls[0].args
        assert isinstance(lazy, ts._LazyArgs)
        walker = weakref.ref(lazy._walker)
        del facts, lazy
        assert walker() is None  # freed by reference counting: no cycle through the walker
    finally:
        gc.enable()
