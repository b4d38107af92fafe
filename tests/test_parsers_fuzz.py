"""Parsers of untrusted input never raise, whatever the bytes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scanner.decode import decode
from scanner.parsers import config, python_tokens, text

CONFIG_KINDS = [
    "yaml",
    "json",
    "xml",
    "hcl",
    "dockerfile",
    "properties",
    "ini",
    "env",
    "kannel",
    "jasmin",
    "toml",
]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=2000))
def test_decode_never_raises(data):
    d = decode(data)
    assert d.text is None or isinstance(d.text, str)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=1500), st.sampled_from(CONFIG_KINDS))
def test_config_readers_never_raise(src, kind):
    f = config.facts(src, kind)
    for a in f.assignments:
        assert a.span.start_line >= 1 and a.span.start_column >= 1


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=1500))
def test_python_token_reader_never_raises(src):
    python_tokens.facts(src)
    text.facts(src, "text")


@settings(max_examples=60, deadline=None)
@given(
    st.text(max_size=800),
    st.sampled_from(["java", "go", "javascript", "php", "csharp", "ruby", "kotlin", "typescript"]),
)
def test_treesitter_reader_never_raises(src, kind):
    from scanner.parsers import treesitter

    treesitter.facts(src, kind)
