"""Huawei Cloud SMS (华为云消息&短信, MSGSMS / SMSApi): the SMSApi SDKs
(Python huaweicloudsdksmsapi, Java com.huaweicloud.sdk.smsapi, Go
huaweicloud-sdk-go-v3/services/smsapi) and the hand-written REST calls
(`/sms/batchSendSms/v1`, `/sms/batchSendDiffSms/v1` on smsapi.*.myhuaweicloud.com,
api.rtc.huaweicloud.com:10443, rtcsms.*) signed with the `X-WSSE`
UsernameToken header (`WSSE realm="SDP"`).

A licensed platform: scenario B. The "sender" signature channel number in the
Huawei configuration (e.g. 8823...) is not a carrier service number."""

from __future__ import annotations

import re
from collections.abc import Iterator

from detectors._cloud_sms import CLOUD_SMS_KINDS, Platform, platform_hits
from detectors.tencent_sms import PIPL_HELP
from scanner import lazy_re
from scanner.detector import Detector, FileContext, Hit
from scanner.model import Evidence, Example, Precision, Rule, Scenario, Severity

SDK_LANGS = ("python", "java", "go")
REST_LANGS = ("python", "java", "kotlin", "go", "javascript", "typescript", "php", "csharp")
PROVIDER = "Huawei Cloud"

PLATFORM = Platform(
    provider=PROVIDER,
    imports={
        "huaweicloudsdksmsapi": "Huawei Cloud SMSApi SDK",
        "com.huaweicloud.sdk.smsapi": "Huawei Cloud SMSApi SDK",
        "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/smsapi": "Huawei Cloud SMSApi SDK",
    },
    calls=frozenset(
        {
            "SMSApiClient",
            "NewSMSApiClient",
            "SMSApiClientBuilder",
            "SMSApiClient.new_builder",
            "SMSApiClient.newBuilder",
            "BatchSendSmsRequest",
            "BatchSendDiffSmsRequest",
            "batch_send_sms",
            "batch_send_diff_sms",
            "batchSendSms",
            "batchSendDiffSms",
            "BatchSendSms",
            "BatchSendDiffSms",
        }
    ),
    endpoints=(
        lazy_re.compile(r"/sms/batchSend(?:Diff)?Sms(?:ViaTemplate)?/v1\b"),
        lazy_re.compile(
            r"(?:https?://)?(?:smsapi|rtcsms)\.[a-z0-9-]+\.myhuaweicloud\.com(?::\d+)?", re.I
        ),
        lazy_re.compile(r"(?:https?://)?api\.rtc\.huaweicloud\.com(?::\d+)?", re.I),
        lazy_re.compile(r"""WSSE\s+realm=\\?["']?SDP\\?["']?"""),
    ),
)

COMMON = dict(
    help_markdown=PIPL_HELP,
    scenario=Scenario.B,
    severity=Severity.LOW,
    tags=("cloud-sms", "huawei", "pipl"),
)

