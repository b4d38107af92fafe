"""CMPP / SGIP / SMGP / CNGP: the Chinese carrier SMS gateway protocols
(China Mobile, China Unicom, China Telecom, China Netcom).

Any client of these protocols talks to a carrier ISMG / SMGW: scenario C
(an SP licence), unless the host is an aggregator that resells CMPP accounts
(B) or loopback / a simulator (test only).
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner import classify as k
from scanner.detector import Detector, FileContext, Hit
from scanner.model import Confidence, Evidence, Example, Precision, Rule, Scenario, Severity
from scanner.signatures import host_attributes, host_port_from_args, matching_imports

LANGS = ("python", "java")

CLIENT_IMPORTS = {
    # Java: SMSGate, sms-client, Huawei SMProxy
    "com.zx.sms.connect.manager.cmpp": "SMSGate (CMPP)",
    "com.zx.sms.connect.manager.sgip": "SMSGate (SGIP)",
    "com.zx.sms.connect.manager.smgp": "SMSGate (SMGP)",
    "com.zx.sms.codec.cmpp": "SMSGate (CMPP)",
    "com.zx.sms.codec.sgip12": "SMSGate (SGIP)",
    "com.zx.sms.codec.smgp": "SMSGate (SMGP)",
    "com.zx.sms.connect.manager.EndpointManager": "SMSGate",
    "com.chinamobile.cmos": "sms-client",
    "com.huawei.smproxy": "Huawei SMProxy",
    "com.huawei.insa2.comm.cmpp": "Huawei SMProxy (CMPP)",
    "com.huawei.insa2.comm.cmpp30": "Huawei SMProxy (CMPP 3.0)",
    "com.huawei.insa2.comm.sgip": "Huawei SMProxy (SGIP)",
    "com.huawei.insa2.comm.cngp": "Huawei SMProxy (CNGP)",
    # Python
    "pycmpp": "pycmpp",
    "cmppy": "cmppy",
}
PROTOCOL_OF_LABEL = {"SGIP": "sgip", "SMGP": "smgp", "CNGP": "cngp"}
CONNECT_CALLS = frozenset(
    {
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
        "CNGPSMProxy",
        "Cmpp",
        "Cmppy",
        "setHost",
    }
)

SMS2001 = Rule(
    id="SMS2001",
    name="CarrierProtocolLibrary",
    short_description="A CMPP / SGIP / SMGP / CNGP client library is imported",
    full_description="The code imports a client library for the Chinese carrier SMS gateway protocols (SMSGate com.zx.sms, sms-client, Huawei SMProxy, pycmpp, cmppy, ...). These protocols connect an SP directly to a carrier ISMG/SMGW: scenario C.",
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
    ),
    valid=(
        Example(
            "import tcmpp\nfrom icmppairs import ICMPPairs\n",
            "x.py",
            "names containing 'cmpp' are not CMPP",
        ),
        Example("import com.zx.smsutil.Helper;\nclass A {}\n", "A.java"),
    ),
)

SMS2002 = Rule(
    id="SMS2002",
    name="CarrierProtocolConnection",
    short_description="A CMPP / SGIP / SMGP client endpoint is configured or opened",
    full_description="A carrier-protocol client endpoint is created, configured or opened (SMSGate CMPPClientEndpointEntity / EndpointManager, sms-client URI, SMProxy, pycmpp Cmpp(...)). The host decides: carrier or private host = C, aggregator = B, loopback / simulator = test only.",
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
    ),
    valid=(
        Example(
            'class Gw { void f(Conf c) { c.setHost("10.20.30.40"); } }\n',
            "Gw.java",
            "setHost without a carrier-protocol library",
        ),
    ),
)


def _protocol(label: str) -> str:
    for key, proto in PROTOCOL_OF_LABEL.items():
        if key in label:
            return proto
    return "cmpp"


def check(ctx: FileContext) -> Iterator[Hit]:
    libs = matching_imports(ctx, CLIENT_IMPORTS)
    for imp, label in libs:
        yield Hit(
            "SMS2001",
            imp.span,
            f"carrier SMS protocol library '{label}' imported ({imp.module})",
            attributes=(("library", label), ("protocol", _protocol(label))),
            key=imp.module,
        )
    if not libs:
        return
    label = libs[0][1]
    for call in ctx.facts.calls:
        if call.name not in CONNECT_CALLS:
            continue
        host, port = host_port_from_args(call)
        attrs, hc = host_attributes(host, port)
        where = f" to '{host}{':' + port if port else ''}'" if host else ""
        yield Hit(
            "SMS2002",
            call.span,
            f"carrier-protocol client {call.name}(){where} via {label}",
            confidence=Confidence.HIGH if host or call.is_new else Confidence.MEDIUM,
            scenario=hc.scenario if hc is not None else None,
            attributes=(
                *attrs,
                ("library", label),
                ("protocol", _protocol(label)),
                ("role", "client"),
            ),
            key=f"{call.callee}:{host}",
            test_only=bool(hc and hc.test_only),
        )


DETECTOR = Detector(
    name="cmpp_client",
    rules=(SMS2001, SMS2002),
    kinds=frozenset({k.PYTHON, k.JAVA, k.KOTLIN}),
    check=check,
    anchors=("cmpp", "sgip", "smgp", "cngp", "com.zx.sms", "smproxy", "com.chinamobile.cmos"),
    description=__doc__ or "",
)
