"""The fast text gates answer exactly what their straightforward forms (kept here as the
reference: the code they replaced) answer, on texts built from the words, keys, numbers
and punctuation those gates look at."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detectors import carrier_account_config as cac
from detectors import carrier_endpoint as ce
from detectors import exposure as ex
from detectors import service_number as sn
from detectors import sms_code_logging as scl
from detectors import smsc_server as ss
from scanner import classify as k

SETTINGS = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters whose case or class matters somewhere: the long s and the Kelvin sign fold to
# ASCII letters under (?i), U+0130 lower-cases to two characters, NBSP is a blank, the
# Arabic-Indic and superscript digits are (\d) or are not (isdigit only) decimal digits.
ODD = ["ſ", "K", "İ", "ı", "\u00a0", "٣", "²", "短信", "é", "Σ"]
PUNCT = [" ", "  ", "\t", "\n", "\r\n", ";", "{", "}", "(", ")", "[", "]", "'", '"', "`", ":"]
PUNCT += ["=", ",", ".", "/", "//", "#", "-", "_", "$", "${", "{{", "}}", "*/", "/*", "\\"]


def texts(words: list[str], *shapes: list[list[str]]) -> st.SearchStrategy[str]:
    """Texts of words, punctuation and odd characters, and of lines shaped like what a gate
    looks for: a shape is a list of choices for consecutive parts."""
    part = st.one_of(
        st.sampled_from(words),
        st.sampled_from(PUNCT),
        st.sampled_from(ODD),
        st.text(alphabet="aAsSpP0179 :._-'\"\n", max_size=3),
        *(st.tuples(*map(st.sampled_from, shape)).map("".join) for shape in shapes),
    )
    return st.lists(part, max_size=30).map("".join)


# --- carrier_endpoint -------------------------------------------------------------------

CE_WORDS = [
    *("cmpp", "CMPP", "Cmpp", "smpp", "SMPP", "Smpp", "sgip", "smgp", "smsc", "SMSC", "ismg"),
    *("ISMG", "cngp", "smg", "Smg", "smgw", "smgip", "smg_ip", "SmgIpPort", "jsmpp", "GSMSc"),
    *("getSmsChannel", "tourismGroups", "prismgunner", "Smpp2", "cmpp3"),
    *("host", "Host", "HOST", "hostname", "ip", "Ip", "IP", "addr", "address", "server"),
    *("Server", "url", "uri", "port", "Port", "PORT", "ports", "value", "expose", "EXPOSE"),
    *("import", "support", "nil", "name", "containerPort", "targetPort", "local", "http"),
    *("_host", "_port", ".host", ".port", "Host:", "port:", "host=", "port ="),
    *("7890", "2775", "0007890", "8801", "8890", "7900", "9100", "3550", "27750", "1.7890"),
    *("10.0.0.1", "127.0.0.1", "h:2775", ":7890", "[::1]:2775", "ab:cd", "cmpp://h:7890"),
    *("'http://x'", '"smpp://a"', " tcp+x://", "${CMPP_HOST:10.1.2.3}", "{{ .Values.h }}"),
    *("group = core", "group = smsc", "- ", "- '7890:7890'", "  - 2775"),
]
# key = value lines: a protocol word or none, a role word, an assignment, a value, an end
CE_ASSIGN = [
    ["", "", "cmpp", "CMPP_", "smpp.", "Smpp", "ismg", "sgip_", "smg", "jsmpp.", "x", "import "],
    ["host", "Host", "HOST", "ip", "Ip", "port", "Port", "PORT", "addr", "address", "server"],
    ["", "", "name", "Port", "IpPort", "url", "uri"],
    [" = ", ": ", "=", " := ", "' => ", '": ', " ", "(", "", " x; "],
    ['"10.0.0.1"', "'h:2775'", "7890", "2775", '"${X:7890}"', "${X}", "'{{ h }}'", "nil"],
    [";", "\n", ",", "}", " // x\n", "", " #x\n", " = 12\n"],
]
# values that carry a port, or look as if
CE_VALUES = [
    ["host = ", "url: ", "'", '"', "x(", "port "],
    ['"cmpp://h:7890"', "'[::1]:2775'", "0007890", "1234", '"abc"', "`x`", "foo", "9100"],
    ["'ab:cd'", '"h:7890 #c"', ":7890", " tcp://h", "'  http://h'", '"1x://h"', "' a+c.d-e://"],
    [";", "\n", "", "}", "#", " \n"],
]
# the limits: a protocol word up to 100 characters before its key, a value up to 200 after
CE_GAPS = [
    ["", "cmpp", "smg", "Smpp_"],
    ["x" * 98, "x" * 99, "x" * 100, "x" * 101, ""],
    ["host", "port", "Ip"],
    [" " * 198, " " * 199, " " * 200, " " * 201, "="],
    ['"a"', "7", "${x", "nil"],
]
CE_SHAPES = (CE_ASSIGN, CE_VALUES, CE_GAPS)
CE_KINDS = sorted(ce.DETECTOR.kinds)
CE_NAMES = ["x.py", "SmppConfig.java", "cmpp.properties", "SmppServerConfig.java", "a.yml"]
CE_NAMES += ["Dockerfile", "gw.ini", "sgip_client.go", "app.properties"]

# The gate as it was (the reference), from ce's unchanged pieces.
_OLD_KEY_END = re.compile("(?:" + "|".join(sorted(ce.HOST_WORDS | {"port"})) + ")" + ce._END)
_OLD_PROTO_KEY = tuple(
    re.compile(w + r"[^\n'\"`]{0,100}?" + _OLD_KEY_END.pattern)
    for w in sorted(ce.PROTO_OF_WORD)
    if not any(o != w and o in w for o in ce.PROTO_OF_WORD)
)
_OLD_HOST_ASSIGN = tuple(
    re.compile(w + ce._END + ce._HOST_VALUE_AFTER) for w in sorted(ce.HOST_WORDS)
)
_OLD_HOST_END = "(?:" + "|".join(sorted(ce.HOST_WORDS)) + ")" + ce._END
_OLD_PROTO_HOST_ASSIGN = tuple(
    re.compile(r.pattern[: -len(_OLD_KEY_END.pattern)] + _OLD_HOST_END + ce._HOST_VALUE_AFTER)
    for r in _OLD_PROTO_KEY
)
_OLD_PROTO_PORT_ASSIGN = tuple(
    re.compile(
        r.pattern[: -len(_OLD_KEY_END.pattern)] + ce._PORT_END.pattern + ce._PORT_VALUE_AFTER
    )
    for r in _OLD_PROTO_KEY
)
_OLD_STRONG_PORT_TEXT = re.compile(
    r"(?<![0-9])0*(?:" + "|".join(str(p) for p in sorted(ce.STRONG_PORTS)) + r")(?![0-9])"
)


def _old_port_alone(text: str) -> bool:
    return any(p in text and rx.search(text) for p, rx in ce._PORT_ALONE)


def _old_worth(text: str, low: str) -> bool:
    if any(w in low for w in ce._WORTH_WORDS):
        return True
    if not text.isascii():
        return bool(ce.WORTH_PARSING.search(text))
    return _old_port_alone(text)


def _old_port_on_key_line(text: str) -> bool:
    for port, rx in ce._PORT_ALONE:
        if port in text:
            for m in rx.finditer(text):
                if ce._ROLE_ON_LINE.search(ce._ascii_lower(ce._line_of(text, m.start()))):
                    return True
    return False


def _old_published_port_possible(text: str) -> bool:
    for m in _OLD_STRONG_PORT_TEXT.finditer(text):
        line = ce._line_of(text, m.start())
        low = ce._ascii_lower(line)
        if "port" in low or "expose" in low or ce._PORT_ITEM.match(line):
            return True
    return False


def _old_code_endpoint_possible(low: str) -> bool:
    value_port = (
        "${" in low
        or "{{" in low
        or bool(ce._VALUE_PORT.search(low))
        or ("://" in low and bool(ce._VALUE_URL.search(low)))
    )
    if value_port and ce._PORT_END.search(low):
        return True
    if (value_port or ce._PORT_ASSIGN.search(low)) and any(r.search(low) for r in _OLD_HOST_ASSIGN):
        return True
    return any(r.search(low) for r in _OLD_PROTO_HOST_ASSIGN) or any(
        r.search(low) for r in _OLD_PROTO_PORT_ASSIGN
    )


def old_carrier_endpoint_gate(text: str, kind: str, name: str) -> bool:
    if kind == k.INI and ce._KANNEL_GROUP.search(text):
        return False
    low = ce._ascii_lower(text)
    if not _old_worth(text, low):
        return False
    if kind == k.DOCKERFILE:
        return bool(_OLD_STRONG_PORT_TEXT.search(text))
    if kind == k.YAML and _old_published_port_possible(text):
        return True
    if not (ce._proto_token(text, low) or ce._name_proto(name)):
        if not _old_port_alone(text):
            return False
        if kind in ce._LINE_CONFIG_KINDS and not _old_port_on_key_line(text):
            return False
    if kind in k.CODE_KINDS:
        return _old_code_endpoint_possible(low)
    return bool(_OLD_KEY_END.search(low))


@SETTINGS
@given(texts(CE_WORDS, *CE_SHAPES), st.sampled_from(CE_KINDS), st.sampled_from(CE_NAMES))
def test_carrier_endpoint_gate_as_before(text: str, kind: str, name: str) -> None:
    assert ce.gate(text, kind, name) is old_carrier_endpoint_gate(text, kind, name)


@SETTINGS
@given(texts(CE_WORDS, *CE_SHAPES))
def test_carrier_endpoint_parts_as_before(text: str) -> None:
    low = ce._ascii_lower(text)
    assert ce._code_endpoint_possible(low) is _old_code_endpoint_possible(low)
    assert ce._worth(text, low) is _old_worth(text, low)
    assert ce._port_alone(text) is _old_port_alone(text)
    assert ce._port_on_key_line(text) is _old_port_on_key_line(text)
    assert ce._published_port_possible(text) is _old_published_port_possible(text)
    starts = {m.start() for m in _OLD_STRONG_PORT_TEXT.finditer(text)}
    lines = {text.rfind("\n", 0, i) + 1 for i in starts}
    assert {text.rfind("\n", 0, i) + 1 for i in ce._strong_port_starts(text)} == lines
    value_port = bool(ce._VALUE_PORT.search(low)) or bool(ce._VALUE_URL.search(low))
    assert ce._colon_value_port(low) is value_port
    proto_host = any(r.search(low) for r in _OLD_PROTO_HOST_ASSIGN)
    assert ce._proto_host(low, ce._HOST_ASSIGN) is proto_host
    proto_port = any(ce._proto_word_before(low, p) for p in ce._starts(ce._PORT_ASSIGN, low))
    assert proto_port is any(r.search(low) for r in _OLD_PROTO_PORT_ASSIGN)
    for rx, old in (
        (ce._PORT_DIGITS, ce._PORT_ASSIGN),
        *zip(ce._HOST_QUOTED, ce._HOST_ASSIGN, strict=True),
    ):
        if "${" not in low and "nil" not in low:
            assert [m.start() for m in rx.finditer(low)] == [m.start() for m in old.finditer(low)]


def test_carrier_endpoint_host_groups_are_the_host_words() -> None:
    words = {w for g in ce._HOST_GROUPS for w in g[3:-1].split("|")}
    assert words == set(ce.HOST_WORDS)
    assert ce._PROTO_WORDS_UNWORTH == ("smg", "smgw")


CE_CASES = [
    "SMGW_HOST=10.0.0.7\nport: 7890\n",  # a protocol word only outside _WORTH_WORDS
    "smgwHost: h\n# 2775\n",
    "Smgw.port = 8890\n",
    "ismg.port=7890\n",
    "ports:\n  - '07890:7890'\n",
    "EXPOSE 0002775/tcp\n",
    "group = core\nsmsc_host = h\n",
    'const gw = { host: "a", port: 7890 };\n',
    'x = {"h": "${CMPP:10.0.0.1}", "port": 1}\n',
    "SmgIpPort = 'h:7890'\n",
]


@pytest.mark.parametrize("text", CE_CASES)
def test_carrier_endpoint_cases_as_before(text: str) -> None:
    for kind in CE_KINDS:
        for name in CE_NAMES:
            assert ce.gate(text, kind, name) is old_carrier_endpoint_gate(text, kind, name)


# --- exposure -----------------------------------------------------------------------------

EX_WORDS = [
    *("sms", "SMS", "Sms", "smpp", "Cmpp", "sgip", "smgp", "mechanisms", "xsms", "短信"),
    *("0.0.0.0", "[::]", "::", "::1", ":8080", ":80", "0.0.0.0:8080", "localhost"),
    *("app.run(", "run(", "listen(", "Listen(", "bind(", "serve(", "start(", "x.listen ("),
    *("host=", "host: ", "foo(", "[", "{", "r'", 'f"', "b'", "u`", "rb'"),
    *("get", "post", "route", "api_route", "add_url_rule", "re_path", "path", "url", "all"),
    *("handle", "handlefunc", "HandleFunc", "GET", "Post", "match", "any", "patch", "put"),
    *("/api/sms/code", "/login", "verify-code/", "/otp", "captcha", "register", "sign-up"),
    *("send", "Send", "resend", "push", "submit", "dispatch", "sendCode", "send_verify_code"),
    *("gammu", "modem", "submit_sm", "@PostMapping(", "@GetMapping (", "@RequestMapping("),
    *("# note", "// note", "/* c */", "/* a */ b */", "\\'", '\\"', "print(", "$x"),
    *("kind: Ingress", "kind:HTTPRoute", "type: LoadBalancer", "type: 'NodePort'"),
    *("services:", "ports:", "- ", '- "8080:80"', "- 0.0.0.0:80:80", "- '[::]:80:80'"),
    *("address: 0.0.0.0", "bind=::", "listen: [::]:80", "host = '0.0.0.0'"),
]
# router calls: a receiver, a name, the `(`, blanks or comments, a string prefix, the path
EX_ROUTE = [
    ["", "app.", "@app.", "r.", "router.", "x", "_", "$", "\n"],
    ["get", "post", "route", "api_route", "add_url_rule", "re_path", "path", "url", "Handle"],
    ["", " ", "\n"],
    ["(", "( ", "(/* c */ ", "(# c\n", "(// c\n", "(/* a */ b */ ", "(\n  "],
    ["", "", "r", "f", "rb", "x"],
    ['"', "'", "`"],
    ["/api/sms/code", "/login", "verify-code/", "/x", "/" + "a" * 200 + "sms", "/sms\n", "/"],
    ['"', "'", "`", ""],
    [", h)", ")", ", methods=['POST'])", "", ") // sms.send()"],
]
# binds: what comes before, a call, its `(` and what comes before the literal, the literal
EX_BIND = [
    ["", "\n", '"""\n', "/* ", "'open\n", "# x\n", "// y\n", "a;\n", "*/\n", "s = 'a\\"],
    ["run", "app.run", "listen", "x.Listen", "bind", "serve", "foo", "start", "("],
    ["(", "( ", "(host=", "(3000, ", "([", "({", "(a; ", "((", "(f(), ", "(\n"],
    ['"', "'", "`", '" '],
    ["0.0.0.0", "[::]", "::", "::1", "[::"],
    ["", ":8080", ":123456", " "],
    ['"', "'", "`", " '"],
    [")", "", ", debug=True)", "]", "}", "))"],
]
EX_CONFIG = [
    ["", "\n", "  ", "- ", "x"],
    ["address", "bind", "listen", "kind", "type", "services", "ports", "host"],
    [":", ": ", "=", " = ", ":\n  - "],
    ["0.0.0.0", "'[::]'", '"::"', "Ingress", "NodePort", '"8080:80"', "0.0.0.0:80:80", "x"],
    ["", "\n", ":80", "'", " #"],
]
EX_SHAPES = (EX_ROUTE, EX_BIND, EX_CONFIG)
EX_KINDS = sorted(ex.DETECTOR.kinds)


