"""Alibaba Cloud SMS (阿里云短信, Dysmsapi): the new SDKs (alibabacloud_*,
com.aliyun.dysmsapi20170525, @alicloud/dysmsapi20170525, alibabacloud-go
dysmsapi, AlibabaCloud\\SDK\\Dysmsapi), the old ones (aliyunsdk*,
com.aliyuncs.dysmsapi, alibaba-cloud-sdk-go services/dysmsapi, PHP
`AlibabaCloud::rpc()->product('Dysmsapi')`), `CommonRequest` with
`setSysDomain("dysmsapi.aliyuncs.com")` / `setSysAction("SendSms")`, Dypns
(SendSmsVerifyCode), the international API (SendMessageWithTemplate), legacy
Alidayu (`alibaba.aliqin.fc.sms.num.send`) and hand-signed HTTP to these hosts.

A licensed platform: scenario B. `aliyuncs.com` alone (OSS, ECS, ...) is not SMS."""

from __future__ import annotations

import re
from collections.abc import Iterator

from detectors._cloud_sms import CLOUD_SMS_KINDS, Platform, platform_hits
from detectors.tencent_sms import PIPL_HELP
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

LANGS = ("python", "java", "kotlin", "go", "javascript", "typescript", "php", "csharp")
PROVIDER = "Alibaba Cloud"

_ENDPOINTS = (
    # dysmsapi.aliyuncs.com, dysmsapi.ap-southeast-1..., dysmsapi-proxy.cn-beijing... (SDK endpoint map)
    lazy_re.compile(r"(?:https?://)?dysmsapi(?:-[a-z]+)?(?:\.[a-z0-9-]+)?\.aliyuncs\.com\b", re.I),
    lazy_re.compile(r"(?:https?://)?dypnsapi(?:\.[a-z0-9-]+)?\.aliyuncs\.com\b", re.I),
    lazy_re.compile(r"\balibaba\.aliqin\.fc\.sms\.num\.send\b"),
)
PLATFORM = Platform(
    provider=PROVIDER,
    imports={
        # new SDKs (generated from the 2017-05-25 / 2018-05-01 APIs)
        "alibabacloud_dysmsapi20170525": "Alibaba Cloud SMS SDK (Dysmsapi)",
        "alibabacloud_dysmsapi20180501": "Alibaba Cloud SMS SDK (international)",
        "alibabacloud_dypnsapi20170525": "Alibaba Cloud Dypns SMS verification",
        "com.aliyun.dysmsapi20170525": "Alibaba Cloud SMS SDK (Dysmsapi)",
        "com.aliyun.dysmsapi20180501": "Alibaba Cloud SMS SDK (international)",
        "com.aliyun.dypnsapi20170525": "Alibaba Cloud Dypns SMS verification",
        "@alicloud/dysmsapi20170525": "Alibaba Cloud SMS SDK (Dysmsapi)",
        "@alicloud/dysmsapi20180501": "Alibaba Cloud SMS SDK (international)",
        "@alicloud/dypnsapi20170525": "Alibaba Cloud Dypns SMS verification",
        "@alicloud/dysmsapi-2017-05-25": "Alibaba Cloud SMS SDK (Dysmsapi)",
        "@alicloud/sms-sdk": "Alibaba Cloud SMS SDK (old Node)",
        "github.com/alibabacloud-go/dysmsapi-20170525": "Alibaba Cloud SMS SDK (Dysmsapi)",
        "github.com/alibabacloud-go/dysmsapi-20180501": "Alibaba Cloud SMS SDK (international)",
        "github.com/alibabacloud-go/dypnsapi-20170525": "Alibaba Cloud Dypns SMS verification",
        "AlibabaCloud.SDK.Dysmsapi": "Alibaba Cloud SMS SDK (Dysmsapi)",  # PHP namespace
        "AlibabaCloud.SDK.Dysmsapi20170525": "Alibaba Cloud SMS SDK (Dysmsapi)",  # C#
        "AlibabaCloud.SDK.Dypnsapi": "Alibaba Cloud Dypns SMS verification",
        "AlibabaCloud.SDK.Dypnsapi20170525": "Alibaba Cloud Dypns SMS verification",
        # old SDKs
        "aliyunsdkdysmsapi": "Alibaba Cloud SMS SDK (old)",
        "aliyunsdkdypnsapi": "Alibaba Cloud Dypns SMS verification (old)",
        "com.aliyuncs.dysmsapi": "Alibaba Cloud SMS SDK (old)",
        "github.com/aliyun/alibaba-cloud-sdk-go/services/dysmsapi": "Alibaba Cloud SMS SDK (old)",
        "Aliyun.Acs.Dysmsapi": "Alibaba Cloud SMS SDK (old)",
        "com.alibaba.alicloud.sms": "Spring Cloud Alibaba SMS",
    },
    calls=frozenset(
        {
            "send_sms",
            "send_sms_with_options",
            "send_sms_async",
            "send_sms_with_options_async",
            "send_batch_sms",
            "SendSmsRequest",
            "SendBatchSmsRequest",
            "sendSms",
            "sendSmsWithOptions",
            "sendBatchSms",
            "SendSms",
            "SendSmsWithOptions",
            "CreateSendSmsRequest",
            "SendSmsVerifyCodeRequest",
            "sendSmsVerifyCode",
            "send_sms_verify_code",
            "SendSmsVerifyCode",
            "SendMessageWithTemplateRequest",
            "sendMessageWithTemplate",
            "send_message_with_template",
            "SendMessageWithTemplate",
            "SendSmsAsync",
            "dysmsapi.NewClient",
            "dysmsapi.NewClientWithAccessKey",
            "dysmsapi20170525.NewClient",
        }
    ),
    endpoints=_ENDPOINTS,
)
# action names in CommonRequest / RPC / pop-core calls
SMS_ACTIONS = frozenset(
    {
        "SendSms",
        "SendBatchSms",
        "SendSmsVerifyCode",
        "SendMessageWithTemplate",
        "SendMessageToGlobe",
        "alibaba.aliqin.fc.sms.num.send",
    }
)
ACTION_SETTERS = frozenset(
    {"setSysAction", "setActionName", "set_action_name", "action", "request", "setMethod"}
)
PRODUCT_CALLS = frozenset({"product", "setSysProduct", "set_product"})

