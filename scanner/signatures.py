"""Shared matching helpers for detectors: imports by prefix, calls by name,
host/port extraction from call arguments and assignments."""

from __future__ import annotations

from collections.abc import Mapping

from scanner.detector import FileContext
from scanner.facts import Arg, Call, Import
from scanner.hosts import HostClass, classify_host, split_host_port

# Separators that may follow a package prefix: Java/Python ".", Go/npm "/", PHP "\" (normalised to ".")
_SEPS = (".", "/", "::")


def module_matches(module: str, prefix: str) -> bool:
    if module == prefix:
        return True
    return any(module.startswith(prefix + s) for s in _SEPS) or (
        prefix.endswith(_SEPS) and module.startswith(prefix)
    )


def matching_imports(ctx: FileContext, table: Mapping[str, str]) -> list[tuple[Import, str]]:
    """Imports whose module starts with a table prefix -> (import, label). Longest prefix wins
    (among prefixes of one length, the first in the table)."""
    rank = _ranks(table)
    out = []
    for imp in ctx.facts.imports:
        best: tuple[int, int, str] | None = None
        for c in (imp.module, *(f"{imp.module}.{n}" for n in imp.names)):
            for cut in _cuts(c):
                r = rank.get(cut)
                if r is not None and (best is None or r < best[:2]):
                    best = (*r, cut)
        if best is not None:
            out.append((imp, table[best[2]]))
    return out


def _cuts(module: str) -> set[str]:
    """Every prefix `p` with module_matches(module, p): the module itself, and the module
    cut before and after each separator (as `p + sep` and a `p` ending with one)."""
    cuts = {module}
    for sep in _SEPS:
        i = module.find(sep)
        while i != -1:
            cuts.add(module[:i])
            cuts.add(module[: i + len(sep)])
            i = module.find(sep, i + 1)
    return cuts


_RANKS: dict[int, tuple[Mapping[str, str], dict[str, tuple[int, int]]]] = {}


def _ranks(table: Mapping[str, str]) -> dict[str, tuple[int, int]]:
    """prefix -> (-length, position in the table): the smallest wins (made once per table)."""
    cached = _RANKS.get(id(table))
    if cached is None or cached[0] is not table:
        cached = _RANKS[id(table)] = (table, {p: (-len(p), n) for n, p in enumerate(table)})
    return cached[1]


HOST_ARG_NAMES = frozenset(
    {
        "host",
        "hostname",
        "smschost",
        "smsc",
        "addr",
        "address",
        "url",
        "uri",
        "server",
        "ip",
        "ismgip",
        "gateway",
        "endpoint",
        "remotehost",
    }
)
PORT_ARG_NAMES = frozenset({"port", "smscport", "ismgport", "remoteport"})


def host_port_from_args(call: Call) -> tuple[str, str]:
    """First host-like literal and first port-like literal among the arguments."""
    host = port = ""
    for a in call.args:
        v = a.value
        if v is None:
            continue
        name = (a.name or "").lower().replace("_", "").replace("-", "")
        if name in PORT_ARG_NAMES:
            port = port or v
            continue
        if name and name not in HOST_ARG_NAMES:
            continue
        if v.isdigit():
            if not port and 1 <= int(v) <= 65535:
                port = v
            continue
        if not host and _host_like(v):
            h, p = split_host_port(v)
            host = h
            port = port or p
    return host, port


_IDENT_PREFIXES = ("self.", "this.", "cls.", "@", "$", "static::", "self::")


def literal_constants(ctx: FileContext) -> dict[str, str]:
    """Names bound to exactly one literal value in the file (module constants,
    variables, fields, object keys) -> that value. Names bound to different
    literals are ambiguous and left out."""
    seen: dict[str, set[str]] = {}
    for a in ctx.facts.assignments:
        if a.value is None:
            continue
        if a.path and a.path != a.key and not a.path.endswith("." + a.key):
            continue
        seen.setdefault(a.key, set()).add(a.value)
    for c in ctx.facts.calls:  # PHP define('NAME', 'value')
        if c.callee == "define" and len(c.args) >= 2 and c.args[0].value and c.args[1].value:
            seen.setdefault(c.args[0].value, set()).add(c.args[1].value)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def resolve_value(text: str, value: str | None, consts: Mapping[str, str]) -> str | None:
    """An argument's literal value, or the literal a simple name refers to."""
    if value is not None:
        return value
    t = text.strip()
    for p in _IDENT_PREFIXES:
        if t.startswith(p):
            t = t[len(p) :]
    t = t.rsplit("::", 1)[-1] if "::" in t else t
    if t.replace("_", "").isalnum() and not t[:1].isdigit():
        return consts.get(t)
    return None


def resolved_call(call: Call, consts: Mapping[str, str]) -> Call:
    """`call` with arguments that name a literal constant replaced by its value."""
    args = tuple(
        a
        if a.value is not None
        else Arg(a.name, resolve_value(_arg_value_text(a), None, consts), a.text)
        for a in call.args
    )
    return Call(call.callee, call.span, args, call.is_new)


def _arg_value_text(a: Arg) -> str:
    """The value part of `name: value` / `name = value` / `:name => value` argument text."""
    t = a.text.strip()
    if a.name and t.lstrip(":").startswith(a.name):
        return t.lstrip(":")[len(a.name) :].lstrip(" :=>")
    return t


_NOT_HOSTS = frozenset({"nil", "null", "none", "true", "false", "undefined"})


def _host_like(v: str) -> bool:
    if " " in v or len(v) > 255 or not v or v.lower() in _NOT_HOSTS:
        return False
    if "://" in v:
        return True
    h, _ = split_host_port(v)
    return "." in h or h.lower() == "localhost" or h.replace("-", "").isalnum()


def host_attributes(host: str, port: str) -> tuple[tuple[tuple[str, str], ...], HostClass | None]:
    if not host:
        return ((("port", port),) if port else ()), None
    hc = classify_host(host)
    attrs = [("host", hc.host), ("host_class", hc.category)]
    if port:
        attrs.append(("port", port))
    if hc.provider:
        attrs.append(("provider", hc.provider))
    return tuple(attrs), hc