def _old_code_part(line: str, hash_comments: bool) -> str | None:
    out: list[str] = []
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if c in "\"'`":
            j = i + 1
            while j < n and line[j] != c:
                j += 2 if line[j] == "\\" else 1
            if j >= n:
                return None
            out.append(c + c)
            i = j + 1
            continue
        if (c == "/" and line.startswith("//", i)) or (c == "#" and hash_comments):
            break
        if (c == "/" and line.startswith("/*", i)) or (c == "*" and line.startswith("*/", i)):
            return None
        out.append(c)
        i += 1
    return "".join(out)


def _old_binds_possible(text: str, kind: str) -> bool:
    # every bind literal finditer finds, read back to its call (`_in_bind_call`, whose
    # line reader `_code_part` is pinned to its previous form below). Since the speedup, a
    # Go literal inside a raw string or comment no longer counts: `_GoTokens` is tested on
    # its own in tests/test_exposure_go_tokens.py
    inside = ex._GoTokens(text) if kind == k.GO else None
    return any(
        ex._in_bind_call(text, m.start(), kind)
        for m in ex._BIND_LITERAL.finditer(text)
        if inside is None or not inside.covers(m.start())
    )


def _old_exposure_worth(text: str, low: str) -> bool:
    if "0.0.0.0" in text or "[::]" in text or "短信" in text:
        return True
    for word in ("sms", "smpp", "cmpp", "sgip", "smgp"):
        i = low.find(word)
        while i != -1:
            if i == 0 or not "a" <= text[i - 1] <= "z" or text[i : i + len(word)] in ex._CASED:
                return True
            i = low.find(word, i + 1)
    return False


def _old_routes_possible(text: str, low: str, kind: str) -> bool:
    if not ex._sends_sms_possible(low):
        return False
    if kind in (k.JAVA, k.KOTLIN):
        return bool(ex._SPRING_MAPPING.search(text)) and ex._at_word_start(ex._SEND_TEXT, low)
    return ex._at_word_start(ex._ROUTE_CALL_PATH, low) and (
        "sms" in low or ex._at_word_start(ex._SEND_TEXT, low)
    )


_OLD_CONFIG_BIND_VALUE = ex._CONFIG_BIND_VALUE
_OLD_K8S_EXPOSURE = re.compile(
    r"""(?:kind|type)\s*:\s*["']?(?:ingress|httproute|loadbalancer|nodeport)"""
)


def _old_config_possible(text: str, kind: str) -> bool:
    if _OLD_CONFIG_BIND_VALUE.search(text):
        return True
    if kind != k.YAML:
        return False
    low = text.lower()
    if _OLD_K8S_EXPOSURE.search(low):
        return True
    return "services" in low and "ports" in low and bool(ex._COMPOSE_PORT_ITEM.search(text))


def old_exposure_gate(text: str, kind: str) -> bool:
    if kind not in k.CODE_KINDS:
        return _old_config_possible(text, kind)
    # the check's own conditions, on the text lowered offset for offset (`İ` as the `i`
    # that (?i) matches it to: the one character that lower-cases to two)
    low = text.replace("\u0130", "i").lower()
    return _old_exposure_worth(text, low) and (
        _old_routes_possible(text, low, kind) or _old_binds_possible(text, kind)
    )


