"""Nothing in the staff area destroys a record (issue 21, item 1).

The walk: every POST route of the staff area, enumerated from the URL map (both languages), with
its path filled from a seeded directory (services active and archived, their organization and
location, phones, an address, opening hours, history rows, the "created" rows included, a crisis
banner, an error report, an account), posted as an admin with a valid CSRF token, first without
then with confirm=1. After each post: no service, organization or location row is gone, except an
archived service an admin deleted permanently (its `*` "deleted" rows must then hold it); and
every change left history rows whose undo (the history's own Undo, confirmed) brings the
directory back to exactly how it was. The walk is printed (pytest -s) and written to
/tmp/i21-no-record-lost.txt.

Then the pieces one by one: undoing a creation refused in both languages, ending a service (out of
search, the API, the exports and the open data; restored from the archived records or undone from
its history), the admins' permanent deletion, the confirmation page without JavaScript, and the
crisis banner's end undone.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select, text
from staff_helpers import EMAILS, form_values, sign_in, token

from directory import archive, curation
from directory import models as m
from directory.db import engine_for, session_scope
from indexer.engine import SearchRequest
from indexer.schedule import MONTREAL

WALK_LOG = Path("/tmp/i21-no-record-lost.txt")
TOP_LEVEL = ("service", "organization", "location")
# Directory tables compared before a change and after its undo. Rows keyed by id where ids are the
# records' own; list-valued fields' rows (re-created with new ids by an undo) by their content.
BY_ID = ("organization", "service", "location", "service_at_location", "phone", "address", "schedule",
         "cost_option", "required_document", "service_area", "contact")
BY_CONTENT = ("language", "attribute", "accessibility")
CONFIRMED = {"staff.revert", "staff.restore", "staff.service_phone_delete", "staff.organization_phone_delete",
             "staff.location_phone_delete", "staff.address_delete", "staff.schedule_delete", "staff.service_end",
             "staff.schedule_exception_delete",
             "staff.service_purge", "staff.crisis_end", "staff.crisis_resume"}


# -- the seeded directory ---------------------------------------------------------------------------


def _created_rows(session, record, by="import@211.example.org", when=None):
    """The rows a creation writes (as the demo generator and `curation.create` do): `*` "created"
    and one per non-empty column, so the history has a "created" row with an Undo button."""
    when = when or curation.now_utc()
    kind = record.__tablename__
    rows = [m.Metadata(resource_id=record.id, resource_type=kind, last_action_date=when, last_action_type="create",
                       field_name="*", previous_value="", replacement_value="created", updated_by=by)]
    for column in record.__table__.columns:
        value = getattr(record, column.name)
        if column.name not in ("id", "last_modified") and value not in (None, ""):
            rows.append(m.Metadata(resource_id=record.id, resource_type=kind, last_action_date=when,
                                   last_action_type="create", field_name=column.name, previous_value="",
                                   replacement_value=curation.audit_text(value), updated_by=by))
    session.add_all(rows)


@pytest.fixture
def seeded(app, make_service, directory_url):
    """An active service with history of every kind, and two archived services of the same
    organization (one per language's permanent-delete route)."""
    sid = make_service(name_fr="Banque alimentaire du Plateau")
    with session_scope(directory_url) as session:
        service = session.get(m.Service, sid)
        org_id = service.organization_id
        sal = session.scalar(select(m.ServiceAtLocation).where(m.ServiceAtLocation.service_id == sid))
        location_id = sal.location_id
        start = curation.now_utc() - dt.timedelta(days=30)
        for i, record in enumerate((session.get(m.Organization, org_id), session.get(m.Location, location_id),
                                    service)):
            _created_rows(session, record, when=start + dt.timedelta(seconds=i))
        session.flush()
        by = "seed@211.example.org"
        curation.update(session, service, {"name_fr": "Banque alimentaire du Plateau-Mont-Royal"}, by=by)
        _, _ = curation.create(session, "phone", {"service_id": sid, "number": "514 555-0150", "type": "voice",
                                                  "languages": ["fr"]}, by=by)
        gone, _ = curation.create(session, "phone", {"service_id": sid, "number": "514 555-0160"}, by=by)
        curation.delete(session, gone, by=by)
        curation.create(session, "phone", {"organization_id": org_id, "number": "514 555-0170"}, by=by)
        curation.create(session, "phone", {"location_id": location_id, "number": "514 555-0180"}, by=by)
        curation.create(session, "schedule", {"service_id": sid, "exception": "closed",
                                              "valid_from": dt.date(2026, 12, 24), "valid_to": dt.date(2026, 12, 26),
                                              "description_fr": "Fermeture des Fêtes"}, by=by)
        session.add(m.ErrorReport(service_id=sid, message="Le numéro a changé.", locale="fr"))
        now = dt.datetime.now(dt.UTC)
        session.add(m.CrisisBanner(title_fr="Vague de froid", message_fr="Haltes-chaleur ouvertes.",
                                   starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(hours=6),
                                   created_by=by))
    archived = []
    for name in ("Friperie fermée", "Cuisine collective fermée"):
        aid = make_service(organization_id=org_id, name_fr=name, name_en=None)
        with session_scope(directory_url) as session:
            service = session.get(m.Service, aid)
            _created_rows(session, service, when=start + dt.timedelta(seconds=5))
            session.flush()
            archive.archive(session, service, by="seed@211.example.org")
        archived.append(aid)
    return {"service": sid, "organization": org_id, "location": location_id, "archived": archived}


# -- what the directory holds -----------------------------------------------------------------------


def _state(url: str) -> dict:
    """Every directory row that matters to a curator, comparable before and after an undo."""
    state = {}
    with engine_for(url).connect() as conn:
        for table in BY_ID:
            rows = conn.execute(text(f'SELECT * FROM "{table}"')).mappings().all()
            state[table] = {r["id"]: {k: v for k, v in r.items() if k != "last_modified"} for r in rows}
        for table in BY_CONTENT:
            rows = conn.execute(text(f'SELECT * FROM "{table}"')).mappings().all()
            state[table] = Counter(tuple(sorted((k, str(v)) for k, v in r.items() if k != "id")) for r in rows)
    return state


def _counts(state: dict) -> dict[str, int]:
    return {kind: len(state[kind]) for kind in TOP_LEVEL}


def _lost(before: dict, after: dict) -> set[tuple[str, str]]:
    return {(kind, i) for kind in TOP_LEVEL for i in before[kind] if i not in after[kind]}


def _differences(before: dict, after: dict) -> list[str]:
    found = []
    for table in BY_ID + BY_CONTENT:
        if before[table] != after[table]:
            if table in BY_ID:
                for key in set(before[table]) | set(after[table]):
                    if before[table].get(key) != after[table].get(key):
                        found.append(f"{table} {key}: {before[table].get(key)} -> {after[table].get(key)}")
            else:
                found.append(f"{table}: -{before[table] - after[table]} +{after[table] - before[table]}")
    return found


def _audit_ids(url: str) -> set[str]:
    with session_scope(url) as session:
        return set(session.scalars(select(m.Metadata.id)))


def _banner_ends(url: str) -> dict[str, str]:
    with session_scope(url) as session:
        return {b.id: str(b.ends_at) for b in session.scalars(select(m.CrisisBanner))}


# -- undoing what a post did, through the history's own Undo -----------------------------------------


def _owner(session, row: m.Metadata) -> tuple[str, str]:
    """The record whose history page lists `row` (a child's is its parent's)."""
    if row.resource_type in TOP_LEVEL:
        return row.resource_type, row.resource_id
    group = session.scalars(select(m.Metadata).where(
        m.Metadata.resource_type == row.resource_type, m.Metadata.resource_id == row.resource_id,
        m.Metadata.last_action_date == row.last_action_date)).all()
    values = {r.field_name: r.replacement_value or r.previous_value for r in group}
    record = session.get(curation.MODELS[row.resource_type], row.resource_id)
    for parent, key in (("service", "service_id"), ("organization", "organization_id"), ("location", "location_id")):
        parent_id = getattr(record, key, None) if record is not None else values.get(key)
        if parent_id:
            return parent, parent_id
    raise AssertionError(f"no parent for {row.resource_type} {row.resource_id}")


def _undo(client, csrf: str, url: str, new_ids: set[str]) -> list[str]:
    """Undo the new audit rows from the history pages (newest save first); returns the posts made."""
    with session_scope(url) as session:
        rows = [r for r in session.scalars(select(m.Metadata).where(m.Metadata.id.in_(new_ids)))
                if r.resource_type in curation.MODELS]
        groups: dict[tuple, list[m.Metadata]] = {}
        for r in rows:
            groups.setdefault((r.last_action_date, r.resource_type, r.resource_id), []).append(r)
        plan = []
        for key in sorted(groups, key=lambda k: k[0], reverse=True):
            group = groups[key]
            star = [r for r in group if r.field_name == "*"]
            for r in star or group:
                plan.append((*_owner(session, r), r.id))
    posts = []
    for resource_type, resource_id, change_id in plan:
        path = f"/fr/personnel/historique/{resource_type}/{resource_id}/{change_id}/annuler"
        response = client.post(path, data={"csrf_token": csrf, "confirm": "1"})
        assert response.status_code == 303, (path, response.status_code)
        flashed = client.get(response.location).get_data(as_text=True)
        assert "notice--warning" not in flashed.split("staff-messages", 1)[1].split("</div>", 1)[0], (path, flashed)
        posts.append(path)
    return posts


# -- filling a route ---------------------------------------------------------------------------------


def _form(client, path: str) -> dict[str, list[str]]:
    page = client.get(path)
    return form_values(page.get_data(as_text=True)) if page.status_code == 200 else {}


def _local(delta: dt.timedelta) -> str:
    return (dt.datetime.now(MONTREAL) + delta).strftime("%Y-%m-%dT%H:%M")


EXTRA = {
    "staff.service": {"name_fr": ["Banque alimentaire du Plateau (revue)"]},
    "staff.service_preview": {"name_fr": ["Aperçu seulement"]},
    "staff.organization": {"description_fr": ["Description revue par la marche."]},
    "staff.location": {"name_fr": ["Point de service revu"]},
    "staff.verify": {"note": ["Appel à l'accueil : heures confirmées."]},
    "staff.report": {"note": ["Numéro corrigé."]},
    "staff.address_new": {"address_1": ["10, rue Rachel Est"], "city": ["Montréal"], "postal_code": ["H2W 1A1"]},
    "staff.address": {"city": ["Laval"], "postal_code": ["H7N 1A1"]},
    "staff.schedule_new": {"byday": ["SA"], "opens_at": ["10:00"], "closes_at": ["12:00"]},
    "staff.schedule": {"closes_at": ["18:00"]},
    "staff.schedule_exception_new": {"exception": ["hours"], "valid_from": ["2026-12-31"],
                                     "valid_to": ["2026-12-31"], "opens_at": ["10:00"], "closes_at": ["14:00"]},
    "staff.schedule_exception": {"valid_to": ["2026-12-27"]},
    "staff.accounts": {"email": ["marche@211.example.org"], "name": ["Marche"], "role": ["curator"]},
    "staff.account_role": {"role": ["analyst"]},
}


def _extra(endpoint: str) -> dict[str, list[str]]:
    if endpoint.endswith("_phone_new"):
        return {"number": ["514 555-0199"], "description_fr": ["Ligne ajoutée"]}
    if endpoint.endswith("_phone"):
        return {"description_fr": ["Ligne revue"], "type": ["voice"]}
    if endpoint == "staff.crisis":
        return {"title_fr": ["Tempête"], "message_fr": ["Restez à l'abri."], "starts_at": [_local(dt.timedelta(0))],
                "ends_at": [_local(dt.timedelta(hours=2))]}
    return EXTRA.get(endpoint, {})


def _history_points(url: str, resource_type: str, resource_id: str) -> list[str]:
    """Rows to undo and restore to: the "created" row, the other `*` rows (a child created,
    deleted), the first row of each other action, and the newest row."""
    with session_scope(url) as session:
        rows = curation.history(session, resource_type, resource_id)
    chosen, actions = [], set()
    for r in rows:
        if r.field_name == "*" or r.last_action_type not in actions:
            chosen.append(r.id)
            actions.add(r.last_action_type)
    return list(dict.fromkeys([rows[0].id, *chosen])) if rows else []


def _candidates(rule, url: str, seeded: dict, points: dict) -> list[dict[str, str]]:
    """The path values a rule is walked with, read from the directory as it is now (history rows:
    those of the seeded directory, `points`)."""
    args = set(rule.arguments) - {"lang"}
    with session_scope(url) as session:
        sid = seeded["service"]
        archived = list(session.scalars(select(m.Service.id).where(m.Service.status == archive.ARCHIVED)
                                        .order_by(m.Service.name_fr)))
        phones = {key: session.scalar(select(m.Phone.id).where(getattr(m.Phone, key) == seeded[key.removesuffix("_id")])
                                      .order_by(m.Phone.number))
                  for key in ("service_id", "organization_id", "location_id")}
        address = session.scalar(select(m.Address.id).where(m.Address.location_id == seeded["location"]))
        schedule = session.scalar(select(m.Schedule.id).where(m.Schedule.service_id == sid,
                                                              m.Schedule.exception.is_(None)))
        exception = session.scalar(select(m.Schedule.id).where(m.Schedule.service_id == sid,
                                                               m.Schedule.exception.is_not(None)))
        banner = session.scalar(select(m.CrisisBanner.id).order_by(m.CrisisBanner.created_at))
        report = session.scalar(select(m.ErrorReport.id))
        curator = session.scalar(select(m.StaffUser.id).where(m.StaffUser.email == EMAILS["curator"]))
        # Outreach (issue 18): a proposal or a link when one exists, else an unknown id (404).
        unknown = "00000000-0000-4000-8000-000000000018"
        proposal = session.scalar(select(m.OutreachProposal.id)) or unknown
        link = session.scalar(select(m.OutreachLink.id)) or unknown
    if "change_id" in args:
        return [{"resource_type": t, "resource_id": i, "change_id": c} for (t, i), ids in points.items() for c in ids]
    if rule.endpoint in ("staff.service_purge", "staff.service_unarchive", "staff.service_end"):
        return [{"service_id": sid}, *({"service_id": a} for a in archived[:1])]
    values = {"service_id": sid, "organization_id": seeded["organization"], "location_id": seeded["location"],
              "address_id": address, "schedule_id": schedule, "banner_id": banner, "report_id": report,
              "user_id": curator, "proposal_id": proposal, "link_id": link}
    if rule.endpoint.startswith("staff.schedule_exception"):
        values["schedule_id"] = exception
    if "phone_id" in args:
        values["phone_id"] = phones[rule.endpoint.split(".")[1].split("_phone")[0] + "_id"]
    return [{k: values[k] for k in args}]


def _path(app, rule, values: dict) -> str:
    with app.test_request_context():
        return rule.build(values | ({"lang": rule.defaults["lang"]} if rule.defaults else {}),
                          append_unknown=False)[1]


# -- the walk ----------------------------------------------------------------------------------------


def test_no_staff_post_route_loses_a_record_and_every_change_can_be_undone(app, client, seeded, reindex,
                                                                            directory_url):
    reindex()
    assert sign_in(client, "admin").status_code == 303
    csrf = token(client.get("/fr/personnel/").get_data(as_text=True))
    records = [("service", seeded["service"]), ("organization", seeded["organization"]),
               ("location", seeded["location"]), ("service", seeded["archived"][0])]
    points = {record: _history_points(directory_url, *record) for record in records}
    rules = sorted((r for r in app.url_map.iter_rules() if r.endpoint.startswith("staff.") and "POST" in r.methods),
                   key=lambda r: (r.endpoint in ("staff.logout", "staff.service_purge"), r.endpoint, r.rule))
    confirmed = {r.endpoint for r in rules if getattr(app.view_functions[r.endpoint], "confirmation", None)}
    assert confirmed == CONFIRMED
    log = ["POST-route walk of the staff area (issue 21, item 1): admin, valid CSRF token, "
           "without then with confirm=1",
           f"{'route':<92} {'confirm':<7} {'status':<6} "
           f"{'service/organization/location before -> after':<46} lost  undo"]
    walked = posts = changes = undone = 0
    totals_before = _counts(_state(directory_url))
    permanent = []
    for rule in rules:
        walked += 1
        for values in _candidates(rule, directory_url, seeded, points):
            path = _path(app, rule, values)
            # A form page posts its own form back; the preview posts the service's.
            form_page = path.removesuffix("/apercu").removesuffix("/preview")
            base = _form(client, form_page) if "GET" in rule.methods or form_page != path else {}
            base.pop("csrf_token", None)
            data = base | _extra(rule.endpoint) | {"csrf_token": [csrf]}
            tries = [("", data)]
            if rule.endpoint in CONFIRMED:
                tries = [("no", data), ("yes", data | {"confirm": ["1"]})]
                if rule.endpoint == "staff.service_purge":
                    with session_scope(directory_url) as session:
                        name = session.get(m.Service, values["service_id"]).name_fr
                    tries.append(("yes+name", data | {"confirm": ["1"], "confirm_name": [name]}))
            for confirm, sent in tries:
                before, audit_before, banners_before = _state(directory_url), _audit_ids(directory_url), \
                    _banner_ends(directory_url)
                response = client.post(path, data=sent)
                posts += 1
                assert response.status_code < 500, (path, response.status_code)
                if response.status_code in (302, 303):
                    client.get(response.location)  # shows (and so clears) the flashed messages
                after, audit_after = _state(directory_url), _audit_ids(directory_url)
                lost = _lost(before, after)
                if confirm == "no":  # the confirmation page (or a refusal): nothing happens yet
                    assert response.status_code in (200, 303), (path, response.status_code)
                    if response.status_code == 200:
                        page = response.get_data(as_text=True)
                        assert 'name="confirm" value="1"' in page and f'action="{path}"' in page
                    assert after == before and audit_after == audit_before, path
                if lost:
                    # The one way a record goes: an admin's permanent deletion of an archived service,
                    # its name typed, its values kept in `*` "deleted" rows.
                    assert rule.endpoint == "staff.service_purge" and confirm == "yes+name", (path, lost)
                    assert lost == {("service", values["service_id"])}, lost
                    assert before["service"][values["service_id"]]["status"] == archive.ARCHIVED
                    with session_scope(directory_url) as session:
                        star = session.scalar(select(m.Metadata).where(
                            m.Metadata.resource_id == values["service_id"], m.Metadata.field_name == "*",
                            m.Metadata.replacement_value == "deleted"))
                        assert star is not None and star.last_action_type == "purge"
                        purged_name = session.scalar(select(m.Metadata.previous_value).where(
                            m.Metadata.resource_id == values["service_id"], m.Metadata.field_name == "name_fr",
                            m.Metadata.last_action_type == "purge"))
                        assert purged_name == before["service"][values["service_id"]]["name_fr"]
                    permanent.append(path)
                undo = "-"
                new_rows = audit_after - audit_before
                if after != before and not lost:
                    # A change of the directory: history rows were written, and undoing them restores it.
                    assert new_rows, (path, _differences(before, after))
                    changes += 1
                    made = _undo(client, csrf, directory_url, new_rows)
                    undone += 1
                    restored = _state(directory_url)
                    assert restored == before, (path, _differences(before, restored))
                    undo = f"ok ({len(made)} undo)"
                elif lost:
                    undo = "trail kept"
                if (rule.endpoint == "staff.crisis_end" and confirm == "yes"
                        and _banner_ends(directory_url) != banners_before):
                    resume = path.replace("/terminer", "/reprendre").replace("/end", "/resume")
                    assert client.post(resume, data={"csrf_token": csrf, "confirm": "1"}).status_code == 303
                    assert _banner_ends(directory_url) == banners_before, "the banner's end was not undone"
                    undo = "ok (resume)"
                if rule.endpoint == "staff.logout":
                    assert sign_in(client, "admin").status_code == 303
                    csrf = token(client.get("/fr/personnel/").get_data(as_text=True))
                shown = re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "<id>", path)
                count = "/".join(str(len(before[k])) for k in TOP_LEVEL) + " -> " + \
                    "/".join(str(len(after[k])) for k in TOP_LEVEL)
                log.append(f"{shown:<92} {confirm:<7} {response.status_code:<6} {count:<46} {len(lost):<5} {undo}")
    totals_after = _counts(_state(directory_url))
    summary = (f"{walked} POST rules walked (every staff POST route, both languages), {posts} posts, "
               f"{changes} changes each undone from the history ({undone} undone, state identical after each), "
               f"records before {totals_before} -> after {totals_after}, "
               f"lost except admin permanent deletes of archived services: 0; permanent deletes: {len(permanent)}")
    log.append(summary)
    WALK_LOG.write_text("\n".join(log) + "\n", encoding="utf-8")
    print("\n" + "\n".join(log))
    assert totals_after == {**totals_before, "service": totals_before["service"] - len(permanent)}
    assert len(permanent) == 2  # one archived service per language's route, none other
    assert walked == len({(r.endpoint, r.rule) for r in rules}) and changes > 20


