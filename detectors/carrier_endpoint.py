"""Carrier gateway endpoints: host + port pairs of CMPP / SGIP / SMGP / SMPP
gateways in config files and in code constants / object literals.

A host is paired with a port when both keys share a stem (`cmpp.host` +
`cmpp.port`, `ISMG_HOST` + `ISMG_PORT`, `ismgIp` + `ismgPort`) or sit on
adjacent lines of the same object. The pair is a carrier endpoint when a key
names a carrier protocol (cmpp, sgip, smgp, cngp, smpp, smsc, ismg, matched
on word / camel-case boundaries, so `tourismGroups` never counts) or the port
is a carrier protocol port (CMPP 7890/7900, SGIP 8801, SMGP 8890, SMPP 2775,
...). The host decides the scenario (scanner/hosts.py): aggregator -> B,
SIM box -> A, loopback / simulator -> test only, anything else -> C.

Also reported: carrier protocol ports published by containers (docker-compose
`ports`, Kubernetes `containerPort`, Dockerfile `EXPOSE`: an SMSC / gateway
runs here, context only). The carrier-run HTTP platforms (China Mobile 云MAS
`112.35.1.155:1992`, ...) are scenario B endpoints reported by the platform
detector (SMS5103); scanner/hosts.py classifies them as `carrier-http`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import groupby
from typing import NamedTuple

from scanner import classify as k
from scanner import lazy_re
from scanner.detector import Detector, FileContext, Hit
from scanner.facts import Assignment
from scanner.hosts import CARRIER_PORTS, split_host_port
from scanner.model import Confidence, Evidence, Example, Precision, Rule, Scenario, Severity, Span
from scanner.signatures import host_attributes

CONFIG_LANGS = ("properties", "yaml", "json", "xml", "ini", "env", "toml", "hcl")
CODE_LANGS = ("python", "java", "go", "javascript", "typescript", "php", "csharp")

_WORD = lazy_re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+\d*|[A-Z]+\d*|\d+")
_PROTO_WORD = lazy_re.compile(
    r"^(cmpp|sgip|smgp|cngp|smpp|smsc|ismg|smgw|smg)\d*(host|ip|port|addr)?$"
)
PROTO_OF_WORD = {
    "cmpp": "cmpp",
    "ismg": "cmpp",
    "sgip": "sgip",
    "smg": "sgip",
    "smgp": "smgp",
    "smgw": "smgp",
    "cngp": "cngp",
    "smpp": "smpp",
    "smsc": "smpp",
}
HOST_WORDS = frozenset({"host", "hostname", "ip", "addr", "address", "server", "url", "uri"})
SERVER_WORDS = frozenset({"server", "listen", "bind", "local", "inbound", "http", "web", "admin"})
STRONG_PORTS = frozenset({7890, 7900, 7930, 8801, 8802, 8890, 2775})
_KANNEL_GROUP = lazy_re.compile(r"^\s*group\s*=\s*\"?(?:core|smsc|smsbox|sendsms-user)\b", re.M)
EXPOSE_KEYS = frozenset({"ports", "containerport", "targetport", "hostport", "expose", "port"})


# An IPv4 / IPv6 address, a host name, a URL, a placeholder or a bare service name
# (docker-compose / Kubernetes); never `true`, a number or a code like `1A`.
_HOST_VALUE = lazy_re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://\S+|\[?[0-9a-f:]*:[0-9a-f:]+\]?(?::\d+)?|\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?|"
    r"\$\{[^}]+\}|\{\{[^}]+\}\}|[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*(?::\d+)?)$"
)


class Entry(NamedTuple):
    a: Assignment
    role: str  # "host" | "port" | "hostport"
    stem: tuple[str, ...]
    words: tuple[str, ...]
    value: str


_NON_ALNUM = lazy_re.compile(r"[^A-Za-z0-9]+")
_SPRING_DEFAULT = lazy_re.compile(r"^\$\{[A-Za-z0-9_.\-]+:([^}]+)\}$")  # `${CMPP_HOST:10.1.2.3}`


def _words(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for part in _NON_ALNUM.split(text):
        out.extend(w.lower() for w in _WORD.findall(part))
    return tuple(out)


def _proto(words: tuple[str, ...]) -> str:
    for w in words:
        m = _PROTO_WORD.match(w)
        if m:
            return PROTO_OF_WORD[m.group(1)]
    return ""


def _value(raw: str | None) -> str:
    if raw is None:
        return ""
    v = raw.split(" #", 1)[0].strip().strip("\"'")
    m = _SPRING_DEFAULT.match(v)
    if m:
        v = m.group(1)
    return v


# The key's last word decides its role: a host word or `port` (a protocol word with a
# host / port suffix ends with one too). Searched before splitting the key into words.
# (ASCII case only: the key is split on every character outside A-Za-z0-9.)
_ROLE_TAIL = lazy_re.compile(
    "(?:"
    + "|".join("".join(f"[{c}{c.upper()}]" for c in w) for w in sorted(HOST_WORDS | {"port"}))
    + ")[^A-Za-z0-9]*\\Z"
)


def _entry(a: Assignment, kind: str) -> Entry | None:
    if a.value is None or not _ROLE_TAIL.search(a.key):
        return None
    value = _value(a.value)
    if not value:
        return None
    key = a.key.strip("[]'\"")
    kw = _words(key)
    if not kw:
        return None
    full = _words(a.full_key) if kind in k.CONFIG_KINDS else kw
    last = kw[-1]
    if len(kw) >= 2 and kw[-2] in ("ip", "host") and last == "port":
        role, cut = "hostport", 2
    elif last == "port":
        role, cut = "port", 1
    elif last in HOST_WORDS:
        role, cut = "host", 1
    else:
        m = _PROTO_WORD.match(last)
        if not m or not m.group(2):
            return None
        role, cut = ("port" if m.group(2) == "port" else "host"), 0
    stem = full[: len(full) - cut] if cut else full
    if role == "port" and not (value.isdigit() and 0 < int(value) < 65536):
        return None
    if role != "port" and value.lower() in ("true", "false", "yes", "no", "null", "none"):
        return None
    if role != "port" and not _HOST_VALUE.match(value):
        return None
    return Entry(a, role, stem, full, value)


def _line(e: Entry) -> int:
    return e.a.span.start_line


def _compatible(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    n = min(len(x), len(y))
    return x[:n] == y[:n]


def _partner(h: Entry, ports: list[Entry]) -> Entry | None:
    same = [p for p in ports if p.stem == h.stem]
    if same:
        return min(same, key=lambda p: abs(_line(p) - _line(h)))
    near = [p for p in ports if abs(_line(p) - _line(h)) <= 3 and _compatible(p.stem, h.stem)]
    return min(near, key=lambda p: abs(_line(p) - _line(h))) if near else None


def _is_carrier(proto: str, port: str, words: tuple[str, ...]) -> bool:
    if proto:
        return True
    if not port.isdigit() or int(port) not in CARRIER_PORTS:
        return False
    return int(port) in STRONG_PORTS or "sms" in words


def _endpoint_hit(
    ctx: FileContext, rule_id: str, span: Span, host: str, port: str, proto: str, where: str
) -> Hit:
    attrs, hc = host_attributes(host, port)
    proto = proto or CARRIER_PORTS.get(int(port), "") if port.isdigit() else proto
    label = (proto or "carrier").upper()
    hp = f"{host}:{port}" if host and port else (host or f"port {port}")
    cat = f" ({hc.category})" if hc is not None else ""
    placeholder = hc is None or hc.category == "placeholder"
    return Hit(
        rule_id,
        span,
        f"{label} gateway endpoint '{hp}'{cat} in {where}",
        confidence=Confidence.MEDIUM if placeholder or not port else Confidence.HIGH,
        scenario=hc.scenario if hc is not None else None,
        attributes=(*attrs, *((("protocol", proto),) if proto else ()), ("role", "client")),
        key=f"{where}:{host}:{port}",
        test_only=bool(hc and hc.test_only),
    )


# Calls that merely build a mapping: keys inside them are still config-like.
CONTAINER_CALLS = frozenset(
    {"dict", "OrderedDict", "Map", "mapOf", "hashMapOf", "mutableMapOf", "of", "freeze", "array"}
)


def _in_client_call(ctx: FileContext, a: Assignment) -> bool:
    """Keyword arguments of a call (`Client(host=..., port=...)`) belong to the
    protocol detectors' call findings (SMS1002 / SMS2002)."""
    s = a.span
    for c in ctx.facts.calls:
        if c.is_new or c.name in CONTAINER_CALLS or a.key not in {x.name for x in c.args}:
            continue
        cs = c.span
        if (cs.start_line, cs.start_column) <= (s.start_line, s.start_column) and (
            s.end_line,
            s.end_column,
        ) <= (cs.end_line, cs.end_column):
            return True
    return False


