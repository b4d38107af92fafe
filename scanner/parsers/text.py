"""The last-resort reader: comments by line prefix, string literals by regex.

Used for shell, C, Markdown and plain text files, and as the fallback when a
grammar fails. It produces literals (quoted strings and numbers) and comments;
no imports or calls, so library rules never fire on prose.
"""

from __future__ import annotations

from scanner import lazy_re
from scanner.facts import CodeFacts, Literal
from scanner.model import Span

_LINE_COMMENT = {
    "shell": ("#",),
    "c": ("//",),
    "text": (),
    "markdown": (),
}
_STRING = lazy_re.compile(r"\"((?:[^\"\\\n]|\\.){0,500})\"|'((?:[^'\\\n]|\\.){0,500})'")
_NUMBER = lazy_re.compile(r"(?<![\w.])\d{4,21}(?![\w.])")


def facts(text: str, kind: str) -> CodeFacts:
    prefixes = _LINE_COMMENT.get(kind, ("#", "//"))
    literals: list[Literal] = []
    comments: list[Span] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip()
        if prefixes and stripped.startswith(prefixes):
            col = len(line) - len(stripped) + 1
            comments.append(Span(lineno, col, lineno, len(line) + 1))
            continue
        for m in _STRING.finditer(line):
            val = m.group(1) if m.group(1) is not None else m.group(2)
            literals.append(Literal(val, Span(lineno, m.start() + 1, lineno, m.end() + 1)))
        for m in _NUMBER.finditer(line):
            literals.append(
                Literal(m.group(), Span(lineno, m.start() + 1, lineno, m.end() + 1), "number")
            )
    return CodeFacts(literals=tuple(literals), comments=tuple(comments), parser=f"text-{kind}")
