"""The offer file at the input boundary: the pydantic model and the JSON Schema made from it.

The model checks a parsed document (every error at once, translated by the
reader into French findings); :func:`offer_schema` is what ``inet-stages
schema offer`` prints and the template's ``#:schema`` line points editors to.
pydantic is imported here and in the reader only: never on the start-up path
of a command that does not read offers.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic.functional_validators import BeforeValidator
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from inet_stages.ids import INTERNSHIP_LABELS, TRACK_LABELS
from inet_stages.offer.shape import MAX_DETAILED, MAX_POPULATION
from inet_stages.text.vocabulary import CIVILITIES, HOST_KINDS, MISSION_KINDS

# --- The model (input boundary) ------------------------------------------------------

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def to_date(value: object) -> object:
    """A TOML date, or a quoted ISO date; any other text is refused with the expected form."""
    if isinstance(value, datetime):
        raise PydanticCustomError("date_with_time", "date avec heure")
    if isinstance(value, str):
        if _ISO_DAY.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                raise PydanticCustomError("date_text", "date impossible") from None
        raise PydanticCustomError("date_text", "date illisible")
    return value


def _text(description: str, max_length: int = 300, **extra: Any) -> Any:
    return Field(description=description, pattern=r"\S", max_length=max_length, **extra)


def _optional_text(description: str, max_length: int, **extra: Any) -> Any:
    # TOML has no null: an optional key is simply left out.
    return _text(description, max_length, default=None, **extra)


Day = Annotated[date, BeforeValidator(to_date)]


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class OfferTable(_Table):
    """Table [offer] : l'offre de stage elle-même."""

    internship: str = _text(
        "Stage proposé : observation, thematique, projet_collectif, ouverture, "
        "perfectionnement ou professionnalisation.",
        60,
    )
    tracks: list[Annotated[str, Field(pattern=r"\S", max_length=60)]] | None = Field(
        default=None,
        min_length=1,
        max_length=10,
        description=(
            "Filières concernées : administrateurs, conservateurs, ingenieurs. Obligatoire, "
            "sauf pour les projets collectifs (les trois filières par défaut)."
        ),
    )
    title: str = _text("Intitulé de la mission, en une ligne.")
    description: str = _text(
        "La mission proposée, décrite en quelques phrases : contexte, attendus, livrables.",
        20_000,
    )
    submitted: Day = Field(description="Date de dépôt de l'offre (AAAA-MM-JJ).")
    start: Day | None = Field(
        default=None,
        description="Premier jour du stage (AAAA-MM-JJ) ; par défaut, le début de la fenêtre.",
    )
    end: Day | None = Field(
        default=None,
        description="Dernier jour du stage (AAAA-MM-JJ) ; par défaut, la fin de la fenêtre.",
    )
    promotion: str | None = _optional_text(
        "Promotion des élèves, par son année scolaire (2027-2028) ; facultatif : par "
        "défaut, celle dont la fenêtre contient les dates du stage, ou sans dates celle "
        "dont la date limite de dépôt suit la date de dépôt.",
        20,
        json_schema_extra={"examples": ["2027-2028"]},
    )
    mission_kind: str | None = _optional_text(
        "Stage de professionnalisation : pilotage_projet, renfort_managerial ou "
        "pre_prise_de_poste ; stage de perfectionnement : pre_prise_de_poste.",
        60,
    )


class HostTable(_Table):
    """Table [host] : la structure d'accueil."""

    name: str = _text("Nom de la structure d'accueil (« Ville de Colmar »).")
    kind: str = _text("Nature de la structure d'accueil (commune, epci, departement…).", 60)
    population: Annotated[int, Field(ge=1, le=MAX_POPULATION)] | None = Field(
        default=None,
        description="Nombre d'habitants ; obligatoire pour un projet collectif.",
    )
    city: str | None = _optional_text("Ville.", 200)


