"""Manifest readers and the SMS package table behind `dependency_manifest`."""

from __future__ import annotations

import fnmatch
import random

import pytest
from helpers import scan_snippet
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors._manifest_reader import (
    _EXACT,
    _PATTERNS,
    _READERS,
    _cut_at_unquoted_hash,
    _strip_hash_comment,
    manifest_format,
    read_dependencies,
)
from detectors._sms_packages import JAR_NAMES, PACKAGES, UMBRELLAS, lookup, normalize
from detectors.dependency_manifest import ANCHORS


def names(path: str, text: str) -> list[tuple[str, int, str]]:
    return [(d.name, d.line, d.scope) for d in read_dependencies(path, text)]


def test_every_package_contains_an_anchor() -> None:
    for eco, table in PACKAGES.items():
        for name in table:
            assert any(a in name.lower() for a in ANCHORS), f"{eco}:{name} has no prefilter anchor"
            assert normalize(eco, name) == name, f"{eco}:{name} is not in normalised form"


def test_umbrellas_are_not_sms_packages() -> None:
    for eco, umbrellas in UMBRELLAS.items():
        for name in umbrellas:
            assert lookup(eco, name) is None


def test_jar_table_points_into_packages() -> None:
    for eco, coord in JAR_NAMES.values():
        assert lookup(eco, coord) is not None


def test_exact_names_only() -> None:
    assert lookup("npm", "tcmpp") is None
    assert lookup("npm", "cmpp") is not None
    assert lookup("pypi", "smpplib-stubs-unrelated") is None
    assert lookup("pypi", "SMPPlib") is not None
    assert lookup("pypi", "alibabacloud_dysmsapi20170525") is not None
    assert lookup("go", "github.com/alibabacloud-go/dysmsapi-20170525/v3") is not None
    assert lookup("go", "github.com/linxGnu/gosmpp") is not None
    assert lookup("go", "github.com/tencentcloud/tencentcloud-sdk-go") is None
    assert lookup("maven", "com.jdcloud.sdk:sms") is not None
    assert lookup("maven", "com.jdcloud.sdk:jdcloud-sdk-core") is None


def test_requirements() -> None:
    text = (
        "# comment smpplib\n"
        "smpplib[gsm]==2.2.3 ; python_version>'3.7'\n"
        "requests==2.31.0 \\\n"
        "    --hash=sha256:aa \\\n"
        "    --hash=sha256:bb\n"
        "-e git+https://github.com/x/python-smpplib.git#egg=python3-smpplib\n"
        "git+https://github.com/x/naz.git@v1#egg=naz\n"
        "twilio @ https://example.org/twilio-9.0.0.tar.gz\n"
        "-r other.txt\n"
        "--index-url https://pypi.org/simple\n"
        "./local/pkg\n"
    )
    assert names("requirements.txt", text) == [
        ("smpplib", 2, ""),
        ("requests", 3, ""),
        ("python3-smpplib", 6, ""),
        ("naz", 7, ""),
        ("twilio", 8, ""),
    ]
    assert names("requirements/dev.txt", "smpplib\n") == [("smpplib", 1, "dev")]


def test_pyproject_and_pipfile() -> None:
    text = (
        "[project]\n"
        'name = "x"\n'
        "dependencies = [\n"
        '  "smpplib>=2",  # inline\n'
        '  # "naz",\n'
        "]\n"
        "[project.optional-dependencies]\n"
        'cloud = ["twilio>=8", "boto3"]\n'
        "[tool.poetry.dependencies]\n"
        'python = "^3.11"\n'
        'aiosmpplib = {version = "^0.6", extras = ["x"]}\n'
        "[tool.poetry.group.dev.dependencies]\n"
        'python-gammu = "*"\n'
    )
    assert names("pyproject.toml", text) == [
        ("smpplib", 4, ""),
        ("twilio", 8, "optional"),
        ("boto3", 8, "optional"),
        ("python", 10, ""),
        ("aiosmpplib", 11, ""),
        ("python-gammu", 13, "dev"),
    ]
    pip = '[packages]\ntwilio = "*"\n[dev-packages]\n"smpplib" = "*"\n[requires]\npython_version = "3.11"\n'
    assert names("Pipfile", pip) == [("twilio", 2, ""), ("smpplib", 4, "dev")]


