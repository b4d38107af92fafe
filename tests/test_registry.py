from __future__ import annotations

import importlib
import pkgutil
import re

import detectors
from detectors import REGISTRY
from scanner.detector import Detector
from scanner.registry import all_rules

ID = re.compile(r"^SMS\d{4}$")
NAME = re.compile(r"^[A-Z][A-Za-z0-9]+$")


def test_every_detector_module_is_registered_once():
    modules = [
        m.name for m in pkgutil.iter_modules(detectors.__path__) if not m.name.startswith("_")
    ]
    registered = [d.name for d in REGISTRY]
    assert len(registered) == len(set(registered))
    for name in modules:
        mod = importlib.import_module(f"detectors.{name}")
        det = getattr(mod, "DETECTOR", None)
        if det is None:
            continue  # shared helper module
        assert isinstance(det, Detector)
        assert det in REGISTRY, f"detectors/{name}.py is not in REGISTRY"
        assert det.name == name


def test_rule_ids_unique_and_well_formed():
    ids = [r.id for d in REGISTRY for r in d.rules]
    assert len(ids) == len(set(ids)), "duplicate rule id"
    for r in all_rules():
        assert ID.match(r.id), r.id
        assert NAME.match(r.name), r.name
        assert r.short_description and r.full_description and r.help_markdown
        assert r.languages


def test_anchors_are_lowercase_safe():
    for d in REGISTRY:
        for a in d.anchors:
            assert a and a == a.strip()
