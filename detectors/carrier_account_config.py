"""Carrier-protocol account settings: the SP account of a CMPP / SGIP / SMGP /
CNGP connection in config files and settings code.

Keys that name the protocol (or the ISMG) AND an account field of the SP
system: `CMPP2_SP_ID`, `cmpp.sp-secret`, `ismg.shared_secret`,
`sgip.node-id`, `smgp.client-id`, `cmpp.service-id`, `msg_src`, `spcode`
... (JumpServer's CMPP2 settings, Spring `cmpp.*` properties, INI `[ISMG]`
sections). Host and port keys are left to `carrier_endpoint` (SMS4xxx), 106
numbers to `service_number` (SMS3xxx). One finding per protocol and file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from detectors import cmpp_client
from scanner import classify as k
from scanner import lazy_re
from scanner.detector import Detector, FileContext, Hit
from scanner.facts import Assignment
from scanner.hosts import is_placeholder
from scanner.model import Confidence, Evidence, Example, Precision, Rule, Scenario, Severity
from scanner.signatures import matching_imports

_WORD = lazy_re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+\d*|[A-Z]+\d*|\d+")
_PROTO = lazy_re.compile(r"^(cmpp|sgip|smgp|cngp|ismg)\d*$")
PROTO_OF_WORD = {"cmpp": "cmpp", "ismg": "cmpp", "sgip": "sgip", "smgp": "smgp", "cngp": "cngp"}
# Account fields as word sequences (after splitting snake / kebab / camel case).
FIELDS: tuple[tuple[str, ...], ...] = (
    ("sp", "id"),
    ("spid",),
    ("sp", "secret"),
    ("shared", "secret"),
    ("sharedsecret",),
    ("secret",),
    ("src", "id"),
    ("srcid",),
    ("service", "id"),
    ("serviceid",),
    ("msg", "src"),
    ("msgsrc",),
    ("sp", "code"),
    ("spcode",),
    ("sp", "number"),
    ("spnumber",),
    ("login", "name"),
    ("login", "password"),
    ("login", "passowrd"),
    ("node", "id"),
    ("nodeid",),
    ("corp", "id"),
    ("corpid",),
    ("client", "id"),
    ("source", "addr"),
    ("user", "name"),
    ("username",),
    ("user",),
    ("password",),
    ("pwd",),
    ("icp", "id"),
    ("icp", "share", "key"),
)
_ENDPOINT_WORDS = frozenset({"host", "hostname", "ip", "port", "addr", "address", "url", "uri"})
_SECRET_WORDS = frozenset({"secret", "password", "pwd", "passowrd", "sharedsecret", "key"})


def _words(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for part in re.split(r"[^A-Za-z0-9]+", text):
        out.extend(w.lower() for w in _WORD.findall(part))
    return tuple(out)


def _has_seq(words: tuple[str, ...], seq: tuple[str, ...]) -> bool:
    n = len(seq)
    return any(words[i : i + n] == seq for i in range(len(words) - n + 1))


def _match(a: Assignment) -> tuple[str, str] | None:
    """(protocol, field) when the key names a carrier protocol and an account field."""
    words = _words(a.full_key)
    if not words or words[-1] in _ENDPOINT_WORDS:
        return None
    proto = ""
    for w in words:
        m = _PROTO.match(w)
        if m:
            proto = PROTO_OF_WORD[m.group(1)]
            break
    if not proto:
        return None
    leaf = _words(a.key) or words
    for seq in FIELDS:
        if _has_seq(leaf, seq) and leaf[-len(seq) :] == seq:
            return proto, "_".join(seq)
    return None


SMS2005 = Rule(
    id="SMS2005",
    name="CarrierProtocolAccountConfig",
    short_description="CMPP / SGIP / SMGP account settings (SP id, shared secret, service id, ...)",
    full_description="SP identity setters of SMSGate / SMProxy endpoints and messages (setSpCode, setMsgSrc, setServiceId, setLoginName, setLoginPassowrd, setNodeId, setClientID, ...) in files that use the library, and config or settings keys that name a carrier protocol (CMPP, SGIP, SMGP, CNGP, ISMG) and an SP account field: CMPP2_SP_ID / CMPP2_SP_SECRET / CMPP2_SERVICE_ID (JumpServer), cmpp.username / cmpp.service-id (Spring), [ISMG] sp_id / shared_secret (INI), sgip.node-id, smgp.client-id. They configure a direct carrier-gateway account: scenario C. Host and port keys are reported by SMS4xxx, 106 numbers by SMS3xxx. Secret values are redacted.",
    help_markdown=(
        "**Why it matters.** An SP id with a shared secret is the login to a carrier ISMG / SMGW: the system "
        "operates as an SP (B25 licence), or uses an aggregator's CMPP account (check the host).\n\n"
        "**Fix.** Keep the shared secret out of the repository (environment or secret store) and document "
        "which licence the SP id belongs to."
    ),
    scenario=Scenario.C,
    severity=Severity.MEDIUM,
    precision=Precision.HIGH,
    evidence=Evidence.CONFIG,
    languages=(
        "python",
        "java",
        "javascript",
        "go",
        "yaml",
        "properties",
        "env",
        "ini",
        "json",
        "toml",
    ),
    tags=("cmpp", "sgip", "smgp", "carrier-protocol", "config"),
    invalid=(
        Example(
            "CMPP2_HOST = ''\nCMPP2_PORT = 7890\n"
            "CMPP2_SP_ID = ''  # expect: SMS2005\nCMPP2_SP_SECRET = ''\nCMPP2_SERVICE_ID = ''\n",
            "apps/settings/sms.py",
        ),
        Example(
            "@Component\npublic class CmppProps {\n"
            '    @Value("${cmpp.sp-id}") private String spId;\n'
            '    private String cmppServiceId = "MAC0011"; // expect: SMS2005\n}\n',
            "src/main/java/CmppProps.java",
        ),
        Example(
            "module.exports = {\n  CMPP_HOST: process.env.CMPP_HOST,\n"
            "  CMPP_SP_ID: process.env.CMPP_SP_ID, // expect: SMS2005\n"
            "  CMPP_SERVICE_ID: process.env.CMPP_SERVICE_ID || 'MAC0011',\n};\n",
            "config/default.js",
        ),
        Example(
            'package conf\n\nvar CmppSpID = "901234" // expect: SMS2005\n',
            "conf/conf.go",
        ),
        Example(
            'cmpp:\n  host: 211.136.10.31\n  sp-id: "901234" # expect: SMS2005\n  service-id: MAC0011\n',
            "src/main/resources/application.yml",
        ),
        Example(
            "sgip.node-id=3027110001 # expect: SMS2005\nsgip.login-name=acme\n",
            "src/main/resources/sms.properties",
        ),
        Example("ISMG_SP_ID=901234 # expect: SMS2005\nISMG_SHARED_SECRET=\n", ".env"),
        Example(
            "[ISMG]\nhost = 211.136.10.32\nsp_id = 901234 ; expect: SMS2005\nshared_secret =\n",
            "conf/gateway.ini",
        ),
        Example('{"smgp": {"clientId": "A1B2C3", "spCode": "1065"}}\n', "config/telecom.json"),
        Example('[cmpp]\nsp_id = "901234" # expect: SMS2005\n', "sms.toml"),
        Example(
            "import com.zx.sms.connect.manager.cmpp.CMPPClientEndpointEntity;\n"
            "class Link {\n  CMPPClientEndpointEntity entity() {\n"
            "    CMPPClientEndpointEntity e = new CMPPClientEndpointEntity();\n"
            '    e.setSpCode("10690021"); // expect: SMS2005\n'
            '    e.setMsgSrc("901234");\n    e.setServiceId("MAC0011");\n'
            "    return e;\n  }\n}\n",
            "src/main/java/Link.java",
            "SMSGate endpoint account setters",
        ),
    ),
    valid=(
        Example(
            "cmpp:\n  host: 211.136.10.31\n  port: 7890\n",
            "application.yml",
            "host and port belong to the endpoint rule",
        ),
        Example(
            "tcmpp_app_id = 'wx123'\nesgiproject_id = 3\nsp_id = '901234'\n",
            "x.py",
            "look-alikes, and an account key without a protocol",
        ),
        Example(
            "# CMPP2_SP_ID = '901234'\n",
            "settings.py",
            "comments never count",
        ),
    ),
)


# SMSGate / SMProxy account setters -> (protocol, field); "" = the library's protocol.
ACCOUNT_SETTERS: dict[str, tuple[str, str]] = {
    "setSpCode": ("", "sp_code"),
    "setMsgSrc": ("", "msg_src"),
    "setMsgsrc": ("", "msg_src"),
    "setServiceId": ("", "service_id"),
    "setSrcId": ("cmpp", "src_id"),
    "setLoginName": ("sgip", "login_name"),
    "setLoginPassowrd": ("sgip", "login_passowrd"),
    "setNodeId": ("sgip", "node_id"),
    "setSpnumber": ("sgip", "sp_number"),
    "setCorpid": ("sgip", "corp_id"),
    "setClientID": ("smgp", "client_id"),
    "setSrcTermId": ("smgp", "src_term_id"),
}


def _setters(ctx: FileContext) -> list[tuple[str, Assignment, str]]:
    """Account setters on a carrier-protocol library's objects, as (protocol, fact, field)."""
    table = cmpp_client.IMPORTS_BY_KIND.get(ctx.kind)
    if ctx.kind not in (k.JAVA, k.KOTLIN) or not table:
        return []
    libs = [label for _imp, label in matching_imports(ctx, table) if label]
    if not libs:
        return []
    default = cmpp_client.PROTOCOL_OF_LABEL.get(
        next((t for t in ("SGIP", "SMGP", "CNGP") if any(t in lb for lb in libs)), ""), "cmpp"
    )
    out = []
    for c in ctx.facts.calls:
        hit = ACCOUNT_SETTERS.get(c.name)
        if hit is None or not c.args:
            continue
        proto, field = hit
        fact = Assignment(field, c.args[0].value, c.span, path=c.callee)
        out.append((proto or default, fact, field))
    return out


