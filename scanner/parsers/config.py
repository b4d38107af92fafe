"""Light, line-oriented readers for config formats.

Each reader produces `Assignment(key, value, path)` facts (the same shape the
code parsers produce for variables and map entries), the values as literals,
and comment spans. They never evaluate anything and never fail: a line they
do not understand is simply not a fact.

Formats: .properties, YAML (Spring, docker-compose, Kubernetes), JSON, XML
(Spring beans, Maven), TOML, INI/CFG (and Kannel / smstools / gammu / Jasmin,
which are INI-like), .env, Terraform HCL, Dockerfile.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from scanner import classify as k
from scanner import lazy_re
from scanner.facts import Assignment, CodeFacts, Literal
from scanner.model import Span

Facts = tuple[list[Assignment], list[Literal], list[Span]]


def _unquote(v: str) -> str:
    v = v.strip()
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
        return v[1:-1]
    return v


def _strip_trailing_comment(v: str, marks: tuple[str, ...] = (" #",)) -> str:
    if v[:1] and v[:1] in "\"'":
        end = v.find(v[0], 1)
        return v[: end + 1] if end > 0 else v
    for m in marks:
        i = v.find(m)
        if i >= 0:
            v = v[:i]
    return v.strip()


def _add(
    out: Facts,
    key: str,
    value: str | None,
    lineno: int,
    col: int,
    end: int,
    path: str = "",
    vcol: int = 0,
) -> None:
    assigns, literals, _ = out
    span = Span(lineno, col, lineno, end)
    vspan = Span(lineno, vcol, lineno, end) if vcol else None
    assigns.append(Assignment(key, value, span, path=path, value_span=vspan))
    if value:
        literals.append(Literal(value, vspan or span))


_KV = lazy_re.compile(r"^(\s*)([A-Za-z_.\-\[\]0-9$@/]+?)\s*(?:=|:(?!//))\s*(.*?)\s*$")


def _ini_like(text: str, kind: str) -> Facts:
    """INI / CFG / TOML / properties / .env / Kannel / smstools / gammu / Jasmin."""
    out: Facts = ([], [], [])
    section = ""
    group = ""
    for lineno, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if not s:
            group = "" if kind == k.KANNEL else group
            continue
        if s.startswith(("#", ";", "//", "!")):
            out[2].append(Span(lineno, line.find(s[0]) + 1, lineno, len(line) + 1))
            continue
        if s.startswith("[") and s.endswith("]") and kind != k.PROPERTIES:
            section = s.strip("[]").strip().strip("\"'")
            _add(
                out,
                "[" + section + "]",
                None,
                lineno,
                line.find("[") + 1,
                len(line) + 1,
                path="[" + section + "]",
            )
            continue
        if kind == k.ENV and s.startswith("export "):
            s = s[7:]
            line = line.replace("export ", "", 1)
        if kind == k.JASMIN and not ("=" in s or ":" in s):
            parts = s.split(None, 1)  # jcli: "host 10.0.0.1"
            if len(parts) == 2:
                col = line.find(parts[0]) + 1
                _add(
                    out,
                    parts[0],
                    _unquote(parts[1]),
                    lineno,
                    col,
                    len(line) + 1,
                    path=f"jcli.{parts[0]}",
                    vcol=line.rfind(parts[1]) + 1,
                )
            else:
                _add(
                    out,
                    parts[0],
                    None,
                    lineno,
                    line.find(parts[0]) + 1,
                    len(line) + 1,
                    path=f"jcli.{parts[0]}",
                )
            continue
        m = _KV.match(line)
        if not m:
            if kind == k.PROPERTIES and " " in s:
                key, _, val = s.partition(" ")
                _add(
                    out,
                    key,
                    val.strip(),
                    lineno,
                    line.find(key) + 1,
                    len(line) + 1,
                    path=key,
                    vcol=line.rfind(val.strip()) + 1 if val.strip() else 0,
                )
            continue
        key, raw = m.group(2), m.group(3)
        val = _unquote(
            _strip_trailing_comment(raw, (" #", " ;")) if kind not in (k.PROPERTIES,) else raw
        )
        if kind == k.KANNEL and key == "group":
            group = val
        prefix = group or section
        path = f"{prefix}.{key}" if prefix else key
        vcol = line.find(raw) + 1 if raw else 0
        _add(out, key, val, lineno, len(m.group(1)) + 1, len(line) + 1, path=path, vcol=vcol)
    return out


_YAML_KEY = lazy_re.compile(r"^(\s*)(-\s+)?(['\"]?)([^'\"#:{}\[\],]+?)\3\s*:(?:\s+(.*?))?\s*$")
_YAML_ITEM = lazy_re.compile(r"^(\s*)-\s+(.*?)\s*$")


def _yaml(text: str) -> Facts:
    out: Facts = ([], [], [])
    stack: list[tuple[int, str]] = []  # (indent, key)
    pending_name: tuple[str, int] | None = None  # k8s env: name: X / value: Y
    for lineno, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if not s or s == "---":
            continue
        if s.startswith("#"):
            out[2].append(Span(lineno, line.find("#") + 1, lineno, len(line) + 1))
            continue
        m = _YAML_KEY.match(line)
        if m:
            indent = len(m.group(1)) + (len(m.group(2)) if m.group(2) else 0)
            key = m.group(4).strip()
            raw = m.group(5) or ""
            while stack and stack[-1][0] >= indent:
                stack.pop()
            path = ".".join([x[1] for x in stack] + [key])
            if raw in ("", "|", ">", "|-", ">-"):
                stack.append((indent, key))
                continue
            val = _unquote(_strip_trailing_comment(raw))
            vcol = line.find(raw) + 1
            _add(out, key, val, lineno, indent + 1, len(line) + 1, path=path, vcol=vcol)
            if key == "name":
                pending_name = (val, indent)
            elif key == "value" and pending_name is not None and pending_name[1] == indent:
                _add(
                    out,
                    pending_name[0],
                    val,
                    lineno,
                    indent + 1,
                    len(line) + 1,
                    path=path.rsplit(".", 1)[0] + "." + pending_name[0],
                    vcol=vcol,
                )
                pending_name = None
            continue
        m2 = _YAML_ITEM.match(line)
        if m2:
            indent = len(m2.group(1))
            while stack and stack[-1][0] > indent:
                stack.pop()
            parent = stack[-1][1] if stack else ""
            val = _unquote(_strip_trailing_comment(m2.group(2)))
            path = ".".join(x[1] for x in stack)
            if "=" in val and parent in ("environment", "args", "command"):
                key, _, v = val.partition("=")
                _add(
                    out,
                    key.strip(),
                    v.strip(),
                    lineno,
                    indent + 1,
                    len(line) + 1,
                    path=f"{path}.{key.strip()}",
                    vcol=line.find(v) + 1 if v else 0,
                )
            else:
                _add(
                    out,
                    parent,
                    val,
                    lineno,
                    indent + 1,
                    len(line) + 1,
                    path=path,
                    vcol=line.find(m2.group(2)) + 1,
                )
    return out


_JSON_TOKEN = lazy_re.compile(
    r'"((?:[^"\\\n]|\\.)*)"|([{}\[\],:])|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)|(//[^\n]*)'
)


def _json(text: str) -> Facts:
    import bisect

    out: Facts = ([], [], [])
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def pos(off: int) -> tuple[int, int]:
        i = bisect.bisect_right(line_starts, off) - 1
        return i + 1, off - line_starts[i] + 1

    stack: list[tuple[str, str]] = []  # (container "{" or "[", key that holds it)
    key: str | None = None
    key_start = 0
    after_colon = False
    for m in _JSON_TOKEN.finditer(text):
        if m.group(4):
            ln, c = pos(m.start())
            out[2].append(Span(ln, c, ln, c + len(m.group(4))))
            continue
        punct = m.group(2)
        if punct:
            if punct == ":":
                after_colon = True
            elif punct in "{[":
                holder = (
                    key
                    if after_colon and key is not None
                    else (stack[-1][1] if stack and stack[-1][0] == "[" else "")
                )
                stack.append((punct, holder))
                key, after_colon = None, False
            elif punct in "}]":
                if stack:
                    stack.pop()
                key, after_colon = None, False
            elif punct == ",":
                key, after_colon = None, False
            continue
        is_string = m.group(1) is not None
        value = m.group(1) if is_string else m.group(3)
        ln, c = pos(m.start())
        end = c + (m.end() - m.start())
        in_object = bool(stack) and stack[-1][0] == "{"
        prefix = [h for _, h in stack if h]
        if in_object and not after_colon and is_string:
            key, key_start = value, m.start()
            continue
        out[1].append(Literal(value, Span(ln, c, ln, end), "string" if is_string else "number"))
        if in_object and key is not None:
            kl, kc = pos(key_start)
            out[0].append(
                Assignment(
                    key,
                    value,
                    Span(kl, kc, ln, end),
                    path=".".join([*prefix, key]),
                    value_span=Span(ln, c, ln, end),
                )
            )
        elif stack and stack[-1][0] == "[" and stack[-1][1]:
            holder = stack[-1][1]
            out[0].append(
                Assignment(
                    holder,
                    value,
                    Span(ln, c, ln, end),
                    path=".".join(prefix),
                    value_span=Span(ln, c, ln, end),
                )
            )
        key, after_colon = None, False
    return out


_XML_ELEM = lazy_re.compile(r"<([A-Za-z_][\w.\-:]*)(?:\s[^<>]*)?>([^<>\n]{0,500})</\1\s*>")
_XML_ATTR = lazy_re.compile(r"\b([A-Za-z_][\w.\-:]*)\s*=\s*\"([^\"\n]{0,500})\"")
_XML_NAMEVAL = lazy_re.compile(
    r"\b(?:name|key)\s*=\s*\"([^\"]+)\"[^<>]*?\bvalue\s*=\s*\"([^\"]*)\""
)


def _xml(text: str) -> Facts:
    out: Facts = ([], [], [])
    in_comment = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if in_comment or "<!--" in line:
            start = line.find("<!--") if not in_comment else 0
            end = line.find("-->", start)
            out[2].append(Span(lineno, start + 1, lineno, (end + 4) if end >= 0 else len(line) + 1))
            in_comment = end < 0
            if end < 0 or (start == 0 and end == len(line) - 3):
                continue
            line = (
                line[:start] + " " * (end + 3 - start) + line[end + 3 :]
                if end >= 0
                else line[:start]
            )
        for m in _XML_ELEM.finditer(line):
            _add(
                out,
                m.group(1),
                m.group(2).strip(),
                lineno,
                m.start() + 1,
                m.end() + 1,
                path=m.group(1),
                vcol=m.start(2) + 1,
            )
        for m in _XML_NAMEVAL.finditer(line):
            _add(
                out,
                m.group(1),
                m.group(2),
                lineno,
                m.start() + 1,
                m.end() + 1,
                path=m.group(1),
                vcol=m.start(2) + 1,
            )
        for m in _XML_ATTR.finditer(line):
            if m.group(1) in ("name", "key", "value", "xmlns") or m.group(1).startswith("xmlns:"):
                continue
            _add(
                out,
                m.group(1),
                m.group(2),
                lineno,
                m.start() + 1,
                m.end() + 1,
                path=m.group(1),
                vcol=m.start(2) + 1,
            )
    return out


_HCL_BLOCK = lazy_re.compile(r'^\s*([A-Za-z_][\w-]*)((?:\s+"[^"]*")*)\s*\{\s*$')
_HCL_KV = lazy_re.compile(r"^(\s*)([A-Za-z_][\w-]*)\s*=\s*(.*?)\s*$")


def _hcl(text: str) -> Facts:
    out: Facts = ([], [], [])
    stack: list[str] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if s.startswith(("#", "//")):
            out[2].append(Span(lineno, line.find(s[0]) + 1, lineno, len(line) + 1))
            continue
        mb = _HCL_BLOCK.match(line)
        if mb:
            labels = [x.strip('"') for x in re.findall(r'"[^"]*"', mb.group(2))]
            stack.append(".".join([mb.group(1), *labels]))
            continue
        if s == "}" or s == "},":
            if stack:
                stack.pop()
            continue
        mk = _HCL_KV.match(line)
        if mk:
            raw = _strip_trailing_comment(mk.group(3), (" #", " //"))
            if raw.endswith("{"):
                stack.append(mk.group(2))
                continue
            path = ".".join([*stack, mk.group(2)])
            _add(
                out,
                mk.group(2),
                _unquote(raw),
                lineno,
                len(mk.group(1)) + 1,
                len(line) + 1,
                path=path,
                vcol=line.find(raw) + 1 if raw else 0,
            )
    return out


_DOCKER_ENV = lazy_re.compile(r"^\s*(ENV|ARG)\s+(.*)$", re.IGNORECASE)
_DOCKER_EXPOSE = lazy_re.compile(r"^\s*EXPOSE\s+(.*)$", re.IGNORECASE)


def _dockerfile(text: str) -> Facts:
    out: Facts = ([], [], [])
    for lineno, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if s.startswith("#"):
            out[2].append(Span(lineno, line.find("#") + 1, lineno, len(line) + 1))
            continue
        m = _DOCKER_ENV.match(line)
        if m:
            body = m.group(2)
            pairs = re.findall(r'([A-Za-z_][\w.]*)=("[^"]*"|\S*)', body)
            if not pairs and " " in body.strip():
                key, _, val = body.strip().partition(" ")
                pairs = [(key, val)]
            for key, val in pairs:
                _add(
                    out,
                    key,
                    _unquote(val),
                    lineno,
                    line.find(key) + 1,
                    len(line) + 1,
                    path=f"ENV.{key}",
                    vcol=line.find(val) + 1 if val else 0,
                )
            continue
        m = _DOCKER_EXPOSE.match(line)
        if m:
            for port in m.group(1).split():
                _add(
                    out,
                    "EXPOSE",
                    port,
                    lineno,
                    line.find(port) + 1,
                    line.find(port) + len(port) + 1,
                    path="EXPOSE",
                    vcol=line.find(port) + 1,
                )
    return out


_READERS: dict[str, Callable[[str], Facts]] = {
    k.YAML: _yaml,
    k.JSON: _json,
    k.XML: _xml,
    k.HCL: _hcl,
    k.DOCKERFILE: _dockerfile,
}


def facts(text: str, kind: str, name: str = "") -> CodeFacts:
    reader = _READERS.get(kind)
    assigns, literals, comments = reader(text) if reader else _ini_like(text, kind)
    return CodeFacts(
        literals=tuple(literals),
        assignments=tuple(assigns),
        comments=tuple(comments),
        parser=f"config-{kind}",
    )
