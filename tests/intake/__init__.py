"""Tests of inet_stages.intake."""
