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


def test_detector_index_is_fresh():
    """scanner/_detector_index.py (kinds and anchors, read without importing detectors)."""
    from scanner.lazy_registry import INDEX_PATH, render_index

    with open(INDEX_PATH, encoding="utf-8") as fh:
        assert fh.read() == render_index(), "run `python -m scanner.lazy_registry`"


def test_a_scan_imports_only_the_detectors_its_files_need(tmp_path):
    """A pre-commit style scan of files that mention nothing SMS-related imports no detector."""
    import subprocess
    import sys

    (tmp_path / "a.py").write_text("def add(a, b):\n    return a + b\n")
    (tmp_path / "b.py").write_text("import smpplib.client\n")
    probe = (
        "import sys\n"
        "from scanner.cli import main\n"
        "try:\n"
        "    main(['scan', *sys.argv[1:], '--format', 'json', '--exit-zero'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('detectors.')), file=sys.stderr)\n"
    )
    clean = subprocess.run(
        [sys.executable, "-c", probe, "a.py"], capture_output=True, text=True, cwd=tmp_path
    )
    assert clean.stderr.strip().splitlines()[-1] == "[]"
    smpp = subprocess.run(
        [sys.executable, "-c", probe, "b.py"], capture_output=True, text=True, cwd=tmp_path
    )
    loaded = smpp.stderr.strip().splitlines()[-1]
    assert "detectors.smpp_client" in loaded and "detectors.sms_credentials" not in loaded
