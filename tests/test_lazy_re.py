"""Detector patterns compile on first use and then answer as `re` patterns do."""

from __future__ import annotations

import re

from scanner import lazy_re


def test_compiles_on_first_use_and_answers_as_re():
    lazy = lazy_re.compile(r"smpp(lib)?\.(\w+)", re.I)
    assert "search" not in vars(lazy)  # nothing compiled yet
    assert lazy.pattern == r"smpp(lib)?\.(\w+)"  # the source needs no compile
    assert "search" not in vars(lazy)
    plain = re.compile(r"smpp(lib)?\.(\w+)", re.I)
    text = "import SMPPlib.client; smpp.gateway"
    assert lazy.search(text).groups() == plain.search(text).groups()  # type: ignore[union-attr]
    assert "search" in vars(lazy)  # the compiled pattern's methods are on it now
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert lazy.findall(text) == plain.findall(text)
    assert lazy.sub("x", text) == plain.sub("x", text)
    assert (lazy.flags, lazy.groups) == (plain.flags, plain.groups)


def test_bytes_patterns():
    lazy = lazy_re.compile(rb"ltai[0-9a-z]{4}")
    assert lazy.match(b"ltai5tab") is not None
    assert lazy.fullmatch(b"ltai5tab!") is None


def test_a_bad_pattern_fails_when_first_used():
    lazy = lazy_re.compile(r"(unclosed")
    try:
        lazy.search("x")
    except re.error:
        pass
    else:  # pragma: no cover
        raise AssertionError("expected re.error")
