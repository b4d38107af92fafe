"""Configuration files, per-path overrides, suppression policy and the declared-scenario policy."""

from __future__ import annotations

import json
import os
import textwrap

import pytest
from click.testing import CliRunner

from scanner import config as cf
from scanner.cli import main

SMPP = textwrap.dedent(
    """\
    import smpplib.client

    def open_client():
        client = smpplib.client.Client("10.8.1.20", 2775)
        client.connect()
        return client
    """
)
ALIYUN = textwrap.dedent(
    """\
    from alibabacloud_dysmsapi20170525 import models as dysmsapi_models
    from alibabacloud_dysmsapi20170525.client import Client


    def send_code(client, phone):
        request = dysmsapi_models.SendSmsRequest(phone_numbers=phone, sign_name="Acme")
        return client.send_sms(request)
    """
)


def run(*args: str, cwd: str | None = None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(args))
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, list(args))
    finally:
        os.chdir(old)


def project(tmp_path, files: dict[str, str]) -> str:
    for name, text in files.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return str(tmp_path)


def findings(res) -> list[dict]:
    return json.loads(res.output)["findings"]


# --- discovery and precedence ---------------------------------------------------------


def test_pyproject_found_by_walking_up(tmp_path):
    root = project(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "x"\n\n[tool.smsscan]\nexclude = ["legacy/"]\n',
            "svc/app/legacy/smpp.py": SMPP,
            "svc/app/ok.py": "x = 1\n",
        },
    )
    cfg = cf.load(os.path.join(root, "svc", "app"))
    assert cfg.path.endswith("pyproject.toml") and cfg.exclude == ("legacy/",)
    assert cfg.source("exclude").endswith("[tool.smsscan]")
    res = run("scan", os.path.join(root, "svc", "app"))
    assert res.exit_code == 0, res.output


def test_pyproject_without_table_is_passed_over(tmp_path):
    project(tmp_path, {".smsscan.toml": "exit-zero = true\n", "sub/pyproject.toml": "[project]\n"})
    cfg = cf.load(str(tmp_path / "sub"))
    assert cfg.path.endswith(".smsscan.toml") and cfg.exit_zero


def test_pyproject_that_cannot_name_smsscan_is_not_parsed(tmp_path, monkeypatch):
    # not even valid TOML: it has no [tool.smsscan] table, so it is passed over unread
    project(tmp_path, {".smsscan.toml": "exit-zero = true\n", "sub/pyproject.toml": "[project\n"})
    parsed: list[str] = []
    real = cf._load_toml
    monkeypatch.setattr(cf, "_load_toml", lambda p, raw=None: parsed.append(p) or real(p, raw))
    cfg = cf.load(str(tmp_path / "sub"))
    assert cfg.path.endswith(".smsscan.toml") and cfg.exit_zero
    assert parsed == [cfg.path]


@pytest.mark.parametrize(
    "table",
    ["[tool.smsscan]", '[tool."smsscan"]', "[tool.'smsscan']", '[tool."sms\\u0073can"]'],
)
def test_pyproject_table_in_any_spelling_is_found(tmp_path, table):
    project(tmp_path, {"pyproject.toml": f'{table}\nexclude = ["legacy/"]\n'})
    cfg = cf.load(str(tmp_path))
    assert cfg.path.endswith("pyproject.toml") and cfg.exclude == ("legacy/",)
    bad = tmp_path / "bad"
    project(bad, {"pyproject.toml": f"{table}\nexclude = [\n"})
    with pytest.raises(cf.ConfigError, match="not valid TOML"):
        cf.load(str(bad))


def test_no_config_is_defaults(tmp_path):
    cfg = cf.load(str(tmp_path))
    assert cfg.path == "" or not cfg.path.startswith(str(tmp_path))


def test_cli_overrides_config(tmp_path):
    root = project(tmp_path, {".smsscan.toml": 'fail-on = "critical"\n', "smpp.py": SMPP})
    assert run("scan", root).exit_code == 0  # config: only critical fails
    assert run("scan", root, "--fail-on", "C").exit_code == 1  # CLI wins


