"""Carrier endpoints (SMS4xxx), 106 service numbers (SMS3xxx), own-SIM modems
(SMS6xxx) and host classification: the shapes the rule examples do not cover."""

from __future__ import annotations

import pytest
from helpers import scan_snippet

from detectors.carrier_endpoint import _proto, _words
from scanner.hosts import carrier_protocol_of_port, classify_host
from scanner.model import Scenario


def _rules(code: str, path: str) -> list[tuple[int, str]]:
    return sorted((f.span.start_line, f.rule_id) for f in scan_snippet(code, path))


def _one(code: str, path: str, rule_id: str):
    found = [f for f in scan_snippet(code, path) if f.rule_id == rule_id]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("port", "proto"),
    [("7890", "cmpp"), (8801, "sgip"), ("8890", "smgp"), ("2775", "smpp"), ("5432", ""), ("x", "")],
)
def test_carrier_ports(port, proto):
    assert carrier_protocol_of_port(port) == proto


def test_host_classes():
    assert classify_host("api.sms-gate.app").scenario is Scenario.B
    assert classify_host("goip-noc.lan").category == "simbox"
    assert classify_host("smscsim.smpp.org").test_only
    assert classify_host("10.1.2.3").category == "private"


@pytest.mark.parametrize("key", ["tourismGroups.host", "Prismgunner_port", "IsMgt", "zipCode"])
def test_protocol_words_need_word_boundaries(key):
    assert _proto(_words(key)) == ""


@pytest.mark.parametrize(
    ("key", "proto"),
    [
        ("ISMG_HOST", "cmpp"),
        ("ismgIp", "cmpp"),
        ("SMS.Sgip.SmgIpPort", "sgip"),
        ("smsc_host", "smpp"),
    ],
)
def test_protocol_words(key, proto):
    assert _proto(_words(key)) == proto


def test_docker_compose_environment_list():
    code = (
        "services:\n  sender:\n    environment:\n"
        "      - SMSC_HOST=10.40.0.8\n      - SMSC_PORT=2775\n      - DB_HOST=db\n"
    )
    f = _one(code, "docker-compose.yml", "SMS4001")
    assert f.span.start_line == 4 and f.attr("port") == "2775" and f.scenario is Scenario.C


def test_kubernetes_env_and_service_ports():
    code = (
        "spec:\n  containers:\n    - name: sender\n      env:\n"
        "        - name: ISMG_HOST\n          value: '10.9.8.7'\n"
        "        - name: ISMG_PORT\n          value: '7890'\n"
        "  ports:\n    - port: 2775\n      targetPort: 2775\n"
    )
    got = _rules(code, "deploy/k8s.yaml")
    assert got == [(6, "SMS4001"), (10, "SMS4003")]


def test_spring_xml_beans_pair_adjacent_properties():
    code = (
        "<beans>\n  <bean id='c' class='com.acme.CmppClient'>\n"
        '    <property name="host" value="10.1.1.1"/>\n'
        '    <property name="port" value="7890"/>\n  </bean>\n'
        "  <bean id='db' class='x.Db'>\n"
        '    <property name="host" value="10.1.1.2"/>\n'
        '    <property name="port" value="5432"/>\n  </bean>\n</beans>\n'
    )
    assert _rules(code, "beans.xml") == [(3, "SMS4001")]


def test_spring_placeholder_default_and_aggregator_host():
    code = "sms:\n  smpp:\n    host: ${SMPP_HOST:smpp.smsglobal.com}\n    port: 1775\n"
    f = _one(code, "application.yml", "SMS4001")
    assert f.scenario is Scenario.B and f.attr("provider") == "SMSGlobal"


def test_loopback_endpoint_is_test_only():
    f = _one('{"cmpp_host": "127.0.0.1", "cmpp_port": "7891"}\n', "config.json", "SMS4001")
    assert f.test_only


def test_kannel_smsc_types_decide_the_scenario():
    code = (
        "group = smsc\nsmsc = fake\nport = 10000\n\n"
        "group = smsc\nsmsc = smpp\nhost = smpp.clickatell.com\nport = 2775\n\n"
        "group = smsc\nsmsc = at\ndevice = /dev/ttyUSB0\n"
    )
    found = {f.span.start_line: f for f in scan_snippet(code, "kannel.conf")}
    assert found[2].test_only
    assert found[6].scenario is Scenario.B
    assert found[11].scenario is Scenario.A


def test_android_sms_gateway_cloud_is_b_and_lan_is_a():
    code = (
        "from android_sms_gateway import client\n"
        "cloud = client.APIClient(u, p, base_url='https://api.sms-gate.app/3rdparty/v1')\n"
        "lan = client.APIClient(u, p, base_url='http://192.168.1.20:8080')\n"
    )
    found = {
        f.span.start_line: f for f in scan_snippet(code, "notify.py") if f.rule_id == "SMS6007"
    }
    assert found[2].scenario is Scenario.B
    assert found[3].scenario is Scenario.A


def test_modem_cli_needs_an_exec_call():
    code = (
        "import shutil, subprocess\n"
        "def f(n, t):\n"
        '    """Queue through gammu-smsd-inject."""\n'
        "    if shutil.which('gammu-smsd-inject'):\n"
        "        subprocess.run(['gammu-smsd-inject', 'TEXT', n, '-text', t])\n"
    )
    assert _rules(code, "q.py") == [(5, "SMS6004")]


def test_service_number_in_cloud_context_is_skipped():
    code = "aliyun:\n  sms:\n    sign: ACME\n    sms_up_extend_code: '01'\n    src_id: '10690021'\n"
    assert not [f for f in scan_snippet(code, "sms.yml") if f.rule_id.startswith("SMS3")]


def test_iot_and_short_numbers_are_not_service_numbers():
    code = "SRC_ID = '1064899104221'\nSP_CODE = '1069'\nsrc_id = '10690021'\n"
    assert _rules(code, "cmpp_cfg.py") == [(3, "SMS3001")]


def test_android_sms_gateway_default_base_url_is_the_cloud_relay():
    code = (
        "import Client from 'android-sms-gateway';\n"
        "const api = new Client(login, password, httpClient);\n"
    )
    f = _one(code, "src/notify.js", "SMS6007")
    assert f.span.start_line == 2 and f.scenario is Scenario.B


def test_simulator_host_names():
    assert classify_host("smsc-simulator").test_only
    assert classify_host("cmpp_sim.lab").test_only
    assert not classify_host("smsc-simple.carrier.cn").test_only