def _endpoints(ctx: FileContext, rule_id: str) -> Iterator[Hit]:
    entries = [e for a in ctx.facts.assignments if (e := _entry(a, ctx.kind)) is not None]
    if ctx.kind not in k.CONFIG_KINDS:
        entries = [e for e in entries if not _in_client_call(ctx, e.a)]
    ports = [e for e in entries if e.role == "port"]
    used: set[int] = set()
    # `SmppConfig.java`, `cmpp.properties`: plain host / port keys inherit the file's protocol
    name_words = _words(ctx.name.rsplit(".", 1)[0])
    file_proto = "" if set(name_words) & SERVER_WORDS else _proto(name_words)
    for e in entries:
        if e.role == "port":
            continue
        if set(e.stem) & SERVER_WORDS:
            continue
        if e.role == "hostport":
            host, port = split_host_port(e.value)
            partner = None
        else:
            host, port = split_host_port(e.value)
            partner = _partner(e, ports) if not port else None
            if partner is not None:
                port = partner.value
        words = e.words + (partner.words if partner else ())
        proto = _proto(words) or (file_proto if port else "")
        if not _is_carrier(proto, port, words):
            continue
        if partner is not None:
            used.add(id(partner))
        where = f"key '{e.a.full_key}'" + (f" + '{partner.a.full_key}'" if partner else "")
        yield _endpoint_hit(ctx, rule_id, e.a.span, host, port, proto, where)
    for p in ports:
        if id(p) in used or set(p.stem) & SERVER_WORDS:
            continue
        proto = _proto(p.words)
        if proto:
            yield _endpoint_hit(ctx, rule_id, p.a.span, "", p.value, proto, f"key '{p.a.full_key}'")


