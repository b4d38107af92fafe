"""The exposure gate reads Go's strings and comments from the start of the file: a bind
literal inside a raw string (test data) or a comment is no call argument."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from detectors import exposure as ex

GO = (
    "package x\n\n"
    "var metrics = `\n"
    'up{address="0.0.0.0",port="5001"} 1\n'
    "`\n\n"
    "func main() {\n"
    '\tr := \'"\' // a rune: "0.0.0.0" here is a comment\n'
    '\t_ = "`" /* "0.0.0.0" */\n'
    '\thttp.ListenAndServe("0.0.0.0:8080", nil)\n'
    '\tnet.Listen("tcp", `0.0.0.0:9090`)\n'
    "}\n"
)


def test_literals_inside_raw_strings_and_comments_do_not_count():
    tokens = ex._GoTokens(GO)
    starts = list(ex._bind_literal_starts(GO))
    covered = {GO[s : s + 14]: tokens.covers(s) for s in starts}
    assert covered == {
        '"0.0.0.0",port': True,  # inside the raw string
        '"0.0.0.0" here': True,  # in a line comment
        '"0.0.0.0" */\n\t': True,  # in a block comment
        '"0.0.0.0:8080"': False,  # a real argument
        "`0.0.0.0:9090`": False,  # a raw string that is the argument
    }
    assert ex._binds_possible(GO, "go")
    assert not ex._binds_possible(GO.split("func main")[0], "go")  # only the raw string


# a reference lexer: walk the text one token at a time, as Go's scanner does
def _reference_spans(text: str) -> list[tuple[int, int]]:
    spans, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j == -1 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j == -1:
                i += 1
                continue
            j += 2
        elif c == "`":
            j = text.find("`", i + 1)
            if j == -1:
                i += 1
                continue
            j += 1
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" and j + 1 < n and text[j + 1] != "\n" else 1
            if j >= n or text[j] != c:
                i += 1
                continue
            j += 1
        else:
            i += 1
            continue
        spans.append((i, j))
        i = j
    return spans


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(['"', "'", "`", "/", "*", "\\", "\n", "a", " ", "0.0.0.0"])))
def test_go_lexer_matches_a_reference_scanner(pieces):
    text = "".join(pieces)
    assert [m.span() for m in ex._GO_TOKEN.finditer(text)] == _reference_spans(text)
