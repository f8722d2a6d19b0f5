"""Tests of the command layer: options, usage errors, French output, hostile input."""
