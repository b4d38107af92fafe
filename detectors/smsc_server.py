"""SMSC / ISMG servers and simulators built with the carrier-protocol libraries.

A program that *accepts* SMPP binds (aiosmpplib SMSCServer, node-smpp
createServer, cloudhopper DefaultSmppServer, jsmpp SMPPServerSessionListener,
Inetlab SmppServer, go-smpp smpptest) or CMPP / SGIP / SMGP logins (SMSGate
server endpoints, gocmpp ListenAndServe) is a gateway or a simulator: it does
not send to a carrier by itself. These findings are context (scenario none,
test only); only a client connection (SMS1002 / SMS2002) makes scenario C.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from detectors import cmpp_client, smpp_client
from detectors._carrier_common import (
    SERVER_CALLS,
    call_endpoint,
    is_server_call,
    is_server_import,
)
from scanner import classify as k
from scanner import lazy_re, pattern_cache
from scanner.detector import Detector, FileContext, Hit
from scanner.model import Confidence, Evidence, Example, Precision, Rule, Scenario, Severity
from scanner.signatures import literal_constants, matching_imports

CMPP_SERVER_CALLS = frozenset(
    {
        "CMPPServerEndpointEntity",
        "SgipServerEndpointEntity",
        "SMGPServerEndpointEntity",
        "ListenAndServe",
    }
)
_PROTO_OF_CALL = {
    "CMPPServerEndpointEntity": "cmpp",
    "SgipServerEndpointEntity": "sgip",
    "SMGPServerEndpointEntity": "smgp",
    "ListenAndServe": "cmpp",
}

SMS1003 = Rule(
    id="SMS1003",
    name="SmppServerOrSimulator",
    short_description="An SMPP server / SMSC simulator is started",
    full_description="The code runs an SMPP server (an SMSC simulator or an SMPP gateway accepting binds): aiosmpplib SMSCServer, node-smpp createServer, cloudhopper DefaultSmppServer, jsmpp SMPPServerSessionListener, Inetlab SmppServer, OpenSMPP smscsim, go-smpp smpptest, ajankovic smpp.NewServer. A server does not deliver to a carrier by itself, so this is context only (test only, scenario none).",
    help_markdown=(
        "**Why it matters.** SMSC simulators look like carrier code but send nothing to a carrier: they are "
        "test infrastructure. An SMPP gateway that accepts binds from customers is a reseller platform; what "
        "it connects to upstream (a client, SMS1002) decides the scenario.\n\n"
        "**What to check.** That the simulator is not deployed as a production endpoint, and where the "
        "upstream client connects."
    ),
    scenario=Scenario.NONE,
    severity=Severity.INFO,
    precision=Precision.HIGH,
    evidence=Evidence.CALL,
    languages=("python", "java", "go", "javascript", "csharp"),
    tags=("smpp", "server", "simulator"),
    invalid=(
        Example(
            "import asyncio\nfrom aiosmpplib import SMSCServer\n\n"
            "async def main():\n"
            "    server = SMSCServer(host='0.0.0.0', port=2775)  # expect: SMS1003\n"
            "    await server.start()\n",
            "smsc_sim/run.py",
        ),
        Example(
            "import com.cloudhopper.smpp.SmppServerConfiguration;\n"
            "import com.cloudhopper.smpp.impl.DefaultSmppServer;\n"
            "class Sim {\n  void start() throws Exception {\n"
            "    SmppServerConfiguration cfg = new SmppServerConfiguration(); // expect: SMS1003\n"
            "    DefaultSmppServer server = new DefaultSmppServer(cfg, handler); // expect: SMS1003\n"
            "    server.start();\n  }\n}\n",
            "src/main/java/Sim.java",
        ),
        Example(
            'package sim\n\nimport "github.com/fiorix/go-smpp/smpp/smpptest"\n\n'
            "func start() {\n"
            "\tsrv := smpptest.NewUnstartedServer() // expect: SMS1003\n"
            "\tsrv.Start()\n}\n",
            "sim/sim.go",
        ),
        Example(
            "const smpp = require('smpp');\n"
            "const server = smpp.createServer((session) => { // expect: SMS1003\n"
            "  session.on('bind_transceiver', (pdu) => session.send(pdu.response()));\n"
            "});\nserver.listen(2775);\n",
            "sim/server.js",
        ),
        Example(
            "using System.Net;\nusing Inetlab.SMPP;\n"
            "class Smsc {\n  void Run() {\n"
            "    var server = new SmppServer(new IPEndPoint(IPAddress.Any, 2775)); // expect: SMS1003\n"
            "  }\n}\n",
            "Smsc.cs",
        ),
    ),
    valid=(
        Example(
            "const smpp = require('smpp');\nconst http = require('http');\n"
            "http.createServer(app).listen(8080);\n",
            "web/server.js",
            "createServer of another library, in a file that also uses smpp",
        ),
        Example(
            "import smpplib.client\nclient = smpplib.client.Client('10.8.1.20', 2775)\n",
            "sms/gw.py",
            "a client, not a server",
        ),
    ),
)

SMS2003 = Rule(
    id="SMS2003",
    name="CarrierProtocolServerOrSimulator",
    short_description="A CMPP / SGIP / SMGP server or ISMG simulator is started",
    full_description="The code runs a CMPP / SGIP / SMGP server endpoint (an ISMG simulator, or a gateway accepting SP logins): SMSGate CMPPServerEndpointEntity / SgipServerEndpointEntity / SMGPServerEndpointEntity, gocmpp ListenAndServe. Context only (test only, scenario none); SGIP SPs must also run a receiver for Deliver / Report, which is reported here too.",
    help_markdown=(
        "**Why it matters.** A server endpoint does not deliver to a carrier by itself. Simulators are test "
        "infrastructure; a resale gateway's upstream client connection (SMS2002) decides the scenario.\n\n"
        "**What to check.** Whether the same project also opens a client endpoint towards a real ISMG."
    ),
    scenario=Scenario.NONE,
    severity=Severity.INFO,
    precision=Precision.HIGH,
    evidence=Evidence.CALL,
    languages=("java", "go"),
    tags=("cmpp", "sgip", "smgp", "server", "simulator"),
    invalid=(
        Example(
            "import com.zx.sms.connect.manager.cmpp.CMPPServerEndpointEntity;\n"
            "class IsmgSim {\n  void start() {\n"
            "    CMPPServerEndpointEntity server = new CMPPServerEndpointEntity(); // expect: SMS2003\n"
            '    server.setHost("0.0.0.0");\n    server.setPort(7890);\n  }\n}\n',
            "src/test/java/IsmgSim.java",
        ),
        Example(
            'package main\n\nimport cmpp "github.com/bigwhite/gocmpp"\n\n'
            "func main() {\n"
            '\t_ = cmpp.ListenAndServe(":7890", cmpp.V30, 5*time.Second, 3, nil, handlers...) // expect: SMS2003\n'
            "}\n",
            "examples/cmpp3-server/server.go",
        ),
    ),
    valid=(
        Example(
            'package main\n\nimport "net/http"\n\nfunc main() { _ = http.ListenAndServe(":8080", nil) }\n',
            "main.go",
            "net/http ListenAndServe",
        ),
    ),
)


# Text gate. SMS2003 needs a CMPP-family import (any `cmpp_client` prefix) and a call
# named in CMPP_SERVER_CALLS; SMS1003 needs an SMPP import (`smpp_client` tables)
# and another SERVER_CALLS name, or (JVM / Python / Go) a simulator import
# (`smscsim` / `smppsim` in its module). Call names are identifiers of the text.
_SMPP_IMPORTS = smpp_client.IMPORT_GATES
_CMPP_IMPORTS = smpp_client.ImportGates(cmpp_client.IMPORTS_BY_KIND)


def _names_re(names: frozenset[str]) -> re.Pattern[str]:
    """Any of `names` as a whole identifier (the word-start check follows the first
    letter, so the pattern starts with a literal and `re` scans fast)."""
    alts = "|".join(f"{n[0]}(?<!\\w{n[0]}){n[1:]}" for n in sorted(names))
    return pattern_cache.compile(f"(?:{alts})\\b")


_SERVE = "Serve"  # in every server call name (`...Server...`, `ListenAndServe`)


class _Names:
    """`_names_re(names).search(text)`, faster: every match holds `Serve` (when every
    name does), which str.find skips to much faster than `re` goes through an alternation
    of names with different first letters; the pattern is then tried where a name holding
    that `Serve` would start."""

    def __init__(self, names: frozenset[str]) -> None:
        self.rx = _names_re(names)
        self.offsets = sorted({n.find(_SERVE) for n in names})

    def search(self, text: str) -> bool:
        if self.offsets[0] == -1:  # a name without `Serve`
            return self.rx.search(text) is not None
        i = text.find(_SERVE)
        while i != -1:
            if any(self.rx.match(text, i - o) for o in self.offsets if o <= i):
                return True
            i = text.find(_SERVE, i + 1)
        return False


_CMPP_SERVER = _Names(CMPP_SERVER_CALLS)
_SMPP_SERVER = _Names(SERVER_CALLS - CMPP_SERVER_CALLS)
_SIMULATOR = lazy_re.compile(r"sim(?<=(?i:smscsim|smppsim))")
_SIM_KINDS = (k.JAVA, k.KOTLIN, k.PYTHON, k.GO)


def gate(text: str, kind: str, _name: str) -> bool:
    # (the call names before the imports: fewer files have them, and they are found faster)
    cmpp = _CMPP_IMPORTS.get(kind)
    if cmpp and _CMPP_SERVER.search(text) and cmpp.search(text):
        return True
    smpp = _SMPP_IMPORTS.get(kind)
    return bool(
        smpp
        and (_SMPP_SERVER.search(text) or (kind in _SIM_KINDS and _SIMULATOR.search(text)))
        and smpp.search(text)
    )


def _smpp_libs(ctx: FileContext) -> bool:
    table = smpp_client.IMPORTS_BY_KIND.get(ctx.kind)
    return bool(table and matching_imports(ctx, table))


def check(ctx: FileContext) -> Iterator[Hit]:
    smpp = _smpp_libs(ctx)
    cmpp_table = cmpp_client.IMPORTS_BY_KIND.get(ctx.kind)
    cmpp = bool(cmpp_table and matching_imports(ctx, cmpp_table))
    if not smpp and not cmpp:
        return
    consts = literal_constants(ctx)
    for call in ctx.facts.calls:
        if not is_server_call(call):
            continue
        if cmpp and call.name in CMPP_SERVER_CALLS:
            rule, proto = "SMS2003", _PROTO_OF_CALL[call.name]
        elif smpp and call.name not in CMPP_SERVER_CALLS:
            rule, proto = "SMS1003", "smpp"
        else:
            continue
        _host, port = call_endpoint(ctx, call, consts)
        yield Hit(
            rule,
            call.span,
            f"{proto.upper()} server / simulator {call.name}(){' on port ' + port if port else ''}",
            confidence=Confidence.HIGH,
            scenario=Scenario.NONE,
            attributes=(
                ("protocol", proto),
                ("role", "server"),
                *((("port", port),) if port else ()),
            ),
            key=f"{call.callee}:{port}",
            test_only=True,
        )
    if smpp and ctx.kind in (k.JAVA, k.KOTLIN, k.PYTHON, k.GO):
        for imp in ctx.facts.imports:
            low = imp.module.lower()
            if is_server_import(imp.module, ()) and ("smscsim" in low or "smppsim" in low):
                yield Hit(
                    "SMS1003",
                    imp.span,
                    f"SMSC simulator package imported ({imp.module})",
                    scenario=Scenario.NONE,
                    attributes=(("protocol", "smpp"), ("role", "simulator")),
                    key=imp.module,
                    test_only=True,
                )


DETECTOR = Detector(
    name="smsc_server",
    rules=(SMS1003, SMS2003),
    kinds=frozenset(
        {k.PYTHON, k.JAVA, k.KOTLIN, k.GO, k.JAVASCRIPT, k.TYPESCRIPT, k.TSX, k.CSHARP, k.RUBY}
    ),
    check=check,
    anchors=("smpp", "smsc", "cmpp", "sgip", "smgp"),
    gate=gate,
    description=__doc__ or "",
)
