"""Parsers: each turns a decoded file into `CodeFacts`, once.

`parse_facts(ctx)` picks the parser by the file's kind and falls back to the
next best reader when the preferred one fails (the fallback is noted).
Heavy modules (libcst, tree-sitter grammars) are imported only here, lazily.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scanner import classify as k
from scanner.facts import CodeFacts

if TYPE_CHECKING:
    from scanner.detector import FileContext


def parse_facts(ctx: FileContext) -> CodeFacts:
    if ctx.kind == k.PYTHON:
        from scanner.parsers import python_ast

        try:
            return python_ast.facts(ctx.text)
        except python_ast.ParseFailure:
            pass  # not this interpreter's Python 3 grammar: try libcst's, which spans versions
        from scanner.parsers import python_cst

        try:
            return python_cst.facts(ctx.text)
        except python_cst.ParseFailure as exc:
            ctx.note(
                "parse-fallback",
                f"libcst could not parse this file ({exc}); read with the token reader instead (Python 2 code?)",
            )
            from scanner.parsers import python_tokens

            return python_tokens.facts(ctx.text)
    if ctx.kind in k.TREE_SITTER_KINDS:
        from scanner.parsers import treesitter

        return treesitter.facts(ctx.text, ctx.kind, ctx)
    if ctx.kind in k.CONFIG_KINDS:
        from scanner.parsers import config

        return config.facts(ctx.text, ctx.kind, ctx.name)
    from scanner.parsers import text

    return text.facts(ctx.text, ctx.kind)
