"""The plain-address shortcut never accepts what email-validator would refuse."""

from __future__ import annotations

import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import given, settings
from hypothesis import strategies as st

from inet_stages.rules.tutor import _plainly_valid

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


def test_refusals_still_come_from_the_library() -> None:
    with pytest.raises(EmailNotValidError):
        validate_email("a@x.test", check_deliverability=False)
