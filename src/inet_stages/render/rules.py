"""Shapes of ``inet-stages rules``: the table of every code, one rule in full."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from inet_stages.findings import FAMILIES
from inet_stages.findings import Code as Rule

SEVERITIES = {"error": "erreur", "warning": "avertissement"}


def rules_table(rules: list[Rule]) -> Table:
    """Code, severity and meaning of each rule, a section per family."""
    table = Table(title="Règles de vérification des offres et du calendrier", title_justify="left")
    table.add_column("Code", no_wrap=True)
    table.add_column("Gravité", no_wrap=True)
    table.add_column("Signification")
    family = ""
    for rule in rules:
        if rule.code[0] != family:
            family = rule.code[0]
            table.add_section()
            table.add_row("", "", Text(FAMILIES[family], style="bold"))
        style = "bold red" if rule.severity == "error" else "yellow"
        table.add_row(rule.code, Text(SEVERITIES[rule.severity], style=style), rule.title)
    return table


def rule_detail(
    rule: Rule, *, quotes: Sequence[str] = (), practice: str = "", brochure: str = ""
) -> Text:
    """The rule's whole documentation, headed by its code, severity and family.

    Then what it rests on: the brochure's sentences ``quotes`` (from
    ``brochure``), and the coordination's ``practice`` where the rule is hers.
    """
    text = Text()
    text.append(rule.code, style="bold")
    text.append(f" ({SEVERITIES[rule.severity]}, {rule.family}) : {rule.title}")
    # The source goes between the explanation and the example, which closes
    # the output; one blank line between parts, none after: the console ends
    # the last line.
    details = rule.details
    at = details.find("Exemple")
    explanation, example = (details[:at].rstrip(), details[at:]) if at >= 0 else (details, "")
    if explanation:
        text.append("\n\n" + explanation)
    if quotes:
        text.append("\n\n")
        text.append(f"Ce que dit la brochure {brochure} :".replace("  ", " "), style="bold")
        for quote in quotes:
            text.append(f"\n  « {quote} »")
    if practice:
        text.append("\n\n")
        text.append("Pratique de la coordination des stages :", style="bold")
        text.append(f" {practice}")
    if example:
        text.append("\n\n" + example)
    return text
