"""SMPP client libraries and the connections they make.

SMPP is the international SMSC protocol. A client that binds to an SMSC and
submits messages is a direct carrier connection (scenario C) unless the host
is a public SMS aggregator (B), a LAN SIM box (A) or a simulator / loopback
(test only). SMPP *servers* and simulators are reported separately
(`smsc_server`), because they do not send to a carrier: a file that only
runs a server does not make its library import a client.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from detectors._carrier_common import (
    SERVER_CALLS,
    client_hit,
    file_endpoints,
    host_properties,
    is_server_call,
    is_server_import,
)
from scanner import classify as k
from scanner import lazy_re, pattern_cache
from scanner.detector import Detector, FileContext, Hit
from scanner.facts import Call, Import
from scanner.model import Evidence, Example, Precision, Rule, Scenario, Severity
from scanner.signatures import literal_constants, matching_imports

LANGS = ("python", "java", "kotlin", "go", "javascript", "typescript", "php", "csharp", "ruby")

PY_IMPORTS = {
    "smpplib": "smpplib",
    "smpp.twisted.client": "smpp.twisted",
    "smpp.twisted.config": "smpp.twisted",
    "smpp.pdu": "smpp.pdu",
    "smpp.pdu_builder": "smpp.pdu",
    "aiosmpplib": "aiosmpplib",
    "naz": "naz",
    "vumi.transports.smpp": "vumi",
    "jasmin.protocols.smpp": "jasmin",
}
JVM_IMPORTS = {
    "org.jsmpp": "jsmpp",
    "com.cloudhopper.smpp": "cloudhopper-smpp",
    "org.smpp": "OpenSMPP",
    "com.logica.smpp": "Logica SMPP",
    "org.smslib.smpp": "SMSLib SMPP gateway",
    "com.zx.sms.connect.manager.smpp": "SMSGate (SMPP)",
    "com.zx.sms.codec.smpp": "SMSGate (SMPP)",
    "com.huawei.smproxy.SMPPSMProxy": "Huawei SMProxy (SMPP)",
    "com.huawei.insa2.comm.smpp": "Huawei SMProxy (SMPP)",
}
GO_IMPORTS = {
    "github.com/fiorix/go-smpp": "fiorix/go-smpp",
    "github.com/linxGnu/gosmpp": "gosmpp",
    "github.com/ajankovic/smpp": "ajankovic/smpp",
}
JS_IMPORTS = {"smpp": "node-smpp"}
CS_IMPORTS = {"Inetlab.SMPP": "Inetlab.SMPP", "JamaaTech.Smpp": "JamaaSMPP"}
RB_IMPORTS = {"smpp": "ruby-smpp"}
IMPORTS_BY_KIND: dict[str, dict[str, str]] = {
    k.PYTHON: PY_IMPORTS,
    k.JAVA: JVM_IMPORTS,
    k.KOTLIN: JVM_IMPORTS,
    k.GO: GO_IMPORTS,
    k.JAVASCRIPT: JS_IMPORTS,
    k.TYPESCRIPT: JS_IMPORTS,
    k.TSX: JS_IMPORTS,
    k.CSHARP: CS_IMPORTS,
    k.RUBY: RB_IMPORTS,
}
# php-smpp (onlinecity and its forks): require of the class files, or `use` of
# its global / namespaced classes.
_PHP_SMPP = lazy_re.compile(
    r"(?i)(?:^|[./])(?:smppclient|sockettransport\.class\.php|smppaddress|smpp|laravelsmpp|phpsmpp)"
    r"(?:\.class\.php)?$|(?:^|[./])(?:laravelsmpp|phpsmpp|smpp)\."
)


class ImportText:
    """A necessary condition on a file's text for `matching_imports` to find one of
    some module prefixes: for some prefix, a literal occurs (fast `in` test) and a
    regex for the import's text matches. Each regex is compiled the first time its
    literal occurs (`pattern_cache` keeps it for the process): most never are, and a
    pre-commit run must not pay for them."""

    __slots__ = ("needles",)

    def __init__(self, needles: tuple[tuple[str, str], ...]) -> None:
        self.needles = needles  # (literal, regex source)

    def search(self, text: str) -> bool:
        return any(
            lit in text and pattern_cache.compile(source).search(text) is not None
            for lit, source in self.needles
        )


def _import_re(kind: str, prefix: str) -> tuple[str, str]:
    """(literal, regex) for the text of an import whose module matches `prefix`: the
    module is the prefix or starts with it and a separator, in Python also `from
    PARENT import LAST`. Java / Kotlin / C# / Go / JS / Ruby modules are the source text
    of the import name or string, so the prefix occurs literally; Python allows blanks
    and line continuations around the dots; PHP writes `\\` for `.` and may lead with
    a `\\`, so there only the first dotted part is a literal. Each regex starts with a
    literal (boundary checks come after it as look-behinds): `re` scans those fast."""
    esc = re.escape(prefix)
    first = prefix.split(".")[0]
    f0, rest = re.escape(first[0]), [re.escape(first[1:]), *map(re.escape, prefix.split(".")[1:])]
    if kind == k.PYTHON:
        dot = r"[\s\\]*\.[\s\\]*"
        pat = rf"{f0}(?<![\w.]{f0}){dot.join(rest)}(?!\w)"
        if "." in prefix:
            parent = dot.join(map(re.escape, prefix.split(".")[:-1]))
            pat += rf"|from(?<!\wfrom)[\s\\]+{parent}[\s\\]+import\b"
        return first, pat
    if kind in (k.JAVA, k.KOTLIN):
        return prefix, rf"import(?<!\wimport)\s[^;]{{0,80}}?(?<![\w.]){esc}(?![\w$])"
    if kind == k.CSHARP:
        return prefix, rf"using(?<!\wusing)\s[^;]{{0,80}}?(?<![\w.]){esc}(?!\w)"
    if kind == k.PHP:
        # a `use` name (after an optional leading backslash) or a require string
        sep = r"(?:\.|\\{1,2})"
        start = rf"(?:(?<![\w.\\]{f0})|(?<=[^\w.\\]\\{f0}))"
        return first, rf"{f0}{start}{sep.join(rest)}(?!\w)"
    # Go import paths; JS / TS require and import sources; Ruby require strings
    return prefix, rf"{esc}(?<=[\"'`]{esc})(?=[\"'`./:\\])"


def import_text(kind: str, prefixes: Iterable[str]) -> ImportText:
    """The text condition, in files of `kind`, for an import matching one of `prefixes`
    (detector gates use it: shared by the carrier-protocol and platform detectors)."""
    ps = sorted(prefixes)
    # a prefix extending a shorter one (`a.b.c` after `a.b`) adds nothing
    ps = [p for p in ps if not any(p.startswith(q + s) for q in ps for s in (".", "/", "::"))]
    by_literal: dict[str, list[str]] = {}
    for p in ps:
        lit, pat = _import_re(kind, p)
        by_literal.setdefault(lit, []).append(pat)
    return ImportText(tuple((lit, "|".join(pats)) for lit, pats in by_literal.items()))


class ImportGates:
    """`import_text` of each kind's import table, built for a kind when a file of that
    kind first asks (a pre-commit run on Python files builds the Python one only)."""

    __slots__ = ("_built", "_tables")

    def __init__(self, tables: Mapping[str, Mapping[str, str]]) -> None:
        self._tables = tables
        self._built: dict[str, ImportText | None] = {}

    def get(self, kind: str) -> ImportText | None:
        """The kind's condition; None when the table has no import for that kind."""
        try:
            return self._built[kind]
        except KeyError:
            table = self._tables.get(kind)
            gate = self._built[kind] = import_text(kind, table) if table else None
            return gate


