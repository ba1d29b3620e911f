"""The temporary-service rule: offered from `valid_from` to `valid_to`, both days included."""

from __future__ import annotations

import datetime as dt

import pytest

from directory.validity import document_offered_on, offered_on

DAY = dt.date(2025, 3, 10)
BEFORE, AFTER = dt.date(2025, 3, 9), dt.date(2025, 3, 11)


@pytest.mark.parametrize(("valid_from", "valid_to", "offered"), [
    (None, None, True),
    (DAY, DAY, True),  # both ends included
    (BEFORE, AFTER, True),
    (AFTER, None, False),  # not started yet
    (None, BEFORE, False),  # ended
    (AFTER, dt.date(2025, 4, 1), False),
])
def test_a_temporary_service_is_offered_between_its_first_and_last_day(valid_from, valid_to, offered):
    assert offered_on(DAY, True, valid_from, valid_to) is offered


def test_the_dates_of_a_service_that_is_not_temporary_do_not_apply():
    assert offered_on(DAY, False, AFTER, BEFORE)


def test_search_documents_carry_the_dates_as_iso_strings():
    doc = {"is_temporary": True, "valid_from": AFTER.isoformat(), "valid_to": None}
    assert not document_offered_on(doc, DAY)
    assert document_offered_on(doc, AFTER)