# -- the pieces one by one ---------------------------------------------------------------------------


def _history(lang: str, resource_type: str, resource_id: str) -> str:
    return (f"/fr/personnel/historique/{resource_type}/{resource_id}" if lang == "fr"
            else f"/en/staff/history/{resource_type}/{resource_id}")


def _created_row(url: str, resource_type: str, resource_id: str) -> str:
    with session_scope(url) as session:
        return session.scalar(select(m.Metadata.id).where(
            m.Metadata.resource_type == resource_type, m.Metadata.resource_id == resource_id,
            m.Metadata.field_name == "*", m.Metadata.replacement_value == "created"))


@pytest.mark.both_databases
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_undoing_the_creation_of_a_record_is_refused_with_an_explanation(admin, seeded, directory_url, lang):
    for kind in TOP_LEVEL:
        history = _history(lang, kind, seeded[kind])
        page = admin.get(history).get_data(as_text=True)
        created = _created_row(directory_url, kind, seeded[kind])
        undo = f"{history}/{created}/{'annuler' if lang == 'fr' else 'undo'}"
        assert f'action="{undo}"' not in page  # no Undo button on the record's own creation
        assert ("ne peut pas être annulée" if lang == "fr" else "cannot be undone") in page
        for confirm in ({}, {"confirm": "1"}):
            response = admin.post(undo, data={"csrf_token": token(page)} | confirm)
            assert response.status_code == 303 and response.location.endswith(history)
            shown = admin.get(history).get_data(as_text=True)
            assert ("le supprimerait" if lang == "fr" else "would delete it") in shown
        with session_scope(directory_url) as session:
            assert session.get(curation.MODELS[kind], seeded[kind]) is not None
            with pytest.raises(curation.CurationError):
                curation.revert_change(session, created, by="x")
    assert "rien n'est effacé" not in admin.get(_history("fr", "service", seeded["service"])).get_data(as_text=True)


