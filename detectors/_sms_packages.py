"""The table of SMS-related packages, keyed by ecosystem and exact coordinate.

Used by `dependency_manifest` (manifests, lockfiles, vendored jars). Names are
exact coordinates after the ecosystem's own normalisation (see `normalize`):
`smpplib` never matches `smpplib-stubs`, `cmpp` never matches `tcmpp`.

Umbrella SDKs that cover a whole cloud (tencentcloud-sdk-java, aliyun-python-sdk-core,
boto3, @alicloud/pop-core, huaweicloud-sdk-go-v3, bce-python-sdk, volcengine, ...)
are listed in `UMBRELLAS` and are deliberately never reported on their own: a
dependency on them says nothing about SMS.
"""

from __future__ import annotations

from typing import NamedTuple

from scanner import lazy_re
from scanner.model import Confidence, Scenario

SMPP = "SMS7001"
CARRIER = "SMS7002"
CLOUD = "SMS7003"
MODEM = "SMS7004"

PYPI = "pypi"
NPM = "npm"
MAVEN = "maven"
GO = "go"
COMPOSER = "composer"
NUGET = "nuget"
GEM = "gem"
CARGO = "cargo"


class SmsPackage(NamedTuple):
    rule_id: str  # SMS7001..SMS7004
    label: str  # library label for messages and the `library` attribute
    protocol: str = ""  # smpp | cmpp | sgip | smgp | http | at ...
    provider: str = ""  # cloud / platform name for scenario B
    confidence: Confidence = Confidence.MEDIUM
    role: str = ""  # "simulator" etc.
    note: str = ""  # shown in the message, e.g. "also SMPP/HTTP gateways"

    @property
    def scenario(self) -> Scenario:
        return {SMPP: Scenario.C, CARRIER: Scenario.C, CLOUD: Scenario.B, MODEM: Scenario.A}[
            self.rule_id
        ]


_MED = Confidence.MEDIUM


def _smpp(
    label: str, *, confidence: Confidence = _MED, role: str = "", note: str = ""
) -> SmsPackage:
    return SmsPackage(SMPP, label, "smpp", confidence=confidence, role=role, note=note)


def _carrier(
    label: str, protocol: str, *, confidence: Confidence = _MED, note: str = ""
) -> SmsPackage:
    return SmsPackage(CARRIER, label, protocol, confidence=confidence, note=note)


def _cloud(label: str, provider: str, *, confidence: Confidence = _MED) -> SmsPackage:
    return SmsPackage(CLOUD, label, "http", provider, confidence=confidence)


def _modem(label: str, *, protocol: str = "at", note: str = "") -> SmsPackage:
    return SmsPackage(MODEM, label, protocol, note=note)


_LOW = Confidence.LOW
_PRIVATE_NPM = "not a public npm package: check where it comes from"

TENCENT = "Tencent Cloud"
ALIYUN = "Alibaba Cloud"
HUAWEI = "Huawei Cloud"
TWILIO = "Twilio"
VONAGE = "Vonage"