CONNECT_CALLS = frozenset(
    {
        # Python
        "Client",
        "ESME",
        "SMPPClientConfig",
        "connect",
        "bind_transceiver",
        "bind_transmitter",
        "bind_receiver",
        "send_message",
        "SmppTransceiverTransport",
        # Java / Kotlin
        "connectAndBind",
        "bind",
        "submitShortMessage",
        "SMPPClientEndpointEntity",
        "SmppSessionConfiguration",
        "JSMPPGateway",
        "TCPIPConnection",
        "setHost",
        # Go
        "Transmitter",
        "Transceiver",
        "Receiver",
        "Bind",
        "Auth",
        "NewSession",
        "NewTransceiverSession",
        "NewTransmitterSession",
        "TRXConnector",
        "TXConnector",
        "BindConf",
        "BindTRx",
        "BindTx",
        # Node
        "Session",
        "submit_sm",
        # PHP
        "SocketTransport",
        "TSocket",
        "SmppClient",
        "bindTransmitter",
        "bindTransceiver",
        "bindReceiver",
        "sendSMS",
        # C#
        "Connect",
        "ConnectAsync",
        "BindAsync",
        "SubmitAsync",
        "SmppConnectionProperties",
        "Start",
        # Ruby
        "send_mt",
    }
)
# Names that other libraries use too: accepted only on an SMPP-looking receiver.
GENERIC_CALLS = frozenset(
    {
        "connect",
        "Connect",
        "ConnectAsync",
        "bind",
        "Bind",
        "BindAsync",
        "Client",
        "Session",
        "Auth",
        "Start",
        "BindTRx",
        "BindTx",
        "setHost",
    }
)
_STRUCT_ONLY = frozenset({"Transmitter", "Transceiver", "Receiver", "BindConf"})
_RECEIVER_HINT = lazy_re.compile(
    r"(?i)smpp|smsc|session|client|esme|^naz$|\btx\b|\btrx\b|\brx\b|transceiver|transmitter|sms|gateway|\bgw\b|eventmachine|^em$|config|cfg|entity|endpoint"
)

