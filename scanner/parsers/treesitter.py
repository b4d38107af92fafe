"""Facts for Java, Kotlin, Go, JavaScript, TypeScript/TSX, PHP, C# and Ruby.

One tree-sitter parse per file and one walk over the tree. Node types differ
between grammars, so each language has a small table saying which node types
are imports, calls, constructor calls, string / number literals, key-value
pairs, declarations and comments; the walk itself is shared.

Grammars come from the official per-language wheels and are loaded on first
use; nothing is downloaded.
"""

from __future__ import annotations

import bisect
import importlib
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from scanner import classify as k
from scanner.facts import Arg, Assignment, Call, CodeFacts, Import, Literal
from scanner.model import Span

if TYPE_CHECKING:
    from scanner.detector import FileContext

_GRAMMARS: dict[str, tuple[str, str]] = {
    k.JAVA: ("tree_sitter_java", "language"),
    k.KOTLIN: ("tree_sitter_kotlin", "language"),
    k.GO: ("tree_sitter_go", "language"),
    k.JAVASCRIPT: ("tree_sitter_javascript", "language"),
    k.TYPESCRIPT: ("tree_sitter_typescript", "language_typescript"),
    k.TSX: ("tree_sitter_typescript", "language_tsx"),
    k.PHP: ("tree_sitter_php", "language_php"),
    k.CSHARP: ("tree_sitter_c_sharp", "language"),
    k.RUBY: ("tree_sitter_ruby", "language"),
}


@dataclass(frozen=True)
class LangTable:
    imports: frozenset[str] = frozenset()
    calls: frozenset[str] = frozenset()  # callee in field "function"/"method"/... or first child
    news: frozenset[str] = frozenset()  # constructor calls
    strings: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()
    pairs: frozenset[str] = frozenset()  # key/value pairs in literals
    declarators: frozenset[str] = frozenset()  # name = value declarations / assignments
    comments: frozenset[str] = frozenset(
        {"comment", "line_comment", "block_comment", "multiline_comment"}
    )
    arg_lists: frozenset[str] = frozenset({"argument_list", "arguments", "value_arguments"})
    require_calls: frozenset[str] = frozenset()  # call names that import their string argument
    members: frozenset[str] = field(default_factory=frozenset)  # a.b member access node types


_JS = LangTable(
    imports=frozenset({"import_statement", "export_statement"}),
    calls=frozenset({"call_expression"}),
    news=frozenset({"new_expression"}),
    strings=frozenset({"string", "template_string"}),
    numbers=frozenset({"number"}),
    pairs=frozenset({"pair"}),
    declarators=frozenset(
        {
            "variable_declarator",
            "assignment_expression",
            "public_field_definition",
            "field_definition",
        }
    ),
    require_calls=frozenset({"require"}),
    members=frozenset({"member_expression"}),
)

TABLES: dict[str, LangTable] = {
    k.JAVA: LangTable(
        imports=frozenset({"import_declaration"}),
        calls=frozenset({"method_invocation"}),
        news=frozenset({"object_creation_expression"}),
        strings=frozenset({"string_literal", "text_block"}),
        numbers=frozenset({"decimal_integer_literal", "hex_integer_literal"}),
        declarators=frozenset({"variable_declarator", "assignment_expression"}),
        members=frozenset({"field_access"}),
    ),
    k.KOTLIN: LangTable(
        imports=frozenset({"import", "import_header"}),
        calls=frozenset({"call_expression"}),
        strings=frozenset({"string_literal"}),
        numbers=frozenset({"number_literal", "integer_literal", "long_literal"}),
        declarators=frozenset({"property_declaration", "assignment"}),
        members=frozenset({"navigation_expression"}),
    ),
    k.GO: LangTable(
        imports=frozenset({"import_spec"}),
        calls=frozenset({"call_expression"}),
        news=frozenset({"composite_literal"}),
        strings=frozenset({"interpreted_string_literal", "raw_string_literal"}),
        numbers=frozenset({"int_literal"}),
        pairs=frozenset({"keyed_element"}),
        declarators=frozenset(
            {"short_var_declaration", "assignment_statement", "const_spec", "var_spec"}
        ),
        members=frozenset({"selector_expression", "qualified_type"}),
    ),
    k.JAVASCRIPT: _JS,
    k.TYPESCRIPT: _JS,
    k.TSX: _JS,
    k.PHP: LangTable(
        imports=frozenset(
            {
                "namespace_use_clause",
                "require_once_expression",
                "require_expression",
                "include_expression",
                "include_once_expression",
            }
        ),
        calls=frozenset(
            {
                "function_call_expression",
                "member_call_expression",
                "scoped_call_expression",
                "nullsafe_member_call_expression",
            }
        ),
        news=frozenset({"object_creation_expression"}),
        strings=frozenset({"string", "encapsed_string"}),
        numbers=frozenset({"integer"}),
        pairs=frozenset({"array_element_initializer"}),
        declarators=frozenset({"assignment_expression", "const_element", "property_element"}),
        members=frozenset(
            {
                "member_access_expression",
                "class_constant_access_expression",
                "scoped_property_access_expression",
            }
        ),
    ),
    k.CSHARP: LangTable(
        imports=frozenset({"using_directive"}),
        calls=frozenset({"invocation_expression"}),
        news=frozenset({"object_creation_expression"}),
        strings=frozenset({"string_literal", "verbatim_string_literal", "raw_string_literal"}),
        numbers=frozenset({"integer_literal"}),
        declarators=frozenset({"variable_declarator", "assignment_expression"}),
        members=frozenset({"member_access_expression"}),
    ),
    k.RUBY: LangTable(
        calls=frozenset({"call"}),
        strings=frozenset({"string"}),
        numbers=frozenset({"integer"}),
        pairs=frozenset({"pair"}),
        declarators=frozenset({"assignment"}),
        require_calls=frozenset({"require", "require_relative", "load"}),
        members=frozenset({"scope_resolution"}),
    ),
}


