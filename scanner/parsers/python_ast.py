"""Python facts through the standard library's `ast` (C parser).

The fast path for Python 3 code: it produces the same `CodeFacts` as the
libcst reader (`python_cst`), which stays the fallback for code this
interpreter's grammar rejects (other Python 3 versions), before the token
reader (`python_tokens`) for Python 2. `tests/test_python_parsers.py` checks
that every detector gives the same findings through both readers.

One iterative pre-order walk reads the tree: per node class, a plan names the
method reading its facts and the fields that can hold more (identifiers,
contexts and operators are skipped). Comments need no tokenizer: a '#' outside
the string literals the parser found starts one.

`ast` columns are UTF-8 byte offsets; findings use character columns, so
non-ASCII lines are converted (on ASCII lines a byte offset is the column).
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from itertools import accumulate, compress, count, repeat
from operator import attrgetter, contains
from typing import Any

from scanner.facts import Arg, Assignment, Call, CodeFacts, Import, Literal
from scanner.model import Span

# a node `ast.parse` gives a position: statement, expression or keyword argument
_Located = ast.stmt | ast.expr | ast.keyword

_SEGMENT_LIMIT = 200  # characters of source text kept per argument / number


# The facts and Span are named tuples, whose generated __new__ is Python code;
# tuple.__new__ builds the same tuple in C (every field given, in order) for the frequent ones.
_new = tuple.__new__


class ParseFailure(Exception):
    pass


def dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return f"{dotted(node.func)}()"
    if isinstance(node, ast.Subscript):
        return f"{dotted(node.value)}[]"
    return "?"


# per byte: 1 if it starts a UTF-8 character, 0 for a continuation byte
_CHAR_STARTS = bytes(0 if 0x80 <= b < 0xC0 else 1 for b in range(256))


class _Source:
    def __init__(self, text: str) -> None:
        self.lines = text.splitlines(keepends=True) or [""]
        self.ascii = text.isascii()  # then byte and character columns agree everywhere
        # otherwise they agree on the ASCII lines: their numbers
        self.plain: set[int] = set()
        if not self.ascii:
            self.plain = set(compress(count(1), map(str.isascii, self.lines)))
        self._columns: dict[int, list[int]] = {}  # per non-ASCII line: column of each byte
        self._wide_spans: dict[ast.AST, Span] = {}  # spans that touch a non-ASCII line

    def col(self, line: int, byte_col: int) -> int:
        """1-based character column of a 0-based byte offset on a 1-based line."""
        if self.ascii or line - 1 >= len(self.lines):
            return byte_col + 1
        text = self.lines[line - 1]
        if text.isascii():
            return byte_col + 1
        columns = self._columns.get(line)
        if columns is None:
            # the column of a byte offset: 1 + the bytes before it that start a character,
            # the length of the prefix decoded (a cut character decodes to one U+FFFD)
            starts = text.encode("utf-8").translate(_CHAR_STARTS)
            columns = self._columns[line] = list(accumulate(starts, initial=1))
        if 0 <= byte_col < len(columns):
            return columns[byte_col]
        return len(text.encode("utf-8")[:byte_col].decode("utf-8", errors="replace")) + 1

    def span(self, node: _Located) -> Span:
        sl = node.lineno
        el = node.end_lineno or sl
        if self.ascii or (sl in self.plain and el in self.plain):
            return _new(Span, (sl, node.col_offset + 1, el, (node.end_col_offset or 0) + 1))
        sp = self._wide_spans.get(node)
        if sp is None:
            sc, ec = self.col(sl, node.col_offset), self.col(el, node.end_col_offset or 0)
            sp = self._wide_spans[node] = Span(sl, sc, el, ec)
        return sp

    def segment(self, node: _Located) -> str:
        """The node's source text, cut to `_SEGMENT_LIMIT` characters."""
        sl = node.lineno
        if sl == node.end_lineno and (self.ascii or sl in self.plain):  # no span needed
            return self.lines[sl - 1][node.col_offset : node.end_col_offset or 0][:_SEGMENT_LIMIT]
        return self.text(self.span(node))

    def text(self, sp: Span) -> str:
        """The source text of a span, cut to `_SEGMENT_LIMIT` characters."""
        lines = self.lines
        first = lines[sp.start_line - 1]
        if sp.start_line == sp.end_line:
            return first[sp.start_column - 1 : sp.end_column - 1][:_SEGMENT_LIMIT]
        # joins lines only until the limit is reached: a long multi-line argument (a big
        # dict literal) costs no more than a short one
        out = first[sp.start_column - 1 :]
        for line in lines[sp.start_line : sp.end_line - 1]:
            if len(out) >= _SEGMENT_LIMIT:
                return out[:_SEGMENT_LIMIT]
            out += line
        if len(out) < _SEGMENT_LIMIT and sp.end_line - 1 < len(lines):
            out += lines[sp.end_line - 1][: sp.end_column - 1]
        return out[:_SEGMENT_LIMIT]


