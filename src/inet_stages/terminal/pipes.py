"""Standard output that a reader may leave: ``inet-stages validate offres/ | head``.

When the reader of a pipe goes away, writing raises ``BrokenPipeError``
wherever the command happens to be. Rather than end the command there, with an
exit code that says nothing of the offers, the wrapped stream swallows what is
left to print: the command runs to its end and exits with its own code (1 when
an offer is invalid), as it would have with the whole output read.
"""

from __future__ import annotations

import contextlib
import os
from typing import IO, Any


class ReaderGone:
    """A text or binary stream whose writes are dropped once its reader is gone."""

    def __init__(self, stream: IO[Any]) -> None:
        self._stream = stream
        self._gone = False
        self._buffer: ReaderGone | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    @property
    def gone(self) -> bool:
        """Whether the reader went away (nothing written since)."""
        return self._gone or (self._buffer is not None and self._buffer.gone)

    @property
    def buffer(self) -> ReaderGone:
        """The binary stream under a text one, guarded the same way."""
        if self._buffer is None:
            self._buffer = ReaderGone(self._stream.buffer)  # type: ignore[attr-defined]
        return self._buffer

    def write(self, data: Any) -> int:
        """Write ``data``, or drop it when the reader is gone."""
        if self.gone:
            return len(data)
        try:
            return int(self._stream.write(data))
        except BrokenPipeError:
            self._leave()
            return len(data)

    def flush(self) -> None:
        """Flush, quietly when the reader is gone."""
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._leave()

    def _leave(self) -> None:
        self._gone = True
        # What is still buffered, and the interpreter's last flush, go nowhere
        # instead of raising again.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self._stream.fileno())
            os.close(null)
