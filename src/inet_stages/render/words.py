"""Small French wording shared by the renderers."""

from __future__ import annotations


def plural(count: int, singular: str, many: str | None = None) -> str:
    """« 0 erreur », « 1 fichier », « 2 fichiers »: French keeps 0 and 1 in the singular.

    ``many`` is the plural when it is not ``singular`` + « s » (« non classés »).
    """
    return f"{count} {singular if count < 2 else (many or singular + 's')}"
