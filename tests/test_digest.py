"""scanner.digest gives hashlib's SHA-256, without loading OpenSSL where CPython has its own."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.digest import sha256_digest, sha256_hex


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_same_digests_as_hashlib(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()
    assert sha256_digest(data) == hashlib.sha256(data).digest()


def test_fingerprints_do_not_load_openssl() -> None:
    code = (
        "import sys; from scanner.fingerprint import content_key; "
        "print(content_key('SMS1001', 'a.py', 'k', 0)); print('_hashlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    key, loaded = out.stdout.split()
    expected = hashlib.sha256(b"SMS1001\x00a.py\x00k\x000").hexdigest()[:32]
    assert key == expected
    if sys.implementation.name == "cpython":
        assert loaded == "False"
