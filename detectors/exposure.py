"""Public exposure of the SMS-sending service.

An HTTP route that triggers an SMS send (a verification-code or login endpoint
in a file that sends SMS), a bind to 0.0.0.0, a Kubernetes Ingress or a
Service of type LoadBalancer/NodePort, or a published docker-compose port. On
their own they are no scenario; the verdict uses them: an own-SIM/modem path
(scenario A) that is publicly reachable is no longer "internal testing".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from detectors._sms_calls import is_send_call
from detectors._text_search import matches_from
from scanner import classify as k
from scanner import lazy_re
from scanner.detector import Detector, FileContext, Hit
from scanner.facts import Call
from scanner.model import Confidence, Evidence, Example, Precision, Rule, Scenario, Severity

ROUTE_WORDS = lazy_re.compile(
    r"sms|code|verif|captcha|otp|login|register|signup|sign-up|sign_up|passcode", re.I
)
_PY_ROUTE = frozenset({"route", "get", "post", "put", "patch", "api_route", "add_url_rule"})
_DJANGO_ROUTE = frozenset({"path", "re_path", "url"})
_JS_ROUTE = frozenset({"get", "post", "put", "patch", "all"})
_GO_ROUTE = frozenset({"GET", "POST", "PUT", "PATCH", "Any", "Handle", "HandleFunc", "Post", "Get"})
_PHP_ROUTE = lazy_re.compile(r"^Route[.:]+(?:get|post|put|patch|any|match)$", re.I)
_SPRING_MAPPING = lazy_re.compile(r"@\w*Mapping\s*\(")
_SMS_HANDLER = lazy_re.compile(r"sms", re.I)

BIND_CALLS = frozenset(
    {
        "run",
        "Run",
        "RunTLS",
        "listen",
        "Listen",
        "ListenAndServe",
        "ListenAndServeTLS",
        "serve",
        "bind",
        "HTTPServer",
        "make_server",
        "create_server",
        "start_server",
        "start",
    }
)
BIND_KEYS = frozenset(
    {"address", "host", "bind", "listen", "bind_address", "bind-address", "listen_address"}
)
_ANY_ADDR = lazy_re.compile(r"^(?:0\.0\.0\.0|\[::\]|::)(?::\d{1,5})?$")
_PUBLISHED_PORT = lazy_re.compile(
    r"^(?:(?:0\.0\.0\.0|\[::\]):)?\d{1,5}(?:-\d{1,5})?:\d{1,5}(?:/\w+)?$"
)

LANGS_ROUTE = ("python", "java", "javascript", "typescript", "go", "php")


def _rule(
    rid: str,
    name: str,
    short: str,
    full: str,
    why: str,
    severity: Severity,
    languages: tuple[str, ...],
    invalid: tuple[Example, ...],
    valid: tuple[Example, ...],
) -> Rule:
    return Rule(
        id=rid,
        name=name,
        short_description=short,
        full_description=full,
        help_markdown=why,
        scenario=Scenario.NONE,
        severity=severity,
        precision=Precision.MEDIUM,
        evidence=Evidence.EXPOSURE,
        languages=languages,
        tags=("exposure",),
        invalid=invalid,
        valid=valid,
    )


SMS9101 = _rule(
    "SMS9101",
    "SmsRouteExposed",
    "An HTTP route triggers SMS sending",
    "An HTTP route named like sms / code / verify / login / register is declared in a file (or "
    "handler) that sends SMS (Flask, FastAPI, Django, Spring, Express, Gin, Laravel). Anyone who "
    "can reach the service can make it send SMS.",
    "**Why it matters.** A public endpoint that sends SMS turns an internal modem or SIM setup "
    "(scenario A) into a public SMS service, and is the classic SMS-pumping target.\n\n"
    "**What to check.** Who can reach this route (internal network only?), rate limits and "
    "captcha, and whether the sending path behind it is licensed (B or C).",
    Severity.MEDIUM,
    LANGS_ROUTE,
    (
        Example(
            "from flask import Flask, request\nimport sms\n\napp = Flask(__name__)\n\n\n"
            '@app.route("/api/sms/code", methods=["POST"])  # expect: SMS9101\n'
            "def send_code():\n"
            '    sms.send_sms(request.form["phone"], "123456")\n'
            '    return {"ok": True}\n',
            "web/app.py",
        ),
        Example(
            "from django.urls import path\nfrom . import views\n\nurlpatterns = [\n"
            '    path("account/verify-code/", views.send_sms_code),  # expect: SMS9101\n'
            '    path("about/", views.about),\n]\n',
            "accounts/urls.py",
        ),
        Example(
            "package com.acme.web;\n\n"
            "@RestController\npublic class LoginController {\n"
            "    private final SmsService smsService;\n\n"
            '    @PostMapping("/login/sms-code") // expect: SMS9101\n'
            "    public void code(@RequestParam String phone) {\n"
            "        smsService.sendCode(phone);\n    }\n}\n",
            "src/main/java/com/acme/web/LoginController.java",
        ),
        Example(
            "const express = require('express');\nconst { smsClient } = require('./sms');\n"
            "const app = express();\n"
            "app.post('/api/register/code', async (req, res) => { // expect: SMS9101\n"
            "  await smsClient.sendSms(req.body.phone);\n  res.json({ ok: true });\n});\n",
            "server/index.js",
        ),
        Example(
            "import { Router } from 'express';\nimport { smsService } from './sms';\n"
            "const router = Router();\n"
            "router.post('/otp', async (req, res) => { // expect: SMS9101\n"
            "  await smsService.sendOtp(req.body.phone);\n  res.sendStatus(204);\n});\n"
            "export default router;\n",
            "src/routes/otp.ts",
        ),
        Example(
            'package main\n\nimport "github.com/gin-gonic/gin"\n\n'
            "func main() {\n\tr := gin.Default()\n"
            '\tr.POST("/sms/send", func(c *gin.Context) { // expect: SMS9101\n'
            '\t\tsmsClient.SendSms(c.PostForm("phone"))\n\t})\n}\n',
            "cmd/api/main.go",
        ),
        Example(
            "<?php\nuse Illuminate\\Support\\Facades\\Route;\n\n"
            "Route::post('/sms/code', function () { // expect: SMS9101\n"
            "    app('easysms')->send(request('phone'), ['template' => 'SMS_1']);\n});\n",
            "routes/api.php",
        ),
    ),
    (
        Example(
            '@app.route("/login", methods=["POST"])\ndef login():\n    return check_password()\n',
            "web/app.py",
            "a login route in a file that sends no SMS",
        ),
        Example(
            "import sms\n\n@app.route('/health')\ndef health():\n    return 'ok'\n\n"
            "def notify():\n    sms.send_sms('13800000000', 'hi')\n",
            "web/app.py",
            "the route name is unrelated to codes or SMS",
        ),
    ),
)

SMS9102 = _rule(
    "SMS9102",
    "PublicBindAddress",
    "The service binds to all interfaces (0.0.0.0)",
    "A server is started on 0.0.0.0 (all network interfaces), in code or configuration, so it is "
    "reachable from outside the host unless a firewall says otherwise.",
    "**Why it matters.** For an own-modem / SIM box setup (scenario A) the 'internal only' "
    "condition depends on the network: a public bind is a sign it is not internal.\n\n"
    "**What to check.** Bind to 127.0.0.1 or an internal interface, or document the firewall "
    "rules that keep the service internal.",
    Severity.LOW,
    ("python", "javascript", "go", "properties", "yaml", "env"),
    (
        Example(
            "from flask import Flask\napp = Flask(__name__)\n\nif __name__ == '__main__':\n"
            "    app.run(host='0.0.0.0', port=8080)  # expect: SMS9102\n",
            "gateway/app.py",
        ),
        Example(
            "const app = require('express')();\napp.listen(3000, '0.0.0.0');  // expect: SMS9102\n",
            "server.js",
        ),
        Example(
            'package main\n\nimport "net/http"\n\nfunc main() {\n'
            '\thttp.ListenAndServe("0.0.0.0:8080", nil) // expect: SMS9102\n}\n',
            "main.go",
        ),
        Example(
            "server.port=8080\nserver.address=0.0.0.0  # expect: SMS9102\n",
            "src/main/resources/application.properties",
        ),
        Example("server:\n  host: 0.0.0.0  # expect: SMS9102\n  port: 9000\n", "config/app.yaml"),
        Example("HOST=0.0.0.0  # expect: SMS9102\nPORT=8000\n", ".env"),
    ),
    (
        Example("app.run(host='127.0.0.1', port=8080)\n", "gateway/app.py", "loopback bind"),
        Example("server.address=10.0.0.5\n", "application.properties", "an internal address"),
        Example("route:\n  destination: 0.0.0.0/0\n", "net.yaml", "a CIDR, not a bind"),
    ),
)

SMS9103 = _rule(
    "SMS9103",
    "KubernetesPublicService",
    "A Kubernetes Ingress or LoadBalancer / NodePort Service publishes the service",
    "A Kubernetes manifest declares an Ingress (or Gateway API HTTPRoute), or a Service of type "
    "LoadBalancer or NodePort: the workload is reachable from outside the cluster.",
    "**Why it matters.** If the workload sends SMS through own SIM cards or modems (scenario A), "
    "publishing it means the SMS path is no longer internal.\n\n"
    "**What to check.** Whether this manifest belongs to the SMS-sending service, and who can "
    "reach the published host.",
    Severity.LOW,
    ("yaml",),
    (
        Example(
            "apiVersion: networking.k8s.io/v1\nkind: Ingress  # expect: SMS9103\n"
            "metadata:\n  name: sms-gateway\nspec:\n  rules:\n    - host: sms.acme.cn\n",
            "deploy/ingress.yaml",
        ),
        Example(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: modem-api\nspec:\n"
            "  type: LoadBalancer  # expect: SMS9103\n  ports:\n    - port: 80\n",
            "k8s/service.yaml",
        ),
    ),
    (
        Example(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: modem-api\nspec:\n"
            "  type: ClusterIP\n  ports:\n    - port: 80\n",
            "k8s/service.yaml",
            "ClusterIP is internal",
        ),
    ),
)

SMS9104 = _rule(
    "SMS9104",
    "PublicPortMapping",
    "docker-compose publishes a port on all host interfaces",
    "A docker-compose service maps a container port to a host port without restricting it to "
    "127.0.0.1, so the service is reachable on every interface of the host.",
    "**Why it matters.** A published port of an SMS gateway or modem service makes an "
    "'internal' sending path reachable from the network.\n\n"
    "**What to check.** Use `127.0.0.1:HOST:CONTAINER` for services that must stay internal.",
    Severity.LOW,
    ("yaml",),
    (
        Example(
            "services:\n  sms-api:\n    image: acme/sms-api:1.4\n    ports:\n"
            '      - "8080:8080"  # expect: SMS9104\n',
            "docker-compose.yml",
        ),
    ),
    (
        Example(
            'services:\n  sms-api:\n    image: acme/sms-api:1.4\n    ports:\n      - "127.0.0.1:8080:8080"\n',
            "docker-compose.yml",
            "bound to loopback on the host",
        ),
        Example(
            "services:\n  sms-api:\n    image: acme/sms-api:1.4\n    expose:\n      - 8080\n",
            "docker-compose.yml",
            "expose is internal to the compose network",
        ),
    ),
)


def _first_literal(call: Call) -> str | None:
    for a in call.args:
        if a.name is None:
            return a.value
    return None


def _route_path(ctx: FileContext, call: Call) -> str | None:
    name = call.name
    path = _first_literal(call)
    if path is None:
        return None
    kind = ctx.kind
    if kind == k.PYTHON:
        if name in _DJANGO_ROUTE and not call.receiver:
            return path
        return path if name in _PY_ROUTE and call.receiver and path.startswith("/") else None
    if kind in (k.JAVASCRIPT, k.TYPESCRIPT, k.TSX):
        return path if name in _JS_ROUTE and call.receiver and path.startswith("/") else None
    if kind == k.GO:
        return path if name in _GO_ROUTE and path.startswith("/") else None
    if kind == k.PHP:
        return path if _PHP_ROUTE.match(call.callee) else None
    return None


def _handler_sends(call: Call) -> bool:
    return any(a.value is None and _SMS_HANDLER.search(a.text) for a in call.args[1:])


def _routes(ctx: FileContext) -> Iterator[Hit]:
    sends = any(is_send_call(c) for c in ctx.facts.calls)
    if ctx.kind in (k.JAVA, k.KOTLIN):
        if not sends:
            return
        for lit in ctx.facts.literals:
            line = (
                ctx.lines[lit.span.start_line - 1] if lit.span.start_line <= len(ctx.lines) else ""
            )
            if _SPRING_MAPPING.search(line) and ROUTE_WORDS.search(lit.value):
                yield _route_hit(ctx, lit.span.start_line, lit.value, "Spring")
        return
    for call in ctx.facts.calls:
        path = _route_path(ctx, call)
        if path is None or not ROUTE_WORDS.search(path):
            continue
        if sends or _handler_sends(call):
            yield Hit(
                "SMS9101",
                call.span,
                f"HTTP route '{path}' triggers SMS sending ({call.callee})",
                confidence=Confidence.MEDIUM,
                attributes=(("exposure", "route"), ("route", path)),
                key=f"route:{path}",
            )


def _route_hit(ctx: FileContext, line: int, path: str, framework: str) -> Hit:
    return Hit(
        "SMS9101",
        ctx.line_span(line),
        f"HTTP route '{path}' triggers SMS sending ({framework})",
        confidence=Confidence.MEDIUM,
        attributes=(("exposure", "route"), ("route", path)),
        key=f"route:{path}",
    )


def _binds(ctx: FileContext) -> Iterator[Hit]:
    if ctx.kind in k.CODE_KINDS:
        for call in ctx.facts.calls:
            if call.name not in BIND_CALLS:
                continue
            for a in call.args:
                if a.value is not None and _ANY_ADDR.match(a.value.strip()):
                    yield Hit(
                        "SMS9102",
                        call.span,
                        f"{call.callee}() binds to '{a.value}' (all interfaces)",
                        confidence=Confidence.MEDIUM,
                        attributes=(("exposure", "bind"),),
                        key=f"bind:{call.callee}",
                    )
                    break
        return
    for asg in ctx.facts.assignments:
        last = re.split(r"[.]", asg.full_key.lower())[-1]
        if asg.value is None or last.replace("-", "_") not in {
            b.replace("-", "_") for b in BIND_KEYS
        }:
            continue
        words = asg.value.split()
        if words and _ANY_ADDR.match(words[0]):
            yield Hit(
                "SMS9102",
                asg.span,
                f"'{asg.full_key}' = '{words[0]}' binds to all interfaces",
                confidence=Confidence.MEDIUM,
                attributes=(("exposure", "bind"),),
                key=f"bind:{asg.full_key}",
            )


def _kubernetes(ctx: FileContext) -> Iterator[Hit]:
    for asg in ctx.facts.assignments:
        value = (asg.value or "").strip()
        if asg.full_key == "kind" and value in ("Ingress", "HTTPRoute"):
            yield Hit(
                "SMS9103",
                asg.span,
                f"Kubernetes {value} publishes the service",
                confidence=Confidence.MEDIUM,
                attributes=(("exposure", "ingress"),),
                key=f"k8s:{value}",
            )
        elif asg.full_key == "spec.type" and value in ("LoadBalancer", "NodePort"):
            yield Hit(
                "SMS9103",
                asg.span,
                f"Kubernetes Service of type {value} publishes the service",
                confidence=Confidence.MEDIUM,
                attributes=(
                    ("exposure", "loadbalancer" if value == "LoadBalancer" else "port-mapping"),
                ),
                key=f"k8s:{value}",
            )
        elif (
            asg.full_key.startswith("services.")
            and asg.full_key.endswith(".ports")
            and _PUBLISHED_PORT.match(value)
        ):
            service = asg.full_key.split(".")[1]
            yield Hit(
                "SMS9104",
                asg.span,
                f"docker-compose service '{service}' publishes port '{value}' on all interfaces",
                confidence=Confidence.MEDIUM,
                attributes=(("exposure", "port-mapping"),),
                key=f"ports:{service}:{value}",
            )


# Cheap text gate before any parsing: an SMS word at a word start (not "mechanisms")
# or an all-interfaces address must occur somewhere in a code file. (`_worth` is the
# same test without a regular expression: a leading look-behind makes `re` slow.)
WORTH_PARSING = lazy_re.compile(
    r"(?<![a-z])(?i:sms|smpp|cmpp|sgip|smgp)|Sms|SMS|Smpp|SMPP|Cmpp|CMPP|短信|0\.0\.0\.0|\[::\]"
)
_CASED = frozenset({"Sms", "SMS", "Smpp", "SMPP", "Cmpp", "CMPP"})


def _worth(text: str, low: str) -> bool:
    # the words first: in most files one of them is found early
    for word in ("sms", "smpp", "cmpp", "sgip", "smgp"):
        i = low.find(word)
        while i != -1:
            if i == 0 or not "a" <= text[i - 1] <= "z" or text[i : i + len(word)] in _CASED:
                return True
            i = low.find(word, i + 1)
    return "0.0.0.0" in text or "[::]" in text or "短信" in text


# Necessary conditions, checked on the text before the file is parsed:
# - a bind needs an all-interfaces string literal inside a bind call's parentheses
#   (`app.run(host="0.0.0.0")`, `Listen("[::]:80")`, ...);
# - a route needs an SMS word or a send-code name (the send call or the handler), and a
#   Spring mapping and a send verb (Java, Kotlin), or elsewhere a router call whose first
#   argument is a string literal holding a route word (the path), and a send verb or an
#   SMS word.
# Names must start a word; that is checked on each match rather than with a leading
# look-behind, and case-insensitive tests run on the lower-cased text.
_WORD_CHAR = lazy_re.compile(r"[\w$]")
_SEND_TEXT = lazy_re.compile("send|submit|dispatch|push")  # on lower-cased text
# _SEND_TEXT at a word start, one pattern per verb: the look-behind after the verb keeps
# the verb a literal prefix to skip to. (A verb inside another verb's match is after a
# word character, so `_at_word_start(_SEND_TEXT, ...)` is any verb at a word start.)
_SEND_AT_START = tuple(
    lazy_re.compile(rf"{verb}(?<![\w$]{verb})") for verb in _SEND_TEXT.pattern.split("|")
)
# A router call whose first argument is a one-line string literal holding a route word:
# `@app.post("/api/sms/code")`, `path("verify-code/", ...)`, `r.GET("/login", h)`.
_ROUTE_NAMES = (
    "route|get|post|put|patch|all|any|match|api_route|add_url_rule|path|re_path|url"
    "|handle|handlefunc"
)
_ROUTE_CALL_PATH = lazy_re.compile(  # on lower-cased text
    r"(?:" + _ROUTE_NAMES + r")\s*\((?:\s|#[^\n]*|//[^\n]*|/\*.*?\*/)*[rbuf]{0,2}[\"'`]"
    r"[^\"'`\n]{0,200}?(?:" + ROUTE_WORDS.pattern.lower() + ")",
    re.S,
)
# Where the `(` of a _ROUTE_CALL_PATH match can be: before blanks and a comment mark, or
# before blanks, a string prefix and a string with a route word within 200 characters
# (the match without comments). Found from the `(`: a search for a literal first
# character skips ahead fast, where the alternation of names makes `re` try every
# offset. (Without the comments' `.*?`, which can make a failing match run on to every
# later `*/`.)
_ROUTE_OPEN = r"\(\s*(?:#|//|/\*|[{prefix}]{{0,2}}[\"'`][^\"'`\n]{{0,200}}?(?:{words}))"
_ROUTE_CALL_OPEN = lazy_re.compile(
    _ROUTE_OPEN.format(prefix="rbuf", words=ROUTE_WORDS.pattern.lower())
)


def _either_case(word: str) -> str:
    return "".join(f"[{c}{c.upper()}]" if "a" <= c <= "z" else re.escape(c) for c in word)


# ... and on the text before lower-casing it, its letters in either case: it matches
# wherever _ROUTE_CALL_OPEN matches on the lower-cased text (a character of the text is an
# ASCII letter when its lower case is one), so a file without a match has no route call.
_ROUTE_CALL_OPEN_TEXT = lazy_re.compile(
    _ROUTE_OPEN.format(
        prefix="rbufRBUF",
        words="|".join(_either_case(w) for w in ROUTE_WORDS.pattern.lower().split("|")),
    )
)


def _at_word_start(rx: re.Pattern[str], text: str) -> bool:
    for m in rx.finditer(text):
        start = m.start()
        if start == 0 or not _WORD_CHAR.match(text[start - 1]):
            return True
    return False


def _send_verb(low: str) -> bool:
    """_at_word_start(_SEND_TEXT, low)."""
    return any(rx.search(low) for rx in _SEND_AT_START)


def _blanks_before(text: str, end: int) -> int:
    """The start of the longest run of blanks (`\\s`, str.isspace) ending at `end`."""
    while end and text[end - 1].isspace():
        end -= 1
    return end


def _route_call_at_word_start(low: str) -> bool:
    """_at_word_start(_ROUTE_CALL_PATH, low), faster. Every match has its `(` where
    _ROUTE_CALL_OPEN matches and a name ending before the blanks before that (a name ends
    with a letter), so those give every offset where a match could start. Going through
    them in order, each tested with _ROUTE_CALL_PATH.match and skipped while inside the
    previous match, visits the matches finditer yields."""
    starts: set[int] = set()
    m = _ROUTE_CALL_OPEN.search(low)
    while m is not None:
        name_end = _blanks_before(low, m.start())
        for name in _ROUTE_NAMES.split("|"):
            if name_end >= len(name) and low.startswith(name, name_end - len(name)):
                starts.add(name_end - len(name))
        m = _ROUTE_CALL_OPEN.search(low, m.start() + 1)
    return any(
        m.start() == 0 or not _WORD_CHAR.match(low[m.start() - 1])
        for m in matches_from(_ROUTE_CALL_PATH, low, sorted(starts))
    )


# A route counts only in a file with a send-SMS call, or with a handler argument naming
# SMS (`_routes`): either way one of these words is in the (lower-cased) text.
_SENDS_SMS_WORDS = (
    "sms",
    "smpp",
    "cmpp",
    "sgip",
    "smgp",
    "gammu",
    "modem",
    "submit_sm",
    "submitsm",
    "submitshortmessage",
)
_SEND_CODE_TEXT = lazy_re.compile(r"send_?(?:verify|verification|login|auth)_?code")


def _sends_sms_possible(low: str) -> bool:
    """is_send_call or _handler_sends could hold for some call of the file."""
    return any(w in low for w in _SENDS_SMS_WORDS) or bool(_SEND_CODE_TEXT.search(low))


def _routes_possible(text: str, low: str, kind: str) -> bool:
    if not _sends_sms_possible(low):
        return False
    if kind in (k.JAVA, k.KOTLIN):
        return bool(_SPRING_MAPPING.search(text)) and _send_verb(low)
    # (the cheap test first)
    return ("sms" in low or _send_verb(low)) and _route_call_at_word_start(low)


# A bind is reported for an all-interfaces string literal passed straight to a bind call:
# `app.run(host="0.0.0.0")`, `r.Run("0.0.0.0:8080")`, `server.listen(3000, "::")`.
_BIND_LITERAL = lazy_re.compile(r"[\"'`]\s*(?:0\.0\.0\.0|\[::\]|::)(?::\d{1,5})?\s*[\"'`]")
# _BIND_LITERAL from its address on, one pattern per literal first part (`0.0.0.0`, `::`
# also starting `::]` of `[::]`), searched from its first occurrence (str.find skips ahead
# faster than `re`).
_BIND_ADDRESS = (
    ("0.0.0.0", lazy_re.compile(r"0\.0\.0\.0(?::\d{1,5})?\s*[\"'`]")),
    ("::", lazy_re.compile(r"::\]?(?::\d{1,5})?\s*[\"'`]")),
)
_QUOTES = "\"'`"
_CALL_NAME_BEFORE = lazy_re.compile(r"([A-Za-z_$][\w$]*)\s*\Z")
_BRACKET_OR_SEMICOLON = lazy_re.compile(r"[()\[\]{};]")
_BACK_LINES = 40  # lines searched back for the call's open parenthesis
_HASH_COMMENT_KINDS = frozenset({k.PYTHON, k.PHP})


# What _code_part looks for on a line: a string literal (a backslash escapes the next
# character), a quote that opens none (a string left open), the comment marks.
_STRING_LITERAL = "|".join(rf"{q}[^{q}\\]*(?:\\.[^{q}\\]*)*{q}" for q in "\"'`")
_STRING_OR_COMMENT = {
    hash_comments: lazy_re.compile(
        _STRING_LITERAL + r"|[\"'`]|//|/\*|\*/" + ("|#" if hash_comments else ""), re.S
    )
    for hash_comments in (False, True)
}


def _code_part(line: str, hash_comments: bool) -> str | None:
    """The line with its strings emptied and its trailing comment cut, or None when the
    line cannot be read on its own (a string or a block comment that spans lines)."""
    out: list[str] = []
    pos = 0
    for m in _STRING_OR_COMMENT[hash_comments].finditer(line):
        out.append(line[pos : m.start()])
        token = m.group()
        if token[0] in "\"'`":
            if len(token) == 1:
                return None  # a string left open
            out.append(token[0] * 2)
        elif token in ("//", "#"):
            return "".join(out)
        else:
            return None  # `/*` or `*/`
        pos = m.end()
    out.append(line[pos:])
    return "".join(out)


def _in_bind_call(text: str, start: int, kind: str) -> bool:
    """Could the literal at `start` be an argument of a bind call? Reads the code before it
    (strings emptied, comments cut) back to the first unclosed `(` and the name before it.
    An unclosed `[` / `{` or a `;` first means the literal is no direct argument of a call.
    What it cannot read safely (a string or comment over several lines, or no answer
    within _BACK_LINES lines) counts as yes."""
    first = text.rfind("\n", 0, start) + 1
    parts: list[str] = []
    end = start
    line_start = first
    for _ in range(_BACK_LINES):
        part = _code_part(text[line_start:end], kind in _HASH_COMMENT_KINDS)
        if part is None:
            return True
        parts.append(part)
        if line_start == 0:
            break
        end = line_start - 1
        line_start = text.rfind("\n", 0, end) + 1
    code = "\n".join(reversed(parts))
    depth = {")": 0, "]": 0, "}": 0}
    opener = {"(": ")", "[": "]", "{": "}"}
    # the brackets and `;` from the end back: found in the reversed code
    for bracket in _BRACKET_OR_SEMICOLON.finditer(code[::-1]):
        c = bracket.group()
        i = len(code) - 1 - bracket.start()
        if c in depth:
            depth[c] += 1
        elif c in opener:
            if depth[opener[c]]:
                depth[opener[c]] -= 1
            elif c != "(":
                return False  # inside a list, map or block
            else:
                m = _CALL_NAME_BEFORE.search(code, max(0, i - 100), i)
                return m is not None and m.group(1) in BIND_CALLS
        elif c == ";" and not any(depth.values()):
            return False  # the start of the statement
    return line_start != 0  # lines left unread: yes; the start of the file: no call


def _bind_literal_starts(text: str) -> Iterator[int]:
    """Where _BIND_LITERAL.finditer(text) finds its matches, in order. Every match has its
    address where a _BIND_ADDRESS pattern matches (or one before, for `[::]`) and its
    quote before the blanks before the address, so those give every offset where a match
    could start; going through them in order, each tested with _BIND_LITERAL.match and
    skipped while inside the previous match, visits the matches finditer yields."""
    starts: set[int] = set()
    for literal, rx in _BIND_ADDRESS:
        first = text.find(literal)
        m = rx.search(text, first) if first != -1 else None
        while m is not None:
            for address in (m.start(), m.start() - 1):
                quote = _blanks_before(text, address) - 1
                if quote >= 0 and text[quote] in _QUOTES:
                    starts.add(quote)
            m = rx.search(text, m.start() + 1)
    for m in matches_from(_BIND_LITERAL, text, sorted(starts)):
        yield m.start()


def _binds_possible(text: str, kind: str) -> bool:
    inside = _GoTokens(text) if kind == k.GO else None
    return any(
        (inside is None or not inside.covers(start)) and _in_bind_call(text, start, kind)
        for start in _bind_literal_starts(text)
    )


# Go's strings and comments, from the start of the file (the language's lexical rules are
# regular: a raw string runs to the next backquote, an interpreted string or rune to its
# unescaped quote on the same line). A bind literal inside one of them (test data in a raw
# string, say) is no argument of any call: the line-by-line reading cannot tell, as a raw
# string spans lines.
_GO_TOKEN = lazy_re.compile(
    r"//[^\n]*|/\*.*?\*/|`[^`]*`|\"(?:[^\"\\\n]|\\[^\n])*\"|'(?:[^'\\\n]|\\[^\n])*'", re.S
)


class _GoTokens:
    """Where the strings and comments of a Go file start and end (lexed on first use)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] | None = None
        self.ends: list[int] = []

    def covers(self, pos: int) -> bool:
        """Is `pos` inside a string or comment that starts before it?"""
        if self.starts is None:
            spans = [m.span() for m in _GO_TOKEN.finditer(self.text)]
            self.starts = [a for a, _ in spans]
            self.ends = [b for _, b in spans]
        i = bisect.bisect_left(self.starts, pos) - 1  # the last token starting before pos
        return i >= 0 and self.ends[i] > pos