SMS5021 = Rule(
    id="SMS5021",
    name="HuaweiCloudSmsSdk",
    short_description="The Huawei Cloud SMS (SMSApi) SDK is imported",
    full_description=(
        "The code imports the Huawei Cloud SMSApi SDK (huaweicloudsdksmsapi, com.huaweicloud.sdk.smsapi, "
        "huaweicloud-sdk-go-v3/services/smsapi): SMS is sent through a licensed platform (scenario B)."
    ),
    precision=Precision.VERY_HIGH,
    evidence=Evidence.IMPORT,
    languages=SDK_LANGS,
    invalid=(
        Example(
            "from huaweicloudsdkcore.auth.credentials import BasicCredentials\n"
            "from huaweicloudsdksmsapi.v1 import SMSApiClient, BatchSendSmsRequest  # expect: SMS5021\n",
            "notify/huawei.py",
        ),
        Example(
            "import com.huaweicloud.sdk.smsapi.v1.SMSApiClient; // expect: SMS5021\nclass H {}\n",
            "src/main/java/H.java",
        ),
        Example(
            "package sms\n\nimport (\n"
            '\tsmsapi "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/smsapi/v1" // expect: SMS5021\n)\n',
            "sms/huawei.go",
        ),
    ),
    valid=(
        Example(
            "from huaweicloudsdkecs.v2 import EcsClient\n",
            "infra.py",
            "another Huawei Cloud product",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)

SMS5022 = Rule(
    id="SMS5022",
    name="HuaweiCloudSmsSend",
    short_description="An SMS is sent through the Huawei Cloud SMSApi SDK",
    full_description="An SMSApi client is built or batchSendSms / batchSendDiffSms is called.",
    precision=Precision.HIGH,
    evidence=Evidence.CALL,
    languages=SDK_LANGS,
    invalid=(
        Example(
            "from huaweicloudsdksmsapi.v1 import *\n"
            "request = BatchSendSmsRequest(body=body)  # expect: SMS5022\n"
            "response = client.batch_send_sms(request)  # expect: SMS5022\n",
            "notify/huawei.py",
        ),
        Example(
            "import com.huaweicloud.sdk.smsapi.v1.SMSApiClient;\n"
            "import com.huaweicloud.sdk.smsapi.v1.model.*;\n"
            "class H { void f(SMSApiClient client) {\n"
            "  BatchSendSmsRequest request = new BatchSendSmsRequest(); // expect: SMS5022\n"
            "  client.batchSendSms(request); // expect: SMS5022\n} }\n",
            "src/main/java/H.java",
        ),
        Example(
            "package sms\n\nimport (\n"
            '\tsmsapi "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/smsapi/v1"\n'
            '\t"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/smsapi/v1/model"\n)\n\n'
            "func Send(c *smsapi.SMSApiClient, req *model.BatchSendSmsRequest) error {\n"
            "\t_, err := c.BatchSendSms(req) // expect: SMS5022\n"
            "\treturn err\n}\n",
            "sms/huawei.go",
        ),
    ),
    valid=(Example("client.batch_send_sms(req)\n", "x.py", "no Huawei SMS import"),),
    **COMMON,  # type: ignore[arg-type]
)

SMS5023 = Rule(
    id="SMS5023",
    name="HuaweiCloudSmsRest",
    short_description="Huawei Cloud SMS is called over REST (endpoint, path or WSSE realm SDP)",
    full_description=(
        "A Huawei Cloud SMS REST call is built by hand: the `/sms/batchSendSms/v1` or "
        "`/sms/batchSendDiffSms/v1` path, an SMS host (smsapi.<region>.myhuaweicloud.com, "
        'api.rtc.huaweicloud.com:10443, rtcsms.<region>.myhuaweicloud.com) or the `WSSE realm="SDP"` '
        "Authorization header of the X-WSSE UsernameToken scheme. A generic X-WSSE header without "
        'realm="SDP" (Symfony and other WSSE APIs) is not reported.'
    ),
    precision=Precision.HIGH,
    evidence=Evidence.ENDPOINT,
    languages=(*REST_LANGS, "yaml", "properties"),
    invalid=(
        Example(
            "url = 'https://smsapi.cn-north-4.myhuaweicloud.com:443/sms/batchSendSms/v1'  # expect: SMS5023\n"
            "headers = {\n"
            '    \'Authorization\': \'WSSE realm="SDP",profile="UsernameToken",type="Appkey"\',  # expect: SMS5023\n'
            "    'X-WSSE': build_wsse_header(app_key, app_secret),\n"
            "}\n",
            "notify/huawei_rest.py",
        ),
        Example(
            "class HuaweiSms {\n"
            '  static final String URL = "https://api.rtc.huaweicloud.com:10443/sms/batchSendSms/v1"; // expect: SMS5023\n'
            '  static final String AUTH = "WSSE realm=\\"SDP\\",profile=\\"UsernameToken\\",type=\\"Appkey\\""; // expect: SMS5023\n'
            "}\n",
            "src/main/java/HuaweiSms.java",
        ),
        Example(
            'const val BATCH_SEND = "/sms/batchSendSms/v1" // expect: SMS5023\n',
            "src/main/kotlin/Huawei.kt",
        ),
        Example(
            'package sms\n\nconst apiPath = "/sms/batchSendDiffSms/v1" // expect: SMS5023\n',
            "sms/huawei_rest.go",
        ),
        Example(
            "const url = 'https://smsapi.cn-north-4.myhuaweicloud.com:443/sms/batchSendSms/v1'; // expect: SMS5023\n",
            "lib/huawei.js",
        ),
        Example(
            "const base = process.env.HUAWEI_SMS_ENDPOINT;\n"
            "const res = await fetch(`${base}/sms/batchSendSms/v1`, { method: 'POST' }); // expect: SMS5023\n",
            "src/huawei.ts",
        ),
        Example(
            "<?php\nconst ENDPOINT_URL = 'https://api.rtc.huaweicloud.com:10443/sms/batchSendSms/v1'; // expect: SMS5023\n",
            "app/HuaweiSms.php",
        ),
        Example(
            'class H { const string Path = "/sms/batchSendSms/v1"; } // expect: SMS5023\n',
            "Sms/Huawei.cs",
        ),
        Example(
            "huawei:\n  sms:\n    url: https://smsapi.cn-north-4.myhuaweicloud.com:443 # expect: SMS5023\n"
            "    sender: '8823091128903'\n",
            "application.yml",
        ),
        Example(
            "huawei.sms.url=https://smsapi.cn-north-4.myhuaweicloud.com:443 # expect: SMS5023\n",
            "application.properties",
        ),
    ),
    valid=(
        Example(
            "headers = {'X-WSSE': wsse, 'Authorization': 'WSSE profile=\"UsernameToken\"'}\n",
            "api_client.py",
            "a generic WSSE API, not Huawei SMS",
        ),
        Example(
            "obs:\n  endpoint: obs.cn-north-4.myhuaweicloud.com\n",
            "application.yml",
            "Huawei OBS storage is not SMS",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)


def check(ctx: FileContext) -> Iterator[Hit]:
    heads: set[tuple[int, int]] = set()
    for hit in platform_hits(ctx, PLATFORM, "SMS5021", "SMS5022", "SMS5023"):
        if hit.rule_id == "SMS5022":
            pos = (hit.span.start_line, hit.span.start_column)
            if pos in heads:
                continue  # a chained builder reported once per chain
            heads.add(pos)
        yield hit


# `realm=` (an anchor, for the WSSE header) is in every HTTP auth module: the gate asks
# for an SDK import or an endpoint pattern, as the platform detector's does
def gate(text: str, kind: str, _name: str) -> bool:
    from detectors._regex_cores import fold
    from detectors.sms_platforms import need_of

    return need_of(PLATFORM).possible(text, fold(text), kind)


DETECTOR = Detector(
    name="huawei_sms",
    rules=(SMS5021, SMS5022, SMS5023),
    kinds=CLOUD_SMS_KINDS,
    check=check,
    anchors=("smsapi", "batchSendSms", "batchSendDiffSms", "rtc.huaweicloud", "realm="),
    gate=gate,
    description=__doc__ or "",
)