def test_config_command_shows_sources(tmp_path):
    root = project(
        tmp_path, {".smsscan.toml": 'disable = ["SMS1001"]\n[policy]\ndeclared = ["B"]\n'}
    )
    res = run("config", root)
    assert res.exit_code == 0, res.output
    assert 'disable = ["SMS1001"]  # ' + os.path.join(root, ".smsscan.toml") in res.output
    assert 'declared = ["B"]' in res.output and "exit-zero = false  # default" in res.output
    data = json.loads(run("config", root, "--format", "json").output)
    assert data["declared"] == ["B"]


def test_config_json_shows_overrides_as_objects(tmp_path):
    toml = '[[overrides]]\npaths = ["tests/"]\ndisable = ["SMS1001"]\nreason = "test code"\n'
    root = project(tmp_path, {".smsscan.toml": toml})
    data = json.loads(run("config", root, "--format", "json").output)
    assert data["overrides"] == [
        {"paths": ["tests/"], "disable": ["SMS1001"], "reason": "test code"}
    ]


# --- bad input: exit 2 naming the file and the key -----------------------------------


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("exclud = []\n", "unknown key 'exclud' (did you mean 'exclude'?)"),
        ('exclude = "vendor"\n', "'exclude' must be a list"),
        ('max-file-size = "huge"\n', "'max-file-size'"),
        ('fail-on = ["purple"]\n', "'purple'"),
        ("exit-zero = 1\n", "'exit-zero' must be true or false"),
        ('[policy]\ndeclared = ["D"]\n', "not a scenario"),
        ('[policy]\nlicences = ["ICP"]\n', "unknown licence 'ICP'"),
        ("[policy]\ndeclard = []\n", "unknown key 'declard'"),
        ('disable = ["NoSuchTag"]\n', "'disable' entry 'NoSuchTag' matches no rule"),
        ('[[overrides]]\npaths = ["x/"]\n', "needs both 'paths'"),
        (
            '[[overrides]]\npaths = ["x/"]\ndisable = ["SMS0"]\n',
            "overrides[0]: 'disable' entry 'SMS0'",
        ),
        ('[[overrides]]\npaths = "x/"\ndisable = ["SMS1"]\n', "'paths' must be a list"),
        ("this is = not toml\n", "not valid TOML"),
    ],
)
def test_bad_config_is_exit_2_with_file_and_key(tmp_path, text, needle):
    root = project(tmp_path, {".smsscan.toml": text, "ok.py": "x = 1\n"})
    res = run("scan", root)
    assert res.exit_code == 2, res.output
    assert needle in res.output
    assert ".smsscan.toml" in res.output


def test_missing_explicit_config_is_exit_2(tmp_path):
    res = run("scan", str(tmp_path), "--config", str(tmp_path / "nope.toml"))
    assert res.exit_code == 2 and "not found" in res.output


# --- include / exclude / rules / overrides -------------------------------------------


def test_include_and_exclude_globs(tmp_path):
    root = project(
        tmp_path,
        {
            ".smsscan.toml": 'include = ["src/"]\nexclude = ["src/gen/"]\n',
            "src/a.py": SMPP,
            "src/gen/b.py": SMPP,
            "other/c.py": SMPP,
        },
    )
    res = run("scan", root, "--format", "json", "--exit-zero")
    assert {f["path"] for f in findings(res)} == {"src/a.py"}
    # named files obey the configuration too (pre-commit passes file names)
    res = run("scan", "other/c.py", "src/gen/b.py", "--format", "json", cwd=root)
    assert res.exit_code == 0 and findings(res) == []


def test_enable_disable_by_id_prefix_and_tag(tmp_path):
    root = project(tmp_path, {"smpp.py": SMPP, "sms.py": ALIYUN})
    every = {f["rule_id"] for f in findings(run("scan", root, "--format", "json"))}
    assert "SMS1001" in every and any(r.startswith("SMS50") for r in every)
    (tmp_path / ".smsscan.toml").write_text('enable = ["SMS1"]\ndisable = ["SMS1001"]\n')
    got = {f["rule_id"] for f in findings(run("scan", root, "--format", "json"))}
    assert got and all(r.startswith("SMS1") and r != "SMS1001" for r in got)


