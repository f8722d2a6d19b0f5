"""Letters to hosts after a deadline: what to write, in templates the coordination can edit.

Pure core of ``inet-stages report --letters``. From the verdicts of
:func:`inet_stages.batch.check.check_files` (with ``keep_offers=True``) it
decides one :class:`Letter` per offer file — one per group of duplicates —
and renders its text from Jinja2 templates:

- ``templates/letters/lettre.j2``: the letter (date line, salutation,
  paragraphs by outcome, formule de politesse, signature);
- ``templates/letters/textes.toml``: for each rule code, the sentence the
  host reads (in words the host acts on, never a key path or a code), and
  ``definitif = true`` for a finding no correction can cure (late, town too
  small, host or internship the track does not have).

The coordination may copy either file into her own folder, under
``lettres/`` (the CLI gives the folder; this module never reads the
environment): hers is used when present, the texts of ``textes.toml`` code
by code. Templates run in Jinja2's :class:`~jinja2.sandbox.SandboxedEnvironment`
with :class:`~jinja2.StrictUndefined`; a template that fails raises
:class:`LetterError` naming the file and the line. ``docs/guide/lettres.md``
lists every variable.

Decisions (another issue) may mark a finding ``accepted``: a finding with
an ``accepted`` attribute set to True is reported as accepted, neither to
fix nor a reason to refuse.
"""

from __future__ import annotations

import re
import tomllib
import traceback
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Literal

from inet_stages.batch.check import FileReport, Report
from inet_stages.calendar import Calendar
from inet_stages.findings import Finding
from inet_stages.text.frdates import MONTHS, day_number, format_date, format_number, format_range
from inet_stages.text.frtypo import typeset
from inet_stages.text.textsafe import strip

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

#: Where the packaged templates are, and the subfolder of hers that may override them.
PACKAGED = Path(__file__).resolve().parent.parent / "templates" / "letters"
OWN_SUBFOLDER = "lettres"
LETTER_TEMPLATE = "lettre.j2"
TEXTS_FILE = "textes.toml"
#: Where no address gives a city (the brochure: 67089 Strasbourg Cedex).
DEFAULT_PLACE = "Strasbourg"

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

Outcome = Literal["retenue", "a_corriger", "non_retenue"]
LetterFormat = Literal["eml", "txt", "md"]
FORMATS: tuple[LetterFormat, ...] = ("eml", "txt", "md")