def _lower(text: str) -> str:
    """The lower-cased text, offset for offset: U+0130 (`İ`), the one character that
    lower-cases to two (tests pin this), is lowered as `i`, which is what (?i) matches it
    to; every other character lower-cases to one."""
    return text.replace("\u0130", "i").lower() if "\u0130" in text else text.lower()


# Config files: a bind key's value starts with an all-interfaces address (after a `:`,
# `=`, blank or list dash, maybe quoted); for YAML also a Kubernetes kind / Service type
# or a docker-compose service's published port (a list item `8080:80`).
_CONFIG_BIND_VALUE = lazy_re.compile(
    r"""(?:^|[\s:=\-])["']?(?:0\.0\.0\.0|\[::\]|::)(?::\d{1,5})?(?:["'\s]|$)""", re.M
)
# (one pattern per key, `kind` or `type`: each starts with a literal to skip to)
_K8S_EXPOSURES = tuple(
    lazy_re.compile(key + r"""\s*:\s*["']?(?:ingress|httproute|loadbalancer|nodeport)""")
    for key in ("kind", "type")
)
_COMPOSE_PORT_ITEM = lazy_re.compile(
    r"""^\s*-\s*["']?(?:(?:0\.0\.0\.0|\[::\]):)?\d{1,5}(?:-\d{1,5})?:\d""", re.M
)


