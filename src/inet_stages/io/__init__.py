"""Input and output at the edge.

The one bounded file reader, the safe TOML reader, the one writer, workbooks and CSV,
e-mail drafts and saved e-mails.
"""
