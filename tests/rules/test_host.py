"""H: the host's kind against each internship's host policy (from the calendar)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.offer_factory import check_text, codes, offer_text

EPL = "etablissement_public_local"
CASES: list[tuple[str, dict[str, Any], set[tuple[str, str | None]]]] = [
    ("thematique", {"host__kind": "etat"}, {("H001", "host.kind")}),
    ("thematique", {"host__kind": EPL}, {("H004", "host.kind")}),
    ("thematique", {"host__kind": "epci"}, set()),
    ("observation", {"host__kind": "association"}, {("H001", "host.kind")}),
    ("observation", {"host__kind": EPL}, {("H004", "host.kind")}),
    ("observation", {"host__kind": "departement"}, set()),
    ("projet_collectif", {"host__kind": "entreprise_publique"}, {("H001", "host.kind")}),
    ("projet_collectif", {"host__kind": EPL}, {("P006", "host.kind")}),
    ("projet_collectif", {"host__kind": "epci"}, set()),
    ("perfectionnement", {"host__kind": "etat"}, {("H002", "host.kind")}),
    ("perfectionnement", {"host__kind": "entreprise_privee"}, {("H002", "host.kind")}),
    ("perfectionnement", {"host__kind": "region"}, set()),
    ("professionnalisation", {"host__kind": "entreprise_privee"}, {("H001", "host.kind")}),
    ("professionnalisation", {"host__kind": "etat"}, {("H001", "host.kind")}),
    ("professionnalisation", {"host__kind": EPL}, {("H004", "host.kind")}),
    ("professionnalisation", {"host__kind": "epci"}, set()),
    ("ouverture", {"host__kind": "entreprise_privee"}, set()),
    ("ouverture", {"host__kind": EPL}, set()),
    ("ouverture", {"host__kind": "collectivite_etrangere"}, set()),
    ("thematique", {"host__kind": "Collectivité-unique"}, set()),
    ("thematique", {"host__kind": "mairie"}, {("H003", "host.kind")}),
]


@pytest.mark.parametrize(("internship", "changes", "expected"), CASES)
def test_host_policy(
    internship: str, changes: dict[str, Any], expected: set[tuple[str, str | None]]
) -> None:
    assert codes(internship, **changes) == expected


def test_preferred_is_a_warning_and_required_an_error() -> None:
    (warning,) = check_text(offer_text("perfectionnement", host__kind="etat"))
    assert warning.severity == "warning"
    assert "projet professionnel" in warning.message
    (error,) = check_text(offer_text("thematique", host__kind="etat"))
    assert error.severity == "error"
    assert "commune" in error.message


def test_unknown_kind_suggests_the_closest() -> None:
    (found,) = check_text(offer_text(host__kind="comune"))
    assert found.code == "H003"
    assert "Vouliez-vous dire « commune » ?" in found.message


@pytest.mark.parametrize(
    ("internship", "code", "severity"),
    [("observation", "H004", "warning"), ("projet_collectif", "P006", "error")],
)
def test_local_body_to_confirm_or_refused(internship: str, code: str, severity: str) -> None:
    (found,) = check_text(offer_text(internship, host__kind=EPL))
    assert (found.code, found.severity) == (code, severity)
    assert "n'est pas une collectivité" in found.message
    assert "CCAS" in found.message