class TutorTable(_Table):
    """Table [tutor] : le tuteur ou la tutrice de l'élève."""

    name: str = _text("Prénom et nom du tuteur ou de la tutrice.")
    civility: str | None = _optional_text(
        "Civilité (facultatif) : Madame ou Monsieur, pour l'adresse des lettres.", 20
    )
    position: str = _text(
        "Fonction, en toutes lettres (« Directrice générale des services »). Pour un stage "
        "d'observation : le ou la DGS (administrateurs, ingénieurs), le directeur ou la "
        "directrice de la bibliothèque (conservateurs)."
    )
    email: str = _text("Adresse électronique.", 320, json_schema_extra={"format": "email"})
    phone: str | None = _optional_text("Téléphone (facultatif).", 40)


class CollectiveTable(_Table):
    """Table [collective_project] : projets collectifs seulement."""

    fee_accepted: bool = Field(
        description="true : la structure accepte la participation forfaitaire aux frais."
    )


class OfferFile(_Table):
    """Offre de stage pour les élèves de l'INET (format version 1)."""

    offer: OfferTable = Field(description="L'offre de stage.")
    host: HostTable = Field(description="La structure d'accueil.")
    tutor: TutorTable = Field(description="Le tuteur ou la tutrice.")
    collective_project: CollectiveTable | None = Field(
        default=None, description="Projets collectifs seulement."
    )


__all__ = ["MAX_DETAILED", "MAX_POPULATION", "TABLES", "OfferFile", "offer_schema", "to_date"]

#: The model of each table (:data:`inet_stages.offer.shape.SHAPE` says the same
#: without pydantic; a test holds them to agreement).
TABLES: dict[str, type[_Table]] = {
    "offer": OfferTable,
    "host": HostTable,
    "tutor": TutorTable,
    "collective_project": CollectiveTable,
}

# --- The JSON Schema -------------------------------------------------------------------


class _TomlSchema(GenerateJsonSchema):
    """TOML has no null: an optional key is simply absent, so ``X | None`` is shown as X."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        inner = self.generate_inner(schema["schema"])
        if schema.get("default") is None:
            return inner
        return super().default_schema(schema)


SCHEMA_ID = "https://inet-stages.invalid/schemas/offer-v1.schema.json"


def offer_schema() -> dict[str, Any]:
    """The JSON Schema of the offer format, generated from the model, French descriptions."""
    schema = OfferFile.model_json_schema(schema_generator=_TomlSchema)
    # Editors complete and check these ids; the reader itself is more forgiving
    # (case, accents, separators, a final s), as docs/reference/README.md says.
    defs = schema["$defs"]
    defs["OfferTable"]["properties"]["internship"]["enum"] = list(INTERNSHIP_LABELS)
    defs["OfferTable"]["properties"]["tracks"]["items"]["enum"] = list(TRACK_LABELS)
    defs["OfferTable"]["properties"]["mission_kind"]["enum"] = list(MISSION_KINDS)
    defs["HostTable"]["properties"]["kind"]["enum"] = list(HOST_KINDS)
    defs["TutorTable"]["properties"]["civility"]["enum"] = list(CIVILITIES)
    # pydantic titles are the Python names ("Fee Accepted"): the descriptions,
    # in French, say it better; tables are titled the TOML way.
    for table, model in TABLES.items():
        definition = defs[model.__name__]
        definition["title"] = f"[{table}]"
        for prop in definition["properties"].values():
            prop.pop("title", None)
    for prop in schema["properties"].values():
        prop.pop("title", None)
    schema["title"] = "Offre de stage pour les élèves de l'INET (format 1)"
    # What validate requires of one internship and not of the others (S001, P001, P003):
    # a projet collectif names no tracks (the three), but its population and its
    # [collective_project] table; any other internship names its tracks.
    collective = {"properties": {"internship": {"const": "projet_collectif"}}}
    schema["allOf"] = [
        {
            "if": {
                "required": ["offer"],
                "properties": {"offer": {**collective, "required": ["internship"]}},
            },
            "then": {
                "required": ["collective_project"],
                "properties": {"host": {"required": ["population"]}},
            },
            "else": {"properties": {"offer": {"required": ["tracks"]}}},
        }
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }
