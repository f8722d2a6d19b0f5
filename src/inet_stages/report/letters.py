"""Letters to hosts after a deadline: what to write, in templates the coordination can edit.

Pure core of ``inet-stages report --letters``. From the verdicts of
:func:`inet_stages.batch.check.check_files` (with ``keep_offers=True``) it
decides one :class:`Letter` per dossier and tutor address — copies of one
offer (W002) form a dossier, and each distinct tutor address among them gets
its own reply about its own files — saying for each track what is decided
(:data:`VERDICTS`), and renders its text from Jinja2 templates:

- ``templates/letters/lettre.j2``: the letter (date line, address line,
  salutation, one paragraph per track or group of tracks with the same
  verdict, formule de politesse, signature);
- ``templates/letters/textes.toml``: for each rule code, the sentence the
  host reads (in words the host acts on, never a key path or a code), and
  ``admis`` when the coordination accepted it. What no correction cures is
  the verdict's (:func:`inet_stages.findings.curable`), never the wording's.

Nothing internal reaches the body: file names, rule codes and the calendar
go in :attr:`Letter.reference`, which the draft carries in a header mail
programs do not display (``X-INET-Reference``) and ``report`` prints.

The coordination may copy either file into her own folder, under
``lettres/`` (``inet-stages letters init``; the CLI gives the folder, this
module never reads the environment): hers is used when present, and any
single key of any code of her ``textes.toml`` replaces the packaged one.
Templates run in Jinja2's :class:`~jinja2.sandbox.SandboxedEnvironment`
with :class:`~jinja2.StrictUndefined`; a template that fails raises
:class:`LetterError` naming the file and the line. ``docs/guide/lettres.md``
lists every variable.

A finding the coordination accepted (``decisions.toml``) is reported as
accepted, neither to fix nor a reason to refuse; a refusal (X001) refuses
the copy it was decided on only.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Literal

from inet_stages.batch.check import FileReport, Report
from inet_stages.batch.verdict import OUTCOMES, OfferVerdict
from inet_stages.batch.verdict import Outcome as Verdict
from inet_stages.calendar import Calendar
from inet_stages.findings import Finding, curable
from inet_stages.report.address import attention, long_date, place, salutation
from inet_stages.text.frdates import MONTHS, day_number, format_date, format_number, format_range
from inet_stages.text.frtypo import typeset
from inet_stages.text.textsafe import strip

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

    from inet_stages.calendar.model import Window

__all__ = [
    "FORMATS",
    "LETTER_TEMPLATE",
    "OWN_SUBFOLDER",
    "PACKAGED",
    "TEXTS_FILE",
    "Letter",
    "LetterError",
    "LetterFormat",
    "LetterOutcome",
    "address_problem",
    "attention",  # re-exported from report.address, as the three below (call/drafts)
    "environment",
    "letter_context",
    "load_texts",
    "long_date",
    "place",
    "plan",
    "render",
    "salutation",
    "span",
    "subject",
    "to_email",
]

#: Where the packaged templates are, and the subfolder of hers that may override them.
PACKAGED = Path(__file__).resolve().parent.parent / "templates" / "letters"
OWN_SUBFOLDER = "lettres"
LETTER_TEMPLATE = "lettre.j2"
TEXTS_FILE = "textes.toml"

#: A letter's overall outcome: its verdict when every track has the same, else « mixte ».
LetterOutcome = Literal["retenue", "retenue_sous_reserve", "a_completer", "non_retenue", "mixte"]
LetterFormat = Literal["eml", "txt", "md"]
FORMATS: tuple[LetterFormat, ...] = ("eml", "txt", "md")
#: The keys a code of ``textes.toml`` may have (``definitif``, of older copies, is ignored:
#: the verdict decides what no correction cures).
TEXT_KEYS = {"texte": str, "admis": str, "definitif": bool}


class LetterError(Exception):
    """A template of the letters that cannot be read or rendered; ``message`` is French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, kw_only=True)