@SETTINGS
@given(texts(EX_WORDS, *EX_SHAPES), st.sampled_from(EX_KINDS))
def test_exposure_gate_as_before(text: str, kind: str) -> None:
    assert ex.gate(text, kind, "x") is old_exposure_gate(text, kind)


@SETTINGS
@given(texts(EX_WORDS, *EX_SHAPES), st.sampled_from([k.PYTHON, k.GO, k.JAVASCRIPT, k.PHP]))
def test_exposure_parts_as_before(text: str, kind: str) -> None:
    low = text.lower()
    if len(low) == len(text):
        assert ex._route_call_at_word_start(low) is ex._at_word_start(ex._ROUTE_CALL_PATH, low)
        assert ex._send_verb(low) is ex._at_word_start(ex._SEND_TEXT, low)
        assert ex._routes_possible(text, low, kind) is _old_routes_possible(text, low, kind)
        if ex._ROUTE_CALL_OPEN.search(low):
            assert ex._ROUTE_CALL_OPEN_TEXT.search(text)
    old_starts = [m.start() for m in ex._BIND_LITERAL.finditer(text)]
    assert list(ex._bind_literal_starts(text)) == old_starts
    assert ex._binds_possible(text, kind) is _old_binds_possible(text, kind)
    assert ex._config_bind_value(text) is bool(_OLD_CONFIG_BIND_VALUE.search(text))
    assert ex._config_possible(text, k.YAML) is _old_config_possible(text, k.YAML)