def _exposures(ctx: FileContext) -> Iterator[Hit]:
    recent: dict[tuple[str, str], int] = {}  # (parent path, port) -> line: `port` + `targetPort`
    for a in ctx.facts.assignments:
        key = a.key.lower().replace("_", "")
        if key not in EXPOSE_KEYS or a.value is None:
            continue
        if key == "port" and "ports" not in _words(a.path):
            continue
        for part in re.split(r"[:/\s]+", a.value.strip("\"'")):
            if part.isdigit() and int(part) in STRONG_PORTS:
                parent = a.full_key.rsplit(".", 1)[0]
                last = recent.get((parent, part))
                recent[(parent, part)] = a.span.start_line
                if last is not None and a.span.start_line - last <= 2:
                    break
                proto = CARRIER_PORTS[int(part)]
                yield Hit(
                    "SMS4003",
                    a.span,
                    f"{proto.upper()} port {part} published by a container ({a.key}: {a.value})",
                    confidence=Confidence.MEDIUM,
                    attributes=(
                        ("port", part),
                        ("protocol", proto),
                        ("role", "server"),
                        ("exposure", "port-mapping"),
                    ),
                    key=f"{a.full_key}:{part}",
                )
                break


SMS4001 = Rule(
    id="SMS4001",
    name="CarrierGatewayEndpointConfig",
    short_description="A carrier SMS gateway host and port are configured",
    full_description=(
        "A config file sets the host and port of a CMPP / SGIP / SMGP / SMPP gateway (cmpp.host + "
        "cmpp.port, ISMG_HOST, [ISMG] sections, smsc_host, smpp.host, SmgIpPort, ...) or pairs a "
        "host with a carrier protocol port (7890, 8801, 8890, 2775, ...). The host decides: a carrier "
        "or private address is scenario C, an aggregator B, a SIM box A, loopback / a simulator is "
        "test only."
    ),
    help_markdown=(
        "**Why it matters.** An ISMG / SMGW / SMSC address in the configuration is where the "
        "application binds as an SP. Carriers hand these addresses out per SP contract (often over "
        "a dedicated line or VPN, hence private addresses), so a configured carrier endpoint means "
        "a direct carrier connection that needs a B25 SP licence.\n\n"
        "**What to check.** Who runs the host? A licensed aggregator's CMPP/SMPP account is "
        "scenario B (record the contract); a local simulator is test only."
    ),
    scenario=Scenario.C,
    severity=Severity.HIGH,
    precision=Precision.HIGH,
    evidence=Evidence.ENDPOINT,
    languages=CONFIG_LANGS,
    tags=("carrier-protocol", "endpoint", "config"),
    invalid=(
        Example(
            "cmpp.host=10.45.8.20  # expect: SMS4001\ncmpp.port=7890\ncmpp.sp-id=901234\n",
            "src/main/resources/application.properties",
        ),
        Example(
            "sms:\n  smpp:\n    host: smsc.unicom-gw.cn  # expect: SMS4001\n    port: 2775\n"
            "    system-id: acme\n",
            "src/main/resources/application.yml",
        ),
        Example(
            '{\n  "cmpp_host": "211.136.10.5",\n  "cmpp_port": "7890",\n  "user": "901234"\n}\n',
            "config.json",
        ),
        Example(
            "<properties>\n  <cmpp.host>10.12.0.3</cmpp.host> <!-- expect: SMS4001 -->\n"
            "  <cmpp.port>7890</cmpp.port>\n</properties>\n",
            "pom.xml",
        ),
        Example("[ISMG]\nhost = 10.200.1.7 ; expect: SMS4001\nport = 7890\n", "conf/gateway.ini"),
        Example("ISMG_HOST=211.139.144.201 # expect: SMS4001\nISMG_PORT=7890\n", ".env"),
        Example('[sgip]\nsmg_ip = "10.0.9.9" # expect: SMS4001\nsmg_port = 8801\n', "sms.toml"),
        Example(
            'resource "kubernetes_config_map" "sms" {\n  data = {\n'
            '    SMSC_HOST = "10.30.0.4" # expect: SMS4001\n    SMSC_PORT = "2775"\n  }\n}\n',
            "deploy/sms.tf",
        ),
    ),
    valid=(
        Example(
            '{\n  "bomFormat": "CycloneDX",\n  "metadata": {\n    "cmpp_host": "211.136.10.5",\n'
            '    "cmpp_port": "7890"\n  }\n}\n',
            "dist-info/sboms/gateway.cdx.json",
            "a bill of materials lists components, not endpoints",
        ),
        Example(
            "tourismGroups.host=tours.example.cn\ntourismGroups.port=8080\n",
            "app.properties",
            "ismg inside a word is not a key",
        ),
        Example(
            "db:\n  host: 10.0.0.5\n  port: 5432\nprinter:\n  host: 10.0.0.9\n  port: 9100\n",
            "config.yml",
            "ordinary services; 9100 alone is a printer port",
        ),
        Example(
            "smpp:\n  server:\n    host: 0.0.0.0\n    port: 2775\n",
            "application.yml",
            "the application's own SMPP server",
        ),
        Example("# cmpp.host=10.45.8.20\n# cmpp.port=7890\n", "app.properties", "commented out"),
    ),
)

