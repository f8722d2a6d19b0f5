"""Tests of the export formats and the renderers shared by several commands."""