def _word_re(word: str) -> str:
    """`word` as one `_WORD` word of the text: lower case not after a letter, Capitalised
    anywhere, upper case not after an upper-case letter (a superset is fine here)."""
    w, cap, up = word.lower(), word.capitalize(), word.upper()
    return f"(?:{w}(?<![A-Za-z]{w})|{cap}|{up}(?<![A-Z]{up}))"


# Text gate. A key finding needs a key with a protocol word and, at the end of its last
# part, an account field's words. In a config file the key is a path over several
# lines: the protocol word is required. In a code file the key is one name or string,
# or an assignment target (a chain of names, member operators with blanks around them,
# indexes and calls, rendered as a dotted path): the field's words follow the protocol
# word within that chain or inside that string. A setter finding needs a setter name
# and a CMPP-family import (Java / Kotlin).
_PROTOCOL_TEXT = lazy_re.compile(f"(?:{'|'.join(map(_word_re, PROTO_OF_WORD))})\\d*(?![a-z])")
_FIELDS_TEXT = "|".join(
    "[^A-Za-z0-9\\n]{0,8}".join(map(_word_re, seq))
    for seq in FIELDS
    if seq[-1] not in _ENDPOINT_WORDS
)
_FIELD_TEXT = lazy_re.compile(f"(?:{_FIELDS_TEXT})(?![A-Za-z0-9])")
# Each field's last word, lower-cased: a text without one has no _FIELD_TEXT match (each
# form of a word lower-cases to it), and `in` tests are much faster than that search.
_FIELD_LAST_WORDS = tuple(sorted({seq[-1] for seq in FIELDS if seq[-1] not in _ENDPOINT_WORDS}))
_CHAIN_REST = lazy_re.compile(
    r"(?:[\w$@!]+|[\s\\]*(?:\.|->|::|\?\.)[\s\\]*|\)\s*"  # names, member operators, `(Type) x`
    r"|\[(?:[^][]|\[[^][]{0,80}\]){0,80}\]"  # an index, one level of nesting
    r"|\((?:[^()]|\([^()]{0,80}\)){0,80}\)"  # call arguments, one level of nesting
    r"){0,60}"
)
_STRING_REST = lazy_re.compile(r"[^\"'`\n]{0,120}[\"'`]")
_SETTER_TEXT = lazy_re.compile(f"set(?:{'|'.join(sorted(s[3:] for s in ACCOUNT_SETTERS))})\\b")