class Letter:
    """One reply: to the tutor address of ``files`` (the copies of one dossier sent from it).

    ``main`` is the copy the letter speaks from (the best judged one: a
    refused copy never refuses the original) and ``verdict`` its verdict;
    ``to`` the tutor's address when it can be written in a ``To`` header,
    else None and ``problem`` says why (for her, at the top of the draft).
    """

    name: str
    files: tuple[FileReport, ...]
    main: FileReport
    verdict: OfferVerdict
    to: str | None
    problem: str | None = None
    #: Copies of the same dossier sent from other addresses (their own letters).
    elsewhere: int = 0
    codes: tuple[str, ...] = ()
    #: The start of each file's SHA-256, in the order of ``files`` (set by whoever read
    #: the bytes): ``status`` tells an offer changed since its letter by it.
    digests: tuple[str, ...] = ()

    @property
    def outcomes(self) -> dict[str, Verdict]:
        """The verdict of each of the offer's tracks, in the offer's order."""
        return {t: v.outcome for t, v in self.verdict.by_track.items()}

    @property
    def outcome(self) -> LetterOutcome:
        """The common verdict of every track, or « mixte » when tracks differ."""
        found = set(self.outcomes.values()) or {self.verdict.outcome}
        return next(iter(found)) if len(found) == 1 else "mixte"

    @property
    def reference(self) -> str:
        """Her note, never in the body: the files, the rule codes, the calendar."""
        return self._note(hashes=False)

    @property
    def header_reference(self) -> str:
        """The note the draft carries (``X-INET-Reference``): each file with the start of its
        SHA-256 when known (``colmar.toml sha256=3f1c…``), so that ``status`` tells an
        offer that changed since its letter."""
        return self._note(hashes=True)

    def _note(self, *, hashes: bool) -> str:
        digests = self.digests if len(self.digests) == len(self.files) else ("",) * len(self.files)
        names = ", ".join(
            strip(PurePath(f.path).name) + (f" sha256={d}" if d and hashes else "")
            for f, d in zip(self.files, digests, strict=True)
        )
        codes = f" ({', '.join(self.codes)})" if self.codes else ""
        year = self.main.calendar or ""
        return f"{names}{codes}{', ' + year if year else ''}"


# --- Which letters, which verdicts -------------------------------------------------


def is_accepted(finding: Finding) -> bool:
    """True for a finding the coordination accepted (``decisions.toml``)."""
    return bool(getattr(finding, "accepted", False))


_ADDRESS = re.compile(r"[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\].]+")


def address_problem(email: str | None) -> str | None:
    """Why ``email`` cannot be a ``To`` (French, for her), or None when it can."""
    from email.headerregistry import Address

    if not email or not email.strip():
        return "l'offre ne donne pas d'adresse électronique pour le tuteur ou la tutrice"
    value = strip(email).strip()
    shown = value if len(value) <= 80 else value[:77] + "..."
    wrong = f"l'adresse électronique du tuteur ou de la tutrice, « {shown} », n'est pas valide"
    if not _ADDRESS.fullmatch(value) or value.startswith(".") or ".." in value:
        return wrong
    try:
        # The mail library is the judge of what a To header can hold
        # (« a@ » once stopped the whole run with an IndexError).
        Address(addr_spec=value)
    except Exception:  # any defect of the address: the draft goes without To
        return wrong
    return None


def _rank(verdict: OfferVerdict) -> tuple[int, int]:
    """How good a copy's verdict is (lower is better): its tracks' outcomes summed."""
    values = [v.outcome for v in verdict.by_track.values()] or [verdict.outcome]
    return (sum(OUTCOMES.index(v) for v in values), -len(values))


def plan(report: Report, names: Mapping[str, str]) -> tuple[Letter, ...]:
    """One letter per dossier and tutor address, named after its first file.

    ``names`` gives each path's letter name without extension
    (:func:`inet_stages.report.tally.letter_names`). Verdicts are the batch's
    (:mod:`inet_stages.batch.verdict`), never judged again here.
    """
    verdicts = report.verdicts
    by_path = {f.path: f for f in report.files}
    letters: list[Letter] = []
    for dossier in verdicts.dossiers:
        for addressee in dossier.addressees:
            own = [by_path[p] for p in addressee.paths if p in by_path]
            if not own:
                continue
            # The best judged copy speaks: a refused copy does not refuse the original.
            main = min(own, key=lambda f: _rank(verdicts.of(f.path)))
            verdict = verdicts.of(main.path)
            problem = address_problem(addressee.address)
            if problem is None and not addressee.usable:
                problem = address_problem("@")
            codes = sorted(
                {f.code for copy in own for f in copy.findings}
                | ({"W002"} if len(dossier.paths) > 1 else set())
            )
            letters.append(
                Letter(
                    name=names[own[0].path],
                    files=tuple(own),
                    main=main,
                    verdict=verdict,
                    to=None if problem else strip(addressee.address or "").strip(),
                    problem=problem,
                    elsewhere=len(dossier.paths) - len(own),
                    codes=tuple(codes),
                )
            )
    return tuple(letters)


