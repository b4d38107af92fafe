"""Classify the host a sending path connects to: the host, not the protocol,
decides between scenarios A, B and C.

- loopback / known SMSC simulators  -> test only
- public SMS aggregators and cloud SMS hosts -> B (licensed provider)
- carrier-run HTTP platforms (China Mobile 云MAS, CTyun, ...) -> B
- LAN SIM boxes (GoIP and similar, recognised by name) -> A
- anything else reached on a carrier protocol port -> C (private addresses
  included: carrier links usually run over dedicated lines and VPNs)
"""

from __future__ import annotations

import re
from typing import NamedTuple

from scanner import lazy_re
from scanner.model import Scenario

LOOPBACK_NAMES = frozenset(
    {"localhost", "localhost.localdomain", "ip6-localhost", "host.docker.internal"}
)
SIMULATOR_PATTERNS = (
    lazy_re.compile(r"(?:^|\.)smscsim\.", re.I),
    lazy_re.compile(r"smpp[-_.]?sim(?:ulator)?", re.I),
    lazy_re.compile(r"sms[-_.]?sim(?:ulator)?", re.I),
    lazy_re.compile(r"(?:^|[-_.])(?:mock|fake|dummy)[-_.]?(?:smsc|smpp|cmpp|ismg|sms)", re.I),
    lazy_re.compile(r"(?:smsc|smpp|cmpp|ismg)[-_.]?(?:mock|fake|stub)", re.I),
    lazy_re.compile(r"(?:smsc|cmpp|sgip|smgp|ismg)[-_.]?sim(?:ulator)?(?![a-z])", re.I),
)
SIMBOX_PATTERNS = (
    lazy_re.compile(r"goip", re.I),
    lazy_re.compile(r"sim[-_.]?(?:box|bank|pool)", re.I),
    lazy_re.compile(r"gsm[-_.]?(?:gateway|gw|modem)", re.I),
    lazy_re.compile(r"(?:^|[-_.])(?:dinstar|yeastar|openvox|ejoin|hybertone)", re.I),
)
# Public SMS aggregators that also sell SMPP/CMPP accounts, and cloud SMS hosts.
AGGREGATOR_SUFFIXES: dict[str, str] = {
    "smsglobal.com": "SMSGlobal",
    "clickatell.com": "Clickatell",
    "messagebird.com": "MessageBird",
    "bird.com": "MessageBird",
    "infobip.com": "Infobip",
    "sinch.com": "Sinch",
    "clxcommunications.com": "Sinch",
    "twilio.com": "Twilio",
    "nexmo.com": "Vonage",
    "vonage.com": "Vonage",
    "plivo.com": "Plivo",
    "telnyx.com": "Telnyx",
    "bulksms.com": "BulkSMS",
    "smsc.ru": "SMSC.ru",
    "routee.net": "Routee",
    "melroselabs.com": "Melrose Labs",
    "253.com": "Chuanglan 253",
    "yunpian.com": "Yunpian",
    "ihuyi.com": "Huyi",
    "106api.cn": "Tianyi Wuxian",
    "emay.cn": "Emay",
    "montnets.com": "Montnets",
    "mysubmail.com": "Submail",
    "luosimao.com": "Luosimao",
    "cloopen.com": "Ronglian",
    "ucpaas.com": "Yunzhixun",
    "zthysms.com": "Zhutong",
    "smsbao.com": "Smsbao",
    "juhe.cn": "Juhe",
    "aliyuncs.com": "Alibaba Cloud",
    "tencentcloudapi.com": "Tencent Cloud",
    "myhuaweicloud.com": "Huawei Cloud",
    "huaweicloud.com": "Huawei Cloud",
    "baidubce.com": "Baidu Cloud",
    "volcengineapi.com": "Volcengine",
    "jdcloud-api.com": "JD Cloud",
    "qiniuapi.com": "Qiniu",
    "ucloud.cn": "UCloud",
    "amazonaws.com": "AWS",
    "sms-gate.app": "SMS Gateway for Android (cloud relay)",
}
CARRIER_HTTP: dict[str, str] = {
    "112.35.1.155": "China Mobile 云MAS",  # smsscan: ignore[SMS5103] classification table, not a sending path
    "mas.10086.cn": "China Mobile 云MAS",  # smsscan: ignore[SMS5103] classification table, not a sending path
    "rcsapi.wo.cn": "China Unicom 5G MAAP",  # smsscan: ignore[SMS5103] classification table, not a sending path
    "api.ums86.com": "China Unicom 一信通",  # smsscan: ignore[SMS5103] classification table, not a sending path
    "ctapi.ctyun.cn": "China Telecom 天翼云",
    "ctyun.cn": "China Telecom 天翼云",
}


