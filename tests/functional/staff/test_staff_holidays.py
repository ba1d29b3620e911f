"""Curators set a service's holiday rule and its exceptional closures or special hours; an exception
reaches the index through the live indexer (no rebuild), the public page, and the HSDS API."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import json
import re

from sqlalchemy import select
from staff_helpers import form_values, token

from directory import models as m
from directory.db import session_scope
from indexer.engine import SearchRequest
from indexer.schedule import MONTREAL

ALWAYS = ("MO,TU,WE,TH,FR,SA,SU", "00:00", "24:00")


def _open_now(engine) -> list[str]:
    response = engine.search(SearchRequest(q="Banque", open_now=True, facets=False))
    return [h.document["service_id"] for h in response.hits]


def test_a_closure_set_by_a_curator_reaches_open_now_the_page_and_the_api_at_once(curator, make_service, reindex,
                                                                                    engine, directory_url, client):
    sid = make_service(schedule=ALWAYS)
    reindex()
    assert _open_now(engine) == [sid]
    today = dt.datetime.now(MONTREAL).date()
    path = f"/fr/personnel/services/{sid}/exceptions/nouvelle"
    html = curator.get(path).get_data(as_text=True)
    saved = curator.post(path, data={"csrf_token": token(html), "exception": "closed", "valid_from": today.isoformat(),
                                     "valid_to": (today + dt.timedelta(days=1)).isoformat(),
                                     "description_fr": "Dégât d'eau", "description_en": "Water damage"})
    assert saved.status_code == 303 and saved.headers["Location"].endswith("#exceptions-title")
    # No rebuild: the staff save reindexed the service (indexer/live.py).
    assert _open_now(engine) == []
    assert [h.document["service_id"] for h in engine.search(SearchRequest(q="Banque", facets=False)).hits] == [sid]
    page = client.get(f"/en/service/{sid}").get_data(as_text=True)
    assert "Exceptionally closed" in page and "Water damage" in page
    place = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    place = next(c["serviceLocation"] for c in place["availableChannel"] if "serviceLocation" in c)
    assert len(place["openingHoursSpecification"]) == 7, "the regular hours stay listed"
    assert {"@type": "OpeningHoursSpecification", "validFrom": today.isoformat(), "validThrough": today.isoformat(),
            "opens": "00:00", "closes": "00:00"} in place["specialOpeningHoursSpecification"]
    french = html_lib.unescape(client.get(f"/fr/service/{sid}").get_data(as_text=True))
    assert "Fermé exceptionnellement" in french and "Dégât d'eau" in french
    api = client.get(f"/api/hsds/services/{sid}?profile=bilingual").get_json()
    closures = [s for s in api["schedules"] if s.get("exception") == "closed"]
    assert [(s["valid_from"], s["valid_to"]) for s in closures] == [
        (today.isoformat(), (today + dt.timedelta(days=1)).isoformat())]
    assert closures[0]["description"] == "Dégât d'eau" and "opens_at" not in closures[0] or \
        closures[0].get("opens_at") is None
    # The staff page lists it apart from the regular hours; deleting it reopens the service.
    staff_page = html_lib.unescape(curator.get(f"/fr/personnel/services/{sid}").get_data(as_text=True))
    assert "Dégât d'eau" in staff_page
    with session_scope(directory_url) as session:
        exception_id = session.scalar(select(m.Schedule.id).where(m.Schedule.exception == "closed"))
    deleted = curator.post(f"/fr/personnel/services/{sid}/exceptions/{exception_id}/supprimer",
                           data={"csrf_token": token(html), "confirm": "1"})
    assert deleted.status_code == 303
    assert _open_now(engine) == [sid]


def test_exception_forms_refuse_what_makes_no_sense(curator, make_service, reindex, directory_url):
    sid = make_service()
    reindex()
    path = f"/fr/personnel/services/{sid}/exceptions/nouvelle"
    html = curator.get(path).get_data(as_text=True)
    base = {"csrf_token": token(html), "exception": "closed", "valid_from": "2026-12-24"}
    for extra, message in (({}, "Enter the last day"),
                           ({"valid_to": "2026-12-20"}, "The last day must be on or after the first day"),
                           ({"valid_to": "2028-01-01"}, "An exception lasts at most a year"),
                           ({"valid_to": "2026-12-26", "exception": "hours"}, "Enter the opening time"),
                           ({"valid_to": "2026-12-26", "exception": "hours", "opens_at": "10 h",
                             "closes_at": "10:00"}, "The closing time must differ"),
                           ({"valid_to": "2026-12-26", "exception": "sometimes"}, "Not a valid choice")):
        response = curator.post(path.replace("/fr/personnel", "/en/staff").replace("nouvelle", "new"),
                                data=base | extra)
        assert response.status_code == 400, extra
        assert message in response.get_data(as_text=True), (extra, message)
    with session_scope(directory_url) as session:
        assert session.scalar(select(m.Schedule.id).where(m.Schedule.exception.is_not(None))) is None
    # Special hours past midnight are fine (an overnight shelter on New Year's Eve).
    ok = curator.post(path, data=base | {"exception": "hours", "valid_to": "2026-12-31", "byday": ["TH"],
                                         "opens_at": "19 h", "closes_at": "7 h"})
    assert ok.status_code == 303
    with session_scope(directory_url) as session:
        row = session.scalar(select(m.Schedule).where(m.Schedule.exception == "hours"))
        assert (row.opens_at, row.closes_at, row.byday, row.service_id) == ("19:00", "07:00", "TH", sid)


def test_the_holiday_rule_is_edited_with_the_service(curator, make_service, reindex, engine, directory_url):
    sid = make_service()
    reindex()
    path = f"/fr/personnel/services/{sid}"
    html = curator.get(path).get_data(as_text=True)
    assert "Jour du déménagement" in html and "Fête nationale du Québec" in html
    data = form_values(html)
    refused = curator.post(path, data=data | {"holiday_rule": ["listed"], "holiday_days": []})
    assert refused.status_code == 400 and "Cochez au moins un jour" in refused.get_data(as_text=True)
    saved = curator.post(path, data=data | {"holiday_rule": ["listed"], "holiday_days": ["christmas", "moving_day"]})
    assert saved.status_code == 303
    with session_scope(directory_url) as session:
        assert session.get(m.Service, sid).holiday_rule == "closed:moving_day,christmas"
        audit = session.scalar(select(m.Metadata).where(m.Metadata.resource_id == sid,
                                                        m.Metadata.field_name == "holiday_rule"))
        assert (audit.previous_value, audit.replacement_value) == ("", "closed:moving_day,christmas")
    docs = engine.search(SearchRequest(q="Banque", facets=False)).hits
    assert docs[0].document["holiday_rule"] == "closed:moving_day,christmas"
    again = curator.get(path).get_data(as_text=True)
    assert 'value="listed" selected' in again or 'selected value="listed"' in again
    back = curator.post(path, data=form_values(again) | {"holiday_rule": [""]})
    assert back.status_code == 303
    with session_scope(directory_url) as session:
        assert session.get(m.Service, sid).holiday_rule is None