# --- Templates -----------------------------------------------------------------------


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
    from inet_stages.report.sandbox import render_bounded

    try:
        return render_bounded(env, name, context)
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
    if isinstance(exc, TemplateSyntaxError):
        return f"syntaxe incorrecte ({exc.message or detail})."
    if isinstance(exc, RecursionError):
        return "arrêté : appels imbriqués trop profonds."
    if isinstance(exc, ZeroDivisionError):
        return "division par zéro."
    # Python's own reason is English: say what kind of failure, in French.
    return "le modèle n'a pas pu être rendu (opération impossible sur ces valeurs)."


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


def _for_tracks(phrase: str) -> str:
    """« pour la filière X », « pour les filières X et Y »."""
    return f"pour {phrase}" if phrase else ""


def span(window: Window) -> str:
    """« du 26 mai au 10 juillet 2026 »; alternatives as the brochure writes them.

    The conservateurs' observation, 30 March–17 April or 31 March–18 April:
    « du 30 ou 31 mars au 17 ou 18 avril 2026 ».
    """
    periods = [window.period, *window.alternatives]
    starts = sorted({p.start for p in periods})
    ends = sorted({p.end for p in periods})
    same = (
        len({(d.year, d.month) for d in starts}) == 1
        and len({(d.year, d.month) for d in ends}) == 1
    )
    if len(periods) > 1 and same and starts[0].year == ends[0].year:
        first = " ou ".join(day_number(d) for d in starts)
        last = " ou ".join(day_number(d) for d in ends)
        start_month = MONTHS[starts[0].month - 1]
        end_month = MONTHS[ends[0].month - 1]
        head = first if start_month == end_month else f"{first} {start_month}"
        return f"du {head} au {last} {end_month} {ends[0].year}"
    return "du " + format_range(window.period.start, window.period.end)


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


def _words(key: str | None) -> str:
    """A key path in the host's words (« votre adresse électronique »); empty when unknown."""
    return FIELD_WORDS.get(key or "", "")


# Two wordings of S003: an unknown key with a close known one (« Vouliez-vous
# dire … ? »), and a misspelt required key (« mal orthographiée … écrivez … »).
_SUGGESTION = re.compile(r"(?:Vouliez-vous dire|écrivez) « ([^»]+?) »")


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
    finding: Finding,
    base: Mapping[str, Any],
    texts: Mapping[str, Any],
    env: SandboxedEnvironment,
) -> dict[str, Any]:
    entry = texts.get(finding.code, {})
    hint = _suggestion(finding) or ""
    suggested = f"{_parent(finding)}.{hint.strip('[]')}" if hint else ""
    context = {
        **base,
        "rubrique": _words(finding.field),
        "suggestion": _words(suggested) or _words(hint.strip("[]")),
    }
    template = entry.get("texte") or "un point de l'offre est à revoir."
    if is_accepted(finding):
        # Admitted: said as a fact, never as something to fix.
        template = entry.get("admis") or _admitted(finding.code)
    text = _render(env, template, context, f"{TEXTS_FILE} [{finding.code}]").strip()
    return {
        "texte": text,
        # The verdict's own classification (the code registry), never hers.
        "definitif": not curable(finding.code) or finding.code == "X001",
        "accepte": is_accepted(finding),
        "avertissement": finding.severity == "warning",
    }


def _shown_findings(letter: Letter, tracks: Sequence[str]) -> list[Finding]:
    """What the letter says for ``tracks``: the verdict's open findings and the accepted ones.

    A misspelt key is said once: « titel » unknown (S003, which suggests
    « title ») says it; « title » missing (S001) is left out.
    """
    verdict = letter.verdict
    source = verdict.by_track[tracks[0]] if tracks else verdict.whole
    open_ = list(source.findings)
    accepted = [
        f
        for f in letter.main.findings
        if is_accepted(f) and all(f.concerns(t) for t in tracks) and f.code not in _NOT_FOR_HOSTS
    ]
    suggested = {
        _parent(f) + "." + hint
        for f in letter.main.findings
        if f.code == "S003" and (hint := _suggestion(f))
    }
    return [
        f
        for f in open_ + accepted
        if f.code not in _NOT_FOR_HOSTS and not (f.code == "S001" and f.field in suggested)
    ]


