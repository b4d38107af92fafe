"""A directive on the finding's own line wins over one on the line before, so
consecutive same-line directives are all used (none reported as unused)."""

from __future__ import annotations

from helpers import scan_dir


def test_consecutive_same_line_directives_are_all_used(tmp_path):
    lines = [
        "import smpplib.client  # smsscan: ignore[SMS1001] vendored sample",
        "import smpplib.consts  # smsscan: ignore[SMS1001] vendored sample",
        "import smpplib.gsm  # smsscan: ignore[SMS1001] vendored sample",
    ]
    (tmp_path / "gw.py").write_text("\n".join(lines) + "\n")
    result = scan_dir(str(tmp_path))
    assert [f.rule_id for f in result.findings if f.rule_id == "SMS9900"] == []
    sms1001 = [f for f in result.findings if f.rule_id == "SMS1001"]
    assert len(sms1001) == 3 and all(f.suppression is not None for f in sms1001)


def test_previous_line_directive_still_applies(tmp_path):
    (tmp_path / "gw.py").write_text("# smsscan: ignore[SMS1001] reviewed\nimport smpplib.client\n")
    result = scan_dir(str(tmp_path))
    (f,) = [f for f in result.findings if f.rule_id == "SMS1001"]
    assert f.suppression is not None and f.suppression.justification == "reviewed"
    assert not [f for f in result.findings if f.rule_id == "SMS9900"]
