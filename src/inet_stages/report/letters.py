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

She may copy either file into her own folder, under ``lettres/``: reading
them, the sandbox and the errors naming file and line are
:mod:`inet_stages.report.texts`; ``docs/guide/lettres.md`` lists the variables.

A finding the coordination accepted (``decisions.toml``) is reported as
accepted, neither to fix nor a reason to refuse; a refusal (X001) refuses
the copy it was decided on only.
"""

from __future__ import annotations

import re
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
from inet_stages.offer.promotion import for_another_year
from inet_stages.report.address import address_problem, attention, long_date, place, salutation
from inet_stages.report.texts import (
    LETTER_TEMPLATE,
    TEXTS_FILE,
    admitted_sentence,
    environment,
    escape_markdown,
    field_words,
    for_tracks,
    internship_phrase,
    join_words,
    load_texts,
    mentions,
    of_tracks,
    parent_key,
    render_template,
    suggested_key,
    tracks_phrase,
)
from inet_stages.text.frdates import MONTHS, day_number, format_date, format_number, format_range
from inet_stages.text.frtypo import typeset
from inet_stages.text.textsafe import strip

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

    from inet_stages.calendar.model import Window

__all__ = [
    "FORMATS",
    "Letter",
    "LetterFormat",
    "LetterOutcome",
    "letter_context",
    "plan",
    "render",
    "span",
    "subject",
    "to_email",
]

#: A letter's overall outcome: its verdict when every track has the same, else « mixte ».
LetterOutcome = Literal["retenue", "retenue_sous_reserve", "a_completer", "non_retenue", "mixte"]
LetterFormat = Literal["eml", "txt", "md"]
FORMATS: tuple[LetterFormat, ...] = ("eml", "txt", "md")


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
    def told(self) -> dict[str, str]:
        """The verdict the letter tells: per track, or the file's (``offre``) without tracks."""
        return dict(self.outcomes) or {"offre": self.verdict.outcome}

    @property
    def header_reference(self) -> str:
        """The note the draft carries (``X-INET-Reference``): each file with the start of its
        SHA-256 (``colmar.toml sha256=3f1c…``), then the verdict it tells (``; verdict
        administrateurs=retenue``), whole: ``status`` and ``report`` tell by them a letter
        whose offer or verdict changed. A long note is cut before the verdict, never in it."""
        from inet_stages.io.mail import REFERENCE_CHARS, header_text

        # Measured once cleaned as the header will be (« =? » written « = ? » is longer).
        tail = " ; verdict " + " ".join(f"{t}={o}" for t, o in self.told.items())
        room = REFERENCE_CHARS - len(tail)
        return header_text(self._note(hashes=True), room) + tail

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
            problem = address_problem(addressee.address, valid=addressee.usable)
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


# --- Context -------------------------------------------------------------------------


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


def _finding_context(
    finding: Finding,
    base: Mapping[str, Any],
    texts: Mapping[str, Any],
    env: SandboxedEnvironment,
) -> dict[str, Any]:
    entry = texts.get(finding.code, {})
    hint = suggested_key(finding) or ""
    suggested = f"{parent_key(finding)}.{hint.strip('[]')}" if hint else ""
    context = {
        **base,
        "rubrique": field_words(finding.field),
        "suggestion": field_words(suggested) or field_words(hint.strip("[]")),
    }
    template = entry.get("texte") or "un point de l'offre est à revoir."
    if is_accepted(finding):
        # Admitted: said as a fact, never as something to fix.
        template = entry.get("admis") or admitted_sentence(finding.code)
    label = f"{TEXTS_FILE} [{finding.code}]"
    text = render_template(env, template, context, label, text=True).strip()
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
        parent_key(f) + "." + hint
        for f in letter.main.findings
        if f.code == "S003" and (hint := suggested_key(f))
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
    if offer is not None and for_another_year(offer.promotion, calendar):
        deadlines = []  # checked with another year's calendar: its deadline is not the offer's
    ahead = [d for d in deadlines if d >= today]
    # The brochure's window (rule texts quote it), and the internship's own
    # dates when the offer gives them (the retained letter announces those).
    period = span(windows[0]) if windows else ""
    dates = period
    if offer is not None and offer.start and offer.end and offer.start <= offer.end:
        dates = "du " + format_range(offer.start, offer.end)
    phrase = tracks_phrase(calendar, tracks)
    context = {
        **base,
        "filieres": phrase,
        "de_filieres": of_tracks(phrase),
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
        "pour": for_tracks(phrase),
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
    safe = escape_markdown if markdown else (lambda s: s)

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
        "stage": internship_phrase(calendar, internship),
        "stage_id": internship or "",
        "intitule_stage": label,
        "collectif": collective is not None,
        "noms_filieres": join_words([calendar.track(t).short for t in tracks]),
        "filieres_ids": tracks,
        "filieres_sans_ce_stage": tracks_phrase(
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
    base["de_filieres_sans_ce_stage"] = of_tracks(base["filieres_sans_ce_stage"])
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
    shared = _shared_notes(blocks)
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
        filieres=tracks_phrase(calendar, tracks),
        de_filieres=of_tracks(tracks_phrase(calendar, tracks)),
        remarques_communes=shared,
    )
    return base


#: The verdicts whose notes are said « par ailleurs », after what decides the offer; the
#: reserved offer's notes are its reserve, said in its own paragraph.
_NOTES_ASIDE = frozenset({"a_completer", "non_retenue"})


def _shared_notes(blocks: list[dict[str, Any]]) -> list[str]:
    """The notes every track's paragraph would repeat word for word, taken out of them.

    Tracks with different findings get a paragraph each; a note they share (the
    promotion note of a late offer without dates, D012) is said once, after them.
    """
    if len(blocks) < 2 or any(b["statut"] not in _NOTES_ASIDE for b in blocks):
        return []
    shared = [
        note for note in blocks[0]["remarques"] if all(note in b["remarques"] for b in blocks)
    ]
    for block in blocks:
        block["remarques"] = [note for note in block["remarques"] if note not in shared]
    return shared


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
    if context["remarques_communes"] and not mentions(env, LETTER_TEMPLATE, "remarques_communes"):
        # Her copy of the template predates the shared notes: they go back into
        # each paragraph, said twice rather than never.
        for block in context["blocs"]:
            block["remarques"] = context["remarques_communes"] + block["remarques"]
        context["remarques_communes"] = []
    body = render_template(env, LETTER_TEMPLATE, context, LETTER_TEMPLATE)
    # Blank runs collapsed: a condition left empty in her template leaves no hole.
    body = problem_note(letter) + re.sub(r"\n{3,}", "\n\n", body).strip() + "\n"
    if markdown:
        # The address and signature blocks keep their lines: a hard break
        # (two spaces) where Markdown would join them into one paragraph.
        body = re.sub(r"(?<=\S)\n(?=[^\n-])", "  \n", body)
    return typeset(body), context
