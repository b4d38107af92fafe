"""SMS aggregator libraries: PHP overtrue/easy-sms and Java dromara SMS4J.

Both are facades over many licensed platforms (scenario B). The configured
gateway / supplier names say which platform is really used: easy-sms
`'gateways' => ['aliyun' => [...], 'qcloud' => [...]]`, SMS4J
`sms.blends.<id>.supplier: alibaba` and `SupplierType.ALIBABA`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from detectors._sms_vendors import EASY_SMS_GATEWAYS, SMS4J_SUPPLIERS, norm_vendor
from detectors.tencent_sms import PIPL_HELP
from scanner import classify as k
from scanner import lazy_re
from scanner.detector import Detector, FileContext, Hit
from scanner.facts import Assignment, Call
from scanner.model import Confidence, Evidence, Example, Precision, Rule, Scenario, Severity
from scanner.signatures import matching_imports

EASY_SMS_IMPORTS = {"Overtrue.EasySms": "overtrue/easy-sms"}
SMS4J_IMPORTS = {"org.dromara.sms4j": "dromara SMS4J"}
SMS4J_CALLS = frozenset(
    {"getSmsBlend", "createSmsBlend", "getBySupplier", "getByConfigId", "getRestrictSmsBlend"}
)
SMS4J_SEND = frozenset({"sendMessage", "sendMessageAsync", "massTexting", "delayedMessage"})
_SUPPLIER_REF = lazy_re.compile(r"\b(?:SupplierType|SupplierConstant)\.([A-Z_]+)")
_EASYSMS_TEXT = lazy_re.compile(r"easy-?sms", re.I)

COMMON = dict(
    help_markdown=PIPL_HELP
    + "\n\n**Which platform.** The aggregator itself holds no licence: the gateways configured for it are the "
    "platforms whose contracts and SP licences matter. The `provider` attribute names the configured vendor.",
    scenario=Scenario.B,
    severity=Severity.LOW,
    tags=("sms-aggregator", "pipl"),
)

SMS5201 = Rule(
    id="SMS5201",
    name="EasySmsUsage",
    short_description="SMS is sent with overtrue/easy-sms",
    full_description=(
        "The PHP aggregator overtrue/easy-sms is imported (`use Overtrue\\EasySms\\EasySms`), instantiated "
        "(`new EasySms($config)`) or used to send (`$easySms->send(...)`). It relays to licensed platforms "
        "(scenario B); SMS5203 names the configured gateways."
    ),
    precision=Precision.VERY_HIGH,
    evidence=Evidence.CALL,
    languages=("php",),
    invalid=(
        Example(
            "<?php\nnamespace App\\Services;\n\n"
            "use Overtrue\\EasySms\\EasySms; // expect: SMS5201\n\n"
            "class SmsService\n{\n"
            "    public function sendCode(string $phone, string $code): void\n    {\n"
            "        $easySms = new EasySms(config('easysms')); // expect: SMS5201\n"
            "        $easySms->send($phone, ['template' => 'SMS_001', 'data' => ['code' => $code]]); // expect: SMS5201\n"
            "    }\n}\n",
            "app/Services/SmsService.php",
        ),
    ),
    valid=(
        Example(
            "<?php\n$mailer->send($to, $message);\n",
            "app/Mail.php",
            "a send() without easy-sms",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)

SMS5203 = Rule(
    id="SMS5203",
    name="EasySmsGateway",
    short_description="An easy-sms gateway (SMS platform) is configured",
    full_description=(
        "An overtrue/easy-sms configuration defines a gateway block (`'aliyun' => [...]`, `'qcloud' => [...]`, "
        "`'huawei' => [...]`, ...). The `provider` attribute names the platform behind the gateway; the "
        "`errorlog` gateway only writes a log and is not reported."
    ),
    precision=Precision.HIGH,
    evidence=Evidence.CONFIG,
    languages=("php",),
    invalid=(
        Example(
            "<?php\nreturn [\n"
            "    'default' => [\n"
            "        'strategy' => \\Overtrue\\EasySms\\Strategies\\OrderStrategy::class,\n"
            "        'gateways' => ['aliyun', 'qcloud'],\n    ],\n"
            "    'gateways' => [\n"
            "        'errorlog' => ['file' => storage_path('logs/easy-sms.log')],\n"
            "        'aliyun' => [ // expect: SMS5203\n"
            "            'access_key_id' => env('ALIYUN_SMS_AK'),\n"
            "            'sign_name' => 'Acme',\n        ],\n"
            "        'qcloud' => [ // expect: SMS5203\n"
            "            'sdk_app_id' => env('QCLOUD_SMS_APP_ID'),\n        ],\n"
            "    ],\n];\n",
            "config/easysms.php",
        ),
    ),
    valid=(
        Example(
            "<?php\nreturn ['disks' => ['qiniu' => ['bucket' => 'x'], 'aliyun' => ['bucket' => 'y']]];\n",
            "config/filesystems.php",
            "vendor names in a non-SMS config",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)

SMS5211 = Rule(
    id="SMS5211",
    name="Sms4jUsage",
    short_description="SMS is sent with dromara SMS4J",
    full_description=(
        "The Java aggregator dromara SMS4J is imported (`org.dromara.sms4j...`) or used "
        "(`SmsFactory.getSmsBlend(...)`, `SmsFactory.createSmsBlend(SupplierType.ALIBABA)`, "
        "`smsBlend.sendMessage(...)`). When the code names the supplier, `provider` says which platform."
    ),
    precision=Precision.VERY_HIGH,
    evidence=Evidence.CALL,
    languages=("java", "kotlin"),
    invalid=(
        Example(
            "import org.dromara.sms4j.api.SmsBlend; // expect: SMS5211\n"
            "import org.dromara.sms4j.core.factory.SmsFactory; // expect: SMS5211\n"
            "class CodeSender { void send(String phone, String code) {\n"
            '  SmsBlend blend = SmsFactory.getSmsBlend("tx1"); // expect: SMS5211\n'
            "  blend.sendMessage(phone, code); // expect: SMS5211\n} }\n",
            "src/main/java/CodeSender.java",
        ),
        Example(
            "import org.dromara.sms4j.core.factory.SmsFactory // expect: SMS5211\n"
            'fun send(phone: String) = SmsFactory.getSmsBlend("ali1").sendMessage(phone, "123456") // expect: SMS5211\n',
            "src/main/kotlin/Send.kt",
        ),
    ),
    valid=(
        Example(
            "class Mailer { void f() { mail.sendMessage(to, body); } }\n",
            "Mailer.java",
            "sendMessage without SMS4J",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)

SMS5213 = Rule(
    id="SMS5213",
    name="Sms4jSupplierConfig",
    short_description="An SMS4J supplier (SMS platform) is configured",
    full_description=(
        "A Spring configuration for SMS4J names a supplier: `sms.blends.<id>.supplier: alibaba` (3.x) "
        "or a vendor block `sms.alibaba.*` / `sms.huawei.*` next to SMS4J settings (2.x). The `provider` "
        "attribute names the platform."
    ),
    precision=Precision.HIGH,
    evidence=Evidence.CONFIG,
    languages=("yaml", "properties"),
    invalid=(
        Example(
            "sms:\n  config-type: yaml\n  blends:\n    tx1:\n"
            "      supplier: tencent # expect: SMS5213\n"
            "      access-key-id: ${TENCENT_SMS_SECRET_ID}\n"
            "      sdk-app-id: '1400000000'\n"
            "    ali1:\n      supplier: alibaba # expect: SMS5213\n"
            "    qiniu:\n      access-key-id: ${QINIU_AK} # expect: SMS5213\n",
            "src/main/resources/application.yml",
        ),
        Example(
            "sms.blends.hw1.supplier=huawei # expect: SMS5213\nsms.blends.hw1.sender=8823040504797\n",
            "src/main/resources/application.properties",
        ),
        Example(
            "# SMS4J 2.x\nsms:\n  alibaba:\n    accessKeyId: ${ALIYUN_AK} # expect: SMS5213\n"
            "    signature: Acme\n    templateId: SMS_215125134\n",
            "src/main/resources/application.yml",
            "SMS4J 2.x vendor block",
        ),
    ),
    valid=(
        Example(
            "supplier: acme-logistics\nsms:\n  enabled: true\n",
            "application.yml",
            "a supplier key outside an SMS4J block",
        ),
    ),
    **COMMON,  # type: ignore[arg-type]
)


def _easy_sms(ctx: FileContext) -> Iterator[Hit]:
    f = ctx.facts
    libs = matching_imports(ctx, EASY_SMS_IMPORTS)
    base = (("library", "overtrue/easy-sms"),)
    for imp, label in libs:
        yield Hit(
            "SMS5201",
            imp.span,
            f"{label} imported ({imp.module})",
            attributes=base,
            key=f"easysms:{imp.module}",
        )
    uses_lib = bool(libs) or any(
        c.name == "app" and c.args and (c.args[0].value or "").lower() == "easysms" for c in f.calls
    )
    if uses_lib:
        for c in f.calls:
            sms_receiver = "sms" in c.receiver.lower() or "app()" in c.receiver
            if (c.is_new and c.name == "EasySms") or (c.name == "send" and sms_receiver):
                yield Hit(
                    "SMS5201",
                    c.span,
                    f"easy-sms: {'new EasySms' if c.is_new else c.callee + '()'}",
                    attributes=base,
                    key=f"easysms:{c.callee}",
                )
    # configuration: gateway blocks, only in an easy-sms context
    if not (libs or _EASYSMS_TEXT.search(ctx.text) or ctx.name.lower().startswith("easysms")):
        return
    # `'gateways' => [...]`; real configs also misspell it ('geteways'), so the library's
    # own class names or the config file name are enough
    named = "overtrue\\easysms" in ctx.text.lower() or ctx.name.lower().startswith("easysms")
    if not named and not any(lit.value == "gateways" for lit in f.literals):
        return
    for a in f.assignments:
        provider = EASY_SMS_GATEWAYS.get(a.key.lower())
        if provider and a.value is None:
            yield Hit(
                "SMS5203",
                a.span,
                f"easy-sms gateway '{a.key}' configured ({provider})",
                attributes=(*base, ("provider", provider), ("gateway_name", a.key)),
                key=f"easysms:gateway:{a.key}",
            )


def _sms4j_code(ctx: FileContext) -> Iterator[Hit]:
    libs = matching_imports(ctx, SMS4J_IMPORTS)
    base = (("library", "dromara SMS4J"),)
    for imp, label in libs:
        yield Hit(
            "SMS5211", imp.span, f"{label} imported ({imp.module})", attributes=base, key=imp.module
        )
    if not libs:
        return
    found: dict[tuple[int, int], tuple[Call, bool, str]] = {}
    for c in ctx.facts.calls:
        factory = c.name in SMS4J_CALLS and c.receiver.endswith("SmsFactory")
        if not (factory or c.name in SMS4J_SEND):
            continue
        vendor = ""
        for a in c.args:
            m = _SUPPLIER_REF.search(a.text)
            vendor = vendor or (SMS4J_SUPPLIERS.get(norm_vendor(m.group(1)), "") if m else "")
        pos = (c.span.start_line, c.span.start_column)
        prev = found.get(pos)
        if prev is None:
            found[pos] = (c, factory, vendor)
        else:  # a chain: one hit, with the supplier named anywhere in it
            found[pos] = (prev[0], prev[1] or factory, prev[2] or vendor)
    for c, factory, vendor in found.values():
        yield Hit(
            "SMS5211",
            c.span,
            f"SMS4J: {c.name}()",
            confidence=Confidence.HIGH if factory else Confidence.MEDIUM,
            attributes=(*base, ("provider", vendor)) if vendor else base,
            key=f"sms4j:{c.callee}",
        )


_V2_KEYS = frozenset(
    {"accesskeyid", "accesskeysecret", "appkey", "appsecret", "signature", "templateid", "sdkappid"}
)


def _sms4j_v2_blocks(ctx: FileContext) -> Iterator[Hit]:
    """SMS4J 2.x: `sms.<vendor>.<key>` vendor blocks (one hit per block)."""
    seen: set[str] = set()
    for a in ctx.facts.assignments:
        parts = [p.lower() for p in a.full_key.split(".")]
        if len(parts) != 3 or parts[0] != "sms" or norm_vendor(parts[2]) not in _V2_KEYS:
            continue
        vendor = SMS4J_SUPPLIERS.get(norm_vendor(parts[1]))
        if not vendor or parts[1] in seen:
            continue
        seen.add(parts[1])
        yield Hit(
            "SMS5213",
            a.span,
            f"SMS4J vendor block 'sms.{parts[1]}' configured ({vendor})",
            attributes=(("library", "dromara SMS4J"), ("provider", vendor), ("supplier", parts[1])),
            key=f"sms4j:block:sms.{parts[1]}",
        )


def _sms4j_blocks_without_supplier(ctx: FileContext) -> Iterator[Hit]:
    """SMS4J 3.x: a `sms.blends.<id>` block without `supplier` uses <id> as the supplier."""
    blocks: dict[str, list[Assignment]] = {}
    for a in ctx.facts.assignments:
        parts = a.full_key.split(".")
        if len(parts) >= 4 and parts[0].lower() == "sms" and parts[1].lower() == "blends":
            blocks.setdefault(parts[2], []).append(a)
    for block, entries in blocks.items():
        vendor = SMS4J_SUPPLIERS.get(norm_vendor(block))
        if not vendor or any(e.full_key.split(".")[-1].lower() == "supplier" for e in entries):
            continue
        first = min(entries, key=lambda e: e.span)
        yield Hit(
            "SMS5213",
            first.span,
            f"SMS4J blend '{block}' configured ({vendor}, supplier taken from the config id)",
            attributes=(("library", "dromara SMS4J"), ("provider", vendor), ("supplier", block)),
            key=f"sms4j:blend:{block}",
        )


def _sms4j_config(ctx: FileContext) -> Iterator[Hit]:
    if "sms4j" in ctx.text.lower() or "config-type" in ctx.text:
        yield from _sms4j_v2_blocks(ctx)
    yield from _sms4j_blocks_without_supplier(ctx)
    for a in ctx.facts.assignments:
        parts = [p.lower() for p in a.full_key.split(".")]
        if len(parts) < 4 or parts[:2] != ["sms", "blends"] or parts[-1] != "supplier":
            continue
        value = (a.value or "").split()[0] if (a.value or "").strip() else ""
        if not value:
            continue
        vendor = SMS4J_SUPPLIERS.get(norm_vendor(value))
        yield Hit(
            "SMS5213",
            a.span,
            f"SMS4J supplier '{value}' configured ({vendor or 'unknown vendor'})",
            confidence=Confidence.HIGH if vendor else Confidence.MEDIUM,
            attributes=(("library", "dromara SMS4J"),)
            + ((("provider", vendor),) if vendor else ())
            + (("supplier", value),),
            key=f"sms4j:supplier:{a.full_key}={value}",
        )


# the libraries' own sources (a vendored copy or the library repository) are not usage
_OWN_SOURCE = lazy_re.compile(
    r"^\s*(?:namespace\s+Overtrue\\EasySms\b|package\s+org\.dromara\.sms4j\b)", re.M
)


def check(ctx: FileContext) -> Iterator[Hit]:
    if _OWN_SOURCE.search(ctx.text):
        return
    if ctx.kind == k.PHP:
        yield from _easy_sms(ctx)
    elif ctx.kind in (k.JAVA, k.KOTLIN):
        yield from _sms4j_code(ctx)
    else:
        yield from _sms4j_config(ctx)


DETECTOR = Detector(
    name="sms_aggregators",
    rules=(SMS5201, SMS5203, SMS5211, SMS5213),
    kinds=frozenset({k.PHP, k.JAVA, k.KOTLIN, k.YAML, k.PROPERTIES}),
    check=check,
    anchors=("EasySms", "easy-sms", "sms4j", "blends", "config-type"),
    description=__doc__ or "",
)
