"""A one-line progress bar on stderr for long scans: files, MB/s, ETA.

Drawn only when stderr is a terminal, and only once the scan has run for a
moment (short scans never show it). Never prints anything otherwise.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

_DELAY = 1.0  # seconds before the bar first appears
_EVERY = 0.1  # seconds between redraws


class Progress:
    """Files done of the files known (the ETA goes by files: the walk does not measure
    them), and the bytes read so far (the rate)."""

    def __init__(self, total_files: int, *, enabled: bool, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled and _is_tty(self.stream)
        self.total_files = total_files
        self.files = 0
        self.bytes = 0
        self.start = time.monotonic()
        self._last = self.start
        self._drawn = False

    def found(self, files: int) -> None:
        """More files to do (a scan that starts while the walk is still finding files)."""
        self.total_files += files

    def advance(self, files: int, nbytes: int) -> None:
        self.files += files
        self.bytes += nbytes
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < _DELAY or now - self._last < _EVERY:
            return
        self._last = now
        self._draw(now)

    def _draw(self, now: float) -> None:
        elapsed = max(now - self.start, 1e-6)
        rate = self.bytes / elapsed
        done = self.files / max(self.total_files, 1)
        eta = elapsed * (1 - done) / done if done > 0 else 0.0
        width = 24
        filled = int(width * min(done, 1.0))
        bar = "#" * filled + "-" * (width - filled)
        line = (
            f"\rsmsscan [{bar}] {self.files}/{self.total_files} files"
            f"  {rate / 1e6:.1f} MB/s  ETA {int(eta) // 60}:{int(eta) % 60:02d}\x1b[K"
        )
        self.stream.write(line)
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