def test_per_path_override_is_an_external_suppression(tmp_path):
    root = project(
        tmp_path,
        {
            ".smsscan.toml": '[[overrides]]\npaths = ["ops/"]\ndisable = ["SMS1"]\nreason = "ops scripts talk to the SMSC simulator"\n',
            "ops/smpp.py": SMPP,
        },
    )
    res = run("scan", root, "--format", "json")
    live = [f for f in findings(res) if f["rule_id"].startswith("SMS1")]
    assert live == []
    sarif = json.loads(run("scan", root, "--format", "sarif", "--include-suppressed").output)
    sup = [r["suppressions"] for r in sarif["runs"][0]["results"] if r["ruleId"].startswith("SMS1")]
    assert sup and all(
        s
        == [
            {
                "kind": "external",
                "status": "accepted",
                "justification": "ops scripts talk to the SMSC simulator",
            }
        ]
        for s in sup
    )


# --- suppressions -----------------------------------------------------------------------


def test_suppression_in_many_comment_syntaxes():
    from scanner.suppress import directives

    text = "\n".join(
        [
            "a # smsscan: ignore[SMS1001] lab only",
            "b // smsscan: ignore[SMS1001, SMS2] reason two",
            "c /* smsscan: ignore[SMS1001] r3 */",
            "<!-- smsscan: ignore[SMS1001] r4 -->",
            "d -- smsscan: ignore[SMS1001] r5",
            "e ; smsscan: ignore",
            'f = "smsscan: ignore"',
        ]
    )
    got = directives(text)
    assert [d.line for d in got] == [1, 2, 3, 4, 5, 6]
    assert got[1].ids == ("SMS1001", "SMS2") and got[1].reason == "reason two"
    assert got[2].reason == "r3" and got[3].reason == "r4" and got[5].ids == ()


def test_unused_suppression_is_reported_and_used_one_is_not(tmp_path):
    code = SMPP.replace(
        "    client.connect()\n",
        "    client.connect()  # smsscan: ignore[SMS1002] lab SMSC\n",
    )
    root = project(
        tmp_path, {"smpp.py": code, "clean.py": "x = 1  # smsscan: ignore[SMS1001] old\n"}
    )
    res = run("scan", root, "--format", "json", "--exit-zero", "--include-suppressed")
    rows = findings(res)
    assert [f for f in rows if f.get("suppression")], rows  # the directive in smpp.py is used
    unused = [f for f in rows if f["rule_id"] == "SMS9900"]
    assert [f["path"] for f in unused] == ["clean.py"], rows
    # the unused-suppression result never fails the run on its own
    assert run("scan", os.path.join(root, "clean.py"), "--root", root).exit_code == 0
    (tmp_path / ".smsscan.toml").write_text("report-unused-suppressions = false\n")
    rows = findings(run("scan", root, "--format", "json", "--exit-zero"))
    assert not [f for f in rows if f["rule_id"] == "SMS9900"]


def test_unused_directive_in_markdown_is_not_reported(tmp_path):
    root = project(
        tmp_path,
        {
            "README.md": "Use `# smsscan: ignore[SMS1001] reason`.\n\n    # smsscan: ignore[SMS1001] x\n"
        },
    )
    assert findings(run("scan", root, "--format", "json")) == []


def test_require_reason(tmp_path):
    code = SMPP.replace(
        "import smpplib.client\n", "import smpplib.client  # smsscan: ignore[SMS1001]\n"
    )
    root = project(tmp_path, {"smpp.py": code, ".smsscan.toml": 'fail-on = ["C"]\n'})
    imports = [
        f
        for f in findings(run("scan", root, "--format", "json", "--exit-zero"))
        if f["rule_id"] == "SMS1001"
    ]
    assert imports == []  # suppressed without reason: fine by default
    (tmp_path / ".smsscan.toml").write_text("require-reason = true\n")
    res = run("scan", root, "--format", "json", "--exit-zero")
    rows = findings(res)
    assert [f for f in rows if f["rule_id"] == "SMS1001"]  # no longer suppressed
    assert [f for f in rows if f["rule_id"] == "SMS9901"]
    text = run("scan", root, "--exit-zero").output
    assert "require-reason = true" in text


