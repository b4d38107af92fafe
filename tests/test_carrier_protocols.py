"""Carrier-protocol detectors (SMPP, CMPP / SGIP / SMGP / CNGP): host resolution,
client vs server, hand-rolled protocol thresholds, precision."""

from __future__ import annotations

import os

import pytest
from conftest import FIXTURES
from helpers import scan_dir, scan_snippet

from scanner.infer import infer
from scanner.model import Scenario

MINE = ("SMS1", "SMS2")


def _mine(findings):
    return [f for f in findings if f.rule_id.startswith(MINE)]


def test_module_constant_resolves_to_host():
    code = (
        "import smpplib.client\n"
        "SMSC_HOST = 'smpp.smsglobal.com'\n"
        "client = smpplib.client.Client(SMSC_HOST, 1775)\n"
    )
    (hit,) = [f for f in scan_snippet(code, "gw.py") if f.rule_id == "SMS1002"]
    assert hit.attr("host") == "smpp.smsglobal.com"
    assert hit.attr("port") == "1775"
    assert hit.scenario is Scenario.B  # an aggregator's SMPP account


def test_go_struct_field_and_js_object_hosts():
    go = (
        'package main\nimport "github.com/linxGnu/gosmpp"\n'
        'var auth = gosmpp.Auth{SMSC: "10.1.2.3:2775", SystemID: "acme", Password: pw}\n'
    )
    (hit,) = [f for f in scan_snippet(go, "main.go") if f.rule_id == "SMS1002"]
    assert (hit.attr("host"), hit.attr("port")) == ("10.1.2.3", "2775")
    js = "const smpp = require('smpp');\nconst s = new smpp.Session({ host: '10.9.9.9', port: 2775 });\n"
    (hit,) = [f for f in scan_snippet(js, "a.js") if f.rule_id == "SMS1002"]
    assert (hit.attr("host"), hit.attr("port")) == ("10.9.9.9", "2775")


def test_loopback_and_go_local_address_are_test_only():
    code = (
        'package main\nimport cmpp "github.com/bigwhite/gocmpp"\n'
        "func f() {\n\tc := cmpp.NewClient(cmpp.V30)\n"
        '\t_ = c.Connect(":7890", "900001", "888888", 0)\n}\n'
    )
    hits = [f for f in scan_snippet(code, "main.go") if f.rule_id == "SMS2002"]
    assert len(hits) == 2
    assert all(h.test_only and h.scenario is Scenario.NONE for h in hits)


def test_nil_is_not_a_host():
    code = 'package main\nimport cmpp "github.com/bigwhite/gocmpp"\nfunc f(c *cmpp.Client) { c.SendReqPkt(nil) }\n'
    (hit,) = [f for f in scan_snippet(code, "main.go") if f.rule_id == "SMS2002"]
    assert hit.attr("host") == ""


def test_server_only_file_is_context():
    code = (
        "const smpp = require('smpp');\n"
        "smpp.createServer((session) => session.on('bind_transceiver', (p) => session.send(p.response())))"
        ".listen(2775);\n"
    )
    mine = _mine(scan_snippet(code, "src/server.js"))
    assert {f.rule_id for f in mine} == {"SMS1001", "SMS1003"}
    assert all(f.test_only and f.scenario is Scenario.NONE for f in mine)


def test_simulator_fixture_has_no_client_evidence():
    result = scan_dir(os.path.join(FIXTURES, "smpp-simulator"))
    mine = _mine(result.findings)
    assert mine, "the simulator must be recognised"
    assert all(f.test_only and f.scenario is Scenario.NONE for f in mine)
    assert not [f for f in mine if f.rule_id in ("SMS1002", "SMS2002", "SMS1010", "SMS2010")]
    assert infer(result.findings).primary == "none"


@pytest.mark.parametrize(
    ("project", "rule"),
    [
        ("go-cmpp-gateway", "SMS2002"),
        ("python-cmpp-handrolled", "SMS2010"),
        ("node-smpp-client", "SMS1002"),
    ],
)
def test_client_fixtures_are_scenario_c(project, rule):
    result = scan_dir(os.path.join(FIXTURES, project))
    live = [f for f in result.findings if f.rule_id == rule and not f.test_only]
    assert live and all(f.scenario is Scenario.C for f in live)


def test_handrolled_needs_cooccurring_names():
    one = "CMPP_SUBMIT = 0x00000004\n"
    assert not [f for f in scan_snippet(one, "p.py") if f.rule_id == "SMS2010"]
    two = "CMPP_SUBMIT = 0x00000004\nCMPP_CONNECT = 0x00000001\n"
    (hit,) = [f for f in scan_snippet(two, "p.py") if f.rule_id == "SMS2010"]
    assert hit.confidence.value == "high"
    login = (
        "import hashlib\n"
        "def auth(src, secret, ts):\n"
        "    AuthenticatorSource = hashlib.md5(src + b'\\x00' * 9 + secret + ts).digest()\n"
        "    return {'Source_Addr': src, 'AuthenticatorSource': AuthenticatorSource, 'Msg_src': src}\n"
    )
    (hit,) = [f for f in scan_snippet(login, "p.py") if f.rule_id == "SMS2010"]
    assert hit.attr("protocol") == "cmpp"


def test_sgip_misspelled_field_and_smgp_fields():
    sgip = "class Bind:\n    LoginName = ''\n    LoginPassowrd = ''\n    SPNumber = ''\n"
    (hit,) = [f for f in scan_snippet(sgip, "sgip.py") if f.rule_id == "SMS2010"]
    assert hit.attr("protocol") == "sgip"
    smgp = "public class Login { String AuthenticatorClient; String SrcTermID; String ChargeTermID; }\n"
    (hit,) = [f for f in scan_snippet(smgp, "Login.java") if f.rule_id == "SMS2010"]
    assert hit.attr("protocol") == "smgp"


def test_handrolled_socket_endpoint_decides_scenario():
    code = (
        "import socket\n"
        "ISMG_HOST = '127.0.0.1'\n"
        "CMPP_CONNECT = 0x00000001\nCMPP_SUBMIT = 0x00000004\n"
        "s = socket.create_connection((ISMG_HOST, 7890))\n"
    )
    (hit,) = [f for f in scan_snippet(code, "p.py") if f.rule_id == "SMS2010"]
    assert hit.test_only and hit.attr("host") == "127.0.0.1" and hit.attr("port") == "7890"


@pytest.mark.parametrize(
    ("code", "path"),
    [
        ("import tcmpp\nfrom x import ICMPPairs\nesgiproject = wasmgpu = smppish = 1\n", "x.py"),
        ("const tcmpp = require('tcmpp');\nconst smppish = require('smppish');\n", "x.js"),
        ('package x\nimport "example.com/tcmpp"\nvar esgiproject, wasmgpu = 1, 2\n', "x.go"),
        ("tcmpp:\n  appid: wx1\nesgiproject:\n  sp_id: 1\nwasmgpu: true\n", "app.yml"),
        ("// CMPP_CONNECT = 0x00000001\n// CMPP_SUBMIT = 0x00000004\nclass A {}\n", "A.java"),
    ],
)
def test_look_alikes_never_match(code, path):
    assert not _mine(scan_snippet(code, path))


def test_shared_secret_value_is_redacted():
    secret = "s" + "3cr3t" + "Value9"
    code = f"[ISMG]\nsp_id = 901234\nshared_secret = {secret}\n"
    (hit,) = [f for f in scan_snippet(code, "gw.ini") if f.rule_id == "SMS2005"]
    assert secret not in hit.snippet and secret not in hit.message


def test_uri_password_is_redacted():
    pw = "1qaz" + "2wsx"
    code = f'String uri = "cmpp://211.136.10.40:7890?username=901234&password={pw}&version=32";\n'
    (hit,) = [f for f in scan_snippet(code, "Gw.java") if f.rule_id == "SMS2004"]
    assert pw not in hit.snippet and hit.attr("host") == "211.136.10.40"


def test_concatenated_url_with_constants():
    code = (
        "const smpp = require('smpp');\n"
        "const SMPP_HOST = '10.77.0.1';\nconst SMPP_PORT = 2775;\n"
        "const s = smpp.connect({ url: 'smpp://' + SMPP_HOST + ':' + SMPP_PORT });\n"
    )
    (hit,) = [f for f in scan_snippet(code, "a.js") if f.rule_id == "SMS1002"]
    assert (hit.attr("host"), hit.attr("port")) == ("10.77.0.1", "2775")


def test_php_define_and_array_host():
    code = (
        "<?php\nrequire_once 'smppclient.class.php';\n"
        "define('SMSC_HOST', '10.11.12.16');\n"
        "$t = new SocketTransport(array(SMSC_HOST), 2775);\n"
    )
    (hit,) = [f for f in scan_snippet(code, "s.php") if f.rule_id == "SMS1002"]
    assert hit.attr("host") == "10.11.12.16"


def test_sethost_on_an_unrelated_receiver_is_not_smpp():
    code = (
        "import org.jsmpp.session.SMPPSession;\n"
        'class A { void f(DataSource ds) { ds.setHost("db.internal.example"); } }\n'
    )
    assert not [f for f in scan_snippet(code, "A.java") if f.rule_id == "SMS1002"]


@pytest.mark.parametrize(
    ("text", "name", "kind", "expected"),
    [
        # a carrier port inside a metric name, not a key's value: nothing to parse for
        ("groups:\n  - record: job:requests:sum:2775\n    expr: x\n", "rules.yml", "yaml", False),
        ("ports:\n  - 2775:2775\n", "docker-compose.yml", "yaml", True),
        (
            "- name: GW_HOST\n  value: 10.0.0.7\n- name: GW_PORT\n  value: '7890'\n",
            "k.yml",
            "yaml",
            True,
        ),
        ("gw.host=10.0.0.7\ngw.port=7890\n", "app.properties", "properties", True),
        # protocol words only inside longer words
        ("x = getSmsChannel(host='a', port=1)\n", "x.py", "python", False),
        # ... unless the file name gives plain keys the protocol
        ("# see getcmppx\nhost = 'a'\nport = 7\n", "cmpp_config.py", "python", True),
        # a protocol-named key with no value a host or port could have
        ("E_SMSC_ADDRESS Handle = 0x80548226\n", "zerrors.go", "go", False),
        ('SMSC_ADDRESS = "10.0.0.9"\n', "conf.py", "python", True),
    ],
)
def test_carrier_endpoint_gate(text: str, name: str, kind: str, expected: bool) -> None:
    from detectors import carrier_endpoint

    assert carrier_endpoint.gate(text, kind, name) is expected
