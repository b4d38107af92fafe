"""The explicit detector registry.

`MODULES` lists every detector module, in registry order. `REGISTRY` is the
tuple of their `DETECTOR`s, imported on first use (so a scan that needs only a
few detectors imports only those, through `scanner/lazy_registry.py`). Add a
detector by listing its module here and regenerating the detector index
(`python -m scanner.lazy_registry`); `tests/test_registry.py` checks that every
module in this package is registered exactly once, that rule ids are unique and
that the index is fresh."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scanner.detector import Detector

    REGISTRY: tuple[Detector, ...]

MODULES: tuple[str, ...] = (
    "smpp_client",
    "cmpp_client",
    "smsc_server",
    "carrier_handrolled",
    "carrier_account_config",
    "tencent_sms",
    "aliyun_sms",
    "huawei_sms",
    "sms_platforms",
    "sms_aggregators",
    "sms_credentials",
    "sms_code_logging",
    "service_number",
    "carrier_endpoint",
    "sms_gateway_config",
    "gsm_modem",
    "dependency_manifest",
    "exposure",
    "dormant",
)


def load(module: str) -> Detector:
    """The `DETECTOR` of one registered module."""
    if module not in MODULES:
        raise KeyError(f"detectors.{module} is not registered")
    detector: Detector = importlib.import_module(f"detectors.{module}").DETECTOR
    return detector


def __getattr__(name: str) -> Any:
    if name == "REGISTRY":
        registry = tuple(load(m) for m in MODULES)
        globals()["REGISTRY"] = registry
        return registry
    raise AttributeError(f"module 'detectors' has no attribute {name!r}")
