"""Hard-coded SMS provider credentials: Alibaba Cloud AccessKey (LTAI id and
30-char secret), Tencent Cloud SecretId (AKID) / SecretKey, Huawei SMS
app_key / app_secret, Twilio (AC sid, SK key, auth token), Yunpian apikey,
Ronglian accountSid / authToken, and CMPP / SGIP / SMGP gateway passwords.

Credentials are context (scenario none), evidence `credential`: they confirm
which platform or carrier link is used. Every value is reported through
`Hit.secret`, so the engine masks it in the snippet, message and every output
format. Placeholders (`your-access-key`, `xxxx`, `${...}`), environment
lookups (not literals) and low-entropy strings are skipped."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import NamedTuple

from detectors._secret_shapes import HEX, fake_key, is_placeholder, looks_random, norm_key
from detectors._text_search import finder_source, finder_sources
from scanner import classify as k
from scanner import lazy_re
from scanner.detector import Detector, FileContext, Hit
from scanner.model import (
    Confidence,
    Evidence,
    Example,
    Precision,
    Rule,
    Scenario,
    Severity,
    Span,
)

CODE = ("python", "java", "kotlin", "go", "javascript", "typescript", "php", "csharp")
CONFIG = ("yaml", "properties", "env", "json", "toml", "ini", "xml")

ALI_ID = lazy_re.compile(r"\bLTAI[0-9A-Za-z]{12,20}\b")
ALI_SECRET = lazy_re.compile(r"^[0-9A-Za-z]{30}$")
TC_ID = lazy_re.compile(r"\bAKID[0-9A-Za-z]{32}\b")
ALNUM32 = lazy_re.compile(r"^[0-9A-Za-z]{32}$")
HEX32 = lazy_re.compile(r"^[0-9a-f]{32}$")
TW_SID = lazy_re.compile(r"\bAC[0-9a-f]{32}\b")
TW_KEY = lazy_re.compile(r"\bSK[0-9a-fA-F]{32}\b")
HW_SECRET = lazy_re.compile(r"^[0-9A-Za-z]{20,64}$")

# the AccessKey / SecretId prefixes count as context at the start of a word, in capitals
# as the ids have them ("deltaIndex" and "altai" hold "ltai" too)
ALI_CTX = lazy_re.compile(r"(?i:aliyun|alibaba|alicloud|dysmsapi|dypnsapi)|\bLTAI")
TC_CTX = lazy_re.compile(r"(?i:tencent|qcloud|sms\.tencentcloudapi)|\bAKID")
HW_CTX = lazy_re.compile(
    r"batchSend(?:Diff)?Sms|myhuaweicloud|rtc\.huaweicloud|realm=\\?\"SDP|huawei", re.I
)
TW_CTX = lazy_re.compile(r"twilio", re.I)
YP_CTX = lazy_re.compile(r"yunpian", re.I)
RL_CTX = lazy_re.compile(r"cloopen|ronglian|yuntongxun|CCPRestSDK|SmsSDK", re.I)
CARRIER_CTX = lazy_re.compile(r"cmpp|sgip|smgp|ismg|cngp", re.I)

# Cheap text gate before any parsing, a necessary condition for every rule here:
# - a self-identifying id (LTAI / AKID / Twilio AC..., case as the shapes have it), or
# - carrier context: every SMS8009 hit needs a carrier word near or a carrier-specific
#   key (`sp_secret`, `LoginPassowrd`, or one spelling out CMPP / SGIP / SMGP), or
# - a provider word (the key-based rules need one in the key or within 30 lines) and a
#   run of 20 letters and digits (every key-based value shape is at least that long).
# The words are case-insensitive: looked for in `_folded(text)`, i.e. `text.lower()`.
# Each pattern opens with one literal character and finds several words in one pass
# (`detectors._text_search`).


def _folded(text: str) -> bytes:
    """`text.lower().encode("ascii", "replace")`: one byte per character of
    `text.lower()`, its ASCII characters as they are and the others as `?`, so an ASCII
    word (or class of ASCII characters) matches here where it matches in `text.lower()`.
    Only `İ` and the Kelvin sign lower to ASCII letters (`İ` to two characters); without
    them, lowering the ASCII characters alone is the same, and faster."""
    if "\u0130" in text or "\u212a" in text:
        return text.lower().encode("ascii", "replace")
    return text.encode("ascii", "replace").lower()


# _SHAPED: LTAI[0-9A-Za-z]{12} | AKID[0-9A-Za-z]{32} | AC[0-9a-f]{32}, each from its first "A"
_SHAPED = lazy_re.compile(r"A(?:(?<=LTA)I[0-9A-Za-z]{12}|KID[0-9A-Za-z]{32}|C[0-9a-f]{32})")
# CARRIER_CTX's words, lower case: "ismg" by `in`, the others from their "p", with the
# two carrier-specific keys `sp[^a-z0-9\n]{0,3}secret` and `login[^a-z0-9\n]{0,3}passowrd`
# (the latter checked back from `passowrd`, one fixed-width look-behind per gap length)
_GAP = r"[^a-z0-9\n]"
_CARRIER_OR_KEY = lazy_re.compile(
    finder_source(
        "p",
        ("cmpp", "sgip", "smgp", "cngp"),
        extra=(
            rf"(?<=sp){_GAP}{{0,3}}secret",
            "assowrd(?:" + "|".join(rf"(?<=login{_GAP}{{{n}}}passowrd)" for n in range(4)) + ")",
        ),
    ).encode()
)
# every word the provider contexts (ALI_CTX ... RL_CTX) can match case-insensitively,
# lower case; each such context match contains one of them, so finding one answers for
# the regexes; the id prefixes they match as words in capitals are `_ID_PREFIX`
_PROVIDER_WORDS = (
    *("aliyun", "alibaba", "alicloud", "dysmsapi", "dypnsapi"),
    *("tencent", "qcloud"),
    *("batchsendsms", "batchsenddiffsms", "huawei", "realm="),
    *("twilio", "yunpian", "cloopen", "ronglian", "yuntongxun", "ccprestsdk", "smssdk"),
)
# 5 passes for 19 words
_PROVIDER_FINDERS = tuple(
    lazy_re.compile(x.encode()) for x in finder_sources(_PROVIDER_WORDS, "ykwcl")
)
_ID_PREFIX = lazy_re.compile(r"\bLTAI|\bAKID")
_VALUE_RUN = lazy_re.compile(r"[0-9A-Za-z]{20}")
# in code, values are string literals: ["'`]\s*[0-9A-Za-z]{20}, one pattern per quote (a
# literal first character)
_QUOTED_RUNS = tuple(lazy_re.compile(rf"{q}\s*[0-9A-Za-z]{{20}}") for q in "\"'`")


def gate(text: str, kind: str, _name: str) -> bool:
    if _SHAPED.search(text):
        return True
    low = _folded(text)
    if _CARRIER_OR_KEY.search(low) or b"ismg" in low:
        return True
    runs = _QUOTED_RUNS if kind in k.CODE_KINDS else (_VALUE_RUN,)
    # the value run first: fewer passes, and most files have none
    return any(r.search(text) for r in runs) and (
        any(f.search(low) for f in _PROVIDER_FINDERS)
        or (("LTAI" in text or "AKID" in text) and _ID_PREFIX.search(text) is not None)
    )


ALI_SECRET_KEYS = lazy_re.compile(
    r"(accesskeysecret|secretaccesskey|keysecret|accesssecret|secretkey|secret)$"
)
TC_SECRET_KEYS = lazy_re.compile(r"secretkey$")
HW_KEYS = lazy_re.compile(r"app(key|secret)$")
TW_TOKEN_KEYS = lazy_re.compile(r"authtoken$|apisecret$")
YP_KEYS = lazy_re.compile(r"apikey$")
RL_KEYS = lazy_re.compile(r"(accountsid|acctoken|accounttoken|authtoken|accid)$")
CARRIER_KEYS = frozenset(
    {
        "sharedsecret",
        "spsecret",
        "cmpp2spsecret",
        "cmppspsecret",
        "cmppsharedsecret",
        "cmpppassword",
        "loginpassowrd",
        "loginpassword",
        "sgippassword",
        "smgpsecret",
        "smgppassword",
        "smgpsharedsecret",
    }
)
# keys that are carrier-specific on their own; the others need a carrier word nearby
CARRIER_SPECIFIC = frozenset(
    {
        "spsecret",
        "cmpp2spsecret",
        "cmppspsecret",
        "cmppsharedsecret",
        "cmpppassword",
        "loginpassowrd",
        "sgippassword",
        "smgpsecret",
        "smgppassword",
        "smgpsharedsecret",
    }
)

# -- generated example values (seeded, never written to the repository in clear)
_AK16 = fake_key(8001, "LTAI", 16)
_AK24 = fake_key(8002, "LTAI", 24)
_AS30 = fake_key(8003, "", 30)
_TCID = fake_key(8004, "AKID", 36)
_TCKEY = fake_key(8005, "", 32)
_HWKEY = fake_key(8006, "", 28)
_HWSECRET = fake_key(8007, "", 28)
_TWSID = fake_key(8008, "AC", 34, HEX)
_TWTOKEN = fake_key(8009, "", 32, HEX)
_TWSK = fake_key(8010, "SK", 34, HEX)
_YPKEY = fake_key(8011, "", 32, HEX)
_RLSID = fake_key(8012, "", 32, HEX)
_RLTOKEN = fake_key(8013, "", 32, HEX)
_CMPPSECRET = fake_key(8014, "", 12)

HELP = (
    "**Why it matters.** A provider credential in source code lets anyone with the code send SMS on the "
    "company's account (toll fraud, phishing under its signature) and is a personal-information security "
    "incident under PIPL when it exposes message logs. It also identifies the platform or carrier link the "
    "system really uses.\n\n**Fix.** Revoke and rotate the key at the provider, remove it from the history, and "
    "load it from a secret store or environment variable. The value is masked in every smsscan output."
)
COMMON = dict(
    help_markdown=HELP,
    scenario=Scenario.NONE,
    severity=Severity.HIGH,
    evidence=Evidence.CREDENTIAL,
    languages=(*CODE, "yaml", "properties", "env"),
    tags=("credential", "secret"),
)


def _ex(code: str, path: str, *secrets: str, note: str = "") -> Example:
    return Example(code, path, note, doc_secrets=secrets)


def _lang_examples(rule: str, values: list[tuple[str, str]]) -> tuple[Example, ...]:
    """One example per language: `values` = [(key name, secret)] assigned in each syntax."""
    m = f"expect: {rule}"
    secrets = tuple(v for _, v in values)

    def lines(fmt: str) -> str:
        return "".join(fmt.format(key=key, v=v, m=m) for key, v in values)

    return (
        _ex(lines('{key} = "{v}"  # {m}\n'), "settings/sms.py", *secrets),
        _ex(
            "class SmsKeys {\n" + lines('  static final String {key} = "{v}"; // {m}\n') + "}\n",
            "src/main/java/SmsKeys.java",
            *secrets,
        ),
        _ex(lines('const val {key} = "{v}" // {m}\n'), "src/main/kotlin/SmsKeys.kt", *secrets),
        _ex("package sms\n\n" + lines('const {key} = "{v}" // {m}\n'), "sms/keys.go", *secrets),
        _ex(lines('const {key} = "{v}"; // {m}\n'), "lib/smsKeys.js", *secrets),
        _ex(lines('export const {key} = "{v}"; // {m}\n'), "src/smsKeys.ts", *secrets),
        _ex("<?php\n" + lines("${key} = '{v}'; // {m}\n"), "config/sms_keys.php", *secrets),
        _ex(
            "class SmsKeys {\n" + lines('  const string {key} = "{v}"; // {m}\n') + "}\n",
            "Sms/SmsKeys.cs",
            *secrets,
        ),
        _ex("sms:\n" + lines("  {key}: {v} # {m}\n"), "config/application.yml", *secrets),
        _ex(lines("sms.{key}={v} # {m}\n"), "config/application.properties", *secrets),
        _ex(lines("{key}={v} # {m}\n"), ".env", *secrets),
    )


SMS8001 = Rule(
    id="SMS8001",
    name="AlibabaAccessKeyId",
    short_description="An Alibaba Cloud AccessKey ID (LTAI...) is hard-coded",
    full_description=(
        "A string literal or configuration value contains an Alibaba Cloud AccessKey ID: `LTAI` followed by 12 "
        "(older 16-character ids) or 20 (24-character `LTAI4...` / `LTAI5t...` ids) letters and digits; lengths in "
        "between are reported with medium confidence. Placeholders and low-entropy strings are skipped."
    ),
    precision=Precision.HIGH,
    invalid=(
        *_lang_examples("SMS8001", [("aliyun_access_key_id", _AK24)]),
        _ex(
            f'client = AcsClient("{_AK16}", os.environ["ALIYUN_SECRET"], "cn-hangzhou")  # expect: SMS8001\n',
            "legacy_sms.py",
            _AK16,
            note="an older 16-character id",
        ),
    ),
    valid=(
        Example(
            'ALIYUN_ACCESS_KEY_ID = "LTAIxxxxxxxxxxxxxxxxxxxx"\naccess_key_id = os.getenv("ALIYUN_AK")\n',
            "settings.py",
            "placeholder and environment lookup",
        ),
        _ex(
            f"# access_key_id: {_AK24}\nsms:\n  access-key-id: ${{ALIYUN_AK}}\n",
            "application.yml",
            _AK24,
            note="a commented-out value and a ${...} reference",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)

SMS8002 = Rule(
    id="SMS8002",
    name="AlibabaAccessKeySecret",
    short_description="An Alibaba Cloud AccessKey secret is hard-coded",
    full_description=(
        "A 30-character AccessKey secret is assigned to a secret-like key (access_key_secret, accessKeySecret, "
        "secret...) near Alibaba Cloud context (aliyun, alibaba, dysmsapi, an LTAI id), or passed right after an "
        "LTAI id (`AcsClient(id, secret, region)`)."
    ),
    precision=Precision.HIGH,
    invalid=(
        *_lang_examples("SMS8002", [("aliyun_access_key_secret", _AS30)]),
        _ex(
            f'client = AcsClient("{_AK24}", "{_AS30}", "cn-hangzhou")  # expect: SMS8001, SMS8002\n',
            "legacy_sms.py",
            _AK24,
            _AS30,
            note="id and secret passed positionally",
        ),
    ),
    valid=(
        Example(
            'aliyun_access_key_secret = "your-access-key-secret-here-xx"\n',
            "settings.py",
            "placeholder",
        ),
        _ex(
            f'jwt_secret = "{_AS30}"\n',
            "auth.py",
            _AS30,
            note="a 30-character secret without Alibaba context",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)

SMS8003 = Rule(
    id="SMS8003",
    name="TencentCloudSecretId",
    short_description="A Tencent Cloud SecretId (AKID...) is hard-coded",
    full_description="A literal contains a Tencent Cloud API SecretId: `AKID` followed by 32 letters and digits.",
    precision=Precision.HIGH,
    invalid=_lang_examples("SMS8003", [("tencent_secret_id", _TCID)]),
    valid=(
        Example(
            'cred = credential.Credential(os.environ["TENCENTCLOUD_SECRET_ID"], os.environ["TENCENTCLOUD_SECRET_KEY"])\n'
            'TENCENT_SECRET_ID = "AKIDxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"\n',
            "sms.py",
            "environment lookups and a placeholder",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)

SMS8004 = Rule(
    id="SMS8004",
    name="TencentCloudSecretKey",
    short_description="A Tencent Cloud SecretKey is hard-coded",
    full_description=(
        "A 32-character SecretKey is assigned to a `secret_key` / `SecretKey` key near Tencent Cloud context "
        "(tencent, qcloud, an AKID SecretId), or passed right after an AKID SecretId "
        "(`credential.Credential(id, key)`)."
    ),
    precision=Precision.HIGH,
    invalid=(
        *_lang_examples("SMS8004", [("tencent_secret_key", _TCKEY)]),
        _ex(
            f'cred = credential.Credential("{_TCID}", "{_TCKEY}")  # expect: SMS8003, SMS8004\n',
            "notify/sms.py",
            _TCID,
            _TCKEY,
            note="SecretId and SecretKey passed positionally",
        ),
    ),
    valid=(
        _ex(
            f'stripe_secret_key = "{_TCKEY}"\n',
            "billing.py",
            _TCKEY,
            note="a 32-character secret without Tencent context",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)

SMS8005 = Rule(
    id="SMS8005",
    name="HuaweiSmsAppSecret",
    short_description="A Huawei Cloud SMS app_key / app_secret is hard-coded",
    full_description=(
        "An `app_key` / `app_secret` (appKey, appSecret) value of 20-64 letters and digits is hard-coded near "
        "Huawei Cloud SMS context (batchSendSms, myhuaweicloud.com, api.rtc.huaweicloud.com, WSSE realm SDP, "
        "huawei)."
    ),
    precision=Precision.MEDIUM,
    invalid=_lang_examples(
        "SMS8005", [("huawei_app_key", _HWKEY), ("huawei_app_secret", _HWSECRET)]
    ),
    valid=(
        _ex(
            f'wechat_app_secret = "{_HWSECRET}"\n',
            "wechat.py",
            _HWSECRET,
            note="an app secret without Huawei SMS context",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)

SMS8006 = Rule(
    id="SMS8006",
    name="TwilioCredential",
    short_description="A Twilio Account SID, API key or auth token is hard-coded",
    full_description=(
        "A Twilio credential is hard-coded near Twilio context: an Account SID (`AC` + 32 hex), an API key SID "
        "(`SK` + 32 hex), or a 32-hex auth token / API secret assigned to auth_token / api_secret."
    ),
    precision=Precision.HIGH,
    invalid=(
        *_lang_examples(
            "SMS8006", [("twilio_account_sid", _TWSID), ("twilio_auth_token", _TWTOKEN)]
        ),
        _ex(
            f'client = Client("{_TWSK}", api_secret, account_sid)  # twilio  # expect: SMS8006\n',
            "notify/twilio_sms.py",
            _TWSK,
            note="an API key SID",
        ),
    ),
    valid=(
        _ex(
            f'checksum = "{_TWTOKEN}"\n',
            "files.py",
            _TWTOKEN,
            note="32 hex characters without Twilio context",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)

SMS8007 = Rule(
    id="SMS8007",
    name="YunpianApiKey",
    short_description="A Yunpian apikey is hard-coded",
    full_description="A 32-hex `apikey` / `api_key` value is hard-coded near Yunpian context (yunpian.com, YunpianClient).",
    precision=Precision.MEDIUM,
    invalid=_lang_examples("SMS8007", [("yunpian_apikey", _YPKEY)]),
    valid=(
        _ex(
            f'mailgun_api_key = "{_YPKEY}"\n',
            "mail.py",
            _YPKEY,
            note="an api key without Yunpian context",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)

SMS8008 = Rule(
    id="SMS8008",
    name="RonglianCredential",
    short_description="A Ronglian (cloopen) accountSid / authToken is hard-coded",
    full_description=(
        "A 32-hex accountSid / accToken / authToken is hard-coded near Ronglian context (cloopen.com, "
        "ronglian_sms_sdk, yuntongxun, CCPRestSDK)."
    ),
    precision=Precision.MEDIUM,
    invalid=_lang_examples(
        "SMS8008", [("ronglian_account_sid", _RLSID), ("ronglian_auth_token", _RLTOKEN)]
    ),
    valid=(
        _ex(
            f'account_sid = "{_RLSID}"\n',
            "crm.py",
            _RLSID,
            note="an account sid without Ronglian context",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)

SMS8009 = Rule(
    id="SMS8009",
    name="CarrierGatewaySecret",
    short_description="A CMPP / SGIP / SMGP gateway password is hard-coded",
    full_description=(
        "A carrier gateway login secret is hard-coded: CMPP `shared_secret` / `sp_secret` / `CMPP2_SP_SECRET`, "
        "SGIP `LoginPassowrd` (the spec's spelling) / `LoginPassword`, SMGP secret. Generic keys (shared_secret, "
        "LoginPassword) count only near CMPP / SGIP / SMGP context. It confirms a direct carrier link (the "
        "connection itself is reported by the protocol rules)."
    ),
    precision=Precision.HIGH,
    invalid=(
        *_lang_examples("SMS8009", [("cmpp_sp_secret", _CMPPSECRET)]),
        _ex(
            "class SgipLink { void init(SgipConfig cfg) {\n"
            '  cfg.setLoginName("acme");\n'
            f'  cfg.setLoginPassowrd("{_CMPPSECRET}"); // expect: SMS8009\n'
            "} }\n",
            "src/main/java/SgipLink.java",
            _CMPPSECRET,
            note="the SGIP spec's own spelling, set through a setter",
        ),
    ),
    valid=(
        _ex(
            f'webhook_shared_secret = "{_CMPPSECRET}"\n',
            "hooks.py",
            _CMPPSECRET,
            note="a shared secret without carrier-protocol context",
        ),
        Example(
            'cmpp:\n  shared_secret: ${CMPP_SECRET}\n  sp_secret: "******"\n',
            "application.yml",
            "placeholders",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)

RULES = (SMS8001, SMS8002, SMS8003, SMS8004, SMS8005, SMS8006, SMS8007, SMS8008, SMS8009)


class _Cand(NamedTuple):
    key: str  # normalised key ("" for a bare literal)
    raw_key: str
    value: str
    span: Span


# identifiers that merely start with LTAI ("LTAIConfigHolder"), not random ids
_WORDY = lazy_re.compile(r"^(?:[A-Z]?[a-z]{2,})+$|^[A-Z]+$")
_SETTER = lazy_re.compile(r"^(?:set|with)_?([A-Za-z][A-Za-z0-9_]*)$")


def _clean(value: str, kind: str) -> str:
    v = value.strip()
    if kind in k.CONFIG_KINDS and v:
        v = v.split()[0]  # properties / .env keep trailing `# ...` text in the value
    return v.strip("'\"`")


def _candidates(ctx: FileContext) -> list[_Cand]:
    out: list[_Cand] = []
    seen: set[tuple[int, str]] = set()
    for a in ctx.facts.assignments:
        if a.value is None:
            continue
        v = _clean(a.value, ctx.kind)
        if not v:
            continue
        span = a.value_span or a.span
        out.append(_Cand(norm_key(a.full_key), a.full_key, v, span))
        seen.add((span.start_line, v))
    # builder / setter style: `config.setAccessKeySecret("...")`, `sgip.setLoginPassowrd("...")`
    lits = {(lit.span.start_line, lit.value): lit.span for lit in ctx.facts.literals}
    for call in ctx.facts.calls:
        m = _SETTER.match(call.name)
        if not m or len(call.args) != 1 or not call.args[0].value:
            continue
        v = call.args[0].value
        span = next(
            (sp for (ln, val), sp in lits.items() if val == v and ln >= call.span.start_line),
            call.span,
        )
        out.append(_Cand(norm_key(m.group(1)), m.group(1), v, span))
        seen.add((span.start_line, v))
    for lit in ctx.facts.literals:
        v = _clean(lit.value, ctx.kind)
        if v and (lit.span.start_line, v) not in seen:
            out.append(_Cand("", "", v, lit.span))
    return out


def _near(ctx: FileContext, line: int, pattern: re.Pattern[str], radius: int = 30) -> bool:
    lines = ctx.lines[max(0, line - 1 - radius) : line + radius]
    return bool(pattern.search("\n".join(lines)))


def _hit(rule: str, c: _Cand, secret: str, what: str, conf: Confidence, provider: str) -> Hit:
    where = f" in '{c.raw_key}'" if c.raw_key else ""
    return Hit(
        rule,
        c.span,
        f"{what} hard-coded{where}",
        confidence=conf,
        attributes=(("provider", provider),),
        key=f"{rule}:{c.raw_key or what}",
        secret=secret,
    )


# rule, value shape, key pattern (normalised key), context, min entropy, what, confidence, provider
_KEYED: tuple[
    tuple[str, re.Pattern[str], re.Pattern[str], re.Pattern[str], float, str, Confidence, str], ...
] = (
    (
        "SMS8002",
        ALI_SECRET,
        ALI_SECRET_KEYS,
        ALI_CTX,
        3.0,
        "Alibaba Cloud AccessKey secret",
        Confidence.HIGH,
        "Alibaba Cloud",
    ),
    (
        "SMS8004",
        ALNUM32,
        TC_SECRET_KEYS,
        TC_CTX,
        3.0,
        "Tencent Cloud SecretKey",
        Confidence.HIGH,
        "Tencent Cloud",
    ),
    (
        "SMS8005",
        HW_SECRET,
        HW_KEYS,
        HW_CTX,
        3.0,
        "Huawei SMS app key/secret",
        Confidence.MEDIUM,
        "Huawei Cloud",
    ),
    ("SMS8006", HEX32, TW_TOKEN_KEYS, TW_CTX, 2.5, "Twilio auth token", Confidence.HIGH, "Twilio"),
    ("SMS8007", HEX32, YP_KEYS, YP_CTX, 2.5, "Yunpian apikey", Confidence.MEDIUM, "Yunpian"),
    ("SMS8008", HEX32, RL_KEYS, RL_CTX, 2.5, "Ronglian credential", Confidence.MEDIUM, "Ronglian"),
)


def _context(ctx: FileContext, c: _Cand, pattern: re.Pattern[str]) -> bool:
    return bool(pattern.search(c.raw_key)) or _near(ctx, c.span.start_line, pattern)


def _keyed(ctx: FileContext, c: _Cand) -> Iterator[Hit]:
    """Key-based secrets: a secret-like key with a value of the right shape near provider context."""
    key, v = c.key, c.value
    if not key or is_placeholder(v):
        return
    for rule, shape, keys, context, min_entropy, what, conf, provider in _KEYED:
        if (
            shape.match(v)
            and keys.search(key)
            and looks_random(v, min_entropy)
            and _context(ctx, c, context)
        ):
            yield _hit(rule, c, v, what, conf, provider)
            return
    last = norm_key(c.raw_key.replace("-", "_").split(".")[-1]) if c.raw_key else key
    carrier_key = next((ck for ck in CARRIER_KEYS if last.endswith(ck)), "")
    if (
        carrier_key
        and len(v) >= 6
        and looks_random(v, 2.0)
        and (carrier_key in CARRIER_SPECIFIC or _context(ctx, c, CARRIER_CTX))
    ):
        yield _hit("SMS8009", c, v, "carrier gateway secret", Confidence.HIGH, "carrier gateway")


def _shaped(ctx: FileContext, c: _Cand) -> Iterator[Hit]:
    """Self-identifying shapes: LTAI, AKID, Twilio AC / SK."""
    for m in ALI_ID.finditer(c.value):
        token = m.group(0)
        if looks_random(token[4:]) and not _WORDY.match(token[4:]):
            conf = Confidence.HIGH if len(token) in (16, 24) else Confidence.MEDIUM
            yield _hit("SMS8001", c, token, "Alibaba Cloud AccessKey ID", conf, "Alibaba Cloud")
    for m in TC_ID.finditer(c.value):
        if looks_random(m.group(0)[4:]):
            yield _hit(
                "SMS8003", c, m.group(0), "Tencent Cloud SecretId", Confidence.HIGH, "Tencent Cloud"
            )
    for pat, what in ((TW_SID, "Twilio Account SID"), (TW_KEY, "Twilio API key SID")):
        for m in pat.finditer(c.value):
            if looks_random(m.group(0)[2:], 2.5) and _near(ctx, c.span.start_line, TW_CTX):
                yield _hit("SMS8006", c, m.group(0), what, Confidence.HIGH, "Twilio")


def _positional(ctx: FileContext) -> Iterator[Hit]:
    """`AcsClient(id, secret, ...)` / `Credential(id, key)`: the secret follows the id."""
    lits = {(lit.span.start_line, lit.value): lit.span for lit in ctx.facts.literals}
    for call in ctx.facts.calls:
        vals = [a.value for a in call.args]
        for first, second in itertools.pairwise(vals):
            if not first or not second or is_placeholder(second):
                continue
            rule = what = provider = ""
            if ALI_ID.fullmatch(first) and ALI_SECRET.match(second):
                rule, what, provider = "SMS8002", "Alibaba Cloud AccessKey secret", "Alibaba Cloud"
            elif TC_ID.fullmatch(first) and ALNUM32.match(second):
                rule, what, provider = "SMS8004", "Tencent Cloud SecretKey", "Tencent Cloud"
            elif TW_SID.fullmatch(first) and HEX32.match(second):
                rule, what, provider = "SMS8006", "Twilio auth token", "Twilio"
            if not rule or not looks_random(second, 2.5):
                continue
            span = next(
                (s for (ln, v), s in lits.items() if v == second and ln >= call.span.start_line),
                call.span,
            )
            yield _hit(rule, _Cand("", "", second, span), second, what, Confidence.HIGH, provider)


def check(ctx: FileContext) -> Iterator[Hit]:
    seen: set[tuple[str, int, int, str]] = set()

    def fresh(h: Hit) -> bool:
        ident = (h.rule_id, h.span.start_line, h.span.start_column, h.secret)
        if ident in seen:
            return False
        seen.add(ident)
        return True

    for c in _candidates(ctx):
        if ctx.in_comment(c.span):
            continue
        for h in _shaped(ctx, c):
            if fresh(h):
                yield h
        for h in _keyed(ctx, c):
            if fresh(h):
                yield h
    for h in _positional(ctx):
        if fresh(h):
            yield h


DETECTOR = Detector(
    name="sms_credentials",
    rules=RULES,
    kinds=frozenset(
        {k.PYTHON, k.JAVA, k.KOTLIN, k.GO, k.JAVASCRIPT, k.TYPESCRIPT, k.TSX, k.PHP, k.CSHARP}
        | {k.YAML, k.PROPERTIES, k.ENV, k.JSON, k.TOML, k.INI, k.XML}
    ),
    check=check,
    anchors=(
        "LTAI",
        "AKID",
        "secret",
        "app_key",
        "appkey",
        "app-key",
        "twilio",
        "yunpian",
        "cloopen",
        "ronglian",
        "yuntongxun",
        "LoginPass",
        "auth_token",
        "authtoken",
        "accountsid",
        "account_sid",
    ),
    gate=gate,
    description=__doc__ or "",
)