class LetterError(Exception):
    """A template of the letters that cannot be read or rendered; ``message`` is French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, kw_only=True)
class Letter:
    """One letter: to the host of ``files`` (several for a group of duplicates)."""

    name: str
    files: tuple[FileReport, ...]
    outcome: Outcome

    @property
    def main(self) -> FileReport:
        """The file the letter is addressed from (the first of a group)."""
        return self.files[0]


def long_date(day: date) -> str:
    """« samedi 28 novembre 2026 », « lundi 1er février 2027 »: the date line of a letter."""
    return f"{WEEKDAYS[day.weekday()]} {day_number(day)} {MONTHS[day.month - 1]} {day.year}"


def place(address: str) -> str:
    """The city of a postal address (« 67089 Strasbourg Cedex » → Strasbourg), else Strasbourg."""
    match = re.search(r"\b\d{5}\s+([^\d,]+?)(?:\s+cedex\b.*)?\s*$", address, re.IGNORECASE)
    return match.group(1).strip() if match else DEFAULT_PLACE


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Longest first: « directrice générale adjointe » before « directrice générale ».
_SALUTATIONS = (
    (r"\bdirectrice generale adjointe\b", "Madame la Directrice générale adjointe"),
    (r"\bdirecteur general adjoint\b", "Monsieur le Directeur général adjoint"),
    (r"\bdirectrice generale\b", "Madame la Directrice générale"),
    (r"\bdirecteur general\b", "Monsieur le Directeur général"),
    (r"\bsecretaire generale\b", "Madame la Secrétaire générale"),
    (r"\bsecretaire general\b", "Monsieur le Secrétaire général"),
    (r"\bdirectrice\b", "Madame la Directrice"),
    (r"\bdirecteur\b", "Monsieur le Directeur"),
    (r"\bpresidente\b", "Madame la Présidente"),
    (r"\bpresident\b", "Monsieur le Président"),
    (r"\bcheffe\b", "Madame la Cheffe de service"),
)


def salutation(position: str | None) -> str:
    """« Madame la Directrice générale » from the tutor's position; « Madame, Monsieur » if unsure.

    Abbreviations (DGS, DGA) do not tell a man from a woman: they get the
    neutral form, as does every position not listed.
    """
    folded = _fold(position or "")
    for pattern, words in _SALUTATIONS:
        if re.search(pattern, folded):
            return words
    return "Madame, Monsieur"


# --- Which letter, which outcome ---------------------------------------------------


def is_accepted(finding: Finding) -> bool:
    """True for a finding the coordination accepted (decisions, another issue)."""
    return bool(getattr(finding, "accepted", False))


def _open_errors(files: Sequence[FileReport]) -> list[Finding]:
    return [f for r in files for f in r.findings if f.severity == "error" and not is_accepted(f)]


def plan(
    report: Report, names: Mapping[str, str], texts: Mapping[str, Mapping[str, Any]]
) -> tuple[Letter, ...]:
    """One letter per file, one per group of duplicates (named after its first file).

    ``names`` gives each path's letter name without extension
    (:func:`inet_stages.report.tally.letter_names`); ``texts`` the rule texts
    (:func:`load_texts`), whose ``definitif`` marks an error no correction cures.
    """
    by_path = {f.path: f for f in report.files}
    grouped: dict[str, tuple[str, ...]] = {}
    for group in report.duplicates:
        for path in group:
            grouped[path] = group
    letters: list[Letter] = []
    seen: set[str] = set()
    for file_report in report.files:
        if file_report.path in seen:
            continue
        group = grouped.get(file_report.path, (file_report.path,))
        seen.update(group)
        files = tuple(by_path[p] for p in group if p in by_path)
        errors = _open_errors(files)
        outcome: Outcome = "retenue"
        if any(texts.get(e.code, {}).get("definitif") for e in errors):
            outcome = "non_retenue"
        elif errors:
            outcome = "a_corriger"
        letters.append(Letter(name=names[file_report.path], files=files, outcome=outcome))
    return tuple(letters)


# --- Templates -----------------------------------------------------------------------


def _folders(own: Path | None) -> list[Path]:
    mine = own / OWN_SUBFOLDER if own is not None else None
    return [mine, PACKAGED] if mine is not None and mine.is_dir() else [PACKAGED]


def _read_texts(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise LetterError(f"{path} : fichier illisible ({exc}).") from None
    except tomllib.TOMLDecodeError as exc:
        raise LetterError(f"{path} : TOML invalide ({exc}).") from None
    found: dict[str, dict[str, Any]] = {}
    for code, entry in data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("texte"), str):
            raise LetterError(f'{path} : [{code}] doit avoir un texte (texte = "…").')
        found[code.upper()] = dict(entry)
    return found


def load_texts(own: Path | None) -> dict[str, dict[str, Any]]:
    """The host-facing text of each rule code: the packaged ones, hers over them code by code."""
    texts = _read_texts(PACKAGED / TEXTS_FILE)
    mine = own / OWN_SUBFOLDER / TEXTS_FILE if own is not None else None
    if mine is not None and mine.is_file():
        texts.update(_read_texts(mine))
    return texts


def environment(own: Path | None) -> SandboxedEnvironment:
    """The sandboxed Jinja2 environment: her ``lettres/`` folder first, then the packaged one."""
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(
        loader=FileSystemLoader([str(p) for p in _folders(own)]),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _where(exc: BaseException, default: str) -> tuple[str, int | None]:
    """The template file and line where ``exc`` happened (Jinja2 rewrites the traceback)."""
    from jinja2 import TemplateSyntaxError

    if isinstance(exc, TemplateSyntaxError):
        return exc.filename or exc.name or default, exc.lineno
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2") or frame.filename == "<template>":
            return frame.filename, frame.lineno
    return default, None


def _render(env: SandboxedEnvironment, name: str, context: Mapping[str, Any], label: str) -> str:
    try:
        if name.endswith(".j2"):
            return env.get_template(name).render(context)
        return env.from_string(name).render(context)
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
    if isinstance(exc, TemplateSyntaxError):
        return f"syntaxe incorrecte ({exc.message or detail})."
    return f"{type(exc).__name__} ({detail})."


# --- Context -------------------------------------------------------------------------


def _md(text: str) -> str:
    """Offer text inside Markdown: escaped, and no autolink (www., e-mail, URL)."""
    escaped = re.sub(r"([\\`*_\[\]<>~#|])", r"\\\1", text)
    escaped = re.sub(r"(?i)\bwww\.", r"www\\.", escaped)
    return escaped.replace("@", "\\@").replace("://", ":\\/\\/")


def _stage(calendar: Calendar, internship: str | None) -> str:
    """« le stage thématique », « le projet collectif »: the internship in a sentence."""
    if internship is None or internship not in calendar.internship_ids:
        return "le stage"
    item = calendar.internship(internship)
    if item.collective is not None:
        return "le projet collectif"
    label = item.label
    return "le " + label[:1].lower() + label[1:]


def _join(items: Sequence[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def _tracks(calendar: Calendar, ids: Sequence[str]) -> str:
    known = [calendar.track(t).short for t in ids if t in calendar.track_ids]
    if not known:
        return ""
    return ("la filière " if len(known) == 1 else "les filières ") + _join(known)


def _of_tracks(phrase: str) -> str:
    """« de la filière X » or « des filières X et Y »: French contracts « de les »."""
    if not phrase:
        return ""
    return "des" + phrase[len("les") :] if phrase.startswith("les ") else "de " + phrase


# Two wordings of S003: an unknown key with a close known one (« Vouliez-vous
# dire … ? »), and a misspelt required key (« mal orthographiée … écrivez … »).
_SUGGESTION = re.compile(r"(?:Vouliez-vous dire|écrivez) « ([^»]+?) »")


#: Codes a letter never mentions: the duplicate (the letter's subject) and the
#: coordinator's own notes on her decisions file (stale, orphan, hash to record).
_NOT_FOR_HOSTS = frozenset({"W002", "X002", "X003", "X004"})


def _suggestion(finding: Finding) -> str | None:
    """The key a misspelt one was meant to be, from the finding's message (S003)."""
    match = _SUGGESTION.search(finding.message)
    return match.group(1).strip() if match else None


