"""Facts for Java, Kotlin, Go, JavaScript, TypeScript/TSX, PHP, C# and Ruby.

One tree-sitter parse per file and one walk over the tree. Node types differ
between grammars, so each language has a small table saying which node types
are imports, calls, constructor calls, string / number literals, key-value
pairs, declarations and comments; the walk itself is shared.

Grammars come from the official per-language wheels and are loaded on first
use; nothing is downloaded.
"""

from __future__ import annotations

import importlib
import operator
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from functools import cache
from itertools import accumulate, repeat
from typing import TYPE_CHECKING, Any, NamedTuple, overload

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


class LangTable(NamedTuple):
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
    members: frozenset[str] = frozenset()  # a.b member access node types


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


# What the walk does with a captured node, by node type (when a type is in several
# table entries, the first of comment, import, call, constructor call, string, number,
# pair, declaration wins). The two literal roles come first: `role <= _NUMBER`.
_STRING, _NUMBER, _COMMENT, _IMPORT, _CALL, _NEW, _PAIR, _DECLARATION = range(8)

# Fields the walker reads. A grammar without one gets id 0, for which
# `child_by_field_id` answers None, as `child_by_field_name` does for an unknown name.
_FIELDS = (
    "arguments",
    "body",
    "constructor",
    "function",
    "index",
    "key",
    "left",
    "method",
    "name",
    "object",
    "path",
    "receiver",
    "right",
    "scope",
    "source",
    "type",
    "value",
)


class _KindNames(dict[int, str]):
    """Node type name by `Node.kind_id`: one shared str per type, so the many type
    tests in the walker neither build a new string (`Node.type` does) nor hash it."""

    def __init__(self, language: Any) -> None:
        super().__init__()
        self.language = language

    def __missing__(self, kind_id: int) -> str:
        name: str = self.language.node_kind_for_id(kind_id)
        self[kind_id] = name
        return name


class _Grammar(NamedTuple):
    """Per-language data computed once: the query, type names, roles and field ids."""

    query: Any
    names: _KindNames
    roles: dict[str, int]  # node type -> what the walk does with it
    leaves: frozenset[str]  # comment / string / number types: nothing inside them is visited
    fields: dict[str, int]  # field name -> id (0 when the grammar has no such field)


@cache
def _grammar(kind: str) -> _Grammar:
    """The language's `_Grammar`, with one query capturing every named node type the
    walk visits."""
    import tree_sitter

    language = parser_for(kind).language
    t = TABLES[kind]
    roles: dict[str, int] = {}
    for role, types in reversed(
        (
            (_COMMENT, t.comments),
            (_IMPORT, t.imports),
            (_CALL, t.calls),
            (_NEW, t.news),
            (_STRING, t.strings),
            (_NUMBER, t.numbers),
            (_PAIR, t.pairs),
            (_DECLARATION, t.declarators),
        )
    ):
        roles.update(dict.fromkeys(types, role))
    known = sorted(x for x in roles if language.id_for_node_kind(x, True) is not None)
    query = tree_sitter.Query(language, "[" + " ".join(f"({x})" for x in known) + "] @n")
    return _Grammar(
        query=query,
        names=_KindNames(language),
        roles=roles,
        leaves=t.comments | t.strings | t.numbers,
        fields={f: language.field_id_for_name(f) or 0 for f in _FIELDS},
    )


# Span and the facts are named tuples, whose generated __new__ is Python code;
# tuple.__new__ builds the same tuple in C, at half the cost, for the frequent ones.
_new = tuple.__new__

_SHORT_LINE = 512  # bytes; on a longer line, columns come from an index of its characters


