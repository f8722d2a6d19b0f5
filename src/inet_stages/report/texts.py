"""The host-facing texts of the letters: her templates, her ``textes.toml``, and their words.

The templates (``templates/letters/lettre.j2``) and the sentence of each rule
code (``templates/letters/textes.toml``) are packaged; the coordination may
copy either into her own folder, under ``lettres/`` (``inet-stages letters
init``; the CLI gives the folder, this module never reads the environment):
hers is used when present, and any single key of any code of her
``textes.toml`` replaces the packaged one. Every template of hers (letters,
call, reminders) runs in the one sandboxed, budgeted environment
(:mod:`inet_stages.report.sandbox`); one that fails raises
:class:`LetterError` naming the file and the line.

Also the words those texts are made of: an internship, tracks, a key of the
offer in the host's words (« votre adresse électronique »). Which letters are
written, and their variables, are :mod:`inet_stages.report.letters`.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inet_stages.findings import Finding
from inet_stages.text.textsafe import strip

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

    from inet_stages.calendar import Calendar

__all__ = [
    "FIELD_WORDS",
    "LETTER_TEMPLATE",
    "OWN_SUBFOLDER",
    "PACKAGED",
    "TEXTS_FILE",
    "LetterError",
    "admitted_sentence",
    "environment",
    "escape_markdown",
    "field_words",
    "for_tracks",
    "internship_phrase",
    "join_words",
    "load_texts",
    "of_tracks",
    "parent_key",
    "render_template",
    "suggested_key",
    "tracks_phrase",
]

#: Where the packaged templates are, and the subfolder of hers that may override them.
PACKAGED = Path(__file__).resolve().parent.parent / "templates" / "letters"
OWN_SUBFOLDER = "lettres"
LETTER_TEMPLATE = "lettre.j2"
TEXTS_FILE = "textes.toml"

#: The keys a code of ``textes.toml`` may have (``definitif``, of older copies, is ignored:
#: the verdict decides what no correction cures).
TEXT_KEYS = {"texte": str, "admis": str, "definitif": bool}


class LetterError(Exception):
    """A template of the letters that cannot be read or rendered; ``message`` is French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _read_texts(path: Path, *, known: Mapping[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """The codes of one ``textes.toml``; with ``known`` (the packaged ones), hers may give any key.

    Read as every TOML file is, through ``tomlsafe`` (size, nesting and values
    bounded; a French error naming the file and line). A code of hers needs a
    ``texte`` only when the packaged file has none for it.
    """
    from inet_stages.io import tomlsafe

    name = str(path)
    try:
        data = tomlsafe.parse(name, tomlsafe.decode(name, tomlsafe.read_bytes(path)))
    except tomlsafe.TomlInputError as exc:
        raise LetterError(exc.located()) from None
    found: dict[str, dict[str, Any]] = {}
    for code, entry in data.items():
        if not isinstance(entry, dict):
            raise LetterError(f'{path} : [{code}] doit être une table (texte = "…").')
        for key, value in entry.items():
            kind = TEXT_KEYS.get(key)
            if kind is None:
                raise LetterError(
                    f"{path} : [{code}] clé inconnue « {key} » (possibles : texte, admis)."
                )
            if not isinstance(value, kind):
                what = "true ou false" if kind is bool else 'un texte entre guillemets ("…")'
                raise LetterError(f"{path} : [{code}] {key} doit être {what}.")
        upper = code.upper()
        if not isinstance(entry.get("texte"), str) and upper not in (known or {}):
            raise LetterError(f'{path} : [{code}] doit avoir un texte (texte = "…").')
        found[upper] = dict(entry)
    return found


def load_texts(own: Path | None) -> dict[str, dict[str, Any]]:
    """The host-facing text of each rule code: the packaged ones, hers over them key by key."""
    texts = _read_texts(PACKAGED / TEXTS_FILE)
    mine = own / OWN_SUBFOLDER / TEXTS_FILE if own is not None else None
    if mine is not None and mine.is_file():
        for code, entry in _read_texts(mine, known=texts).items():
            texts[code] = {**texts.get(code, {}), **entry}
    return texts


def environment(own: Path | None, packaged: Path = PACKAGED) -> SandboxedEnvironment:
    """The one sandboxed, budgeted Jinja2 environment of her templates (letters, call):
    her ``lettres/`` folder first, then ``packaged`` (:mod:`inet_stages.report.sandbox`)."""
    from inet_stages.report.sandbox import environment as budgeted

    mine = own / OWN_SUBFOLDER if own is not None else None
    try:
        folders = [mine, packaged] if mine is not None and mine.is_dir() else [packaged]
    except OSError:  # a folder she cannot read: ours only (the CLI says so)
        folders = [packaged]
    return budgeted([str(p) for p in folders])


def mentions(env: SandboxedEnvironment, name: str, variable: str) -> bool:
    """Does the template ``name`` in use (hers may be older than ours) name ``variable``?"""
    from jinja2 import TemplateError

    if env.loader is None:
        return True
    try:
        source, _, _ = env.loader.get_source(env, name)
    except (TemplateError, OSError):
        return True  # rendering says what is wrong with it
    return variable in source


def _where(exc: BaseException, default: str) -> tuple[str, int | None]:
    """The template file and line where ``exc`` happened (Jinja2 rewrites the traceback)."""
    from jinja2 import TemplateSyntaxError

    if isinstance(exc, TemplateSyntaxError):
        return exc.filename or exc.name or default, exc.lineno
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2") or frame.filename == "<template>":
            return frame.filename, frame.lineno
    return default, None


def render_template(
    env: SandboxedEnvironment,
    name: str,
    context: Mapping[str, Any],
    label: str,
    *,
    text: bool = False,
) -> str:
    """Render a template file of the tool, or with ``text`` a text of hers, within the budget;
    any failure a :class:`LetterError` naming ``label`` (or her file) and the line."""
    from inet_stages.report.sandbox import render_bounded

    try:
        return render_bounded(env, name, context, text=text)
    except Exception as exc:  # any failure of her template is reported, never a traceback
        where, line = _where(exc, label)
        if where == "<template>":
            where = label
        at = f", ligne {line}" if line else ""
        raise LetterError(f"modèle de lettre {where}{at} : {_explain(exc)}") from None


def _explain(exc: BaseException) -> str:
    """Jinja2's English reason, in French where it is one of the usual ones."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    detail = strip(str(exc)).strip()
    if isinstance(exc, UndefinedError):
        name = re.search(r"'([^']+)' is undefined", detail)
        if name:
            return f"variable inconnue « {name.group(1)} » (voir le guide, « Lettres »)."
        attribute = re.search(r"has no attribute '([^']+)'", detail)
        if attribute:
            return f"« {attribute.group(1)} » n'existe pas (voir le guide, « Lettres »)."
        return f"valeur inconnue ({detail})."
    if isinstance(exc, SecurityError):
        return "opération interdite dans un modèle de lettre."
    from inet_stages.report.sandbox import TemplateBudget

    if isinstance(exc, TemplateBudget):
        return f"arrêté : {exc.message}."
    from inet_stages.report.sandbox import FileRefused

    if isinstance(exc, FileRefused):
        return f"{exc.message}."
    if isinstance(exc, TemplateSyntaxError):
        return f"syntaxe incorrecte ({_syntax(exc.message or detail)})."
    if isinstance(exc, RecursionError):
        return "arrêté : appels imbriqués trop profonds."
    if isinstance(exc, ZeroDivisionError):
        return "division par zéro."
    unknown = re.search(r"No (filter|test) named '([^']*)'", detail)
    if unknown is not None:  # also at render time, in a branch Jinja2 checks only then
        return f"{'filtre' if unknown[1] == 'filter' else 'test'} inconnu « {unknown[2]} »."
    # Python's own reason is English: say what kind of failure, in French.
    return "le modèle n'a pas pu être rendu (opération impossible sur ces valeurs)."


#: Jinja2's usual syntax errors, in French (its own words are English).
_SYNTAX: tuple[tuple[str, str], ...] = (
    (r"Expected an expression", "une expression est attendue"),
    # Formatted with str.format: its braces doubled.
    (
        r"(?i)unexpected end of template.*block that needs to be closed is '([^']*)'",
        "fin du modèle inattendue : le {{% {0} %}} n'est pas fermé (un {{% end{0} %}} manque)",
    ),
    (r"(?i)unexpected end of template, expected '([^']*)'", "fin du modèle : « {0} » manque"),
    (r"(?i)unexpected end of template", "fin du modèle inattendue : un {{% end… %}} manque ?"),
    (r"Encountered unknown tag '([^']*)'", "balise inconnue « {0} »"),
    (r"unexpected '([^']*)'", "« {0} » inattendu"),
    (r"expected token '([^']*)', got '([^']*)'", "« {1} » trouvé où « {0} » est attendu"),
    (r"unexpected char '([^']*)'", "caractère « {0} » inattendu"),
    (r"No filter named '([^']*)'", "filtre inconnu « {0} »"),
    (r"No test named '([^']*)'", "test inconnu « {0} »"),
)


#: Jinja2's names of its tokens, as they are typed.
_TOKENS = {
    "end of print statement": "}}",
    "end of statement block": "%}",
    "name": "un nom",
    "end of template": "la fin du modèle",
}


def _syntax(message: str) -> str:
    """A Jinja2 syntax error's reason in French; an unusual one said without its English."""
    for pattern, french in _SYNTAX:
        match = re.search(pattern, message)
        if match is not None:
            return french.format(*(_TOKENS.get(g, g) for g in match.groups()))
    return "à cette ligne, une balise {% … %} ou {{ … }} est mal formée"


# --- Words -----------------------------------------------------------------------------


def escape_markdown(text: str) -> str:
    """Offer text inside Markdown: escaped, and no autolink (www., e-mail, URL)."""
    escaped = re.sub(r"([\\`*_\[\]<>~#|])", r"\\\1", text)
    escaped = re.sub(r"(?i)\bwww\.", r"www\\.", escaped)
    return escaped.replace("@", "\\@").replace("://", ":\\/\\/")


def internship_phrase(calendar: Calendar, internship: str | None) -> str:
    """« le stage thématique », « le projet collectif »: the internship in a sentence."""
    if internship is None or internship not in calendar.internship_ids:
        return "le stage"
    item = calendar.internship(internship)
    if item.collective is not None:
        return "le projet collectif"
    label = item.label
    return "le " + label[:1].lower() + label[1:]


def join_words(items: Sequence[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def tracks_phrase(calendar: Calendar, ids: Sequence[str]) -> str:
    known = [calendar.track(t).short for t in ids if t in calendar.track_ids]
    if not known:
        return ""
    return ("la filière " if len(known) == 1 else "les filières ") + join_words(known)


def of_tracks(phrase: str) -> str:
    """« de la filière X » or « des filières X et Y »: French contracts « de les »."""
    if not phrase:
        return ""
    return "des" + phrase[len("les") :] if phrase.startswith("les ") else "de " + phrase


def for_tracks(phrase: str) -> str:
    """« pour la filière X », « pour les filières X et Y »."""
    return f"pour {phrase}" if phrase else ""


#: Each key of the offer, as the host reads it (the letter speaks to the tutor).
FIELD_WORDS: Mapping[str, str] = {
    "offer": "l'offre",
    "offer.internship": "le stage proposé",
    "offer.tracks": "les filières d'élèves",
    "offer.title": "l'intitulé de l'offre",
    "offer.description": "la description de la mission",
    "offer.submitted": "la date de dépôt",
    "offer.start": "la date de début du stage",
    "offer.end": "la date de fin du stage",
    "offer.promotion": "la promotion",
    "offer.mission_kind": "la nature de la mission",
    "host": "la structure d'accueil",
    "host.name": "le nom de la structure d'accueil",
    "host.kind": "la nature de la structure d'accueil",
    "host.population": "le nombre d'habitants",
    "host.city": "la ville",
    "tutor": "le tuteur ou la tutrice",
    "tutor.name": "vos prénom et nom",
    "tutor.civility": "votre civilité",
    "tutor.position": "votre fonction",
    "tutor.email": "votre adresse électronique",
    "tutor.phone": "votre téléphone",
    "collective_project": "le projet collectif",
    "collective_project.fee_accepted": "votre accord sur la participation forfaitaire",
}


def field_words(key: str | None) -> str:
    """A key path in the host's words (« votre adresse électronique »); empty when unknown."""
    return FIELD_WORDS.get(key or "", "")


# Two wordings of S003: an unknown key with a close known one (« Vouliez-vous
# dire … ? »), and a misspelt required key (« mal orthographiée … écrivez … »).
_SUGGESTION = re.compile(r"(?:Vouliez-vous dire|écrivez) « ([^»]+?) »")


def suggested_key(finding: Finding) -> str | None:
    """The key a misspelt one was meant to be, from the finding's message (S003)."""
    match = _SUGGESTION.search(finding.message)
    return match.group(1).strip() if match else None


def parent_key(finding: Finding) -> str:
    return (finding.field or "").rpartition(".")[0]


def admitted_sentence(code: str) -> str:
    """Default sentence for an admitted finding: the rule's title, as a fact."""
    from inet_stages.rules import RULES

    rule = RULES.get(code)
    title = rule.title.rstrip(". ") if rule else "un point de l'offre"
    return title[:1].lower() + title[1:] + "."
