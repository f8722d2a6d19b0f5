"""inet-stages: the INET internship calendar, offer checks and publication."""

__version__ = "0.1.0"
