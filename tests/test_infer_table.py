"""One test per row of the verdict decision table (scanner/infer.py TABLE), with
findings built directly, plus whole-verdict tests for each of the rules the
issue lists (test-only, host decides, library, dormant, exposure, gateways)."""

from __future__ import annotations

import itertools

import pytest

from scanner.infer import TABLE, Facts, Outcome, decide, infer
from scanner.model import Confidence, Evidence, Finding, Scenario, Severity, Span, Suppression
from scanner.project import Package, ProjectInfo


def F(
    rule: str = "SMS1002",
    path: str = "app/sms.py",
    line: int = 1,
    scenario: str = "C",
    evidence: str = "call",
    confidence: str = "high",
    test_only: bool = False,
    suppressed: bool = False,
    **attrs: str,
) -> Finding:
    return Finding(
        rule_id=rule,
        path=path,
        span=Span(line, 1, line, 10),
        message=f"{rule} at {path}:{line}",
        snippet="x",
        scenario=Scenario(scenario),
        severity=Severity.HIGH,
        confidence=Confidence(confidence),
        evidence=Evidence(evidence),
        fingerprint="0" * 32,
        line_hash="",
        attributes=tuple(sorted(attrs.items())),
        test_only=test_only,
        suppression=Suppression("inSource") if suppressed else None,
    )


# --- the table, row by row ---------------------------------------------------------------

ROW_CASES = [
    ("T01", Facts(scenario="C", suppressed=True), Outcome.IGNORED, "C"),
    ("T02", Facts(scenario="C", dormant=True), Outcome.DORMANT, "C"),
    ("T03", Facts(scenario="none", exposure="route", live_a=True), Outcome.EXPOSURE, "none"),
    ("T04", Facts(scenario="none", exposure="bind"), Outcome.EXPOSURE, "none"),
    ("T05", Facts(scenario="C", protocol="smpp", modem_server=True), Outcome.LIVE, "A"),
    ("T06", Facts(scenario="C", role="server"), Outcome.TEST_ONLY, "C"),
    ("T07", Facts(scenario="none", host_class="loopback"), Outcome.TEST_ONLY, "none"),
    ("T08", Facts(scenario="C", test_path=True), Outcome.TEST_ONLY, "C"),
    ("T09", Facts(scenario="C", evidence="import", host_decides="test"), Outcome.LIVE, "C"),
    (
        "T10",
        Facts(scenario="C", evidence="dependency", used_only_in_tests=True),
        Outcome.TEST_ONLY,
        "C",
    ),
    ("T11", Facts(scenario="C", gateway_api=True, gateway_config="C"), Outcome.PROXY, "C"),
    ("T12", Facts(scenario="none", gateway_api=True), Outcome.LIVE, "C"),
    ("T13", Facts(scenario="none", evidence="credential"), Outcome.CONTEXT, "none"),
    ("T14", Facts(scenario="C", evidence="import", host_decides="B"), Outcome.LIVE, "B"),
    ("T15", Facts(scenario="C", evidence="protocol", in_library=True), Outcome.LIVE, "C"),
    ("T16", Facts(scenario="B", evidence="call"), Outcome.LIVE, "B"),
    ("T17", Facts(scenario="A", evidence="config"), Outcome.LIVE, "A"),
    ("T18", Facts(scenario="B", evidence="dependency"), Outcome.LIVE, "B"),
    ("T19", Facts(scenario="C", evidence="verdict"), Outcome.CONTEXT, "none"),
]


@pytest.mark.parametrize(("row", "facts", "outcome", "scenario"), ROW_CASES)
def test_row(row: str, facts: Facts, outcome: Outcome, scenario: str) -> None:
    d = decide(facts)
    assert (d.row, d.outcome, d.scenario) == (row, outcome, scenario)


def test_every_row_is_tested_and_ids_are_ordered() -> None:
    ids = [r.id for r in TABLE]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    assert {c[0] for c in ROW_CASES} == set(ids)


def test_table_is_exhaustive() -> None:
    """Every combination of the facts gets a decision (the last row catches all)."""
    for combo in itertools.product(
        ("none", "A", "B", "C"),
        [e.value for e in Evidence],
        (False, True),
        ("", "route"),
        ("", "server"),
        ("", "loopback", "aggregator"),
        ("", "A", "B", "test"),
        (False, True),
    ):
        scen, ev, flag, expo, role, hc, hd, gw = combo
        d = decide(
            Facts(
                scenario=scen,
                evidence=ev,
                dormant=flag,
                exposure=expo,
                role=role,
                host_class=hc,
                host_decides=hd,
                gateway_api=gw,
            )
        )
        assert d.row.startswith("T")
        if d.outcome.counts:
            assert d.scenario in ("A", "B", "C")