# --- declared policy --------------------------------------------------------------------


def test_declared_scenario_becomes_notes_and_beyond_fails(tmp_path):
    root = project(
        tmp_path,
        {"pyproject.toml": '[tool.smsscan.policy]\ndeclared = ["B"]\n', "notify/sms.py": ALIYUN},
    )
    res = run("scan", root)
    assert res.exit_code == 0, res.output
    last = res.output.strip().splitlines()[-1]
    assert last.startswith("PASSED") and "covered by the policy (declared B)" in last
    sarif = json.loads(run("scan", root, "--format", "sarif").output)
    assert {
        r["level"] for r in sarif["runs"][0]["results"] if r["properties"].get("scenario") == "B"
    } == {"note"}
    (tmp_path / "gateway").mkdir()
    (tmp_path / "gateway" / "smpp.py").write_text(SMPP)
    res = run("scan", root)
    assert res.exit_code == 1
    last = res.output.strip().splitlines()[-1]
    assert (
        last.startswith("FAILED")
        and "scenario C" in last
        and "beyond the declared B policy" in last
    )


def test_licence_implies_c(tmp_path):
    root = project(
        tmp_path,
        {
            ".smsscan.toml": '[policy]\nlicences = ["SP-cross-regional"]\n',
            "gateway/smpp.py": SMPP,
            "n/sms.py": ALIYUN,
        },
    )
    assert run("scan", root).exit_code == 0
    assert run("verdict", root).exit_code == 0


def test_verdict_command_fails_when_code_moves_from_b_into_c(tmp_path):
    root = project(
        tmp_path,
        {"pyproject.toml": '[tool.smsscan.policy]\ndeclared = ["B"]\n', "notify/sms.py": ALIYUN},
    )
    res = run("verdict", root)
    assert res.exit_code == 0 and "within the policy (declared B)" in res.output
    (tmp_path / "gateway").mkdir()
    (tmp_path / "gateway" / "smpp.py").write_text(SMPP)
    res = run("verdict", root)
    assert res.exit_code == 1
    assert "FAILED: the code implements scenario C, beyond the policy (declared B)" in res.output
    assert "gateway/smpp.py:" in res.output and 'declared = ["B", "C"]' in res.output


def test_verdict_without_declaration(tmp_path):
    root = project(tmp_path, {"ok.py": "x = 1\n"})
    assert run("verdict", root).exit_code == 0
    (tmp_path / "smpp.py").write_text(SMPP)
    res = run("verdict", root)
    assert res.exit_code == 1 and "no scenario is declared" in res.output


def _blocks(doc: str, lang: str) -> list[str]:
    import re

    from conftest import ROOT

    with open(os.path.join(ROOT, "docs", doc), encoding="utf-8") as fh:
        text = fh.read()
    return re.findall(rf"```{lang}\n(.*?)```", text, re.S)


def test_documented_configuration_is_valid():
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib

    blocks = _blocks("configuration.md", "toml") + _blocks("pre-commit.md", "toml")
    assert blocks
    for block in blocks:
        table = tomllib.loads(block)["tool"]["smsscan"]
        cfg = cf.parse(table, "docs")
        cf.enabled_rules(cfg)
        for o in cfg.overrides:
            cf.resolve_rules(o.disable, "docs", "disable")


def test_documented_yaml_parses():
    import yaml

    blocks = _blocks("github.md", "yaml") + _blocks("pre-commit.md", "yaml")
    assert len(blocks) >= 4
    for block in blocks:
        if block.lstrip().startswith("- "):  # a fragment of a hooks list
            continue
        assert yaml.safe_load(block)


def test_directive_inside_a_string_is_data():
    from scanner.suppress import directives

    text = "\n".join(
        [
            'HELP = "write # smsscan: ignore[SMS1001] reason"',
            'x = "it\'s"  # smsscan: ignore[SMS1001] apostrophe in a closed string',
            "c = '\"'  // smsscan: ignore[SMS2002] char literal",
            'esc = "a\\"b"  # smsscan: ignore[SMS1001] escaped quote',
        ]
    )
    assert [d.line for d in directives(text)] == [2, 3, 4]