SMS4002 = Rule(
    id="SMS4002",
    name="CarrierGatewayEndpointCode",
    short_description="A carrier SMS gateway host and port are set in code",
    full_description=(
        "Code constants, fields or object literals set the host and port of a CMPP / SGIP / SMGP / "
        "SMPP gateway (ISMG_HOST + ISMG_PORT, ismgIp + port 7890, { host, port: 2775 } next to an "
        "SMPP key, ...). The host decides the scenario as for SMS4001."
    ),
    help_markdown=SMS4001.help_markdown,
    scenario=Scenario.C,
    severity=Severity.HIGH,
    precision=Precision.MEDIUM,
    evidence=Evidence.ENDPOINT,
    languages=CODE_LANGS,
    tags=("carrier-protocol", "endpoint"),
    invalid=(
        Example(
            "CMPP_HOST = '10.45.8.20'  # expect: SMS4002\nCMPP_PORT = 7890\n", "sms/settings.py"
        ),
        Example(
            "class GatewayConfig {\n"
            '    String ismgIp = "211.139.144.201"; // expect: SMS4002\n'
            "    int ismgPort = 7890;\n}\n",
            "src/main/java/GatewayConfig.java",
        ),
        Example(
            "package sms\n\nvar gw = Gateway{\n"
            '\tSmgpHost: "10.9.0.12", // expect: SMS4002\n\tSmgpPort: 8890,\n}\n',
            "sms/gw.go",
        ),
        Example(
            "module.exports = { smpp: { host: 'smsc.carrier-gw.cn', port: 2775 } }; // expect: SMS4002\n",
            "config/smpp.js",
        ),
        Example(
            "export const sgip = {\n  smgIp: '10.1.7.7', // expect: SMS4002\n  smgPort: 8801,\n};\n",
            "src/sgip.ts",
        ),
        Example(
            "<?php\nreturn ['cmpp' => ['host' => '10.2.2.2', 'port' => 7890]]; // expect: SMS4002\n",
            "config/sms.php",
        ),
        Example(
            "public class CmppConfig {\n"
            '    private String host = "10.12.9.1"; // expect: SMS4002\n'
            "    private int port = 7891;\n}\n",
            "src/main/java/com/acme/sms/CmppConfig.java",
            "plain host / port fields in a CMPP config class",
        ),
        Example(
            "class Ismg {\n  public void Connect() {\n"
            '    sc.ismgIP = "211.139.144.201"; // expect: SMS4002\n'
            "    sc.port = 7890;\n  }\n}\n",
            "Sms/Ismg.cs",
        ),
    ),
    valid=(
        Example(
            "const db = { host: '10.0.0.5', port: 5432 };\n", "db.js", "not a carrier port or key"
        ),
        Example(
            "public class SmppServerConfig {\n"
            '    private String host = "0.0.0.0";\n    private int port = 5555;\n}\n',
            "src/main/java/SmppServerConfig.java",
            "the application's own SMPP server settings",
        ),
        Example(
            "prismgunner_host = 'game.example.cn'\nprismgunner_port = 7000\n",
            "game.py",
            "ismg inside a word",
        ),
        Example(
            "import smpplib.client\nclient = smpplib.client.Client(host='10.8.1.20', port=2775)\n",
            "sms/client.py",
            "keyword arguments of a client call are the SMPP detector's (SMS1002)",
        ),
    ),
)

SMS4003 = Rule(
    id="SMS4003",
    name="CarrierProtocolPortPublished",
    short_description="A container publishes a carrier protocol port",
    full_description=(
        "docker-compose `ports`, a Kubernetes containerPort / Service port or a Dockerfile EXPOSE "
        "publishes an SMPP / CMPP / SGIP / SMGP port (2775, 7890, 8801, 8890, ...): an SMS gateway, "
        "SMSC or simulator runs in this deployment. Context only: what it connects to decides."
    ),
    help_markdown=(
        "**Why it matters.** A published SMPP/CMPP port means the deployment runs an SMS gateway "
        "(Jasmin, Kannel, an SMSC simulator, an own SMPP server). Check its upstream connectors: "
        "those decide the scenario.\n\n**Also check** that the port is not exposed to the internet."
    ),
    scenario=Scenario.NONE,
    severity=Severity.INFO,
    precision=Precision.MEDIUM,
    evidence=Evidence.EXPOSURE,
    languages=("yaml", "dockerfile"),
    tags=("carrier-protocol", "exposure", "deployment"),
    invalid=(
        Example(
            "services:\n  jasmin:\n    image: jookies/jasmin:latest\n    ports:\n"
            '      - "2775:2775"  # expect: SMS4003\n      - "1401:1401"\n',
            "docker-compose.yml",
        ),
        Example("FROM python:3.12\nEXPOSE 7890 # expect: SMS4003\n", "Dockerfile"),
    ),
    valid=(
        Example(
            'services:\n  web:\n    ports:\n      - "8080:8080"\n', "docker-compose.yml", "HTTP"
        ),
    ),
)