def test_confidence_caps() -> None:
    assert decide(Facts(scenario="B", evidence="call")).cap is Confidence.HIGH
    assert decide(Facts(scenario="B", evidence="import")).cap is Confidence.MEDIUM
    assert decide(Facts(scenario="B", evidence="dependency")).cap is Confidence.LOW
    assert decide(Facts(scenario="B", evidence="credential")).cap is Confidence.LOW
    assert decide(Facts(scenario="C", gateway_api=True)).cap is Confidence.LOW


# --- whole verdicts: each rule of the issue changes a verdict ---------------------------------


def test_mixed_codebase_has_several_scenarios_and_primary_c() -> None:
    v = infer([F(scenario="B", path="a.py", provider="Tencent Cloud"), F(path="b.py")])
    assert v.scenarios == ("B", "C") and v.primary == "C"
    assert v.reasons[0].scenario == "C"
    assert [lic["scenario"] for lic in v.to_dict()["licences"]] == ["C", "B"]


def test_no_findings_is_none() -> None:
    v = infer([])
    assert v.scenarios == () and v.primary == "none"
    assert "No SMS-sending path" in v.summary


def test_test_only_evidence_never_makes_a_scenario() -> None:
    v = infer(
        [
            F(path="tests/test_sms.py", test_only=True),
            F(path="sim/server.js", role="server", scenario="none"),
            F(path="dev.py", host="127.0.0.1", host_class="loopback", scenario="none"),
        ]
    )
    assert v.scenarios == () and v.primary == "none"
    assert len(v.test_only) == 3


def test_code_that_only_reaches_loopback_is_c_capable_low() -> None:
    imp = F(rule="SMS1001", evidence="import", protocol="smpp")
    call = F(
        line=5,
        scenario="none",
        protocol="smpp",
        host="localhost",
        host_class="loopback",
        test_only=True,
    )
    v = infer([imp, call])
    assert v.scenarios == ("C",) and v.confidence_of("C") == "low"  # C-capable
    assert [t.row for t in v.trace] == ["T09", "T07"]
    assert len(v.test_only) == 1  # the loopback connection itself


def test_a_tests_localhost_does_not_decide_for_the_app() -> None:
    app_import = F(rule="SMS1001", path="app/gw.py", evidence="import", protocol="smpp")
    app_call = F(path="app/gw.py", line=4, protocol="smpp")  # host from settings: unknown
    test_call = F(
        path="tests/test_gw.py",
        scenario="none",
        protocol="smpp",
        host="127.0.0.1",
        host_class="loopback",
        test_only=True,
    )
    v = infer([app_import, app_call, test_call])
    assert v.scenarios == ("C",)


def test_rows_are_documented() -> None:
    import os

    here = os.path.dirname(__file__)
    with open(os.path.join(here, "..", "docs", "scenarios.md"), encoding="utf-8") as fh:
        doc = fh.read()
    for row in TABLE:
        assert f"| {row.id} |" in doc, row.id


def test_host_decides_aggregator_is_b_not_c() -> None:
    imp = F(rule="SMS1001", evidence="import", protocol="smpp")
    call = F(
        line=5, scenario="B", protocol="smpp", host="smpp.smsglobal.com", host_class="aggregator"
    )
    v = infer([imp, call])
    assert v.scenarios == ("B",)
    assert v.trace[0].row == "T14"


def test_host_decides_simbox_is_a() -> None:
    imp = F(rule="SMS1001", evidence="import", protocol="smpp")
    call = F(line=5, scenario="A", protocol="smpp", host="goip-1.lan", host_class="simbox")
    assert infer([imp, call]).scenarios == ("A",)


def test_smpp_server_in_front_of_modems_is_a() -> None:
    modem = F(rule="SMS6003", scenario="A", path="modem/send.py", protocol="at")
    server = F(
        rule="SMS1003", scenario="none", path="smsc/server.py", protocol="smpp", role="server"
    )
    client = F(path="app/notify.py", protocol="smpp", host="smsc", host_class="unknown")
    v = infer([modem, server, client])
    assert v.scenarios == ("A",) and not v.test_only
    assert [t.row for t in v.trace] == ["T05", "T16", "T05"]  # sorted by path
    without_modem = infer([server, client])
    assert without_modem.scenarios == ("C",)


