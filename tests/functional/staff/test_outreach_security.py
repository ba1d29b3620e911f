"""Security of the organizations' update links, walked from the URL map: every outreach route, in
both languages, with every method, gets

* a foreign token (a valid link of organization A, naming organization B's records of each kind):
  404, the bilingual refusal page, nothing of B shown, nothing changed;
* an expired, a tampered, a revoked token, a token signed with another secret or for another
  purpose: the refusal page (410 or 404), nothing changed;

and no route ever names an organization on a refusal. The walk's counts are printed (-s)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from html import unescape

import pytest
from itsdangerous import URLSafeTimedSerializer
from outreach_helpers import counts, csrf, make_link, organization_of, records_of

from directory import models as m
from directory.db import session_scope
from directory.outreach import links

REFUSED_FR, REFUSED_EN = "Ce lien ne peut pas être utilisé", "This link cannot be used"


def _routes(app) -> list[tuple[str, str, str]]:
    """(endpoint, method, rule) of every outreach route, both languages."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("outreach."):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                found.append((rule.endpoint, method, rule))
    return found


# An id argument of a rule -> the argument naming its kind (None: the kind is fixed).
ID_KINDS = {"record_id": "kind", "parent_id": "parent_kind", "service_id": None}


def _paths(rule, token: str, ids: dict[str, str]) -> list[str]:
    """The rule built with `token` and every value its `any(...)` arguments allow (every kind for
    the edit route; every child and parent kind, valid pairs or not, for the add route), each id
    argument naming a record of its kind from `ids`."""
    choices = {name: sorted(converter.items) for name, converter in rule._converters.items()
               if hasattr(converter, "items") and name != "lang"}
    paths = []
    for combination in itertools.product(*choices.values()):
        values = {"lang": rule.defaults["lang"], "token": token, **dict(zip(choices, combination, strict=True))}
        for argument, kind_argument in ID_KINDS.items():
            if argument in rule.arguments:
                values[argument] = ids[values[kind_argument] if kind_argument else "service"]
        paths.append(rule.build(values, append_unknown=False)[1])
    return paths


@pytest.fixture
def two_organizations(app, make_service, directory_url):
    # The walks make hundreds of requests from one client: its throttle is tested on its own below.
    app.config["OUTREACH_CLIENT_RATE_LIMIT"] = "100000/minute"
    mine = organization_of(directory_url, make_service(name_fr="Mon service"))
    theirs_service = make_service(name_fr="Service secret de B")
    theirs = organization_of(directory_url, theirs_service)
    with session_scope(directory_url) as session:
        session.get(m.Organization, theirs).name_fr = "Organisme B confidentiel"
    return mine, theirs


def _check_refused(response, secret_names: tuple[str, ...]) -> None:
    html = unescape(response.get_data(as_text=True))
    assert REFUSED_FR in html and REFUSED_EN in html
    assert "Rien n'a été modifié" in html and "Nothing was changed" in html
    for name in secret_names:
        assert name not in html


def test_every_outreach_route_refuses_a_foreign_token_and_changes_nothing(app, client, directory_url,
                                                                          two_organizations):
    mine, theirs = two_organizations
    _, token = make_link(app, mine)
    foreign_ids = records_of(directory_url, theirs)
    form = csrf(client.get(f"/fr/mise-a-jour/{token}").get_data(as_text=True))
    before = counts(directory_url)
    walked = 0
    per_route: Counter[str] = Counter()
    for endpoint, method, rule in _routes(app):
        if endpoint in ("outreach.update", "outreach.confirm"):
            continue  # they name no record: the foreign case is the confirm test below
        for path in _paths(rule, token, foreign_ids):
            response = client.open(path, method=method, data={"csrf_token": form, "name_fr": "Piraté",
                                                              "number": "514 555-0199", "address_1": "1 rue B",
                                                              "city": "Montréal", "postal_code": "H2X 1Y4",
                                                              "byday": ["MO"], "opens_at": "9 h",
                                                              "closes_at": "17 h"})
            assert response.status_code == 404, (method, path)
            _check_refused(response, ("Organisme B confidentiel", "Service secret de B"))
            walked += 1
            per_route[endpoint] += 1
    # Confirming B's service with A's link: refused whole.
    for path in (f"/fr/mise-a-jour/{token}/confirmer", f"/en/update/{token}/confirm"):
        assert client.post(path, data={"csrf_token": form, "scope": "selected",
                                       "services": [foreign_ids["service"]]}).status_code == 400
        walked += 1
    assert counts(directory_url) == before
    print(f"\nforeign-token walk: {walked} requests over {len(_routes(app))} route/method pairs, all refused; "
          f"per route: {dict(sorted(per_route.items()))}")
    assert walked >= 30
    # The routes adding and removing whole records: every child kind under every parent kind.
    assert per_route["outreach.add"] == 2 * 2 * 3 * 3 and per_route["outreach.remove"] == 2 * 2 * 3