def test_setup_py_and_cfg() -> None:
    text = (
        "from setuptools import setup\n"
        "# install_requires=['naz']\n"
        "setup(name='smpplib-app',\n"
        "      install_requires=['smpplib>=2', \"twilio\"],\n"
        "      extras_require={'gsm': ['python-gsmmodem-new']},\n"
        "      tests_require=['pytest'])\n"
    )
    assert names("setup.py", text) == [
        ("smpplib", 4, ""),
        ("twilio", 4, ""),
        ("python-gsmmodem-new", 5, "optional"),
        ("pytest", 6, "test"),
    ]
    # a broken file: the tokens read before the error still count
    assert names("setup.py", "setup(install_requires=['smpplib'\n") == [("smpplib", 1, "")]
    cfg = (
        "[options]\ninstall_requires =\n    smpplib>=2\n    # naz\n    twilio ; python_version>'3'\n"
        "[options.extras_require]\nmodem = python-gammu\n"
    )
    assert names("setup.cfg", cfg) == [
        ("smpplib", 3, ""),
        ("twilio", 5, ""),
        ("python-gammu", 7, "optional"),
    ]


def test_json_manifests() -> None:
    pkg = (
        '{"name": "smpp", "dependencies": {"smpp": "^0.6"},\n'
        ' "devDependencies": {"twilio": "5"}, "scripts": {"cmpp": "node x"}}\n'
    )
    assert names("package.json", pkg) == [("smpp", 1, ""), ("twilio", 2, "dev")]
    lock = (
        '{"lockfileVersion": 3, "packages": {"": {"dependencies": {"smpp": "^0.6"}},\n'
        ' "node_modules/smpp": {"version": "0.6.0"},\n'
        ' "node_modules/a/node_modules/@alicloud/dysmsapi20170525": {"dev": true}},\n'
        ' "dependencies": {"smpp": {"version": "0.6.0"}}}\n'
    )
    assert names("package-lock.json", lock) == [
        ("smpp", 2, "lock"),
        ("@alicloud/dysmsapi20170525", 3, "lock"),
    ]
    composer = '{"require": {"overtrue/easy-sms": "^2"},\n"require-dev": {"twilio/sdk": "^8"}}'
    assert names("composer.json", composer) == [
        ("overtrue/easy-sms", 1, ""),
        ("twilio/sdk", 2, "dev"),
    ]
    clock = '{"packages": [\n {"name": "overtrue/easy-sms", "require": {"php": ">=8"}}],\n"packages-dev": []}'
    assert names("composer.lock", clock) == [("overtrue/easy-sms", 2, "lock")]
    plock = '{"_meta": {}, "default": {\n"smpplib": {"version": "==2.2.3"}}, "develop": {}}'
    assert names("Pipfile.lock", plock) == [("smpplib", 2, "lock")]


def test_js_lockfiles() -> None:
    yarn = (
        "# yarn lockfile v1\n\n"
        '"@alicloud/dysmsapi20170525@^2.0.1", "@alicloud/dysmsapi20170525@^2.0.24":\n'
        '  version "2.0.24"\n\n'
        "smpp@^0.6.0:\n"
        '  version "0.6.0"\n'
        "  dependencies:\n"
        '    twilio "^4"\n'
    )
    assert names("yarn.lock", yarn) == [
        ("@alicloud/dysmsapi20170525", 3, "lock"),
        ("smpp", 6, "lock"),
    ]
    pnpm5 = "lockfileVersion: 5.4\n\npackages:\n\n  /smpp/0.6.0:\n    dev: false\n  /@vonage/sms/1.2.0:\n"
    assert names("pnpm-lock.yaml", pnpm5) == [("smpp", 5, "lock"), ("@vonage/sms", 7, "lock")]
    pnpm9 = (
        "lockfileVersion: '9.0'\n"
        "importers:\n  .:\n    dependencies:\n      smpp:\n        specifier: ^0.6.0\n"
        "packages:\n  smpp@0.6.0:\n    resolution: {}\n  '@vonage/sms@1.2.0':\n"
        "snapshots:\n  smpp@0.6.0: {}\n"
    )
    assert names("pnpm-lock.yaml", pnpm9) == [("smpp", 8, "lock"), ("@vonage/sms", 10, "lock")]


