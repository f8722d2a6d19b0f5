"""Tests of inet_stages.batch."""