class _Positions:
    """Spans from byte offsets.

    tree-sitter starts a new row after each "\\n" and counts columns in bytes;
    findings use 1-based lines and character columns. `starts` holds the offset
    at which each line starts, so the line of byte offset b is
    `bisect_right(starts, b)` and its byte column `b - starts[line - 1] + 1`.
    """

    def __init__(self, data: bytes) -> None:
        lines = data.split(b"\n")
        # 0, then each line's length plus its "\n" added up (all in C).
        self.starts = list(
            accumulate(map(operator.add, map(len, lines[:-1]), repeat(1)), initial=0)
        )
        self.ascii = data.isascii()
        # Otherwise: the bytes of each line that is not ASCII (None for the others), and
        # the offset of each character of the long ones, made on first use.
        self.rows = [] if self.ascii else [None if x.isascii() else x for x in lines]
        self._chars: dict[int, list[int]] = {}
        self._cols: dict[int, int] = {}  # byte offset -> character column

    def span(self, start: int, end: int) -> Span:
        """Span of the bytes start..end."""
        starts = self.starts
        sl = bisect_right(starts, start)
        el = bisect_right(starts, end, sl - 1)
        sc, ec = start - starts[sl - 1] + 1, end - starts[el - 1] + 1  # byte columns
        if not self.ascii:
            raw = self.rows[sl - 1]
            if raw is not None:
                sc = self.col(raw, sl, start, sc)
            raw = self.rows[el - 1]
            if raw is not None:
                ec = self.col(raw, el, end, ec)
        return _new(Span, (sl, sc, el, ec))

    def col(self, raw: bytes, line: int, offset: int, bcol: int) -> int:
        """Character column of byte `offset`, at byte column `bcol` of `line`, whose
        bytes are `raw` (not ASCII). Kept by offset: nested nodes share ends."""
        col = self._cols.get(offset)
        if col is None:
            if len(raw) <= _SHORT_LINE:  # count the characters before offset
                col = len(raw[: bcol - 1].decode("utf-8", "replace")) + 1
            else:
                chars = self._chars.get(line)
                if chars is None:
                    chars = self._chars[line] = _char_starts(raw)
                col = bisect_left(chars, bcol - 1) + 1
            self._cols[offset] = col
        return col


def _char_starts(line: bytes) -> list[int]:
    """Offset of each character of a line.

    Made once per long line, so a long minified line costs one pass, not one decode
    per node. The bytes are always valid UTF-8 (`facts` encodes a str), so a
    character starts at every byte that is not a continuation byte.
    """
    return [i for i, b in enumerate(line) if b < 0x80 or b >= 0xC0]


# Quotes a string literal may open with, longest first, by first character.
_QUOTES: dict[str, tuple[str, ...]] = {
    '"': ('"""', '"'),
    "'": ("'''", "'"),
    "@": ('@"',),
    "$": ('$"',),
    "`": ("`",),
}
_WRAPPERS = frozenset({"argument", "value_argument", "literal_element", "parenthesized_expression"})
_CONSTANTS = frozenset({"true", "false", "boolean_literal", "null_literal", "nil", "null"})
_NEGATIONS = frozenset({"unary_expression", "prefix_expression"})
_MEMBERS = frozenset(
    {
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
    }
)
_HOLES = {
    "template_string": frozenset({"template_substitution"}),
    "encapsed_string": frozenset({"variable_name", "dynamic_variable_name"}),
}
_STRUCTURED = frozenset({"parenthesized_expression", "navigation_suffix", "variable_name"})
_ARG_COMMENTS = frozenset({"comment", "line_comment", "block_comment"})
_ARG_LABELS = frozenset({"identifier", "simple_identifier", "value_argument_label"})
_SUBSCRIPTS = frozenset(
    {"subscript_expression", "element_reference", "element_access_expression", "index_expression"}
)
_PHP_INCLUDES = frozenset(
    {
        "require_once_expression",
        "require_expression",
        "include_expression",
        "include_once_expression",
    }
)
_IMPORT_NAMES = frozenset(
    {
        "scoped_identifier",
        "identifier",
        "qualified_identifier",
        "qualified_name",
        "name",
        "identifier_name",
        "user_type",
    }
)
_ARG_TEXT = 200  # characters of an argument's source text kept in `Arg.text`
_RENDER_MAX = 120  # longer callee / receiver text renders as "?"


