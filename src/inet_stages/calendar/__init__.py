"""The school year's calendar: model, reader, consistency rules, files, events, check, diff, roll.

Layers inside the package run one way: ``model`` (plain frozen data) ←
``rules`` (C2xx) ← ``reader`` (C1xx, builds the model) ← ``files`` (where
calendars are, the one for a school year or a date, loading) ← ``events``,
``check``, ``diff``, ``roll``. This module re-exports the names most callers
need, so that ``from inet_stages.calendar import Calendar, load_calendar``
reads as the package's front door.
"""

from __future__ import annotations

from inet_stages.calendar.files import (
    load_calendar,
    own_files,
    packaged_files,
    packaged_path,
)
from inet_stages.calendar.model import (
    Calendar,
    Collective,
    Contact,
    HostPolicy,
    Internship,
    Period,
    Track,
    TutorRequirement,
    Window,
)
from inet_stages.calendar.reader import CalendarError, read_calendar

__all__ = [
    "Calendar",
    "CalendarError",
    "Collective",
    "Contact",
    "HostPolicy",
    "Internship",
    "Period",
    "Track",
    "TutorRequirement",
    "Window",
    "load_calendar",
    "own_files",
    "packaged_files",
    "packaged_path",
    "read_calendar",
]
