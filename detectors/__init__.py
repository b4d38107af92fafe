"""The explicit detector registry. Add a detector by importing its module here
and appending its `DETECTOR` to `REGISTRY`; `tests/test_registry.py` checks
that every module in this package is registered exactly once and that rule
ids are unique."""

from __future__ import annotations

from detectors import (
    aliyun_sms,
    carrier_account_config,
    carrier_endpoint,
    carrier_handrolled,
    cmpp_client,
    dependency_manifest,
    dormant,
    exposure,
    gsm_modem,
    huawei_sms,
    service_number,
    smpp_client,
    sms_aggregators,
    sms_code_logging,
    sms_credentials,
    sms_gateway_config,
    sms_platforms,
    smsc_server,
    tencent_sms,
)
from scanner.detector import Detector

REGISTRY: tuple[Detector, ...] = (
    smpp_client.DETECTOR,
    cmpp_client.DETECTOR,
    smsc_server.DETECTOR,
    carrier_handrolled.DETECTOR,
    carrier_account_config.DETECTOR,
    tencent_sms.DETECTOR,
    aliyun_sms.DETECTOR,
    huawei_sms.DETECTOR,
    sms_platforms.DETECTOR,
    sms_aggregators.DETECTOR,
    sms_credentials.DETECTOR,
    sms_code_logging.DETECTOR,
    service_number.DETECTOR,
    carrier_endpoint.DETECTOR,
    sms_gateway_config.DETECTOR,
    gsm_modem.DETECTOR,
    dependency_manifest.DETECTOR,
    exposure.DETECTOR,
    dormant.DETECTOR,
)
