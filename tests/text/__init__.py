"""Tests of inet_stages.text."""