SMS1001 = Rule(
    id="SMS1001",
    name="SmppClientLibrary",
    short_description="An SMPP client library is imported",
    full_description="The code imports an SMPP client library (smpplib, aiosmpplib, naz, jsmpp, cloudhopper-smpp, OpenSMPP, go-smpp, gosmpp, node-smpp, php-smpp, Inetlab.SMPP, JamaaSMPP, ruby-smpp, ...). SMPP clients bind to an SMSC and submit messages: a carrier connection (scenario C) unless the SMSC is a licensed aggregator. A file that only runs an SMPP server or simulator reports its import as test only.",
    help_markdown=(
        "**Why it matters.** Binding to a carrier SMSC over SMPP is a B25 value-added telecom service in China and "
        "needs an SP licence. Through a licensed aggregator's SMPP account it is scenario B instead.\n\n"
        "**What to check.** Find where the client connects (host and port): `smsscan scan` reports the connection "
        "as SMS1002 with the host's classification."
    ),
    scenario=Scenario.C,
    severity=Severity.MEDIUM,
    precision=Precision.HIGH,
    evidence=Evidence.IMPORT,
    languages=LANGS,
    tags=("smpp", "carrier-protocol"),
    invalid=(
        Example(
            "import smpplib.client  # expect: SMS1001\nimport smpplib.consts  # expect: SMS1001\n",
            "sms/gateway.py",
        ),
        Example(
            "import org.jsmpp.session.SMPPSession; // expect: SMS1001\nclass S {}\n",
            "src/main/java/S.java",
        ),
        Example(
            "from smpp.twisted.client import SMPPClientTransceiver  # expect: SMS1001\n", "esme.py"
        ),
        Example(
            "package com.acme.sms\n\n"
            "import com.cloudhopper.smpp.impl.DefaultSmppClient // expect: SMS1001\n"
            "import com.cloudhopper.smpp.SmppSessionConfiguration // expect: SMS1001\n\n"
            "class SmppSender(private val client: DefaultSmppClient)\n",
            "src/main/kotlin/com/acme/sms/SmppSender.kt",
        ),
        Example(
            "package sms\n\nimport (\n"
            '\t"github.com/fiorix/go-smpp/smpp" // expect: SMS1001\n'
            '\t"github.com/fiorix/go-smpp/smpp/pdu/pdutext" // expect: SMS1001\n'
            ')\n\nvar _ = pdutext.Raw("")\nvar _ smpp.Transmitter\n',
            "internal/sms/smpp.go",
        ),
        Example(
            "const smpp = require('smpp'); // expect: SMS1001\nmodule.exports = { smpp };\n",
            "src/smsc.js",
        ),
        Example(
            "import * as smpp from 'smpp'; // expect: SMS1001\nexport type Pdu = smpp.PDU;\n",
            "src/sms/smpp.ts",
        ),
        Example(
            "<?php\nrequire_once 'vendor/php-smpp/smppclient.class.php'; // expect: SMS1001\n"
            "require_once 'vendor/php-smpp/sockettransport.class.php'; // expect: SMS1001\n",
            "lib/sms_send.php",
        ),
        Example(
            "using Inetlab.SMPP; // expect: SMS1001\nusing Inetlab.SMPP.PDU; // expect: SMS1001\n"
            "namespace Acme.Sms { class Sender {} }\n",
            "Acme.Sms/Sender.cs",
        ),
        Example("require 'eventmachine'\nrequire 'smpp' # expect: SMS1001\n", "lib/sms_gateway.rb"),
    ),
    valid=(
        Example(
            "# import smpplib.client\nimport requests\n", "notes.py", "a comment is not an import"
        ),
        Example(
            "import tcmpp\nimport smppish_helpers\n", "x.py", "similar names are not SMPP libraries"
        ),
        Example("import org.smpptools.Unrelated;\nclass S {}\n", "S.java"),
        Example(
            "const smppish = require('smppish');\nconst tcmpp = require('tcmpp');\n",
            "src/x.js",
            "npm packages whose names merely contain 'smpp'",
        ),
        Example(
            "from aiosmpplib import SMSCServer\n\n"
            "server = SMSCServer(host='127.0.0.1', port=2775)\n",
            "simulator/smsc.py",
            "an SMSC simulator is not a client (reported by SMS1003)",
        ),
    ),
)