@cache
def parser_for(kind: str) -> Any:
    import tree_sitter

    module_name, attr = _GRAMMARS[kind]
    module = importlib.import_module(module_name)
    language = tree_sitter.Language(getattr(module, attr)())
    return tree_sitter.Parser(language)


class _Positions:
    """tree-sitter points use byte columns; findings use character columns."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.ascii = data.isascii()
        self._lines: list[bytes] | None = None
        self._starts: dict[int, list[int] | None] = {}  # row -> byte offsets of its characters

    def col(self, row: int, bcol: int) -> int:
        if self.ascii:
            return bcol + 1
        if row in self._starts:
            starts = self._starts[row]
        else:
            starts = self._starts[row] = self._char_starts(row)
        if starts is None:  # an ASCII line
            return bcol + 1
        return bisect.bisect_left(starts, bcol) + 1

    def _char_starts(self, row: int) -> list[int] | None:
        """Byte offset of each character of a line (None when the line is ASCII).

        Computed once per line, so a long minified line costs one pass, not one
        decode per node. (The bytes are always valid UTF-8: `facts` encodes a str.)
        """
        if self._lines is None:
            self._lines = self.data.split(b"\n")
        line = self._lines[row] if row < len(self._lines) else b""
        if line.isascii():
            return None
        starts: list[int] = []
        offset = 0
        for ch in line.decode("utf-8", errors="replace"):
            starts.append(offset)
            offset += len(ch.encode("utf-8"))
        return starts

    def span(self, node: Any) -> Span:
        (sr, sc), (er, ec) = node.start_point, node.end_point
        return Span(sr + 1, self.col(sr, sc), er + 1, self.col(er, ec))


def _text(node: Any) -> str:
    raw: bytes = node.text or b""
    return raw.decode("utf-8", errors="replace")


_QUOTES = ('"""', "'''", '@"', '$"', '"', "'", "`")


def string_value(node: Any) -> str | None:
    if node.type == "template_string" and any(
        c.type == "template_substitution" for c in node.children
    ):
        return None
    if node.type == "encapsed_string" and any(
        c.type in ("variable_name", "dynamic_variable_name") for c in node.children
    ):
        return None
    t = _text(node)
    if node.type == "raw_string_literal" and t.startswith("`"):
        return t[1:-1]
    for q in _QUOTES:
        if t.startswith(q) and t.endswith(q[-1]) and len(t) >= len(q) + 1:
            inner = t[len(q) : len(t) - (3 if q in ('"""', "'''") else 1)]
            return inner.replace('\\"', '"').replace("\\'", "'").replace("\\\\", "\\")
    return t