def test_pom_and_gradle() -> None:
    pom = (
        "<project>\n<dependencyManagement><dependencies>\n"
        "<dependency>\n<groupId>org.jsmpp</groupId>\n<artifactId>jsmpp</artifactId>\n</dependency>\n"
        "</dependencies></dependencyManagement>\n"
        "<!-- <dependency><groupId>com.twilio.sdk</groupId><artifactId>twilio</artifactId></dependency> -->\n"
        "<dependency><groupId>com.twilio.sdk</groupId>\n  <artifactId>twilio</artifactId><scope>test</scope>\n"
        "</dependency>\n</project>\n"
    )
    assert names("pom.xml", pom) == [
        ("org.jsmpp:jsmpp", 5, ""),
        ("com.twilio.sdk:twilio", 10, "test"),
    ]
    gradle = (
        "dependencies {\n"
        "    implementation 'org.jsmpp:jsmpp:3.0.0'\n"
        "    // implementation 'com.fizzed:ch-smpp:5.0.9'\n"
        '    testImplementation "com.twilio.sdk:twilio:$twilioVersion"\n'
        "    implementation group: 'org.opensmpp', name: 'opensmpp-core', version: '3.0.2'\n"
        '    implementation(group = "com.vonage", name = "client", version = "7.1.0")\n'
        '    implementation("https://example.org/x")\n'
        "    implementation('com.acme:notify:1.0') { exclude group: 'org.jsmpp', module: 'jsmpp' }\n"
        '    configurations.all { exclude(group = "com.fizzed", module = "ch-smpp") }\n'
        "}\n"
    )
    assert names("build.gradle", gradle) == [
        ("org.jsmpp:jsmpp", 2, ""),
        ("com.twilio.sdk:twilio", 4, "test"),
        ("com.acme:notify", 8, ""),
        ("org.opensmpp:opensmpp-core", 5, ""),
        ("com.vonage:client", 6, ""),
    ]
    catalog = (
        '[versions]\njsmpp = "3.0.0"\n[libraries]\n'
        'jsmpp = { module = "org.jsmpp:jsmpp", version.ref = "jsmpp" }\n'
        'twilio = "com.twilio.sdk:twilio:10.0.0"\n'
        'smsgate = { group = "com.chinamobile.cmos", name = "sms-core", version = "2.1.13.5" }\n'
        '[plugins]\nx = { id = "org.jsmpp:jsmpp" }\n'
    )
    assert names("gradle/libs.versions.toml", catalog) == [
        ("org.jsmpp:jsmpp", 4, ""),
        ("com.twilio.sdk:twilio", 5, ""),
        ("com.chinamobile.cmos:sms-core", 6, ""),
    ]


def test_go_dotnet_ruby_cargo() -> None:
    gomod = (
        "module x\n\nrequire github.com/fiorix/go-smpp v0.0.0-2020\n"
        "require (\n\tgithub.com/twilio/twilio-go v1.20.0 // indirect\n"
        "\t// github.com/bigwhite/gocmpp v0.1.0\n)\n"
        "replace (\n\tgithub.com/linxGnu/gosmpp => ../gosmpp\n)\n"
    )
    assert names("go.mod", gomod) == [
        ("github.com/fiorix/go-smpp", 3, ""),
        ("github.com/twilio/twilio-go", 5, "indirect"),
    ]
    gosum = (
        "github.com/linxGnu/gosmpp v0.3.0 h1:abc=\n"
        "github.com/linxGnu/gosmpp v0.3.0/go.mod h1:def=\n"
        "github.com/bigwhite/gocmpp v0.1.0/go.mod h1:x=\n"
    )
    assert names("go.sum", gosum) == [("github.com/linxGnu/gosmpp", 1, "lock")]
    csproj = (
        '<Project>\n<!-- <PackageReference Include="Twilio" /> -->\n'
        '<ItemGroup><PackageReference Include="Inetlab.SMPP" Version="2.9" /></ItemGroup>\n</Project>\n'
    )
    assert names("App.csproj", csproj) == [("Inetlab.SMPP", 3, "")]
    assert names(
        "packages.config", '<packages>\n<package id="JamaaSMPP" version="1.0" />\n</packages>'
    ) == [("JamaaSMPP", 2, "")]
    gemfile = (
        "gem 'rails'\n# gem 'ruby-smpp'\ngroup :development, :test do\n  gem \"twilio-ruby\"\nend\n"
        "gem 'vonage', require: false\n"
    )
    assert names("Gemfile", gemfile) == [
        ("rails", 1, ""),
        ("twilio-ruby", 4, "dev"),
        ("vonage", 6, ""),
    ]
    lock = "GEM\n  remote: https://rubygems.org/\n  specs:\n    ruby-smpp (0.6.0)\n      eventmachine (>= 0.10)\n"
    assert names("Gemfile.lock", lock) == [("ruby-smpp", 4, "lock")]
    cargo = '[dependencies]\nrusmpp = "0.3"\ntokio = { version = "1" }\n[dependencies.rusmppc]\nversion = "0.2"\n'
    assert names("Cargo.toml", cargo) == [("rusmpp", 2, ""), ("tokio", 3, ""), ("rusmppc", 4, "")]


def test_manifest_format_by_name() -> None:
    assert manifest_format("a/requirements-prod.txt") == "requirements"
    assert manifest_format("notes.txt") is None
    assert manifest_format("dev-requirements.txt") == "requirements"
    assert manifest_format("requirements/prod.txt") == "requirements"
    assert manifest_format("test_requirements.in") == "requirements"
    assert manifest_format("WEB-INF/lib/sms-core-2.1.13.5.jar") == "jar"
    assert manifest_format("src/app.py") is None


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="ab #'\"\\=", max_size=24))
def test_hash_comment_stripping_keeps_quoted_hashes(line: str) -> None:
    """The shortcut (no quote before the first `#`) agrees with the character loop."""
    assert _strip_hash_comment(line) == _cut_at_unquoted_hash(line)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="abcdeijlmnoqrstuvwxyz.-_*/\n", max_size=30))