# Worth parsing: a carrier-protocol word, or a carrier port as a number of its own (not
# digits inside a hash, a version or a longer number). _worth searches the same with
# literal-first patterns, which is faster.
WORTH_PARSING = lazy_re.compile(
    r"(?i)cmpp|sgip|smgp|cngp|smpp|smsc|ismg|smg_?ip"
    r"|(?<![\w.])(?:" + "|".join(str(p) for p in sorted(CARRIER_PORTS)) + r")(?![\w.])"
)
_WORTH_WORDS = ("smpp", "cmpp", "sgip", "smgp", "smsc", "ismg", "cngp", "smgip", "smg_ip")
# A carrier port as a number of its own, as in WORTH_PARSING, one pattern per port: the
# look-behind comes after the port so that the search skips to the port's digits.
_PORT_ALONE = tuple(
    (str(p), lazy_re.compile(rf"{p}(?<![\w.]{p})(?![\w.])")) for p in sorted(CARRIER_PORTS)
)

# The gate's patterns run on _ascii_lower(text). Every Entry's key ends with a role word:
# a host word or `port` (`cmppPort`, `smscHost` end with one too); in the text that word
# is followed by a non-alphanumeric character.
_END = r"(?![a-z0-9])"
_PORT_END = lazy_re.compile("port" + _END)
# One pattern per group of host words sharing their first two letters (`addr|address`,
# `uri|url`): `re` factors the shared prefix out, so each pattern starts with a literal
# and its search skips ahead fast, where one alternation of all words tries every offset.
# A group matches at an offset exactly when one of its words does.
_HOST_GROUPS = tuple(
    "(?:" + "|".join(words) + ")" for _, words in groupby(sorted(HOST_WORDS), lambda w: w[:2])
)
_KEY_ENDS = (_PORT_END, *(lazy_re.compile(g + _END) for g in _HOST_GROUPS))  # any role word
# Code: a key naming a protocol word before its role word (`CMPP_HOST`, `ismgIp`,
# `"smpp.port"`, `SmgpPort`): an identifier or a one-line string, no quote or newline
# between. (`smg` stands for `ismg`, `smgp`, `smgw` too.)
_PROTO_KEY_WORDS = tuple(
    w for w in sorted(PROTO_OF_WORD) if not any(o != w and o in w for o in PROTO_OF_WORD)
)
_PROTO_GAP = 100  # at most this many characters between the protocol word and the role word
_PROTO_WINDOW = _PROTO_GAP + max(map(len, _PROTO_KEY_WORDS))
_PROTO_BEFORE = lazy_re.compile(  # searched up to the key: \Z is the key's start
    "(?:" + "|".join(_PROTO_KEY_WORDS) + rf")[^\n'\"`]{{0,{_PROTO_GAP}}}\Z"
)
# Code: a host key given a string literal (or Go's `nil`), and a port key given digits
# (a number, a string of digits, a `${VAR:2775}` default).
_HOST_VALUE_AFTER = r"[^;{}]{0,200}?(?:[\"'`]|\bnil\b)"
_PORT_VALUE_AFTER = r"(?:[^;{}]|\$\{){0,200}?\d"
_HOST_ASSIGN = tuple(lazy_re.compile(g + _END + _HOST_VALUE_AFTER) for g in _HOST_GROUPS)
_PORT_ASSIGN = lazy_re.compile("port" + _END + _PORT_VALUE_AFTER)
# The same, faster, for a text without `nil` (without `${`): then only a quote (a digit)
# can end the value, and `[^;{}]{0,200}?["'`]` matches exactly where
# `[^;{}"'`]{0,200}["'`]` does (the first quote after the key decides), whose loop runs
# on one character class instead of trying the end at every step. Either matches only
# where the full pattern does. `(?=(X))\1` is X matched once, never backtracked into
# (an atomic group, which `re` has from 3.11 on only): shorter runs of the class would
# end before one more character of the class, never before a quote (a digit).
_HOST_QUOTED = tuple(
    lazy_re.compile(g + _END + r"(?=([^;{}\"'`]{0,200}))\1[\"'`]") for g in _HOST_GROUPS
)
_PORT_DIGITS = lazy_re.compile("port" + _END + r"(?=([^;{}\d]{0,200}))\1\d")
# Code: a host value that carries a port (split_host_port): `h:2775`, `:2775`,
# `[::1]:2775`, `ab:cd` (IPv6 shape) at the end of the value; a URL; a placeholder.
_VALUE_PORT = lazy_re.compile(r":[0-9a-f]+\]?\s*(?:[\"'`}#]|$)", re.M)
_VALUE_URL = lazy_re.compile(r"[\"'`]\s*[a-z][a-z0-9+.\-]*://")
# `${` or `{{` (a placeholder) and `${` alone, searched from the `{`: a search for one
# literal character skips ahead fastest (one scan instead of two `in` tests).
_PLACEHOLDER = lazy_re.compile(r"\{(?<=[$\{]\{)")
_DOLLAR = lazy_re.compile(r"\{(?<=\$\{)")
# _VALUE_PORT or the `://` of a URL, in one scan (both start with `:`).
_COLON = lazy_re.compile(_VALUE_PORT.pattern + "|://", re.M)
_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789+.-")
# A carrier port as published by a container (leading zeros are still the port): see
# _strong_port_starts.
_STRONG_PORT_STRS = tuple(str(p) for p in sorted(STRONG_PORTS))