@SETTINGS
@given(texts(EX_WORDS, *EX_SHAPES), st.booleans())
def test_exposure_code_part_as_before(text: str, hash_comments: bool) -> None:
    for line in text.split("\n"):
        assert ex._code_part(line, hash_comments) == _old_code_part(line, hash_comments)


# --- facts the gates rely on ------------------------------------------------------------


def test_only_u0130_lower_cases_to_more_characters() -> None:
    longer = [c for c in range(sys.maxunicode + 1) if len(chr(c).lower()) != 1]
    assert longer == [0x130] and len("\u0130".lower()) == 2
    assert len("ΑΣ ΑΣ".lower()) == 5  # the final sigma is one character too
    text = "Aİ SUBMİT ΑΣ \u0130"
    assert len(ex._lower(text)) == len(text) and ex._lower(text) == "ai submit ας i"


def test_regex_classes_are_the_str_predicates() -> None:
    chars = "".join(map(chr, range(sys.maxunicode + 1)))
    assert re.findall(r"\s", chars) == [c for c in chars if c.isspace()]
    assert re.findall(r"\d", chars) == [c for c in chars if c.isdecimal()]


# --- smsc_server, sms_code_logging, service_number, carrier_account_config ----------------

SS_WORDS = [
    *("DefaultSmppServer", "SmppServer", "SMSCServer", "NewServer", "createServer", "x"),
    *("CMPPServerEndpointEntity", "ListenAndServe", "SgipServerEndpointEntity", "Serve"),
    *("Server", "xSmppServer", "SmppServerx", "_createServer", "ServeMux", "smscsim", "SMPPSim"),
    *("import com.cloudhopper.smpp.SmppServerConfiguration;\n", "from aiosmpplib import x\n"),
    *("import com.zx.sms.connect.manager.cmpp.CMPPServerEndpointEntity;\n", "import smpplib\n"),
    *('import "github.com/fiorix/go-smpp/smpp/smpptest"\n', 'import cmpp "github.com/x"\n'),
    *(
        'import cmpp "github.com/bigwhite/gocmpp"\n',
        "import org.jsmpp.session.SMPPServerSession;\n",
    ),
]
SS_KINDS = [k.JAVA, k.KOTLIN, k.PYTHON, k.GO, k.JAVASCRIPT, k.CSHARP, k.PHP, k.RUBY]
SS_CALL = [
    ["", "new ", "x.", "_", "a"],
    ["DefaultSmppServer", "SmppServer", "CMPPServerEndpointEntity", "ListenAndServe", "Serve"],
    ["(", "x(", " ", ""],
]


