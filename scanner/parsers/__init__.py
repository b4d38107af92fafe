"""Parsers: each turns a decoded file into `CodeFacts`, once.

`parse_facts(ctx)` picks the parser by the file's kind and falls back to the
next best reader when the preferred one fails (the fallback is noted).
Heavy modules (libcst, tree-sitter grammars) are imported only here, lazily.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scanner import classify as k
from scanner import lazy_re
from scanner.facts import CodeFacts

if TYPE_CHECKING:
    from scanner.detector import FileContext


# Python syntax newer than 3.11 (the oldest interpreter smsscan runs on) that libcst reads:
# f-strings, whose grammar changed in 3.12 (PEP 701); type parameters and `type` aliases
# (PEP 695); 3.14's t-strings (PEP 750) and `except A, B:` without brackets (PEP 758).
_NEWER_SYNTAX = lazy_re.compile(
    r"""(?:\b[fFtT][rR]?|\b[rR][fFtT])["']"""
    r"|\b(?:def|class)\s+\w+\s*\["
    r"|^[ \t]*type[ \t]+\w+"
    r"|\bexcept\b[^:\n]*,",
    re.MULTILINE,
)


def may_use_newer_syntax(text: str) -> bool:
    """Could `text` use Python syntax newer than this interpreter's grammar?"""
    return _NEWER_SYNTAX.search(text) is not None


def parse_facts(ctx: FileContext) -> CodeFacts:
    if ctx.kind == k.PYTHON:
        from scanner.parsers import python_ast

        try:
            return python_ast.facts(ctx.text)
        except python_ast.ParseFailure as exc:
            failure = str(exc)
        from scanner.parsers import python_tokens

        # not this interpreter's Python 3 grammar: libcst's spans versions, but only newer
        # syntax can make it succeed where `ast` failed; without any (Python 2 code, say)
        # its import (~0.3 s) and parse would be for nothing
        if not may_use_newer_syntax(ctx.text):
            ctx.note(
                "parse-fallback",
                f"not Python 3 syntax ({failure}); read with the token reader instead (Python 2 code?)",
            )
            return python_tokens.facts(ctx.text)
        from scanner.parsers import python_cst

        try:
            return python_cst.facts(ctx.text)
        except python_cst.ParseFailure as exc:
            ctx.note(
                "parse-fallback",
                f"libcst could not parse this file ({exc}); read with the token reader instead (Python 2 code?)",
            )
            return python_tokens.facts(ctx.text)
    if ctx.kind in k.TREE_SITTER_KINDS:
        from scanner.parsers import treesitter

        return treesitter.facts(ctx.text, ctx.kind, ctx)
    if ctx.kind in k.CONFIG_KINDS:
        from scanner.parsers import config

        return config.facts(ctx.text, ctx.kind, ctx.name)
    from scanner.parsers import text

    return text.facts(ctx.text, ctx.kind)
