"""Shared helpers for the carrier-protocol detectors (SMPP, CMPP, SGIP, SMGP,
CNGP): where a client call connects to, and how that becomes a Hit.

No DETECTOR here: this is a helper module."""

from __future__ import annotations

import re
from collections.abc import Mapping

from scanner import lazy_re
from scanner.detector import FileContext, Hit
from scanner.facts import Arg, Call
from scanner.hosts import HostClass
from scanner.model import Confidence, Scenario, Span
from scanner.signatures import (
    HOST_ARG_NAMES,
    PORT_ARG_NAMES,
    host_attributes,
    host_port_from_args,
    resolve_value,
    resolved_call,
)

_STRICT_HOST = lazy_re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://)?(?:\d{1,3}(?:\.\d{1,3}){3}|localhost|"
    r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})(?::\d{1,5})?/?$",
    re.I,
)
_FILE_EXT = lazy_re.compile(
    r"\.(?:php|py|js|ts|java|go|rb|cs|json|ya?ml|xml|conf|cfg|ini|txt|md)$", re.I
)


# Calls that make a program an SMSC / gateway server or simulator, not a client.
SERVER_CALLS = frozenset(
    {
        "SMSCServer",
        "SmppServer",
        "DefaultSmppServer",
        "SmppServerConfiguration",
        "SMPPServerSessionListener",
        "SMPPServerEndpointEntity",
        "createServer",
        "NewUnstartedServer",
        "CMPPServerEndpointEntity",
        "SgipServerEndpointEntity",
        "SMGPServerEndpointEntity",
        "ListenAndServe",
        "NewServer",
        "SMPPServerFactory",
        "SMPPServerConfig",
    }
)
# Server names other libraries use too: they count only on a protocol receiver
# (`smpp.createServer`, `cmpp.ListenAndServe`, `smpp.NewServer`), or bare.
_RECEIVER_GATED = frozenset({"createServer", "ListenAndServe", "NewServer"})
_PROTO_RECEIVER = lazy_re.compile(r"(?i)smpp|cmpp|sgip|smgp|cngp")


def is_server_call(call: Call) -> bool:
    if call.name not in SERVER_CALLS:
        return False
    if call.name in _RECEIVER_GATED:
        return not call.receiver or bool(_PROTO_RECEIVER.search(call.receiver))
    return True


# Import text that names a server or simulator component.
SERVER_IMPORT_MARKERS = (
    "smscsim",
    "smppsim",
    "smpptest",
    "smpp.twisted.server",
    "smppserver",
    "smscserver",
    "serverendpointentity",
    "smppserversession",
    "sgiptest",
    "smgptest",
    "cmpptest",
    "mockserver",
)


def is_server_import(module: str, names: tuple[str, ...]) -> bool:
    low = module.lower()
    if any(m in low for m in SERVER_IMPORT_MARKERS):
        return True
    return bool(names) and all(n in SERVER_CALLS for n in names)


_ONE_ELEMENT = lazy_re.compile(r"^(?:array\(|\[)\s*([$A-Za-z_][\w.:]*)\s*[,)\]]")
_LOCAL_ADDR = lazy_re.compile(r"^:\d{1,5}$")
_SHORTHAND = lazy_re.compile(r"[{,]\s*([A-Za-z_]\w*)\s*(?=[,}])")


def _norm(name: str) -> str:
    return name.lower().replace("_", "").replace("-", "")


def within(inner: Span, outer: Span) -> bool:
    return (outer.start_line, outer.start_column) <= (inner.start_line, inner.start_column) and (
        inner.end_line,
        inner.end_column,
    ) <= (outer.end_line, outer.end_column)


def span_text(ctx: FileContext, span: Span) -> str:
    if span.start_line != span.end_line or span.start_line > len(ctx.lines):
        return ""
    return ctx.lines[span.start_line - 1][span.start_column - 1 : span.end_column - 1]


def concat_value(text: str, consts: Mapping[str, str]) -> str | None:
    """`'smpp://' + SMSC_HOST + ':' + SMSC_PORT` with literal parts and constants."""
    if "+" not in text or len(text) > 200:
        return None
    out = []
    for part in (p.strip() for p in text.split("+")):
        if len(part) >= 2 and part[0] == part[-1] and part[0] in "'\"`":
            out.append(part[1:-1])
            continue
        v = resolve_value(part, None, consts)
        if v is None:
            return None
        out.append(v)
    return "".join(out)


def strict_host(value: str) -> bool:
    v = value.strip()
    return bool(_STRICT_HOST.match(v)) and not _FILE_EXT.search(v)