def _ascii_lower(text: str) -> str:
    """A-Z lower-cased, nothing else (str.lower also turns U+0130 and the Kelvin sign
    into ASCII letters): `[a-z0-9]` on it means what `[A-Za-z0-9]` means to _words."""
    if text.isascii():
        return text.lower()
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


def _port_alone(text: str) -> bool:
    """A carrier port as a number of its own (the ports of WORTH_PARSING)."""
    for port, rx in _PORT_ALONE:
        i = text.find(port)
        if i != -1 and rx.search(text, i):  # (a match starts at an occurrence: i or later)
            return True
    return False


def _worth_word(low: str) -> bool:
    """A word of _WORTH_WORDS in `low`. The ones holding `smg` are looked for only when
    `smg` occurs (one scan instead of four when it does not)."""
    return any(w in low for w in _WORTH_WORDS if "smg" not in w) or (
        "smg" in low and any(w in low for w in _WORTH_WORDS if "smg" in w)
    )


def _worth_number(text: str) -> bool:
    """WORTH_PARSING.search(text) in a text without a _WORTH_WORDS word."""
    if not text.isascii():  # (?i) also folds some non-ASCII letters (U+017F is an s)
        return bool(WORTH_PARSING.search(text))
    return _port_alone(text)


def _worth(text: str, low: str) -> bool:
    """WORTH_PARSING.search(text), faster: `low` is _ascii_lower(text)."""
    return _worth_word(low) or _worth_number(text)


_TOKEN_SUFFIXES = ("", "host", "ip", "port", "addr")
_PROTO_WORDS = tuple(PROTO_OF_WORD)
# The protocol words that can occur in a text without a _WORTH_WORDS word (`smg`, `smgw`):
# each of the others holds one.
_PROTO_WORDS_UNWORTH = tuple(w for w in PROTO_OF_WORD if not any(v in w for v in _WORTH_WORDS))


def _proto_token(text: str, low: str, words: tuple[str, ...] = _PROTO_WORDS) -> bool:
    """Could `_words` split a protocol key word (`cmpp`, `SMSC2`, `smppHost`, `ISMG_IP`) out
    of the text? Each occurrence of a protocol word must start a word (not after a lower-case
    letter unless it starts with a capital: `getSmsChannel`'s `smsc` does not) and end one
    (no lower-case letter after it or after a host / port suffix: `GSMScanner` does not).
    `words`: the protocol words that can occur in the text."""
    n = len(text)
    for word in words:
        i = low.find(word)
        while i != -1:
            if i == 0 or not "a" <= text[i - 1] <= "z" or "A" <= text[i] <= "Z":
                j = i + len(word)
                if j < n and text[j].isdigit():
                    return True
                for suffix in _TOKEN_SUFFIXES:
                    if low.startswith(suffix, j):
                        e = j + len(suffix)
                        if e >= n or not "a" <= text[e] <= "z":
                            return True
            i = low.find(word, i + 1)
    return False


# Most config files are read line by line (JSON and XML values may sit on a line of their
# own): a carrier port reaches an Entry on the line of its
# key (`port: 7890`, `host: 10.0.0.1:7890`, `url: cmpp://...:7890`, a Kubernetes env
# `value: "7890"` under its `name:`), and a published port sits on a port / expose key's
# line or is a list item (`- "7890:7890"`, `- 7890`).
_ROLE_ON_LINE = lazy_re.compile(
    "(?:" + "|".join(sorted(HOST_WORDS | {"port", "value"})) + ")" + _END
)
_LINE_CONFIG_KINDS = k.CONFIG_KINDS - {k.JSON, k.XML}
_PORT_ITEM = lazy_re.compile(r"\s*-\s*[\"']?[0-9.:\[\]]*\d")


def _line_of(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end != -1 else len(text)]


def _port_on_key_line(text: str) -> bool:
    checked: set[int] = set()  # lines already read (by their start): same answer again
    for port, rx in _PORT_ALONE:
        i = text.find(port)
        if i == -1:
            continue
        for m in rx.finditer(text, i):
            line_start = text.rfind("\n", 0, m.start()) + 1
            if line_start in checked:
                continue
            checked.add(line_start)
            if _ROLE_ON_LINE.search(_ascii_lower(_line_of(text, m.start()))):
                return True
    return False