def old_smsc_server_gate(text: str, kind: str) -> bool:
    cmpp_rx = ss._names_re(ss.CMPP_SERVER_CALLS)
    smpp_rx = ss._names_re(ss.SERVER_CALLS - ss.CMPP_SERVER_CALLS)
    cmpp = ss._CMPP_IMPORTS.get(kind)
    if cmpp and cmpp.search(text) and cmpp_rx.search(text):
        return True
    smpp = ss._SMPP_IMPORTS.get(kind)
    return bool(
        smpp
        and smpp.search(text)
        and (smpp_rx.search(text) or (kind in ss._SIM_KINDS and ss._SIMULATOR.search(text)))
    )


@SETTINGS
@given(texts(SS_WORDS, SS_CALL), st.sampled_from(SS_KINDS))
def test_smsc_server_gate_as_before(text: str, kind: str) -> None:
    assert ss.gate(text, kind, "x") is old_smsc_server_gate(text, kind)
    for names in (ss.CMPP_SERVER_CALLS, ss.SERVER_CALLS - ss.CMPP_SERVER_CALLS):
        found = ss._names_re(names).search(text) is not None
        assert ss._Names(names).search(text) is found


LOG_WORDS = [
    *("code", "$code", "xcode", "_code", "$$code", "a.code", "verify_code", "verifycode", "Code"),
    *("smsCode", "vcode", "otp", "captcha", "sms_content", "message_body", "messageBody", "x$"),
    *("print", "println", "printf", "$print", "\\printf", "error_log", "xprint", "printx"),
    *("log", "logger", "Log", "_log", "__log", "x_log", "LOGGING", "console", "fmt", "FMT"),
    *("System.out", "system . out", "ſystem.out", "LOG", "info", "Info", "debug", "warn"),
    *("Errorf", "LogInformation", "xinfo", "sms", "SMS", "dypns", "sendSms", "短信"),
    *("verification_code", "verificationCode", "authCode", "(", ")", ", ", "."),
]
LOG_KINDS = sorted(scl.DETECTOR.kinds)
LOG_CALL = [
    ["", " ", "\n", "x", "$"],
    ["log", "logger", "_log", "console", "fmt", "System.out", "LOG", "x_log", "print", "Log"],
    [".", " . ", "::", "->", "", "("],
    ["info", "Println", "debug", "error", "warn", "x", "printf"],
    ["(", "( ", "(a, "],
    ["code", "$code", "smsCode", "x.code", "otp", "codex", "verify_code"],
    [")", ", sms)", ")\n", " + dypns)"],
]