class _Walker:
    def __init__(self, kind: str, data: bytes) -> None:
        self.kind = kind
        self.t = TABLES[kind]
        self.pos = _Positions(data)
        self.imports: list[Import] = []
        self.calls: list[Call] = []
        self.literals: list[Literal] = []
        self.assigns: list[Assignment] = []
        self.comments: list[Span] = []

    # -- rendering -------------------------------------------------------
    def render(self, node: Any, depth: int = 0) -> str:
        """Dotted text of a callee / receiver expression; calls render as `f()`."""
        if node is None or depth > 12:
            return "?"
        t = self.t
        typ = node.type
        if typ in t.calls:
            return self.render(self.callee_node(node), depth + 1) + "()"
        if typ in t.news:
            return self.render(self.new_type(node), depth + 1) + "()"
        if typ in ("parenthesized_expression",) and node.named_child_count == 1:
            return self.render(node.named_children[0], depth + 1)
        if typ in t.members or typ in (
            "member_access_expression",
            "scoped_identifier",
            "qualified_name",
            "namespace_name",
            "scope_resolution",
            "selector_expression",
            "navigation_expression",
            "qualified_type",
            "field_access",
            "scoped_type_identifier",
            "generic_type",
            "qualified_identifier",
        ):
            named = node.named_children
            if typ == "generic_type" and named:
                return self.render(named[0], depth + 1)
            if typ == "navigation_expression" and len(named) >= 2:
                return self.render(named[0], depth + 1) + "." + self.render(named[-1], depth + 1)
            parts = [
                self.render(c, depth + 1)
                for c in named
                if c.type not in ("type_arguments", "arguments")
            ]
            return ".".join(p for p in parts if p)
        if typ in ("navigation_suffix",):
            return _text(node).lstrip("?.").strip()
        if typ in ("variable_name",):
            return _text(node).lstrip("$")
        text = _text(node)
        if len(text) > 120 or "\n" in text:
            return "?"
        return (
            text.replace(" ", "")
            .replace("->", ".")
            .replace("::", ".")
            .replace("?.", ".")
            .lstrip("\\")
        )

    def callee_node(self, node: Any) -> Any:
        if any(node.child_by_field_name(f) is not None for f in ("object", "scope", "receiver")):
            return _Member(node, self)
        for f in ("function", "method", "name"):
            c = node.child_by_field_name(f)
            if c is not None:
                return c
        return node.named_children[0] if node.named_child_count else None

    def new_type(self, node: Any) -> Any:
        for f in ("type", "constructor"):
            c = node.child_by_field_name(f)
            if c is not None:
                return c
        for c in node.named_children:
            if c.type not in ("arguments", "argument_list", "comment"):
                return c
        return None

    # -- arguments -------------------------------------------------------
    def literal(self, node: Any) -> str | None:
        if node is None:
            return None
        t = self.t
        if (
            node.type
            in ("argument", "value_argument", "literal_element", "parenthesized_expression")
            and node.named_child_count
        ):
            return self.literal(node.named_children[-1])
        if node.type in t.strings:
            return string_value(node)
        if node.type in t.numbers:
            return _text(node).rstrip("lL")
        if node.type in ("true", "false", "boolean_literal", "null_literal", "nil", "null"):
            return _text(node)
        if node.type in ("unary_expression", "prefix_expression") and _text(node).startswith("-"):
            inner = node.named_children[-1] if node.named_child_count else None
            v = self.literal(inner)
            return f"-{v}" if v is not None else None
        return None

    def args(self, node: Any) -> tuple[Arg, ...]:
        lst = node.child_by_field_name("arguments")
        if lst is None:
            for c in node.named_children:
                if c.type in self.t.arg_lists:
                    lst = c
                    break
        if lst is None:
            if node.type == "composite_literal":
                body = node.child_by_field_name("body")
                return tuple(
                    self.pair_arg(c)
                    for c in (body.named_children if body else [])
                    if c.type == "keyed_element"
                )
            return ()
        out = []
        for a in lst.named_children:
            if a.type in ("comment", "line_comment", "block_comment"):
                continue
            out.append(self.arg(a))
        return tuple(out)

    def arg(self, a: Any) -> Arg:
        name = None
        if a.type == "pair":  # ruby keyword args / hashes
            return self.pair_arg(a)
        nm = a.child_by_field_name("name")
        if nm is not None and a.type == "argument":
            name = _text(nm).rstrip(":")
        elif (
            a.type == "value_argument"
            and a.named_child_count >= 2
            and a.named_children[0].type
            in ("identifier", "simple_identifier", "value_argument_label")
        ):
            name = _text(a.named_children[0]).rstrip("=").strip()
        elif (
            a.type == "argument"
            and a.named_child_count >= 2
            and a.named_children[0].type == "name_colon"
        ):
            name = _text(a.named_children[0]).rstrip(":").strip()
        text = _text(a)
        return Arg(name, self.literal(a), text[:200])

    def pair_key(self, node: Any) -> str | None:
        key = node.child_by_field_name("key")
        if key is None and node.named_child_count >= 2:
            key = node.named_children[0]
        if key is None:
            return None
        if key.type == "literal_element" and key.named_child_count:
            key = key.named_children[0]
        if key.type in self.t.strings:
            return string_value(key)
        text = _text(key).strip()
        return text.lstrip(":").rstrip(":").strip("'\"") if len(text) < 100 else None

    def pair_value(self, node: Any) -> Any:
        v = node.child_by_field_name("value")
        if v is None and node.named_child_count >= 2:
            v = node.named_children[-1]
        return v

    def pair_arg(self, node: Any) -> Arg:
        v = self.pair_value(node)
        return Arg(self.pair_key(node), self.literal(v), _text(node)[:200])

    # -- declarations ----------------------------------------------------
    def declaration(self, node: Any) -> None:
        left = node.child_by_field_name("left") or node.child_by_field_name("name")
        right = node.child_by_field_name("right") or node.child_by_field_name("value")
        typ = node.type
        if typ == "property_declaration":  # kotlin: (variable_declaration (identifier)) expression
            named = node.named_children
            vd = next((c for c in named if c.type == "variable_declaration"), None)
            left = vd.named_children[0] if vd is not None and vd.named_child_count else vd
            right = named[-1] if named and named[-1] is not vd else None
        elif typ == "variable_declarator" and right is None:  # C#: name then `= value` child
            named = node.named_children
            right = named[-1] if len(named) >= 2 else None
        elif typ == "assignment" and self.kind == k.KOTLIN:
            named = node.named_children
            left, right = (named[0], named[-1]) if len(named) >= 2 else (None, None)
        if left is None:
            return
        if left.type in ("expression_list",) and left.named_child_count:
            left = left.named_children[0]
        if right is not None and right.type in ("expression_list",) and right.named_child_count:
            right = right.named_children[0]
        path = self.render(left)
        key = path.rsplit(".", 1)[-1].lstrip("$@")
        if left.type in (
            "subscript_expression",
            "element_reference",
            "element_access_expression",
            "index_expression",
        ):
            idx = left.child_by_field_name("index") or (
                left.named_children[-1] if left.named_child_count > 1 else None
            )
            lit = self.literal(idx) if idx is not None else None
            if lit is None and idx is not None and idx.named_child_count:
                lit = self.literal(idx.named_children[0])
            if lit is None:
                return
            key, path = lit, ""
        if not key or key == "?":
            return
        self.assigns.append(
            Assignment(
                key,
                self.literal(right),
                self.pos.span(node),
                path=path,
                value_span=self.pos.span(right) if right is not None else None,
            )
        )

    # -- imports -----------------------------------------------------------
    def import_node(self, node: Any) -> None:
        typ = node.type
        module = ""
        if typ == "import_spec":
            p = node.child_by_field_name("path")
            module = string_value(p) or "" if p is not None else ""
        elif typ in ("import_statement", "export_statement"):
            src = node.child_by_field_name("source")
            if src is None:
                return
            module = string_value(src) or ""
        elif typ in (
            "require_once_expression",
            "require_expression",
            "include_expression",
            "include_once_expression",
        ):
            for c in node.named_children:
                v = self.literal(c)
                if v:
                    module = v
                    break
            if not module:
                return
        else:
            for c in node.named_children:
                if c.type in (
                    "scoped_identifier",
                    "identifier",
                    "qualified_identifier",
                    "qualified_name",
                    "name",
                    "identifier_name",
                    "user_type",
                ):
                    module = _text(c)
                    break
                if c.type == "name_equals" or c.type == "asterisk":
                    continue
            if not module:
                module = (
                    _text(node)
                    .replace("import", "")
                    .replace("using", "")
                    .replace("static", "")
                    .strip(" ;\n")
                )
        module = module.strip().lstrip("\\").replace("\\", ".")
        if module:
            self.imports.append(Import(module, self.pos.span(node)))

    # -- the walk ----------------------------------------------------------
    def visit(self, node: Any) -> None:
        t = self.t
        typ = node.type
        if typ in t.comments:
            self.comments.append(self.pos.span(node))
            return
        if typ in t.imports:
            self.import_node(node)
        elif typ in t.calls:
            callee = self.render(self.callee_node(node))
            args = self.args(node)
            if callee in t.require_calls and args and args[0].value:
                self.imports.append(Import(args[0].value, self.pos.span(node)))
            self.calls.append(Call(callee, self.pos.span(node), args))
            for a in args:
                if a.name:
                    self.assigns.append(Assignment(a.name, a.value, self.pos.span(node)))
        elif typ in t.news:
            callee = self.render(self.new_type(node))
            self.calls.append(Call(callee, self.pos.span(node), self.args(node), is_new=True))
        elif typ in t.strings:
            v = string_value(node)
            if v is not None:
                self.literals.append(Literal(v, self.pos.span(node)))
            return
        elif typ in t.numbers:
            self.literals.append(Literal(_text(node), self.pos.span(node), "number"))
            return
        elif typ in t.pairs:
            key = self.pair_key(node)
            if key and node.named_child_count >= 2:
                v = self.pair_value(node)
                self.assigns.append(
                    Assignment(
                        key,
                        self.literal(v),
                        self.pos.span(node),
                        value_span=self.pos.span(v) if v is not None else None,
                    )
                )
        elif typ in t.declarators:
            self.declaration(node)

    def walk(self, root: Any) -> None:
        """Visit the interesting nodes in document order (pre-order).

        A tree-sitter query finds them on the C side, so Python touches only the nodes
        it needs (a tenth of them), not every node and token of the tree. Nodes inside a
        comment, string or number are dropped, as a walk that does not descend into
        those would: a visited leaf's range covers them.
        """
        import tree_sitter

        t = self.t
        nodes = tree_sitter.QueryCursor(_query(self.kind)).captures(root).get("n", [])
        nodes.sort(key=_preorder)
        leaves = t.comments | t.strings | t.numbers
        leaf_start = leaf_end = -1
        for node in nodes:
            start, end = node.start_byte, node.end_byte
            if leaf_start <= start and end <= leaf_end and (start, end) != (leaf_start, leaf_end):
                continue
            self.visit(node)
            if node.type in leaves:
                leaf_start, leaf_end = start, end


