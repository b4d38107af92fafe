"""Provider credentials (SMS8xxx): generated key-shaped values are found and never
appear in clear in any output format, nor in the generated rule docs."""

from __future__ import annotations

import os

from conftest import ROOT
from helpers import make_report, scan_dir, scan_snippet

from detectors._secret_shapes import HEX, fake_key
from detectors.sms_credentials import RULES
from scanner.report import json_report, markdown, sarif, text
from scanner.rules_doc import render_docs

AK = fake_key(91, "LTAI", 24)
AS = fake_key(92, "", 30)
TCID = fake_key(93, "AKID", 36)
TCKEY = fake_key(94, "", 32)
TWSID = fake_key(95, "AC", 34, HEX)
TWTOKEN = fake_key(96, "", 32, HEX)
CMPP = fake_key(97, "", 10)
SECRETS = (AK, AS, TCID, TCKEY, TWSID, TWTOKEN, CMPP)


def _project(tmp_path):
    (tmp_path / "aliyun_sms.py").write_text(
        "from aliyunsdkcore.client import AcsClient\n"
        f'client = AcsClient("{AK}", "{AS}", "cn-hangzhou")\n'
        f'ALIYUN_ACCESS_KEY_SECRET = "{AS}"\n'
    )
    (tmp_path / "tencent.yml").write_text(
        f"tencent:\n  sms:\n    secret-id: {TCID}\n    secret-key: {TCKEY}\n"
    )
    (tmp_path / "Twilio.java").write_text(
        "import com.twilio.Twilio;\n"
        f'class T {{ void f() {{ Twilio.init("{TWSID}", "{TWTOKEN}"); }} }}\n'
    )
    (tmp_path / "cmpp.properties").write_text(f"cmpp.host=10.1.2.3\ncmpp.shared_secret={CMPP}\n")
    return tmp_path


def test_generated_keys_are_found_and_redacted_everywhere(tmp_path):
    result = scan_dir(str(_project(tmp_path)))
    rules = {f.rule_id for f in result.findings}
    assert {"SMS8001", "SMS8002", "SMS8003", "SMS8004", "SMS8006", "SMS8009"} <= rules
    report = make_report(result)
    outputs = {
        "text": text.render(report),
        "json": json_report.render(report),
        "sarif": sarif.render(report),
        "markdown": markdown.render(report),
    }
    for name, out in outputs.items():
        for secret in SECRETS:
            assert secret not in out, f"{name} output leaks a credential"
    for f in result.findings:
        for secret in SECRETS:
            assert secret not in f.snippet and secret not in f.message
            assert secret not in f.fingerprint


def test_placeholders_and_env_lookups_are_skipped():
    code = (
        'ALIYUN_ACCESS_KEY_ID = "your-access-key-id"\n'
        'ALIYUN_ACCESS_KEY_SECRET = os.getenv("ALIYUN_SECRET")\n'
        'TENCENT_SECRET_KEY = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"\n'
        'aliyun_secret = "${ALIYUN_SECRET}"\n'
        'aliyun_secret2 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"\n'
    )
    assert not [f for f in scan_snippet(code, "settings.py") if f.rule_id.startswith("SMS8")]


def test_alibaba_ids_of_16_and_24_chars():
    for length in (16, 24):
        key = fake_key(length, "LTAI", length)
        found = [f for f in scan_snippet(f'k = "{key}"\n', "k.py") if f.rule_id == "SMS8001"]
        assert found and found[0].confidence.value == "high"
        assert key not in found[0].snippet


def test_rule_docs_carry_no_generated_keys():
    docs = render_docs(RULES)
    for rule in RULES:
        for ex in rule.invalid + rule.valid:
            for secret in ex.doc_secrets:
                assert all(secret not in page for page in docs.values()), rule.id
    # and the committed docs agree
    for name in docs:
        path = os.path.join(ROOT, "docs", "rules", name)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as fh:
                content = fh.read()
            for rule in RULES:
                for ex in rule.invalid + rule.valid:
                    assert not any(s in content for s in ex.doc_secrets), name
