"""The one base class of errors a user's input can cause.

Every module that refuses an input raises a subclass of :class:`UserError`
with a French ``message`` ready to show; the CLI catches it once, prints the
message and exits with code 2 (docs/reference/README.md: usage error, unreadable path, calendar
that cannot be loaded). A leaf: no project imports.
"""

from __future__ import annotations


class UserError(Exception):
    """A refused input; ``message`` is French, names the file (and line) where there is one."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def render(self) -> str:
        """What the CLI prints (subclasses with several lines override it)."""
        return self.message