def _preorder(node: Any) -> tuple[int, int]:
    return node.start_byte, -node.end_byte


@cache
def _query(kind: str) -> Any:
    """One query capturing every named node type the walker visits for this language."""
    import tree_sitter

    language = parser_for(kind).language
    t = TABLES[kind]
    types = t.imports | t.calls | t.news | t.strings | t.numbers | t.pairs | t.declarators
    types |= t.comments
    known = sorted(x for x in types if language.id_for_node_kind(x, True) is not None)
    return tree_sitter.Query(language, "[" + " ".join(f"({x})" for x in known) + "] @n")


class _Member:
    """Adapter that renders `obj->name` / `Scope::name` / `recv.meth` callees."""

    def __init__(self, node: Any, walker: _Walker) -> None:
        self.node = node
        self.walker = walker
        self.type = "_member"

    def render(self) -> str:
        n = self.node
        obj = (
            n.child_by_field_name("object")
            or n.child_by_field_name("scope")
            or n.child_by_field_name("receiver")
        )
        name = n.child_by_field_name("name") or n.child_by_field_name("method")
        return f"{self.walker.render(obj)}.{_text(name) if name is not None else '?'}"


def facts(text: str, kind: str, ctx: FileContext | None = None) -> CodeFacts:
    data = text.encode("utf-8", errors="replace")
    tree = parser_for(kind).parse(data)
    walker = _Walker(kind, data)
    original_render = walker.render

    def render(node: Any, depth: int = 0) -> str:
        if isinstance(node, _Member):
            return node.render()
        return original_render(node, depth)

    walker.render = render  # type: ignore[method-assign]
    walker.walk(tree.root_node)
    if tree.root_node.has_error and ctx is not None:
        ctx.note(
            "parse-partial",
            f"tree-sitter ({kind}) recovered from syntax errors; facts near them may be incomplete",
        )
    return CodeFacts(
        imports=tuple(walker.imports),
        calls=tuple(walker.calls),
        literals=tuple(walker.literals),
        assignments=tuple(walker.assigns),
        comments=tuple(walker.comments),
        parser=f"tree-sitter-{kind}",
    )