def test_restore_to_a_point_never_deletes_a_record(seeded, directory_url):
    with session_scope(directory_url) as session:
        loc = session.get(m.Location, seeded["location"])
        # A record whose creation comes after the point (as after an import): restore refuses it all.
        session.add(m.Metadata(resource_id=loc.id, resource_type="location", last_action_type="create",
                               field_name="*", previous_value="", replacement_value="created", updated_by="x"))
    with session_scope(directory_url) as session:
        first = curation.history(session, "location", seeded["location"])[-1]
        with pytest.raises(curation.CurationError) as refused:
            curation.revert_to(session, "location", seeded["location"], first.id, by="x")
        assert refused.value.code == "creation_not_undoable"
    with session_scope(directory_url) as session:
        assert session.get(m.Location, seeded["location"]) is not None


def _search(engine, q: str) -> list[str]:
    return [h.document["service_id"] for h in engine.search(SearchRequest(q=q, facets=False)).hits]


@pytest.mark.both_databases
def test_ending_a_service_archives_it_out_of_every_public_place_and_it_can_come_back(
        app, admin, seeded, reindex, engine, directory_url, tmp_path):
    sid = seeded["service"]
    reindex()
    public = app.test_client()
    assert sid in _search(engine, "Plateau")
    # The seeded archived services are already left out of the API; this one is in it, and in the exports.
    assert [s["id"] for s in public.get("/api/hsds/services").get_json()["contents"]] == [sid]
    exports = ("/fr/export/results.csv?q=", "/fr/export/results.json?q=", f"/fr/export/list.json?s={sid}",
               f"/fr/export/list.csv?s={sid}", "/api/hsds/services?format=ndjson",
               f"/api/hsds/organizations/{seeded['organization']}", "/api/hsds/service_at_locations")
    for path in exports:
        assert sid in public.get(path).get_data(as_text=True), path
    page = admin.get(f"/fr/personnel/services/{sid}").get_data(as_text=True)
    assert 'data-confirm="Mettre fin au service' in page and 'value="defunct"' not in page  # not in the status list
    asked = admin.post(f"/fr/personnel/services/{sid}/terminer", data={"csrf_token": token(page)})
    assert asked.status_code == 200 and "Mettre fin à ce service ?" in asked.get_data(as_text=True)
    ended = admin.post(f"/fr/personnel/services/{sid}/terminer", data={"csrf_token": token(page), "confirm": "1"})
    assert ended.status_code == 303
    with session_scope(directory_url) as session:
        assert session.get(m.Service, sid).status == "defunct"
        row = session.scalar(select(m.Metadata).where(m.Metadata.resource_id == sid,
                                                      m.Metadata.last_action_type == "archive"))
        assert (row.field_name, row.previous_value, row.replacement_value) == ("status", "active", "defunct")
    # Not public: search, the service page, the API, the exports, the open data.
    assert sid not in _search(engine, "Plateau")
    assert public.get(f"/fr/service/{sid}").status_code == 404
    assert public.get(f"/api/hsds/services/{sid}").status_code == 404
    listed = public.get("/api/hsds/services?per_page=50").get_json()
    assert listed["contents"] == [] and listed["total_items"] == 0
    for path in exports:
        answer = public.get(path)
        assert answer.status_code == 200 and sid not in answer.get_data(as_text=True), path
    from portal.opendata import build

    assert build.build(directory_url, tmp_path / "opendata") is not None
    for file in (tmp_path / "opendata").rglob("*"):
        if file.is_file() and file.suffix in (".json", ".ndjson", ".csv", ".geojson"):
            assert sid not in file.read_text(encoding="utf-8-sig"), file.name
        if file.suffix == ".zip":
            with zipfile.ZipFile(file) as bundle:
                for member in bundle.namelist():
                    assert sid not in bundle.read(member).decode("utf-8"), member
    # Still in the staff area: the archived records (searchable), its page, its history.
    listing = admin.get("/fr/personnel/archives?q=Plateau").get_data(as_text=True)
    assert "Banque alimentaire du Plateau" in listing and "1 service archivé" in listing
    assert admin.get(f"/en/staff/archive?q={sid}").status_code == 200
    history = admin.get(_history("fr", "service", sid))
    assert history.status_code == 200 and "Ce service est archivé" in history.get_data(as_text=True)
    # Restored from the archived records: back to its previous status, audited, searchable again.
    restored = admin.post(f"/fr/personnel/services/{sid}/desarchiver", data={"csrf_token": token(listing)})
    assert restored.status_code == 303
    with session_scope(directory_url) as session:
        assert session.get(m.Service, sid).status == "active"
        assert session.scalar(select(m.Metadata.last_action_type).where(m.Metadata.resource_id == sid)
                              .order_by(m.Metadata.last_action_date.desc()).limit(1)) == "unarchive"
    assert sid in _search(engine, "Plateau") and public.get(f"/fr/service/{sid}").status_code == 200
    # Ended again, then undone from its history: the archiving is an ordinary change.
    admin.post(f"/en/staff/services/{sid}/end", data={"csrf_token": token(listing), "confirm": "1"})
    with session_scope(directory_url) as session:
        archived = session.scalar(select(m.Metadata.id).where(m.Metadata.resource_id == sid,
                                                              m.Metadata.last_action_type == "archive")
                                  .order_by(m.Metadata.last_action_date.desc()).limit(1))
    undone = admin.post(f"{_history('en', 'service', sid)}/{archived}/undo",
                        data={"csrf_token": token(listing), "confirm": "1"})
    assert undone.status_code == 303
    with session_scope(directory_url) as session:
        assert session.get(m.Service, sid).status == "active"
    assert sid in _search(engine, "Plateau")


