"""PIPL duty next to a cloud SMS send: the verification code or the message
body is written to a log (`logger.info("sms code %s", code)` near SendSms).

Scenario B carries personal-information duties: verification codes are
authentication secrets and message bodies are personal information; logs
keep them far longer than necessary and expose them to everyone who reads
the logs. Context only (no scenario of its own)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from detectors import aliyun_sms, huawei_sms, sms_aggregators, sms_platforms, tencent_sms
from scanner import classify as k
from scanner import lazy_re
from scanner.detector import Detector, FileContext, Hit
from scanner.facts import Call
from scanner.model import Confidence, Evidence, Example, Precision, Rule, Scenario, Severity

LANGS = ("python", "java", "kotlin", "go", "javascript", "typescript", "php", "csharp")
LOG_NAMES = frozenset(
    {
        "debug",
        "info",
        "warn",
        "warning",
        "error",
        "trace",
        "log",
        "Debug",
        "Info",
        "Warn",
        "Error",
        "Debugf",
        "Infof",
        "Warnf",
        "Errorf",
        "Printf",
        "Println",
        "Print",
        "LogInformation",
        "LogDebug",
        "LogWarning",
        "LogError",
        "print",
        "println",
        "printf",
        "error_log",
    }
)
_LOGGER_RECEIVER = lazy_re.compile(
    r"(?:^|[.>$])(?:_?log(?:ger)?|LOG(?:GER)?|Log|logging|console|fmt|System\.out|_logger)$", re.I
)
# the verification code / message body as a bare variable (not `resp.code`, not `getCode()`)
_SENSITIVE = lazy_re.compile(
    r"(?<![\w.>$])\$?(?:code|verify_?code|verification_?code|sms_?code|vcode|otp|captcha|"
    r"verifyCode|smsCode|verificationCode|authCode|sms_?content|smsContent|message_?body|messageBody)"
    r"(?![\w(])"
)
RADIUS = 40

SMS5301 = Rule(
    id="SMS5301",
    name="SmsCodeLogged",
    short_description="A verification code or SMS body is logged next to a cloud SMS send",
    full_description=(
        "Within a few lines of a cloud SMS send (SendSms, send_sms, batchSendSms, a platform SDK or an "
        "aggregator send), a logging call (logger.info, log.debug, console.log, fmt.Printf, print, ...) writes "
        "the verification code or the message body (a variable named code, verify_code, sms_code, otp, "
        "content, ...). Response codes (`resp.code`, `getCode()`) are not reported."
    ),
    help_markdown=(
        "**Why it matters (PIPL).** Sending through a licensed platform (scenario B) still makes the company a "
        "personal-information handler. Verification codes are authentication secrets and message bodies are "
        "personal information; writing them to logs keeps them longer than necessary and exposes them to "
        "everyone with log access (PIPL art. 19 and 51).\n\n**Fix.** Log the request id, the template id and a "
        "masked phone number instead; never the code or the body."
    ),
    scenario=Scenario.NONE,
    severity=Severity.MEDIUM,
    precision=Precision.MEDIUM,
    evidence=Evidence.CALL,
    languages=LANGS,
    tags=("pipl", "logging", "cloud-sms"),
    invalid=(
        Example(
            "import logging\nfrom tencentcloud.sms.v20210111 import models\n"
            "logger = logging.getLogger(__name__)\n\n"
            "def send_code(client, phone, code):\n"
            "    req = models.SendSmsRequest()\n"
            "    req.TemplateParamSet = [code]\n"
            '    logger.info("sms code %s sent to %s", code, phone)  # expect: SMS5301\n'
            "    return client.SendSms(req)\n",
            "accounts/sms.py",
        ),
        Example(
            "import com.aliyun.dysmsapi20170525.models.SendSmsRequest;\n"
            "class S { void send(String phone, String code) throws Exception {\n"
            "  SendSmsRequest req = new SendSmsRequest().setPhoneNumbers(phone);\n"
            "  client.sendSms(req);\n"
            '  log.info("verification code {} sent to {}", code, phone); // expect: SMS5301\n'
            "} }\n",
            "src/main/java/S.java",
        ),
        Example(
            "import com.aliyun.dysmsapi20170525.models.SendSmsRequest\n"
            "fun send(phone: String, code: String) {\n"
            "    client.sendSms(SendSmsRequest().setPhoneNumbers(phone))\n"
            '    logger.debug("code=$code") // expect: SMS5301\n}\n',
            "src/main/kotlin/Send.kt",
        ),
        Example(
            'package sms\n\nimport (\n\t"fmt"\n'
            '\tsms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"\n)\n\n'
            "func Send(c *sms.Client, phone, code string) {\n"
            "\treq := sms.NewSendSmsRequest()\n"
            '\tfmt.Printf("send sms code %s to %s\\n", code, phone) // expect: SMS5301\n'
            "\tc.SendSms(req)\n}\n",
            "sms/send.go",
        ),
        Example(
            "const Dysmsapi = require('@alicloud/dysmsapi20170525');\n"
            "async function send(client, phone, code) {\n"
            "  console.log(`sms code for ${phone}: ${code}`); // expect: SMS5301\n"
            "  return client.sendSms(new Dysmsapi.SendSmsRequest({ phoneNumbers: phone }));\n}\n",
            "lib/sms.js",
        ),
        Example(
            "import * as tencentcloud from 'tencentcloud-sdk-nodejs-sms';\n"
            "export async function send(client: any, phone: string, otp: string) {\n"
            "  await client.SendSms({ PhoneNumberSet: [phone], TemplateParamSet: [otp] });\n"
            "  logger.info('otp sent', { phone, otp }); // expect: SMS5301\n}\n",
            "src/sms.ts",
        ),
        Example(
            "<?php\nuse Overtrue\\EasySms\\EasySms;\n"
            "function sendCode(EasySms $easySms, string $phone, string $code) {\n"
            "    $easySms->send($phone, ['data' => ['code' => $code]]);\n"
            "    Log::info('sms code sent', ['phone' => $phone, 'code' => $code]); // expect: SMS5301\n}\n",
            "app/Sms.php",
        ),
        Example(
            "using TencentCloud.Sms.V20210111;\n"
            "class S { void Send(string phone, string code) {\n"
            "  client.SendSmsSync(req);\n"
            '  _logger.LogInformation("sms code {Code} sent", code); // expect: SMS5301\n'
            "} }\n",
            "Sms/S.cs",
        ),
    ),
    valid=(
        Example(
            "from alibabacloud_dysmsapi20170525 import models\n"
            "def send(client, phone, code):\n"
            "    resp = client.send_sms(models.SendSmsRequest(phone_numbers=phone))\n"
            '    logger.info("sms sent: %s %s", resp.body.code, resp.body.request_id)\n',
            "sms.py",
            "the response code is not the verification code",
        ),
        Example(
            'import logging\nlogger = logging.getLogger(__name__)\nlogger.info("login code %s", code)\n',
            "auth.py",
            "no SMS send in the file",
        ),
    ),
)


_SEND_RULES = frozenset({"SMS5002", "SMS5012", "SMS5022", "SMS5102", "SMS5201", "SMS5211"})
_SEND_CHECKS = (
    tencent_sms.check,
    aliyun_sms.check,
    huawei_sms.check,
    sms_platforms.check,
    sms_aggregators.check,
)


def _send_lines(ctx: FileContext) -> list[int]:
    return [
        h.span.start_line
        for check_fn in _SEND_CHECKS
        for h in check_fn(ctx)
        if h.rule_id in _SEND_RULES and "imported" not in h.message
    ]


def _is_log_call(call: Call) -> bool:
    if call.name not in LOG_NAMES:
        return False
    if call.name in ("print", "println", "printf", "error_log") and not call.receiver:
        return True
    recv = call.receiver.replace("::", ".").replace("->", ".")
    return bool(_LOGGER_RECEIVER.search(recv)) or recv in ("Log", "Logger")


def _logged_secrets(ctx: FileContext) -> list[tuple[Call, str]]:
    """Logging calls with a code / body argument, with the first such argument's match."""
    out: list[tuple[Call, str]] = []
    for call in ctx.facts.calls:
        if not _is_log_call(call):
            continue
        for a in call.args:
            m = _SENSITIVE.search(a.text)
            if m and (a.value is None or "{" in a.text or "$" in a.text):
                out.append((call, m.group(0)))
                break
    return out


