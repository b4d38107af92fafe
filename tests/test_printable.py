"""Scanned text cannot drive the reviewer's terminal: text and Markdown reports escape
control and bidi characters; JSON keeps the exact value (JSON escapes it itself)."""

from __future__ import annotations

import json
import re
import unicodedata

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.cli import main
from scanner.report.printable import _UNSAFE, printable

# an OSC title change, a screen clear, a carriage return and a right-to-left override,
# inside a host literal that ends up in a finding's message
HOST = "smsc\\x1b]0;pwned\\x07\\x1b[2J\\r\\u202e.example.net"
SOURCE = f'import smpplib.client\nclient = smpplib.client.Client("{HOST}", 2775)\n'
RAW_HOST = "smsc\x1b]0;pwned\x07\x1b[2J\r\u202e.example.net"
OUR_SGR = re.compile(r"\x1b\[\d+m")  # the colours the text report adds itself


def _scan(tmp_path, *args: str) -> str:
    (tmp_path / "app.py").write_text(SOURCE, encoding="utf-8")
    res = CliRunner().invoke(
        main, ["scan", str(tmp_path / "app.py"), "--root", str(tmp_path), *args]
    )
    assert res.exit_code == 1, res.output
    return res.output


def _unsafe(text: str) -> list[str]:
    return [
        c
        for c in text
        if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F or c in "\u202e\u2066\u200f"
    ]


def test_text_report_shows_escapes(tmp_path) -> None:
    out = _scan(tmp_path, "--no-color")
    assert _unsafe(out) == []
    assert "smsc\\x1b]0;pwned\\x07\\x1b[2J\\r\\u202e.example.net" in out


def test_coloured_text_report_has_only_its_own_colours(tmp_path) -> None:
    out = _scan(tmp_path, "--color")
    assert _unsafe(OUR_SGR.sub("", out)) == []
    assert OUR_SGR.search(out)


def test_markdown_report_shows_escapes(tmp_path) -> None:
    out = _scan(tmp_path, "--format", "markdown")
    assert _unsafe(out) == []
    assert "\\x1b]0;pwned" in out


def test_verdict_command_shows_escapes(tmp_path) -> None:
    (tmp_path / "app.py").write_text(SOURCE, encoding="utf-8")
    res = CliRunner().invoke(main, ["verdict", str(tmp_path)])
    assert res.exit_code in (0, 1), res.output
    assert "smsc\\x1b]0;pwned" in res.output
    assert _unsafe(res.output) == []


def test_json_keeps_the_exact_value(tmp_path) -> None:
    data = json.loads(_scan(tmp_path, "--format", "json"))
    assert any(RAW_HOST in f["message"] for f in data["findings"])


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_printable_escapes_every_unsafe_character_and_nothing_else(text: str) -> None:
    shown = printable(text)
    assert _unsafe(shown) == []
    assert not any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in shown)
    assert "\u2028" not in shown and "\u2029" not in shown
    if _UNSAFE.search(text) is None:
        assert shown == text


def test_markdown_cells_cannot_become_links_images_or_html() -> None:
    from scanner.report.markdown import _cell

    shown = _cell("![x](https://e.example/p.png) <img src=x> `c` a|b \\ [y]")
    assert shown == "!\\[x\\](https://e.example/p.png) \\<img src=x\\> \\`c\\` a\\|b \\\\ \\[y\\]"


def test_markdown_code_spans_hold_any_backticks() -> None:
    from scanner.report.markdown import _code

    assert _code("app.py:3") == "`app.py:3`"
    assert _code("a`b.py") == "``a`b.py``"
    assert _code("`x``") == "``` `x`` ```"


def test_markdown_report_keeps_a_crafted_file_name_in_code(tmp_path) -> None:
    name = "evil`[x](https:e.example)<img src=x>.py"  # no slash: one file name
    (tmp_path / name).write_text("import smpplib.client\n", encoding="utf-8")
    res = CliRunner().invoke(
        main, ["scan", str(tmp_path), "--root", str(tmp_path), "--format", "markdown"]
    )
    assert res.exit_code == 1, res.output
    assert f"``{name}:1``" in res.output
    assert f"`{name}:1`" not in res.output.replace(f"``{name}:1``", "")