COMMON = dict(
    help_markdown=PIPL_HELP,
    scenario=Scenario.B,
    severity=Severity.LOW,
    tags=("cloud-sms", "alibaba", "pipl"),
)

SMS5011 = Rule(
    id="SMS5011",
    name="AliyunSmsSdk",
    short_description="The Alibaba Cloud SMS (Dysmsapi) SDK is imported",
    full_description=(
        "The code imports an Alibaba Cloud SMS SDK (alibabacloud_dysmsapi20170525, aliyunsdkdysmsapi, "
        "com.aliyun.dysmsapi20170525, com.aliyuncs.dysmsapi, @alicloud/dysmsapi20170525, alibabacloud-go "
        "dysmsapi, AlibabaCloud\\SDK\\Dysmsapi, Dypns, the international 2018-05-01 API): SMS is sent through a "
        "licensed platform (scenario B). Other Alibaba Cloud products (OSS, ECS) are not SMS and are not reported."
    ),
    precision=Precision.VERY_HIGH,
    evidence=Evidence.IMPORT,
    languages=LANGS,
    invalid=(
        Example(
            "from alibabacloud_dysmsapi20170525.client import Client as Dysmsapi20170525Client  # expect: SMS5011\n"
            "from aliyunsdkdysmsapi.request.v20170525 import SendSmsRequest  # expect: SMS5011\n",
            "sms.py",
        ),
        Example(
            "import com.aliyun.dysmsapi20170525.Client; // expect: SMS5011\n"
            "import com.aliyuncs.dysmsapi.model.v20170525.SendSmsRequest; // expect: SMS5011\nclass A {}\n",
            "src/main/java/A.java",
        ),
        Example(
            "import com.aliyun.dysmsapi20170525.models.SendSmsRequest // expect: SMS5011\n",
            "src/main/kotlin/Sms.kt",
        ),
        Example(
            "package sms\n\nimport (\n"
            '\tdysmsapi "github.com/alibabacloud-go/dysmsapi-20170525/v4/client" // expect: SMS5011\n'
            '\t"github.com/aliyun/alibaba-cloud-sdk-go/services/dysmsapi" // expect: SMS5011\n)\n',
            "sms/aliyun.go",
        ),
        Example(
            "const Dysmsapi = require('@alicloud/dysmsapi20170525'); // expect: SMS5011\n",
            "lib/sms.js",
        ),
        Example(
            "import Dysmsapi20170525, * as $Dysmsapi from '@alicloud/dysmsapi20170525'; // expect: SMS5011\n",
            "src/sms.ts",
        ),
        Example(
            "<?php\nuse AlibabaCloud\\SDK\\Dysmsapi\\V20170525\\Dysmsapi; // expect: SMS5011\n",
            "app/Sms.php",
        ),
        Example(
            "using AlibabaCloud.SDK.Dysmsapi20170525.Models; // expect: SMS5011\n",
            "Sms/AliyunSms.cs",
        ),
    ),
    valid=(
        Example(
            "import oss2\nfrom aliyunsdkcore.client import AcsClient\n",
            "upload.py",
            "OSS / core only: not SMS",
        ),
        Example("import com.aliyun.oss.OSSClient;\nclass A {}\n", "A.java"),
        Example(
            'package infra\n\nimport "github.com/alibabacloud-go/ecs-20140526/v4/client"\n',
            "infra/ecs.go",
            "ECS is not SMS",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)

SMS5012 = Rule(
    id="SMS5012",
    name="AliyunSmsSend",
    short_description="An SMS is sent through Alibaba Cloud SMS",
    full_description=(
        "An Alibaba Cloud SMS request is built or sent: SendSmsRequest, send_sms / sendSms / SendSms, "
        "SendBatchSms, SendSmsVerifyCode (Dypns), SendMessageWithTemplate (international), or a generic "
        "CommonRequest / RPC / pop-core request whose action is SendSms against the SMS product."
    ),
    precision=Precision.HIGH,
    evidence=Evidence.CALL,
    languages=LANGS,
    invalid=(
        Example(
            "from alibabacloud_dysmsapi20170525 import models as dysms_models\n"
            "req = dysms_models.SendSmsRequest(phone_numbers=phone, sign_name='Acme', template_code='SMS_123456789')  # expect: SMS5012\n"
            "client.send_sms_with_options(req, runtime)  # expect: SMS5012\n",
            "sms.py",
        ),
        Example(
            "import com.aliyuncs.CommonRequest;\nimport com.aliyuncs.http.MethodType;\n"
            "class S { void f() throws Exception {\n"
            "  CommonRequest request = new CommonRequest();\n"
            '  request.setSysDomain("dysmsapi.aliyuncs.com");\n'
            '  request.setSysVersion("2017-05-25");\n'
            '  request.setSysAction("SendSms"); // expect: SMS5012\n'
            "  client.getCommonResponse(request);\n} }\n",
            "src/main/java/S.java",
        ),
        Example(
            "import com.aliyun.dysmsapi20170525.Client\n"
            "import com.aliyun.dysmsapi20170525.models.SendSmsRequest\n"
            "fun send(client: Client, phone: String) {\n"
            "    val req = SendSmsRequest().setPhoneNumbers(phone) // expect: SMS5012\n"
            "    client.sendSms(req) // expect: SMS5012\n}\n",
            "src/main/kotlin/Sms.kt",
        ),
        Example(
            "package sms\n\nimport (\n"
            '\t"github.com/aliyun/alibaba-cloud-sdk-go/services/dysmsapi"\n)\n\n'
            "func Send(client *dysmsapi.Client, phone string) error {\n"
            "\trequest := dysmsapi.CreateSendSmsRequest() // expect: SMS5012\n"
            "\trequest.PhoneNumbers = phone\n"
            "\t_, err := client.SendSms(request) // expect: SMS5012\n"
            "\treturn err\n}\n",
            "sms/aliyun.go",
        ),
        Example(
            "const Core = require('@alicloud/pop-core');\n"
            "const client = new Core({ endpoint: 'https://dysmsapi.aliyuncs.com', apiVersion: '2017-05-25' });\n"
            "await client.request('SendSms', params, { method: 'POST' }); // expect: SMS5012\n",
            "lib/sms.js",
        ),
        Example(
            "import Dysmsapi20170525, * as $Dysmsapi from '@alicloud/dysmsapi20170525';\n"
            "const req = new $Dysmsapi.SendSmsRequest({ phoneNumbers: phone }); // expect: SMS5012\n"
            "await client.sendSmsWithOptions(req, runtime); // expect: SMS5012\n",
            "src/sms.ts",
        ),
        Example(
            "<?php\nuse AlibabaCloud\\Client\\AlibabaCloud;\n"
            "$result = AlibabaCloud::rpc()\n"
            "    ->product('Dysmsapi')\n"
            "    ->version('2017-05-25')\n"
            "    ->action('SendSms') // expect: SMS5012\n"
            "    ->method('POST')\n"
            "    ->request();\n",
            "app/Sms.php",
        ),
        Example(
            "using AlibabaCloud.SDK.Dysmsapi20170525.Models;\n"
            "class AliyunSms { void Send() {\n"
            "  var req = new SendSmsRequest { PhoneNumbers = phone }; // expect: SMS5012\n"
            "  client.SendSms(req); // expect: SMS5012\n} }\n",
            "Sms/AliyunSms.cs",
        ),
    ),
    valid=(
        Example("client.send_sms(req)\n", "x.py", "no Alibaba SMS import"),
        Example(
            "import com.aliyuncs.CommonRequest;\n"
            "class E { void f() {\n"
            "  CommonRequest request = new CommonRequest();\n"
            '  request.setSysDomain("ecs.aliyuncs.com");\n'
            '  request.setSysAction("DescribeInstances");\n} }\n',
            "E.java",
            "CommonRequest to ECS",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)

SMS5013 = Rule(
    id="SMS5013",
    name="AliyunSmsEndpoint",
    short_description="Alibaba Cloud SMS is called over HTTP (endpoint literal)",
    full_description=(
        "An Alibaba Cloud SMS endpoint appears as a literal: `dysmsapi.aliyuncs.com` (also regional and "
        "international `dysmsapi.ap-southeast-1.aliyuncs.com`), `dypnsapi.aliyuncs.com`, or the legacy Alidayu "
        "method `alibaba.aliqin.fc.sms.num.send` (gw.api.taobao.com / eco.taobao.com). Other aliyuncs.com hosts "
        "(OSS, ECS) and taobao.com alone are not reported."
    ),
    precision=Precision.HIGH,
    evidence=Evidence.ENDPOINT,
    languages=(*LANGS, "yaml", "properties"),
    invalid=(
        Example(
            "from alibabacloud_tea_openapi import models as open_api_models\n"
            "config = open_api_models.Config(access_key_id=ak, access_key_secret=sk)\n"
            "config.endpoint = 'dysmsapi.aliyuncs.com'  # expect: SMS5013\n",
            "sms.py",
        ),
        Example(
            'class S { void f() { request.setSysDomain("dysmsapi.aliyuncs.com"); } } // expect: SMS5013\n',
            "src/main/java/S.java",
        ),
        Example(
            'val config = Config().setEndpoint("dysmsapi.ap-southeast-1.aliyuncs.com") // expect: SMS5013\n',
            "src/main/kotlin/Intl.kt",
        ),
        Example(
            'package sms\n\nvar endpoint = tea.String("dypnsapi.aliyuncs.com") // expect: SMS5013\n',
            "sms/dypns.go",
        ),
        Example(
            "const params = { method: 'alibaba.aliqin.fc.sms.num.send', app_key: appKey }; // expect: SMS5013\n"
            "await axios.post('https://eco.taobao.com/router/rest', qs.stringify(params));\n",
            "legacy/alidayu.js",
        ),
        Example(
            "const url = `https://dysmsapi.aliyuncs.com/?${query}`; // expect: SMS5013\n",
            "src/signed.ts",
        ),
        Example(
            "<?php\n$response = $http->get('https://dysmsapi.aliyuncs.com/', ['query' => $params]); // expect: SMS5013\n",
            "app/Sms.php",
        ),
        Example(
            'class C { const string Endpoint = "dysmsapi.aliyuncs.com"; } // expect: SMS5013\n',
            "Config.cs",
        ),
        Example(
            "aliyun:\n  sms:\n    endpoint: dysmsapi.aliyuncs.com # expect: SMS5013\n",
            "application.yml",
        ),
        Example(
            "aliyun.sms.endpoint=dysmsapi.aliyuncs.com # expect: SMS5013\n",
            "application.properties",
        ),
    ),
    valid=(
        Example(
            "aliyun:\n  oss:\n    endpoint: oss-cn-hangzhou.aliyuncs.com\n  ecs:\n    endpoint: ecs.aliyuncs.com\n",
            "application.yml",
            "aliyuncs.com alone is not SMS",
        ),
        Example(
            "r = requests.get('https://eco.taobao.com/router/rest', params={'method': 'taobao.item.get'})\n",
            "shop.py",
            "a Taobao API call that is not Alidayu SMS",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)


def _sms_context(ctx: FileContext) -> bool:
    f = ctx.facts
    if any(pat.search(lit.value) for lit in f.literals for pat in _ENDPOINTS):
        return True
    return any(
        c.name in PRODUCT_CALLS and c.args and (c.args[0].value or "").lower() == "dysmsapi"
        for c in f.calls
    )


def check(ctx: FileContext) -> Iterator[Hit]:
    hits = list(platform_hits(ctx, PLATFORM, "SMS5011", "SMS5012", "SMS5013"))
    yield from hits
    has_import = any(h.rule_id == "SMS5011" for h in hits)
    if not (has_import or _sms_context(ctx)):
        return
    seen = {(h.span.start_line, h.span.start_column) for h in hits if h.rule_id == "SMS5012"}
    for call in ctx.facts.calls:
        if call.name in ACTION_SETTERS and call.args and call.args[0].value in SMS_ACTIONS:
            if (call.span.start_line, call.span.start_column) in seen:
                continue
            span = call.span
            for lit in ctx.facts.literals:
                if lit.value == call.args[0].value and call.span <= lit.span <= Span(
                    call.span.end_line,
                    call.span.end_column,
                    call.span.end_line,
                    call.span.end_column,
                ):
                    span = lit.span
                    break
            yield Hit(
                "SMS5012",
                span,
                f"Alibaba Cloud SMS: {call.name}('{call.args[0].value}')",
                confidence=Confidence.HIGH,
                attributes=(
                    ("provider", PROVIDER),
                    ("protocol", "http"),
                    ("library", "generic request"),
                ),
                key=f"{PROVIDER}:{call.name}:{call.args[0].value}",
            )


DETECTOR = Detector(
    name="aliyun_sms",
    rules=(SMS5011, SMS5012, SMS5013),
    kinds=CLOUD_SMS_KINDS,
    check=check,
    anchors=("dysmsapi", "dypnsapi", "alicloud.sms", "aliqin.fc.sms"),
    description=__doc__ or "",
)