# --- text gate ---------------------------------------------------------------------
# The sensitive name, as check's _SENSITIVE but without the lookahead (argument text is
# cut at 200 characters) and, for Python, without the lookbehind (the token reader joins
# tokens with spaces: `x.code` becomes `x . code`).
_SENSITIVE_WORDS = (
    *("code", "verify_?code", "verification_?code", "sms_?code", "vcode", "otp", "captcha"),
    *("verifyCode", "smsCode", "verificationCode", "authCode", "sms_?content", "smsContent"),
    *("message_?body", "messageBody"),
)
_SENSITIVE_NAMES = r"\$?(?:" + "|".join(_SENSITIVE_WORDS) + ")"
_SENSITIVE_TEXT = lazy_re.compile(r"(?<![\w$])" + _SENSITIVE_NAMES)
_SENSITIVE_TEXT_PY = lazy_re.compile(_SENSITIVE_NAMES)
# Every sensitive name ends with one of these, and a match is at most _SENSITIVE_WIDTH long.
_SENSITIVE_ENDS = ("code", "Code", "otp", "captcha", "content", "Content", "body", "Body")
_SENSITIVE_WIDTH = 1 + max(len(w.replace("?", "")) for w in _SENSITIVE_WORDS)
# A logging call: a bare print / println / printf / error_log (PHP `$print`, `\printf`),
# or a logger receiver (its last name) and a log method name, each a whole word:
# `(?<!\w)\$?(?:print|println|printf|error_log)(?!\w)`, or _LOGGER_WORD and a LOG_NAMES
# name between `(?<!\w)` and `(?!\w)` (tests keep those two forms as the reference).
_LOGGER_WORD = lazy_re.compile(
    r"(?<!\w)_?(?i:log(?:ger|ging)?|console|fmt|system\s*\.\s*out)(?!\w)"
)
# The gate searches them with patterns that start with a literal (`re` skips ahead to
# one fast; a leading look-behind, `\$?` or `_?` makes it try every offset): the
# look-behind moves after the literal, as `(?<!\wL)` after L.
# - a bare print: `$` is no word character, so `(?<!\w)\$?` before a name finds no name
#   that `(?<!\w)` before it does not.
_BARE_LOG_AT = (
    lazy_re.compile(r"print(?<!\wprint)(?:ln|f)?(?!\w)"),
    lazy_re.compile(r"error_log(?<!\werror_log)(?!\w)"),
)
# - _LOGGER_WORD on the lower-cased text of an ASCII file (where (?i) folds nothing else),
#   one pattern per word: after no word character, or after a `_` after none.
_LOGGER_WORD_LOW = tuple(
    lazy_re.compile(rf"{lit}(?:(?<!\w{lit})|(?<=_{lit})(?<!\w_{lit})){rest}(?!\w)")
    for lit, rest in (
        ("log", "(?:ger|ging)?"),
        ("console", ""),
        ("fmt", ""),
        ("system", r"\s*\.\s*out"),
    )
)
# - a log method name: the look-behind after each name's first letter.
_LOG_NAME_AT = lazy_re.compile(
    "(?:" + "|".join(rf"{n[0]}(?<!\w{n[0]}){n[1:]}" for n in sorted(LOG_NAMES)) + r")(?!\w)"
)