def _config_bind_value(text: str) -> bool:
    """_CONFIG_BIND_VALUE.search(text): its address (holding `0.0.0.0` or `::`) starts
    at most one quote and one character after the match does, so _CONFIG_BIND_VALUE.match
    is tried at the three offsets before each (and the one before `[::]`'s `::`)."""
    for address in ("0.0.0.0", "::"):
        i = text.find(address)
        while i != -1:
            for start in range(max(0, i - 3), i + 1):
                if _CONFIG_BIND_VALUE.match(text, start):
                    return True
            i = text.find(address, i + 1)
    return False


def _config_possible(text: str, kind: str) -> bool:
    if _config_bind_value(text):
        return True
    if kind != k.YAML:
        return False
    low = text.lower()
    if any(rx.search(low) for rx in _K8S_EXPOSURES):
        return True
    return "services" in low and "ports" in low and bool(_COMPOSE_PORT_ITEM.search(text))


def gate(text: str, kind: str, _name: str) -> bool:
    if kind not in k.CODE_KINDS:
        return _config_possible(text, kind)
    # A route needs a Spring mapping (Java, Kotlin) or a router call's string argument
    # (_routes_possible): when neither is in the text, only a bind is left, and the
    # lower-cased text is needed (for _worth) only when a bind is possible. (The
    # either-case pattern does not see `İ` as the `i` it lowers to: not used then.)
    route: object
    if kind in (k.JAVA, k.KOTLIN):
        route = _SPRING_MAPPING.search(text)
    elif "\u0130" in text:
        route = True
    else:
        route = _ROUTE_CALL_OPEN_TEXT.search(text)
    if route is None:
        return _binds_possible(text, kind) and _worth(text, _lower(text))
    low = _lower(text)
    return _worth(text, low) and (_routes_possible(text, low, kind) or _binds_possible(text, kind))


