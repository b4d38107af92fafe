"""Tencent Cloud SMS (腾讯云短信): SDKs (API 2021-01-11 and 2019-07-11), the
legacy qcloudsms SDK and its `yun.tim.qq.com/v5/tlssmssvr` endpoint.

A licensed third-party platform: scenario B (no SP licence; contract, lawful
use and PIPL duties apply)."""

from __future__ import annotations

from collections.abc import Iterator

from scanner import classify as k
from scanner.detector import Detector, FileContext, Hit
from scanner.model import Confidence, Evidence, Example, Precision, Rule, Scenario, Severity
from scanner.signatures import matching_imports

LANGS = ("python", "java")
IMPORTS = {
    "tencentcloud.sms": "Tencent Cloud SMS SDK",
    "com.tencentcloudapi.sms": "Tencent Cloud SMS SDK",
    "qcloudsms_py": "qcloudsms (legacy)",
    "com.github.qcloudsms": "qcloudsms (legacy)",
}
SEND_CALLS = frozenset(
    {
        "SendSms",
        "send_with_param",
        "send",
        "SmsClient",
        "SendSmsRequest",
        "SmsSingleSender",
        "SmsMultiSender",
        "sendWithParam",
    }
)
V2019_FIELDS = frozenset(
    {"SmsSdkAppid", "Sign", "TemplateID", "setSmsSdkAppid", "setSign", "setTemplateID"}
)

PIPL_HELP = (
    "**Scenario B duties.** No SP licence is needed to send through a licensed platform, but: the platform must "
    "hold a valid SP licence; a signed service agreement must exist; the privacy policy must disclose the "
    "third-party processing of phone numbers (PIPL); verification codes and message bodies must not be logged, "
    "and message content should be retained no longer than necessary."
)

SMS5001 = Rule(
    id="SMS5001",
    name="TencentCloudSmsSdk",
    short_description="The Tencent Cloud SMS SDK is imported",
    full_description="The code imports the Tencent Cloud SMS SDK (tencentcloud.sms.v20210111 / v20190711, com.tencentcloudapi.sms) or the legacy qcloudsms SDK: SMS is sent through a licensed platform (scenario B).",
    help_markdown=PIPL_HELP,
    scenario=Scenario.B,
    severity=Severity.LOW,
    precision=Precision.VERY_HIGH,
    evidence=Evidence.IMPORT,
    languages=LANGS,
    tags=("cloud-sms", "tencent", "pipl"),
    invalid=(
        Example(
            "from tencentcloud.sms.v20210111 import sms_client, models  # expect: SMS5001\n",
            "notify/sms.py",
        ),
        Example(
            "import com.tencentcloudapi.sms.v20210111.SmsClient; // expect: SMS5001\nclass A {}\n",
            "src/main/java/A.java",
        ),
    ),
    valid=(
        Example(
            "from tencentcloud.cvm.v20170312 import cvm_client\n",
            "infra.py",
            "another Tencent Cloud product",
        ),
    ),
)

SMS5002 = Rule(
    id="SMS5002",
    name="TencentCloudSmsSend",
    short_description="An SMS is sent through Tencent Cloud SMS",
    full_description="A Tencent Cloud SMS client is created or SendSms is called (including the 2019-07-11 API's SmsSdkAppid/Sign fields and the legacy qcloudsms send_with_param).",
    help_markdown=PIPL_HELP,
    scenario=Scenario.B,
    severity=Severity.LOW,
    precision=Precision.HIGH,
    evidence=Evidence.CALL,
    languages=LANGS,
    tags=("cloud-sms", "tencent", "pipl"),
    invalid=(
        Example(
            "from tencentcloud.sms.v20210111 import sms_client, models\n"
            "client = sms_client.SmsClient(cred, 'ap-guangzhou')  # expect: SMS5002\n"
            "req = models.SendSmsRequest()  # expect: SMS5002\n"
            "resp = client.SendSms(req)  # expect: SMS5002\n",
            "notify/sms.py",
        ),
        Example(
            "import com.tencentcloudapi.sms.v20190711.SmsClient;\n"
            "import com.tencentcloudapi.sms.v20190711.models.SendSmsRequest;\n"
            "class Sms { void f() throws Exception {\n"
            '  SmsClient client = new SmsClient(cred, "ap-guangzhou"); // expect: SMS5002\n'
            "  SendSmsRequest req = new SendSmsRequest(); // expect: SMS5002\n"
            '  req.setSmsSdkAppid("1400006666");\n'
            "  client.SendSms(req); // expect: SMS5002\n} }\n",
            "src/main/java/Sms.java",
        ),
    ),
    valid=(Example("client.SendSms(req)\n", "x.py", "no Tencent SMS import"),),
)


def check(ctx: FileContext) -> Iterator[Hit]:
    libs = matching_imports(ctx, IMPORTS)
    for imp, label in libs:
        version = (
            "2019-07-11"
            if "v20190711" in imp.module
            else ("2021-01-11" if "v20210111" in imp.module else "")
        )
        attrs = (("provider", "Tencent Cloud"), ("library", label)) + (
            (("api_version", version),) if version else ()
        )
        yield Hit(
            "SMS5001",
            imp.span,
            f"{label} imported ({imp.module})",
            attributes=attrs,
            key=imp.module,
        )
    if not libs:
        return
    for call in ctx.facts.calls:
        if call.name in SEND_CALLS:
            yield Hit(
                "SMS5002",
                call.span,
                f"Tencent Cloud SMS: {call.name}()",
                confidence=Confidence.HIGH
                if call.name in ("SendSms", "send_with_param", "SmsClient", "SendSmsRequest")
                else Confidence.MEDIUM,
                attributes=(("provider", "Tencent Cloud"),),
                key=call.callee,
            )


DETECTOR = Detector(
    name="tencent_sms",
    rules=(SMS5001, SMS5002),
    kinds=frozenset({k.PYTHON, k.JAVA, k.KOTLIN}),
    check=check,
    anchors=("tencentcloud", "qcloudsms"),
    description=__doc__ or "",
)