def test_a_service_archived_before_any_audited_change_is_restored_as_inactive(app, make_service, directory_url):
    sid = make_service(status="defunct")
    with session_scope(directory_url) as session:
        archive.unarchive(session, session.get(m.Service, sid), by="x")
        assert session.get(m.Service, sid).status == "inactive"


@pytest.mark.both_databases
def test_only_admins_delete_and_only_archived_services_after_typing_the_name(
        client, admin, app, seeded, directory_url):
    target = seeded["archived"][0]
    page = admin.get("/fr/personnel/archives").get_data(as_text=True)
    purge = f"/fr/personnel/services/{target}/supprimer-definitivement"
    assert f'action="{purge}"' in page
    asked = admin.post(purge, data={"csrf_token": token(page)})
    html = asked.get_data(as_text=True)
    assert asked.status_code == 200 and "Friperie fermée" in html and 'id="confirm_name"' in html
    wrong = admin.post(purge, data={"csrf_token": token(page), "confirm": "1", "confirm_name": "Friperie"})
    assert wrong.status_code == 400 and 'href="#confirm_name"' in wrong.get_data(as_text=True)
    # A service that is not archived cannot be deleted, even by an admin who types its name.
    active = f"/fr/personnel/services/{seeded['service']}/supprimer-definitivement"
    refused = admin.post(active, data={"csrf_token": token(page), "confirm": "1",
                                       "confirm_name": "Banque alimentaire du Plateau-Mont-Royal"})
    assert refused.status_code == 303
    curator = app.test_client()
    sign_in(curator, "curator")
    assert curator.post(purge, data={"csrf_token": token(curator.get("/fr/personnel/").get_data(as_text=True)),
                                     "confirm": "1", "confirm_name": "Friperie fermée"}).status_code == 403
    with session_scope(directory_url) as session:
        assert session.get(m.Service, target) is not None and session.get(m.Service, seeded["service"]) is not None
    done = admin.post(purge, data={"csrf_token": token(page), "confirm": "1", "confirm_name": " friperie  FERMÉE "})
    assert done.status_code == 303
    with session_scope(directory_url) as session:
        assert session.get(m.Service, target) is None
        trail = session.scalars(select(m.Metadata).where(m.Metadata.resource_id == target,
                                                         m.Metadata.last_action_type == "purge")).all()
        fields = {r.field_name: r.previous_value for r in trail}
        assert fields["*"] == "" and fields["name_fr"] == "Friperie fermée" and "categories" in fields
        assert all(r.updated_by == EMAILS["admin"] for r in trail)
        # Its phones and opening hours went with their own `*` "deleted" rows; its location stayed.
        assert session.scalar(select(m.Metadata).where(m.Metadata.resource_type == "schedule",
                                                       m.Metadata.last_action_type == "purge",
                                                       m.Metadata.field_name == "*")) is not None
        assert session.get(m.Location, seeded["location"]) is not None


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_confirmation_page_names_the_record_and_posts_the_same_form_back(admin, seeded, directory_url, lang):
    with session_scope(directory_url) as session:
        phone = session.scalar(select(m.Phone).where(m.Phone.service_id == seeded["service"],
                                                     m.Phone.number == "5145550123"))
        change = session.scalar(select(m.Metadata.id).where(m.Metadata.resource_id == seeded["service"],
                                                            m.Metadata.field_name == "name_fr",
                                                            m.Metadata.last_action_type == "update"))
    base = "/fr/personnel" if lang == "fr" else "/en/staff"
    edit = f"{base}/services/{seeded['service']}/{'telephones' if lang == 'fr' else 'phones'}/{phone.id}"
    page = admin.get(edit).get_data(as_text=True)
    assert 'data-confirm="' in page and "5145550123" in page
    delete = f"{edit}/{'supprimer' if lang == 'fr' else 'delete'}"
    html = admin.post(delete, data={"csrf_token": token(page)}).get_data(as_text=True)
    assert "5145550123" in html and "Banque alimentaire du Plateau-Mont-Royal" in html
    assert f'action="{delete}"' in html and 'name="confirm" value="1"' in html and f'href="{edit}"' in html
    assert ("Supprimer ce numéro de téléphone ?" if lang == "fr" else "Delete this phone number?") in html
    undo = f"{_history(lang, 'service', seeded['service'])}/{change}/{'annuler' if lang == 'fr' else 'undo'}"
    html = admin.post(undo, data={"csrf_token": token(page)}).get_data(as_text=True)
    assert ("Annuler cette modification ?" if lang == "fr" else "Undo this change?") in html
    assert "name_fr" in html and "Banque alimentaire du Plateau-Mont-Royal" in html
    with session_scope(directory_url) as session:
        assert session.get(m.Phone, phone.id) is not None
        assert session.get(m.Service, seeded["service"]).name_fr == "Banque alimentaire du Plateau-Mont-Royal"


