"""Output shaping: each renderer returns a Rich renderable, a string or a JSON-ready dict."""