class _Walker:
    """Turns the captured nodes of one file into facts.

    Node text is sliced from the source by byte offsets instead of read through
    `Node.text`: from the str itself when it is ASCII (byte and character offsets
    agree), else from the UTF-8 bytes, decoded. Spans come from byte offsets too
    (`_Positions`), and the value and span of a string read as an argument, key or
    value are kept for when the walk reaches that string.
    """

    def __init__(self, kind: str, text: str, data: bytes) -> None:
        self.kind = kind
        t = TABLES[kind]
        g = self.grammar = _grammar(kind)
        self.names = g.names
        self.require_calls = t.require_calls
        # A call's arguments are read when a detector asks for them (most never do), in the
        # languages where reading them has no other effect: no named arguments (which also
        # bind their names) and no `require` (which also imports its argument).
        self.lazy_call_args = kind in _NO_NAMED_ARGUMENTS
        self.calls_t = t.calls
        self.news_t = t.news
        self.strings_t = t.strings
        self.numbers_t = t.numbers
        self.members_t = t.members | _MEMBERS
        self.arg_lists_t = t.arg_lists
        # Types `render` does more with than cleaning up their text.
        self.structured_t = self.calls_t | self.news_t | self.members_t | _STRUCTURED
        # Types `literal` may find a value in.
        self.literal_t = _WRAPPERS | t.strings | t.numbers | _CONSTANTS | _NEGATIONS
        f = g.fields
        self.f_arguments, self.f_body, self.f_index = f["arguments"], f["body"], f["index"]
        self.f_key, self.f_path, self.f_source = f["key"], f["path"], f["source"]
        self.f_name, self.f_value = f["name"], f["value"]
        # Fields tried in turn, those the grammar lacks left out.
        self.f_receiver = _present(f, "object", "scope", "receiver")
        self.f_member = _present(f, "name", "method")
        self.f_callee = _present(f, "function", "method", "name")
        self.f_new = _present(f, "type", "constructor")
        self.f_left = _present(f, "left", "name")
        self.f_right = _present(f, "right", "value")
        self.src: str | None = text if text.isascii() else None
        self.data = data
        self.pos = _Positions(data)
        # Start byte -> (end byte, type, value) of the strings read so far, and
        # (end byte, span) of the values whose span was taken.
        self.strings: dict[int, tuple[int, str, str | None]] = {}
        self.spans: dict[int, tuple[int, Span]] = {}
        self.imports: list[Import] = []
        self.calls: list[Call] = []
        self.literals: list[Literal] = []
        self.assigns: list[Assignment] = []
        self.comments: list[Span] = []

    # -- source text -------------------------------------------------------
    def slice(self, start: int, end: int) -> str:
        """Source text of the bytes start..end."""
        if self.src is not None:
            return self.src[start:end]
        return self.data[start:end].decode("utf-8", errors="replace")

    def text(self, node: Any) -> str:
        if self.src is not None:
            return self.src[node.start_byte : node.end_byte]
        return self.data[node.start_byte : node.end_byte].decode("utf-8", errors="replace")

    def head(self, start: int, end: int) -> str:
        """`self.slice(start, end)[:_ARG_TEXT]` without slicing (and decoding) all of a long node."""
        if self.src is not None:
            return self.src[start : min(end, start + _ARG_TEXT)]
        # A character takes at most 4 bytes, and the decoder reads at most 4 bytes to
        # decide on each one: the first _ARG_TEXT characters come out the same.
        raw = self.data[start : min(end, start + 4 * _ARG_TEXT + 4)]
        return raw.decode("utf-8", errors="replace")[:_ARG_TEXT]

    def value_span(self, node: Any) -> Span:
        """Span of the value of a pair or declaration, kept for the walk, which comes to
        that node next if it is a literal."""
        start, end = node.start_byte, node.end_byte
        span = self.pos.span(start, end)
        self.spans[start] = (end, span)
        return span

    def string_value(self, node: Any, typ: str, text: str | None = None) -> str | None:
        """Contents of string literal `node` of type `typ` (`text` is its text when
        known), or None for a template / interpolated string with substitutions.

        Kept for the walk, which comes to a string read as an argument, key or value
        after the node that read it.
        """
        start, end = node.start_byte, node.end_byte
        known = self.strings.get(start)
        if known is not None and known[0] == end and known[1] == typ:
            return known[2]
        if text is None:
            src = self.src
            text = src[start:end] if src is not None else self.slice(start, end)
        value = self.unquote(node, typ, text)
        self.strings[start] = (end, typ, value)
        return value

    def unquote(self, node: Any, typ: str, t: str) -> str | None:
        """Contents of string literal `node` of type `typ` and text `t`."""
        if typ == "template_string" or typ == "encapsed_string":
            names = self.names
            holes = _HOLES[typ]
            for c in node.children:
                if names[c.kind_id] in holes:
                    return None
        if typ == "raw_string_literal" and t.startswith("`"):
            return t[1:-1]
        for q in _QUOTES.get(t[:1], ()):
            if t.startswith(q) and t.endswith(q[-1]) and len(t) >= len(q) + 1:
                inner = t[len(q) : len(t) - (3 if q in ('"""', "'''") else 1)]
                if "\\" not in inner:
                    return inner
                return inner.replace('\\"', '"').replace("\\'", "'").replace("\\\\", "\\")
        return t

    # -- rendering -------------------------------------------------------
    def render(self, node: Any, depth: int = 0) -> str:
        """Dotted text of a callee / receiver expression; calls render as `f()`."""
        if node is None or depth > 12:
            return "?"
        typ = self.names[node.kind_id]
        if typ in self.structured_t:
            if typ in self.calls_t:
                return self.render_callee(node, depth + 1) + "()"
            if typ in self.news_t:
                return self.render(self.new_type(node), depth + 1) + "()"
            if typ == "parenthesized_expression" and node.named_child_count == 1:
                return self.render(node.named_children[0], depth + 1)
            if typ in self.members_t:
                named = node.named_children
                if typ == "generic_type" and named:
                    return self.render(named[0], depth + 1)
                if typ == "navigation_expression" and len(named) >= 2:
                    return (
                        self.render(named[0], depth + 1) + "." + self.render(named[-1], depth + 1)
                    )
                names = self.names
                parts = [
                    self.render(c, depth + 1)
                    for c in named
                    if names[c.kind_id] not in ("type_arguments", "arguments")
                ]
                return ".".join(p for p in parts if p)
            if typ == "navigation_suffix":
                return self.text(node).lstrip("?.").strip()
            if typ == "variable_name":
                return self.text(node).lstrip("$")
        start, end = node.start_byte, node.end_byte
        # At most 4 bytes a character: more bytes than that are too many characters.
        if end - start > 4 * _RENDER_MAX:
            return "?"
        src = self.src
        text = src[start:end] if src is not None else self.slice(start, end)
        if len(text) > _RENDER_MAX or "\n" in text:
            return "?"
        if text.isidentifier():  # nothing to clean up
            return text
        return (
            text.replace(" ", "")
            .replace("->", ".")
            .replace("::", ".")
            .replace("?.", ".")
            .lstrip("\\")
        )

    def render_callee(self, node: Any, depth: int) -> str:
        """Render the callee of call `node` at `depth`.

        A callee with a receiver (`obj->name`, `Scope::name`, `recv.meth`) renders as
        `receiver.name`, the receiver from depth 0 again and the name as written.
        """
        for f in self.f_receiver:
            obj = node.child_by_field_id(f)
            if obj is not None:
                for f in self.f_member:
                    name = node.child_by_field_id(f)
                    if name is not None:
                        return f"{self.render(obj)}.{self.text(name)}"
                return f"{self.render(obj)}.?"
        for f in self.f_callee:
            c = node.child_by_field_id(f)
            if c is not None:
                return self.render(c, depth)
        return self.render(node.named_children[0] if node.named_child_count else None, depth)

    def new_type(self, node: Any) -> Any:
        for f in self.f_new:
            c = node.child_by_field_id(f)
            if c is not None:
                return c
        names = self.names
        for c in node.named_children:
            if names[c.kind_id] not in ("arguments", "argument_list", "comment"):
                return c
        return None

    # -- arguments -------------------------------------------------------
    def literal(self, node: Any, typ: str | None = None, text: str | None = None) -> str | None:
        """Literal value of an expression (`typ` and `text` are its type and text when known)."""
        if node is None:
            return None
        if typ is None:
            typ = self.names[node.kind_id]
        if typ not in self.literal_t:
            return None
        if typ in _WRAPPERS and node.named_child_count:
            return self.literal(node.named_children[-1])
        if typ in self.strings_t:
            return self.string_value(node, typ, text)
        if typ in self.numbers_t:
            return (self.text(node) if text is None else text).rstrip("lL")
        if typ in _CONSTANTS:
            return self.text(node) if text is None else text
        if typ in _NEGATIONS and self.data.startswith(b"-", node.start_byte, node.end_byte):
            inner = node.named_children[-1] if node.named_child_count else None
            v = self.literal(inner)
            return f"-{v}" if v is not None else None
        return None

    def args(self, node: Any, typ: str) -> tuple[Arg, ...]:
        names = self.names
        lst = node.child_by_field_id(self.f_arguments) if self.f_arguments else None
        if lst is None:
            arg_lists = self.arg_lists_t
            for c in node.named_children:
                if names[c.kind_id] in arg_lists:
                    lst = c
                    break
        if lst is None:
            if typ == "composite_literal":
                body = node.child_by_field_id(self.f_body)
                return tuple(
                    self.pair_arg(c)
                    for c in (body.named_children if body is not None else [])
                    if names[c.kind_id] == "keyed_element"
                )
            return ()
        out = []
        for a in lst.named_children:
            at = names[a.kind_id]
            if at not in _ARG_COMMENTS:
                out.append(self.arg(a, at))
        return tuple(out)

    def arg(self, a: Any, typ: str) -> Arg:
        if typ == "pair":  # ruby keyword args / hashes
            return self.pair_arg(a)
        name = None
        if typ == "argument":
            nm = a.child_by_field_id(self.f_name)
            if nm is not None:
                name = self.text(nm).rstrip(":")
            elif a.named_child_count >= 2:
                first = a.named_children[0]
                if self.names[first.kind_id] == "name_colon":
                    name = self.text(first).rstrip(":").strip()
        elif typ == "value_argument" and a.named_child_count >= 2:
            first = a.named_children[0]
            if self.names[first.kind_id] in _ARG_LABELS:
                name = self.text(first).rstrip("=").strip()
        start, end = a.start_byte, a.end_byte
        if typ in self.strings_t or typ in self.numbers_t:
            text = self.slice(start, end)  # needed whole for the value anyway
            return _new(Arg, (name, self.literal(a, typ, text), text[:_ARG_TEXT]))
        value = self.literal(a, typ) if typ in self.literal_t else None
        return _new(Arg, (name, value, self.head(start, end)))

    def pair_key(self, node: Any, named: list[Any]) -> str | None:
        """Key of a pair whose named children are `named`."""
        key = node.child_by_field_id(self.f_key) if self.f_key else None
        if key is None and len(named) >= 2:
            key = named[0]
        if key is None:
            return None
        names = self.names
        typ = names[key.kind_id]
        if typ == "literal_element" and key.named_child_count:
            key = key.named_children[0]
            typ = names[key.kind_id]
        if typ in self.strings_t:
            return self.string_value(key, typ)
        text = self.text(key).strip()
        return text.lstrip(":").rstrip(":").strip("'\"") if len(text) < 100 else None

    def pair_value(self, node: Any, named: list[Any]) -> Any:
        """Value of a pair whose named children are `named`."""
        v = node.child_by_field_id(self.f_value) if self.f_value else None
        if v is None and len(named) >= 2:
            v = named[-1]
        return v

    def pair_arg(self, node: Any) -> Arg:
        named = node.named_children
        v = self.pair_value(node, named)
        return Arg(
            self.pair_key(node, named), self.literal(v), self.head(node.start_byte, node.end_byte)
        )

    # -- declarations ----------------------------------------------------
    def declaration(self, node: Any, typ: str, start: int, end: int) -> None:
        names = self.names
        if typ == "property_declaration":  # kotlin: (variable_declaration (identifier)) expression
            named = node.named_children
            vd = next((c for c in named if names[c.kind_id] == "variable_declaration"), None)
            left = vd.named_children[0] if vd is not None and vd.named_child_count else vd
            right = named[-1] if named and named[-1] is not vd else None
        elif typ == "assignment" and self.kind == k.KOTLIN:
            named = node.named_children
            left, right = (named[0], named[-1]) if len(named) >= 2 else (None, None)
        else:
            left = right = None
            for f in self.f_left:
                left = node.child_by_field_id(f)
                if left is not None:
                    break
            for f in self.f_right:
                right = node.child_by_field_id(f)
                if right is not None:
                    break
            if typ == "variable_declarator" and right is None:  # C#: name then `= value` child
                named = node.named_children
                right = named[-1] if len(named) >= 2 else None
        if left is None:
            return
        left_type = names[left.kind_id]
        if left_type == "expression_list" and left.named_child_count:
            left = left.named_children[0]
            left_type = names[left.kind_id]
        if (
            right is not None
            and names[right.kind_id] == "expression_list"
            and right.named_child_count
        ):
            right = right.named_children[0]
        path = self.render(left)
        key = path.rsplit(".", 1)[-1].lstrip("$@")
        if left_type in _SUBSCRIPTS:
            idx = left.child_by_field_id(self.f_index) if self.f_index else None
            if idx is None and left.named_child_count > 1:
                idx = left.named_children[-1]
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
                self.pos.span(start, end),
                path=path,
                value_span=self.value_span(right) if right is not None else None,
            )
        )

    # -- imports -----------------------------------------------------------
    def import_node(self, node: Any, typ: str, start: int, end: int) -> None:
        names = self.names
        module = ""
        if typ == "import_spec":
            p = node.child_by_field_id(self.f_path) if self.f_path else None
            module = self.string_value(p, names[p.kind_id]) or "" if p is not None else ""
        elif typ in ("import_statement", "export_statement"):
            src = node.child_by_field_id(self.f_source) if self.f_source else None
            if src is None:
                return
            module = self.string_value(src, names[src.kind_id]) or ""
        elif typ in _PHP_INCLUDES:
            for c in node.named_children:
                v = self.literal(c)
                if v:
                    module = v
                    break
            if not module:
                return
        else:
            for c in node.named_children:
                if names[c.kind_id] in _IMPORT_NAMES:
                    module = self.text(c)
                    break
            if not module:
                module = (
                    self.slice(start, end)
                    .replace("import", "")
                    .replace("using", "")
                    .replace("static", "")
                    .strip(" ;\n")
                )
        module = module.strip().lstrip("\\").replace("\\", ".")
        if module:
            self.imports.append(Import(module, self.pos.span(start, end)))

    # -- the walk ----------------------------------------------------------
    def visit(self, node: Any, typ: str, role: int, start: int, end: int) -> None:
        """Facts from a captured node of type `typ` spanning bytes start..end; `role`
        says what it is (strings, numbers and comments are handled in `walk`)."""
        if role == _CALL:
            callee = self.render_callee(node, 0)
            span = self.pos.span(start, end)
            if self.lazy_call_args and callee not in self.require_calls:
                self.calls.append(_new(Call, (callee, span, _LazyArgs(self, node, typ), False)))
                return
            args = self.args(node, typ)
            if callee in self.require_calls and args and args[0].value:
                self.imports.append(Import(args[0].value, span))
            self.calls.append(_new(Call, (callee, span, args, False)))
            for a in args:
                if a.name:
                    self.assigns.append(Assignment(a.name, a.value, span))
        elif role == _PAIR:
            named = node.named_children
            key = self.pair_key(node, named)
            if key and len(named) >= 2:
                v = self.pair_value(node, named)
                value_span = self.value_span(v) if v is not None else None
                span = self.pos.span(start, end)
                self.assigns.append(_new(Assignment, (key, self.literal(v), span, "", value_span)))
        elif role == _DECLARATION:
            self.declaration(node, typ, start, end)
        elif role == _NEW:  # (reading a constructor call's arguments has no other effect)
            callee = self.render(self.new_type(node))
            lazy = _LazyArgs(self, node, typ)
            self.calls.append(_new(Call, (callee, self.pos.span(start, end), lazy, True)))
        elif role == _IMPORT:
            self.import_node(node, typ, start, end)

    def walk(self, root: Any) -> None:
        """Visit the interesting nodes in document order (pre-order).

        A tree-sitter query finds them on the C side, so Python touches only the nodes
        it needs (a tenth of them), not every node and token of the tree. Nodes inside a
        comment, string or number are dropped, as a walk that does not descend into
        those would: a visited leaf's range covers them. Strings, numbers and comments,
        the most frequent, are turned into facts right here.
        """
        import tree_sitter

        g = self.grammar
        nodes = tree_sitter.QueryCursor(g.query).captures(root).get("n", [])
        # Pre-order is (start_byte ascending, end_byte descending); two stable sorts
        # give that order (ties kept as captured) with keys read on the C side.
        nodes.sort(key=_END_BYTE, reverse=True)
        nodes.sort(key=_START_BYTE)
        names, roles, leaves, visit = self.names, g.roles, g.leaves, self.visit
        src, data, span = self.src, self.data, self.pos.span
        strings, spans, unquote = self.strings, self.spans, self.unquote
        literals, comments = self.literals, self.comments
        leaf_start = leaf_end = -1
        for node in nodes:
            start = node.start_byte
            end = node.end_byte
            if leaf_start <= start and end <= leaf_end and (start != leaf_start or end != leaf_end):
                continue
            typ = names[node.kind_id]
            role = roles[typ]
            if role <= _NUMBER:  # a string or number literal
                v: str | None
                known = strings.get(start) if role == _STRING else None
                if known is not None and known[0] == end and known[1] == typ:
                    v = known[2]  # read already, as an argument, key or value
                else:
                    v = (
                        src[start:end]
                        if src is not None
                        else data[start:end].decode("utf-8", "replace")
                    )
                    if role == _STRING:
                        v = unquote(node, typ, v)
                if v is not None:
                    got = spans.get(start)
                    sp = got[1] if got is not None and got[0] == end else span(start, end)
                    literals.append(
                        _new(Literal, (v, sp, "string" if role == _STRING else "number"))
                    )
            elif role == _COMMENT:
                comments.append(span(start, end))
            else:
                visit(node, typ, role, start, end)
                if typ not in leaves:
                    continue
            leaf_start, leaf_end = start, end


