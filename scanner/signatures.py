"""Shared matching helpers for detectors: imports by prefix, calls by name,
host/port extraction from call arguments and assignments."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from scanner.detector import FileContext
from scanner.facts import Call, Import
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
    """Imports whose module starts with a table prefix -> (import, label). Longest prefix wins."""
    out = []
    prefixes = sorted(table, key=len, reverse=True)
    for imp in ctx.facts.imports:
        candidates = [imp.module] + [f"{imp.module}.{n}" for n in imp.names]
        for p in prefixes:
            if any(module_matches(c, p) for c in candidates):
                out.append((imp, table[p]))
                break
    return out


def calls_named(ctx: FileContext, names: Iterable[str]) -> list[Call]:
    wanted = set(names)
    return [c for c in ctx.facts.calls if c.name in wanted]


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


def _host_like(v: str) -> bool:
    if " " in v or len(v) > 255 or not v:
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
