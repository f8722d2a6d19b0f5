"""Shapes of ``inet-stages rules``: the table of every code, one rule in full."""

from __future__ import annotations

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


def rule_detail(rule: Rule) -> Text:
    """The rule's whole documentation, headed by its code, severity and family."""
    text = Text()
    text.append(rule.code, style="bold")
    text.append(f" ({SEVERITIES[rule.severity]}, {rule.family}) : {rule.title}")
    if rule.details:
        # One blank line between the title and the details, none after: the
        # console ends the last line.
        text.append("\n\n" + rule.details)
    return text