def test_ending_a_crisis_banner_asks_first_and_can_be_undone(admin, app, seeded, directory_url):
    with session_scope(directory_url) as session:
        banner = session.scalar(select(m.CrisisBanner))
        planned = banner.ends_at
    page = admin.get("/fr/personnel/crise").get_data(as_text=True)
    end = f"/fr/personnel/crise/{banner.id}/terminer"
    assert 'data-confirm="Terminer maintenant le bandeau' in page
    asked = admin.post(end, data={"csrf_token": token(page)})
    assert asked.status_code == 200 and "Vague de froid" in asked.get_data(as_text=True)
    assert "crisis-banner" in app.test_client().get("/fr/").get_data(as_text=True)
    assert admin.post(end, data={"csrf_token": token(page), "confirm": "1"}).status_code == 303
    assert "crisis-banner" not in app.test_client().get("/fr/").get_data(as_text=True)
    with session_scope(directory_url) as session:
        row = session.scalar(select(m.Metadata).where(m.Metadata.resource_type == "crisis_banner"))
        assert (row.field_name, row.updated_by) == ("ends_at", EMAILS["admin"])
    page = admin.get("/fr/personnel/crise").get_data(as_text=True)
    resume = f"/fr/personnel/crise/{banner.id}/reprendre"
    assert f'action="{resume}"' in page
    assert admin.post(resume, data={"csrf_token": token(page), "confirm": "1"}).status_code == 303
    assert "crisis-banner" in app.test_client().get("/fr/").get_data(as_text=True)
    with session_scope(directory_url) as session:
        assert banner_end(session.get(m.CrisisBanner, banner.id).ends_at) == banner_end(planned)