# the gate's previous searches for a logging call
_OLD_BARE_LOG = re.compile(r"(?<!\w)\$?(?:print|println|printf|error_log)(?!\w)")
_OLD_LOG_NAME_WORD = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted(scl.LOG_NAMES, key=len, reverse=True)) + r")(?!\w)"
)


def old_sms_code_logging_gate(text: str, kind: str, name: str) -> bool:
    sensitive = scl._SENSITIVE_TEXT_PY if kind == k.PYTHON else scl._SENSITIVE_TEXT
    if not sensitive.search(text):
        return False
    if not _OLD_BARE_LOG.search(text) and not (
        scl._LOGGER_WORD.search(text) and _OLD_LOG_NAME_WORD.search(text)
    ):
        return False
    low = text.lower()
    return "sms" in low or "dypns" in low or scl.sms_platforms.gate(text, kind, name)


@SETTINGS
@given(texts(LOG_WORDS, LOG_CALL), st.sampled_from(LOG_KINDS))
def test_sms_code_logging_gate_as_before(text: str, kind: str) -> None:
    assert scl.gate(text, kind, "x") is old_sms_code_logging_gate(text, kind, "x")
    for rx in (scl._SENSITIVE_TEXT, scl._SENSITIVE_TEXT_PY):
        assert scl._sensitive(rx, text) is (rx.search(text) is not None)
    bare = _OLD_BARE_LOG.search(text) is not None
    assert any(rx.search(text) for rx in scl._BARE_LOG_AT) is bare
    assert scl._logger_word(text, text.lower()) is (scl._LOGGER_WORD.search(text) is not None)
    assert (scl._LOG_NAME_AT.search(text) is None) is (_OLD_LOG_NAME_WORD.search(text) is None)


def test_sms_code_logging_sensitive_words_end_as_said() -> None:
    for word in scl._SENSITIVE_WORDS:
        for form in {word.replace("_?", "_"), word.replace("_?", "")}:
            assert form.endswith(scl._SENSITIVE_ENDS) and len(form) < scl._SENSITIVE_WIDTH


