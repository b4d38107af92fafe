"""SHA-256 without loading OpenSSL.

`hashlib` loads OpenSSL's libcrypto when it is imported (about 3-6 ms, the
largest single import of a pre-commit run after click). CPython also ships
its own SHA-256 (`_sha256` up to 3.11, `_sha2` from 3.12), the one hashlib
falls back to; the digests are the same, as the tests check against hashlib.
"""

from __future__ import annotations

import sys
from typing import Any

from scanner.private_modules import first_module


def _constructor() -> Any:
    # CPython's own implementation: `_sha2` from 3.12, `_sha256` in 3.10-3.11 (this
    # interpreter's name first: looking for a module that is not there searches every
    # directory on sys.path)
    names = ("_sha2", "_sha256") if sys.version_info >= (3, 12) else ("_sha256", "_sha2")
    own = getattr(first_module(*names), "sha256", None)
    if own is not None:
        return own
    import hashlib  # another interpreter: hashlib's (OpenSSL's or its own)

    return hashlib.sha256


_SHA256 = _constructor()


def sha256_hex(data: bytes) -> str:
    """hashlib.sha256(data).hexdigest()"""
    return str(_SHA256(data).hexdigest())


def sha256_digest(data: bytes) -> bytes:
    """hashlib.sha256(data).digest()"""
    return bytes(_SHA256(data).digest())
