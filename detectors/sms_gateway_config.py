"""Self-hosted SMS gateway configs and the applications that call them.

- Kannel (`kannel.conf`, or any INI-like file with `group = smsc` blocks): the
  `smsc =` type of each SMSC group decides. `smpp`, `cimd2`, `emi2`, `emi_ip`,
  `sema`, `ois`, ... connect to an SMSC (scenario C unless the host is an
  aggregator, B, or loopback / a simulator, test only); `at` is a GSM modem
  (A); `http` relays to an HTTP provider (B); `fake` is a test SMSC.
  `group = sendsms-user` opens Kannel's HTTP send API to applications.
- Jasmin jcli scripts: `smppccm -a` ... `host` / `port` ... `ok` creates an
  SMPP client connector to an upstream SMSC (C by host).
- gammu-smsd (`gammu-smsdrc`, `gammurc`): a `[gammu]` section with a serial
  device / `connection = at...` is a modem (A); `[smsd]` with `service =
  files` and an outbox path is the spool applications drop messages into.
- smstools3 (`smsd.conf`): `devices = GSM1` and `[GSM1] device = /dev/ttyUSB0`.
- Applications calling a self-hosted gateway's HTTP send API: Kannel
  `/cgi-bin/sendsms` (port 13013), Jasmin `:1401/send`. Context: the
  gateway's own SMSC config decides the scenario.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scanner import classify as k
from scanner import lazy_re
from scanner.detector import Detector, FileContext, Hit
from scanner.model import Confidence, Evidence, Example, Precision, Rule, Scenario, Severity, Span
from scanner.signatures import host_attributes

CARRIER_SMSC_TYPES = frozenset(
    {"smpp", "cimd", "cimd2", "emi", "emi2", "emi_ip", "emi_x25", "sema", "ois", "oisd", "smasi"}
)
_KANNEL_GROUP = lazy_re.compile(r"^\s*group\s*=\s*\"?(core|smsc|smsbox|sendsms-user)\b", re.M)
_KV = lazy_re.compile(r"^\s*([A-Za-z][\w-]*)\s*=\s*(.*?)\s*$")
_SERIAL = lazy_re.compile(r"^(?:/dev/(?:tty|rfcomm|cu\.)\S*|COM\d+:?|/dev/serial/\S+)$", re.I)
_SEND_API = lazy_re.compile(r"/cgi-bin/sendsms\b|:13013\b|:1401/send\b", re.I)
_SEND_URL = lazy_re.compile(r"[\w+.-]+://[^\s\"'`]+|[\w.$\-{}]+:(?:13013|1401)[^\s\"'`]*")


class Block:
    """A section of a gateway config (its name and first line) and its settings."""

    __slots__ = ("line", "name", "values")

    def __init__(self, name: str, line: int) -> None:
        self.name = name
        self.line = line
        self.values: dict[str, tuple[str, int]] = {}  # key -> (value, line)


def _unquote(v: str) -> str:
    v = v.strip()
    if v[:1] in "\"'":
        end = v.find(v[0], 1)
        return v[1:end] if end > 0 else v[1:]
    return v.split(" #", 1)[0].strip()


def _kannel_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        m = _KV.match(line)
        if not m:
            continue
        key, value = m.group(1).lower(), _unquote(m.group(2))
        if key == "group":
            blocks.append(Block(value.lower(), lineno))
        elif blocks:
            blocks[-1].values.setdefault(key, (value, lineno))
    return blocks


def _ini_sections(text: str) -> list[Block]:
    blocks: list[Block] = [Block("", 0)]
    for lineno, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if not s or s.startswith(("#", ";")):
            continue
        if s.startswith("[") and s.endswith("]"):
            blocks.append(Block(s[1:-1].strip().lower(), lineno))
            continue
        m = _KV.match(line)
        if m:
            blocks[-1].values.setdefault(m.group(1).lower(), (_unquote(m.group(2)), lineno))
    return blocks


def _line_span(ctx: FileContext, line: int) -> Span:
    return ctx.line_span(line)


def _kannel(ctx: FileContext) -> Iterator[Hit]:
    for b in _kannel_blocks(ctx.text):
        if b.name == "sendsms-user":
            user = b.values.get("username", ("", 0))[0]
            yield Hit(
                "SMS4011",
                _line_span(ctx, b.line),
                f"Kannel sendsms-user '{user}': applications send through this Kannel over HTTP",
                confidence=Confidence.HIGH,
                attributes=(("gateway", "kannel"), ("protocol", "http"), ("role", "server")),
                key=f"sendsms-user:{user}",
            )
            continue
        if b.name != "smsc" or "smsc" not in b.values:
            continue
        smsc, line = b.values["smsc"]
        smsc = smsc.lower()
        sid = b.values.get("smsc-id", ("", 0))[0]
        host = b.values.get("host", ("", 0))[0]
        port = b.values.get("port", ("", 0))[0]
        base = (("gateway", "kannel"), ("smsc_type", smsc))
        ident = f" '{sid}'" if sid else ""
        if smsc == "at":
            device = b.values.get("device", ("", 0))[0]
            modem = b.values.get("modemtype", ("", 0))[0]
            yield Hit(
                "SMS4010",
                _line_span(ctx, line),
                f"Kannel SMSC{ident} is a GSM modem (smsc = at, device {device or '?'}"
                f"{', ' + modem if modem else ''})",
                scenario=Scenario.A,
                attributes=(*base, ("protocol", "at"), ("device", device)),
                key=f"kannel:at:{sid}:{device}",
            )
        elif smsc == "fake":
            yield Hit(
                "SMS4010",
                _line_span(ctx, line),
                f"Kannel SMSC{ident} is Kannel's fake SMSC (test only)",
                scenario=Scenario.NONE,
                attributes=(*base, ("role", "simulator")),
                key=f"kannel:fake:{sid}",
                test_only=True,
            )
        elif smsc == "http":
            url = b.values.get("send-url", ("", 0))[0]
            attrs, hc = host_attributes(url, "") if url else ((), None)
            yield Hit(
                "SMS4010",
                _line_span(ctx, line),
                f"Kannel SMSC{ident} relays to an HTTP SMS provider{' ' + repr(url) if url else ''}",
                confidence=Confidence.MEDIUM,
                scenario=Scenario.B,
                attributes=(*base, *attrs, ("protocol", "http")),
                key=f"kannel:http:{sid}:{url}",
                test_only=bool(hc and hc.test_only),
            )
        elif smsc in CARRIER_SMSC_TYPES:
            attrs, hc = host_attributes(host, port)
            proto = "smpp" if smsc == "smpp" else smsc
            cat = f" ({hc.category})" if hc is not None else ""
            yield Hit(
                "SMS4010",
                _line_span(ctx, line),
                f"Kannel {smsc.upper()} SMSC{ident} connection to '{host or '?'}"
                f"{':' + port if port else ''}'{cat}",
                confidence=Confidence.HIGH if host else Confidence.MEDIUM,
                scenario=hc.scenario if hc is not None else None,
                attributes=(*base, *attrs, ("protocol", proto), ("role", "client")),
                key=f"kannel:{smsc}:{sid}:{host}:{port}",
                test_only=bool(hc and hc.test_only),
            )


def _jasmin(ctx: FileContext) -> Iterator[Hit]:
    current: Block | None = None
    for lineno, line in enumerate(ctx.text.splitlines(), 1):
        parts = line.split(None, 1)
        if not parts or parts[0].startswith("#"):
            continue
        word = parts[0].lower()
        rest = parts[1].strip() if len(parts) > 1 else ""
        if word == "smppccm" and rest.startswith("-a"):
            current = Block("smppccm", lineno)
            continue
        if current is None:
            continue
        if word == "ok":
            host, hline = current.values.get("host", ("", current.line))
            port = current.values.get("port", ("", 0))[0]
            cid = current.values.get("cid", ("", 0))[0]
            attrs, hc = host_attributes(host, port or "2775")
            cat = f" ({hc.category})" if hc is not None else ""
            yield Hit(
                "SMS4012",
                _line_span(ctx, hline),
                f"Jasmin SMPP client connector '{cid}' to '{host or '?'}:{port or '2775'}'{cat}",
                confidence=Confidence.HIGH if host else Confidence.MEDIUM,
                scenario=hc.scenario if hc is not None else None,
                attributes=(
                    *attrs,
                    ("gateway", "jasmin"),
                    ("protocol", "smpp"),
                    ("role", "client"),
                ),
                key=f"jasmin:{cid}:{host}:{port}",
                test_only=bool(hc and hc.test_only),
            )
            current = None
            continue
        current.values.setdefault(word, (rest, lineno))


def _gammu(ctx: FileContext) -> Iterator[Hit]:
    for b in _ini_sections(ctx.text):
        if b.name.startswith("gammu"):
            device, dline = b.values.get("device", b.values.get("port", ("", 0)))
            conn, cline = b.values.get("connection", ("", 0))
            if not device and not conn:
                continue
            yield Hit(
                "SMS4013",
                _line_span(ctx, dline or cline),
                f"gammu phone / modem connection (device {device or '?'}"
                f"{', connection ' + conn if conn else ''})",
                confidence=Confidence.HIGH
                if _SERIAL.match(device) or conn.startswith("at")
                else Confidence.MEDIUM,
                attributes=(("gateway", "gammu"), ("protocol", "at"), ("device", device)),
                key=f"gammu:{b.name}:{device}:{conn}",
            )
        elif b.name == "smsd":
            service = b.values.get("service", ("", 0))[0].lower()
            outbox, oline = b.values.get("outboxpath", ("", 0))
            if service == "files" and outbox:
                yield Hit(
                    "SMS4013",
                    _line_span(ctx, oline),
                    f"gammu-smsd files spool: messages dropped into {outbox} are sent by the modem",
                    attributes=(("gateway", "gammu"), ("protocol", "at"), ("spool", outbox)),
                    key=f"gammu:outbox:{outbox}",
                )


def _smstools(ctx: FileContext) -> Iterator[Hit]:
    blocks = _ini_sections(ctx.text)
    listed = {
        d.strip().lower() for d in blocks[0].values.get("devices", ("", 0))[0].split(",") if d
    }
    for b in blocks[1:]:
        device, dline = b.values.get("device", ("", 0))
        if not device or (b.name not in listed and not _SERIAL.match(device)):
            continue
        yield Hit(
            "SMS4014",
            _line_span(ctx, dline),
            f"smstools3 modem [{b.name.upper()}] on {device}",
            attributes=(("gateway", "smstools"), ("protocol", "at"), ("device", device)),
            key=f"smstools:{b.name}:{device}",
        )


def _send_api(ctx: FileContext) -> Iterator[Hit]:
    seen: set[int] = set()
    for lineno, line in enumerate(ctx.lines, 1):
        m = _SEND_API.search(line)
        if not m or lineno in seen:
            continue
        span = ctx.span(
            ctx.line_starts[lineno - 1] + m.start(), ctx.line_starts[lineno - 1] + m.end()
        )
        if ctx.in_comment(span):
            continue
        if ctx.kind in (k.KANNEL, k.INI) and "sendsms-port" in line:
            continue
        seen.add(lineno)
        gateway = "jasmin" if "1401" in m.group() else "kannel"
        url = _SEND_URL.search(line)
        target = url.group() if url else m.group()
        yield Hit(
            "SMS4015",
            span,
            f"HTTP send request to a self-hosted {gateway.capitalize()} gateway ({target})",
            confidence=Confidence.HIGH
            if "/cgi-bin/sendsms" in line or "/send" in line
            else Confidence.MEDIUM,
            attributes=(("gateway", gateway), ("protocol", "http"), ("role", "client")),
            key=f"{gateway}:{target}",
        )


HELP_GATEWAY = (
    "**Why it matters.** A self-hosted SMS gateway is only as licensed as its upstream link: an "
    "SMSC connection (SMPP, CIMD2, EMI, ...) to a carrier is scenario C and needs a B25 SP licence; "
    "the same connection to an aggregator's account is scenario B; a GSM modem on own SIM cards is "
    "scenario A (internal use only).\n\n"
    "**What to check.** Which SMSC groups / connectors are active in production, and who runs the "
    "host they connect to."
)

SMS4010 = Rule(
    id="SMS4010",
    name="KannelSmscConnection",
    short_description="A Kannel SMSC connection is configured",
    full_description=(
        "A Kannel `group = smsc` block. Its `smsc =` type decides: smpp / cimd2 / emi2 / emi_ip / "
        "sema / ois connect to an SMSC (C, or B when the host is an aggregator, test only on loopback "
        "or a simulator); `at` is a GSM modem (A); `http` relays to an HTTP provider (B); `fake` is "
        "Kannel's test SMSC."
    ),
    help_markdown=HELP_GATEWAY,
    scenario=Scenario.C,
    severity=Severity.HIGH,
    precision=Precision.VERY_HIGH,
    evidence=Evidence.CONFIG,
    languages=("kannel", "ini"),
    tags=("kannel", "gateway", "config"),
    invalid=(
        Example(
            "group = smsc\nsmsc = smpp # expect: SMS4010\nsmsc-id = cmcc\nhost = 10.18.4.2\n"
            "port = 2775\nsmsc-username = acme\n\n"
            "group = smsc\nsmsc = at # expect: SMS4010\nsmsc-id = modem1\nmodemtype = wavecom\n"
            "device = /dev/ttyUSB0\n",
            "etc/kannel.conf",
        ),
        Example(
            "group = smsc\nsmsc = emi2 # expect: SMS4010\nhost = smsc.operator.net\nport = 9000\n",
            "deploy/smsc-routes.conf",
            "an included Kannel file with a generic name",
        ),
    ),
    valid=(
        Example(
            "group = core\nadmin-port = 13000\nsmsbox-port = 13001\n\n"
            "# group = smsc\n# smsc = smpp\n",
            "kannel.conf",
            "commented-out SMSC",
        ),
    ),
)

SMS4011 = Rule(
    id="SMS4011",
    name="KannelSendsmsUser",
    short_description="Kannel's HTTP send API is enabled for applications",
    full_description=(
        "A Kannel `group = sendsms-user` block lets applications send SMS through Kannel over HTTP "
        "(/cgi-bin/sendsms). Context: the SMSC groups decide the scenario."
    ),
    help_markdown=HELP_GATEWAY,
    scenario=Scenario.NONE,
    severity=Severity.INFO,
    precision=Precision.VERY_HIGH,
    evidence=Evidence.CONFIG,
    languages=("kannel",),
    tags=("kannel", "gateway", "config"),
    invalid=(
        Example(
            "group = sendsms-user # expect: SMS4011\nusername = app\npassword = s3cret\n",
            "kannel.conf",
        ),
    ),
    valid=(Example("group = smsbox\nsendsms-port = 13013\n", "kannel.conf"),),
)

SMS4012 = Rule(
    id="SMS4012",
    name="JasminSmppConnector",
    short_description="A Jasmin SMPP client connector is created",
    full_description=(
        "A jcli script adds an SMPP client connector (`smppccm -a` with `host` / `port`): Jasmin "
        "binds to that SMSC. The host decides: carrier or private -> C, aggregator -> B, loopback or "
        "a simulator -> test only."
    ),
    help_markdown=HELP_GATEWAY,
    scenario=Scenario.C,
    severity=Severity.HIGH,
    precision=Precision.HIGH,
    evidence=Evidence.CONFIG,
    languages=("jasmin",),
    tags=("jasmin", "smpp", "gateway"),
    invalid=(
        Example(
            "smppccm -a\ncid cmcc_gw\nhost 10.60.2.8 # expect: SMS4012\nport 2775\n"
            "username acme\npassword pw\nsubmit_throughput 50\nok\nsmppccm -1 cmcc_gw\n",
            "deploy/connectors.jcli",
        ),
    ),
    valid=(Example("user -a\nusername app\npassword pw\ngid g1\nok\n", "deploy/users.jcli"),),
)

SMS4013 = Rule(
    id="SMS4013",
    name="GammuModemConfig",
    short_description="gammu / gammu-smsd drives a phone or GSM modem",
    full_description=(
        "A gammurc / gammu-smsdrc `[gammu]` section names a serial device or an AT connection, or "
        "the `[smsd]` section spools outgoing messages through files (`service = files`, "
        "`outboxpath`): SMS are sent from own SIM cards (scenario A)."
    ),
    help_markdown=(
        "**Why it matters.** Sending from own SIM cards needs no SP licence while it stays internal "
        "(testing, alerts to staff). Bulk or commercial sending from SIM cards breaks carrier terms "
        "and the SMS rules; move production traffic to a licensed platform."
    ),
    scenario=Scenario.A,
    severity=Severity.LOW,
    precision=Precision.VERY_HIGH,
    evidence=Evidence.CONFIG,
    languages=("gammu",),
    tags=("gammu", "modem", "own-sim"),
    invalid=(
        Example(
            "[gammu]\ndevice = /dev/ttyUSB0 # expect: SMS4013\nconnection = at115200\n\n"
            "[smsd]\nservice = files\ninboxpath = /var/spool/gammu/inbox/\n"
            "outboxpath = /var/spool/gammu/outbox/ # expect: SMS4013\n",
            "etc/gammu-smsdrc",
        ),
    ),
    valid=(
        Example("[smsd]\nservice = sql\ndriver = native_mysql\n", "gammu-smsdrc", "no device, SQL"),
    ),
)

SMS4014 = Rule(
    id="SMS4014",
    name="SmstoolsModemConfig",
    short_description="smstools3 drives a GSM modem",
    full_description=(
        "An smsd.conf lists modems (`devices = GSM1`) with serial devices (`[GSM1] device = "
        "/dev/ttyUSB0`): SMS are sent from own SIM cards (scenario A)."
    ),
    help_markdown=SMS4013.help_markdown,
    scenario=Scenario.A,
    severity=Severity.LOW,
    precision=Precision.VERY_HIGH,
    evidence=Evidence.CONFIG,
    languages=("smstools",),
    tags=("smstools", "modem", "own-sim"),
    invalid=(
        Example(
            "devices = GSM1\noutgoing = /var/spool/sms/outgoing\nlogfile = /var/log/smsd.log\n\n"
            "[GSM1]\ndevice = /dev/ttyUSB0 # expect: SMS4014\nincoming = yes\nbaudrate = 115200\n",
            "etc/smsd.conf",
        ),
    ),
    valid=(Example("logfile = /var/log/smsd.log\nloglevel = 7\n", "etc/smsd.conf"),),
)

SMS4015 = Rule(
    id="SMS4015",
    name="SelfHostedGatewaySendApi",
    short_description="The application sends SMS through a self-hosted Kannel / Jasmin",
    full_description=(
        "The code calls the HTTP send API of a self-hosted SMS gateway: Kannel `/cgi-bin/sendsms` "
        "(sendsms-port 13013) or Jasmin `:1401/send`. The gateway's upstream (its SMSC / connector "
        "config) decides the scenario; with a carrier SMSC config in the same repository this is "
        "scenario C by proxy."
    ),
    help_markdown=HELP_GATEWAY,
    scenario=Scenario.NONE,
    severity=Severity.LOW,
    precision=Precision.HIGH,
    evidence=Evidence.CALL,
    languages=("python", "php", "javascript", "java", "shell", "properties"),
    tags=("kannel", "jasmin", "gateway"),
    invalid=(
        Example(
            "import requests\n\ndef send(to, text):\n"
            "    requests.get('http://10.0.0.5:13013/cgi-bin/sendsms',  # expect: SMS4015\n"
            "                 params={'username': 'app', 'password': 'pw', 'to': to, 'text': text})\n",
            "app/sms.py",
        ),
        Example(
            '<?php\n$url = "http://$kannelHost:13013/cgi-bin/sendsms?username=app&to=$to"; // expect: SMS4015\n'
            "file_get_contents($url . '&text=' . urlencode($text));\n",
            "lib/sms.php",
        ),
        Example(
            "await fetch(`http://jasmin:1401/send?username=app&to=${to}&content=${encodeURIComponent(t)}`); // expect: SMS4015\n",
            "src/sms.js",
        ),
        Example(
            'class K { static final String URL = "http://kannel:13013/cgi-bin/sendsms"; } // expect: SMS4015\n',
            "src/main/java/K.java",
        ),
        Example(
            '#!/bin/sh\ncurl -s "http://127.0.0.1:13013/cgi-bin/sendsms?username=ops&to=$1&text=$2" # expect: SMS4015\n',
            "bin/alert.sh",
        ),
        Example("sms.kannel.url=http://10.0.0.5:13013/cgi-bin/sendsms\n", "app.properties"),
    ),
    valid=(
        Example("# requests.get('http://10.0.0.5:13013/cgi-bin/sendsms')\n", "old.py", "comment"),
        Example("group = smsbox\nsendsms-port = 13013\n", "kannel.conf", "the port setting"),
    ),
)


def check(ctx: FileContext) -> Iterator[Hit]:
    if ctx.kind == k.KANNEL or (ctx.kind == k.INI and _KANNEL_GROUP.search(ctx.text)):
        yield from _kannel(ctx)
        return
    if ctx.kind == k.JASMIN:
        yield from _jasmin(ctx)
        return
    if ctx.kind == k.GAMMU:
        yield from _gammu(ctx)
        return
    if ctx.kind == k.SMSTOOLS:
        yield from _smstools(ctx)
        return
    yield from _send_api(ctx)


DETECTOR = Detector(
    name="sms_gateway_config",
    rules=(SMS4010, SMS4011, SMS4012, SMS4013, SMS4014, SMS4015),
    kinds=frozenset(
        k.CODE_KINDS
        | {
            k.ENV,
            k.GAMMU,
            k.INI,
            k.JASMIN,
            k.JSON,
            k.KANNEL,
            k.PROPERTIES,
            k.SHELL,
            k.SMSTOOLS,
            k.YAML,
        }
    ),
    check=check,
    anchors=(
        "smppccm",
        "[gammu",
        "[smsd]",
        "sendsms",
        ":1401/send",
    ),
    # `group` (Kannel groups) and `device` (modem devices) are common words in code:
    # they send a file to this detector only in the gateway config formats
    kind_anchors=(
        (frozenset({k.KANNEL, k.INI, k.GAMMU, k.SMSTOOLS, k.JASMIN}), ("group", "device")),
    ),
    description=__doc__ or "",
)