# Well-known carrier protocol ports -> protocol. CMPP: 7890 (long connection),
# 7900 (short), 7930 (CMPP 3.0 deployments), 9168; SGIP: 8801 (SP -> SMG),
# 8802-8804 / 8810 site variants; SMGP: 8890, 8900, 8901 (MO), 9100; SMPP: 2775
# (IANA), 3550 (SMPP over TLS / some SMSCs). A port alone never decides: a
# detector pairs it with a host or a protocol-named key.
CARRIER_PORTS: dict[int, str] = {
    7890: "cmpp",
    7900: "cmpp",
    7930: "cmpp",
    9168: "cmpp",
    8801: "sgip",
    8802: "sgip",
    8803: "sgip",
    8804: "sgip",
    8810: "sgip",
    8890: "smgp",
    8900: "smgp",
    8901: "smgp",
    9100: "smgp",
    2775: "smpp",
    3550: "smpp",
}


def carrier_protocol_of_port(port: str | int) -> str:
    """`"7890"` -> `"cmpp"`; "" when the port is not a carrier protocol port."""
    try:
        n = int(str(port).strip())
    except ValueError:
        return ""
    return CARRIER_PORTS.get(n, "")


class HostClass(NamedTuple):
    host: str
    category: str  # "loopback", "simulator", "aggregator", "carrier-http", "simbox", "private", "public", "placeholder", "unknown"
    scenario: Scenario | None  # None = decided by the protocol (C for carrier protocols)
    test_only: bool = False
    provider: str = ""


_HOST_IN_URL = lazy_re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#]+)", re.I)


def split_host_port(value: str) -> tuple[str, str]:
    """`smpp://h:2775`, `h:2775`, `[::1]:2775`, `h` -> (host, port)."""
    v = value.strip()
    m = _HOST_IN_URL.match(v)
    if m:
        host = m.group(1).strip("[]")
        rest = v[m.end() :]
        port = rest[1:].split("/", 1)[0].split("?", 1)[0] if rest.startswith(":") else ""
        return host, port
    if v.startswith("["):
        host, _, rest = v[1:].partition("]")
        return host, rest.lstrip(":")
    if v.count(":") == 1:
        host, port = v.split(":")
        return host, port
    return v, ""


def is_placeholder(host: str) -> bool:
    h = host.strip().lower()
    return (
        not h
        or h.startswith(("${", "{{", "$", "%", "<"))
        or h
        in (
            "host",
            "hostname",
            "your-host",
            "yourhost",
            "xxx",
            "x.x.x.x",
            "0.0.0.0",
            "ip",
            "example.com",
        )
        or h.endswith((".example", ".invalid", ".example.com", ".example.org", ".example.net"))
        or "xxx" in h
    )


def classify_host(raw: str) -> HostClass:
    host, _ = split_host_port(raw)
    h = host.strip().lower().rstrip(".")
    if is_placeholder(h):
        return HostClass(host, "placeholder", None)
    if h in LOOPBACK_NAMES:
        return HostClass(host, "loopback", Scenario.NONE, test_only=True)
    for pat in SIMULATOR_PATTERNS:
        if pat.search(h):
            return HostClass(host, "simulator", Scenario.NONE, test_only=True)
    for suffix, name in CARRIER_HTTP.items():
        if h == suffix or h.endswith("." + suffix):
            return HostClass(host, "carrier-http", Scenario.B, provider=name)
    for pat in SIMBOX_PATTERNS:
        if pat.search(h):
            return HostClass(host, "simbox", Scenario.A)
    import ipaddress  # only for hosts that got this far (3 ms to import)

    try:
        ip = ipaddress.ip_address(h)
    except ValueError:
        for suffix, name in AGGREGATOR_SUFFIXES.items():
            if h == suffix or h.endswith("." + suffix):
                return HostClass(host, "aggregator", Scenario.B, provider=name)
        if "." not in h:
            return HostClass(host, "unknown", None)  # a bare service name (docker-compose, k8s)
        return HostClass(host, "public", None)
    if ip.is_loopback:
        return HostClass(host, "loopback", Scenario.NONE, test_only=True)
    if ip.is_unspecified:
        return HostClass(host, "placeholder", None)
    if ip.is_private:
        return HostClass(host, "private", None)
    return HostClass(host, "public", None)
