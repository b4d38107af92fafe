"""The scan pauses the cyclic garbage collector and gives it back as it found it."""

from __future__ import annotations

import gc

from scanner.gcpause import collect_young, paused


def test_paused_restores_the_collector_state():
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause goes on
    assert gc.isenabled()
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()  # was off before: stays off
    finally:
        gc.enable()


def test_cycles_made_during_a_pause_are_collected_between_batches():
    class Node:
        def __init__(self) -> None:
            self.me = self

    with paused():
        collect_young()  # start from a clean young generation
        for _ in range(1000):
            Node()
        assert any(type(o) is Node for o in gc.get_objects(0))
        collect_young()
        assert not any(type(o) is Node for o in gc.get_objects(0))
        assert not any(type(o) is Node for o in gc.get_objects(1))


def test_scan_leaves_the_collector_enabled(tmp_path):
    from detectors import REGISTRY
    from scanner.engine import ScanOptions, scan

    (tmp_path / "a.py").write_text("import smpplib.client\n")
    scan([str(tmp_path)], str(tmp_path), REGISTRY, ScanOptions(jobs=1))
    assert gc.isenabled()


def test_the_scan_command_gives_the_collector_back(tmp_path):
    from click.testing import CliRunner

    from scanner.cli import main

    (tmp_path / "a.py").write_text("import smpplib.client\n")
    result = CliRunner().invoke(main, ["scan", str(tmp_path), "--exit-zero"])
    assert result.exit_code == 0, result.output
    assert gc.isenabled()