def check(ctx: FileContext) -> Iterator[Hit]:
    if ctx.kind in k.CODE_KINDS:
        text = ctx.text
        low = _lower(text)
        if not _worth(text, low):
            return
        if _routes_possible(text, low, ctx.kind):
            yield from _routes(ctx)
        if _binds_possible(text, ctx.kind):
            yield from _binds(ctx)
        return
    yield from _binds(ctx)
    if ctx.kind == k.YAML:
        yield from _kubernetes(ctx)


DETECTOR = Detector(
    name="exposure",
    rules=(SMS9101, SMS9102, SMS9103, SMS9104),
    kinds=frozenset((k.CODE_KINDS - {k.CSHARP, k.RUBY}) | {k.ENV, k.PROPERTIES, k.YAML}),
    check=check,
    anchors=(
        "sms",
        "smpp",
        "cmpp",
        "0.0.0.0",
        "[::]",
        "kind: ingress",
        "kind: httproute",
        "loadbalancer",
        "nodeport",
    ),
    # `ports:` also occurs as "imports:" in code: it counts in YAML only
    kind_anchors=((frozenset({k.YAML}), ("ports:",)),),
    gate=gate,
    skips_minified=True,  # bundles are build output: no routes, comments or logging to judge
    description=__doc__ or "",
)