def literal_value(node: ast.AST | None, src: _Source, text: str | None = None) -> str | None:
    """The value of a literal (string contents, number text), None for anything else.
    `text` is the node's `src.segment`, when the caller already has it."""
    if type(node) is ast.Constant:
        v = node.value
        if type(v) is str:
            return v
        if type(v) is bytes:
            return v.decode("latin-1")
        if type(v) is bool or v is None:
            return str(v)
        if type(v) is int or type(v) is float:
            return src.segment(node) if text is None else text
        return None
    if type(node) is ast.UnaryOp and type(node.op) is ast.USub:
        inner = literal_value(node.operand, src)
        return f"-{inner}" if inner is not None else None
    return None


# fields whose values hold no facts: Load/Store contexts, operators, and the
# identifier / number / flag fields; not walked
_NO_FACTS_FIELDS = frozenset(
    {
        "ctx",
        "op",
        "ops",
        "type_ignores",
        "id",
        "attr",
        "arg",
        "name",
        "asname",
        "names",  # `import` aliases, `global` / `nonlocal` names
        "module",
        "level",
        "kind",
        "conversion",
        "simple",
        "is_async",
        "type_comment",
        "tag",
        "kwd_attrs",
        "rest",
    }
)

_Handler = Callable[["_Collector", Any], None]


class _Collector:
    def __init__(self, src: _Source) -> None:
        self.src = src
        self.imports: list[Import] = []
        self.calls: list[Call] = []
        self.literals: list[Literal] = []
        self.assignments: list[Assignment] = []
        self.strings: list[Span] = []  # every string literal: a '#' inside one is no comment
        self.stack: list[Any] = []  # nodes still to visit, the next one last

    def visit(self, root: ast.AST) -> None:
        # pre-order, iterative: deep nesting cannot overflow the C stack here. Each
        # node's children are pushed in reverse, so they come off in source order.
        stack = self.stack = [root]
        pop = stack.pop
        push = stack.append
        extend = stack.extend
        plans = _PLANS
        while stack:
            node = pop()
            plan = plans[node.__class__]
            if plan is None:  # a name, an alias, a `None` dict key ...: nothing to do
                continue
            handler, fields = plan
            if handler is not None:
                handler(self, node)
            for name in fields:
                value = getattr(node, name)
                if value.__class__ is list:
                    extend(reversed(value))
                elif value is not None:
                    push(value)

    def _import(self, node: ast.Import) -> None:
        span = self.src.span(node)
        for alias in node.names:
            self.imports.append(Import(alias.name, span))

    def _import_from(self, node: ast.ImportFrom) -> None:
        mod = "." * node.level + (node.module or "")
        names = tuple(a.name for a in node.names if a.name != "*")
        self.imports.append(Import(mod, self.src.span(node), names))

    def _call(self, node: ast.Call) -> None:
        src = self.src
        args = []
        for value in node.args:
            text = src.segment(value)
            args.append(_new(Arg, (None, literal_value(value, src, text), text)))
        values = node.args
        if node.keywords:
            self._keywords(node.keywords, args)
            values = [*values, *(kw.value for kw in node.keywords)]
        if len(values) > 1 and not _in_source_order(values):
            # keep source order of positional and keyword arguments (`f(*a, k=1, *b)`)
            keys = [(v.lineno, v.col_offset) for v in values]
            args = [args[i] for i in sorted(range(len(keys)), key=keys.__getitem__)]
        self.calls.append(_new(Call, (dotted(node.func), src.span(node), tuple(args), False)))

    def _keywords(self, keywords: list[ast.keyword], args: list[Arg]) -> None:
        """Adds the keyword arguments of a call to `args`; each `name=value` (not
        `**kwargs`) also binds its name."""
        src = self.src
        for kw in keywords:
            value = kw.value
            text = src.segment(value)
            literal = literal_value(value, src, text)
            args.append(_new(Arg, (kw.arg, literal, text)))
            if kw.arg is not None:
                self.assignments.append(
                    Assignment(kw.arg, literal, src.span(kw), "", src.span(value))
                )

    def _joined_str(self, node: ast.JoinedStr) -> None:
        self.strings.append(self.src.span(node))
        # only the expressions are walked: the literal parts are no string literals of
        # their own, and format specs are not walked
        self.stack.extend(
            reversed([v.value for v in node.values if isinstance(v, ast.FormattedValue)])
        )

    def _constant(self, node: ast.Constant) -> None:
        value = node.value
        if type(value) is bytes:
            value = value.decode("latin-1")
        if type(value) is str:
            span = self.src.span(node)
            self.strings.append(span)
            self.literals.append(_new(Literal, (value, span, "string")))
        elif type(value) is int:  # not bool
            self.literals.append(
                _new(Literal, (self.src.segment(node), self.src.span(node), "number"))
            )

    def _assign_node(self, node: ast.Assign) -> None:
        self._assign(node.targets, node.value, node)

    def _ann_assign(self, node: ast.AnnAssign) -> None:
        self._assign([node.target], node.value, node)

    def _dict(self, node: ast.Dict) -> None:
        src = self.src
        for key, value in zip(node.keys, node.values, strict=True):
            if key is None:
                continue
            k = literal_value(key, src)
            if k is not None:
                ks, vs = src.span(key), src.span(value)
                self.assignments.append(
                    Assignment(
                        k,
                        literal_value(value, src),
                        Span(ks.start_line, ks.start_column, vs.end_line, vs.end_column),
                        "",
                        vs,
                    )
                )

    def _assign(self, targets: list[ast.expr], value: ast.expr | None, where: ast.stmt) -> None:
        src = self.src
        keys: list[tuple[str, str]] = []
        for target in targets:
            if type(target) is ast.Name:
                keys.append((target.id, target.id))
            elif type(target) is ast.Attribute:  # the key is the last name of the path
                keys.append((target.attr, dotted(target)))
            elif type(target) is ast.Subscript and type(target.slice) is ast.Constant:
                subscript = literal_value(target.slice, src)
                if subscript:
                    keys.append((subscript, ""))
        if not keys:
            return
        literal, value_span = None, None
        if value is not None:
            literal, value_span = literal_value(value, src), src.span(value)
        span = src.span(where)
        for key, path in keys:
            self.assignments.append(Assignment(key, literal, span, path, value_span))


