"""Tests of inet_stages.offer."""
