"""Data table for `sms_platforms`: licensed SMS platforms and carrier-run HTTP
SMS platforms other than Tencent / Alibaba / Huawei Cloud (which have their own
detectors). Each entry: SMS-specific SDK import prefixes, send calls, and
SMS-specific host / URL / action patterns.

Sources: the providers' public SDKs and API docs, and the gateway list of the
open-source easy-sms aggregator."""

from __future__ import annotations

import re

from detectors._cloud_sms import Platform
from detectors._regex_cores import SCHEME
from scanner import lazy_re


def _re(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(lazy_re.compile(p, re.I) for p in patterns)


_H = SCHEME

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        provider="Baidu Cloud",
        imports={
            "baidubce.services.sms": "bce-python-sdk (sms)",
            "com.baidubce.services.sms": "bce-java-sdk (sms)",
            "github.com/baidubce/bce-sdk-go/services/sms": "bce-sdk-go (sms)",
        },
        calls=frozenset(
            {"send_message_2", "send_message", "sendMessage", "SendSms", "SendMessageV3Request"}
        ),
        endpoints=_re(
            _H + r"smsv3\.[a-z0-9-]+\.baidubce\.com", _H + r"sms\.[a-z0-9-]+\.baidubce\.com"
        ),
    ),
    Platform(
        provider="Volcengine",
        imports={
            "volcengine.sms": "volcengine (sms)",
            "github.com/volcengine/volc-sdk-golang/service/sms": "volc-sdk-golang (sms)",
            "com.volcengine.service.sms": "volc-sdk-java (sms)",
        },
        calls=frozenset({"SmsService", "send_sms", "Send", "sendSms", "SendSms"}),
        endpoints=_re(_H + r"sms\.volcengineapi\.com", _H + r"sms\.byteplusapi\.com"),
    ),
    Platform(
        provider="JD Cloud",
        imports={
            "jdcloud_sdk.services.sms": "jdcloud-sdk (sms)",
            "com.jdcloud.sdk.service.sms": "jdcloud-sdk-java (sms)",
            "github.com/jdcloud-api/jdcloud-sdk-go/services/sms": "jdcloud-sdk-go (sms)",
        },
        calls=frozenset({"BatchSendRequest", "BatchSendParameters", "batchSend", "BatchSend"}),
        endpoints=_re(_H + r"sms\.jdcloud-api\.com"),
    ),
    Platform(
        provider="Qiniu",
        imports={"com.qiniu.sms": "qiniu-java-sdk (sms)", "qiniu.services.sms": "qiniu (sms)"},
        calls=frozenset({"SmsManager", "sendMessage", "sendSingleMessage", "send_message"}),
        endpoints=_re(_H + r"(?:sms|%s)\.qiniuapi\.com"),
    ),
    Platform(
        provider="UCloud",
        imports={"github.com/ucloud/ucloud-sdk-go/services/usms": "ucloud-sdk-go (usms)"},
        umbrella={"ucloud.client": "ucloud-sdk-python3"},
        umbrella_context=lazy_re.compile(r"\.usms\(\)"),
        calls=frozenset(
            {"send_usms_message", "SendUSMSMessage", "NewSendUSMSMessageRequest", "NewClient"}
        ),
        endpoints=_re(r"^SendUSMSMessage$"),
    ),
    Platform(
        provider="Yunpian",
        imports={
            "yunpian_python_sdk": "yunpian-python-sdk",
            "yunpian": "yunpian",
            "com.yunpian.sdk": "yunpian-java-sdk",
            "Yunpian.Sdk": "yunpian-php-sdk",
        },
        calls=frozenset(
            {"YunpianClient", "single_send", "tpl_single_send", "batch_send", "single_send.json"}
        ),
        endpoints=_re(_H + r"(?:sms|us|%s)\.yunpian\.com"),
    ),
    Platform(
        provider="Ronglian",
        imports={
            "ronglian_sms_sdk": "ronglian-sms-sdk",
            "com.cloopen.rest.sdk": "cloopen java sdk",
            "yuntongxun": "yuntongxun CCPRestSDK",
        },
        calls=frozenset(
            {"SmsSDK", "sendMessage", "CCPRestSmsSDK", "CCPRestSDK", "sendTemplateSMS"}
        ),
        endpoints=_re(_H + r"(?:sandbox)?app\.cloopen\.com(?::\d+)?"),
    ),
    Platform(
        provider="Submail",
        imports={},
        endpoints=_re(_H + r"api(?:-v\d+)?\.mysubmail\.com(?:/[\w/.]*)?"),
    ),
    Platform(
        provider="Luosimao",
        imports={},
        endpoints=_re(_H + r"(?:sms-api|%s)\.luosimao\.com"),
    ),
    Platform(
        provider="Twilio",
        imports={
            "twilio.rest": "twilio (Python)",
            "com.twilio": "twilio-java",
            "github.com/twilio/twilio-go": "twilio-go",
            "twilio": "twilio (Node)",
            "Twilio": "twilio (PHP / .NET)",
        },
        calls=frozenset(
            {
                "messages.create",
                "Message.creator",
                "MessageResource.Create",
                "MessageResource.CreateAsync",
                "CreateMessage",
                "CreateMessageParams",
                "verifications.create",
            }
        ),
        endpoints=_re(
            _H + r"api\.twilio\.com/2010-04-01/Accounts/[\w{}%$]*/?Messages",
            _H + r"verify\.twilio\.com",
        ),
    ),
    Platform(
        provider="Vonage",
        imports={
            "vonage_sms": "vonage (Python v4)",
            "vonage": "vonage (Python)",
            "nexmo": "nexmo (legacy)",
            "@vonage/server-sdk": "@vonage/server-sdk",
            "@vonage/sms": "@vonage/sms",
            "com.vonage.client": "vonage-java-sdk",
            "com.nexmo.client": "nexmo-java (legacy)",
            "Vonage": "vonage (PHP / .NET)",
        },
        calls=frozenset(
            {
                "SmsMessage",
                "sms.send",
                "sms.send_message",
                "send_message",
                "sendSms",
                "submitMessage",
                "TextMessage",
            }
        ),
        endpoints=_re(_H + r"rest\.nexmo\.com/sms", _H + r"api\.nexmo\.com/v1/messages"),
    ),
    Platform(
        provider="AWS SNS",
        imports={},
        umbrella={
            "boto3": "boto3 (sns)",
            "@aws-sdk/client-sns": "@aws-sdk/client-sns",
            "software.amazon.awssdk.services.sns": "AWS SDK for Java v2 (sns)",
            "com.amazonaws.services.sns": "AWS SDK for Java v1 (sns)",
            "github.com/aws/aws-sdk-go-v2/service/sns": "aws-sdk-go-v2 (sns)",
            "github.com/aws/aws-sdk-go/service/sns": "aws-sdk-go (sns)",
            "Amazon.SimpleNotificationService": "AWS SDK for .NET (sns)",
        },
        umbrella_context=lazy_re.compile(
            r"\bPhoneNumber\s*[=:(]|\.phoneNumber\(|\bPhoneNumber\s*=\s*"
        ),
        calls=frozenset({"publish", "PublishCommand", "Publish", "PublishAsync", "PublishRequest"}),
        call_context=frozenset({"PhoneNumber", "phoneNumber"}),
    ),
    Platform(
        provider="AWS End User Messaging SMS",
        imports={
            "@aws-sdk/client-pinpoint-sms-voice-v2": "@aws-sdk/client-pinpoint-sms-voice-v2",
            "software.amazon.awssdk.services.pinpointsmsvoicev2": "AWS SDK for Java v2 (pinpointsmsvoicev2)",
            "github.com/aws/aws-sdk-go-v2/service/pinpointsmsvoicev2": "aws-sdk-go-v2 (pinpointsmsvoicev2)",
            "Amazon.PinpointSMSVoiceV2": "AWS SDK for .NET (PinpointSMSVoiceV2)",
        },
        umbrella={"boto3": "boto3 (pinpoint-sms-voice-v2)"},
        umbrella_context=lazy_re.compile(r"""["']pinpoint-sms-voice-v2["']"""),
        calls=frozenset(
            {
                "send_text_message",
                "SendTextMessageCommand",
                "sendTextMessage",
                "SendTextMessage",
                "SendTextMessageAsync",
            }
        ),
    ),
    Platform(
        provider="China Mobile 云MAS",
        imports={},
        endpoints=_re(
            _H + r"112\.35\.1\.155(?::\d+)?(?:/sms/\w+)?",
            _H + r"[a-z0-9.-]*mas\.10086\.cn(?::\d+)?",
        ),
    ),
    Platform(
        provider="China Unicom 5G MAAP",
        imports={},
        endpoints=_re(_H + r"rcsapi\.wo\.cn(?::\d+)?"),
    ),
    Platform(
        provider="China Unicom 一信通",
        imports={},
        endpoints=_re(_H + r"api\.ums86\.com(?::\d+)?"),
    ),
    Platform(
        provider="China Telecom 天翼云",
        imports={},
        endpoints=_re(_H + r"sms-global\.ctapi\.ctyun\.cn", _H + r"sms\.ctapi\.ctyun\.cn"),
    ),
    Platform(
        provider="Chuanglan 253",
        imports={},
        endpoints=_re(_H + r"[a-z0-9%{}-]+\.253\.com/msg/[\w%/{}]*"),
    ),
    Platform(
        provider="NetEase Yunxin",
        imports={},
        endpoints=_re(_H + r"sms\.yunxinapi\.com"),
    ),
    Platform(
        provider="Huyi",
        imports={},
        endpoints=_re(_H + r"(?:106|api)\.ihuyi\.com"),
    ),
    Platform(
        provider="Juhe",
        imports={},
        endpoints=_re(_H + r"v\.juhe\.cn/sms/\w*"),
    ),
    Platform(
        provider="Smsbao",
        imports={},
        endpoints=_re(_H + r"api\.smsbao\.com"),
    ),
    Platform(
        provider="Rongcloud",
        imports={},
        endpoints=_re(_H + r"api\.sms\.ronghub\.com"),
    ),
    Platform(
        provider="SendCloud",
        imports={},
        endpoints=_re(_H + r"(?:www\.)?sendcloud\.net/smsapi"),
    ),
    Platform(
        provider="Yunzhixun",
        imports={},
        endpoints=_re(_H + r"open\.ucpaas\.com"),
    ),
    Platform(
        provider="Zhutong",
        imports={},
        endpoints=_re(_H + r"api\.[a-z0-9]+\.zthysms\.com"),
    ),
    Platform(
        provider="Tianyi Wuxian",
        imports={},
        endpoints=_re(_H + r"jk\.106api\.cn"),
    ),
    Platform(provider="Tinree", imports={}, endpoints=_re(_H + r"api\.tinree\.com/api/")),
    Platform(provider="Moduyun", imports={}, endpoints=_re(_H + r"live\.moduyun\.com/sms/")),
    Platform(provider="Zzyun", imports={}, endpoints=_re(_H + r"zzyun\.com/api/sms/")),
    Platform(provider="UE35", imports={}, endpoints=_re(_H + r"sms\.ue35\.net(?::\d+)?")),
    Platform(provider="Nowcn", imports={}, endpoints=_re(_H + r"ad1200\.now\.net\.cn(?::\d+)?")),
    Platform(provider="Weiqucloud", imports={}, endpoints=_re(_H + r"smsapi\.weiqucloud\.com")),
    Platform(provider="Tiniyo", imports={}, endpoints=_re(_H + r"api\.tiniyo\.com/v1/Account/")),
    Platform(
        provider="UniSMS",
        imports={"github.com/apistd/uni-go-sdk/sms": "uni-go-sdk (sms)"},
        calls=frozenset({"BuildMessage", "Send"}),
        endpoints=_re(_H + r"uni\.apistd\.com"),
    ),
    Platform(
        provider="Infobip",
        imports={
            "com.infobip": "infobip-api-java-client",
            "infobip_api_client": "infobip-api-python-client",
        },
        calls=frozenset({"sendSmsMessage", "send_sms_message"}),
        endpoints=_re(
            _H + r"[a-z0-9]+\.api\.infobip\.com", r"/sms/\d/text/(?:advanced|single|multi)\b"
        ),
    ),
    Platform(
        provider="Azure Communication Services SMS",
        imports={
            "azure.communication.sms": "azure-communication-sms",
            "@azure/communication-sms": "@azure/communication-sms",
            "com.azure.communication.sms": "azure-communication-sms (Java)",
            "Azure.Communication.Sms": "Azure.Communication.Sms",
        },
        calls=frozenset({"SmsClient", "send", "Send", "SendAsync"}),
        endpoints=_re(
            _H + r"[a-z0-9-]+\.communication\.azure\.com/sms\b",
            r"/sms\?api-version=20\d\d-\d\d-\d\d",
        ),
    ),
    Platform(provider="MSG91", imports={}, endpoints=_re(_H + r"(?:control|api)\.msg91\.com/api/")),
    Platform(provider="Netgsm", imports={}, endpoints=_re(_H + r"api\.netgsm\.com\.tr/sms/")),
    Platform(
        provider="MessageBird",
        imports={"messagebird": "messagebird"},
        calls=frozenset({"message_create", "messages.create"}),
        endpoints=_re(_H + r"rest\.messagebird\.com/messages"),
    ),
    Platform(
        provider="Plivo",
        imports={"plivo": "plivo", "com.plivo.api": "plivo-java"},
        calls=frozenset({"messages.create", "Message.creator"}),
        endpoints=_re(_H + r"api\.plivo\.com/v1/Account/[\w{}%$]*/?Message"),
    ),
)