SMS1002 = Rule(
    id="SMS1002",
    name="SmppClientConnection",
    short_description="An SMPP client connects or binds to an SMSC",
    full_description="An SMPP client is created, connected or bound (connect / bind_transceiver / connectAndBind / Transmitter{Addr} / gosmpp.Auth{SMSC} / smpp.connect({url}) / SocketTransport / SmppClient.Connect / EventMachine.connect(..., Smpp::Transceiver) / submit). Host and port come from arguments, keyword arguments, struct or object fields and simple constants. The host decides the scenario: a carrier or private host is scenario C, a public SMS aggregator is B, a LAN SIM box is A, loopback or a simulator is test only.",
    help_markdown=(
        "**Why it matters.** This is where the code talks to an SMSC. A direct connection to a carrier SMSC "
        "requires an SP licence (B25).\n\n**Fix / document.** If the host is a licensed aggregator, record the "
        "contract. If it is a carrier gateway, make sure the operating company holds the SP licence for the "
        "regions it serves."
    ),
    scenario=Scenario.C,
    severity=Severity.HIGH,
    precision=Precision.HIGH,
    evidence=Evidence.CALL,
    languages=LANGS,
    tags=("smpp", "carrier-protocol", "connection"),
    invalid=(
        Example(
            "import smpplib.client\n"
            "client = smpplib.client.Client('10.8.1.20', 2775)  # expect: SMS1002\n"
            "client.connect()  # expect: SMS1002\n"
            "client.bind_transceiver(system_id='acme', password='pw')  # expect: SMS1002\n",
            "sms/gateway.py",
        ),
        Example(
            "import naz\n\nSMSC_HOST = '10.8.1.20'\n\n"
            "cli = naz.Client(smsc_host=SMSC_HOST, smsc_port=2775, system_id='acme', password=PW, broker=BROKER)  # expect: SMS1002\n",
            "sms/naz_app.py",
            "a module constant resolves to its literal",
        ),
        Example(
            "import org.jsmpp.session.SMPPSession;\n"
            "class Sender {\n"
            "  void run(SMPPSession session) throws Exception {\n"
            '    session.connectAndBind("smsc.carrier.cn", 2775, null); // expect: SMS1002\n'
            "  }\n}\n",
            "src/main/java/Sender.java",
        ),
        Example(
            "import com.cloudhopper.smpp.SmppSessionConfiguration\n\n"
            "fun config(): SmppSessionConfiguration {\n"
            "    val cfg = SmppSessionConfiguration() // expect: SMS1002\n"
            '    cfg.setHost("10.20.1.7") // expect: SMS1002\n'
            "    return cfg\n}\n",
            "src/main/kotlin/Smpp.kt",
        ),
        Example(
            'package main\n\nimport "github.com/fiorix/go-smpp/smpp"\n\n'
            'const smscAddr = "10.20.1.7:2775"\n\n'
            "func dial() {\n"
            '\ttx := &smpp.Transmitter{Addr: smscAddr, User: "acme", Passwd: pw} // expect: SMS1002\n'
            "\t_ = tx.Bind() // expect: SMS1002\n}\n",
            "cmd/sender/main.go",
        ),
        Example(
            "const smpp = require('smpp');\n"
            "const session = smpp.connect({ url: 'smpp://smsc.carrier.cn:2775' }); // expect: SMS1002\n"
            "session.bind_transceiver({ system_id: 'acme', password: process.env.SMPP_PW }, () => {}); // expect: SMS1002\n",
            "src/smsc.js",
        ),
        Example(
            "import * as smpp from 'smpp';\n"
            "const SMSC_URL = 'smpp://10.30.0.9:2775';\n"
            "export const session = smpp.connect({ url: SMSC_URL }); // expect: SMS1002\n",
            "src/smsc.ts",
        ),
        Example(
            "<?php\nrequire_once 'smppclient.class.php';\n"
            "$transport = new SocketTransport(array('smpp.carrier.cn'), 2775); // expect: SMS1002\n"
            "$smpp = new SmppClient($transport); // expect: SMS1002\n"
            '$smpp->bindTransmitter("acme", $password); // expect: SMS1002\n',
            "lib/sms_send.php",
        ),
        Example(
            "using Inetlab.SMPP;\n"
            "class Sender {\n  async Task Run() {\n"
            "    var client = new SmppClient(); // expect: SMS1002\n"
            '    await client.ConnectAsync("10.40.0.2", 2775); // expect: SMS1002\n'
            "  }\n}\n",
            "Sender.cs",
        ),
        Example(
            "using JamaaTech.Smpp.Net.Client;\n"
            "class Gateway {\n  SmppClient client = new SmppClient(); // expect: SMS1002\n"
            "  void Open() {\n    SmppConnectionProperties p = client.Properties;\n"
            '    p.SystemID = "acme";\n'
            '    p.Host = "10.40.0.7"; // expect: SMS1002\n'
            "    p.Port = 2775;\n"
            "    client.Start(); // expect: SMS1002\n  }\n}\n",
            "Gateway.cs",
            "JamaaSMPP sets the host through connection properties",
        ),
        Example(
            "require 'smpp'\n"
            "SMSC_HOST = '10.50.0.3'\n"
            "EventMachine::connect(SMSC_HOST, 2775, Smpp::Transceiver, config, self) # expect: SMS1002\n",
            "lib/gateway.rb",
        ),
    ),
    valid=(
        Example(
            "import requests\nclient = Client('10.8.1.20', 2775)\nclient.connect()\n",
            "x.py",
            "no SMPP import: a generic Client",
        ),
        Example(
            "const smpp = require('smpp');\nconst mongoose = require('mongoose');\n"
            "mongoose.connect('mongodb://db:27017/app');\n",
            "src/db.js",
            "a generic connect() on another library's receiver",
        ),
        Example(
            "const smpp = require('smpp');\n"
            "const server = smpp.createServer((session) => { session.on('bind_transceiver', () => {}); });\n"
            "server.listen(2775);\n",
            "sim/server.js",
            "an SMSC server is not a client (reported by SMS1003)",
        ),
    ),
)


