"""Language-neutral code facts extracted once per file by the parsers.

Detectors match on these instead of raw text, so that `import smpplib` in a
comment or `tcmpp` inside an identifier never counts. Every parser (libcst for
Python, tree-sitter for the other languages, the light config readers) produces
the same shapes. The per-node facts are named tuples (immutable, built in C):
a large file has tens of thousands of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from scanner.model import Span


class Import(NamedTuple):
    """An import / using / require / use of a module, package or namespace."""

    module: str  # fully qualified as written: "org.jsmpp.session.SMPPSession", "smpplib.client"
    span: Span
    names: tuple[str, ...] = ()  # imported names ("from x import a, b")


class Arg(NamedTuple):
    name: str | None  # keyword / named argument
    value: str | None  # literal value (string contents or number text), None if not a literal
    text: str  # source text of the argument


class Call(NamedTuple):
    """A call or constructor invocation."""

    callee: str  # dotted text of the callee: "smpplib.client.Client", "session.connectAndBind"
    span: Span
    args: Sequence[Arg] = ()  # a tuple, or read from the tree on first use (tree-sitter)
    is_new: bool = False  # `new X(...)`

    @property
    def name(self) -> str:
        """Last segment of the callee: `connectAndBind`."""
        callee = self.callee
        name = _NAMES.get(callee)  # detectors ask for it again and again
        if name is None:
            if len(_NAMES) > 100_000:
                _NAMES.clear()
            name = _NAMES[callee] = _last_segment(callee)
        return name

    @property
    def receiver(self) -> str:
        for sep in ("::", "->", "."):
            if sep in self.callee:
                return self.callee.rsplit(sep, 1)[0]
        return ""


_NAMES: dict[str, str] = {}  # callee -> its last segment


def _last_segment(callee: str) -> str:
    for sep in ("::", "->", "."):
        if sep in callee:
            return callee.rsplit(sep, 1)[1]
    return callee


class Literal(NamedTuple):
    value: str
    span: Span
    kind: str = "string"  # "string" | "number"


class Assignment(NamedTuple):
    """A key bound to a value: variable, field, keyword argument, map entry,
    struct field, config key. `key` is the innermost name; `path` the dotted
    path where the format has one (YAML, properties, INI section.key)."""

    key: str
    value: str | None  # literal value, None when not a literal
    span: Span
    path: str = ""
    value_span: Span | None = None

    @property
    def full_key(self) -> str:
        return self.path or self.key


class CodeFacts(NamedTuple):
    """What a parser found in one file: imports, calls, literals, assignments and comments."""

    imports: tuple[Import, ...] = ()
    calls: tuple[Call, ...] = ()
    literals: tuple[Literal, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    comments: tuple[Span, ...] = ()
    parser: str = "none"  # "libcst", "tree-sitter-java", "config-yaml", "text", ...