def _in_source_order(nodes: list[ast.expr]) -> bool:
    """Whether no node starts before the one ahead of it."""
    last = nodes[0]
    for node in nodes[1:]:
        if (node.lineno, node.col_offset) < (last.lineno, last.col_offset):
            return False
        last = node
    return True


# the node types that hold facts, and the method reading each; every other node is only
# walked through
_HANDLERS: dict[type, _Handler] = {
    ast.Import: _Collector._import,
    ast.ImportFrom: _Collector._import_from,
    ast.Call: _Collector._call,
    ast.JoinedStr: _Collector._joined_str,
    ast.Constant: _Collector._constant,
    ast.Assign: _Collector._assign_node,
    ast.AnnAssign: _Collector._ann_assign,
    ast.Dict: _Collector._dict,
}


_Plan = tuple[_Handler | None, tuple[str, ...]]


class _Plans(dict[type, _Plan | None]):
    """How to visit a node of each class: its handler, and the fields to walk, last
    field first (they are pushed on the stack); None when there is nothing to do
    (values that are no nodes, such as the `None` key of `{**d}`, included)."""

    def __missing__(self, cls: type) -> _Plan | None:
        handler = _HANDLERS.get(cls)
        fields: tuple[str, ...] = ()
        # a constant's value is no node; an f-string's handler walks its expressions
        if issubclass(cls, ast.AST) and cls is not ast.Constant and cls is not ast.JoinedStr:
            fields = tuple(reversed([f for f in cls._fields if f not in _NO_FACTS_FIELDS]))
        plan = self[cls] = (handler, fields) if handler is not None or fields else None
        return plan


_PLANS = _Plans()


def _comments(src: _Source, strings: list[Span]) -> list[Span]:
    """Comment spans without a second tokenizer pass: a '#' starts a comment unless
    it lies inside a string literal (the parser already gave their spans)."""
    # the numbers of the lines with a '#' (iterated in C: most lines have none)
    hashed = list(compress(count(1), map(contains, src.lines, repeat("#"))))
    if not hashed:
        return []
    wanted = set(hashed)
    inside: dict[int, list[tuple[int, int]]] = {}
    big = 1 << 30
    for sp in strings:
        if sp.start_line == sp.end_line:  # most strings: no range to walk
            if sp.start_line in wanted:
                inside.setdefault(sp.start_line, []).append((sp.start_column, sp.end_column))
            continue
        for line in range(sp.start_line, sp.end_line + 1):
            if line in wanted:
                lo = sp.start_column if line == sp.start_line else 1
                hi = sp.end_column if line == sp.end_line else big
                inside.setdefault(line, []).append((lo, hi))
    out = []
    for line in hashed:
        text = src.lines[line - 1].rstrip("\r\n")
        ranges = inside.get(line, ())
        pos = text.find("#")
        while pos != -1:
            col = pos + 1
            if not any(lo <= col < hi for lo, hi in ranges):
                out.append(Span(line, col, line, len(text) + 1))
                break
            pos = text.find("#", pos + 1)
    return out


# sort key of facts: where they start (ties keep visit order)
_key = attrgetter("span.start_line", "span.start_column")


def facts(text: str) -> CodeFacts:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        raise ParseFailure(
            str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        ) from exc
    src = _Source(text)
    c = _Collector(src)
    c.visit(tree)
    return CodeFacts(
        imports=tuple(sorted(c.imports, key=_key)),
        calls=tuple(sorted(c.calls, key=_key)),
        literals=tuple(sorted(c.literals, key=_key)),
        assignments=tuple(sorted(c.assignments, key=_key)),
        comments=tuple(_comments(src, c.strings)),
        parser="ast",
    )
