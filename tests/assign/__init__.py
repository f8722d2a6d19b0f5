"""Tests of inet_stages.assign."""
