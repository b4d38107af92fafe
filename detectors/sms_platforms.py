"""Licensed SMS platforms other than Tencent / Alibaba / Huawei Cloud, driven by
the table in `_sms_platform_table`: Baidu, Volcengine, JD Cloud, Qiniu, UCloud,
Yunpian, Ronglian (cloopen), Submail, Luosimao, Twilio, Vonage/Nexmo, AWS SNS
(publish with PhoneNumber), AWS End User Messaging SMS (Pinpoint SMS v2),
MessageBird, Plivo, and the carrier-run HTTP platforms (China Mobile 云MAS,
China Unicom MAAP / 一信通, China Telecom 天翼云) plus Chinese aggregators
(Chuanglan 253, NetEase Yunxin, Huyi, Juhe, Smsbao, Rongcloud, SendCloud,
Yunzhixun, Zhutong, Tianyi Wuxian).

All are licensed platforms reached over HTTP(S): scenario B."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import NamedTuple

from detectors._cloud_sms import CLOUD_SMS_KINDS, Platform, platform_hits
from detectors._regex_cores import endpoint_heads, fold, folded, literal_core
from detectors._sms_platform_table import PLATFORMS
from detectors.smpp_client import ImportText, import_text
from detectors.tencent_sms import PIPL_HELP
from scanner import classify as k
from scanner import pattern_cache
from scanner.detector import Detector, FileContext, Hit
from scanner.model import Evidence, Example, Precision, Rule, Scenario, Severity

SDK_LANGS = ("python", "java", "go", "javascript", "typescript", "php", "csharp")
HOST_LANGS = (
    "python",
    "java",
    "kotlin",
    "go",
    "javascript",
    "typescript",
    "php",
    "csharp",
    "yaml",
    "properties",
)
COMMON = dict(
    help_markdown=PIPL_HELP,
    scenario=Scenario.B,
    severity=Severity.LOW,
    tags=("sms-platform", "pipl"),
)

SMS5101 = Rule(
    id="SMS5101",
    name="SmsPlatformSdk",
    short_description="The SDK of a licensed SMS platform is imported",
    full_description=(
        "The code imports the SMS SDK of a licensed platform (Baidu Cloud SMS, Volcengine, JD Cloud, Qiniu, "
        "Yunpian, Ronglian, Twilio, Vonage, AWS End User Messaging SMS, MessageBird, Plivo, ...). The `provider` "
        "attribute names the platform. Umbrella SDKs (boto3, the UCloud client) count only when the file uses "
        "their SMS service (an SNS publish with PhoneNumber, `pinpoint-sms-voice-v2`, `.usms()`)."
    ),
    precision=Precision.HIGH,
    evidence=Evidence.IMPORT,
    languages=SDK_LANGS,
    invalid=(
        Example(
            "from twilio.rest import Client  # expect: SMS5101\n"
            "from ronglian_sms_sdk import SmsSDK  # expect: SMS5101\n",
            "notify/sms.py",
        ),
        Example(
            "import com.yunpian.sdk.YunpianClient; // expect: SMS5101\n"
            "import com.baidubce.services.sms.SmsClient; // expect: SMS5101\nclass A {}\n",
            "src/main/java/A.java",
        ),
        Example(
            'package sms\n\nimport "github.com/volcengine/volc-sdk-golang/service/sms" // expect: SMS5101\n',
            "sms/volc.go",
        ),
        Example(
            "const { Vonage } = require('@vonage/server-sdk'); // expect: SMS5101\n", "lib/sms.js"
        ),
        Example(
            "import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2'; // expect: SMS5101\n",
            "src/sms.ts",
        ),
        Example("<?php\nuse Twilio\\Rest\\Client; // expect: SMS5101\n", "app/Sms.php"),
        Example("using Twilio.Rest.Api.V2010.Account; // expect: SMS5101\n", "Sms/TwilioSms.cs"),
    ),
    valid=(
        Example(
            "import boto3\ns3 = boto3.client('s3')\n",
            "upload.py",
            "boto3 without an SMS service",
        ),
        Example(
            "from baidubce.services.bos.bos_client import BosClient\n",
            "bos.py",
            "Baidu object storage",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)

SMS5102 = Rule(
    id="SMS5102",
    name="SmsPlatformSend",
    short_description="An SMS is sent through a licensed SMS platform's SDK",
    full_description=(
        "A send call of a licensed platform's SDK: Twilio `messages.create` / `Message.creator` / "
        "`MessageResource.Create`, Ronglian `SmsSDK.sendMessage`, Yunpian `single_send`, Baidu `send_message_2`, "
        "Volcengine `SmsService.send_sms`, JD Cloud `BatchSendRequest`, Vonage `sms.send`, AWS SNS `publish` with "
        "`PhoneNumber`, AWS End User Messaging SMS `send_text_message`, ... Calls count only in files that import "
        "that platform's SDK."
    ),
    precision=Precision.HIGH,
    evidence=Evidence.CALL,
    languages=SDK_LANGS,
    invalid=(
        Example(
            "import boto3\n"
            "sns = boto3.client('sns', region_name='ap-southeast-1')\n"
            "sns.publish(PhoneNumber=phone, Message=f'Your code is {code}')  # expect: SMS5102\n",
            "notify/aws.py",
        ),
        Example(
            "import com.twilio.Twilio;\nimport com.twilio.rest.api.v2010.account.Message;\n"
            "class T { void f() {\n"
            "  Message.creator(new PhoneNumber(to), new PhoneNumber(from), body).create(); // expect: SMS5102\n} }\n",
            "src/main/java/T.java",
        ),
        Example(
            'package sms\n\nimport (\n\t"github.com/twilio/twilio-go"\n'
            '\tapi "github.com/twilio/twilio-go/rest/api/v2010"\n)\n\n'
            "func Send(c *twilio.RestClient, to string) error {\n"
            "\tparams := &api.CreateMessageParams{} // expect: SMS5102\n"
            "\tparams.SetTo(to)\n"
            "\t_, err := c.Api.CreateMessage(params) // expect: SMS5102\n"
            "\treturn err\n}\n",
            "sms/twilio.go",
        ),
        Example(
            "const twilio = require('twilio');\n"
            "const client = twilio(accountSid, authToken);\n"
            "await client.messages.create({ to, from: sender, body }); // expect: SMS5102\n",
            "lib/sms.js",
        ),
        Example(
            "import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';\n"
            "await sns.send(new PublishCommand({ PhoneNumber: phone, Message: text })); // expect: SMS5102\n",
            "src/sms.ts",
        ),
        Example(
            "<?php\nuse Twilio\\Rest\\Client;\n"
            "$client = new Client($sid, $token);\n"
            "$client->messages->create($to, ['from' => $from, 'body' => $body]); // expect: SMS5102\n",
            "app/Sms.php",
        ),
        Example(
            "using Twilio.Rest.Api.V2010.Account;\n"
            "class S { void Send() {\n"
            "  var message = MessageResource.Create(body: text, from: new PhoneNumber(sender), to: new PhoneNumber(to)); // expect: SMS5102\n"
            "} }\n",
            "Sms/TwilioSms.cs",
        ),
    ),
    valid=(
        Example(
            "import boto3\nsns = boto3.client('sns')\nsns.publish(TopicArn=arn, Message=msg)\n",
            "events.py",
            "an SNS topic publish is not SMS",
        ),
        Example(
            "client.messages.create(to=to, body=body)\n",
            "x.py",
            "no SMS SDK import",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)

SMS5103 = Rule(
    id="SMS5103",
    name="SmsPlatformEndpoint",
    short_description="A licensed or carrier-run SMS platform's HTTP endpoint is called",
    full_description=(
        "An SMS platform's API host or URL appears as a literal: Yunpian `sms.yunpian.com`, Submail "
        "`api.mysubmail.com`, Luosimao, Ronglian `app.cloopen.com:8883`, Baidu `smsv3.*.baidubce.com`, Volcengine "
        "`sms.volcengineapi.com`, JD Cloud, Qiniu, Twilio Messages, Nexmo, NetEase Yunxin, Chuanglan 253, Huyi, "
        "Juhe, Smsbao, ... and the carrier-run HTTP platforms China Mobile 云MAS (`112.35.1.155:1992`), China "
        "Unicom MAAP (`rcsapi.wo.cn`) / 一信通 (`api.ums86.com`) and China Telecom 天翼云 "
        "(`sms-global.ctapi.ctyun.cn`). These are HTTP platforms run under the operator's or the provider's "
        "licence (scenario B), not a direct CMPP/SGIP/SMGP carrier link."
    ),
    precision=Precision.HIGH,
    evidence=Evidence.ENDPOINT,
    languages=HOST_LANGS,
    invalid=(
        Example(
            "resp = requests.post('https://sms.yunpian.com/v2/sms/single_send.json', data=payload)  # expect: SMS5103\n",
            "notify/yunpian.py",
        ),
        Example(
            "class Mas {\n"
            '  private static final String URL = "http://112.35.1.155:1992/sms/norsubmit"; // expect: SMS5103\n'
            "}\n",
            "src/main/java/Mas.java",
        ),
        Example(
            'const val SUBMAIL_URL = "https://api.mysubmail.com/sms/send.json" // expect: SMS5103\n',
            "src/main/kotlin/Submail.kt",
        ),
        Example(
            'package sms\n\nconst ctyun = "https://sms-global.ctapi.ctyun.cn/sms/api/v1" // expect: SMS5103\n',
            "sms/ctyun.go",
        ),
        Example(
            "const url = 'https://sms-api.luosimao.com/v1/send.json'; // expect: SMS5103\n",
            "lib/luosimao.js",
        ),
        Example(
            "const res = await fetch(`https://app.cloopen.com:8883/2013-12-26/Accounts/${sid}/SMS/TemplateSMS?sig=${sig}`); // expect: SMS5103\n",
            "src/ronglian.ts",
        ),
        Example(
            "<?php\n$url = 'http://106.ihuyi.com/webservice/sms.php?method=Submit'; // expect: SMS5103\n",
            "app/Huyi.php",
        ),
        Example(
            'class C { const string Url = "https://smssh1.253.com/msg/v1/send/json"; } // expect: SMS5103\n',
            "Sms/Chuanglan.cs",
        ),
        Example(
            "sms:\n  unicom:\n    url: https://api.ums86.com:9600/sms/Api/Send.do # expect: SMS5103\n",
            "application.yml",
        ),
        Example(
            "sms.mas.url=http://112.35.1.155:1992/sms/tmpsubmit # expect: SMS5103\n",
            "application.properties",
        ),
    ),
    valid=(
        Example(
            "resp = requests.get('https://www.yunpian.com/pricing')\nurl = 'https://api.ucloud.cn'\n",
            "misc.py",
            "a provider's web site / a generic cloud API host is not an SMS endpoint",
        ),
        Example(
            "# old endpoint: https://sms.yunpian.com/v2/sms/single_send.json\nsend = None\n",
            "legacy.py",
            "a commented-out URL",
        ),
        Example(
            'def migrate():\n    """Moved off the old gateway at sms.yunpian.com in 2023; see ADR-12."""\n',
            "migrations.py",
            "a host named in prose (docstring) is not an endpoint in use",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)


def _endpoints(platforms: Iterable[Platform]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    heads = [h for p in platforms for e in p.endpoints for h in endpoint_heads(e.pattern)]
    return tuple((literal_core(h), pattern_cache.compile(h)) for h in heads)


@cache
def _import_text(kind: str, prefixes: tuple[str, ...]) -> ImportText:
    """`import_text` built on first need, per kind: a run reads few kinds."""
    return import_text(kind, prefixes)


def _prefixes(prefixes: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(prefixes)))


class _Need(NamedTuple):
    """What the hits of some platforms need in a file: an SDK import (SMS5101, and
    SMS5102 which counts only with one), an umbrella import plus its context, or an
    endpoint host (SMS5103; searched in the lower-cased text as the patterns are re.I)."""

    imports: tuple[str, ...]  # SDK import prefixes
    umbrellas: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]  # (context, prefixes)
    endpoints: tuple[tuple[str, re.Pattern[str]], ...]  # (literal, head) in lower case
    always: bool  # a platform whose calls count without an import

    @staticmethod
    def of(platforms: tuple[Platform, ...]) -> _Need:
        return _Need(
            _prefixes(prefix for p in platforms for prefix in p.imports),
            tuple(
                (p.umbrella_context, _prefixes(p.umbrella))
                for p in platforms
                if p.umbrella and p.umbrella_context is not None
            ),
            _endpoints(platforms),
            any(p.calls and not p.calls_need_import for p in platforms),
        )

    def possible(self, text: str, low: str, kind: str) -> bool:
        if self.always or any(lit in low and rx.search(low) for lit, rx in self.endpoints):
            return True
        if kind not in k.CODE_KINDS:  # imports exist in code files only
            return False
        if self.imports and _import_text(kind, self.imports).search(text):
            return True
        return any(
            _import_text(kind, umb).search(text) and context.search(text)
            for context, umb in self.umbrellas
        )


_NEED_OF: dict[int, _Need] = {}  # by id(): a Platform holds dicts, so it is not hashable


def need_of(platform: Platform) -> _Need:
    """What one platform's hits need in a file (for another detector's gate)."""
    need = _NEED_OF.get(id(platform))
    if need is None:
        need = _NEED_OF[id(platform)] = _Need.of((platform,))
    return need


@cache
def _any_need() -> _Need:
    """What any platform needs (built on first use: its endpoint heads are a few hundred
    regexes, which a run that never asks must not pay)."""
    return _Need.of(PLATFORMS)


@cache
def _each_need() -> tuple[tuple[Platform, _Need], ...]:
    """What each platform needs (built when a file passes the gate)."""
    return tuple((p, need_of(p)) for p in PLATFORMS)


# Text gate (and, per platform, a filter in `check` against own time): a platform can
# only report with one of its SDK imports, an umbrella import and its context, or an
# endpoint host in the text (see `_Need`).
def gate(text: str, kind: str, _name: str) -> bool:
    return _any_need().possible(text, fold(text), kind)


def check(ctx: FileContext) -> Iterator[Hit]:
    text, kind = ctx.text, ctx.kind
    low = folded(ctx)  # shared with the endpoint search of the platforms' hits
    if not _any_need().possible(text, low, kind):
        return
    for platform, need in _each_need():
        if need.possible(text, low, kind):
            yield from platform_hits(ctx, platform, "SMS5101", "SMS5102", "SMS5103")


def _anchors() -> tuple[str, ...]:
    out: set[str] = set()
    for p in PLATFORMS:
        for prefix in list(p.imports) + list(p.umbrella):
            out.add(prefix)
    out |= {
        "baidubce.com",
        "volcengineapi.com",
        "byteplusapi.com",
        "jdcloud-api.com",
        "qiniuapi.com",
        "SendUSMSMessage",
        "yunpian.com",
        "cloopen.com",
        "mysubmail.com",
        "luosimao.com",
        "twilio.com",
        "nexmo.com",
        "112.35.1.155",
        "mas.10086.cn",
        "rcsapi.wo.cn",
        "ums86.com",
        "ctyun.cn",
        "253.com",
        "yunxinapi.com",
        "ihuyi.com",
        "juhe.cn",
        "smsbao.com",
        "ronghub.com",
        "sendcloud.net",
        "ucpaas.com",
        "zthysms.com",
        "106api.cn",
        "messagebird.com",
        "plivo.com",
        "tinree.com",
        "moduyun.com",
        "zzyun.com",
        "ue35.net",
        "now.net.cn",
        "weiqucloud.com",
        "tiniyo.com",
        "apistd.com",
        "infobip",
        "communication.azure.com",
        "msg91.com",
        "netgsm.com.tr",
        "Twilio\\",
        "Yunpian\\",
    }
    return tuple(sorted(out))


DETECTOR = Detector(
    name="sms_platforms",
    rules=(SMS5101, SMS5102, SMS5103),
    kinds=CLOUD_SMS_KINDS,
    check=check,
    anchors=_anchors(),
    gate=gate,
    description=__doc__ or "",
)