#: Her own notes on the decisions file (stale, orphan, hash): never in a letter.
_NOT_FOR_HOSTS = frozenset({"X002", "X003", "X004"})


def _block(
    calendar: Calendar,
    letter: Letter,
    tracks: Sequence[str],
    *,
    today: date,
    base: Mapping[str, Any],
    texts: Mapping[str, Any],
    env: SandboxedEnvironment,
) -> dict[str, Any]:
    """What is decided for ``tracks`` (or, without tracks, for the file): its sentences."""
    offer = letter.main.offer
    internship = letter.main.internship
    windows = [
        w
        for t in tracks
        if internship is not None and (w := calendar.window(t, internship)) is not None
    ]
    deadlines = sorted({w.offers_deadline for w in windows if w.offers_deadline is not None})
    ahead = [d for d in deadlines if d >= today]
    # The brochure's window (rule texts quote it), and the internship's own
    # dates when the offer gives them (the retained letter announces those).
    period = span(windows[0]) if windows else ""
    dates = period
    if offer is not None and offer.start and offer.end and offer.start <= offer.end:
        dates = "du " + format_range(offer.start, offer.end)
    phrase = _tracks(calendar, tracks)
    context = {
        **base,
        "filieres": phrase,
        "de_filieres": _of_tracks(phrase),
        "periode": period,
        "dates": dates,
        "duree": f"{windows[0].weeks} semaines" if windows else "",
        "date_limite": format_date(deadlines[0], weekday=False) if deadlines else "",
        "renvoyer_avant": format_date(ahead[0], weekday=False) if ahead else "",
    }
    shown = _shown_findings(letter, tracks)
    said: dict[str, dict[str, Any]] = {}
    for finding in shown:
        if finding.code not in said:  # once per kind
            said[finding.code] = _finding_context(finding, context, texts, env)
    found = list(said.values())
    blocking = [f for f in found if not f["avertissement"] and not f["accepte"]]
    verdict = letter.outcomes[tracks[0]] if tracks else letter.verdict.outcome
    return {
        **context,
        "statut": verdict,
        "filieres_ids": list(tracks),
        "pour": _for_tracks(phrase),
        "definitifs": [f["texte"] for f in blocking if f["definitif"]],
        "a_corriger": [f["texte"] for f in blocking if not f["definitif"]],
        "remarques": [f["texte"] for f in found if f["avertissement"] and not f["accepte"]],
        "acceptes": [f["texte"] for f in found if f["accepte"]],
    }


