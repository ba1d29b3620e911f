"""Exporting the whole directory reads it straight from the database: it must list what search
shows, temporary services included only between their first and last day (directory.validity)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import select

from directory.db import session_scope
from directory.models import Service
from indexer.document import iter_documents
from indexer.engine import SearchRequest
from indexer.factory import engine_from_config
from indexer.schedule import MONTREAL
from portal import search_service


@pytest.fixture(scope="module")
def dated(demo_app) -> dict[str, str]:
    """Four active services given dates, then the index rebuilt: name -> service id."""
    today = dt.datetime.now(MONTREAL).date()
    day = dt.timedelta(days=1)
    dates = {
        "not_started": (True, today + day, None),
        "ended": (True, None, today - day),
        "running": (True, today - day, today + day),
        "permanent_with_past_end": (False, None, today - day),  # dates apply to temporary services only
    }
    url = demo_app.config["DATABASE_URL"]
    with session_scope(url) as session:
        services = session.scalars(select(Service).where(Service.status == "active", Service.is_temporary.is_(False))
                                   .order_by(Service.id).limit(len(dates))).all()
        for service, (temporary, first, last) in zip(services, dates.values(), strict=True):
            service.is_temporary, service.valid_from, service.valid_to = temporary, first, last
        ids = dict(zip(dates, (s.id for s in services), strict=True))
    engine_from_config(demo_app.config).rebuild(iter_documents(url))
    return ids


def _exported_ids(client) -> set[str]:
    body = client.get("/en/export/results.csv").get_data().decode("utf-8-sig")
    return {row[0] for row in list(csv.reader(io.StringIO(body)))[1:]}


def test_the_whole_directory_export_leaves_out_temporary_services_outside_their_dates(client, dated):
    exported = _exported_ids(client)
    assert dated["not_started"] not in exported
    assert dated["ended"] not in exported
    assert dated["running"] in exported
    assert dated["permanent_with_past_end"] in exported


def test_the_whole_directory_export_lists_exactly_what_search_shows(client, demo_app, dated):
    with demo_app.app_context():
        shown = {doc["service_id"] for doc in search_service.iter_documents(SearchRequest(per_page=100))}
    assert _exported_ids(client) == shown
