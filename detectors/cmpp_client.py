"""CMPP / SGIP / SMGP / CNGP: the Chinese carrier SMS gateway protocols
(China Mobile, China Unicom, China Telecom, China Netcom).

Any client of these protocols talks to a carrier ISMG / SMGW: scenario C
(an SP licence), unless the host is an aggregator that resells CMPP accounts
(B) or loopback / a simulator (test only). Libraries: SMSGate (com.zx.sms),
sms-client URIs, Huawei SMProxy, gocmpp, go_sgip / go_smgp, pycmpp, cmppy,
npm cmpp / node-smgp. Server endpoints are reported by `smsc_server`;
hand-rolled protocol code by `carrier_handrolled`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from detectors._carrier_common import (
    SERVER_CALLS,
    client_hit,
    file_endpoints,
    is_server_call,
    is_server_import,
)
from detectors.smpp_client import ImportGates
from scanner import classify as k
from scanner import lazy_re
from scanner.detector import Detector, FileContext, Hit
from scanner.facts import Call, Import
from scanner.model import Confidence, Evidence, Example, Precision, Rule, Scenario, Severity
from scanner.signatures import host_attributes, literal_constants, matching_imports

LANGS = ("python", "java", "kotlin", "go", "javascript", "typescript")

JVM_IMPORTS = {
    # SMSGate (com.chinamobile.cmos:sms-core), its SMPP part belongs to smpp_client
    "com.zx.sms.connect.manager": "SMSGate",
    "com.zx.sms.connect.manager.cmpp": "SMSGate (CMPP)",
    "com.zx.sms.connect.manager.sgip": "SMSGate (SGIP)",
    "com.zx.sms.connect.manager.smgp": "SMSGate (SMGP)",
    "com.zx.sms.connect.manager.smpp": "",
    "com.zx.sms.codec.cmpp": "SMSGate (CMPP)",
    "com.zx.sms.codec.sgip12": "SMSGate (SGIP)",
    "com.zx.sms.codec.smgp": "SMSGate (SMGP)",
    "com.zx.sms.common.util.ChannelUtil": "SMSGate",
    "com.zx.sms.handler.api": "SMSGate",
    "com.chinamobile.cmos": "sms-client",
    "com.huawei.smproxy": "Huawei SMProxy",
    "com.huawei.smproxy.SMPPSMProxy": "",
    "com.huawei.insa2.comm.cmpp": "Huawei SMProxy (CMPP)",
    "com.huawei.insa2.comm.cmpp30": "Huawei SMProxy (CMPP 3.0)",
    "com.huawei.insa2.comm.sgip": "Huawei SMProxy (SGIP)",
    "com.huawei.insa2.comm.smgp": "Huawei SMProxy (SMGP)",
    "com.huawei.insa2.comm.cngp": "Huawei SMProxy (CNGP)",
}
PY_IMPORTS = {"pycmpp": "pycmpp", "cmppy": "cmppy"}
GO_IMPORTS = {
    "github.com/bigwhite/gocmpp": "gocmpp",
    "github.com/yedamao/go_cmpp": "go_cmpp",
    "github.com/yedamao/go_sgip": "go_sgip (SGIP)",
    "github.com/yedamao/go_smgp": "go_smgp (SMGP)",
}
JS_IMPORTS = {"cmpp": "npm cmpp", "node-smgp": "node-smgp (SMGP)"}
IMPORTS_BY_KIND: dict[str, dict[str, str]] = {
    k.PYTHON: PY_IMPORTS,
    k.JAVA: JVM_IMPORTS,
    k.KOTLIN: JVM_IMPORTS,
    k.GO: GO_IMPORTS,
    k.JAVASCRIPT: JS_IMPORTS,
    k.TYPESCRIPT: JS_IMPORTS,
    k.TSX: JS_IMPORTS,
}
PROTOCOL_OF_LABEL = {"SGIP": "sgip", "SMGP": "smgp", "CNGP": "cngp"}
CONNECT_CALLS = frozenset(
    {
        # SMSGate / sms-client / SMProxy
        "CMPPClientEndpointEntity",
        "SgipClientEndpointEntity",
        "SMGPClientEndpointEntity",
        "addEndpointEntity",
        "openEndpoint",
        "openAll",
        "syncWriteLongMsgToEntity",
        "SmsClientBuilder",
        "CMPPSMProxy",
        "CMPPSMProxy30",
        "SMProxy",
        "SMProxy30",
        "SGIPSMProxy",
        "SGIPMTProxy",
        "CNGPSMProxy",
        "setHost",
        # Python
        "Cmpp",
        "Cmppy",
        # Go
        "NewClient",
        "Connect",
        "SendReqPkt",
        "NewTransmitter",
        # Node
        "Client",
        "Socket",
        "connect",
    }
)
_JS_ONLY = frozenset({"Client", "Socket", "connect"})
_GO_ONLY = frozenset({"NewClient", "Connect", "SendReqPkt", "NewTransmitter"})
_GENERIC = frozenset({"Connect", "connect", "Client", "Socket", "NewClient", "setHost"})
_PASSWORD = lazy_re.compile(r"[?&](?:password|pwd|secret|sharedsecret)=([^&#\s\"']+)", re.I)
_URI = lazy_re.compile(r"(?<![A-Za-z0-9+.-])(cmpp|sgip|smgp|cngp)://([^\s\"'<>]+)", re.I)

SMS2001 = Rule(
    id="SMS2001",
    name="CarrierProtocolLibrary",
    short_description="A CMPP / SGIP / SMGP / CNGP client library is imported",
    full_description="The code imports a client library for the Chinese carrier SMS gateway protocols (SMSGate com.zx.sms, sms-client, Huawei SMProxy, gocmpp, go_sgip, go_smgp, pycmpp, cmppy, npm cmpp, node-smgp, ...). These protocols connect an SP directly to a carrier ISMG/SMGW: scenario C. A file that only runs a server endpoint reports its import as test only.",
    help_markdown=(
        "**Why it matters.** CMPP (China Mobile), SGIP (China Unicom), SMGP (China Telecom) and CNGP are the "
        "carrier-side protocols of the SP system; using them means operating a B25 SMS service, which requires an "
        "SP licence (1M RMB registered capital per province, 10M cross-regional, domestic capital only).\n\n"
        "**What to check.** The gateway host: a carrier ISMG is C; an aggregator reselling CMPP accounts is B."
    ),
    scenario=Scenario.C,
    severity=Severity.HIGH,
    precision=Precision.VERY_HIGH,
    evidence=Evidence.IMPORT,
    languages=LANGS,
    tags=("cmpp", "sgip", "smgp", "carrier-protocol"),
    invalid=(
        Example(
            "import com.zx.sms.connect.manager.cmpp.CMPPClientEndpointEntity; // expect: SMS2001\nclass A {}\n",
            "src/main/java/A.java",
        ),
        Example("from pycmpp import handlers  # expect: SMS2001\n", "sms/cmpp_sender.py"),
        Example(
            "package com.acme.sms\n\n"
            "import com.zx.sms.connect.manager.sgip.SgipClientEndpointEntity // expect: SMS2001\n\n"
            "class UnicomLink(val entity: SgipClientEndpointEntity)\n",
            "src/main/kotlin/com/acme/sms/UnicomLink.kt",
        ),
        Example(
            'package ismg\n\nimport (\n\t"time"\n\n'
            '\tcmpp "github.com/bigwhite/gocmpp" // expect: SMS2001\n'
            '\t"github.com/bigwhite/gocmpp/utils" // expect: SMS2001\n'
            ")\n\nvar _ = time.Second\nvar _ = cmpp.V30\nvar _ = cmpputils.GB18030ToUtf8\n",
            "internal/ismg/client.go",
        ),
        Example(
            "const Client = require('cmpp'); // expect: SMS2001\nmodule.exports = Client;\n",
            "lib/ismg.js",
        ),
        Example(
            "import Socket from 'node-smgp'; // expect: SMS2001\nexport default Socket;\n",
            "src/telecom.ts",
        ),
    ),
    valid=(
        Example(
            "import tcmpp\nfrom icmppairs import ICMPPairs\n",
            "x.py",
            "names containing 'cmpp' are not CMPP",
        ),
        Example("import com.zx.smsutil.Helper;\nclass A {}\n", "A.java"),
        Example(
            "const tcmpp = require('tcmpp');\nconst esgi = require('esgiproject');\n",
            "src/app.js",
            "npm packages that merely contain the letters",
        ),
        Example(
            "import com.zx.sms.connect.manager.smpp.SMPPClientEndpointEntity;\nclass A {}\n",
            "A.java",
            "SMSGate's SMPP endpoint is SMPP (SMS1001), not CMPP",
        ),
    ),
)

SMS2002 = Rule(
    id="SMS2002",
    name="CarrierProtocolConnection",
    short_description="A CMPP / SGIP / SMGP client endpoint is configured or opened",
    full_description="A carrier-protocol client endpoint is created, configured or opened (SMSGate CMPPClientEndpointEntity / EndpointManager.openAll / ChannelUtil.syncWriteLongMsgToEntity, SmsClientBuilder, SMProxy, gocmpp NewClient / Connect, pycmpp Cmpp(...), npm cmpp new Client({host, port}) / connect). Host and port come from arguments, object fields and simple constants. The host decides: carrier or private host = C, aggregator = B, loopback / simulator = test only.",
    help_markdown=(
        "**Why it matters.** This is the connection to the carrier gateway that makes the system an SP.\n\n"
        "**Fix / document.** Confirm the SP licence (B25) and the service code (106 number) it was issued for."
    ),
    scenario=Scenario.C,
    severity=Severity.HIGH,
    precision=Precision.HIGH,
    evidence=Evidence.CALL,
    languages=LANGS,
    tags=("cmpp", "carrier-protocol", "connection"),
    invalid=(
        Example(
            "import com.zx.sms.connect.manager.cmpp.CMPPClientEndpointEntity;\n"
            "class Gw {\n  void init() {\n"
            "    CMPPClientEndpointEntity client = new CMPPClientEndpointEntity(); // expect: SMS2002\n"
            '    client.setHost("10.20.30.40"); // expect: SMS2002\n'
            "  }\n}\n",
            "src/main/java/Gw.java",
        ),
        Example(
            "from pycmpp import handlers\n"
            "from pycmpp.cmpp_defines import *\n"
            "gw = Cmpp('218.207.67.10', 7890, sp_id='901234', sp_secret=SECRET, src_id='10690021')  # expect: SMS2002\n",
            "sms/cmpp_sender.py",
        ),
        Example(
            "import com.zx.sms.common.util.ChannelUtil\n"
            "import com.zx.sms.codec.cmpp.msg.CmppSubmitRequestMessage\n\n"
            "fun send(msg: CmppSubmitRequestMessage) {\n"
            '    ChannelUtil.syncWriteLongMsgToEntity("cmcc-gd", msg) // expect: SMS2002\n'
            "}\n",
            "src/main/kotlin/Send.kt",
        ),
        Example(
            'package ismg\n\nimport cmpp "github.com/bigwhite/gocmpp"\n\n'
            'const ismgAddr = "211.136.10.20:7890"\n\n'
            "func dial(user, pwd string) error {\n"
            "\tc := cmpp.NewClient(cmpp.V30) // expect: SMS2002\n"
            "\treturn c.Connect(ismgAddr, user, pwd, 5*time.Second) // expect: SMS2002\n}\n",
            "internal/ismg/dial.go",
        ),
        Example(
            "const Client = require('cmpp');\n"
            "const host = '211.136.10.21';\nconst port = 7890;\n"
            "const client = new Client({ host, port, serviceId: 'MAC0011', srcId: '1069001' }); // expect: SMS2002\n"
            "client.connect(spId, sharedSecret); // expect: SMS2002\n",
            "lib/ismg.js",
        ),
        Example(
            "import Socket from 'node-smgp';\n"
            "const sock = new Socket({ host: '59.60.1.2', port: 8890, clientID: 'A1', spId: 'A1' }); // expect: SMS2002\n",
            "src/telecom.ts",
        ),
    ),
    valid=(
        Example(
            'class Gw { void f(Conf c) { c.setHost("10.20.30.40"); } }\n',
            "Gw.java",
            "setHost without a carrier-protocol library",
        ),
        Example(
            "const Client = require('cmpp');\nconst redis = require('redis');\n"
            "const r = redis.createClient();\nr.connect();\n",
            "lib/cache.js",
            "a generic connect() on another library's receiver",
        ),
    ),
)

SMS2004 = Rule(
    id="SMS2004",
    name="CarrierProtocolUri",
    short_description="A cmpp:// / sgip:// / smgp:// gateway URI",
    full_description="A string literal or config value holds a carrier-protocol URI (sms-client style `cmpp://host:port?username=...&spcode=...`). It names the ISMG / SMGW the SP connects to; the host decides the scenario (carrier or private = C, aggregator = B, loopback / simulator = test only).",
    help_markdown=(
        "**Why it matters.** The URI configures a direct CMPP / SGIP / SMGP connection, the core of an SP "
        "system (B25 licence).\n\n**What to check.** The host, and keep the password out of the URI (use a "
        "secret store)."
    ),
    scenario=Scenario.C,
    severity=Severity.HIGH,
    precision=Precision.VERY_HIGH,
    evidence=Evidence.ENDPOINT,
    languages=("java", "kotlin", "python", "go", "javascript", "yaml", "properties", "json", "env"),
    tags=("cmpp", "sgip", "smgp", "carrier-protocol", "endpoint"),
    invalid=(
        Example(
            "class Gw {\n  void init() {\n    SmsClient c = new SmsClientBuilder()\n"
            '        .uri("cmpp://211.136.10.22:7890?username=901234&version=48&spcode=10690021") // expect: SMS2004\n'
            "        .build();\n  }\n}\n",
            "src/main/java/Gw.java",
        ),
        Example(
            'val unicom = "sgip://10.0.1.5:8801?nodeid=3027110001&spcode=10655" // expect: SMS2004\n',
            "src/main/kotlin/Links.kt",
        ),
        Example(
            "ISMG_URI = 'cmpp://211.136.10.23:7890?spcode=106900'  # expect: SMS2004\n", "gw.py"
        ),
        Example(
            'package cfg\n\nconst SmgwURI = "smgp://59.60.1.3:8890?spcode=1065" // expect: SMS2004\n',
            "cfg/uri.go",
        ),
        Example("module.exports = { uri: 'cmpp://10.1.1.9:7890' }; // expect: SMS2004\n", "cfg.js"),
        Example(
            "sms:\n  channels:\n    - cmpp://211.136.10.24:7890?username=901234 # expect: SMS2004\n",
            "src/main/resources/application.yml",
        ),
        Example(
            "sms.gateway.uri=smgp://59.60.1.4:8890?spcode=1065 # expect: SMS2004\n",
            "application.properties",
        ),
        Example('{"uri": "cmpp://211.136.10.25:7890"}\n', "config/sms.json"),
        Example("ISMG_URI=cmpp://211.136.10.26:7890 # expect: SMS2004\n", ".env"),
    ),
    valid=(
        Example(
            "# cmpp://211.136.10.22:7890 is the old gateway\nurl = 'https://api.example.net'\n",
            "gw.py",
            "comments do not count",
        ),
        Example(
            "TCMPP = 'tcmpp://miniapp/page'\nX = 'wasmgpu://dev'\n",
            "x.py",
            "look-alike schemes",
        ),
    ),
)


def _protocol(label: str) -> str:
    for key, proto in PROTOCOL_OF_LABEL.items():
        if key in label:
            return proto
    return "cmpp"


def _call_protocol(call: Call) -> str:
    name = call.name.upper()
    for proto in ("SGIP", "SMGP", "CNGP", "CMPP"):
        if name.startswith(proto):
            return proto.lower()
    return ""


def _imports(ctx: FileContext) -> list[tuple[Import, str]]:
    table = IMPORTS_BY_KIND.get(ctx.kind)
    if not table:
        return []
    return [
        (imp, label)
        for imp, label in matching_imports(ctx, table)
        if label and not is_server_import(imp.module, imp.names)
    ]


def _client_call(call: Call, kind: str) -> bool:
    if call.name in SERVER_CALLS or call.name not in CONNECT_CALLS:
        return False
    js = kind in (k.JAVASCRIPT, k.TYPESCRIPT, k.TSX)
    if (call.name in _JS_ONLY and not js) or (call.name in _GO_ONLY and kind != k.GO):
        return False
    if call.name in _GENERIC:
        recv = (call.receiver or call.callee).lower()
        return (
            call.is_new
            or any(
                h in recv
                for h in (
                    "cmpp",
                    "sgip",
                    "smgp",
                    "cngp",
                    "ismg",
                    "client",
                    "sms",
                    "gw",
                    "gateway",
                    "entity",
                    "endpoint",
                    "config",
                )
            )
            or recv in ("c", "cli", "conn", "entity", "sock", "socket", "endpoint")
        )
    return True


def _uri_hits(ctx: FileContext) -> Iterator[Hit]:
    for lit in ctx.facts.literals:
        m = _URI.search(lit.value)
        if m is None or ctx.in_comment(lit.span):
            continue
        proto = m.group(1).lower()
        uri = m.group(0)
        attrs, hc = host_attributes(uri.split("?", 1)[0], "")
        yield Hit(
            "SMS2004",
            lit.span,
            f"{proto.upper()} gateway URI '{uri.split('?', 1)[0]}'"
            + (f" ({hc.category})" if hc and hc.category not in ("public", "private") else ""),
            confidence=Confidence.HIGH,
            scenario=hc.scenario if hc is not None else None,
            attributes=(*attrs, ("protocol", proto), ("role", "client")),
            key=uri.split("?", 1)[0],
            secret=_uri_password(uri),
            test_only=bool(hc and hc.test_only),
        )


def _uri_password(uri: str) -> str:
    """The `password=` query value of an sms-client URI (redacted by the engine)."""
    m = _PASSWORD.search(uri)
    return m.group(1) if m and len(m.group(1)) >= 3 else ""


# Text gate. SMS2004 needs `_URI` in a literal's value: the scheme and `:/` occur in
# the text too (JSON may write `\/`, properties `\:`). SMS2001 / SMS2002 need a
# client library import (`_imports`, labelled prefixes only), so its module text.
_URI_TEXT = lazy_re.compile(
    r":(?:(?<=(?i:cmpp|sgip|smgp|cngp):)|(?<=(?i:cmpp|sgip|smgp|cngp)\\:))\\?/"
)
IMPORT_TEXT = ImportGates(
    {kind: {p: lb for p, lb in t.items() if lb} for kind, t in IMPORTS_BY_KIND.items()}
)


def gate(text: str, kind: str, _name: str) -> bool:
    if _URI_TEXT.search(text):
        return True
    pat = IMPORT_TEXT.get(kind)
    return bool(pat and pat.search(text))


def check(ctx: FileContext) -> Iterator[Hit]:
    yield from _uri_hits(ctx)
    if ctx.kind not in IMPORTS_BY_KIND:
        return
    libs = _imports(ctx)
    if not libs:
        return
    label = libs[0][1]
    consts = literal_constants(ctx)
    calls = [c for c in ctx.facts.calls if _client_call(c, ctx.kind)]
    server_only = not calls and any(is_server_call(c) for c in ctx.facts.calls)
    for imp, lib in libs:
        yield Hit(
            "SMS2001",
            imp.span,
            f"carrier SMS protocol {'server-side ' if server_only else ''}library '{lib}' imported ({imp.module})",
            scenario=Scenario.NONE if server_only else None,
            attributes=(
                ("library", lib),
                ("protocol", _protocol(lib)),
                ("role", "server" if server_only else "client"),
            ),
            key=imp.module,
            test_only=server_only,
        )
    for call, host, port in file_endpoints(ctx, calls, consts):
        yield client_hit(
            "SMS2002",
            call,
            host,
            port,
            "carrier-protocol client",
            label,
            _call_protocol(call) or _protocol(label),
            confident=call.is_new,
        )


DETECTOR = Detector(
    name="cmpp_client",
    rules=(SMS2001, SMS2002, SMS2004),
    kinds=k.CODE_KINDS | {k.YAML, k.PROPERTIES, k.JSON, k.ENV, k.TOML, k.INI, k.XML},
    check=check,
    anchors=("cmpp", "sgip", "smgp", "cngp", "com.zx.sms", "smproxy", "com.chinamobile.cmos"),
    gate=gate,
    description=__doc__ or "",
)