_TIMES = {2: "deux fois", 3: "trois fois", 4: "quatre fois", 5: "cinq fois"}


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

    internship = main.internship if main.internship in calendar.internship_ids else None
    collective = calendar.internship(internship).collective if internship is not None else None
    tracks = list(letter.outcomes)
    contact = calendar.contact
    words = contact.name.split()
    signature = " ".join(words[:1] + [w.upper() for w in words[1:]]) if words else ""
    tutor = offer.tutor if offer else None
    civility = tutor.civility if tutor else None
    label = calendar.internship(internship).label if internship is not None else ""
    copies = len(letter.files)
    base: dict[str, Any] = {
        "lieu": place(contact.address),
        "date": long_date(today),
        "appel": salutation(tutor.position if tutor else None, civility),
        "civilite": civility or "",
        "a_l_attention": attention(
            text(tutor.name if tutor else None), civility, text(tutor.position if tutor else None)
        ),
        "structure": text(offer.host.name if offer else None),
        "tuteur": text(tutor.name if tutor else None),
        "fonction": text(tutor.position if tutor else None),
        "offre": text(offer.title if offer else None),
        # Copies told in the opening sentence once settled; while open, by W002's text.
        "doublon": copies > 1
        and not any(f.code == "W002" for f in letter.verdict.whole.findings)
        and not any(f.code == "W002" for v in letter.verdict.by_track.values() for f in v.findings),
        "autres_adresses": letter.elsewhere,
        "exemplaires": copies,
        "exemplaires_mots": _TIMES.get(copies, f"{copies} fois"),
        "stage": _stage(calendar, internship),
        "stage_id": internship or "",
        "intitule_stage": label,
        "collectif": collective is not None,
        "noms_filieres": _join([calendar.track(t).short for t in tracks]),
        "filieres_ids": tracks,
        "filieres_sans_ce_stage": _tracks(
            calendar,
            [
                t
                for t in (offer.tracks if offer else ())
                if t in calendar.track_ids
                and internship is not None
                and calendar.window(t, internship) is None
            ],
        ),
        "seuil_population": format_number(collective.population_more_than) if collective else "",
        "participation": f"{format_number(collective.fee_eur)} €" if collective else "",
        "eleves_par_projet": collective.students_per_project if collective else "",
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
    base["de_filieres_sans_ce_stage"] = _of_tracks(base["filieres_sans_ce_stage"])
    # Tracks with the same verdict and the same sentences are said together.
    groups: list[list[str]] = []
    keys: list[tuple[Any, ...]] = []
    blocks: list[dict[str, Any]] = []
    for track in tracks:
        block = _block(calendar, letter, [track], today=today, base=base, texts=texts, env=env)
        key = tuple(
            (k, tuple(v) if isinstance(v, list) else v)
            for k, v in block.items()
            if k
            in (
                "statut",
                "periode",
                "dates",
                "definitifs",
                "a_corriger",
                "remarques",
                "acceptes",
                "renvoyer_avant",
                "date_limite",
            )
        )
        if key in keys:
            groups[keys.index(key)].append(track)
        else:
            keys.append(key)
            groups.append([track])
    for group in groups:
        blocks.append(_block(calendar, letter, group, today=today, base=base, texts=texts, env=env))
    if not blocks:
        blocks.append(_block(calendar, letter, [], today=today, base=base, texts=texts, env=env))
    if len(blocks) == 1 and collective is not None:
        blocks[0]["pour"] = ""  # one team of every track: the project, not a track
    for block in blocks:
        pour = block["pour"]
        block["votre_offre"] = (
            f"{pour[:1].upper()}{pour[1:]}, votre offre" if pour else "Votre offre"
        )
    retained = [b for b in blocks if b["statut"] in ("retenue", "retenue_sous_reserve")]
    window = (
        calendar.windows_of_internship(internship)[0]
        if internship is not None and calendar.windows_of_internship(internship)
        else None
    )
    base.update(
        blocs=blocks,
        retenue=bool(retained),
        semaines=window.weeks if window is not None else "",
        filieres=_tracks(calendar, tracks),
        de_filieres=_of_tracks(_tracks(calendar, tracks)),
    )
    return base


def subject(context: Mapping[str, Any]) -> str:
    """« Votre offre de stage « … » – Stage thématique »: the subject, no nested brackets."""
    title = context["offre"]
    what = f"Votre offre de stage « {title} »" if title else "Votre offre de stage"
    stage = context["intitule_stage"]
    return typeset(f"{what} – {stage}" if stage else what)


def to_email(
    calendar: Calendar,
    letter: Letter,
    body: str,
    context: Mapping[str, Any],
    when: datetime,
    *,
    problems: list[str] | None = None,
) -> bytes:
    """The letter as an ``.eml`` draft: to the tutor (none when the address is unusable).

    A header the draft could not carry faithfully (an address, a name) is left out and
    said, in French, in ``problems``."""
    from inet_stages.io.mail import Mailbox, build_draft

    offer = letter.main.offer
    tutor = offer.tutor if offer else None
    recipient = (
        Mailbox(name=strip(tutor.name or ""), address=letter.to)
        if tutor is not None and letter.to
        else None
    )
    contact = calendar.contact
    sender = Mailbox(name=f"{contact.name} (INET)", address=contact.email)
    return build_draft(
        to=recipient,
        sender=sender,
        subject=subject(context),
        body=body,
        when=when,
        reference=letter.header_reference,
        problems=problems,
    )


def problem_note(letter: Letter) -> str:
    """The lines at the top of a draft without ``To``: for her, to remove before sending."""
    if letter.problem is None:
        return ""
    return (
        f"[Note de la coordination, à retirer avant l'envoi : {letter.problem}. "
        "Ajoutez le destinataire avant d'envoyer cette lettre.]\n\n"
    )


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
    body = problem_note(letter) + re.sub(r"\n{3,}", "\n\n", body).strip() + "\n"
    if markdown:
        # The address and signature blocks keep their lines: a hard break
        # (two spaces) where Markdown would join them into one paragraph.
        body = re.sub(r"(?<=\S)\n(?=[^\n-])", "  \n", body)
    return typeset(body), context