def banner_end(value: dt.datetime) -> dt.datetime:
    return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)


def test_the_staff_pages_load_the_dialog_script_and_no_inline_script(admin, seeded):
    html = admin.get(f"/fr/personnel/historique/service/{seeded['service']}").get_data(as_text=True)
    assert re.search(r'<script src="/static/js/staff\.js\?v=[0-9a-f]+" defer>', html)
    assert '<dialog id="confirm-dialog"' in html and "<script>" not in html and "Ne rien changer" in html


def test_the_hsds_export_leaves_archived_services_out_unless_asked_for_everything(seeded, directory_url, tmp_path):
    from directory.hsds import exporter

    archived = seeded["archived"][0]
    for fmt, name in (("json", "public.json"), ("datapackage", "public")):
        exporter.export_path(directory_url, tmp_path / name, fmt)
        exporter.export_path(directory_url, tmp_path / f"all-{name}", fmt, public=False)
    public = (tmp_path / "public.json").read_text(encoding="utf-8")
    assert seeded["service"] in public and archived not in public
    assert archived in (tmp_path / "all-public.json").read_text(encoding="utf-8")
    for table in ("services.csv", "service_at_location.csv", "phones.csv", "schedules.csv", "attributes.csv",
                  "languages.csv"):
        assert archived not in (tmp_path / "public" / table).read_text(encoding="utf-8"), table
        assert archived in (tmp_path / "all-public" / table).read_text(encoding="utf-8"), table