def _sensitive(rx: re.Pattern[str], text: str) -> bool:
    """rx.search(text) for _SENSITIVE_TEXT / _SENSITIVE_TEXT_PY: a match ends with one of
    _SENSITIVE_ENDS (str.find skips to those fast) and has nothing after it looked at, so
    it is a match of rx searched in the _SENSITIVE_WIDTH characters up to such an end."""
    for end_word in _SENSITIVE_ENDS:
        i = text.find(end_word)
        while i != -1:
            end = i + len(end_word)
            if rx.search(text, max(0, end - _SENSITIVE_WIDTH), end):
                return True
            i = text.find(end_word, i + 1)
    return False


def _logger_word(text: str, low: str) -> bool:
    """_LOGGER_WORD.search(text); `low` is text.lower()."""
    if not text.isascii():
        return _LOGGER_WORD.search(text) is not None
    return any(rx.search(low) for rx in _LOGGER_WORD_LOW)


# Gate: every hit is a logging call (bare print-like, or logger receiver + log method
# name) with a sensitive variable in an argument; argument and callee text is file text.
# And an SMS send in the file: every send rule of the Tencent, Alibaba, Huawei and
# aggregator detectors needs an import, call, action or endpoint naming `sms` (Alibaba's
# Dypns imports excepted); the platform detector has a gate of its own.
def gate(text: str, kind: str, name: str) -> bool:
    if not _sensitive(_SENSITIVE_TEXT_PY if kind == k.PYTHON else _SENSITIVE_TEXT, text):
        return False
    low = text.lower()  # (needed below either way)
    if not any(rx.search(text) for rx in _BARE_LOG_AT) and not (
        _logger_word(text, low) and _LOG_NAME_AT.search(text)
    ):
        return False
    return "sms" in low or "dypns" in low or sms_platforms.gate(text, kind, name)


def check(ctx: FileContext) -> Iterator[Hit]:
    # the logging side first: it only reads the calls, while finding the sends runs five
    # detectors' checks
    logged = _logged_secrets(ctx)
    if not logged:
        return
    sends = _send_lines(ctx)
    if not sends:
        return
    for call, word in logged:
        if not any(abs(call.span.start_line - s) <= RADIUS for s in sends):
            continue
        yield Hit(
            "SMS5301",
            call.span,
            f"{call.callee}() logs '{word.lstrip('$')}' next to an SMS send",
            confidence=Confidence.MEDIUM,
            key=f"log:{call.callee}:{word}",
        )


DETECTOR = Detector(
    name="sms_code_logging",
    rules=(SMS5301,),
    kinds=frozenset(
        {k.PYTHON, k.JAVA, k.KOTLIN, k.GO, k.JAVASCRIPT, k.TYPESCRIPT, k.TSX, k.PHP, k.CSHARP}
    ),
    check=check,
    gate=gate,
    skips_minified=True,  # bundles are build output: no routes, comments or logging to judge
    anchors=tuple(
        sorted(
            set(tencent_sms.DETECTOR.anchors)
            | set(aliyun_sms.DETECTOR.anchors)
            | set(huawei_sms.DETECTOR.anchors)
            | set(sms_platforms.DETECTOR.anchors)
            | set(sms_aggregators.DETECTOR.anchors)
        )
    ),
    description=__doc__ or "",
)
