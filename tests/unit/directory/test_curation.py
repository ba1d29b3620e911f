"""directory.curation: audit rows for every change, list-valued fields, reverts, the review queue.

Runs on a migrated SQLite file (the `sqlite_url` fixture): the service layer is about rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from directory import curation, taxonomy
from directory import models as m
from directory.db import session_scope

BY = "curator@211.example.org"


@pytest.fixture
def service_id(sqlite_url) -> str:
    with session_scope(sqlite_url) as session:
        taxonomy.load(session)
        org = m.Organization(name_fr="Organisme", description_fr="Description")
        session.add(org)
        session.flush()
        svc = m.Service(organization_id=org.id, name_fr="Banque alimentaire", status="active",
                        verified_on=dt.date(2025, 1, 10))
        session.add(svc)
        session.flush()
        session.add(m.Language(service_id=svc.id, code="fr", name="fr"))
        return svc.id


@pytest.mark.parametrize(("kind", "name", "value"), [
    ("service", "name_fr", "Épicerie"), ("service", "minimum_age", 18), ("service", "is_crisis", True),
    ("service", "valid_to", dt.date(2026, 2, 1)), ("service", "languages", ["ar", "fr"]),
    ("location", "latitude", 45.5231), ("service", "description_en", None),
])
def test_audit_text_round_trips_to_the_column_type(kind, name, value):
    assert curation.from_text(kind, name, curation.audit_text(value)) == value


def test_only_changed_fields_are_written_one_row_each(sqlite_url, service_id):
    with session_scope(sqlite_url) as session:
        service = session.get(m.Service, service_id)
        change = curation.update(session, service, {"name_fr": "Banque alimentaire", "name_en": "Food bank",
                                                    "minimum_age": 18}, by=BY)
    assert [(r.field_name, r.previous_value, r.replacement_value) for r in change.rows] == [
        ("name_en", "", "Food bank"), ("minimum_age", "", "18")]
    assert change.service_ids == {service_id}
    assert {r.last_action_date for r in change.rows} == {change.rows[0].last_action_date}


@pytest.mark.parametrize("field", ["id", "organization_id", "verified_on", "last_modified"])
def test_fields_outside_the_editable_list_are_refused(sqlite_url, service_id, field):
    with session_scope(sqlite_url) as session, pytest.raises(curation.CurationError) as error:
        curation.update(session, session.get(m.Service, service_id), {field: "x"}, by=BY)
    assert error.value.code == "not_editable"


def test_french_name_cannot_be_emptied(sqlite_url, service_id):
    with session_scope(sqlite_url) as session, pytest.raises(curation.CurationError):
        curation.update(session, session.get(m.Service, service_id), {"name_fr": "  "}, by=BY)


def test_languages_and_categories_are_one_audited_field_each(sqlite_url, service_id):
    with session_scope(sqlite_url) as session:
        change = curation.update(session, session.get(m.Service, service_id),
                                 {"languages": ["es", "fr"], "categories": ["food", "education"]}, by=BY)
        rows = {r.field_name: (r.previous_value, r.replacement_value) for r in change.rows}
        assert rows == {"languages": ("fr", "es,fr"), "categories": ("", "education,food")}
        assert curation.read(session, session.get(m.Service, service_id), ["languages"]) == {"languages": ["es", "fr"]}
        with pytest.raises(curation.CurationError):
            curation.update(session, session.get(m.Service, service_id), {"categories": ["nope"]}, by=BY)


def test_revert_of_one_change_writes_a_revert_row_and_keeps_history(sqlite_url, service_id):
    with session_scope(sqlite_url) as session:
        change = curation.update(session, session.get(m.Service, service_id), {"name_fr": "Comptoir"}, by=BY)
        change_id = change.rows[0].id
    with session_scope(sqlite_url) as session:
        curation.revert_change(session, change_id, by="other@211.example.org")
    with session_scope(sqlite_url) as session:
        assert session.get(m.Service, service_id).name_fr == "Banque alimentaire"
        rows = curation.history(session, "service", service_id)
    assert [(r.last_action_type, r.previous_value, r.replacement_value) for r in rows] == [
        ("revert", "Comptoir", "Banque alimentaire"), ("update", "Banque alimentaire", "Comptoir")]


def test_revert_is_refused_when_the_field_changed_again(sqlite_url, service_id):
    with session_scope(sqlite_url) as session:
        first = curation.update(session, session.get(m.Service, service_id), {"name_fr": "Deux"}, by=BY).rows[0].id
    with session_scope(sqlite_url) as session:
        curation.update(session, session.get(m.Service, service_id), {"name_fr": "Trois"}, by=BY)
    with session_scope(sqlite_url) as session, pytest.raises(curation.CurationError) as error:
        curation.revert_change(session, first, by=BY)
    assert error.value.code == "changed_since"


def test_revert_to_a_point_restores_fields_and_verification(sqlite_url, service_id):
    with session_scope(sqlite_url) as session:
        point = curation.update(session, session.get(m.Service, service_id), {"name_fr": "Deux"}, by=BY).rows[0].id
    with session_scope(sqlite_url) as session:
        service = session.get(m.Service, service_id)
        curation.update(session, service, {"name_fr": "Trois", "languages": ["en"]}, by=BY)
        curation.verify(session, service, "Appel", by=BY, today=dt.date(2026, 3, 1))
    with session_scope(sqlite_url) as session:
        curation.revert_to(session, "service", service_id, point, by=BY)
    with session_scope(sqlite_url) as session:
        service = session.get(m.Service, service_id)
        assert (service.name_fr, service.verified_on) == ("Deux", dt.date(2025, 1, 10))
        assert curation.read(session, service, ["languages"])["languages"] == ["fr"]


def test_a_deleted_schedule_comes_back_with_its_values_and_id(sqlite_url, service_id):
    with session_scope(sqlite_url) as session:
        schedule, created = curation.create(session, "schedule", {
            "service_id": service_id, "freq": "WEEKLY", "interval": 1, "byday": "MO", "opens_at": "09:00",
            "closes_at": "12:00"}, by=BY)
        schedule_id = schedule.id
        assert created.service_ids == {service_id}
    with session_scope(sqlite_url) as session:
        deleted = curation.delete(session, session.get(m.Schedule, schedule_id), by=BY)
        star = next(r.id for r in deleted.rows if r.field_name == "*")
    with session_scope(sqlite_url) as session:
        curation.revert_change(session, star, by=BY)
    with session_scope(sqlite_url) as session:
        back = session.get(m.Schedule, schedule_id)
        assert (back.byday, back.opens_at, back.closes_at, back.service_id) == ("MO", "09:00", "12:00", service_id)
        assert len([r for r in curation.history(session, "service", service_id) if r.field_name == "*"]) == 3


def test_services_and_organizations_are_not_deleted_here(sqlite_url, service_id):
    with session_scope(sqlite_url) as session, pytest.raises(curation.CurationError):
        curation.delete(session, session.get(m.Service, service_id), by=BY)


def test_review_queue_orders_never_verified_then_stalest(sqlite_url, service_id):
    today = dt.date(2026, 6, 1)
    with session_scope(sqlite_url) as session:
        org_id = session.get(m.Service, service_id).organization_id
        for name, verified in (("Jamais", None), ("Récent", dt.date(2026, 1, 1)), ("Vieux", dt.date(2024, 1, 1)),
                               ("Fermé", None)):
            session.add(m.Service(organization_id=org_id, name_fr=name, verified_on=verified,
                                  status="defunct" if name == "Fermé" else "active"))
    with session_scope(sqlite_url) as session:
        services, total = curation.due_for_review(session, today=today)
        assert [s.name_fr for s in services] == ["Jamais", "Vieux", "Banque alimentaire"]
        assert total == 3
        page2, _ = curation.due_for_review(session, today=today, page=2, per_page=2)
        assert [s.name_fr for s in page2] == ["Banque alimentaire"]


def test_numeric_audit_text_is_exact():
    assert curation.audit_text(Decimal("5.00")) == "5.00"
