"""Input and output at the edge.

The safe TOML reader, the one writer, workbooks and CSV, e-mail drafts.
"""
