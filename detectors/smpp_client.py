"""SMPP client libraries and the connections they make.

SMPP is the international SMSC protocol. A client that binds to an SMSC and
submits messages is a direct carrier connection (scenario C) unless the host
is a public SMS aggregator (B), a LAN SIM box (A) or a simulator / loopback
(test only). SMPP *servers* and simulators are reported separately
(`smpp_server`), because they do not send to a carrier.
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner import classify as k
from scanner.detector import Detector, FileContext, Hit
from scanner.model import Confidence, Evidence, Example, Precision, Rule, Scenario, Severity
from scanner.signatures import host_attributes, host_port_from_args, matching_imports

LANGS = ("python", "java")

# import prefix -> library label
CLIENT_IMPORTS = {
    # Python
    "smpplib": "smpplib",
    "smpp.twisted.client": "smpp.twisted",
    "smpp.twisted.config": "smpp.twisted",
    "smpp.pdu": "smpp.pdu",
    "smpp.pdu_builder": "smpp.pdu",
    "aiosmpplib": "aiosmpplib",
    "naz": "naz",
    "vumi.transports.smpp": "vumi",
    "jasmin.protocols.smpp": "jasmin",
    # Java / Kotlin
    "org.jsmpp": "jsmpp",
    "com.cloudhopper.smpp": "cloudhopper-smpp",
    "org.smpp": "OpenSMPP",
    "com.logica.smpp": "Logica SMPP",
    "org.smslib.smpp": "SMSLib SMPP gateway",
    "com.zx.sms.connect.manager.smpp": "SMSGate (SMPP)",
    "com.huawei.smproxy.SMPPSMProxy": "Huawei SMProxy (SMPP)",
    "com.huawei.insa2.comm.smpp": "Huawei SMProxy (SMPP)",
}
SERVER_NAMES = frozenset(
    {"SMSCServer", "SmppServer", "DefaultSmppServer", "SMPPServerSessionListener", "createServer"}
)
CONNECT_CALLS = frozenset(
    {
        # Python
        "Client",
        "ESME",
        "SMPPClientConfig",
        "connect",
        "bind_transceiver",
        "bind_transmitter",
        "send_message",
        "SmppTransceiverTransport",
        # Java
        "connectAndBind",
        "bind",
        "submitShortMessage",
        "SMPPClientEndpointEntity",
        "SmppSessionConfiguration",
        "JSMPPGateway",
        "TCPIPConnection",
    }
)

SMS1001 = Rule(
    id="SMS1001",
    name="SmppClientLibrary",
    short_description="An SMPP client library is imported",
    full_description="The code imports an SMPP client library (smpplib, jsmpp, cloudhopper-smpp, OpenSMPP, ...). SMPP clients bind to an SMSC and submit messages: a carrier connection (scenario C) unless the SMSC is a licensed aggregator.",
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
    ),
    valid=(
        Example(
            "# import smpplib.client\nimport requests\n", "notes.py", "a comment is not an import"
        ),
        Example(
            "import tcmpp\nimport smppish_helpers\n", "x.py", "similar names are not SMPP libraries"
        ),
        Example("import org.smpptools.Unrelated;\nclass S {}\n", "S.java"),
    ),
)

SMS1002 = Rule(
    id="SMS1002",
    name="SmppClientConnection",
    short_description="An SMPP client connects or binds to an SMSC",
    full_description="An SMPP client is created, connected or bound (connect / bind_transceiver / connectAndBind / submit). The host decides the scenario: a carrier or private host is scenario C, a public SMS aggregator is B, a LAN SIM box is A, loopback or a simulator is test only.",
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
            "import org.jsmpp.session.SMPPSession;\n"
            "class Sender {\n"
            "  void run(SMPPSession session) throws Exception {\n"
            '    session.connectAndBind("smsc.carrier.cn", 2775, null); // expect: SMS1002\n'
            "  }\n}\n",
            "src/main/java/Sender.java",
        ),
    ),
    valid=(
        Example(
            "import requests\nclient = Client('10.8.1.20', 2775)\nclient.connect()\n",
            "x.py",
            "no SMPP import: a generic Client",
        ),
    ),
)


def check(ctx: FileContext) -> Iterator[Hit]:
    libs = matching_imports(ctx, CLIENT_IMPORTS)
    for imp, label in libs:
        yield Hit(
            "SMS1001",
            imp.span,
            f"SMPP client library '{label}' imported ({imp.module})",
            attributes=(("library", label), ("protocol", "smpp")),
            key=imp.module,
        )
    if not libs:
        return
    label = libs[0][1]
    for call in ctx.facts.calls:
        if call.name in SERVER_NAMES:
            continue
        if call.name not in CONNECT_CALLS:
            continue
        host, port = host_port_from_args(call)
        attrs, hc = host_attributes(host, port)
        scenario = hc.scenario if hc is not None else None
        where = f" to '{host}{':' + port if port else ''}'" if host else ""
        kind = (
            f" ({hc.category})"
            if hc is not None and hc.category not in ("public", "private", "unknown")
            else ""
        )
        yield Hit(
            "SMS1002",
            call.span,
            f"SMPP client {call.name}(){where}{kind} via {label}",
            confidence=Confidence.HIGH if host else Confidence.MEDIUM,
            scenario=scenario,
            attributes=(*attrs, ("library", label), ("protocol", "smpp"), ("role", "client")),
            key=f"{call.callee}:{host}",
            test_only=bool(hc and hc.test_only),
        )


DETECTOR = Detector(
    name="smpp_client",
    rules=(SMS1001, SMS1002),
    kinds=frozenset({k.PYTHON, k.JAVA, k.KOTLIN}),
    check=check,
    anchors=("smpp", "smsc"),
    description=__doc__ or "",
)