def test_carrier_host_elsewhere_keeps_c() -> None:
    imp = F(rule="SMS1001", evidence="import", protocol="smpp")
    agg = F(
        line=5, scenario="B", protocol="smpp", host="smpp.smsglobal.com", host_class="aggregator"
    )
    carrier = F(line=9, protocol="smpp", host="10.1.2.3", host_class="private")
    assert infer([imp, agg, carrier]).scenarios == ("B", "C")


def test_lone_dependency_gives_low_confidence() -> None:
    v = infer([F(rule="SMS7001", evidence="dependency", path="package.json", protocol="smpp")])
    assert v.scenarios == ("C",) and v.confidence_of("C") == "low"
    assert any("only on a dependency" in n for n in v.notes)


def test_dependency_used_only_by_a_simulator_is_test_only() -> None:
    dep = F(rule="SMS7001", evidence="dependency", path="package.json", protocol="smpp")
    server = F(
        rule="SMS1003", path="src/server.js", scenario="none", protocol="smpp", role="server"
    )
    v = infer([dep, server])
    assert v.scenarios == () and len(v.test_only) == 2


def test_library_repository_is_reported() -> None:
    project = ProjectInfo((Package("pypi", "smpplib", "setup.py"),))
    v = infer([F(path="smpplib/client.py", evidence="protocol", library="smpplib")], project)
    assert v.library is not None and v.library.name == "smpplib"
    assert v.scenarios == ("C",)
    assert v.trace[0].row == "T15"
    assert v.to_dict()["library"]["name"] == "smpplib"


def test_application_manifest_is_not_a_library() -> None:
    project = ProjectInfo((Package("npm", "sms-portal", "package.json", application=True),))
    v = infer([F(path="src/send.js")], project)
    assert v.library is None


def test_dormant_code_is_visible_but_not_counted() -> None:
    live = F(scenario="B", path="a.py")
    dormant = F(rule="SMS9121", path="b.py", dormant="true")
    v = infer([live, dormant])
    assert v.scenarios == ("B",)
    assert [r.rule_id for r in v.dormant] == ["SMS9121"]
    only_dormant = infer([dormant])
    assert only_dormant.scenarios == () and len(only_dormant.dormant) == 1


def test_exposure_of_a_modem_path_is_a_warning() -> None:
    modem = F(rule="SMS6001", scenario="A", path="modem.py", protocol="at")
    route = F(rule="SMS9101", scenario="none", evidence="exposure", path="web.py", exposure="route")
    v = infer([modem, route])
    assert v.scenarios == ("A",)
    assert v.exposure_warning and "no longer internal" in v.exposure_warning
    assert [t.row for t in v.trace if t.rule_id == "SMS9101"] == ["T03"]
    calm = infer([F(scenario="B"), route])
    assert calm.exposure and not calm.exposure_warning


def test_gateway_with_config_in_repo_is_c_by_proxy() -> None:
    api = F(rule="SMS4101", scenario="none", path="app/send.py", gateway="kannel", protocol="http")
    conf = F(
        rule="SMS4201", path="kannel.conf", evidence="config", gateway="kannel", protocol="smpp"
    )
    v = infer([api, conf])
    assert v.scenarios == ("C",) and v.confidence_of("C") == "high"
    assert v.trace[0].row == "T11"


def test_gateway_config_on_modem_makes_a() -> None:
    api = F(rule="SMS4101", scenario="none", path="app/send.py", gateway="kannel", protocol="http")
    conf = F(
        rule="SMS4201",
        scenario="A",
        path="kannel.conf",
        evidence="config",
        gateway="kannel",
        protocol="at",
    )
    assert infer([api, conf]).scenarios == ("A",)


def test_gateway_without_config_is_c_capable_low() -> None:
    api = F(rule="SMS4101", scenario="none", path="app/send.py", gateway="jasmin", protocol="http")
    v = infer([api])
    assert v.scenarios == ("C",) and v.confidence_of("C") == "low"
    assert any("gateway config not in this repository" in n for n in v.notes)


def test_suppressed_findings_do_not_count() -> None:
    assert infer([F(suppressed=True)]).scenarios == ()


def test_to_dict_keys() -> None:
    d = infer([F()]).to_dict()
    assert set(d) >= {
        "scenarios",
        "primary",
        "summary",
        "confidence",
        "licences",
        "reasons",
        "exposure",
        "exposure_warning",
        "test_only",
        "dormant",
        "library",
        "notes",
    }
    assert d["confidence"] == {"C": "high"}


def test_trace_covers_every_finding() -> None:
    fs = [F(line=i) for i in range(1, 6)]
    assert len(infer(fs).trace) == 5
