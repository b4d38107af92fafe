"""Tencent Cloud SMS (腾讯云短信): the SDKs for API 2021-01-11 and 2019-07-11
in Python, Java, Kotlin, Go, JS/TS, PHP and C#, the legacy qcloudsms SDKs
(qcloudsms_py, com.github.qcloudsms, Qcloud\\Sms, qcloudsms_js) and hand-signed
HTTP (TC3-HMAC-SHA256 with `X-TC-Action: SendSms`, `sms.tencentcloudapi.com`,
legacy `yun.tim.qq.com/v5/tlssmssvr`).

A licensed third-party platform: scenario B (no SP licence; contract, lawful
use and PIPL duties apply). `tencentcloudapi.com` alone (CVM, COS, ...) is not SMS."""

from __future__ import annotations

import re
from collections.abc import Iterator

from detectors._cloud_sms import CLOUD_SMS_KINDS, Platform, platform_hits
from scanner import classify as k
from scanner import lazy_re
from scanner.detector import Detector, FileContext, Hit
from scanner.model import Evidence, Example, Precision, Rule, Scenario, Severity

LANGS = ("python", "java", "kotlin", "go", "javascript", "typescript", "php", "csharp")
PROVIDER = "Tencent Cloud"

PLATFORM = Platform(
    provider=PROVIDER,
    imports={
        "tencentcloud.sms": "Tencent Cloud SMS SDK",  # Python
        "com.tencentcloudapi.sms": "Tencent Cloud SMS SDK",  # Java / Kotlin
        "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms": "Tencent Cloud SMS SDK",
        "tencentcloud-sdk-nodejs-sms": "Tencent Cloud SMS SDK",
        "tencentcloud-sdk-nodejs/tencentcloud/services/sms": "Tencent Cloud SMS SDK",
        "TencentCloud.Sms": "Tencent Cloud SMS SDK",  # PHP (use TencentCloud\Sms\...) and C#
        "qcloudsms_py": "qcloudsms (legacy)",
        "com.github.qcloudsms": "qcloudsms (legacy)",
        "Qcloud.Sms": "qcloudsms (legacy)",
        "qcloudsms_js": "qcloudsms (legacy)",
        "qcloudsms": "qcloudsms (legacy)",
    },
    # the umbrella Node SDK counts only when the file reaches `.sms.v2021...`
    umbrella={"tencentcloud-sdk-nodejs": "Tencent Cloud SDK (Node, sms)"},
    umbrella_context=lazy_re.compile(r"\bsms\.v20(?:210111|190711)\b"),
    calls=frozenset(
        {
            "SendSms",
            "SendSmsSync",
            "SendSmsAsync",
            "SendSmsRequest",
            "NewSendSmsRequest",
            "SmsClient",
            "send_with_param",
            "sendWithParam",
            "SmsSingleSender",
            "SmsMultiSender",
            "sms.NewClient",
            "sms.v20210111.Client",
            "sms.v20190711.Client",
        }
    ),
    endpoints=(
        lazy_re.compile(
            r"(?:https?://)?sms\.(?:[a-z0-9-]+\.)?tencentcloudapi\.com(?::\d+)?\b", re.I
        ),
        lazy_re.compile(r"(?:https?://)?yun\.tim\.qq\.com/v5/tlssmssvr\b[\w/]*", re.I),
    ),
)

V2019_KEYS = frozenset(
    {"SmsSdkAppid", "TemplateID", "setSmsSdkAppid", "setTemplateID", "smsSdkAppid", "setSign"}
)
V2021_KEYS = frozenset(
    {"SmsSdkAppId", "TemplateId", "SignName", "setSmsSdkAppId", "setTemplateId", "setSignName"}
)
_TC_ACTION = lazy_re.compile(r"^X-TC-Action$", re.I)
_VERSION_TEXT = lazy_re.compile(r"v20(210111|190711)|20(21-01-11|19-07-11)", re.I)