def _bad_tokens(app, mine: str) -> dict[str, tuple[str, int]]:
    secret = app.config["SECRET_KEY"]
    _, good = make_link(app, mine)
    expired_id, expired = make_link(app, mine, days=1)
    revoked_id, revoked = make_link(app, mine)
    with session_scope(app.config["DATABASE_URL"]) as session:
        session.get(m.OutreachLink, expired_id).expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
        links.revoke(session, session.get(m.OutreachLink, revoked_id), by="test")
        some_id = session.get(m.OutreachLink, revoked_id).id
    payload, _, signature = good.rpartition(".")
    tampered = payload + "." + ("A" if signature[0] != "A" else "B") + signature[1:]
    return {
        "expired": (expired, 410),
        "revoked": (revoked, 410),
        "tampered": (tampered, 404),
        "truncated": (good[:-4], 404),
        "other secret": (URLSafeTimedSerializer("not-our-secret", salt="portail211.outreach.update")
                         .dumps({"o": mine, "n": some_id}), 404),
        "other purpose": (URLSafeTimedSerializer(secret, salt="portail211.outreach.admin")
                          .dumps({"o": mine, "n": some_id}), 404),
        "garbage": ("'\"><img src=x onerror=alert(1)>", 404),
    }


def test_expired_tampered_revoked_and_forged_tokens_get_the_bilingual_page_everywhere(app, client, directory_url,
                                                                                       two_organizations):
    mine, _ = two_organizations
    ids = records_of(directory_url, mine)
    bad = _bad_tokens(app, mine)
    _, good = make_link(app, mine)
    form = csrf(client.get(f"/fr/mise-a-jour/{good}").get_data(as_text=True))
    before = counts(directory_url)
    walked = 0
    per_route: Counter[str] = Counter()
    for name, (token, status) in bad.items():
        for endpoint, method, rule in _routes(app):
            for path in _paths(rule, token, ids):
                response = client.open(path, method=method, data={"csrf_token": form, "scope": "all",
                                                                  "name_fr": "Piraté", "number": "514 555-0199"})
                assert response.status_code == status, (name, method, path)
                _check_refused(response, ("Mon service", "Organisme"))
                walked += 1
                per_route[endpoint] += 1
    assert counts(directory_url) == before
    print(f"\nbad-token walk: {walked} requests ({len(bad)} kinds of token), all refused; "
          f"per route: {dict(sorted(per_route.items()))}")
    assert per_route["outreach.add"] == len(bad) * 2 * 2 * 3 * 3
    assert per_route["outreach.remove"] == len(bad) * 2 * 2 * 3


def test_a_link_older_than_the_hard_limit_is_refused_whatever_its_row_says(app, client, directory_url,
                                                                            two_organizations, monkeypatch):
    mine, _ = two_organizations
    link_id, token = make_link(app, mine, days=links.MAX_DAYS)
    with session_scope(directory_url) as session:
        session.get(m.OutreachLink, link_id).expires_at = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
    import itsdangerous.timed

    real = itsdangerous.timed.time.time
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: real() + (links.MAX_DAYS + 1) * 86400)
    assert client.get(f"/fr/mise-a-jour/{token}").status_code == 410


def test_links_set_no_cookie_but_the_forms_session_and_are_never_cached(app, client, two_organizations):
    mine, _ = two_organizations
    _, token = make_link(app, mine)
    response = client.get(f"/en/update/{token}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response.headers["X-Robots-Tag"]
    cookies = [c.split("=", 1)[0] for c in response.headers.getlist("Set-Cookie")]
    assert cookies in ([], ["session"])  # the CSRF token's session only
    assert re.search(r"<html lang=\"en-CA\"", response.get_data(as_text=True))


def test_guessing_tokens_is_throttled_per_client(app, client):
    app.config["OUTREACH_CLIENT_RATE_LIMIT"] = "5/minute"
    statuses = [client.get(f"/fr/mise-a-jour/guess{n}").status_code for n in range(7)]
    assert statuses == [404] * 5 + [429] * 2
