"""SMS libraries declared in dependency manifests, lockfiles and vendored jars.

A dependency is weaker evidence than an import or a call site (it may be
unused, transitive or a test tool), so these findings have medium or low
confidence, but they show which sending path a project *can* take: an SMPP or
CMPP/SGIP/SMGP library (carrier protocol, scenario C), a cloud SMS SDK
(licensed platform, scenario B) or a GSM-modem library (own SIM, scenario A).

Formats: requirements*.txt, pyproject.toml, Pipfile(.lock), poetry.lock,
setup.py, setup.cfg, package.json, package-lock.json, yarn.lock,
pnpm-lock.yaml, pom.xml, build.gradle(.kts), libs.versions.toml, go.mod,
go.sum, composer.json/.lock, *.csproj / packages.config, Gemfile(.lock),
*.gemspec, Cargo.toml/.lock, conda environment.yml, and jar/war/aar files by
name. Coordinates are matched exactly (`cmpp` never matches `tcmpp`);
whole-cloud umbrella SDKs (tencentcloud-sdk-java, aliyun-python-sdk-core,
boto3, ...) are not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from detectors._manifest_reader import MANIFEST_NAMES, Dep, manifest_format, read_dependencies
from detectors._sms_packages import (
    CARGO,
    CARRIER,
    CLOUD,
    COMPOSER,
    GEM,
    GO,
    JAR_NAMES,
    MAVEN,
    MODEM,
    NPM,
    NUGET,
    PYPI,
    SMPP,
    SmsPackage,
    lookup,
)
from scanner import classify as k
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

_ECO_LABEL = {
    PYPI: "PyPI",
    NPM: "npm",
    MAVEN: "Maven",
    GO: "Go module",
    COMPOSER: "Composer",
    NUGET: "NuGet",
    GEM: "RubyGems",
    CARGO: "crates.io",
}
_SCOPE_LABEL = {
    "dev": "development dependency",
    "test": "test dependency",
    "optional": "optional dependency",
    "lock": "lockfile entry",
    "indirect": "indirect dependency",
}
_KIND_TEXT = {
    SMPP: "SMPP library",
    CARRIER: "carrier-protocol library",
    CLOUD: "SMS SDK",
    MODEM: "GSM-modem library",
}

_HELP_TAIL = (
    "\n\n**What to check.** Whether the library is really used (look for its imports and call "
    "sites, reported by the language detectors), and whether it is a runtime dependency or only a "
    "development / test tool. Remove unused SMS dependencies so the project's sending path is clear."
)

SMS7001 = Rule(
    id="SMS7001",
    name="SmppLibraryDependency",
    short_description="A manifest declares an SMPP library",
    full_description=(
        "A dependency manifest or lockfile declares an SMPP client/gateway library (smpplib, aiosmpplib, "
        "naz, jsmpp, cloudhopper-smpp, OpenSMPP, go-smpp, gosmpp, node-smpp, php-smpp, Inetlab.SMPP, "
        "ruby-smpp, rusmpp, ...). SMPP binds directly to an SMSC: a carrier connection (scenario C) unless "
        "the SMSC is a licensed aggregator."
    ),
    help_markdown=(
        "**Why it matters.** A project that ships an SMPP library can bind to a carrier SMSC; in China that "
        "is a B25 value-added telecom service needing an SP licence. Through a licensed aggregator's SMPP "
        "account it is scenario B instead. The connection itself (SMS1002) decides." + _HELP_TAIL
    ),
    scenario=Scenario.C,
    severity=Severity.LOW,
    precision=Precision.HIGH,
    evidence=Evidence.DEPENDENCY,
    languages=("text", "toml", "python", "ini", "json", "yaml", "xml", "kotlin", "ruby"),
    tags=("smpp", "carrier-protocol", "dependency"),
    invalid=(
        Example(
            "# runtime\n"
            "Django>=4.2,<5\n"
            "celery[redis]==5.3.6\n"
            "smpplib==2.2.3  # expect: SMS7001\n"
            "aiosmpplib>=0.6 ; python_version >= '3.8'  # expect: SMS7001\n"
            "naz[redis]==0.8.5 --hash=sha256:0f3a9c1e5b7d2a4c6e8f0a1b3c5d7e9f  # expect: SMS7001\n"
            "requests==2.31.0 \\\n"
            "    --hash=sha256:58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f\n"
            "-e git+https://github.com/python-smpplib/python-smpplib.git@master#egg=smpplib  # expect: SMS7001\n"
            "-r requirements-common.txt\n",
            "requirements.txt",
            "extras, markers, hashes (inline and continued) and VCS lines",
        ),
        Example(
            "[project]\n"
            'name = "sms-gateway"\n'
            "dependencies = [\n"
            '    "fastapi>=0.110",\n'
            '    "smpplib>=2.2",  # expect: SMS7001\n'
            "]\n\n"
            "[project.optional-dependencies]\n"
            'twisted = ["smpp.twisted>=0.4"]  # expect: SMS7001\n',
            "pyproject.toml",
        ),
        Example(
            "from setuptools import setup\n\n"
            "setup(\n"
            '    name="esme-worker",\n'
            "    install_requires=[\n"
            '        "requests>=2.31",\n'
            '        "smpplib>=2.2.3",  # expect: SMS7001\n'
            "    ],\n"
            ")\n",
            "setup.py",
        ),
        Example(
            "[metadata]\nname = esme-worker\n\n"
            "[options]\n"
            "install_requires =\n"
            "    click>=8\n"
            "    aiosmpplib>=0.6  # expect: SMS7001\n",
            "setup.cfg",
        ),
        Example(
            '{\n  "name": "sms-relay",\n  "dependencies": {\n    "express": "^4.19.2",\n'
            '    "smpp": "^0.6.0-rc.4"\n  }\n}\n',
            "package.json",
        ),
        Example(
            "lockfileVersion: '6.0'\n\n"
            "packages:\n\n"
            "  /express@4.19.2:\n"
            "    resolution: {integrity: sha512-abc}\n\n"
            "  /smpp@0.6.0-rc.4:  # expect: SMS7001\n"
            "    resolution: {integrity: sha512-def}\n",
            "pnpm-lock.yaml",
        ),
        Example(
            "<project>\n  <dependencies>\n    <dependency>\n"
            "      <groupId>org.jsmpp</groupId>\n"
            "      <artifactId>jsmpp</artifactId> <!-- expect: SMS7001 -->\n"
            "      <version>3.0.0</version>\n"
            "    </dependency>\n  </dependencies>\n</project>\n",
            "pom.xml",
        ),
        Example(
            "dependencies {\n"
            "    implementation 'org.springframework.boot:spring-boot-starter-web'\n"
            "    implementation 'com.fizzed:ch-smpp:5.0.9' // expect: SMS7001\n"
            "}\n",
            "build.gradle",
        ),
        Example(
            "source 'https://rubygems.org'\n\n"
            "gem 'rails', '~> 7.1'\n"
            "gem 'ruby-smpp', '~> 0.6' # expect: SMS7001\n",
            "Gemfile",
        ),
        Example(
            "module example.com/smsgw\n\ngo 1.21\n\n"
            "require (\n"
            "\tgithub.com/gin-gonic/gin v1.9.1\n"
            "\tgithub.com/linxGnu/gosmpp v0.3.0 // expect: SMS7001\n"
            ")\n",
            "go.mod",
        ),
    ),
    valid=(
        Example(
            "smpplib-stubs-unrelated==1.0\n# smpplib==2.2.3\nsmppish==0.1\npysmpp-tools==0.2\n",
            "requirements.txt",
            "near-miss names and a commented-out requirement",
        ),
        Example(
            "<project><dependencies>\n"
            "  <!-- <dependency><groupId>org.jsmpp</groupId><artifactId>jsmpp</artifactId></dependency> -->\n"
            "  <dependency>\n    <groupId>com.acme</groupId>\n    <artifactId>notify</artifactId>\n"
            "    <exclusions><exclusion><groupId>org.jsmpp</groupId><artifactId>jsmpp</artifactId>"
            "</exclusion></exclusions>\n"
            "  </dependency>\n</dependencies></project>\n",
            "pom.xml",
            "a commented-out dependency and an exclusion are not dependencies",
        ),
        Example(
            '[project]\nname = "smpplib"\ndescription = "uses smpplib"\ndependencies = ["httpx"]\n',
            "pyproject.toml",
            "the project's own name is not a dependency",
        ),
    ),
)

SMS7002 = Rule(
    id="SMS7002",
    name="CarrierProtocolLibraryDependency",
    short_description="A manifest declares a CMPP / SGIP / SMGP library",
    full_description=(
        "A dependency manifest declares a library for the Chinese carrier SMS gateway protocols: CMPP "
        "(China Mobile), SGIP (China Unicom), SMGP (China Telecom): SMSGate `com.chinamobile.cmos:sms-core` "
        "and `sms-client`, gocmpp, go_sgip, go_smgp, pycmpp, cmppy, npm cmpp / node-smgp."
    ),
    help_markdown=(
        "**Why it matters.** These protocols connect to a carrier ISMG / SMGW with a 106 service number: "
        "direct carrier access needs an SP licence (B25). Aggregators also sell CMPP accounts, so the "
        "gateway host (reported by the CMPP detectors) decides between C and B." + _HELP_TAIL
    ),
    scenario=Scenario.C,
    severity=Severity.LOW,
    precision=Precision.HIGH,
    evidence=Evidence.DEPENDENCY,
    languages=("text", "xml", "json", "kotlin"),
    tags=("cmpp", "sgip", "smgp", "carrier-protocol", "dependency"),
    invalid=(
        Example(
            "module github.com/acme/cmpp-gateway\n\ngo 1.20\n\n"
            "require (\n"
            "\tgithub.com/bigwhite/gocmpp v0.0.0-20190211013513-e611134c7f6f // expect: SMS7002\n"
            "\tgithub.com/yedamao/go_sgip v0.1.0 // expect: SMS7002\n"
            "\tgolang.org/x/text v0.14.0 // indirect\n"
            ")\n",
            "go.mod",
        ),
        Example(
            "<project>\n  <dependencies>\n    <dependency>\n"
            "      <groupId>com.chinamobile.cmos</groupId>\n"
            "      <artifactId>sms-core</artifactId> <!-- expect: SMS7002 -->\n"
            "      <version>2.1.13.5</version>\n"
            "    </dependency>\n  </dependencies>\n</project>\n",
            "pom.xml",
        ),
        Example(
            '{\n  "dependencies": {\n    "cmpp": "git+https://git.example.com/sms/node-cmpp.git#v1.0.3",\n'
            '    "koa": "^2.15.0"\n  }\n}\n',
            "package.json",
            "npm `cmpp` is not on the public registry: it comes from git or a private registry",
        ),
        Example(
            'dependencies {\n    implementation("com.chinamobile.cmos:sms-client:0.0.7") // expect: SMS7002\n}\n',
            "build.gradle.kts",
        ),
    ),
    valid=(
        Example(
            '{\n  "dependencies": {\n    "tcmpp": "^1.0.0",\n    "cmpparis-utils": "0.1.0"\n  }\n}\n',
            "package.json",
            "tcmpp (Tencent mini-program tooling) is not CMPP",
        ),
        Example(
            "module x\n\nrequire github.com/acme/sms-core v1.0.0\n",
            "go.mod",
            "a same-named module of another owner",
        ),
    ),
)

SMS7003 = Rule(
    id="SMS7003",
    name="CloudSmsSdkDependency",
    short_description="A manifest declares a cloud SMS platform SDK",
    full_description=(
        "A dependency manifest declares the SMS SDK of a licensed platform: Tencent Cloud SMS "
        "(tencentcloud-sdk-*-sms, qcloudsms), Alibaba Cloud Dysmsapi, Huawei Cloud SMSApi, Yunpian, "
        "Ronglian, JD Cloud, Twilio, Vonage/Nexmo, AWS Pinpoint SMS, or the multi-provider facades easy-sms and "
        "sms4j. Whole-cloud umbrella SDKs (tencentcloud-sdk-java, aliyun-python-sdk-core, boto3, "
        "@alicloud/pop-core, bce-python-sdk, volcengine, ...) are not reported on their own."
    ),
    help_markdown=(
        "**Why it matters.** Sending through a licensed SMS platform is scenario B: no SP licence, but a "
        "contract with the platform, registered signatures and templates, and PIPL duties for the phone "
        "numbers you send to. The `provider` attribute names the platform." + _HELP_TAIL
    ),
    scenario=Scenario.B,
    severity=Severity.INFO,
    precision=Precision.HIGH,
    evidence=Evidence.DEPENDENCY,
    languages=("text", "toml", "python", "json", "xml", "kotlin", "ruby"),
    tags=("cloud-sms", "dependency"),
    invalid=(
        Example(
            "Django==4.2.11\n"
            "tencentcloud-sdk-python-sms==3.0.1100  # expect: SMS7003\n"
            "alibabacloud_dysmsapi20170525==2.0.24  # expect: SMS7003\n"
            "aliyun-python-sdk-core==2.14.0\n"
            "boto3==1.34.0\n",
            "requirements.txt",
            "umbrella SDKs next to the SMS ones are not reported",
        ),
        Example(
            "[packages]\n"
            'flask = "*"\n'
            'twilio = ">=8.0"  # expect: SMS7003\n\n'
            "[dev-packages]\n"
            'pytest = "*"\n',
            "Pipfile",
        ),
        Example(
            "from setuptools import setup\n\n"
            "setup(\n"
            '    name="notify",\n'
            "    install_requires=['huaweicloudsdksmsapi>=3.1'],  # expect: SMS7003\n"
            ")\n",
            "setup.py",
        ),
        Example(
            '{\n  "require": {\n    "php": ">=8.1",\n    "overtrue/easy-sms": "^2.6"\n  }\n}\n',
            "composer.json",
        ),
        Example(
            "<project>\n  <dependencies>\n    <dependency>\n"
            "      <groupId>com.aliyun</groupId>\n"
            "      <artifactId>dysmsapi20170525</artifactId> <!-- expect: SMS7003 -->\n"
            "      <version>2.0.24</version>\n"
            "    </dependency>\n"
            "    <dependency>\n"
            "      <groupId>com.tencentcloudapi</groupId>\n"
            "      <artifactId>tencentcloud-sdk-java</artifactId>\n"
            "      <version>3.1.880</version>\n"
            "    </dependency>\n  </dependencies>\n</project>\n",
            "pom.xml",
        ),
        Example(
            '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n'
            '    <PackageReference Include="Twilio" Version="7.0.0" /> <!-- expect: SMS7003 -->\n'
            "  </ItemGroup>\n</Project>\n",
            "Notify.csproj",
        ),
        Example(
            "dependencies {\n"
            '    implementation("com.tencentcloudapi:tencentcloud-sdk-java-sms:3.1.880") // expect: SMS7003\n'
            "}\n",
            "build.gradle.kts",
        ),
        Example("gem 'twilio-ruby', '~> 7.0' # expect: SMS7003\n", "Gemfile"),
    ),
    valid=(
        Example(
            "<project><dependencies>\n  <dependency>\n    <groupId>com.tencentcloudapi</groupId>\n"
            "    <artifactId>tencentcloud-sdk-java</artifactId>\n  </dependency>\n"
            "  <dependency>\n    <groupId>com.aliyun</groupId>\n"
            "    <artifactId>aliyun-java-sdk-core</artifactId>\n  </dependency>\n</dependencies></project>\n",
            "pom.xml",
            "umbrella SDKs say nothing about SMS on their own",
        ),
        Example(
            "boto3==1.34.0\naliyun-python-sdk-core==2.14.0\ntencentcloud-sdk-python==3.0.1100\n"
            "twilio-stubs==0.2.0\n",
            "requirements.txt",
        ),
        Example(
            '{\n  "dependencies": {\n    "@alicloud/pop-core": "^1.7.13",\n    "twilio-video": "^2.28.1"\n  }\n}\n',
            "package.json",
        ),
    ),
)

SMS7004 = Rule(
    id="SMS7004",
    name="ModemLibraryDependency",
    short_description="A manifest declares a GSM-modem SMS library",
    full_description=(
        "A dependency manifest declares a library that sends SMS through a GSM modem or phone with the "
        "project's own SIM cards: python-gsmmodem, python-gammu, serialport-gsm, SMSLib, "
        "android-sms-gateway (scenario A)."
    ),
    help_markdown=(
        "**Why it matters.** Sending from your own SIM cards is scenario A: fine for internal testing and "
        "alerts, but not for bulk or commercial messaging, which carriers block and regulators treat as "
        "unlicensed. SMSLib also has SMPP and HTTP gateways: check which one is used." + _HELP_TAIL
    ),
    scenario=Scenario.A,
    severity=Severity.INFO,
    precision=Precision.MEDIUM,
    evidence=Evidence.DEPENDENCY,
    languages=("text", "json", "xml"),
    tags=("modem", "sim", "dependency"),
    invalid=(
        Example(
            "pyserial==3.5\npython-gsmmodem-new==0.13  # expect: SMS7004\npython-gammu>=3.2  # expect: SMS7004\n",
            "requirements.txt",
        ),
        Example(
            '{\n  "dependencies": {\n    "serialport": "^10.5.0",\n    "serialport-gsm": "^3.3.1"\n  }\n}\n',
            "package.json",
        ),
        Example(
            "<project>\n  <dependencies>\n    <dependency>\n"
            "      <groupId>org.smslib</groupId>\n"
            "      <artifactId>smslib</artifactId> <!-- expect: SMS7004 -->\n"
            "      <version>3.5.4</version>\n"
            "    </dependency>\n  </dependencies>\n</project>\n",
            "pom.xml",
        ),
    ),
    valid=(Example("pyserial==3.5\ngsm==1.0\ngammu-tools==0.1\n", "requirements.txt", "homonyms"),),
)

SMS7010 = Rule(
    id="SMS7010",
    name="VendoredSmsJar",
    short_description="A vendored jar of an SMS library",
    full_description=(
        "A jar / war / aar file in the tree is named after an SMS library (jsmpp, cloudhopper-smpp, "
        "OpenSMPP, SMSGate sms-core, SMSLib, the Tencent / Alibaba / Huawei SMS SDKs, ...). Vendored jars "
        "(`lib/`, `WEB-INF/lib/`) are common in older Java projects that never declare them in a "
        "manifest. The scenario follows the library: SMPP / CMPP is C, a cloud SDK B, SMSLib A."
    ),
    help_markdown=(
        "**Why it matters.** A vendored library is invisible to dependency tools but is on the classpath: "
        "it is as much a sending path as a declared dependency.\n\n**What to check.** Whether the code "
        "uses it (imports / call sites), and replace the vendored copy by a managed dependency so updates "
        "and licences are tracked."
    ),
    scenario=Scenario.C,
    severity=Severity.LOW,
    precision=Precision.MEDIUM,
    evidence=Evidence.DEPENDENCY,
    languages=("jar",),
    tags=("vendored", "dependency"),
    invalid=(
        Example("", "lib/jsmpp-2.2.1.jar", "matched by file name only: jars are never read"),
        Example(
            "", "src/main/webapp/WEB-INF/lib/sms-core-2.1.13.5.jar", "SMSGate (CMPP): scenario C"
        ),
        Example("", "libs/smslib-3.5.4.jar", "SMSLib (GSM modems): scenario A"),
        Example("", "lib/cloudhopper-smpp-5.0.9.jar"),
    ),
    valid=(
        Example("", "lib/jsmpp-examples-2.2.1.jar", "examples jar: different artifact"),
        Example("", "WEB-INF/lib/smslogger-1.0.jar"),
    ),
)

_JAR = lazy_re.compile(
    r"^(?P<base>[A-Za-z][A-Za-z0-9_.\-]*?)(?:[-_]v?\d[\w.\-]*)?\.(?:jar|war|aar)$"
)


def _confidence(pkg: SmsPackage, scope: str) -> Confidence:
    if scope in ("dev", "test", "lock", "indirect") or pkg.role == "simulator":
        return Confidence.LOW
    return pkg.confidence


def _attributes(pkg: SmsPackage, ecosystem: str, name: str) -> tuple[tuple[str, str], ...]:
    attrs = [("library", pkg.label), ("package", f"{ecosystem}:{name}")]
    if pkg.protocol:
        attrs.append(("protocol", pkg.protocol))
    if pkg.provider:
        attrs.append(("provider", pkg.provider))
    if pkg.role:
        attrs.append(("role", pkg.role))
    return tuple(attrs)


def _describe(pkg: SmsPackage) -> str:
    if pkg.rule_id == CLOUD and pkg.provider.startswith("multiple"):
        return "multi-provider SMS library"
    if pkg.rule_id == CLOUD:
        return f"{pkg.provider} SMS SDK"
    if pkg.rule_id == CARRIER:
        return f"{pkg.protocol.upper()} carrier-protocol library"
    return _KIND_TEXT[pkg.rule_id]


def _dep_hit(dep: Dep, pkg: SmsPackage) -> Hit:
    where = _ECO_LABEL.get(dep.ecosystem, dep.ecosystem)
    scope = f", {_SCOPE_LABEL[dep.scope]}" if dep.scope in _SCOPE_LABEL else ""
    note = f"; {pkg.note}" if pkg.note else ""
    return Hit(
        pkg.rule_id,
        Span(dep.line, dep.col, dep.line, dep.end_col),
        f"{_describe(pkg)} dependency {dep.name} ({where}{scope}){note}",
        confidence=_confidence(pkg, dep.scope),
        attributes=_attributes(pkg, dep.ecosystem, dep.name),
        key=f"{dep.ecosystem}:{dep.name.lower()}:{dep.scope}",
        test_only=pkg.role == "simulator",
    )


def _jar_hit(ctx: FileContext) -> Hit | None:
    m = _JAR.match(ctx.name)
    if m is None:
        return None
    target = JAR_NAMES.get(m.group("base").lower())
    if target is None:
        return None
    pkg = lookup(*target)
    if pkg is None:
        return None
    generic = m.group("base").lower() in ("sms-core", "twilio")
    kind = _describe(pkg)
    return Hit(
        "SMS7010",
        Span(1, 1, 1, 1),
        f"Vendored {kind} jar {ctx.name} ({target[1]})",
        confidence=Confidence.LOW if generic else Confidence.MEDIUM,
        scenario=pkg.scenario,
        attributes=_attributes(pkg, target[0], target[1]),
        key=ctx.path,
    )


def check(ctx: FileContext) -> Iterator[Hit]:
    fmt = manifest_format(ctx.path)
    if fmt is None:
        return
    if fmt == "jar":
        hit = _jar_hit(ctx)
        if hit is not None:
            yield hit
        return
    seen: set[tuple[int, str]] = set()
    for dep in read_dependencies(ctx.path, ctx.text):
        pkg = lookup(dep.ecosystem, dep.name)
        if pkg is None or (dep.line, dep.name) in seen:
            continue
        seen.add((dep.line, dep.name))
        yield _dep_hit(dep, pkg)


ANCHORS = (
    "smpp",
    "cmpp",
    "sgip",
    "smgp",
    "sms",
    "twilio",
    "nexmo",
    "vonage",
    "gammu",
    "gsmmodem",
    "serialport-gsm",
    "naz",
    "vumi",
    "jasmin",
    "cloopen",
    "yunpian",
    "dypnsapi",
)

DETECTOR = Detector(
    name="dependency_manifest",
    rules=(SMS7001, SMS7002, SMS7003, SMS7004, SMS7010),
    kinds=frozenset(
        {k.TEXT, k.TOML, k.PYTHON, k.INI, k.JSON, k.YAML, k.XML, k.KOTLIN, k.RUBY, k.JAR}
    ),
    check=check,
    anchors=ANCHORS,
    names=MANIFEST_NAMES,
    description=__doc__ or "",
)
