"""The literal cores of endpoint patterns are necessary: wherever a platform's endpoint
pattern matches, one of its cores is in the folded text (the detectors skip the regex
where none is, so a wrong core would lose findings)."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors import _cloud_sms, aliyun_sms, huawei_sms, tencent_sms
from detectors._regex_cores import fold, literal_core, pattern_cores
from detectors._sms_platform_table import PLATFORMS

ALL_PLATFORMS = (*PLATFORMS, tencent_sms.PLATFORM, aliyun_sms.PLATFORM, huawei_sms.PLATFORM)
ENDPOINTS = sorted(
    {(e.pattern, e.flags) for p in ALL_PLATFORMS for e in p.endpoints},
)


def test_every_platform_endpoint_has_cores() -> None:
    # a pattern without cores would run on every literal of every file
    assert ENDPOINTS
    assert [src for src, _ in ENDPOINTS if pattern_cores(src) is None] == []


@pytest.mark.parametrize(("src", "flags"), ENDPOINTS)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_match_holds_a_core(src: str, flags: int, data: st.DataObject) -> None:
    pattern = re.compile(src, flags)
    cores = pattern_cores(src)
    assert cores is not None
    before = data.draw(st.text(max_size=5))
    middle = data.draw(st.from_regex(pattern, fullmatch=True))
    after = data.draw(st.text(max_size=5))
    text = before + middle + after
    if not pattern.search(text):  # an anchor or `\b` at the edge: the match alone
        text = middle
    assert pattern.search(text)
    assert any(core in fold(text) for core in cores), (text, cores)


def test_fold_is_ignorecase_for_ascii_letters() -> None:
    # every character that re.I matches to an ASCII letter folds to that letter, and
    # folding keeps one character for one
    letter = re.compile("[a-z]", re.I)
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        if letter.fullmatch(ch):
            a = next(a for a in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(a, ch, re.I))
            assert fold(ch) == a, (hex(cp), a)
        elif cp < 0xD800 or cp > 0xDFFF:
            assert len(fold(ch)) == 1, hex(cp)


@pytest.mark.parametrize(
    ("head", "core"),
    [
        (r"sms\.tencentcloudapi\.com", "sms.tencentcloudapi.com"),
        (r"(?:sms|us)\.yunpian\.com", ".yunpian.com"),
        (r"a{12}bc", "bc"),  # a counted quantifier is not a literal run
        (r"x\d{3}", "x"),
        (r"ab?cd", "cd"),
    ],
)
def test_literal_core(head: str, core: str) -> None:
    assert literal_core(head) == core


def test_endpoint_literals_hold_what_the_old_loop_found() -> None:
    # `holding` finds exactly the literals whose folded value holds a core
    from scanner.detector import FileContext
    from scanner.facts import CodeFacts, Literal
    from scanner.model import Span

    values = ["sms.tencentcloudapi.com", "x", "", "SMS.TencentCloudAPI.com:443", "ſms.qq"]
    lits = [Literal(v, Span(n + 1, 1, n + 1, 2)) for n, v in enumerate(values)]
    facts = CodeFacts(literals=lits)
    ctx = FileContext(path="a.py", kind="python", text="", parse=lambda _c: facts)
    got = _cloud_sms._EndpointLiterals.of(ctx)
    assert got is _cloud_sms._EndpointLiterals.of(ctx)  # built once per file
    assert got.holding(["sms."]) == [0, 3, 4]
    assert got.holding(["tencentcloudapi", "x"]) == [0, 1, 3]
    assert got.holding(["ms.q", "zzz"]) == [4]
    assert got.holding(["comx"]) == []  # "...com" ends one value, "x" is the next
