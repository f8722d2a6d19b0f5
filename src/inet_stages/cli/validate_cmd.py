"""``inet-stages validate`` and ``inet-stages rules``: check offers like a linter, explain codes."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from inet_stages.cli import common, promotions, season_opt
from inet_stages.cli.offers_opt import DECISIONS_OPTION, check_offers

FORMATS = ("text", "json")


def validate(
    ctx: typer.Context,
    paths: list[str] | None = common.offers_argument(),
    output_format: str = common.format_option(
        *FORMATS, help="text (une remarque par ligne, puis un bilan) ou json (un seul document)."
    ),
    strict: bool = typer.Option(
        False, "--strict", help="Un avertissement suffit à sortir avec le code 1."
    ),
    today: str | None = common.today_option(""),
    drafts: bool = promotions.drafts_option(),
    decisions: Path | None = DECISIONS_OPTION,
) -> None:
    """Vérifie des offres de stage : toutes les erreurs et tous les avertissements.

    Chaque remarque s'affiche sur une ligne « fichier:ligne: CODE message [clé] » ;
    « inet-stages rules CODE » explique un code. Code de sortie : 0 si toutes les
    offres sont valides (avertissements permis), 1 si une offre est invalide (ou,
    avec --strict, a un avertissement), 2 si un chemin est introuvable ou un
    fichier illisible (F001 : droits, tube, dossier, trop gros ; les autres sont
    tout de même vérifiés).

    Chaque offre est vérifiée avec le calendrier de sa promotion : celle que
    nomme offer.promotion (2027-2028), sinon celle dont la fenêtre contient
    les dates du stage, sinon, sans dates, celle dont la fenêtre de ce stage
    est la prochaine à commencer après la date de dépôt : une offre en retard
    l'est pour sa campagne, jamais reportée d'un an (D012 nomme les deux
    promotions quand elle serait à temps pour la suivante). Le calendrier
    retenu est dit pour chaque fichier quand plusieurs promotions sont en
    cours ; --calendar en impose un seul.

    Chaque fichier finit par son verdict, par filière quand elles diffèrent
    (« valide pour Administrateurs ; hors délai pour Conservateurs ») :
    valide, valide sous réserve (avertissements que la coordination n'a pas
    réglés), à compléter (erreurs qu'une correction lève) ou non retenue
    (hors délai, structure, seuil de population, filière sans ce stage,
    refus de la coordination).

    Les décisions de la coordination (decisions.toml du dossier, ou
    --decisions FICHIER) s'appliquent : une remarque acceptée reste affichée,
    marquée « acceptée », et ne rend plus l'offre invalide ; une offre refusée
    est invalide (X001). Voir « inet-stages rules X001 ».

    Exemples :

      inet-stages validate offres/

      inet-stages validate colmar.toml --today 2026-02-10

      inet-stages validate offres/ --format json --strict
    """
    paths = season_opt.offers(paths)
    day = common.parse_today(today)
    calendar, calendars, chooser = promotions.for_offers(ctx, day, drafts=drafts)

    from inet_stages.batch.check import exit_code
    from inet_stages.render import validate as render
    from inet_stages.render.promotions import file_block_named, promotion_counts

    collected, report = check_offers(
        paths, calendar, chooser, day, decisions=decisions, keep_offers=False
    )
    if output_format == "json":
        document = render.report_json(report)
        document["calendars"] = [c.school_year for c in calendars]
        # Files checked against each calendar: the summary table stays as documented.
        document["promotions"] = promotion_counts(report)
        common.emit_json(document)
    else:
        console = common.stdout_console()
        several = len(calendars) > 1
        blocks = (
            [file_block_named(f) for f in report.files]
            if several and report.files
            else render.file_blocks(report)
        )
        for block in blocks:
            console.print(block, soft_wrap=True)
            console.print()
        for note in render.decision_lines(report):
            console.print(note, soft_wrap=True)
        console.print(render.summary_table(report))
        counts = promotion_counts(report) if several else {}
        if counts:  # none when no file could be read (a dangling link, say)
            console.print(
                "Calendriers utilisés : "
                + ", ".join(
                    f"{n} fichier{'s' if n > 1 else ''} avec {year}" for year, n in counts.items()
                )
                + ".",
                soft_wrap=True,
            )
    # A missing or unreadable path is exit 2, once every other file is checked.
    unusable = collected.missing or report.unreadable
    code = common.EXIT_USAGE if unusable else exit_code(report, strict=strict)
    raise typer.Exit(code)


def rules(
    code: str | None = typer.Argument(
        None, metavar="[CODE]", help="Un code (D002, t001…) pour son explication complète."
    ),
) -> None:
    """Les règles de vérification des offres : chaque code, sa gravité et son sens.

    Avec un CODE, l'explication complète de la règle, puis ce sur quoi elle
    repose : la phrase de la brochure, citée, ou la pratique de la
    coordination des stages.

    Exemples :

      inet-stages rules

      inet-stages rules D002
    """
    from inet_stages.render import rules as render
    from inet_stages.rules import RULES, all_rules

    console = common.stdout_console()
    if code is None:
        console.print(render.rules_table(all_rules()))
        console.print("Détail d'une règle : inet-stages rules CODE", soft_wrap=True)
        return
    wanted = code.strip().upper()
    if wanted not in RULES:
        import difflib

        close = difflib.get_close_matches(wanted, list(RULES), n=1)
        hint = f" Vouliez-vous dire {close[0]} ?" if close else ""
        common.fail(f"code inconnu « {code[:20]} ».{hint} Liste des codes : inet-stages rules")
    from inet_stages.render.fit import reflow, wrapped_lines
    from inet_stages.rules.sources import BROCHURE, source_of
    from inet_stages.text.frtypo import typeset

    source = source_of(wanted)
    detail = render.rule_detail(
        RULES[wanted],
        quotes=[typeset(q) for q in source.quotes] if source else (),
        practice=typeset(source.practice) if source else "",
        brochure=typeset(BROCHURE),
    )
    # Wrapped between words at the terminal's width; the example keeps its indent.
    console.print(wrapped_lines(reflow(detail)))
    sys.stdout.flush()
