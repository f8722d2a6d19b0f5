"""Tests of inet_stages.call."""
