"""The terminal in French, for any command: click's frame and errors, Rich's console, completion,
a standard output that its reader may leave (``… | head``), and the words for whatever escaped
a command (``ending``).

click and Typer speak English around our texts (« Usage: », « Missing
option »), Rich knows nothing of French spacing, and Typer's completion
options cost every start. This package adapts them once; it knows no
command and nothing of internships (the commands, their options and their
help texts are :mod:`inet_stages.cli`), and imports only :mod:`inet_stages.text`,
:mod:`inet_stages.io` and :mod:`inet_stages.errors`.
"""
