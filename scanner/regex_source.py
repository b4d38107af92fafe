"""Reading a regular expression's source: its tokens and their group depth.

Used where smsscan reasons about its own patterns (and pathspec's): the literal parts
every match holds (`detectors/_regex_cores.py`) and whether a pattern is one top-level
alternative (`scanner/walk.py`).
"""

from __future__ import annotations


def tokens(src: str) -> list[tuple[str, int]]:
    """A regex source as (token, group depth) pairs: an escape, a `[...]` class or one
    character; a group's parentheses carry the depth outside it. IndexError for a class
    left open."""
    out: list[tuple[str, int]] = []
    depth, i = 0, 0
    while i < len(src):
        j = i + 2 if src[i] == "\\" else i + 1
        if src[i] == "[":  # a class runs to the first `]` after its first member
            j = i + 1 + (src[i + 1 : i + 2] == "^")
            j += src[j : j + 1] == "]"
            while src[j] != "]":
                j += 2 if src[j] == "\\" else 1
            j += 1
        tok = src[i:j]
        depth -= tok == ")"
        out.append((tok, depth))
        depth += tok == "("
        i = j
    return out
