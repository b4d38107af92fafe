"""Hand-rolled carrier protocol code: CMPP / SGIP / SMGP / CNGP and SMPP
implemented without a library (very common in Chinese codebases).

Evidence is matched by NAME, never by bare numbers (0x00000004 is both
CMPP_SUBMIT and SMPP submit_sm): command-id constants (`CMPP_CONNECT`,
`SGIP_BIND`, `SMGP_LOGIN`, `CNGP_SUBMIT`, `SUBMIT_SM = 0x00000004`), the
CMPP login digest (`AuthenticatorSource` = MD5(Source_Addr + 9 zero bytes +
secret + timestamp)), and the spec's PDU field names (`Dest_terminal_Id`,
`Msg_src`, SGIP `LoginPassowrd` with the spec's misspelling, SMGP
`SrcTermID` / `AuthenticatorClient`). One finding per protocol and file, and
only when enough distinct names co-occur; comments and prose-like strings
never count. Files that import a known protocol library are left to the
library rules (SMS1001 / SMS2001).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from detectors import cmpp_client, smpp_client
from detectors._carrier_common import strict_host
from detectors._text_search import finder_sources
from scanner import classify as k
from scanner import lazy_re
from scanner.detector import Detector, FileContext, Hit
from scanner.facts import Arg, Call
from scanner.model import Confidence, Evidence, Example, Precision, Rule, Scenario, Severity, Span
from scanner.signatures import (
    host_attributes,
    host_port_from_args,
    literal_constants,
    matching_imports,
    resolve_value,
)

_CMPP_CMDS = (
    "CONNECT|TERMINATE|SUBMIT|DELIVER|QUERY|CANCEL|ACTIVE_TEST|FWD|MT_ROUTE|MO_ROUTE|"
    "GET_MT_ROUTE|GET_MO_ROUTE|MT_ROUTE_UPDATE|MO_ROUTE_UPDATE|PUSH_MT_ROUTE_UPDATE|PUSH_MO_ROUTE_UPDATE"
)
_SGIP_CMDS = (
    "BIND|UNBIND|SUBMIT|DELIVER|REPORT|ADDSP|MODIFYSP|DELETESP|QUERYROUTE|ADDTELESEG|"
    "MODIFYTELESEG|DELETETELESEG|ADDSMG|MODIFYSMG|DELETESMG|CHECKUSER|USERRPT|TRACE"
)
_SMGP_CMDS = (
    "LOGIN|SUBMIT|DELIVER|ACTIVE_TEST|FORWARD|EXIT|QUERY|QUERY_TE_ROUTE|QUERY_SP_ROUTE|"
    "PAYMENT_REQUEST|PAYMENT_AFFIRM|QUERY_USERSTATE|GET_ALL_TE_ROUTE|GET_ALL_SP_ROUTE|"
    "UPDATE_TE_ROUTE|UPDATE_SP_ROUTE|PUSH_UPDATE_TE_ROUTE|PUSH_UPDATE_SP_ROUTE"
)
_CNGP_CMDS = "LOGIN|SUBMIT|DELIVER|ACTIVE_TEST|EXIT|QUERY|FORWARD|PAYMENT_REQUEST|PAYMENT_AFFIRM"
CMDS = {
    "cmpp": _CMPP_CMDS.split("|"),
    "sgip": _SGIP_CMDS.split("|"),
    "smgp": _SMGP_CMDS.split("|"),
    "cngp": _CNGP_CMDS.split("|"),
}
COMMANDS = {
    proto: lazy_re.compile(rf"\b{proto.upper()}_(?:{'|'.join(cmds)})(?:_RESP|_REQ|_REP|_ACK)?\b")
    for proto, cmds in CMDS.items()
}
# Field names exactly as the specs (and the code that copies them) spell them.
_SMGP_STRONG = ("AuthenticatorClient", "SrcTermID", "ChargeTermID", "DestTermIDCount")
STRONG_NAMES = {
    "cmpp": (
        "AuthenticatorSource",
        "Authenticator_Source",
        "authenticator_source",
        "AuthenticatorISMG",
        "Dest_terminal_Id",
        "dest_terminal_id",
        "Fee_terminal_Id",
        "fee_terminal_id",
        "DestUsr_tl",
        "destusr_tl",
        "Msg_src",
        "Fee_UserType",
        "Src_terminal_Id",
        "src_terminal_id",
        "Dest_terminal_type",
        "Fee_terminal_type",
    ),
    "sgip": ("LoginPassowrd", "MorelatetoMTFlag", "SPNumber", "ChargeNumber", "UserNumber"),
    "smgp": _SMGP_STRONG,
    "cngp": _SMGP_STRONG,
}
_SMGP_WEAK = ("ClientID", "NeedReport", "DestTermID", "MsgFormat", "LoginMode", "ClientVersion")
WEAK_NAMES = {
    "cmpp": (
        "Src_Id",
        "Service_Id",
        "Msg_Content",
        "LinkID",
        "Msg_Fmt",
        "Pk_total",
        "Pk_number",
        "TP_pId",
        "TP_udhi",
        "Registered_Delivery",
        "Source_Addr",
        "Msg_level",
        "ValId_Time",
        "At_Time",
        "Msg_Length",
    ),
    "sgip": ("LoginName", "LoginType", "CorpId", "ServiceType", "MessageCoding", "NodeId"),
    "smgp": _SMGP_WEAK,
    "cngp": _SMGP_WEAK,
}
STRONG_FIELDS = {
    p: lazy_re.compile(rf"\b(?:{'|'.join(names)})\b") for p, names in STRONG_NAMES.items()
}
WEAK_FIELDS = {p: lazy_re.compile(rf"\b(?:{'|'.join(names)})\b") for p, names in WEAK_NAMES.items()}
_MD5 = lazy_re.compile(
    r"(?i)\bmd5\b|MessageDigest\.getInstance\(\s*\"MD5\"|createHash\(\s*['\"]md5"
)
_AUTH = lazy_re.compile(
    r"\bAuthenticator(?:Source|_Source|Client|ISMG)?\b|\bauthenticator_source\b"
)

# SMPP command ids defined as named constants with a hex value.
_SMPP_NAMES = (
    r"BIND_TRANSCEIVER|BIND_TRANSMITTER|BIND_RECEIVER|SUBMIT_SM|DELIVER_SM|ENQUIRE_LINK|"
    r"GENERIC_NACK|DATA_SM|SUBMIT_MULTI|OUTBIND|QUERY_SM|CANCEL_SM|REPLACE_SM|UNBIND|"
    r"bind_transceiver|bind_transmitter|bind_receiver|submit_sm|deliver_sm|enquire_link|"
    r"generic_nack|data_sm|submit_multi|outbind|unbind|"
    r"BindTransceiver|BindTransmitter|BindReceiver|SubmitSm|SubmitSM|DeliverSm|DeliverSM|"
    r"EnquireLink|GenericNack|DataSm|DataSM|SubmitMulti"
)
_SMPP_PREFIXES = ("SMPP_", "ESME_", "CMD_", "CMDID_", "ID_")
SMPP_CONST = lazy_re.compile(
    rf"(?<![\w.])['\"]?(?:{'|'.join(_SMPP_PREFIXES)})?({_SMPP_NAMES})(?:_RESP|Resp)?(?:_?ID|Id)?['\"]?"
    r"\s*(?:[A-Za-z]\w*\s+)?(?:=|:|,)?\s*(?:\(\s*\w+\s*\)\s*)?(?:u?int32\()?0x[0-9A-Fa-f]{1,8}\b"
)

_CONNECT_NAMES = frozenset(
    {
        "connect",
        "create_connection",
        "open_connection",
        "Socket",
        "Dial",
        "DialTimeout",
        "TcpClient",
        "Connect",
        "ConnectAsync",
        "createConnection",
        "InetSocketAddress",
        "fsockopen",
        "stream_socket_client",
    }
)


class _Evidence(NamedTuple):
    names: tuple[str, ...]
    first: Span


def _prose_spans(ctx: FileContext) -> list[Span]:
    return [
        lit.span
        for lit in ctx.facts.literals
        if lit.kind == "string" and len(lit.value) > 30 and len(lit.value.split()) >= 4
    ]


def _inside(span: Span, outer: Span) -> bool:
    return (outer.start_line, outer.start_column) <= (span.start_line, span.start_column) and (
        span.end_line,
        span.end_column,
    ) <= (outer.end_line, outer.end_column)


def _matches(ctx: FileContext, pattern: re.Pattern[str], group: int = 0) -> _Evidence | None:
    names: list[str] = []
    first: Span | None = None
    prose: list[Span] | None = None
    for m in pattern.finditer(ctx.text):
        span = ctx.span(m.start(), m.end())
        if ctx.in_comment(span):
            continue
        if prose is None:
            prose = _prose_spans(ctx)
        if any(_inside(span, p) for p in prose):
            continue
        name = m.group(group)
        if name not in names:
            names.append(name)
        if first is None:
            first = span
    if first is None:
        return None
    return _Evidence(tuple(names), first)


def _base(name: str) -> str:
    return re.sub(r"(?i)_(?:resp|req|rep|ack)(?=$|_?id$)|(?<=[a-z])Resp", "", name)


def _endpoint(ctx: FileContext) -> tuple[str, str]:
    consts = literal_constants(ctx)
    for call in ctx.facts.calls:
        if call.name not in _CONNECT_NAMES:
            continue
        values: list[str] = []
        for a in call.args:
            text = a.text.strip()
            parts = (
                [p.strip() for p in text.strip("()[]").split(",")]
                if a.value is None and text[:1] in "(["
                else [text]
            )
            for p in parts:
                v = a.value if len(parts) == 1 and a.value is not None else None
                v = resolve_value(p.strip("'\""), v, consts) or (
                    p.strip("'\"") if p[:1] in "'\"" or p.isdigit() else None
                )
                if v is not None:
                    values.append(v)
        host = next((v for v in values if strict_host(v)), "")
        if host:
            h, p = host_port_from_args(Call("x", call.span, (Arg(None, host, host),)))
            port = p or next((v for v in values if v.isdigit() and 0 < int(v) < 65536), "")
            return h, port
    return "", ""


SMS2010 = Rule(
    id="SMS2010",
    name="HandRolledCarrierProtocol",
    short_description="Hand-rolled CMPP / SGIP / SMGP / CNGP protocol code",
    full_description="The file implements a Chinese carrier SMS protocol itself: named command-id constants (CMPP_CONNECT, CMPP_SUBMIT, SGIP_BIND, SMGP_LOGIN, CNGP_SUBMIT, ...), the CMPP login digest AuthenticatorSource = MD5(Source_Addr + 9 zero bytes + shared secret + timestamp), or the spec's PDU field names (Dest_terminal_Id, Msg_src, Fee_terminal_Id, SGIP SPNumber / LoginPassowrd, SMGP SrcTermID / AuthenticatorClient). Reported once per protocol and file when enough distinct names co-occur (two command constants, or a command constant with the Authenticator or a protocol-only field, ...); a single generic name is not enough. Scenario C unless the socket it opens goes to an aggregator or loopback.",
    help_markdown=(
        "**Why it matters.** A hand-written CMPP / SGIP / SMGP client is a direct connection to a carrier "
        "ISMG / SMGW: the system operates as an SP, which needs a B25 licence.\n\n"
        "**What to check.** Where the socket connects (the host decides C vs an aggregator's CMPP account, B) "
        "and which 106 service code is used as Src_Id / SPNumber / SrcTermID."
    ),
    scenario=Scenario.C,
    severity=Severity.HIGH,
    precision=Precision.HIGH,
    evidence=Evidence.PROTOCOL,
    languages=("python", "java", "go", "javascript", "php", "csharp", "c"),
    tags=("cmpp", "sgip", "smgp", "cngp", "carrier-protocol", "hand-rolled"),
    invalid=(
        Example(
            "import hashlib\nimport struct\n\n"
            "CMPP_CONNECT = 0x00000001  # expect: SMS2010\n"
            "CMPP_SUBMIT = 0x00000004\n\n"
            "def header(command_id, seq, body):\n"
            "    return struct.pack('!III', 12 + len(body), command_id, seq) + body\n",
            "sms/cmpp_proto.py",
        ),
        Example(
            "public final class CmppCommand {\n"
            "    public static final int CMPP_CONNECT = 0x00000001; // expect: SMS2010\n"
            "    public static final int CMPP_CONNECT_RESP = 0x80000001;\n"
            "    public static final int CMPP_SUBMIT = 0x00000004;\n}\n",
            "src/main/java/com/acme/cmpp/CmppCommand.java",
        ),
        Example(
            "package sgip\n\nconst (\n"
            "\tSGIP_BIND   uint32 = 0x1 // expect: SMS2010\n"
            "\tSGIP_SUBMIT uint32 = 0x3\n)\n",
            "sgip/cmd.go",
        ),
        Example(
            "const crypto = require('crypto');\n"
            "function authenticatorSource(spId, secret, ts) {\n"
            "  const md5 = crypto.createHash('md5');\n"
            "  md5.update(Buffer.concat([Buffer.from(spId), Buffer.alloc(9), Buffer.from(secret), Buffer.from(ts)]));\n"
            "  return md5.digest();\n}\n"
            "const body = { Source_Addr: spId, AuthenticatorSource: authenticatorSource(spId, secret, ts) }; // expect: SMS2010\n"
            "const CMPP_CONNECT = 0x00000001;\n",
            "lib/cmpp_login.js",
        ),
        Example(
            "<?php\nclass SmgpClient {\n"
            "    const SMGP_LOGIN = 0x00000001; // expect: SMS2010\n"
            "    const SMGP_SUBMIT = 0x00000002;\n}\n",
            "src/SmgpClient.php",
        ),
        Example(
            "namespace Acme.Cmpp {\n  public enum CmppCommand : uint {\n"
            "    CMPP_CONNECT = 0x00000001, // expect: SMS2010\n"
            "    CMPP_SUBMIT = 0x00000004,\n    CMPP_ACTIVE_TEST = 0x00000008\n  }\n}\n",
            "Acme.Cmpp/CmppCommand.cs",
        ),
        Example(
            "#define CMPP_CONNECT 0x00000001 /* expect: SMS2010 */\n#define CMPP_SUBMIT 0x00000004\n",
            "src/cmpp.h",
        ),
    ),
    valid=(
        Example(
            "# CMPP_CONNECT = 0x00000001\n# CMPP_SUBMIT = 0x00000004\nimport tcmpp\n",
            "x.py",
            "comments never count",
        ),
        Example(
            "SUBMIT = 0x00000004\nCONNECT = 0x00000001\nservice_id = 'a'\nmsg_content = 'b'\n",
            "x.py",
            "bare numbers and generic lower-case names",
        ),
        Example(
            "class ICMPPairs:\n    esgiproject = 1\n    wasmgpu = 2\n    smppish = 3\n",
            "x.py",
            "look-alike identifiers",
        ),
        Example(
            "Src_Id = '1069001'\n",
            "x.py",
            "a single weak field name",
        ),
        Example(
            'DOC = "This module sends CMPP_SUBMIT and CMPP_CONNECT packets to the gateway, see spec"\n',
            "x.py",
            "prose in a string",
        ),
    ),
)

SMS1010 = Rule(
    id="SMS1010",
    name="HandRolledSmpp",
    short_description="Hand-rolled SMPP protocol code",
    full_description="The file defines SMPP command ids as named constants with their values (SUBMIT_SM = 0x00000004, BIND_TRANSCEIVER = 0x00000009, ENQUIRE_LINK = 0x00000015, ...) without importing an SMPP library: an own SMPP client (or server). Two distinct commands are required.",
    help_markdown=(
        "**Why it matters.** A hand-written SMPP client binds to an SMSC like a library client does: a carrier "
        "connection (scenario C) unless the SMSC is an aggregator.\n\n"
        "**What to check.** Where the socket connects, and whether this is a simulator (test only)."
    ),
    scenario=Scenario.C,
    severity=Severity.MEDIUM,
    precision=Precision.HIGH,
    evidence=Evidence.PROTOCOL,
    languages=("python", "java", "go", "javascript", "c"),
    tags=("smpp", "carrier-protocol", "hand-rolled"),
    invalid=(
        Example(
            "BIND_TRANSMITTER = 0x00000002  # expect: SMS1010\nSUBMIT_SM = 0x00000004\n"
            "ENQUIRE_LINK = 0x00000015\n",
            "esme/pdu.py",
        ),
        Example(
            "interface SmppCmd {\n"
            "    int BIND_TRANSCEIVER = 0x00000009; // expect: SMS1010\n"
            "    int SUBMIT_SM = 0x00000004;\n}\n",
            "src/main/java/SmppCmd.java",
        ),
        Example(
            "package pdu\n\nconst (\n"
            "\tBindTransceiverID uint32 = 0x00000009 // expect: SMS1010\n"
            "\tSubmitSmID       uint32 = 0x00000004\n)\n",
            "pdu/ids.go",
        ),
        Example(
            "const COMMANDS = {\n  bind_transceiver: 0x00000009, // expect: SMS1010\n"
            "  submit_sm: 0x00000004,\n};\nmodule.exports = COMMANDS;\n",
            "lib/pdu.js",
        ),
        Example(
            "#define SMPP_BIND_TRANSMITTER 0x00000002 /* expect: SMS1010 */\n"
            "#define SMPP_SUBMIT_SM 0x00000004\n",
            "src/smpp.h",
        ),
    ),
    valid=(
        Example(
            "import smpplib.consts\nBIND_TRANSMITTER = 0x00000002\nSUBMIT_SM = 0x00000004\n",
            "x.py",
            "a library import: reported as SMS1001",
        ),
        Example(
            "SUBMIT = 0x00000004\nsmppish = 0x2\n",
            "x.py",
            "one bare name, look-alike",
        ),
        Example(
            "# SUBMIT_SM = 0x00000004\n# BIND_TRANSMITTER = 0x00000002\n",
            "x.py",
            "comments never count",
        ),
    ),
)


def _has_library(ctx: FileContext, tables: dict[str, dict[str, str]]) -> bool:
    if ctx.kind not in tables:
        return False
    return any(label for _imp, label in matching_imports(ctx, tables[ctx.kind]))


def _carrier_verdict(n_cmds: int, n_strong: int, n_weak: int, has_auth: bool) -> Confidence | None:
    """SMS2010's confidence for a protocol's distinct name counts; None: too little."""
    if n_cmds >= 2 or (n_cmds and (has_auth or n_strong)) or (has_auth and n_strong >= 2):
        return Confidence.HIGH
    if (n_cmds and n_weak) or n_strong >= 2 or (has_auth and (n_strong or n_weak >= 2)):
        return Confidence.MEDIUM
    return None


def _carrier_hits(ctx: FileContext) -> Iterator[Hit]:
    if _has_library(ctx, cmpp_client.IMPORTS_BY_KIND):
        return
    host = port = ""
    endpoint_done = False
    auth = _matches(ctx, _AUTH)
    md5 = _matches(ctx, _MD5) if auth else None
    for proto in ("cmpp", "sgip", "smgp", "cngp"):
        cmds = _matches(ctx, COMMANDS[proto])
        strong = _matches(ctx, STRONG_FIELDS[proto])
        if proto == "cngp" and not cmds:
            continue  # CNGP shares SMGP's field names: only its command names tell
        if proto == "smgp" and strong and not cmds and _matches(ctx, COMMANDS["cngp"]):
            continue
        weak = _matches(ctx, WEAK_FIELDS[proto])
        n_cmds = len({_base(n) for n in cmds.names}) if cmds else 0
        n_strong = len(strong.names) if strong else 0
        n_weak = len(weak.names) if weak else 0
        has_auth = bool(auth and md5) and proto in ("cmpp", "smgp", "cngp")
        conf = _carrier_verdict(n_cmds, n_strong, n_weak, has_auth)
        if conf is None:
            continue
        if not endpoint_done:
            host, port = _endpoint(ctx)
            endpoint_done = True
        parts = [e for e in (cmds, strong, auth if has_auth else None, weak) if e is not None]
        first = min(e.first for e in parts)
        names = list(dict.fromkeys(n for e in parts for n in e.names))[:6]
        attrs, hc = host_attributes(host, port)
        where = f", connects to '{host}{':' + port if port else ''}'" if host else ""
        yield Hit(
            "SMS2010",
            Span(first.start_line, first.start_column, first.end_line, first.end_column),
            f"hand-rolled {proto.upper()} protocol code ({', '.join(names)}){where}",
            confidence=conf,
            scenario=hc.scenario if hc is not None else None,
            attributes=(
                *attrs,
                ("protocol", proto),
                ("role", "client"),
                ("library", "hand-rolled"),
            ),
            key=f"{proto}-handrolled:{','.join(sorted(set(names)))}",
            test_only=bool(hc and hc.test_only),
        )


def _smpp_hits(ctx: FileContext) -> Iterator[Hit]:
    if _has_library(ctx, smpp_client.IMPORTS_BY_KIND):
        return
    ev = _matches(ctx, SMPP_CONST, 1)
    if ev is None:
        return
    bases = {n.lower().replace("_", "") for n in ev.names}
    if len(bases) < 2:
        return
    host, port = _endpoint(ctx)
    attrs, hc = host_attributes(host, port)
    where = f", connects to '{host}{':' + port if port else ''}'" if host else ""
    yield Hit(
        "SMS1010",
        ev.first,
        f"hand-rolled SMPP command ids ({', '.join(ev.names[:6])}){where}",
        confidence=Confidence.HIGH if len(bases) >= 3 or host else Confidence.MEDIUM,
        scenario=hc.scenario if hc is not None else None,
        attributes=(*attrs, ("protocol", "smpp"), ("library", "hand-rolled")),
        key=f"smpp-handrolled:{','.join(sorted(bases))}",
        test_only=bool(hc and hc.test_only),
    )


def _present(text: str, names: tuple[str, ...] | list[str], enough: int = 2) -> int:
    """How many of the names occur in the text as substrings (counting stops at `enough`)."""
    n = 0
    for name in names:
        if name in text:
            n += 1
            if n >= enough:
                break
    return n


# --- text gate ---------------------------------------------------------------------
# One `in` per name would be a pass over the text per name: the common case (none of the
# names) is answered by a few patterns that each open with one literal character and
# find several names in one pass (`detectors._text_search`).


def _finders(words: tuple[str, ...], anchors: str) -> tuple[re.Pattern[str], ...]:
    return tuple(lazy_re.compile(x) for x in finder_sources(words, anchors))


def _found(finders: tuple[re.Pattern[str], ...], text: str) -> bool:
    return any(f.search(text) for f in finders)


# a command name (PROTO_...) or a strong field name of any protocol, in 5 passes
_COUNTED = _finders(
    (*(p.upper() + "_" for p in CMDS), *(n for names in STRONG_NAMES.values() for n in names)),
    "TNPA_",
)
# _AUTH.search from the literal "uthenticator" both its words share: the A / a is looked
# behind for, and so is `\b` before it (a word character: "no word character before").
_AUTH_FAST = lazy_re.compile(
    r"uthenticator(?:(?<=Authenticator)(?<!\wAuthenticator)(?:Source|_Source|Client|ISMG)?"
    r"|_source(?<=authenticator_source)(?<!\wauthenticator_source))\b"
)
_MD5_ANY = lazy_re.compile(r"5(?<=[mM][dD]5)")  # md5 in any case (_MD5's is), from its "5"


def _auth(text: str) -> bool:
    """_AUTH and _MD5 both match (the Authenticator digest): each needs its own word, an
    md5 spelling."""
    return bool(_AUTH_FAST.search(text) and _MD5_ANY.search(text) and _MD5.search(text))


def _screen(names: tuple[str, ...], parts: tuple[str, ...]) -> tuple[str, ...]:
    """Substrings one of which every name contains: the parts that occur in a name,
    then the names containing none of them."""
    used = [p for p in parts if any(p in n for n in names)]
    return (*used, *(n for n in dict.fromkeys(names) if not any(p in n for p in used)))


# A few `in` tests instead of one per strong field name.
_STRONG_SCREEN = _screen(
    tuple(n for names in STRONG_NAMES.values() for n in names),
    ("_terminal_", "uthenticator", "sr_tl", "TermID"),
)


def _smpp_spellings() -> tuple[tuple[str, ...], ...]:
    """Per SMPP command base (as _smpp_hits counts them): its spellings in SMPP_CONST."""
    forms: dict[str, list[str]] = {}
    for name in _SMPP_NAMES.split("|"):
        forms.setdefault(name.lower().replace("_", ""), []).append(name)
    return tuple(tuple(f) for f in forms.values())


_SMPP_SPELLINGS = _smpp_spellings()
_SMPP_FINDERS = _finders(tuple(n for s in _SMPP_SPELLINGS for n in s), "Bb_Sk")  # 5 passes
# Where an SMPP_CONST match starts, back from its name: an optional quote and prefix.
_SMPP_LEADS = sorted({q + len(p) for q in (0, 1) for p in ("", *_SMPP_PREFIXES)})


def _carrier_possible(text: str) -> bool:
    """_carrier_verdict on name counts taken from the raw text: every distinct name a
    regex finds outside comments and prose (what check counts) is one of the listed
    names (a command: its base PROTO_CMD) occurring in the text, and the verdict only
    grows with the counts."""
    if not _found(_COUNTED, text):
        # No command and no strong name: only has_auth with two weak names (CMPP or
        # SMGP; SGIP has no auth, CNGP needs a command) gives a verdict.
        return _auth(text) and any(_present(text, WEAK_NAMES[p]) >= 2 for p in ("cmpp", "smgp"))
    auth = _auth(text)
    strong = any(part in text for part in _STRONG_SCREEN)
    for proto in ("cmpp", "sgip", "smgp", "cngp"):
        prefix = proto.upper() + "_"
        n_cmds = _present(text, [prefix + c for c in CMDS[proto]]) if prefix in text else 0
        if proto == "cngp" and not n_cmds:
            continue
        n_strong = _present(text, STRONG_NAMES[proto]) if strong else 0
        has_auth = auth and proto in ("cmpp", "smgp", "cngp")
        if not (n_cmds or n_strong or has_auth):
            continue  # every verdict needs one of these
        n_weak = _present(text, WEAK_NAMES[proto])
        if _carrier_verdict(n_cmds, n_strong, n_weak, has_auth) is not None:
            return True
    return False


def _occurrences(text: str, name: str) -> Iterator[int]:
    i = text.find(name)
    while i != -1:
        yield i
        i = text.find(name, i + 1)


def _smpp_possible(text: str) -> bool:
    """SMS1010 needs two distinct SMPP command names defined with a hex value."""
    if "0x" not in text or not _found(_SMPP_FINDERS, text):
        return False
    present = [n for spellings in _SMPP_SPELLINGS for n in spellings if n in text]
    if len({n.lower().replace("_", "") for n in present}) < 2:
        return False
    # SMPP_CONST.findall(text), tried only where a match can start: before an
    # occurrence of a present name, by one of _SMPP_LEADS; from the first of them that
    # matches, then from the end of that match on, as findall goes.
    starts = sorted(
        {
            i - lead
            for n in present
            for i in _occurrences(text, n)
            for lead in _SMPP_LEADS
            if i >= lead
        }
    )
    bases: set[str] = set()
    end = 0
    for start in starts:
        if start >= end and (m := SMPP_CONST.match(text, start)):
            bases.add(m.group(1).lower().replace("_", ""))
            if len(bases) >= 2:
                return True
            end = m.end()
    return False


# Cheap text gate before any parsing (the anchors alone also send every file naming an
# `Authenticator` class or a `CMPP_` constant of a library). Both rules need two distinct
# protocol names co-occurring; check counts regex matches outside comments and prose,
# so the same verdicts on all occurrences in the raw text are a necessary condition.
def gate(text: str, kind: str, _name: str) -> bool:
    return _carrier_possible(text) or _smpp_possible(text)


def check(ctx: FileContext) -> Iterator[Hit]:
    yield from _carrier_hits(ctx)
    yield from _smpp_hits(ctx)


DETECTOR = Detector(
    name="carrier_handrolled",
    rules=(SMS1010, SMS2010),
    kinds=k.CODE_KINDS | {k.C},
    check=check,
    gate=gate,
    anchors=(
        "cmpp_",
        "sgip_",
        "smgp_",
        "cngp_",
        "authenticator",
        "dest_terminal_id",
        "fee_terminal_id",
        "src_terminal_id",
        "destusr_tl",
        "msg_src",
        "loginpassowrd",
        "spnumber",
        "srctermid",
        "chargetermid",
        "submit_sm",
        "submitsm",
        "bind_transceiver",
        "bindtransceiver",
        "bind_transmitter",
        "bindtransmitter",
        "enquire_link",
        "enquirelink",
    ),
    description=__doc__ or "",
)