def test_name_patterns_match_as_fnmatch_in_order(path: str) -> None:
    """The name patterns (one expression) give the format a loop over fnmatchcase gives."""
    name = path.lower().split("/")[-1]
    expected = next((fmt for pat, fmt in _PATTERNS if fnmatch.fnmatchcase(name, pat)), None)
    if name not in _EXACT and expected is not None:
        assert manifest_format(path) == expected
    for pat, _ in _PATTERNS:  # and a name made from each pattern
        made = pat.replace("*", name.replace("*", "")[:5])
        first = next(f for p, f in _PATTERNS if fnmatch.fnmatchcase(made, p))
        if made not in _EXACT:
            assert manifest_format(made) == first


@pytest.mark.parametrize(
    "path",
    [
        "requirements.txt",
        "pyproject.toml",
        "setup.py",
        "setup.cfg",
        "package.json",
        "package-lock.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "pom.xml",
        "build.gradle",
        "libs.versions.toml",
        "go.mod",
        "go.sum",
        "composer.lock",
        "x.csproj",
        "Gemfile",
        "Gemfile.lock",
        "poetry.lock",
        "environment.yml",
    ],
)
def test_readers_never_raise(path: str) -> None:
    rng = random.Random(7)
    alphabet = "smpp\"'[]{}()<>:=,#\\/\n \t@-.v1"
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        fmt = manifest_format(path)
        assert fmt is not None
        list(_READERS[fmt](text))  # the readers themselves, not the catch-all guard


def test_dev_dependency_has_lower_confidence() -> None:
    code = '{\n  "devDependencies": {\n    "smpp": "^0.6.0"\n  }\n}\n'
    found = [f for f in scan_snippet(code, "package.json") if f.rule_id == "SMS7001"]
    assert [(f.span.start_line, f.confidence.value) for f in found] == [(3, "low")]
    assert found[0].attr("protocol") == "smpp"
    assert "development dependency" in found[0].message


def test_cloud_provider_attribute() -> None:
    found = scan_snippet("alibabacloud-dysmsapi20170525==2.0.24\n", "requirements.txt")
    hits = [f for f in found if f.rule_id == "SMS7003"]
    assert hits and hits[0].attr("provider") == "Alibaba Cloud"
    assert hits[0].scenario.value == "B"


def test_vendored_jar_scenario_follows_library() -> None:
    for path, scenario in (
        ("lib/jsmpp-2.2.1.jar", "C"),
        ("libs/smslib-3.5.4.jar", "A"),
        ("WEB-INF/lib/aliyun-java-sdk-dysmsapi-2.1.0.jar", "B"),
    ):
        found = [f for f in scan_snippet("", path) if f.rule_id == "SMS7010"]
        assert [f.scenario.value for f in found] == [scenario], path


def test_dependency_groups_scope_by_group_name() -> None:
    text = (
        "[dependency-groups]\n"
        "dev = [\n    'pytest==8.1',\n    'naz==0.8.5',\n]\n"
        "xpack = [\n    'alibabacloud-dysmsapi20170525==2.0.24',\n]\n"
        "[project.optional-dependencies]\n"
        'test = ["smpplib"]\n'
    )
    assert names("pyproject.toml", text) == [
        ("pytest", 3, "dev"),
        ("naz", 4, "dev"),
        ("alibabacloud-dysmsapi20170525", 7, "optional"),
        ("smpplib", 10, "dev"),
    ]


def test_npm_lock_v1_and_one_line_v3() -> None:
    v1 = (
        '{\n  "lockfileVersion": 1,\n  "dependencies": {\n    "smpp": {\n      "version": "0.5.1",\n'
        '      "dependencies": {\n        "twilio": {"version": "3.0.0"}\n      }\n    }\n  }\n}\n'
    )
    assert names("package-lock.json", v1) == [("smpp", 4, "lock"), ("twilio", 7, "lock")]
    one_line = '{"lockfileVersion":3,"packages":{"node_modules/smpp":{"version":"0.6.0"}}}'
    assert names("npm-shrinkwrap.json", one_line) == [("smpp", 1, "lock")]


def test_conda_environment() -> None:
    text = (
        "name: sms-worker\nchannels:\n  - conda-forge\ndependencies:\n"
        "  - python=3.11\n  - conda-forge::twilio>=8\n  - pip\n  - pip:\n"
        "      - smpplib==2.2.3  # pinned\n      - 'naz'\n"
        "variables:\n  - smpp\n"
    )
    assert names("environment.yml", text) == [
        ("python", 5, ""),
        ("twilio", 6, ""),
        ("pip", 7, ""),
        ("smpplib", 9, ""),
        ("naz", 10, ""),
    ]