def call_endpoint(ctx: FileContext, call: Call, consts: Mapping[str, str]) -> tuple[str, str]:
    """Host and port of a client call: literal or constant arguments, then
    keyed fields inside the call (JS objects, C# initializers, Ruby hashes,
    Go struct fields), then a host-shaped literal inside the call (PHP
    `array('smsc.example.net')`)."""
    rcall = resolved_call(call, consts)
    host, port = host_port_from_args(rcall)
    if host and port:
        return host, port
    for arg in rcall.args:  # Go / Node dial address ":7890" = this host
        if not host and arg.value and _LOCAL_ADDR.match(arg.value):
            host, port = "localhost", port or arg.value[1:]
    for a in ctx.facts.assignments:
        if not within(a.span, call.span):
            continue
        key = _norm(a.key)
        if key not in HOST_ARG_NAMES and key not in PORT_ARG_NAMES:
            continue
        value = a.value
        if value is None and a.value_span is not None:
            text = span_text(ctx, a.value_span)
            value = resolve_value(text, None, consts) or concat_value(text, consts)
        if value is None:
            continue
        if key in PORT_ARG_NAMES:
            port = port or value
        elif not host:
            h, p = host_port_from_args(Call("x", call.span, (_arg(value),)))
            host, port = h, port or p
    for arg in call.args:  # a one-element list of hosts: PHP `array(SMSC_HOST)`, `[host]`
        m = _ONE_ELEMENT.match(arg.text.strip())
        if not host and arg.value is None and m:
            v = resolve_value(m.group(1), None, consts)
            if v is not None:
                host, p = host_port_from_args(Call("x", call.span, (_arg(v),)))
                port = port or p
    for arg in call.args:  # JS shorthand properties: `{ host, port }`
        if arg.value is None and arg.text.startswith("{"):
            for m in _SHORTHAND.finditer(arg.text):
                v = consts.get(m.group(1))
                name = _norm(m.group(1))
                if v is None or (name not in HOST_ARG_NAMES and name not in PORT_ARG_NAMES):
                    continue
                if _norm(m.group(1)) in PORT_ARG_NAMES:
                    port = port or v
                elif not host:
                    host, p = host_port_from_args(Call("x", call.span, (_arg(v),)))
                    port = port or p
    if not host:
        for lit in ctx.facts.literals:
            if lit.kind == "string" and within(lit.span, call.span) and strict_host(lit.value):
                h, p = host_port_from_args(Call("x", call.span, (_arg(lit.value),)))
                host, port = h, port or p
                break
    return host, port


def _arg(value: str) -> Arg:
    return Arg(None, value, value)


def client_hit(
    rule_id: str,
    call: Call,
    host: str,
    port: str,
    what: str,
    label: str,
    protocol: str,
    confident: bool = False,
) -> Hit:
    """A client-connection Hit whose scenario the host decides."""
    attrs, hc = host_attributes(host, port)
    where = f" to '{host}{':' + port if port else ''}'" if host else ""
    kind = (
        f" ({hc.category})"
        if hc is not None and hc.category not in ("public", "private", "unknown")
        else ""
    )
    return Hit(
        rule_id,
        call.span,
        f"{what} {_call_text(call)}{where}{kind} via {label}",
        confidence=Confidence.HIGH if host or confident else Confidence.MEDIUM,
        scenario=_scenario(hc),
        attributes=(*attrs, ("library", label), ("protocol", protocol), ("role", "client")),
        key=f"{call.callee}:{host}",
        test_only=bool(hc and hc.test_only),
    )


PROPERTY_MARK = " ="


def _call_text(call: Call) -> str:
    if call.callee.endswith(PROPERTY_MARK):
        return f"property {call.callee.removesuffix(PROPERTY_MARK)}"
    return f"{call.name}()"


def host_properties(ctx: FileContext) -> list[Call]:
    """`properties.Host = "10.1.2.3"` / `config.host = "..."` (C# JamaaSMPP, Kotlin
    cloudhopper) as pseudo-calls, so they report and lend their host to the file."""
    out = []
    for a in ctx.facts.assignments:
        if a.value is None or a.path in ("", a.key) or _norm(a.key) not in ("host", "smschost"):
            continue
        if not strict_host(a.value) and "." not in a.value:
            continue
        out.append(Call(a.path + PROPERTY_MARK, a.span, (Arg("host", a.value, a.value),)))
    return out


def _scenario(hc: HostClass | None) -> Scenario | None:
    return hc.scenario if hc is not None else None


def file_endpoints(
    ctx: FileContext, calls: list[Call], consts: Mapping[str, str]
) -> list[tuple[Call, str, str]]:
    """(call, host, port) for each client call. When every call that names a
    host names the same one, calls without a host (the endpoint object
    created before `setHost(...)`, `connect()` after the constructor) take it."""
    out = [(c, *call_endpoint(ctx, c, consts)) for c in calls]
    hosts = {(h, p) for _c, h, p in out if h}
    if len({h for h, _p in hosts}) != 1:
        return out
    host = next(iter(hosts))[0]
    port = next((p for h, p in sorted(hosts) if p), "")
    return [(c, h or host, p or (port if not h else "")) for c, h, p in out]