PACKAGES: dict[str, dict[str, SmsPackage]] = {
    PYPI: {
        "smpplib": _smpp("smpplib"),
        "python3-smpplib": _smpp("smpplib"),
        "smpplib2": _smpp("smpplib"),
        "smpp-twisted": _smpp("smpp.twisted"),
        "smpp-twisted3": _smpp("smpp.twisted"),
        "smpp-pdu": _smpp("smpp.pdu"),
        "smpp-pdu3": _smpp("smpp.pdu"),
        "aiosmpplib": _smpp("aiosmpplib"),
        "aiosmpp": _smpp("aiosmpp", confidence=_LOW),
        "naz": _smpp("naz"),
        "vumi": _smpp("vumi", confidence=_LOW, note="messaging framework with SMPP transports"),
        "jasmin": _smpp("Jasmin SMS gateway"),
        "pycmpp": _carrier("pycmpp", "cmpp"),
        "cmppy": _carrier("cmppy", "cmpp"),
        "tencentcloud-sdk-python-sms": _cloud("tencentcloud-sdk-python-sms", TENCENT),
        "qcloudsms-py": _cloud("qcloudsms_py", TENCENT),
        "qcloudsms": _cloud("qcloudsms", TENCENT),
        "alibabacloud-dysmsapi20170525": _cloud("alibabacloud-dysmsapi20170525", ALIYUN),
        "alibabacloud-dysmsapi20180501": _cloud("alibabacloud-dysmsapi20180501", ALIYUN),
        "alibabacloud-dypnsapi20170525": _cloud("alibabacloud-dypnsapi20170525", ALIYUN),
        "aliyun-python-sdk-dysmsapi": _cloud("aliyun-python-sdk-dysmsapi", ALIYUN),
        "aliyun-python-sdk-dypnsapi": _cloud("aliyun-python-sdk-dypnsapi", ALIYUN),
        "huaweicloudsdksmsapi": _cloud("huaweicloudsdksmsapi", HUAWEI),
        "huaweicloudsdkmsgsms": _cloud("huaweicloudsdkmsgsms", HUAWEI, confidence=_LOW),
        "yunpian-python-sdk": _cloud("yunpian-python-sdk", "Yunpian"),
        "ronglian-sms-sdk": _cloud("ronglian-sms-sdk", "Ronglian (cloopen)"),
        "luosimao-sms": _cloud("luosimao-sms", "Luosimao"),
        "twilio": _cloud("twilio", TWILIO),
        "vonage": _cloud("vonage", VONAGE),
        "vonage-sms": _cloud("vonage-sms", VONAGE),
        "nexmo": _cloud("nexmo", VONAGE),
        "python-gsmmodem": _modem("python-gsmmodem"),
        "python-gsmmodem-new": _modem("python-gsmmodem"),
        "python-gammu": _modem("python-gammu"),
        "android-sms-gateway": _modem("android-sms-gateway", protocol="android"),
    },
    NPM: {
        "smpp": _smpp("node-smpp"),
        # Not on the public npm registry (404 when checked): installed from git or a private
        # registry in the code that uses `require('cmpp')` / `from 'node-smgp'`.
        "cmpp": _carrier("cmpp (node)", "cmpp", confidence=_LOW, note=_PRIVATE_NPM),
        "node-smgp": _carrier("node-smgp", "smgp", confidence=_LOW, note=_PRIVATE_NPM),
        "tencentcloud-sdk-nodejs-sms": _cloud("tencentcloud-sdk-nodejs-sms", TENCENT),
        "qcloudsms_js": _cloud("qcloudsms_js", TENCENT),
        "@alicloud/dysmsapi20170525": _cloud("@alicloud/dysmsapi20170525", ALIYUN),
        "@alicloud/dysmsapi-2017-05-25": _cloud("@alicloud/dysmsapi-2017-05-25", ALIYUN),
        "@alicloud/dysmsapi20180501": _cloud("@alicloud/dysmsapi20180501", ALIYUN),
        "@alicloud/sms-sdk": _cloud("@alicloud/sms-sdk", ALIYUN),
        "twilio": _cloud("twilio", TWILIO),
        "@vonage/server-sdk": _cloud("@vonage/server-sdk", VONAGE),
        "@vonage/sms": _cloud("@vonage/sms", VONAGE),
        "nexmo": _cloud("nexmo", VONAGE),
        "@aws-sdk/client-pinpoint-sms-voice-v2": _cloud(
            "@aws-sdk/client-pinpoint-sms-voice-v2", "AWS"
        ),
        "serialport-gsm": _modem("serialport-gsm"),
    },
    MAVEN: {
        "org.jsmpp:jsmpp": _smpp("jsmpp"),
        "com.googlecode.jsmpp:jsmpp": _smpp("jsmpp"),
        "com.cloudhopper:ch-smpp": _smpp("cloudhopper-smpp"),
        "com.fizzed:ch-smpp": _smpp("cloudhopper-smpp"),
        "org.opensmpp:opensmpp-core": _smpp("OpenSMPP"),
        "org.opensmpp:opensmpp-client": _smpp("OpenSMPP"),
        "org.opensmpp:opensmpp-sim": _smpp("OpenSMPP simulator", role="simulator"),
        "com.chinamobile.cmos:sms-core": _carrier("SMSGate", "cmpp"),
        "com.chinamobile.cmos:sms-client": _carrier("SMSGate sms-client", "cmpp"),
        "com.tencentcloudapi:tencentcloud-sdk-java-sms": _cloud(
            "tencentcloud-sdk-java-sms", TENCENT
        ),
        "com.github.qcloudsms:qcloudsms": _cloud("qcloudsms", TENCENT),
        "com.github.qcloudsms:sms": _cloud("qcloudsms", TENCENT),
        "com.aliyun:dysmsapi20170525": _cloud("dysmsapi20170525", ALIYUN),
        "com.aliyun:alibabacloud-dysmsapi20170525": _cloud("alibabacloud-dysmsapi20170525", ALIYUN),
        "com.aliyun:aliyun-java-sdk-dysmsapi": _cloud("aliyun-java-sdk-dysmsapi", ALIYUN),
        "com.alibaba.cloud:spring-cloud-starter-alicloud-sms": _cloud(
            "spring-cloud-starter-alicloud-sms", ALIYUN
        ),
        "com.huaweicloud.sdk:huaweicloud-sdk-smsapi": _cloud("huaweicloud-sdk-smsapi", HUAWEI),
        "com.huaweicloud.sdk:huaweicloud-sdk-msgsms": _cloud(
            "huaweicloud-sdk-msgsms", HUAWEI, confidence=_LOW
        ),
        "com.yunpian.sdk:yunpian-java-sdk": _cloud("yunpian-java-sdk", "Yunpian"),
        "com.jdcloud.sdk:sms": _cloud("jdcloud-sdk sms", "JD Cloud"),  # seen in dromara/SMS4J poms
        "com.cloopen:java-sms-sdk": _cloud("java-sms-sdk", "Ronglian (cloopen)"),
        "com.cloopen:cloopen-rest-sdk": _cloud("cloopen-rest-sdk", "Ronglian (cloopen)"),
        "com.twilio.sdk:twilio": _cloud("twilio-java", TWILIO),
        "com.vonage:client": _cloud("vonage-java", VONAGE),
        "com.vonage:server-sdk": _cloud("vonage-java", VONAGE),
        "com.nexmo:client": _cloud("nexmo-java", VONAGE),
        "org.dromara.sms4j:sms4j-spring-boot-starter": _cloud("sms4j", "multiple (sms4j)"),
        "org.dromara.sms4j:sms4j-javase-plugin": _cloud("sms4j", "multiple (sms4j)"),
        "org.dromara.sms4j:sms4j-solon-plugin": _cloud("sms4j", "multiple (sms4j)"),
        "org.dromara.sms4j:sms4j-core": _cloud("sms4j", "multiple (sms4j)"),
        "software.amazon.awssdk:pinpointsmsvoicev2": _cloud("pinpointsmsvoicev2", "AWS"),
        "org.smslib:smslib": _modem("SMSLib", note="SMSLib also has SMPP and HTTP gateways"),
        "net.frontlinesms.core:smslib": _modem("SMSLib (FrontlineSMS)"),
    },
    GO: {
        "github.com/fiorix/go-smpp": _smpp("go-smpp"),
        "github.com/linxgnu/gosmpp": _smpp("gosmpp"),
        "github.com/ajankovic/smpp": _smpp("ajankovic/smpp"),
        "github.com/bigwhite/gocmpp": _carrier("gocmpp", "cmpp"),
        "github.com/yedamao/go_cmpp": _carrier("go_cmpp", "cmpp"),
        "github.com/yedamao/go_sgip": _carrier("go_sgip", "sgip"),
        "github.com/yedamao/go_smgp": _carrier("go_smgp", "smgp"),
        "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms": _cloud(
            "tencentcloud-sdk-go sms", TENCENT
        ),
        "github.com/alibabacloud-go/dysmsapi-20170525": _cloud("dysmsapi-20170525", ALIYUN),
        "github.com/twilio/twilio-go": _cloud("twilio-go", TWILIO),
        "github.com/vonage/vonage-go-sdk": _cloud("vonage-go-sdk", VONAGE),
    },
    COMPOSER: {
        "php-smpp/php-smpp": _smpp("php-smpp"),
        "tencentcloud/sms": _cloud("tencentcloud/sms", TENCENT),
        "qcloudsms/qcloudsms_php": _cloud("qcloudsms_php", TENCENT),
        "alibabacloud/dysmsapi-20170525": _cloud("alibabacloud/dysmsapi-20170525", ALIYUN),
        "overtrue/easy-sms": _cloud("easy-sms", "multiple (easy-sms)"),
        "twilio/sdk": _cloud("twilio-php", TWILIO),
        "vonage/client": _cloud("vonage-php", VONAGE),
        "vonage/client-core": _cloud("vonage-php", VONAGE),
        "nexmo/client": _cloud("nexmo-php", VONAGE),
    },
    NUGET: {
        "inetlab.smpp": _smpp("Inetlab.SMPP"),
        "jamaasmpp": _smpp("JamaaSMPP"),
        "jamaatech.smpp": _smpp("JamaaTech.Smpp"),
        "twilio": _cloud("Twilio (.NET)", TWILIO),
        "vonage": _cloud("Vonage (.NET)", VONAGE),
        "nexmo.csharp.client": _cloud("Nexmo (.NET)", VONAGE),
        "tencentcloudsdk.sms": _cloud("TencentCloudSDK.Sms", TENCENT),
        "alibabacloud.sdk.dysmsapi20170525": _cloud("AlibabaCloud.SDK.Dysmsapi20170525", ALIYUN),
        "awssdk.pinpointsmsvoicev2": _cloud("AWSSDK.PinpointSMSVoiceV2", "AWS"),
    },
    GEM: {
        "ruby-smpp": _smpp("ruby-smpp"),
        "twilio-ruby": _cloud("twilio-ruby", TWILIO),
        "vonage": _cloud("vonage-ruby", VONAGE),
        "nexmo": _cloud("nexmo-ruby", VONAGE),
    },
    CARGO: {
        "rusmpp": _smpp("rusmpp"),
        "rusmppc": _smpp("rusmppc"),
        "rusmpp-core": _smpp("rusmpp"),
        "smpp34": _smpp("smpp34", confidence=_LOW),
    },
}

