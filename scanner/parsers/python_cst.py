"""Python facts through libcst (parse once, one visitor pass)."""

from __future__ import annotations

from typing import Any

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from scanner.facts import Arg, Assignment, Call, CodeFacts, Import, Literal
from scanner.model import Span


class ParseFailure(Exception):
    pass


def _span(r: CodeRange) -> Span:
    return Span(r.start.line, r.start.column + 1, r.end.line, r.end.column + 1)


def dotted(node: cst.BaseExpression | cst.Attribute | cst.Name) -> str:
    """`a.b.c` for Name/Attribute chains; calls in the chain render as `x()`."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{dotted(node.value)}.{node.attr.value}"
    if isinstance(node, cst.Call):
        return f"{dotted(node.func)}()"
    if isinstance(node, cst.Subscript):
        return f"{dotted(node.value)}[]"
    return "?"


def literal_value(node: cst.BaseExpression) -> str | None:
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        v = node.evaluated_value
        if isinstance(v, bytes):
            return v.decode("latin-1")
        return v
    if isinstance(node, (cst.Integer, cst.Float)):
        return node.value
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        inner = literal_value(node.expression)
        return f"-{inner}" if inner is not None else None
    if isinstance(node, cst.Name) and node.value in ("True", "False", "None"):
        return node.value
    return None


class _Collector(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, module: cst.Module) -> None:
        super().__init__()
        self.module = module
        self.imports: list[Import] = []
        self.calls: list[Call] = []
        self.literals: list[Literal] = []
        self.assignments: list[Assignment] = []
        self.comments: list[Span] = []

    def _pos(self, node: cst.CSTNode) -> Span:
        return _span(self.get_metadata(PositionProvider, node))

    def _text(self, node: cst.CSTNode) -> str:
        text = self.module.code_for_node(node)
        return text if len(text) <= 200 else text[:200]

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            self.imports.append(Import(dotted(alias.name), self._pos(node)))

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        mod = "." * len(node.relative) + (dotted(node.module) if node.module else "")
        names: tuple[str, ...] = ()
        if not isinstance(node.names, cst.ImportStar):
            names = tuple(dotted(a.name) for a in node.names)
        self.imports.append(Import(mod, self._pos(node), names))

    def visit_Call(self, node: cst.Call) -> None:
        args = tuple(
            Arg(a.keyword.value if a.keyword else None, literal_value(a.value), self._text(a.value))
            for a in node.args
        )
        self.calls.append(Call(dotted(node.func), self._pos(node), args))
        for a in node.args:
            if a.keyword is not None:
                self.assignments.append(
                    Assignment(
                        a.keyword.value,
                        literal_value(a.value),
                        self._pos(a),
                        value_span=self._pos(a.value),
                    )
                )

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        v = literal_value(node)
        if v is not None:
            self.literals.append(Literal(v, self._pos(node)))

    def visit_Integer(self, node: cst.Integer) -> None:
        self.literals.append(Literal(node.value, self._pos(node), "number"))

    def visit_Comment(self, node: cst.Comment) -> None:
        self.comments.append(self._pos(node))

    def _assign(
        self, target: cst.BaseExpression, value: cst.BaseExpression | None, where: cst.CSTNode
    ) -> None:
        key: str | None = None
        if isinstance(target, (cst.Name, cst.Attribute)):
            key = dotted(target).rsplit(".", 1)[-1]
        elif isinstance(target, cst.Subscript) and len(target.slice) == 1:
            sl = target.slice[0].slice
            if isinstance(sl, cst.Index):
                key = literal_value(sl.value)
        if key:
            vs = self._pos(value) if value is not None else None
            val = literal_value(value) if value is not None else None
            self.assignments.append(
                Assignment(
                    key,
                    val,
                    self._pos(where),
                    path=dotted(target) if not isinstance(target, cst.Subscript) else "",
                    value_span=vs,
                )
            )

    def visit_Assign(self, node: cst.Assign) -> None:
        for t in node.targets:
            self._assign(t.target, node.value, node)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._assign(node.target, node.value, node)

    def visit_DictElement(self, node: cst.DictElement) -> None:
        key = literal_value(node.key)
        if key is not None:
            self.assignments.append(
                Assignment(
                    key,
                    literal_value(node.value),
                    self._pos(node),
                    value_span=self._pos(node.value),
                )
            )


def facts(text: str) -> CodeFacts:
    try:
        module = cst.parse_module(text)
    except (cst.ParserSyntaxError, RecursionError, ValueError) as exc:
        msg: Any = getattr(exc, "message", None) or type(exc).__name__
        raise ParseFailure(str(msg).splitlines()[0][:120]) from exc
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    collector = _Collector(module)
    try:
        wrapper.visit(collector)
    except RecursionError as exc:
        raise ParseFailure("nesting too deep") from exc
    return CodeFacts(
        imports=tuple(collector.imports),
        calls=tuple(collector.calls),
        literals=tuple(collector.literals),
        assignments=tuple(collector.assignments),
        comments=tuple(collector.comments),
        parser="libcst",
    )