SN_WORDS = [
    *("10690123456", "+8610690123456", "1069012", "x10690123456", "src_id", "Src-Id", "SRCID"),
    *("sp.code", "sp code", "setSourceAddr", "sender", "From", "src", "source addr", "Sender"),
    *("originator", "sms", "SMS", "ſms", "İsmg", "ismg", "Cmpp", "c mpp", "短信", '"to"'),
    *('" to "', "huaweicloud", "dysmsapi", "接入号", "\u00a0", "-", "_", ".", " ", "\t", "\n"),
]


def _old_key_words_possible(text: str) -> bool:
    norm = sn._KEY_SEPARATORS.sub("", text).lower()
    if any(w in norm for w in sn._GATE_KEYS):
        return True
    return any(w in norm for w in sn._GATE_WEAK_KEYS) and bool(
        sn._SMS_CONTEXT_LOOSE.search(text) or sn._GATE_PAIR.search(text)
    )


@SETTINGS
@given(texts(SN_WORDS))
def test_service_number_key_words_as_before(text: str) -> None:
    assert sn._key_words_possible(text) is _old_key_words_possible(text)


CAC_WORDS = [
    *("cmpp", "CMPP2", "Cmpp", "CMPP_", "sgip", "ismg", "tcmpp", "smgp.", "cngp"),
    *("sp_id", "SpId", "SP_ID", "SPID", "spid", "shared_secret", "src_id", "serviceId"),
    *("msg_src", "login_name", "password", "pwd", "user", "username", "node_id", "corp_id"),
    *("client_id", "source_addr", "icp_id", "icp_share_key", "host", "port", "id", "xid"),
    *(".", "->", "::", "?.", "(", ")", "[", "]", '"', "'", "=", "\n", " ", "_", "$", "@"),
]


CAC_KEY = [
    ["", " ", "\n", "x", "$", "self."],
    ["cmpp", "CMPP2", "Cmpp", "sgip", "ISMG", "xcmpp", "smgp", "CMPP"],
    ["_", ".", "", "->", "::", " . ", '["', "('", "(x).", "[0]."],
    ["sp_id", "SpId", "SP_ID", "spid", "shared_secret", "src_id", "serviceId", "login_name"],
    ["", '"]', "')", "x", "_host", "Id"],
    [" = 1", "=", ": 'a'", "\n", ""],
]


def _old_key_possible(text: str) -> bool:
    seen: set[str] = set()
    for m in cac._protocol_words(text):
        end = m.end()
        chain = cac._CHAIN_REST.match(text, end)
        in_string = cac._STRING_REST.match(text, end)
        for rest in (
            text[end : chain.end()] if chain else "",
            in_string.group(0) if in_string else "",
        ):
            if rest and rest not in seen:
                seen.add(rest)
                if cac._FIELD_TEXT.search(rest):
                    return True
    return False


@SETTINGS
@given(texts(CAC_WORDS, CAC_KEY))
def test_carrier_account_config_key_as_before(text: str) -> None:
    assert cac._key_possible(text) is _old_key_possible(text)


@pytest.mark.parametrize(
    "text",
    [
        " $verification_code",
        "(verification_code)",
        "x(verificationCode)",
        "print(messageBody)",
        "log.info(message_body)",
        "$sms_content",
        "a.verify_code",
        "_captcha",
    ],
)
def test_sms_code_logging_long_names_as_before(text: str) -> None:
    for rx in (scl._SENSITIVE_TEXT, scl._SENSITIVE_TEXT_PY):
        assert scl._sensitive(rx, text) is (rx.search(text) is not None)
        assert scl._sensitive(rx, "x" + text) is (rx.search("x" + text) is not None)


@pytest.mark.parametrize(
    "text", ["sender ismg", "from ISMG", "src: x sgip", "originator CNGP", "sender", "from İsmg"]
)
def test_service_number_cases_as_before(text: str) -> None:
    assert sn._key_words_possible(text) is _old_key_words_possible(text)