def _parent(finding: Finding) -> str:
    return (finding.field or "").rpartition(".")[0]


def _admitted(code: str) -> str:
    """Default sentence for an admitted finding: the rule's title, as a fact."""
    from inet_stages.rules import RULES

    rule = RULES.get(code)
    title = rule.title.rstrip(". ") if rule else "un point de l'offre"
    return title[:1].lower() + title[1:] + "."


def _finding_context(
    calendar: Calendar,
    finding: Finding,
    base: Mapping[str, Any],
    texts: Mapping[str, Any],
    env: SandboxedEnvironment,
) -> dict[str, Any]:
    entry = texts.get(finding.code, {})
    key = (finding.field or "").rsplit(".", 1)[-1]
    context = {**base, "cle": key, "suggestion": _suggestion(finding) or ""}
    template = entry.get("texte") or "un point de l'offre est à revoir."
    if is_accepted(finding):
        # Admitted: said as a fact, never as something to fix.
        template = entry.get("admis") or _admitted(finding.code)
    text = _render(env, template, context, f"{TEXTS_FILE} [{finding.code}]").strip()
    return {
        "code": finding.code,
        "texte": text,
        "definitif": bool(entry.get("definitif")),
        "accepte": is_accepted(finding),
        "avertissement": finding.severity == "warning",
    }