def _protocol_words(text: str) -> Iterator[re.Match[str]]:
    """`_PROTOCOL_TEXT` matches, found fast with `str.find` in the lower-cased text."""
    low = text.lower()
    if len(low) != len(text):  # lower-casing moved offsets (rare letters)
        yield from _PROTOCOL_TEXT.finditer(text)
        return
    for word in PROTO_OF_WORD:
        i = low.find(word)
        while i != -1:
            m = _PROTOCOL_TEXT.match(text, i)
            if m is not None:
                yield m
            i = low.find(word, i + 1)


def _key_possible(text: str) -> bool:
    seen: set[str] = set()
    for m in _protocol_words(text):
        end = m.end()
        chain = _CHAIN_REST.match(text, end)
        in_string = _STRING_REST.match(text, end)
        for rest in (
            text[end : chain.end()] if chain else "",
            in_string.group(0) if in_string else "",
        ):
            if rest and rest not in seen:
                seen.add(rest)
                low = rest.lower()
                if any(w in low for w in _FIELD_LAST_WORDS) and _FIELD_TEXT.search(rest):
                    return True
    return False


def gate(text: str, kind: str, _name: str) -> bool:
    if kind not in k.CODE_KINDS:
        return next(_protocol_words(text), None) is not None
    if kind in (k.JAVA, k.KOTLIN) and _SETTER_TEXT.search(text):
        imports = cmpp_client.IMPORT_TEXT.get(kind)
        if imports is not None and imports.search(text):
            return True
    return _key_possible(text)