def _imports(ctx: FileContext) -> list[tuple[Import, str]]:
    if ctx.kind == k.PHP:
        return [(i, "php-smpp") for i in ctx.facts.imports if _PHP_SMPP.search(i.module)]
    table = IMPORTS_BY_KIND.get(ctx.kind)
    return matching_imports(ctx, table) if table else []


def _is_client_call(call: Call, kind: str) -> bool:
    if call.name in SERVER_CALLS or call.name not in CONNECT_CALLS:
        return False
    if call.name in _STRUCT_ONLY and not call.is_new:
        return False  # gosmpp `session.Transceiver()` is a getter, go-smpp's is a struct
    if call.name in GENERIC_CALLS:
        if kind == k.RUBY and any("Smpp::" in a.text for a in call.args):
            return True
        return bool(_RECEIVER_HINT.search(call.receiver or call.callee))
    return True


# Text gate: every finding here (SMS1001 and SMS1002) needs an SMPP library import
# (`_imports`), so its module text must occur in an import-shaped position; in PHP
# (`_PHP_SMPP`) `smpp` or `sockettransport.class.php` in any case.
IMPORT_GATES = ImportGates(IMPORTS_BY_KIND)


def gate(text: str, kind: str, _name: str) -> bool:
    if kind == k.PHP:
        low = text.lower()
        return "smpp" in low or "sockettransport.class.php" in low
    pat = IMPORT_GATES.get(kind)
    return bool(pat and pat.search(text))


def check(ctx: FileContext) -> Iterator[Hit]:
    found = _imports(ctx)
    libs = [(imp, label) for imp, label in found if not is_server_import(imp.module, imp.names)]
    if not libs:
        return
    label = libs[0][1]
    consts = literal_constants(ctx)
    calls = [c for c in ctx.facts.calls if _is_client_call(c, ctx.kind)]
    if ctx.kind in (k.CSHARP, k.KOTLIN):
        calls += host_properties(ctx)
    server_only = not calls and any(is_server_call(c) for c in ctx.facts.calls)
    for imp, lib in libs:
        yield Hit(
            "SMS1001",
            imp.span,
            f"SMPP {'server-side ' if server_only else 'client '}library '{lib}' imported ({imp.module})",
            scenario=Scenario.NONE if server_only else None,
            attributes=(
                ("library", lib),
                ("protocol", "smpp"),
                ("role", "server" if server_only else "client"),
            ),
            key=imp.module,
            test_only=server_only,
        )
    for call, host, port in file_endpoints(ctx, calls, consts):
        yield client_hit("SMS1002", call, host, port, "SMPP client", label, "smpp")


DETECTOR = Detector(
    name="smpp_client",
    rules=(SMS1001, SMS1002),
    kinds=frozenset(k.CODE_KINDS),
    check=check,
    anchors=("smpp", "smsc"),
    gate=gate,
    description=__doc__ or "",
)
