"""Regular expressions compiled on first use.

A detector module defines its patterns at import, and `re` compiles in Python
(about 0.2 ms a pattern): importing every detector compiled some 280 of them,
about 0.06 s of a pre-commit run that reads a few files. `compile` returns a
stand-in that compiles on the first attribute it is asked for and then puts the
compiled pattern's methods on itself, so later calls go straight to them (a
plain attribute lookup, as on a compiled pattern). Only what a pattern is used
for changes nothing: `search`, `match`, `finditer`, `sub`, `.pattern`, ...
The compile itself goes through `pattern_cache`, which keeps the compiled form
between runs.
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, cast

from scanner import pattern_cache

_COPIED = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "scanner",
    "flags",
    "groups",
    "groupindex",
)


class _Lazy:
    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self.pattern = pattern  # the source, as on a compiled pattern (no compile needed)
        self._flags = flags

    def __getattr__(self, name: str) -> Any:  # only for attributes not set yet
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = pattern_cache.compile(cast(Any, self.pattern), self._flags)
        for attr in _COPIED:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_re.compile({self.pattern!r}, {self._flags})"


def compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """`re.compile(pattern, flags)`, done when the pattern is first used."""
    return cast("re.Pattern[AnyStr]", _Lazy(pattern, int(flags)))