def check(ctx: FileContext) -> Iterator[Hit]:
    by_proto: dict[str, list[tuple[Assignment, str]]] = {}
    for a in ctx.facts.assignments:
        m = _match(a)
        if m is not None:
            by_proto.setdefault(m[0], []).append((a, m[1]))
    for proto, fact, field in _setters(ctx):
        by_proto.setdefault(proto, []).append((fact, field))
    for proto, items in by_proto.items():
        first = min(items, key=lambda t: (t[0].span.start_line, t[0].span.start_column))[0]
        fields = list(dict.fromkeys(f for _a, f in items))
        secret = ""
        for a, f in items:
            if (
                set(f.split("_")) & _SECRET_WORDS
                and a.value
                and len(a.value) >= 4
                and not is_placeholder(a.value)
            ):
                secret = a.value
                break
        yield Hit(
            "SMS2005",
            first.span,
            f"{proto.upper()} account settings ({', '.join(fields[:6])}) in '{first.full_key}'",
            confidence=Confidence.HIGH if len(fields) >= 2 else Confidence.MEDIUM,
            attributes=(("protocol", proto), ("role", "client")),
            key=f"{proto}-account:{','.join(sorted(fields))}",
            secret=secret,
        )


DETECTOR = Detector(
    name="carrier_account_config",
    rules=(SMS2005,),
    kinds=frozenset(k.CODE_KINDS | k.SETTINGS_KINDS),
    check=check,
    anchors=("cmpp", "sgip", "smgp", "cngp", "ismg"),
    gate=gate,
    description=__doc__ or "",
)
