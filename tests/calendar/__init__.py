"""Tests of inet_stages.calendar."""
