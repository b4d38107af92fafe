"""Anchors restricted to some kinds send a file to the detector only for those kinds."""

from __future__ import annotations

import pytest

from scanner.detector import Detector
from scanner.prefilter import Prefilter


def _det(name: str, **kw) -> Detector:
    return Detector(
        name=name, rules=(), kinds=frozenset({"python", "kannel"}), check=lambda ctx: (), **kw
    )


@pytest.mark.parametrize("use_hyperscan", [True, False])
def test_kind_anchor_counts_only_for_its_kinds(use_hyperscan):
    det = _det("gw", anchors=("sendsms",), kind_anchors=((frozenset({"kannel"}), ("group",)),))
    pf = Prefilter([det], use_hyperscan=use_hyperscan)
    assert pf.wanted(b"group = smsc\n", "kannel") == [0]
    assert pf.wanted(b"for group in groups: pass\n", "python") == []
    assert pf.wanted(b"url = '/cgi-bin/sendsms'\n", "python") == [0]


def test_general_anchor_wins_over_restriction():
    det = _det("gw", anchors=("group",), kind_anchors=((frozenset({"kannel"}), ("group",)),))
    assert Prefilter([det], use_hyperscan=False).wanted(b"group", "python") == [0]
