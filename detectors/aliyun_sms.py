"""Alibaba Cloud SMS (阿里云短信, Dysmsapi): the new `alibabacloud_*` /
`com.aliyun.dysmsapi20170525` SDKs and the old `aliyunsdk*` /
`com.aliyuncs.dysmsapi` SDKs. A licensed platform: scenario B."""

from __future__ import annotations

from collections.abc import Iterator

from detectors.tencent_sms import PIPL_HELP
from scanner import classify as k
from scanner.detector import Detector, FileContext, Hit
from scanner.model import Confidence, Evidence, Example, Precision, Rule, Scenario, Severity
from scanner.signatures import matching_imports

LANGS = ("python", "java")
IMPORTS = {
    "alibabacloud_dysmsapi20170525": "Alibaba Cloud SMS SDK (Dysmsapi)",
    "alibabacloud_dysmsapi20180501": "Alibaba Cloud SMS SDK (international)",
    "alibabacloud_dypnsapi20170525": "Alibaba Cloud Dypns SMS verification",
    "aliyunsdkdysmsapi": "Alibaba Cloud SMS SDK (old)",
    "aliyunsdkdypnsapi": "Alibaba Cloud Dypns SMS verification (old)",
    "com.aliyun.dysmsapi20170525": "Alibaba Cloud SMS SDK (Dysmsapi)",
    "com.aliyun.dysmsapi20180501": "Alibaba Cloud SMS SDK (international)",
    "com.aliyuncs.dysmsapi": "Alibaba Cloud SMS SDK (old)",
    "com.alibaba.alicloud.sms": "Spring Cloud Alibaba SMS",
}
SEND_CALLS = frozenset(
    {
        "send_sms",
        "send_sms_with_options",
        "SendSmsRequest",
        "sendSms",
        "sendSmsWithOptions",
        "send_sms_async",
        "getAcsResponse",
        "do_action_with_exception",
        "sendSmsVerifyCode",
        "send_sms_verify_code",
    }
)

SMS5011 = Rule(
    id="SMS5011",
    name="AliyunSmsSdk",
    short_description="The Alibaba Cloud SMS (Dysmsapi) SDK is imported",
    full_description="The code imports an Alibaba Cloud SMS SDK (alibabacloud_dysmsapi20170525, aliyunsdkdysmsapi, com.aliyun.dysmsapi20170525, com.aliyuncs.dysmsapi, Dypns): SMS is sent through a licensed platform (scenario B). Other Alibaba Cloud products (OSS, ECS) are not SMS and are not reported.",
    help_markdown=PIPL_HELP,
    scenario=Scenario.B,
    severity=Severity.LOW,
    precision=Precision.VERY_HIGH,
    evidence=Evidence.IMPORT,
    languages=LANGS,
    tags=("cloud-sms", "alibaba", "pipl"),
    invalid=(
        Example(
            "from alibabacloud_dysmsapi20170525.client import Client as Dysmsapi20170525Client  # expect: SMS5011\n",
            "sms.py",
        ),
        Example(
            "from aliyunsdkdysmsapi.request.v20170525 import SendSmsRequest  # expect: SMS5011\n",
            "legacy_sms.py",
        ),
        Example(
            "import com.aliyun.dysmsapi20170525.Client; // expect: SMS5011\nclass A {}\n",
            "src/main/java/A.java",
        ),
    ),
    valid=(
        Example(
            "import oss2\nfrom aliyunsdkcore.client import AcsClient\n",
            "upload.py",
            "OSS / core only: not SMS",
        ),
        Example("import com.aliyun.oss.OSSClient;\nclass A {}\n", "A.java"),
    ),
)

SMS5012 = Rule(
    id="SMS5012",
    name="AliyunSmsSend",
    short_description="An SMS is sent through Alibaba Cloud SMS",
    full_description="An Alibaba Cloud SMS request is built or sent (SendSmsRequest, send_sms / sendSms, SendSmsVerifyCode).",
    help_markdown=PIPL_HELP,
    scenario=Scenario.B,
    severity=Severity.LOW,
    precision=Precision.HIGH,
    evidence=Evidence.CALL,
    languages=LANGS,
    tags=("cloud-sms", "alibaba", "pipl"),
    invalid=(
        Example(
            "from alibabacloud_dysmsapi20170525 import models as dysms_models\n"
            "req = dysms_models.SendSmsRequest(phone_numbers=phone, sign_name='Acme', template_code='SMS_123456789')  # expect: SMS5012\n"
            "client.send_sms(req)  # expect: SMS5012\n",
            "sms.py",
        ),
        Example(
            "import com.aliyun.dysmsapi20170525.models.SendSmsRequest;\n"
            "class S { void f() throws Exception {\n"
            "  SendSmsRequest req = new SendSmsRequest(); // expect: SMS5012\n"
            "  client.sendSms(req); // expect: SMS5012\n} }\n",
            "src/main/java/S.java",
        ),
    ),
    valid=(Example("client.send_sms(req)\n", "x.py", "no Alibaba SMS import"),),
)


def check(ctx: FileContext) -> Iterator[Hit]:
    libs = matching_imports(ctx, IMPORTS)
    for imp, label in libs:
        yield Hit(
            "SMS5011",
            imp.span,
            f"{label} imported ({imp.module})",
            attributes=(("provider", "Alibaba Cloud"), ("library", label)),
            key=imp.module,
        )
    if not libs:
        return
    for call in ctx.facts.calls:
        if call.name in SEND_CALLS:
            yield Hit(
                "SMS5012",
                call.span,
                f"Alibaba Cloud SMS: {call.name}()",
                confidence=Confidence.HIGH if "ms" in call.name.lower() else Confidence.MEDIUM,
                attributes=(("provider", "Alibaba Cloud"),),
                key=call.callee,
            )


DETECTOR = Detector(
    name="aliyun_sms",
    rules=(SMS5011, SMS5012),
    kinds=frozenset({k.PYTHON, k.JAVA, k.KOTLIN}),
    check=check,
    anchors=("dysmsapi", "dypnsapi", "alicloud.sms"),
    description=__doc__ or "",
)
