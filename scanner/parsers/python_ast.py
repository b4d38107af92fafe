"""Python facts through the standard library's `ast` (C parser) and `tokenize`.

The fast path for Python 3 code: it produces the same `CodeFacts` as the
libcst reader (`python_cst`), which stays the fallback for code this
interpreter's grammar rejects (other Python 3 versions), before the token
reader (`python_tokens`) for Python 2. `tests/test_python_parsers.py` checks
that every detector gives the same findings through both readers.

`ast` columns are UTF-8 byte offsets; findings use character columns, so
non-ASCII lines are converted.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

from scanner.facts import Arg, Assignment, Call, CodeFacts, Import, Literal
from scanner.model import Span


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


class _Source:
    def __init__(self, text: str) -> None:
        self.lines = text.splitlines(keepends=True) or [""]
        self.ascii = text.isascii()  # then byte and character columns agree everywhere
        self._encoded: dict[int, bytes] = {}

    def col(self, line: int, byte_col: int) -> int:
        """1-based character column of a 0-based byte offset on a 1-based line."""
        if self.ascii or line - 1 >= len(self.lines):
            return byte_col + 1
        text = self.lines[line - 1]
        if text.isascii():
            return byte_col + 1
        data = self._encoded.get(line)
        if data is None:
            data = self._encoded[line] = text.encode("utf-8")
        return len(data[:byte_col].decode("utf-8", errors="replace")) + 1

    def span(self, node: ast.AST) -> Span:
        sl = getattr(node, "lineno", 1)
        el = getattr(node, "end_lineno", None) or sl
        sc = self.col(sl, getattr(node, "col_offset", 0))
        ec = self.col(el, getattr(node, "end_col_offset", None) or 0)
        return Span(sl, sc, el, ec)

    def segment(self, node: ast.AST, limit: int = 200) -> str:
        sp = self.span(node)
        if sp.start_line == sp.end_line:
            return self.lines[sp.start_line - 1][sp.start_column - 1 : sp.end_column - 1][:limit]
        first = self.lines[sp.start_line - 1][sp.start_column - 1 :]
        rest = "".join(self.lines[sp.start_line : sp.end_line - 1])
        last = (
            self.lines[sp.end_line - 1][: sp.end_column - 1]
            if sp.end_line - 1 < len(self.lines)
            else ""
        )
        return (first + rest + last)[:limit]


def literal_value(node: ast.AST | None, src: _Source) -> str | None:
    if isinstance(node, ast.Constant):
        v = node.value
        if isinstance(v, bool) or v is None:
            return str(v)
        if isinstance(v, str):
            return v
        if isinstance(v, bytes):
            return v.decode("latin-1")
        if isinstance(v, int | float):
            return src.segment(node)
        return None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = literal_value(node.operand, src)
        return f"-{inner}" if inner is not None else None
    return None


# fields whose nodes hold no facts (Load/Store contexts, operators): not walked
_NO_FACTS_FIELDS = frozenset({"ctx", "op", "ops", "type_ignores"})
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


class _Collector:
    def __init__(self, src: _Source) -> None:
        self.src = src
        self.imports: list[Import] = []
        self.calls: list[Call] = []
        self.literals: list[Literal] = []
        self.assignments: list[Assignment] = []
        self.strings: list[Span] = []  # every string literal: a '#' inside one is no comment

    def visit(self, root: ast.AST) -> None:
        stack: list[ast.AST] = [root]
        handlers = _HANDLERS
        fields_of = _CHILD_FIELDS
        node_type = ast.AST
        while stack:  # pre-order, iterative: deep nesting cannot overflow the C stack here
            node = stack.pop()
            cls = node.__class__
            handler = handlers.get(cls)
            if handler is not None:
                handler(self, node)
            children: list[ast.AST] = []
            if cls is ast.JoinedStr:
                children = [v.value for v in node.values if isinstance(v, ast.FormattedValue)]  # type: ignore[attr-defined]
            else:
                fields = fields_of.get(cls)
                if fields is None:
                    fields = fields_of[cls] = tuple(
                        f for f in cls._fields if f not in _NO_FACTS_FIELDS
                    )
                for name in fields:
                    value = getattr(node, name, None)
                    if value.__class__ is list:
                        children.extend(x for x in value if isinstance(x, node_type))
                    elif isinstance(value, node_type):
                        children.append(value)
            children.reverse()
            stack.extend(children)

    def _import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.imports.append(Import(alias.name, self.src.span(node)))

    def _import_from(self, node: ast.ImportFrom) -> None:
        mod = "." * node.level + (node.module or "")
        names = tuple(a.name for a in node.names if a.name != "*")
        self.imports.append(Import(mod, self.src.span(node), names))

    def _call(self, node: ast.Call) -> None:
        src = self.src
        args = [Arg(None, literal_value(a, src), src.segment(a)) for a in node.args]
        args += [
            Arg(kw.arg, literal_value(kw.value, src), src.segment(kw.value)) for kw in node.keywords
        ]
        # keep source order of positional and keyword arguments
        ordered = sorted(
            zip([*node.args, *(kw.value for kw in node.keywords)], args, strict=True),
            key=lambda p: (p[0].lineno, p[0].col_offset),
        )
        self.calls.append(Call(dotted(node.func), src.span(node), tuple(a for _, a in ordered)))
        for kw in node.keywords:
            if kw.arg is not None:
                self.assignments.append(
                    Assignment(
                        kw.arg,
                        literal_value(kw.value, src),
                        src.span(kw),
                        value_span=src.span(kw.value),
                    )
                )

    def _joined_str(self, node: ast.JoinedStr) -> None:
        self.strings.append(self.src.span(node))

    def _constant(self, node: ast.Constant) -> None:
        src = self.src
        if isinstance(node.value, str | bytes):
            self.strings.append(src.span(node))
            v = literal_value(node, src)
            if v is not None:
                self.literals.append(Literal(v, src.span(node)))
        elif isinstance(node.value, int) and not isinstance(node.value, bool):
            self.literals.append(Literal(src.segment(node), src.span(node), "number"))

    def _assign_node(self, node: ast.Assign) -> None:
        for t in node.targets:
            self._assign(t, node.value, node)

    def _ann_assign(self, node: ast.AnnAssign) -> None:
        self._assign(node.target, node.value, node)

    def _dict(self, node: ast.Dict) -> None:
        src = self.src
        for key, value in zip(node.keys, node.values, strict=True):
            k = literal_value(key, src) if key is not None else None
            if k is not None and key is not None:
                ks, vs = src.span(key), src.span(value)
                self.assignments.append(
                    Assignment(
                        k,
                        literal_value(value, src),
                        Span(ks.start_line, ks.start_column, vs.end_line, vs.end_column),
                        value_span=vs,
                    )
                )

    def _assign(self, target: ast.AST, value: ast.AST | None, where: ast.AST) -> None:
        key: str | None = None
        path = ""
        if isinstance(target, ast.Name | ast.Attribute):
            path = dotted(target)
            key = path.rsplit(".", 1)[-1]
        elif isinstance(target, ast.Subscript):
            key = (
                literal_value(target.slice, self.src)
                if isinstance(target.slice, ast.Constant)
                else None
            )
        if key:
            self.assignments.append(
                Assignment(
                    key,
                    literal_value(value, self.src) if value is not None else None,
                    self.src.span(where),
                    path=path,
                    value_span=self.src.span(value) if value is not None else None,
                )
            )


# the node types that hold facts, and the method reading each; every other node is only
# walked through
_HANDLERS: dict[type, Callable[[_Collector, Any], None]] = {
    ast.Import: _Collector._import,
    ast.ImportFrom: _Collector._import_from,
    ast.Call: _Collector._call,
    ast.JoinedStr: _Collector._joined_str,
    ast.Constant: _Collector._constant,
    ast.Assign: _Collector._assign_node,
    ast.AnnAssign: _Collector._ann_assign,
    ast.Dict: _Collector._dict,
}


def _comments(src: _Source, strings: list[Span]) -> list[Span]:
    """Comment spans without a second tokenizer pass: a '#' starts a comment unless
    it lies inside a string literal (the parser already gave their spans)."""
    hashed = [i + 1 for i, line in enumerate(src.lines) if "#" in line]
    if not hashed:
        return []
    wanted = set(hashed)
    inside: dict[int, list[tuple[int, int]]] = {}
    big = 1 << 30
    for sp in strings:
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


def _key(item: Import | Call | Literal | Assignment) -> tuple[int, int]:
    return (item.span.start_line, item.span.start_column)


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