PIPL_HELP = (
    "**Scenario B duties.** No SP licence is needed to send through a licensed platform, but: the platform must "
    "hold a valid SP licence; a signed service agreement must exist; the privacy policy must disclose the "
    "third-party processing of phone numbers (PIPL); verification codes and message bodies must not be logged, "
    "and message content should be retained no longer than necessary."
)
COMMON = dict(
    help_markdown=PIPL_HELP,
    scenario=Scenario.B,
    severity=Severity.LOW,
    tags=("cloud-sms", "tencent", "pipl"),
)

SMS5001 = Rule(
    id="SMS5001",
    name="TencentCloudSmsSdk",
    short_description="The Tencent Cloud SMS SDK is imported",
    full_description=(
        "The code imports the Tencent Cloud SMS SDK (tencentcloud.sms.v20210111 / v20190711, "
        "com.tencentcloudapi.sms, tencentcloud-sdk-go .../sms, TencentCloud\\Sms, TencentCloud.Sms) or the legacy "
        "qcloudsms SDK: SMS is sent through a licensed platform (scenario B). The `api_version` attribute says "
        "which API generation is used."
    ),
    precision=Precision.VERY_HIGH,
    evidence=Evidence.IMPORT,
    languages=LANGS,
    invalid=(
        Example(
            "from tencentcloud.sms.v20210111 import sms_client, models  # expect: SMS5001\n",
            "notify/sms.py",
        ),
        Example(
            "import com.tencentcloudapi.sms.v20210111.SmsClient; // expect: SMS5001\nclass A {}\n",
            "src/main/java/A.java",
        ),
        Example(
            "package notify\n\nimport com.tencentcloudapi.sms.v20190711.SmsClient // expect: SMS5001\n",
            "src/main/kotlin/notify/Sms.kt",
        ),
        Example(
            "package sms\n\nimport (\n"
            '\t"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"\n'
            '\tsms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111" // expect: SMS5001\n'
            ")\n",
            "internal/sms/tencent.go",
        ),
        Example(
            'const tencentcloud = require("tencentcloud-sdk-nodejs"); // expect: SMS5001\n'
            "const SmsClient = tencentcloud.sms.v20210111.Client;\n",
            "src/sms.js",
        ),
        Example(
            'import { Client } from "tencentcloud-sdk-nodejs-sms/tencentcloud/services/sms/v20210111/sms_client"; // expect: SMS5001\n',
            "src/sms.ts",
        ),
        Example(
            "<?php\nuse TencentCloud\\Sms\\V20210111\\SmsClient; // expect: SMS5001\n"
            "use Qcloud\\Sms\\SmsSingleSender; // expect: SMS5001\n",
            "app/Services/Sms.php",
        ),
        Example(
            "using TencentCloud.Common;\nusing TencentCloud.Sms.V20210111; // expect: SMS5001\n",
            "Services/SmsService.cs",
        ),
    ),
    valid=(
        Example(
            "from tencentcloud.cvm.v20170312 import cvm_client\n",
            "infra.py",
            "another Tencent Cloud product",
        ),
        Example(
            'const tencentcloud = require("tencentcloud-sdk-nodejs");\n'
            "const CvmClient = tencentcloud.cvm.v20170312.Client;\n",
            "infra.js",
            "the umbrella Node SDK used for CVM only",
        ),
        Example(
            "// import com.tencentcloudapi.sms.v20210111.SmsClient;\nclass A {}\n",
            "A.java",
            "a commented-out import",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)

SMS5002 = Rule(
    id="SMS5002",
    name="TencentCloudSmsSend",
    short_description="An SMS is sent through Tencent Cloud SMS",
    full_description=(
        "A Tencent Cloud SMS client or SendSms request is created or SendSms is called (both API generations: "
        "2021-01-11 with SmsSdkAppId/SignName/TemplateId and 2019-07-11 with SmsSdkAppid/Sign/TemplateID; the "
        "`api_version` attribute tells which), or the legacy qcloudsms SmsSingleSender / send_with_param."
    ),
    precision=Precision.HIGH,
    evidence=Evidence.CALL,
    languages=LANGS,
    invalid=(
        Example(
            "from tencentcloud.sms.v20210111 import sms_client, models\n"
            "client = sms_client.SmsClient(cred, 'ap-guangzhou')  # expect: SMS5002\n"
            "req = models.SendSmsRequest()  # expect: SMS5002\n"
            "req.SmsSdkAppId = settings.TENCENT_SMS_APP_ID\n"
            "resp = client.SendSms(req)  # expect: SMS5002\n",
            "notify/sms.py",
        ),
        Example(
            "import com.tencentcloudapi.sms.v20190711.SmsClient;\n"
            "import com.tencentcloudapi.sms.v20190711.models.SendSmsRequest;\n"
            "class Sms { void f() throws Exception {\n"
            '  SmsClient client = new SmsClient(cred, "ap-guangzhou"); // expect: SMS5002\n'
            "  SendSmsRequest req = new SendSmsRequest(); // expect: SMS5002\n"
            "  req.setSmsSdkAppid(appId);\n"
            "  client.SendSms(req); // expect: SMS5002\n} }\n",
            "src/main/java/Sms.java",
        ),
        Example(
            "class TencentSmsSender {\n"
            '  private static final String HOST = "sms.tencentcloudapi.com";\n'
            "  Map<String, Object> send(String phone, String code) {\n"
            '    return call("SendSms", Map.of("PhoneNumberSet", List.of(phone))); // expect: SMS5002\n'
            "  }\n"
            "  private Map<String, Object> call(String action, Map<String, Object> body) {\n"
            '    headers.put("X-TC-Action", action);\n'
            "    return post(HOST, sign(headers, body));\n  }\n}\n",
            "src/main/java/TencentSmsSender.java",
            "hand-signed TC3 client",
        ),
        Example(
            "import com.tencentcloudapi.sms.v20210111.SmsClient\n"
            "import com.tencentcloudapi.sms.v20210111.models.SendSmsRequest\n\n"
            "fun send(phone: String, code: String) {\n"
            '    val client = SmsClient(cred, "ap-guangzhou") // expect: SMS5002\n'
            "    val req = SendSmsRequest() // expect: SMS5002\n"
            "    req.phoneNumberSet = arrayOf(phone)\n"
            "    client.SendSms(req) // expect: SMS5002\n}\n",
            "src/main/kotlin/Sms.kt",
        ),
        Example(
            "package sms\n\nimport (\n"
            '\tsms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"\n)\n\n'
            "func Send(client *sms.Client, phone string) error {\n"
            "\treq := sms.NewSendSmsRequest() // expect: SMS5002\n"
            "\t_, err := client.SendSms(req) // expect: SMS5002\n"
            "\treturn err\n}\n",
            "internal/sms/tencent.go",
        ),
        Example(
            'const tencentcloud = require("tencentcloud-sdk-nodejs");\n'
            "const SmsClient = tencentcloud.sms.v20210111.Client;\n"
            "const client = new SmsClient({ credential, region: 'ap-guangzhou' }); // expect: SMS5002\n"
            "await client.SendSms({ PhoneNumberSet: [phone], SmsSdkAppId: appId }); // expect: SMS5002\n",
            "src/sms.js",
        ),
        Example(
            "async function sendCode(phone, code) {\n"
            "  const tencentcloud = require('tencentcloud-sdk-nodejs');\n"
            "  const smsClient = tencentcloud.sms.v20210111.Client;\n"
            "  const client = new smsClient({ credential, region: 'ap-guangzhou' }); // expect: SMS5002\n"
            "  // await client.SendSms({ PhoneNumberSet: [phone] });\n"
            "  return client.SendSms({ PhoneNumberSet: [phone], TemplateParamSet: [code] }); // expect: SMS5002\n"
            "}\n",
            "server/sms.js",
            "a lower-case alias and a require() inside the function",
        ),
        Example(
            'import * as tencentcloud from "tencentcloud-sdk-nodejs-sms";\n'
            "const client = new tencentcloud.sms.v20210111.Client(config); // expect: SMS5002\n"
            "export const send = (p: string) => client.SendSms({ PhoneNumberSet: [p] }); // expect: SMS5002\n",
            "src/sms.ts",
        ),
        Example(
            "<?php\nuse Qcloud\\Sms\\SmsSingleSender;\n"
            "$ssender = new SmsSingleSender($appid, $appkey); // expect: SMS5002\n"
            '$result = $ssender->sendWithParam("86", $phone, $templateId, [$code], $smsSign); // expect: SMS5002\n',
            "app/Services/Sms.php",
        ),
        Example(
            "using TencentCloud.Sms.V20210111;\nusing TencentCloud.Sms.V20210111.Models;\n"
            "class SmsService { void Send() {\n"
            '  var client = new SmsClient(cred, "ap-guangzhou"); // expect: SMS5002\n'
            "  var req = new SendSmsRequest(); // expect: SMS5002\n"
            "  var resp = client.SendSmsSync(req); // expect: SMS5002\n} }\n",
            "Services/SmsService.cs",
        ),
    ),
    valid=(
        Example("client.SendSms(req)\n", "x.py", "no Tencent SMS import"),
        Example(
            'class Audit { void f() { request("SendSms", body); } }\n',
            "src/main/java/Audit.java",
            "an action name without any Tencent SMS endpoint in the file",
        ),
        Example(
            "from tencentcloud.cvm.v20170312 import cvm_client\nclient = cvm_client.CvmClient(cred, 'ap-guangzhou')\n",
            "infra.py",
            "CVM client",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)

SMS5003 = Rule(
    id="SMS5003",
    name="TencentCloudSmsEndpoint",
    short_description="Tencent Cloud SMS is called over HTTP (endpoint or hand-signed request)",
    full_description=(
        "A Tencent Cloud SMS endpoint appears as a literal (`sms.tencentcloudapi.com`, the legacy "
        "`yun.tim.qq.com/v5/tlssmssvr/...`) or a hand-signed TC3-HMAC-SHA256 request sets "
        "`X-TC-Action: SendSms`. Other tencentcloudapi.com products (cvm, cos, ...) are not SMS."
    ),
    precision=Precision.HIGH,
    evidence=Evidence.ENDPOINT,
    languages=(*LANGS, "yaml", "properties"),
    invalid=(
        Example(
            "headers = {\n"
            '    "Authorization": authorization,\n'
            '    "Host": "sms.tencentcloudapi.com",  # expect: SMS5003\n'
            '    "X-TC-Action": "SendSms",  # expect: SMS5003\n'
            '    "X-TC-Version": "2021-01-11",\n'
            "}\n",
            "sms/tc3.py",
        ),
        Example(
            'class Qcloud { static final String URL = "https://yun.tim.qq.com/v5/tlssmssvr/sendsms"; } // expect: SMS5003\n',
            "src/main/java/Qcloud.java",
        ),
        Example(
            'const val SMS_HOST = "sms.tencentcloudapi.com" // expect: SMS5003\n',
            "src/main/kotlin/Config.kt",
        ),
        Example(
            'package sms\n\nconst host = "sms.tencentcloudapi.com" // expect: SMS5003\n',
            "sms/host.go",
        ),
        Example(
            'const endpoint = "sms.tencentcloudapi.com"; // expect: SMS5003\n',
            "src/endpoint.js",
        ),
        Example(
            "const headers = {\n"
            '  "X-TC-Action": "SendSms", // expect: SMS5003\n'
            '  "X-TC-Version": "2021-01-11",\n};\n',
            "src/tc3.ts",
        ),
        Example(
            "<?php\n$url = 'https://yun.tim.qq.com/v5/tlssmssvr/sendsms?sdkappid=' . $appid; // expect: SMS5003\n",
            "legacy/sms.php",
        ),
        Example(
            'class C { const string Endpoint = "sms.tencentcloudapi.com"; } // expect: SMS5003\n',
            "Config.cs",
        ),
        Example(
            "tencent:\n  sms:\n    endpoint: sms.tencentcloudapi.com # expect: SMS5003\n",
            "application.yml",
        ),
        Example(
            "tencent.sms.endpoint=sms.tencentcloudapi.com # expect: SMS5003\n",
            "application.properties",
        ),
    ),
    valid=(
        Example(
            'endpoint = "cvm.tencentcloudapi.com"\nheaders = {"X-TC-Action": "DescribeInstances"}\n',
            "infra.py",
            "tencentcloudapi.com alone is not SMS",
        ),
        Example(
            "tencent:\n  cos:\n    endpoint: cos.ap-guangzhou.myqcloud.com\n",
            "application.yml",
            "Tencent COS object storage",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)


def api_version(ctx: FileContext) -> str:
    mods = " ".join(i.module for i in ctx.facts.imports).lower()
    v19, v21 = "v20190711" in mods, "v20210111" in mods
    if v19 != v21:
        return "2019-07-11" if v19 else "2021-01-11"
    f = ctx.facts
    names = {a.key for a in f.assignments} | {c.name for c in f.calls}
    names |= {a.name for c in f.calls for a in c.args if a.name}
    if names & V2019_KEYS and not names & V2021_KEYS:
        return "2019-07-11"
    if names & V2021_KEYS and not names & V2019_KEYS:
        return "2021-01-11"
    found = {m.group(1) or m.group(2) for m in _VERSION_TEXT.finditer(ctx.text)}
    if found == {"210111"} or found == {"21-01-11"} or found == {"210111", "21-01-11"}:
        return "2021-01-11"
    if found and found <= {"190711", "19-07-11"}:
        return "2019-07-11"
    return ""


# Node: `const smsClient = tencentcloud.sms.v20210111.Client; new smsClient({...})`
_NODE_ALIAS = lazy_re.compile(r"\b(\w+)\s*=\s*[\w$]+\.sms\.v20(?:210111|190711)\.Client\b")


def _aliased_clients(ctx: FileContext, extra: tuple[tuple[str, str], ...]) -> Iterator[Hit]:
    if ctx.kind not in (k.JAVASCRIPT, k.TYPESCRIPT, k.TSX):
        return
    aliases = {
        m.group(1)
        for m in _NODE_ALIAS.finditer(ctx.text)
        if not ctx.in_comment(ctx.span(m.start(), m.end()))
    }
    aliases -= set(PLATFORM.calls)
    for call in ctx.facts.calls:
        if call.is_new and call.callee in aliases:
            yield Hit(
                "SMS5002",
                call.span,
                f"Tencent Cloud SMS: new {call.callee}() (sms client)",
                attributes=(("provider", PROVIDER), ("protocol", "http"), *extra),
                key=f"{PROVIDER}:new:{call.callee}",
            )


def _action_calls(ctx: FileContext, extra: tuple[tuple[str, str], ...]) -> Iterator[Hit]:
    """Hand-signed clients: `request("SendSms", body)` in a file that talks to the SMS API."""
    for call in ctx.facts.calls:
        if call.name in PLATFORM.calls or not call.args or call.args[0].value != "SendSms":
            continue
        yield Hit(
            "SMS5002",
            call.span,
            f"Tencent Cloud SMS: {call.name}('SendSms') (hand-signed request)",
            attributes=(
                ("provider", PROVIDER),
                ("protocol", "http"),
                ("library", "hand-signed TC3"),
                *extra,
            ),
            key=f"{PROVIDER}:{call.callee}:SendSms",
        )


def check(ctx: FileContext) -> Iterator[Hit]:
    version = api_version(ctx)
    extra = (("api_version", version),) if version else ()
    hits = list(platform_hits(ctx, PLATFORM, "SMS5001", "SMS5002", "SMS5003", extra))
    yield from hits
    yield from _aliased_clients(ctx, extra)
    sms_http = any(h.rule_id == "SMS5003" for h in hits)
    lits = ctx.facts.literals
    if any(lit.value == "SendSms" for lit in lits):
        for lit in lits:
            if _TC_ACTION.match(lit.value):
                sms_http = True
                yield Hit(
                    "SMS5003",
                    lit.span,
                    "Tencent Cloud SMS: hand-signed request with X-TC-Action: SendSms",
                    attributes=(("provider", PROVIDER), ("protocol", "http"), *extra),
                    key="Tencent Cloud:X-TC-Action:SendSms",
                )
    if sms_http:
        yield from _action_calls(ctx, extra)


DETECTOR = Detector(
    name="tencent_sms",
    rules=(SMS5001, SMS5002, SMS5003),
    kinds=CLOUD_SMS_KINDS,
    check=check,
    anchors=("tencentcloud", "qcloudsms", "Qcloud\\Sms", "tlssmssvr", "X-TC-Action"),
    description=__doc__ or "",
)
