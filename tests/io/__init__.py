"""Tests of inet_stages.io."""