# the languages whose call arguments are never named (`f(name=value)` binds nothing)
_NO_NAMED_ARGUMENTS = frozenset({k.JAVA, k.GO, k.JAVASCRIPT, k.TYPESCRIPT, k.TSX})


class _LazyArgs(Sequence[Arg]):
    """A call's arguments, read from its node on first use (then the tuple `args` gives);
    compares, hashes and prints as that tuple."""

    __slots__ = ("_args", "_node", "_type", "_walker")

    def __init__(self, walker: _Walker, node: Any, typ: str) -> None:
        self._walker: _Walker | None = walker
        self._node = node
        self._type = typ
        self._args: tuple[Arg, ...] | None = None

    def _get(self) -> tuple[Arg, ...]:
        args = self._args
        if args is None:
            assert self._walker is not None
            args = self._args = self._walker.args(self._node, self._type)
            self._walker = self._node = None  # the tree and the walker's state go with them
        return args

    @overload
    def __getitem__(self, i: int) -> Arg: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[Arg, ...]: ...
    def __getitem__(self, i: int | slice) -> Arg | tuple[Arg, ...]:
        return self._get()[i]

    def __len__(self) -> int:
        return len(self._get())

    def __iter__(self) -> Iterator[Arg]:
        return iter(self._get())

    def __bool__(self) -> bool:
        return bool(self._get())

    def __eq__(self, other: object) -> bool:
        return self._get() == (other._get() if isinstance(other, type(self)) else other)

    def __hash__(self) -> int:
        return hash(self._get())

    def __repr__(self) -> str:
        return repr(self._get())


def _present(fields: dict[str, int], *names: str) -> tuple[int, ...]:
    """Ids of the named fields the grammar has, in the order given."""
    return tuple(fields[n] for n in names if fields[n])


_START_BYTE = operator.attrgetter("start_byte")
_END_BYTE = operator.attrgetter("end_byte")


def facts(text: str, kind: str, ctx: FileContext | None = None) -> CodeFacts:
    data = text.encode("utf-8", errors="replace")
    tree = parser_for(kind).parse(data)
    walker = _Walker(kind, text, data)
    root = tree.root_node
    walker.walk(root)
    if root.has_error and ctx is not None:
        ctx.note(
            "parse-partial",
            f"tree-sitter ({kind}) recovered from syntax errors; facts near them may be incomplete",
        )
    calls = tuple(walker.calls)
    # the walker's own list would close a cycle (walker -> calls -> their lazy arguments ->
    # walker) that only the garbage collector frees: the facts alone keep it now
    walker.calls.clear()
    return CodeFacts(
        imports=tuple(walker.imports),
        calls=calls,
        literals=tuple(walker.literals),
        assignments=tuple(walker.assigns),
        comments=tuple(walker.comments),
        parser=f"tree-sitter-{kind}",
    )
