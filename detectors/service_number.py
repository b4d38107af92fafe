"""106 service numbers (SP 服务代码 / 长号码) bound to a sender field.

A 106-prefixed number (`1069xxxx`, `1066xxxx`, `10658762`, ...) is the access
code a carrier assigns to an SP: it appears as the source address of messages
submitted over CMPP (`Src_Id`), SGIP (`SPNumber`) or SMGP (`SrcTermID`). A
literal like that in a sender field of code or config is evidence of a direct
carrier connection (scenario C).

Digit runs alone are never enough: the literal must be the value of a sender /
service-code key (`src_id`, `spCode`, `SPNumber`, `SrcTermID`, `sms_accessno`,
`sender`, `from`, `接入号`, ...), the argument of a setter (`setSrcId(...)`),
or an argument of a submit / send call in a file that imports a carrier
protocol library. IoT `1064...` numbers, timestamps, coordinates, lookup
tables and inbound sender filters are therefore not reported. A 106 number in
a cloud SMS platform's config (Huawei channel sender, Aliyun / Tencent
extension codes) is the platform's, not a carrier link, and is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scanner import classify as k
from scanner import lazy_re
from scanner.detector import Detector, FileContext, Hit
from scanner.facts import Call, Literal
from scanner.model import Confidence, Evidence, Example, Precision, Rule, Scenario, Severity, Span

CODE_LANGS = ("python", "java", "kotlin", "go", "javascript", "typescript", "php", "csharp")
CONFIG_LANGS = ("properties", "yaml", "json", "xml", "ini", "env", "toml")

# MIIT allocation: 1062/1063 provincial, 1065 carrier-run, 1066/1069 nationwide;
# 8-21 digits in total (the CMPP/SGIP/SMGP source fields hold 21 octets).
NUMBER = lazy_re.compile(r"^\+?(?:86)?(106(?:2|3|5|6|9)\d{4,17})$")

# normalised key (lower case, no _ - . space) -> protocol label. Matched as a suffix.
STRONG_KEYS = {
    "srcid": "cmpp",
    "spcode": "cmpp",
    "spnumber": "sgip",
    "srctermid": "smgp",
    "accessno": "cmpp",
    "smsaccessno": "cmpp",
    "servicecode": "",
    "spservicecode": "",
    "longcode": "",
    "srcnumber": "",
}
# Weak keys: the exact (normalised) key only.
WEAK_KEYS = frozenset(
    {"sender", "from", "src", "sourceaddr", "sourceaddress", "srcaddr", "msgfrom", "originator"}
)
CJK_KEYS = ("接入号", "服务代码", "长号码", "服务号码")
SETTERS = {
    "setsrcid": "cmpp",
    "setspcode": "cmpp",
    "setspnumber": "sgip",
    "setsrctermid": "smgp",
    "setsourceaddr": "smpp",
    "setsourceaddress": "smpp",
    "setaccessno": "cmpp",
}
# A file that imports one of these is a carrier-protocol file.
PROTOCOL_IMPORT = lazy_re.compile(r"(?<![a-z])(cmpp|sgip|smgp|cngp|smpp)(?![a-z])", re.I)
SEND_CALL = lazy_re.compile(r"^(?:submit\w*|send\w*|Submit\w*|Send\w*|\w*Submit\w*Message\w*)$")
KOTLIN_PAIR = lazy_re.compile(r'^"([^"]+)"\s+to\s+"(\d+)"$')  # mapOf("srcId" to "1069...")
# Cloud-platform contexts: the number belongs to a licensed platform (scenario B).
CLOUD_MARKERS = lazy_re.compile(
    r"myhuaweicloud|huaweicloud|HUAWEI_SMS|aliyuncs|dysmsapi|SmsUpExtendCode|sms_up_extend_code|"
    r"tencentcloud|ExtendCode|qcloudsms|baidubce|volcengine",
    re.I,
)


# Carrier-protocol words: a file with these and a cloud section is a mixed config.
CARRIER_CONTEXT = lazy_re.compile(
    r"(?<![A-Za-z])(?i:cmpp|sgip|smgp|cngp|ismg)|(?<=[a-z])(?:Cmpp|Sgip|Smgp|Ismg)"
)
CLOUD_SECTION = lazy_re.compile(r"aliyun|alibaba|huawei|tencent|qcloud|baidu|volc", re.I)
# Weak keys (`from`, `sender`, ...) count only in files about SMS at all.
# Word / camel-case boundaries: `sendSms`, `SMS_HOST`, `cmpp.host`, never `tourismGroups`.
SMS_CONTEXT = lazy_re.compile(
    r"(?<![A-Za-z])(?i:sms|cmpp|sgip|smgp|smpp|cngp|ismg)|"
    r"(?<=[a-z])(?:Sms|SMS|Cmpp|CMPP|Sgip|SGIP|Smgp|SMGP|Smpp|SMPP|Ismg|ISMG)|短信"
)


def _norm(key: str) -> str:
    return re.sub(r"[\s_\-.]", "", key).lower()


def _key_protocol(key: str) -> tuple[str, Confidence] | None:
    if any(c in key for c in CJK_KEYS):
        return "", Confidence.HIGH
    n = _norm(key.rsplit(".", 1)[-1].strip("[]'\""))
    for suffix, proto in STRONG_KEYS.items():
        if n.endswith(suffix):
            return proto, Confidence.HIGH
    if n in WEAK_KEYS:
        return "", Confidence.MEDIUM
    return None


def _number(value: str | None) -> str:
    if not value:
        return ""
    # `.properties` has no trailing comments: `key=1069... # note` keeps the note in the value
    m = NUMBER.match(value.split(" #", 1)[0].strip())
    return m.group(1) if m else ""


SMS3001 = Rule(
    id="SMS3001",
    name="ServiceNumberInCode",
    short_description="A 106 service number is used as the sender in code",
    full_description=(
        "A 106-prefixed SP service number (服务代码 / 长号码, e.g. 10690021) is assigned to a sender "
        "field (Src_Id, spCode, SPNumber, SrcTermID, sms_accessno, sender, ...), passed to a setter "
        "such as setSrcId(), or passed to a submit call in a file that uses a carrier protocol "
        "library. 106 numbers are allocated to SPs for direct carrier connections (scenario C)."
    ),
    help_markdown=(
        "**Why it matters.** 106 codes are allocated by MIIT / the provincial communications "
        "administrations to SPs and are bound to a carrier gateway account (CMPP `Src_Id`, SGIP "
        "`SPNumber`, SMGP `SrcTermID`). Sending with your own 106 number means a direct carrier "
        "connection, which needs a B25 SP licence.\n\n"
        "**What to check.** Whose number is it? A number rented from a licensed SMS platform "
        "(an aggregator's channel) is scenario B: document the contract. Numbers in cloud SMS "
        "consoles (Huawei channel numbers, Aliyun/Tencent extension codes) are not reported."
    ),
    scenario=Scenario.C,
    severity=Severity.MEDIUM,
    precision=Precision.HIGH,
    evidence=Evidence.NUMBER,
    languages=CODE_LANGS,
    tags=("service-number", "carrier-protocol", "cmpp", "sgip", "smgp"),
    invalid=(
        Example(
            "SRC_ID = '10690021'  # expect: SMS3001\n"
            "def submit(client, phone, text):\n"
            "    client.submit(src_id='1069002101', dest=[phone], content=text)  # expect: SMS3001\n",
            "sms/cmpp_sender.py",
        ),
        Example(
            "import com.zx.sms.codec.cmpp.msg.CmppSubmitRequestMessage;\n"
            "class Sender {\n"
            "  CmppSubmitRequestMessage build(String phone) {\n"
            "    CmppSubmitRequestMessage msg = new CmppSubmitRequestMessage();\n"
            '    msg.setSrcId("10658762"); // expect: SMS3001\n'
            "    msg.setDestterminalId(phone);\n"
            '    sm.setSourceAddress(new Address((byte) 0, (byte) 0, "10658987")); // expect: SMS3001\n'
            '    sm.setDestAddress(new Address((byte) 1, (byte) 1, "1065898700"));\n'
            "    return msg;\n  }\n}\n",
            "src/main/java/com/acme/sms/Sender.java",
        ),
        Example(
            "class SgipConfig {\n"
            '    var spNumber: String = "1066123456" // expect: SMS3001\n'
            "}\n"
            'val extra = mapOf("srcId" to "1069012345") // expect: SMS3001\n',
            "app/src/main/kotlin/Sgip.kt",
        ),
        Example(
            "package sms\n\n"
            'import cmpp "github.com/bigwhite/gocmpp"\n\n'
            "func build(dest string) *cmpp.Cmpp3SubmitReqPkt {\n"
            '\treturn &cmpp.Cmpp3SubmitReqPkt{SrcId: "1069012345", DestTerminalId: []string{dest}} // expect: SMS3001\n'
            "}\n",
            "sms/submit.go",
        ),
        Example(
            "const options = { host: process.env.SMGP_HOST, srcTermId: '1069123456' }; // expect: SMS3001\n",
            "lib/smgp.js",
        ),
        Example(
            "export const sgipConfig = { SPNumber: '10655012345' }; // expect: SMS3001\n",
            "src/sgip.ts",
        ),
        Example(
            "<?php\n$cfg = ['sp_code' => '10690987', 'host' => '10.20.0.7']; // expect: SMS3001\n",
            "app/Sms/Cmpp.php",
        ),
        Example(
            'class Cfg { public string SrcId = "1069007700"; } // expect: SMS3001\n',
            "Sms/Cfg.cs",
        ),
    ),
    valid=(
        Example(
            "ts = 1065123456\nlng = 106551234\niot_msisdn = '1064899104221'\n",
            "app/util.py",
            "timestamps, coordinates and IoT 1064 numbers are not service numbers",
        ),
        Example("TABLE = [10690021, 10658762, 10661234]\n", "app/table.py", "a table of numbers"),
        Example(
            "if (sender.startsWith('106')) { autofill(code); }\n",
            "app/otp.js",
            "an inbound OTP sender filter",
        ),
        Example("# sender = '10690021'\nname = 'x'\n", "app/old.py", "a comment is not evidence"),
        Example(
            "const range = { from: 1065123456, to: 1066000000 };\n"
            "export const tourismGroups = { from: '1069001234' };\n",
            "web/report.js",
            "a time range: weak keys count only in SMS code (and `ismg` inside a word is no SMS word)",
        ),
        Example(
            "HUAWEI_SMS_URL = 'https://smsapi.cn-north-4.myhuaweicloud.com:443'\n"
            "sender = '10690400999304584'\n",
            "app/huawei_sms.py",
            "a Huawei Cloud channel number is the platform's (scenario B)",
        ),
    ),
)

SMS3002 = Rule(
    id="SMS3002",
    name="ServiceNumberInConfig",
    short_description="A 106 service number is configured as the sender",
    full_description=(
        "A config key that carries the SP source address (src_id, spCode, SPNumber, SrcTermID, "
        "sms_accessno, sender, ...) holds a 106-prefixed service number. 106 numbers are allocated "
        "to SPs for direct carrier connections (scenario C)."
    ),
    help_markdown=SMS3001.help_markdown,
    scenario=Scenario.C,
    severity=Severity.MEDIUM,
    precision=Precision.HIGH,
    evidence=Evidence.NUMBER,
    languages=CONFIG_LANGS,
    tags=("service-number", "carrier-protocol", "config"),
    invalid=(
        Example(
            "cmpp.host=10.1.2.3\ncmpp.src-id=10690021  # expect: SMS3002\n",
            "src/main/resources/application.properties",
        ),
        Example(
            "sms:\n  cmpp:\n    sp-code: '106900210'  # expect: SMS3002\n",
            "src/main/resources/application.yml",
        ),
        Example('{\n  "user": "901234",\n  "sms_accessno": "10690021"\n}\n', "config.json"),
        Example(
            "<properties>\n  <SPNumber>10655012345</SPNumber> <!-- expect: SMS3002 -->\n</properties>\n",
            "conf/sgip.xml",
        ),
        Example("[ISMG]\nSrcId = 1069012345 ; expect: SMS3002\n", "conf/gateway.ini"),
        Example("CMPP2_SRC_ID=10690021 # expect: SMS3002\n", ".env"),
        Example(
            "sms:\n  cmpp:\n    src-id: '1069002100'  # expect: SMS3002\n"
            "  aliyun:\n    endpoint: dysmsapi.aliyuncs.com\n    sender: '10690021'\n",
            "config/application-sms.yml",
            "a mixed config: the CMPP key counts, the cloud section does not",
        ),
        Example('[smgp]\nsrc_term_id = "1069099887" # expect: SMS3002\n', "config.toml"),
    ),
    valid=(
        Example(
            "map:\n  center_lng: 106551234\n  created: 1065123456\n",
            "config/map.yml",
            "coordinates and timestamps",
        ),
        Example(
            "aliyun:\n  sms:\n    endpoint: dysmsapi.aliyuncs.com\n    sms-up-extend-code: '1069'\n"
            "    sender: '10690021'\n",
            "config/sms.yml",
            "a cloud platform's numbers are not a carrier link",
        ),
        Example("cmpp.sms_accessno=1064899104221\n", "app.properties", "an IoT 1064 number"),
        Example(
            "huawei:\n  sms:\n    url: https://smsapi.cn-north-4.myhuaweicloud.com:443\n"
            "    sender: '10690400999304584'\n",
            "config/huawei.yml",
            "a Huawei Cloud channel number",
        ),
    ),
)


def _hit(
    rule_id: str, span: Span, number: str, where: str, proto: str, confidence: Confidence
) -> Hit:
    attrs: tuple[tuple[str, str], ...] = (("number", number),)
    if proto:
        attrs = (*attrs, ("protocol", proto))
    return Hit(
        rule_id,
        span,
        f"106 service number '{number}' used as the sender ({where})",
        confidence=confidence,
        attributes=attrs,
        key=f"{where}:{number}",
    )


def _literal_span(ctx: FileContext, line: int, value: str) -> Span | None:
    for lit in ctx.facts.literals:
        if lit.span.start_line == line and lit.value == value:
            return lit.span
    return None


def _protocol_file(ctx: FileContext) -> str:
    for imp in ctx.facts.imports:
        m = PROTOCOL_IMPORT.search(imp.module)
        if m:
            return m.group(1).lower()
    return ""


def _call_literals(call: Call, literals: list[Literal]) -> Iterator[Literal]:
    for lit in literals:
        s = lit.span
        if (call.span.start_line, call.span.start_column) <= (s.start_line, s.start_column) and (
            s.end_line,
            s.end_column,
        ) <= (call.span.end_line, call.span.end_column):
            yield lit


# A candidate anywhere in the text (digits not inside a longer number or word);
# without one there is nothing to report, so the file is never parsed for this rule.
CANDIDATE = lazy_re.compile(r"(?<![\w.])\+?(?:86)?106[23569]\d{4,17}(?![\w.])")
# Its core, found by a fast literal search for "106"; a core is then tried as CANDIDATE
# from the up to 3 characters (`+86`) before it. Cores found inside another core's
# digits cannot start a CANDIDATE (a digit precedes them), so non-overlapping is enough.
_CANDIDATE_CORE = lazy_re.compile(r"106[23569]\d{4}")


def _has_candidate(text: str) -> bool:
    for m in _CANDIDATE_CORE.finditer(text):
        i = m.start()
        if any(CANDIDATE.match(text, p) for p in range(max(0, i - 3), i + 1)):
            return True
    return False


# The words some path of check needs, looked for in the text normalised like a key
# (`_norm`: no blanks / _ / - / ., lower case): a strong key suffix or CJK key, a
# setter (setSrcId, setSourceAddr, ...), or a protocol word (a carrier-protocol import
# for submit-call arguments). Weak keys (sender, from, ...) need an SMS file, except in
# a Kotlin pair `"from" to "1069..."`.
_GATE_KEYS = (*STRONG_KEYS, "setsourceaddr", "cmpp", "sgip", "smgp", "cngp", "smpp", *CJK_KEYS)
_GATE_WEAK_KEYS = ("sender", "from", "src", "sourceaddr", "originator")
_KEY_SEPARATORS = lazy_re.compile(r"[\s_\-.]")
# SMS_CONTEXT without its case / boundary conditions (more matches, much faster);
# İ, ı and ſ are the other case-insensitive i and s.
_SMS_CONTEXT_LOOSE = lazy_re.compile(
    r"[sSſcCiIİı短](?:(?<=[sSſ])(?i:ms|mpp|gip|mgp)|(?<=[cC])(?i:mpp|ngp)|(?<=[iIİı])(?i:smg)"
    r"|(?<=短)信)"
)
# _SMS_CONTEXT_LOOSE in an ASCII text: one of these in the lower-cased text
_SMS_CONTEXT_WORDS = ("sms", "smpp", "sgip", "smgp", "cmpp", "cngp", "ismg")
_GATE_PAIR = lazy_re.compile(r'"[\s\\]*to[\s\\]*"')
# CLOUD_MARKERS on lower-cased text: it can only match less, which lets more through.
_CLOUD_MARKERS_LOWER = lazy_re.compile(CLOUD_MARKERS.pattern.lower())


# _KEY_SEPARATORS in an ASCII text, for bytes.translate to delete (much faster than re.sub)
_ASCII_SEPARATORS = bytes(c for c in range(128) if _KEY_SEPARATORS.match(chr(c)))
_GATE_KEYS_BYTES = tuple(w.encode() for w in _GATE_KEYS)
_GATE_WEAK_KEYS_BYTES = tuple(w.encode() for w in _GATE_WEAK_KEYS)


def _key_words_possible(text: str) -> bool:
    if text.isascii():  # the same tests on the same normalised text, as bytes
        ascii_norm = text.encode("ascii").translate(None, _ASCII_SEPARATORS).lower()
        if any(w in ascii_norm for w in _GATE_KEYS_BYTES):
            return True
        if not any(w in ascii_norm for w in _GATE_WEAK_KEYS_BYTES):
            return False
        low = text.lower()  # where the (?i) of _SMS_CONTEXT_LOOSE folds nothing else
        return any(w in low for w in _SMS_CONTEXT_WORDS) or bool(_GATE_PAIR.search(text))
    norm = _KEY_SEPARATORS.sub("", text).lower()
    if any(w in norm for w in _GATE_KEYS):
        return True
    return any(w in norm for w in _GATE_WEAK_KEYS) and bool(
        _SMS_CONTEXT_LOOSE.search(text) or _GATE_PAIR.search(text)
    )


# Gate: check's own early returns (a 106 candidate, not a cloud-only file), then every
# hit is that literal bound by a sender / service-code key, a setter, a Kotlin pair or
# a submit call in a carrier-protocol file; each needs one of the words above.
def gate(text: str, _kind: str, _name: str) -> bool:
    if not _has_candidate(text):
        return False
    if not _key_words_possible(text):
        return False
    return not (_CLOUD_MARKERS_LOWER.search(text.lower()) and not CARRIER_CONTEXT.search(text))


def check(ctx: FileContext) -> Iterator[Hit]:
    if not _has_candidate(ctx.text):
        return
    cloud = bool(CLOUD_MARKERS.search(ctx.text))
    if cloud and not CARRIER_CONTEXT.search(ctx.text):
        return  # a cloud platform's sender / extension numbers only
    rule_id = "SMS3002" if ctx.kind in k.CONFIG_KINDS else "SMS3001"
    seen: set[tuple[int, str]] = set()
    sms_file = bool(SMS_CONTEXT.search(ctx.text))
    facts = ctx.facts
    for a in facts.assignments:
        number = _number(a.value)
        if not number:
            continue
        kp = _key_protocol(a.full_key if ctx.kind in k.CONFIG_KINDS else a.key)
        if kp is None or (kp[1] is Confidence.MEDIUM and not sms_file):
            continue
        if cloud and (kp[1] is Confidence.MEDIUM or CLOUD_SECTION.search(a.full_key)):
            continue  # mixed file: only carrier-protocol keys outside cloud sections count
        line = (a.value_span or a.span).start_line
        if (line, number) in seen:
            continue
        seen.add((line, number))
        span = a.value_span or _literal_span(ctx, line, a.value or "") or a.span
        yield _hit(rule_id, span, number, f"key '{a.key}'", kp[0], kp[1])
    if rule_id == "SMS3002":
        return
    proto = _protocol_file(ctx)
    literals = list(facts.literals)
    for call in facts.calls:
        name = call.name
        n = _norm(name)
        if n in SETTERS or n.startswith(("setsrcid", "setspnumber")):
            # literal arguments, also nested: setSourceAddress(new Address(0, 0, "1065..."))
            for lit in _call_literals(call, literals):
                number = _number(lit.value)
                if number and (lit.span.start_line, number) not in seen:
                    seen.add((lit.span.start_line, number))
                    yield _hit(
                        rule_id,
                        lit.span,
                        number,
                        f"{name}()",
                        SETTERS.get(n, ""),
                        Confidence.HIGH,
                    )
            continue
        for arg in call.args:
            m = KOTLIN_PAIR.match(arg.text)
            if m is None:
                continue
            kp = _key_protocol(m.group(1))
            number = _number(m.group(2))
            if kp is not None and number and (call.span.start_line, number) not in seen:
                seen.add((call.span.start_line, number))
                pspan = _literal_span(ctx, call.span.start_line, number)
                yield _hit(rule_id, pspan or call.span, number, f"key '{m.group(1)}'", *kp)
        if (
            name in ("put", "set", "setProperty", "setAttribute", "add", "Pair")
            and len(call.args) >= 2
        ):
            kp = _key_protocol(call.args[0].value or "")
            number = _number(call.args[1].value)
            if kp is not None and kp[1] is Confidence.MEDIUM and not sms_file:
                continue
            if kp is not None and number and (call.span.start_line, number) not in seen:
                seen.add((call.span.start_line, number))
                vspan = _literal_span(ctx, call.span.start_line, call.args[1].value or "")
                yield _hit(
                    rule_id,
                    vspan or call.span,
                    number,
                    f"key '{call.args[0].value}'",
                    kp[0],
                    kp[1],
                )
            continue
        if proto and SEND_CALL.match(name):
            for arg in call.args:
                number = _number(arg.value)
                if number and (call.span.start_line, number) not in seen:
                    seen.add((call.span.start_line, number))
                    lspan = _literal_span(ctx, call.span.start_line, arg.value or "")
                    yield _hit(
                        rule_id,
                        lspan or call.span,
                        number,
                        f"argument of {name}() in a {proto.upper()} file",
                        proto,
                        Confidence.MEDIUM,
                    )


DETECTOR = Detector(
    name="service_number",
    rules=(SMS3001, SMS3002),
    kinds=frozenset(k.CODE_KINDS | k.SETTINGS_KINDS | {k.HCL}),
    check=check,
    anchors=("106",),
    gate=gate,
    description=__doc__ or "",
)