def _strong_port_starts(text: str) -> Iterator[int]:
    """Where `(?<![0-9])0*(?:7890|...)(?![0-9])` (a strong port) matches: a whole run of
    ASCII digits made of leading zeros and the port (so the matches never overlap).
    Yields the port's offset (on the line of the match's start). With str.find: the
    pattern's leading look-behind would make `re` try every offset."""
    n = len(text)
    for port in _STRONG_PORT_STRS:  # (no strong port starts with a zero)
        i = text.find(port)
        while i != -1:
            end = i + len(port)
            if end == n or not "0" <= text[end] <= "9":
                start = i
                while start and text[start - 1] == "0":
                    start -= 1
                if start == 0 or not "0" <= text[start - 1] <= "9":
                    yield i
            i = text.find(port, i + 1)


def _published_port_possible(text: str) -> bool:
    for i in _strong_port_starts(text):
        line = _line_of(text, i)
        low = _ascii_lower(line)
        if "port" in low or "expose" in low or _PORT_ITEM.match(line):
            return True
    return False


def _name_proto(name: str) -> bool:
    """The file name gives plain host / port keys a protocol (`SmppConfig.java`)."""
    words = _words(name.rsplit(".", 1)[0])
    return not set(words) & SERVER_WORDS and bool(_proto(words))


def _starts(rx: re.Pattern[str], low: str) -> Iterator[int]:
    """The offsets where rx matches, overlapping matches too."""
    m = rx.search(low)
    while m is not None:
        yield m.start()
        m = rx.search(low, m.start() + 1)


def _proto_word_before(low: str, key: int) -> bool:
    """Does `w[^\\n'"`]{0,100}?` (a protocol word, then a short gap with no newline or
    quote) end where a key starts, at `key`? _PROTO_BEFORE searched up to `key`: a
    word ending at most _PROTO_GAP characters before `key` starts after _PROTO_WINDOW."""
    return _PROTO_BEFORE.search(low, max(0, key - _PROTO_WINDOW), key) is not None


def _url_at(low: str, colon: int) -> bool:
    """Does _VALUE_URL match with its `://` at `colon`? The longest runs of scheme characters
    and then blanks before it give the only offset where a match could start (a shorter
    scheme would follow a scheme character, not a blank or quote): _VALUE_URL.match tests
    there."""
    j = colon
    while j and low[j - 1] in _SCHEME_CHARS:
        j -= 1
    while j and low[j - 1].isspace():  # (`\s` is str.isspace)
        j -= 1
    return j > 0 and _VALUE_URL.match(low, j - 1) is not None


def _colon_value_port(low: str) -> bool:
    """_VALUE_PORT.search(low) or _VALUE_URL.search(low). (The matches of _COLON do not
    overlap a `://`: each `://` is tried.)"""
    return any(m.group() != "://" or _url_at(low, m.start()) for m in _COLON.finditer(low))


def _value_port(low: str) -> bool:
    """VP: a host value could carry a port (a port at its end, a URL, a placeholder)."""
    return _colon_value_port(low) or _PLACEHOLDER.search(low) is not None


def _nil_host(low: str) -> bool:
    """HA when no host key is given a quoted value (_HOST_QUOTED): only `nil` is left."""
    return "nil" in low and any(rx.search(low) for rx in _HOST_ASSIGN)


def _proto_host(low: str, hosts: tuple[re.Pattern[str], ...]) -> bool:
    """PH: a protocol word before a host key given a value (`hosts` match where
    _HOST_ASSIGN does)."""
    return any(_proto_word_before(low, h) for rx in hosts for h in _starts(rx, low))


def _code_endpoint_possible(low: str) -> bool:
    """A code hit needs (1) a protocol word in a host / port key, or a host (or host:port)
    entry whose port (2) makes the file name's protocol count or (3) is a carrier port:
    that port comes from a port key given digits or from the host value itself.

    With HA a host key given a value (_HOST_ASSIGN), PA a port key given digits
    (_PORT_ASSIGN), VP a value that could carry a port (_value_port), PE a port key and
    PH / PP a protocol word before HA / PA, that is
        PH or PP or (VP and PE) or ((VP or PA) and HA)
    where PH needs HA, PP needs PA and PA needs PE. It is evaluated from the cheap evidence
    up, with _HOST_QUOTED / _PORT_DIGITS (the patterns for a text without `nil` / `${`,
    whose matches are matches of the full patterns too)."""
    if any(rx.search(low) for rx in _HOST_QUOTED):
        # HA: PA or VP or PH. PA is _PORT_DIGITS but with `${`, which makes VP true.
        if _PORT_DIGITS.search(low) or _value_port(low):
            return True
        return _proto_host(low, _HOST_ASSIGN if "nil" in low else _HOST_QUOTED)
    # No host key is given a quoted value: HA needs `nil`.
    if any(_proto_word_before(low, p) for p in _starts(_PORT_DIGITS, low)):
        return True  # PP
    brace = _PLACEHOLDER.search(low)  # the first `${` or `{{`
    if brace and (low[brace.start() - 1] == "$" or _DOLLAR.search(low, brace.start())):
        # `${`, so VP: PE or HA is left (PP needs PE, PH needs HA)
        return bool(_PORT_END.search(low)) or _nil_host(low)
    # Without `${` _PORT_DIGITS is _PORT_ASSIGN: PP is false, (VP and PE) or HA and
    # (VP or PA or PH) is left.
    if _PORT_END.search(low) and (brace or _colon_value_port(low)):
        return True
    if not _nil_host(low):
        return False
    return (
        brace is not None
        or _colon_value_port(low)
        or _PORT_ASSIGN.search(low) is not None
        or _proto_host(low, _HOST_ASSIGN)
    )


