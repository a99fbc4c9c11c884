"""Checks on contact details printed in plans."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from cspplan.checks import walk
from cspplan.checks.registry import Finding, check, found
from cspplan.model.collection import LoadedPartnership

EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
UK_PHONE = re.compile(r"^(?:0\d{9,10}|\+44\d{9,10})$")
INTERNATIONAL_PHONE = re.compile(r"^\+(?!44)\d{7,15}$")


def _details(
    csp: LoadedPartnership, field: str
) -> Iterator[tuple[str, Path, tuple[str | int, ...]]]:
    """Every email or phone printed anywhere: people, contacts, the partnership's contact."""
    for index, person in enumerate(csp.partnership.people):
        value = getattr(person, field)
        if value:
            yield value, csp.file, ("people", index, field)
    contact = csp.partnership.contact
    if contact is not None and getattr(contact, field):
        yield getattr(contact, field), csp.file, ("contact", field)
    for located in walk.contacts(csp):
        value = getattr(located.item, field)
        if value:
            yield value, located.file, (*located.path, field)


@check(
    "C007",
    "malformed-email",
    title="Malformed email address",
    template="'{value}' is not a valid email address",
)
def malformed_email(csp: LoadedPartnership) -> Iterator[Finding]:
    """An email address a reader would copy from the plan that cannot work: missing '@',
    spaces, a trailing full stop picked up from the sentence around it."""
    for value, file, path in _details(csp, "email"):
        if not EMAIL.match(value):
            hint = "remove the trailing full stop" if value.endswith(".") else None
            yield found(file, path, value=value, hint=hint)


@check(
    "C008",
    "malformed-phone",
    title="Malformed phone number",
    template="'{value}' is not a valid phone number",
    hint="UK numbers have 10 or 11 digits starting with 0 (or +44); spaces are fine",
)
def malformed_phone(csp: LoadedPartnership) -> Iterator[Finding]:
    """A phone number that cannot be dialled: the wrong number of digits, letters, or a
    number cut off in the source."""
    for value, file, path in _details(csp, "phone"):
        digits = re.sub(r"[\s().-]", "", value)
        if not (UK_PHONE.match(digits) or INTERNATIONAL_PHONE.match(digits)):
            yield found(file, path, value=value)
