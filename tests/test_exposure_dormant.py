"""The exposure (SMS9101-9104) and dormant (SMS9121-9122) detectors: the attributes
the verdict reads, and tricky cases beyond the rule examples. Also library
detection from manifests and the --explain trace."""

from __future__ import annotations

import json

from click.testing import CliRunner
from helpers import make_report, scan_dir, scan_snippet

from scanner.cli import main
from scanner.project import read_project
from scanner.report import text


def _only(findings, prefix="SMS91"):
    return [f for f in findings if f.rule_id.startswith(prefix)]


def test_route_carries_exposure_attribute() -> None:
    code = (
        "from flask import Flask\nimport sms\napp = Flask(__name__)\n"
        "@app.post('/api/login/code')\ndef code():\n    sms.send_sms('1', 'x')\n"
    )
    (f,) = _only(scan_snippet(code, "web/app.py"))
    assert f.rule_id == "SMS9101" and f.attr("exposure") == "route"
    assert f.attr("route") == "/api/login/code"
    assert f.scenario.value == "none"


def test_route_in_file_without_sms_is_not_exposure() -> None:
    code = "app.post('/api/login/code', (req, res) => res.send(check(req)));\n"
    assert not _only(scan_snippet(code, "server.js"), "SMS9101")


def test_django_route_to_sms_view() -> None:
    code = "from django.urls import path\nurlpatterns = [path('sms/code/', views.send_sms_code)]\n"
    (f,) = _only(scan_snippet(code, "urls.py"))
    assert f.attr("exposure") == "route"


def test_kubernetes_and_compose_exposure_kinds() -> None:
    ingress = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\n"
    lb = "apiVersion: v1\nkind: Service\nspec:\n  type: LoadBalancer\n"
    nodeport = "apiVersion: v1\nkind: Service\nspec:\n  type: NodePort\n"
    compose = "services:\n  web:\n    ports:\n      - '0.0.0.0:80:8080'\n"
    kinds = [
        _only(scan_snippet(c, p))[0].attr("exposure")
        for c, p in (
            (ingress, "k8s/ing.yaml"),
            (lb, "k8s/svc.yaml"),
            (nodeport, "k8s/np.yaml"),
            (compose, "docker-compose.yml"),
        )
    ]
    assert kinds == ["ingress", "loadbalancer", "port-mapping", "port-mapping"]


def test_bind_to_loopback_or_cidr_is_not_exposure() -> None:
    assert not _only(scan_snippet("app.run(host='127.0.0.1')\n", "app.py"))
    assert not _only(scan_snippet("allow:\n  cidr: 0.0.0.0/0\n", "net.yaml"))


def test_commented_send_is_dormant_with_scenario() -> None:
    code = "import smpplib.client\n# client.send_message(source_addr='1069', short_message=b'x')\n"
    dormant = _only(scan_snippet(code, "gw.py"), "SMS9121")
    assert len(dormant) == 1
    assert dormant[0].attr("dormant") == "true"
    assert dormant[0].scenario.value == "C"


def test_commented_gammu_send_is_dormant_a() -> None:
    code = "import gammu\n# sm.SendSMS(message)\n"
    (f,) = _only(scan_snippet(code, "modem.py"), "SMS9121")
    assert f.scenario.value == "A"


def test_prose_comment_is_not_dormant() -> None:
    code = "// sendSms(phone) is retried three times by the queue worker\nconst a = 1;\n"
    assert not _only(scan_snippet(code, "worker.js"), "SMS9121")


def test_disabled_flag_variants() -> None:
    for code, path in (
        ("aliyun.sms.enabled=false\n", "application.properties"),
        ("sms:\n  tencent:\n    enable: off\n", "app.yml"),
        ("ENABLE_SMS=0\n", ".env"),
    ):
        (f,) = _only(scan_snippet(code, path), "SMS9122")
        assert f.attr("dormant") == "true"
    assert not _only(scan_snippet("sms.enabled=true\n", "application.properties"), "SMS9122")


def test_read_project_manifests(tmp_path) -> None:
    (tmp_path / "package.json").write_text(json.dumps({"name": "node-smpp-lite"}))
    (tmp_path / "go.mod").write_text("module github.com/acme/gocmpp\n\ngo 1.21\n")
    (tmp_path / "composer.json").write_text(json.dumps({"name": "acme/portal", "type": "project"}))
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "cmpp-lite"\n')
    pkgs = {p.ecosystem: p for p in read_project(str(tmp_path)).packages}
    assert pkgs["npm"].name == "node-smpp-lite" and not pkgs["npm"].application
    assert pkgs["go"].name == "github.com/acme/gocmpp" and not pkgs["go"].application
    assert pkgs["composer"].application
    assert pkgs["pypi"].name == "cmpp-lite"


def test_library_repository_end_to_end(tmp_path) -> None:
    (tmp_path / "setup.py").write_text("from setuptools import setup\nsetup(name='smppkit')\n")
    pkg = tmp_path / "smppkit"
    pkg.mkdir()
    (pkg / "client.py").write_text(
        "import smpplib.client\n\n\ndef connect(host):\n"
        "    c = smpplib.client.Client(host, 2775)\n    c.connect()\n    return c\n"
    )
    v = make_report(scan_dir(str(tmp_path))).verdict
    assert v.library is not None and v.library.name == "smppkit"
    assert v.scenarios == ("C",)


def test_explain_prints_trace(tmp_path) -> None:
    (tmp_path / "gw.py").write_text(
        "import smpplib.client\nclient = smpplib.client.Client('10.1.2.3', 2775)\n"
    )
    res = CliRunner().invoke(main, ["scan", str(tmp_path), "--explain", "--exit-zero"])
    assert res.exit_code == 0, res.output
    assert "Decision trace" in res.output
    assert "Rows that fired" in res.output
    assert "Primary C" in res.output
    plain = text.render(make_report(scan_dir(str(tmp_path))))
    assert "Decision trace" not in plain


def test_minified_bundle_skips_route_checks_but_not_sdk_evidence(tmp_path) -> None:
    route = "app.post('/api/register/code',async(e,t)=>{await smsClient.sendSms(e.body.phone)});"
    filler = "var a" + "".join(f",v{i}=function(){{return {i}}}" for i in range(2500)) + ";"
    bundle = f"const x=require('@alicloud/dysmsapi20170525');{filler}{route}\n"
    assert len(bundle) > 20_000 and bundle.count("\n") == 1
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "app.min.js").write_text(bundle)
    (tmp_path / "server.js").write_text(route.replace(";", ";\n"))  # the same code, readable
    result = scan_dir(str(tmp_path))
    by_file = {(f.path, f.rule_id) for f in result.findings}
    assert ("server.js", "SMS9101") in by_file  # readable source: the route is reported
    assert ("dist/app.min.js", "SMS9101") not in by_file  # the bundle: not judged
    assert any(p == "dist/app.min.js" and r.startswith("SMS5") for p, r in by_file)
    notes = [n for n in result.notifications if n.path == "dist/app.min.js"]
    assert [n.code for n in notes] == ["minified"]


def test_a_dotted_capital_i_neither_hides_nor_forces_an_exposure() -> None:
    # `İ` lower-cases to two characters; the gate and the check read it as the `i` that
    # (?i) matches it to, so such a file is judged like any other
    from detectors import exposure

    route = (
        "from flask import Flask\nimport sms\napp = Flask(__name__)\nCITY = 'İstanbul'\n"
        "@app.post('/api/login/code')\ndef code():\n    sms.send_sms('1', 'x')\n"
    )
    (f,) = _only(scan_snippet(route, "web/app.py"))
    assert f.rule_id == "SMS9101" and exposure.gate(route, "python", "app.py")
    dotted_verb = route.replace("sms.send_sms('1', 'x')", "sms.SUBMİT('1', 'x')")
    assert exposure.gate(dotted_verb, "python", "app.py")
    table = "<?php\nreturn ['Names' => ['sms' => 'Skolt Laponcası', 'en' => 'İngilizce']];\n"
    assert not exposure.gate(table, "php", "tr.php")
    assert not _only(scan_snippet(table, "data/tr.php"))