# Cheap text gate before any parsing. Every endpoint is a host / port key (see _KEY_ENDS)
# in a file with a carrier-protocol word or a carrier port (_worth). Published ports
# need a carrier port number. An endpoint needs a protocol in a key's words, or in the
# file name, or a carrier port (_is_carrier); in code also one of the shapes in
# _code_endpoint_possible. A Kannel file under another name is left to sms_gateway_config.
# Software bills of materials (CycloneDX, SPDX) list components and their metadata, never
# an endpoint configuration; a large one is full of port-like numbers and `url` keys.
_SBOM_SUFFIXES = (".cdx.json", ".spdx.json")


def _sbom(name: str) -> bool:
    return name.lower().endswith(_SBOM_SUFFIXES)


def gate(text: str, kind: str, name: str) -> bool:
    if kind == k.INI and _KANNEL_GROUP.search(text):
        return False
    if kind == k.JSON and _sbom(name):
        return False
    low = _ascii_lower(text)
    code = kind in k.CODE_KINDS  # (no code kind is in _LINE_CONFIG_KINDS)
    # Each test below is needed as it always was; the code shapes are tested first as
    # they rule out most code files, and a text without a _WORTH_WORDS word (so worth
    # parsing for a carrier port) can hold only some protocol words.
    if code and not _code_endpoint_possible(low):
        return False
    word = _worth_word(low)
    if not (word or _worth_number(text)):
        return False
    if kind == k.DOCKERFILE:
        return any(True for _ in _strong_port_starts(text))
    if kind == k.YAML and _published_port_possible(text):
        return True
    if _proto_token(text, low, _PROTO_WORDS if word else _PROTO_WORDS_UNWORTH) or _name_proto(name):
        return code or any(rx.search(low) for rx in _KEY_ENDS)
    # the protocol words only sit inside longer words (`getSmsChannel`), if at all: a
    # carrier port must do (in config files on a host / port key's line)
    if not _port_alone(text):
        return False
    if code:
        return True
    return any(rx.search(low) for rx in _KEY_ENDS) and (
        kind not in _LINE_CONFIG_KINDS or _port_on_key_line(text)
    )


def check(ctx: FileContext) -> Iterator[Hit]:
    if not _worth(ctx.text, _ascii_lower(ctx.text)):
        return  # also in the gate; kept here so check alone reports what it always did
    if ctx.kind == k.JSON and _sbom(ctx.name):
        return  # a bill of materials: components, not endpoints (also in the gate)
    if ctx.kind == k.DOCKERFILE:
        yield from _exposures(ctx)
        return
    if ctx.kind == k.INI and _KANNEL_GROUP.search(ctx.text):
        return  # a Kannel file under another name: sms_gateway_config reads its SMSC groups
    config = ctx.kind in k.CONFIG_KINDS
    yield from _endpoints(ctx, "SMS4001" if config else "SMS4002")
    if ctx.kind == k.YAML:
        yield from _exposures(ctx)


CARRIER_PORT_ANCHORS = frozenset(
    {
        "7890",
        "7900",
        "7930",
        "9168",
        "8801",
        "8802",
        "8803",
        "8804",
        "8810",
        "8890",
        "8900",
        "8901",
        "9100",
        "2775",
        "3550",
    }
)
CONFIG_ANCHOR_KINDS = frozenset(
    {
        k.PROPERTIES,
        k.YAML,
        k.JSON,
        k.XML,
        k.TOML,
        k.INI,
        k.ENV,
        k.HCL,
        k.DOCKERFILE,
        k.KANNEL,
        k.SMSTOOLS,
        k.GAMMU,
        k.JASMIN,
    }
)


DETECTOR = Detector(
    name="carrier_endpoint",
    rules=(SMS4001, SMS4002, SMS4003),
    kinds=frozenset((k.CODE_KINDS - {k.RUBY}) | k.SETTINGS_KINDS | {k.DOCKERFILE, k.HCL}),
    check=check,
    gate=gate,
    anchors=(
        "cmpp",
        "sgip",
        "smgp",
        "cngp",
        "smpp",
        "smsc",
        "ismg",
    ),
    # bare port numbers and the short `smg` (SmgIpPort) are too common in code to
    # send every source file to a parser: they count in config files only; in code
    # a protocol word (above) is always present near a carrier endpoint
    kind_anchors=((CONFIG_ANCHOR_KINDS, ("smg", *sorted(CARRIER_PORT_ANCHORS))),),
    description=__doc__ or "",
)
