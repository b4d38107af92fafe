"""Fallback Python reader for code libcst rejects (Python 2, broken files).

Works on the token stream: comments, strings, `import` / `from ... import`,
dotted names followed by `(` (calls) and `name = literal` assignments. Less
precise than the CST, but it still never matches inside comments or strings.
"""

from __future__ import annotations

import ast
import io
import tokenize

from scanner.facts import Arg, Assignment, Call, CodeFacts, Import, Literal
from scanner.model import Span


def _lit(tok: tokenize.TokenInfo) -> str | None:
    if tok.type == tokenize.NUMBER:
        return tok.string.rstrip("lL")
    if tok.type == tokenize.STRING:
        s = tok.string
        try:
            v = ast.literal_eval(s.lstrip("uUbBrR") if s[:1] in "uU" and s[1:2] in "rR" else s)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return s.strip("'\"uUbBrR")
        if isinstance(v, bytes):
            return v.decode("latin-1")
        return v if isinstance(v, str) else None
    return None


def _span(tok: tokenize.TokenInfo, end: tokenize.TokenInfo | None = None) -> Span:
    e = end or tok
    return Span(tok.start[0], tok.start[1] + 1, e.end[0], e.end[1] + 1)


def _tokens(text: str) -> list[tokenize.TokenInfo]:
    out: list[tokenize.TokenInfo] = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            out.append(tok)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return out


def facts(text: str) -> CodeFacts:
    toks = [
        t for t in _tokens(text) if t.type not in (tokenize.NL, tokenize.INDENT, tokenize.DEDENT)
    ]
    imports: list[Import] = []
    calls: list[Call] = []
    literals: list[Literal] = []
    assigns: list[Assignment] = []
    comments: list[Span] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if t.type == tokenize.COMMENT:
            comments.append(_span(t))
        elif t.type in (tokenize.STRING, tokenize.NUMBER):
            v = _lit(t)
            if v is not None:
                literals.append(
                    Literal(v, _span(t), "number" if t.type == tokenize.NUMBER else "string")
                )
        elif (
            t.type == tokenize.NAME
            and t.string in ("import", "from")
            and (
                i == 0
                or (
                    toks[i - 1].type in (tokenize.NEWLINE, tokenize.OP)
                    and toks[i - 1].string in ("\n", ";", ":", "")
                )
                or toks[i - 1].type == tokenize.NEWLINE
            )
        ):
            j = i + 1
            mod = ""
            while (
                j < n
                and (toks[j].type == tokenize.NAME or toks[j].string == ".")
                and toks[j].string != "import"
            ):
                mod += toks[j].string
                j += 1
            names: list[str] = []
            if t.string == "from" and j < n and toks[j].string == "import":
                j += 1
                while j < n and toks[j].type != tokenize.NEWLINE:
                    if toks[j].type == tokenize.NAME and toks[j].string != "as":
                        names.append(toks[j].string)
                    j += 1
            if mod:
                imports.append(Import(mod, _span(t, toks[j - 1]), tuple(names)))
        elif t.type == tokenize.NAME:
            j = i
            parts = [t.string]
            while j + 2 < n and toks[j + 1].string == "." and toks[j + 2].type == tokenize.NAME:
                parts.append(toks[j + 2].string)
                j += 2
            if j + 1 < n and toks[j + 1].string == "(" and (i == 0 or toks[i - 1].string != "."):
                args, end = _args(toks, j + 2)
                calls.append(Call(".".join(parts), _span(t, toks[min(end, n - 1)]), tuple(args)))
                for a in args:
                    if a.name:
                        assigns.append(Assignment(a.name, a.value, _span(t)))
            elif (
                j + 2 < n
                and toks[j + 1].string == "="
                and (i == 0 or toks[i - 1].string not in (".", "(", ","))
            ):
                assigns.append(
                    Assignment(
                        parts[-1], _lit(toks[j + 2]), _span(t, toks[j + 2]), path=".".join(parts)
                    )
                )
        i += 1
    # dict entries with string keys: 'key': literal
    for t_i in range(len(toks) - 2):
        if (
            toks[t_i].type == tokenize.STRING
            and toks[t_i + 1].string == ":"
            and t_i > 0
            and toks[t_i - 1].string in ("{", ",")
        ):
            key = _lit(toks[t_i])
            if key is not None:
                assigns.append(
                    Assignment(key, _lit(toks[t_i + 2]), _span(toks[t_i], toks[t_i + 2]))
                )
    return CodeFacts(
        tuple(imports),
        tuple(calls),
        tuple(literals),
        tuple(assigns),
        tuple(comments),
        parser="python-tokens",
    )


def _args(toks: list[tokenize.TokenInfo], start: int) -> tuple[list[Arg], int]:
    args: list[Arg] = []
    depth = 1
    j = start
    cur: list[tokenize.TokenInfo] = []
    while j < len(toks) and depth > 0:
        s = toks[j].string
        if s in ("(", "[", "{"):
            depth += 1
        elif s in (")", "]", "}"):
            depth -= 1
        if (depth == 1 and s == ",") or depth == 0:
            if cur:
                args.append(_arg(cur))
            cur = []
        else:
            cur.append(toks[j])
        j += 1
    return args, j - 1


def _arg(toks: list[tokenize.TokenInfo]) -> Arg:
    name = None
    if len(toks) >= 2 and toks[0].type == tokenize.NAME and toks[1].string == "=":
        name = toks[0].string
        toks = toks[2:]
    value = _lit(toks[0]) if len(toks) == 1 else None
    return Arg(name, value, " ".join(t.string for t in toks)[:200])
