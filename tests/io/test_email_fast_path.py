"""The plain-address shortcut never accepts what email-validator would refuse."""

from __future__ import annotations

import sys

import pytest
from email_validator import validate_email
from hypothesis import given, settings
from hypothesis import strategies as st

from inet_stages.rules.tutor import _email_problem, _plainly_valid

atoms = st.from_regex(r"[A-Za-z0-9_+-]{1,12}", fullmatch=True)
labels = st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9-]{0,10}[A-Za-z0-9])?", fullmatch=True)
tlds = st.sampled_from(["fr", "com", "test", "local", "eu", "paris", "onion", "c1", "x"])


@settings(max_examples=300, deadline=None)
@given(
    local=st.lists(atoms, min_size=1, max_size=3).map(".".join),
    domain=st.lists(labels, min_size=1, max_size=3).map(".".join),
    tld=tlds,
)
def test_shortcut_is_a_subset_of_the_library(local: str, domain: str, tld: str) -> None:
    address = f"{local}@{domain}.{tld}"
    if _plainly_valid(address):
        validate_email(address, check_deliverability=False)


@pytest.mark.parametrize(
    "address",
    ["a..b@ville.fr", ".a@ville.fr", "a@ville", "a@-x.fr", "a@x.test", "é@ville.fr", "a b@x.fr"],
)
def test_odd_addresses_go_to_the_library(address: str) -> None:
    assert not _plainly_valid(address)


def test_a_plain_address_is_accepted_without_the_library(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # With the library made unimportable, only the fast path can answer.
    monkeypatch.setitem(sys.modules, "email_validator", None)
    assert _email_problem.__wrapped__("prenom.nom@ville-colmar.fr") is None
    with pytest.raises(ImportError):
        _email_problem.__wrapped__("a@x.test")


def test_an_odd_address_is_refused_by_the_library() -> None:
    # a@x.test looks plain but is under a special-use name: the rule asks
    # email-validator, whose refusal becomes the rule's reason.
    assert _email_problem.__wrapped__("a@x.test") == "caractères ou forme invalides"
    assert _email_problem.__wrapped__("prenom@ville.fr") is None
