"""Scenario-B platform detectors: attributes the verdict and reports rely on."""

from __future__ import annotations

from helpers import scan_snippet


def _by_rule(code: str, path: str, rule: str):
    return [f for f in scan_snippet(code, path) if f.rule_id == rule]


def test_tencent_api_versions_are_reported():
    v2019 = (
        "import com.tencentcloudapi.sms.v20190711.SmsClient;\n"
        "class A { void f() { req.setSmsSdkAppid(id); req.setSign(s); client.SendSms(req); } }\n"
    )
    v2021 = (
        "from tencentcloud.sms.v20210111 import sms_client, models\n"
        "req = models.SendSmsRequest()\nreq.SmsSdkAppId = app_id\nclient.SendSms(req)\n"
    )
    for code, path, version in ((v2019, "A.java", "2019-07-11"), (v2021, "s.py", "2021-01-11")):
        found = _by_rule(code, path, "SMS5002") + _by_rule(code, path, "SMS5001")
        assert found and all(f.attr("api_version") == version for f in found), path


def test_tencent_version_from_field_names_in_go():
    code = (
        "package sms\n\nimport (\n"
        '\tsms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20190711"\n)\n\n'
        "func f(c *sms.Client) { r := sms.NewSendSmsRequest(); r.SmsSdkAppid = &id; c.SendSms(r) }\n"
    )
    assert {f.attr("api_version") for f in _by_rule(code, "s.go", "SMS5002")} == {"2019-07-11"}


def test_cloud_hosts_alone_are_not_sms():
    code = (
        "OSS = 'oss-cn-hangzhou.aliyuncs.com'\nECS = 'ecs.aliyuncs.com'\n"
        "CVM = 'cvm.tencentcloudapi.com'\nOBS = 'obs.cn-north-4.myhuaweicloud.com'\n"
        "TAOBAO = 'https://eco.taobao.com/router/rest'\n"
    )
    assert not [f for f in scan_snippet(code, "infra.py") if f.rule_id.startswith("SMS50")]


def test_platform_hosts_carry_host_and_provider():
    (f,) = _by_rule("URL = 'http://112.35.1.155:1992/sms/norsubmit'\n", "mas.py", "SMS5103")
    assert f.attr("provider") == "China Mobile 云MAS"
    assert f.attr("host") == "112.35.1.155" and f.attr("port") == "1992"
    assert f.attr("host_class") == "carrier-http"
    (g,) = _by_rule("URL = 'https://sms.yunpian.com/v2/sms/single_send.json'\n", "y.py", "SMS5103")
    assert g.attr("provider") == "Yunpian" and g.attr("host_class") == "aggregator"


def test_easy_sms_gateways_name_the_vendor():
    code = (
        "<?php\nreturn [\n"
        "    'default' => ['strategy' => \\Overtrue\\EasySms\\Strategies\\OrderStrategy::class],\n"
        "    'gateways' => [\n"
        "        'errorlog' => ['file' => '/tmp/easy-sms.log'],\n"
        "        'huawei' => ['endpoint' => 'https://api.rtc.huaweicloud.com:10443'],\n"
        "        'yunpian' => ['api_key' => env('YUNPIAN_KEY')],\n"
        "    ],\n];\n"
    )
    found = {f.attr("gateway_name"): f.attr("provider") for f in _by_rule(code, "c.php", "SMS5203")}
    assert found == {"huawei": "Huawei Cloud", "yunpian": "Yunpian"}


def test_sms4j_supplier_from_code_and_config():
    code = (
        "import org.dromara.sms4j.core.factory.SmsFactory;\n"
        "class A { void f() { SmsFactory.createSmsBlend(SupplierType.HUAWEI).sendMessage(p, c); } }\n"
    )
    providers = {f.attr("provider") for f in _by_rule(code, "A.java", "SMS5211")}
    assert "Huawei Cloud" in providers
    yml = "sms:\n  blends:\n    jd:\n      supplier: jd_cloud\n"
    (f,) = _by_rule(yml, "application.yml", "SMS5213")
    assert f.attr("provider") == "JD Cloud"


def test_sms_code_logging_needs_a_send_nearby():
    send = (
        "from tencentcloud.sms.v20210111 import models\n"
        "def f(client, phone, code):\n"
        "    client.SendSms(models.SendSmsRequest())\n"
        "    logger.info('sent %s', code)\n"
        "    logger.info('status %s', resp.code)\n"
    )
    assert [f.span.start_line for f in _by_rule(send, "s.py", "SMS5301")] == [4]
