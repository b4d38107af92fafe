"""The explicit detector registry. Add a detector by importing its module here
and appending its `DETECTOR` to `REGISTRY`; `tests/test_registry.py` checks
that every module in this package is registered exactly once and that rule
ids are unique."""

from __future__ import annotations

from detectors import aliyun_sms, cmpp_client, smpp_client, tencent_sms
from scanner.detector import Detector

REGISTRY: tuple[Detector, ...] = (
    smpp_client.DETECTOR,
    cmpp_client.DETECTOR,
    tencent_sms.DETECTOR,
    aliyun_sms.DETECTOR,
)