def letter_context(
    calendar: Calendar,
    letter: Letter,
    *,
    today: date,
    texts: Mapping[str, Mapping[str, Any]],
    env: SandboxedEnvironment,
    markdown: bool = False,
) -> dict[str, Any]:
    """Every variable of the letter template (documented in ``docs/guide/lettres.md``)."""
    main = letter.main
    offer = main.offer
    safe = _md if markdown else (lambda s: s)

    def text(value: str | None) -> str:
        return safe(strip(value).strip()) if value else ""

    internship = offer.internship if offer else None
    tracks = offer.tracks if offer else ()
    windows = [
        w
        for t in tracks
        if internship is not None and (w := calendar.window(t, internship)) is not None
    ]
    deadlines = sorted(w.offers_deadline for w in windows if w.offers_deadline is not None)
    ahead = [d for d in deadlines if d >= today]
    missing = [t for t in tracks if t in calendar.track_ids and t not in {w.track for w in windows}]
    collective = (
        calendar.internship(internship).collective
        if internship is not None and internship in calendar.internship_ids
        else None
    )
    known_tracks = calendar.track_ids
    contact = calendar.contact
    words = contact.name.split()
    signature = " ".join(words[:1] + [w.upper() for w in words[1:]]) if words else ""
    base: dict[str, Any] = {
        "lieu": place(contact.address),
        "date": long_date(today),
        "appel": salutation(offer.tutor.position if offer else None),
        "structure": text(offer.host.name if offer else None),
        "tuteur": text(offer.tutor.name if offer else None),
        "fonction": text(offer.tutor.position if offer else None),
        "offre": text(offer.title if offer else None),
        "fichier": safe(PurePath(main.path).name),
        "fichiers": [safe(PurePath(f.path).name) for f in letter.files],
        "doublon": len(letter.files) > 1,
        "stage": _stage(calendar, internship),
        "stage_id": internship or "",
        "intitule_stage": calendar.internship(internship).label
        if internship is not None and internship in calendar.internship_ids
        else "",
        "noms_filieres": _join([calendar.track(t).short for t in tracks if t in known_tracks]),
        "filieres": _tracks(calendar, tracks),
        "filieres_ids": list(tracks),
        "filieres_sans_ce_stage": _tracks(calendar, missing),
        "de_filieres": _of_tracks(_tracks(calendar, tracks)),
        "de_filieres_sans_ce_stage": _of_tracks(_tracks(calendar, missing)),
        "periode": format_range(windows[0].start, windows[0].end) if windows else "",
        "duree": f"{windows[0].weeks} semaines" if windows else "",
        "date_limite": format_date(deadlines[0], weekday=False) if deadlines else "",
        "renvoyer_avant": format_date(ahead[0], weekday=False) if ahead else "",
        "seuil_population": format_number(collective.population_more_than) if collective else "",
        "participation": f"{format_number(collective.fee_eur)} €" if collective else "",
        "population": format_number(offer.host.population)
        if offer and offer.host.population
        else "",
        "statut": letter.outcome,
        "contact": {
            "nom": contact.name,
            "signature": signature,
            "fonction": contact.role,
            "email": contact.email,
            "telephone": contact.phone,
            "adresse": contact.address,
            "site": contact.website,
        },
        "annee": calendar.school_year,
    }
    seen: set[str] = set()
    findings: list[dict[str, Any]] = []
    for file_report in letter.files:
        # A misspelt key is one slip, not two: « titel » unknown (S003, which
        # suggests « title ») says it; « title » missing (S001) is left out.
        suggested = {
            _parent(f) + "." + hint
            for f in file_report.findings
            if f.code == "S003" and (hint := _suggestion(f))
        }
        for finding in file_report.findings:
            if finding.code == "S001" and finding.field in suggested:
                continue
            # Once per kind; a duplicate is the letter's subject, not a finding;
            # the state of the coordinator's own decisions file (X002–X004) is hers.
            if finding.code in seen or finding.code in _NOT_FOR_HOSTS:
                continue
            seen.add(finding.code)
            findings.append(_finding_context(calendar, finding, base, texts, env))
    blocking = [f for f in findings if not f["avertissement"] and not f["accepte"]]
    base.update(
        constats=findings,
        definitifs=[f for f in blocking if f["definitif"]],
        a_corriger=[f for f in blocking if not f["definitif"]],
        remarques=[f for f in findings if f["avertissement"] and not f["accepte"]],
        acceptes=[f for f in findings if f["accepte"]],
        codes=sorted(
            {f["code"] for f in findings} | ({"W002"} if len(letter.files) > 1 else set())
        ),
    )
    return base


def subject(context: Mapping[str, Any]) -> str:
    """« Votre offre de stage « … » (Stage thématique) »: the e-mail's subject."""
    title = context["offre"]
    what = f"Votre offre de stage « {title} »" if title else "Votre offre de stage"
    stage = context["intitule_stage"]
    return typeset(f"{what} ({stage})" if stage else what)


def to_email(
    calendar: Calendar, letter: Letter, body: str, context: Mapping[str, Any], when: datetime
) -> bytes:
    """The letter as an ``.eml`` draft: to the tutor, from the coordination, ``X-Unsent: 1``."""
    from inet_stages.io.mail import Mailbox, build_draft

    offer = letter.main.offer
    tutor = offer.tutor if offer else None
    recipient = (
        Mailbox(name=strip(tutor.name or ""), address=strip(tutor.email))
        if tutor is not None and tutor.email
        else None
    )
    contact = calendar.contact
    sender = Mailbox(name=f"{contact.name} (INET)", address=contact.email)
    return build_draft(to=recipient, sender=sender, subject=subject(context), body=body, when=when)


def render(
    calendar: Calendar,
    letter: Letter,
    *,
    today: date,
    own: Path | None,
    markdown: bool = False,
    texts: Mapping[str, Mapping[str, Any]] | None = None,
    env: SandboxedEnvironment | None = None,
) -> tuple[str, dict[str, Any]]:
    """The letter's text, typeset, and the context it was rendered with (for the e-mail)."""
    env = env or environment(own)
    texts = texts if texts is not None else load_texts(own)
    context = letter_context(calendar, letter, today=today, texts=texts, env=env, markdown=markdown)
    body = _render(env, LETTER_TEMPLATE, context, LETTER_TEMPLATE)
    # Blank runs collapsed: a condition left empty in her template leaves no hole.
    body = re.sub(r"\n{3,}", "\n\n", body).strip() + "\n"
    if markdown:
        # The address and signature blocks keep their lines: a hard break
        # (two spaces) where Markdown would join them into one paragraph.
        body = re.sub(r"(?<=\S)\n(?=[^\n-])", "  \n", body)
    return typeset(body), context
