"""Necessary literal parts of case-insensitive endpoint patterns, and the case fold
to look for them in: a file or a literal can only match an endpoint pattern when
it holds one of the pattern's cores, so the regex runs only where one is.

No DETECTOR here: `_cloud_sms` and `sms_platforms` use it for their own time.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from scanner.regex_source import tokens as _tokens

if TYPE_CHECKING:
    from scanner.detector import FileContext

SCHEME = r"(?:https?://)?"  # the optional scheme an endpoint pattern starts with

# The characters that `re.IGNORECASE` matches to an ASCII letter although `str.lower`
# does not give that letter (U+0130 also lower-cases to two characters), each mapped
# to the letter: `fold` keeps "the pattern matches" => "a core is in the folded text".
_NON_ASCII_FOLDS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_FOLD_TABLE = str.maketrans(_NON_ASCII_FOLDS)


def fold(text: str) -> str:
    """`text` lower-cased as `re.IGNORECASE` compares ASCII letters, one character for
    one: lower-case cores of a re.I pattern occur in it wherever the pattern matches."""
    if not text.isascii() and any(c in text for c in _NON_ASCII_FOLDS):
        text = text.translate(_FOLD_TABLE)
    return text.lower()


def folded(ctx: FileContext) -> str:
    """`fold(ctx.text)`, built once per file for all the detectors that ask."""
    return ctx.derived(_fold_text)


def _fold_text(ctx: FileContext) -> str:
    return fold(ctx.text)


def _lower(tok: str) -> str:
    """Lower-case a token's literal letters (escapes such as `\\W` keep their case)."""
    out, i = [], 0
    while i < len(tok):
        n = 2 if tok[i] == "\\" else 1
        out.append(tok[i : i + n] if n == 2 else tok[i].lower())
        i += n
    return "".join(out)


@cache  # the platform detectors ask for the same patterns' heads and cores: built once
def endpoint_heads(src: str) -> tuple[str, ...]:
    """Necessary parts of an endpoint pattern's matches (one per top-level alternative),
    to look for in the folded file text (the patterns are re.I): each alternative
    up to its first top-level `/` (the host), without the optional scheme, `^` / `$`
    and a leading `[...]+` / `[...]*` (so that the search is literal-led, hence fast).
    A URL in a literal can differ from the text after the host (JSON writes `\\/`,
    Python joins adjacent strings), the host itself does not. A path-only alternative
    (leading `/`) is kept whole, with `\\/` allowed for each `/`."""
    alts: list[list[tuple[str, int]]] = [[]]
    for tok, depth in _tokens(src):
        if tok == "|" and depth == 0:
            alts.append([])
        else:
            alts[-1].append((tok, depth))
    heads = []
    for toks in alts:
        text = "".join(t for t, _ in toks)
        if text.startswith(SCHEME):
            toks = _tokens(text.removeprefix(SCHEME))
        if toks and toks[0][0] == "^":
            toks = toks[1:]
        if toks and toks[-1][0] == "$":
            toks = toks[:-1]
        if len(toks) > 1 and toks[0][0].startswith("[") and toks[1][0] in ("*", "+"):
            toks = toks[2:]
        cut = next((n for n, (t, d) in enumerate(toks) if t == "/" and d == 0), None)
        if cut:
            toks = toks[:cut]
        heads.append("".join(r"\\?/" if t == "/" else _lower(t) for t, _ in toks))
    return tuple(heads)


@cache
def literal_core(head: str) -> str:
    """The longest run of plain characters at the top level of a regex (outside groups
    and classes, not quantified): every match of `head` contains it."""
    toks = _tokens(head)
    runs, run = [""], ""
    in_count = False  # inside a `{m,n}` quantifier
    for n, (tok, depth) in enumerate(toks):
        lit = tok[-1] if len(tok) == 2 and tok[0] == "\\" and not tok[1].isalnum() else tok
        quantified = n + 1 < len(toks) and toks[n + 1][0] in ("?", "*", "+", "{")
        in_count = (in_count or tok == "{") and tok != "}"
        # an unescaped `.` / `?` is a metacharacter
        plain = len(lit) == 1 and (lit.isalnum() or lit in ".-/:%=?") and tok not in (".", "?")
        if depth or quantified or in_count or not plain:
            runs.append(run)
            run = ""
        else:
            run += lit
    runs.append(run)
    return max(runs, key=len)


def pattern_cores(src: str) -> tuple[str, ...] | None:
    """The cores of a re.I endpoint pattern, one per top-level alternative: a match
    holds one of them (folded). None when an alternative has none (it may match anywhere)."""
    cores = tuple(literal_core(h) for h in endpoint_heads(src))
    return None if not all(cores) else cores