# Whole-cloud SDKs: never reported on their own (valid examples cover them).
UMBRELLAS: dict[str, frozenset[str]] = {
    PYPI: frozenset(
        {
            "tencentcloud-sdk-python",
            "aliyun-python-sdk-core",
            "boto3",
            "bce-python-sdk",
            "volcengine",
            "jdcloud-sdk",
            "ucloud-sdk-python3",
            "huaweicloudsdkcore",
        }
    ),
    NPM: frozenset({"tencentcloud-sdk-nodejs", "@alicloud/pop-core", "@aws-sdk/client-sns"}),
    MAVEN: frozenset(
        {"com.tencentcloudapi:tencentcloud-sdk-java", "com.aliyun:aliyun-java-sdk-core"}
    ),
    GO: frozenset(
        {
            "github.com/tencentcloud/tencentcloud-sdk-go",
            "github.com/huaweicloud/huaweicloud-sdk-go-v3",
        }
    ),
}

# Vendored archives: artifact base name (without version) -> (ecosystem, coordinate).
JAR_NAMES: dict[str, tuple[str, str]] = {
    "jsmpp": (MAVEN, "org.jsmpp:jsmpp"),
    "ch-smpp": (MAVEN, "com.cloudhopper:ch-smpp"),
    "cloudhopper-smpp": (MAVEN, "com.cloudhopper:ch-smpp"),
    "opensmpp-core": (MAVEN, "org.opensmpp:opensmpp-core"),
    "opensmpp-client": (MAVEN, "org.opensmpp:opensmpp-client"),
    "sms-core": (MAVEN, "com.chinamobile.cmos:sms-core"),
    "smslib": (MAVEN, "org.smslib:smslib"),
    "tencentcloud-sdk-java-sms": (MAVEN, "com.tencentcloudapi:tencentcloud-sdk-java-sms"),
    "qcloudsms": (MAVEN, "com.github.qcloudsms:qcloudsms"),
    "dysmsapi20170525": (MAVEN, "com.aliyun:dysmsapi20170525"),
    "aliyun-java-sdk-dysmsapi": (MAVEN, "com.aliyun:aliyun-java-sdk-dysmsapi"),
    "huaweicloud-sdk-smsapi": (MAVEN, "com.huaweicloud.sdk:huaweicloud-sdk-smsapi"),
    "yunpian-java-sdk": (MAVEN, "com.yunpian.sdk:yunpian-java-sdk"),
    "java-sms-sdk": (MAVEN, "com.cloopen:java-sms-sdk"),
    "twilio": (MAVEN, "com.twilio.sdk:twilio"),
}

_PEP503 = lazy_re.compile(r"[-_.]+")
_GO_MAJOR = lazy_re.compile(r"/v\d+$")


def normalize(ecosystem: str, name: str) -> str:
    """The comparison form of a coordinate in its ecosystem."""
    name = name.strip()
    if ecosystem in (PYPI, CARGO):
        return _PEP503.sub("-", name).lower()
    if ecosystem == GO:
        return _GO_MAJOR.sub("", name).lower()
    if ecosystem == MAVEN:
        return name.replace(" ", "")
    return name.lower()  # npm, composer, nuget, gem are case-insensitive in practice


def lookup(ecosystem: str, name: str) -> SmsPackage | None:
    """The table entry for an exact coordinate, or None (umbrellas give None)."""
    table = PACKAGES.get(ecosystem)
    if not table:
        return None
    return table.get(normalize(ecosystem, name))
