"""Tests of inet_stages.report."""
