"""Security of the staff area: every route guarded (walked from the URL map), roles, CSRF, records
reachable only through their own URLs, mass assignment ignored, login throttling and lockout,
cookie flags, one-time passwords replaced before anything else, and no client address written
anywhere."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import inspect, select, text
from staff_helpers import EMAILS, PASSWORD, form_values, sign_in, token

from directory import models as m
from directory.db import engine_for, session_scope
from portal import create_app

FAKE = "00000000-0000-4000-8000-000000000211"  # fixed: xdist workers must collect the same ids
PUBLIC = {"staff.login"}
# What an account still on its one-time password may open.
BEFORE_PASSWORD_CHANGE = {"staff.password", "staff.logout"}


def _staff_routes() -> list[tuple[str, str, str, str]]:
    """(endpoint, method, path, permission) for every staff rule in both languages."""
    app = APP
    routes = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("staff.") or rule.endpoint in PUBLIC:
            continue
        values = {arg: ("service" if arg == "resource_type" else FAKE) for arg in rule.arguments if arg != "lang"}
        path = rule.build(values | ({"lang": rule.defaults["lang"]} if rule.defaults else {}), append_unknown=False)[1]
        permission = app.view_functions[rule.endpoint].staff_permission
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append((rule.endpoint, method, path, permission))
    return sorted(routes)


APP = create_app({"DATABASE_URL": "sqlite:///:memory:", "TESTING": True, "SERVER_NAME": "localhost"})
ROUTES = _staff_routes()
PENDING = [r for r in ROUTES if r[0] not in BEFORE_PASSWORD_CHANGE]


def test_the_walk_finds_every_kind_of_staff_route():
    endpoints = {r[0] for r in ROUTES}
    assert {"staff.service", "staff.revert", "staff.crisis", "staff.history", "staff.logout"} <= endpoints
    assert {"staff.address", "staff.address_new", "staff.address_delete", "staff.service_phone",
            "staff.service_phone_new", "staff.service_phone_delete", "staff.organization_phone",
            "staff.organization_phone_delete", "staff.location_phone", "staff.location_phone_new",
            "staff.location_phone_delete"} <= endpoints
    assert all(permission in ("read", "edit", "admin") for *_, permission in ROUTES)
    exempt = {r[0] for r in ROUTES if APP.view_functions[r[0]].before_password_change}
    assert exempt == BEFORE_PASSWORD_CHANGE


def _csrf(client) -> str:
    page = client.get("/fr/personnel/connexion")
    if page.status_code == 302:  # signed in already
        page = client.get("/fr/personnel/mot-de-passe")
    return token(page.get_data(as_text=True))


@pytest.mark.parametrize(("endpoint", "method", "path", "permission"), ROUTES, ids=[f"{r[1]} {r[2]}" for r in ROUTES])
def test_anonymous_users_are_refused_on_every_staff_route(client, endpoint, method, path, permission):
    data = {"csrf_token": _csrf(client)} if method == "POST" else None
    response = client.open(path, method=method, data=data)
    if method == "GET":
        assert response.status_code == 302 and "/connexion" in response.location or "/login" in response.location
    else:
        assert response.status_code == 401


@pytest.mark.parametrize(("endpoint", "method", "path", "permission"),
                         [r for r in ROUTES if r[3] != "read"],
                         ids=[f"{r[1]} {r[2]}" for r in ROUTES if r[3] != "read"])
def test_roles_without_the_permission_get_403(client, endpoint, method, path, permission):
    role = "analyst" if permission == "edit" else "curator"
    assert sign_in(client, role).status_code == 303
    data = {"csrf_token": _csrf(client)} if method == "POST" else None
    assert client.open(path, method=method, data=data).status_code == 403


def test_analysts_can_read_the_queue_and_history_but_not_edit(client, make_service):
    sid = make_service()
    sign_in(client, "analyst")
    assert client.get("/fr/personnel/verification").status_code == 200
    assert client.get(f"/fr/personnel/historique/service/{sid}").status_code == 200
    assert client.get(f"/fr/personnel/services/{sid}").status_code == 403


@pytest.mark.both_databases
def test_a_post_without_csrf_token_is_refused_and_changes_nothing(curator, make_service, directory_url):
    sid = make_service()
    data = form_values(curator.get(f"/fr/personnel/services/{sid}").get_data(as_text=True))
    data.pop("csrf_token")
    data["name_fr"] = ["Nom forgé"]
    assert curator.post(f"/fr/personnel/services/{sid}", data=data).status_code == 400
    with session_scope(directory_url) as session:
        assert session.get(m.Service, sid).name_fr == "Banque alimentaire"
        assert session.scalars(select(m.Metadata)).all() == []


@pytest.mark.both_databases
def test_a_location_is_reachable_only_through_a_service_it_belongs_to(curator, make_service, directory_url):
    mine, other = make_service(), make_service(name_fr="Autre service")
    with session_scope(directory_url) as session:
        foreign_location = session.get(m.Service, other).service_at_locations[0].location_id
    assert curator.get(f"/fr/personnel/services/{mine}/lieux/{foreign_location}").status_code == 404
    html = curator.get(f"/fr/personnel/services/{mine}").get_data(as_text=True)
    response = curator.post(f"/fr/personnel/services/{mine}/lieux/{foreign_location}",
                            data={"csrf_token": token(html), "name_fr": "Piraté"})
    assert response.status_code == 404
    with session_scope(directory_url) as session:
        assert session.get(m.Location, foreign_location).name_fr == "Point de service Plateau"


@pytest.mark.both_databases
def test_a_schedule_or_a_change_of_another_record_is_not_reachable(curator, make_service, directory_url):
    mine, other = make_service(), make_service(name_fr="Autre service")
    with session_scope(directory_url) as session:
        foreign_schedule = session.scalar(select(m.Schedule.id).where(m.Schedule.service_id == other))
        session.add(m.Metadata(resource_id=other, resource_type="service", last_action_type="update",
                               field_name="name_fr", previous_value="X", replacement_value="Autre service",
                               updated_by="someone"))
    with session_scope(directory_url) as session:
        foreign_change = session.scalar(select(m.Metadata.id))
    html = curator.get(f"/fr/personnel/services/{mine}").get_data(as_text=True)
    assert curator.get(f"/fr/personnel/services/{mine}/horaires/{foreign_schedule}").status_code == 404
    assert curator.post(f"/fr/personnel/services/{mine}/horaires/{foreign_schedule}/supprimer",
                        data={"csrf_token": token(html)}).status_code == 404
    assert curator.post(f"/fr/personnel/historique/service/{mine}/{foreign_change}/annuler",
                        data={"csrf_token": token(html)}).status_code == 404
    with session_scope(directory_url) as session:
        assert session.get(m.Schedule, foreign_schedule) is not None
        assert session.get(m.Service, other).name_fr == "Autre service"


@pytest.mark.both_databases
def test_fields_that_are_not_on_the_form_are_ignored(curator, make_service, directory_url):
    sid, other = make_service(), make_service(name_fr="Autre")
    with session_scope(directory_url) as session:
        other_org = session.get(m.Service, other).organization_id
        before = session.get(m.Service, sid)
        org, verified = before.organization_id, before.verified_on
    data = form_values(curator.get(f"/fr/personnel/services/{sid}").get_data(as_text=True))
    data |= {"organization_id": [other_org], "verified_on": ["2030-01-01"], "id": [FAKE],
             "last_modified": ["2000-01-01T00:00:00"], "name_fr": ["Nouveau nom"]}
    assert curator.post(f"/fr/personnel/services/{sid}", data=data).status_code == 303
    with session_scope(directory_url) as session:
        after = session.get(m.Service, sid)
        assert (after.name_fr, after.organization_id, after.verified_on) == ("Nouveau nom", org, verified)
        assert session.get(m.Service, FAKE) is None


def test_repeated_login_attempts_from_one_client_get_429(app, client):
    app.config["STAFF_LOGIN_RATE_LIMIT"] = "3/minute"
    statuses = [sign_in(client, "curator", password="wrong password!!").status_code for _ in range(3)]
    assert statuses == [400, 400, 400]
    assert sign_in(client, "curator").status_code == 429  # even the right password, during the window


@pytest.mark.both_databases
def test_an_account_locks_after_failures_even_for_the_right_password(app, client, directory_url):
    from directory.accounts import LoginPolicy

    app.config["STAFF_LOGIN_POLICY"] = LoginPolicy(max_failures=3, base_lockout=dt.timedelta(minutes=5))
    statuses = [sign_in(client, "curator", password="wrong password!!").status_code for _ in range(3)]
    assert statuses == [400, 400, 429]
    refused = sign_in(client, "curator")
    assert refused.status_code == 429 and "verrouillé" in refused.get_data(as_text=True).lower()
    assert client.get("/fr/personnel/").status_code == 302  # not signed in
    with session_scope(directory_url) as session:  # the cooldown passes
        user = session.scalar(select(m.StaffUser).where(m.StaffUser.email == EMAILS["curator"]))
        user.locked_until = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    assert sign_in(client, "curator").status_code == 303


def test_session_cookie_is_httponly_samesite_lax_and_secure_when_configured(app, client):
    app.config["SESSION_COOKIE_SECURE"] = True
    response = sign_in(client, "curator")
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie


def test_production_settings_turn_secure_cookies_on(monkeypatch, directory_url):
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    app = create_app({"DATABASE_URL": directory_url, "SECRET_KEY": "a-real-secret-from-the-environment"})
    assert app.config["SESSION_COOKIE_SECURE"] is True


@pytest.mark.both_databases
def test_changing_the_password_signs_out_other_sessions(app, client):
    other = app.test_client()
    assert sign_in(other, "curator").status_code == 303
    sign_in(client, "curator")
    html = client.get("/fr/personnel/mot-de-passe").get_data(as_text=True)
    assert 'autocomplete="current-password"' in html and 'autocomplete="new-password"' in html
    assert "onpaste" not in html
    response = client.post("/fr/personnel/mot-de-passe", data={
        "csrf_token": token(html), "current_password": PASSWORD, "new_password": "a brand new passphrase",
        "confirm_password": "a brand new passphrase"})
    assert response.status_code == 303
    assert client.get("/fr/personnel/").status_code == 200
    assert other.get("/fr/personnel/").status_code == 302


def test_logout_ends_the_session(curator):
    html = curator.get("/fr/personnel/").get_data(as_text=True)
    assert curator.post("/fr/personnel/deconnexion", data={"csrf_token": token(html)}).status_code == 303
    assert curator.get("/fr/personnel/").status_code == 302


def test_next_parameter_never_leaves_the_staff_area(client):
    page = client.get("/fr/personnel/connexion?next=//evil.example/x")
    response = client.post("/fr/personnel/connexion?next=//evil.example/x", data={
        "csrf_token": token(page.get_data(as_text=True)), "email": EMAILS["curator"], "password": PASSWORD})
    assert response.location.endswith("/fr/personnel/")


def test_login_form_works_with_password_managers(client):
    html = client.get("/en/staff/login").get_data(as_text=True)
    assert 'autocomplete="username"' in html and 'autocomplete="current-password"' in html
    assert "captcha" not in html.lower() and "onpaste" not in html


@pytest.mark.both_databases
def test_no_client_address_is_written_to_the_database(app, client, directory_url, make_service):
    make_service()
    sign_in(client, "curator", password="wrong password!!")
    sign_in(client, "curator")
    engine = engine_for(directory_url)
    with engine.connect() as conn:
        for table in inspect(engine).get_table_names():
            for row in conn.execute(text(f'SELECT * FROM "{table}"')):
                assert "127.0.0.1" not in " ".join(str(v) for v in row), table


def test_create_admin_command_reads_the_password_from_the_environment(app, directory_url, monkeypatch):
    monkeypatch.setenv("STAFF_PASSWORD", "an admin passphrase here")
    result = app.test_cli_runner().invoke(args=["staff", "create-admin", "Chef@211.example.org"])
    assert result.exit_code == 0, result.output
    with session_scope(directory_url) as session:
        user = session.scalar(select(m.StaffUser).where(m.StaffUser.email == "chef@211.example.org"))
        assert user.role == "admin" and user.password_hash.startswith("$argon2id$")
        assert user.must_change_password is False  # the person typed their own password
    monkeypatch.setenv("STAFF_PASSWORD", "short")
    assert app.test_cli_runner().invoke(args=["staff", "create-admin", "b@211.example.org"]).exit_code == 1


# -- one-time passwords ---------------------------------------------------------------------------

PASSWORD_PAGES = ("/fr/personnel/mot-de-passe", "/en/staff/password")


def _must_change(url: str, role: str, value: bool = True) -> None:
    with session_scope(url) as session:
        session.scalar(select(m.StaffUser).where(m.StaffUser.email == EMAILS[role])).must_change_password = value


def _flag_of(url: str, email: str) -> bool:
    with session_scope(url) as session:
        return session.scalar(select(m.StaffUser.must_change_password).where(m.StaffUser.email == email))


@pytest.mark.parametrize(("endpoint", "method", "path", "permission"), PENDING,
                         ids=[f"{r[1]} {r[2]}" for r in PENDING])
def test_an_account_on_its_one_time_password_reaches_no_other_staff_route(client, directory_url, endpoint, method,
                                                                          path, permission):
    _must_change(directory_url, "admin")  # the admin: no route would be refused for its role
    response = sign_in(client, "admin")
    assert response.status_code == 303 and response.location.endswith(PASSWORD_PAGES[0])
    data = {"csrf_token": _csrf(client)} if method == "POST" else None
    response = client.open(path, method=method, data=data)
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    assert response.location.endswith(PASSWORD_PAGES[0] if path.startswith("/fr/") else PASSWORD_PAGES[1])


@pytest.mark.both_databases
def test_a_one_time_password_is_replaced_by_a_different_one_before_anything_else(admin, app, directory_url):
    email = "nouveau@211.example.org"
    html = admin.get("/fr/personnel/comptes").get_data(as_text=True)
    created = admin.post("/fr/personnel/comptes", data=form_values(html) | {
        "email": [email], "name": ["Nouveau"], "role": ["curator"]})
    one_time = re.search(r'class="one-time-password">([^<]+)<', created.get_data(as_text=True)).group(1)
    assert _flag_of(directory_url, email) is True

    newcomer = app.test_client()
    login = newcomer.get("/fr/personnel/connexion?next=/fr/personnel/verification").get_data(as_text=True)
    response = newcomer.post("/fr/personnel/connexion?next=/fr/personnel/verification", data={
        "csrf_token": token(login), "email": email, "password": one_time})
    assert response.status_code == 303 and "/fr/personnel/mot-de-passe?next=" in response.location
    assert newcomer.get("/fr/personnel/").location.endswith(PASSWORD_PAGES[0])
    page = newcomer.get("/fr/personnel/mot-de-passe?next=/fr/personnel/verification").get_data(as_text=True)
    assert 'role="region"' in page and "Choisissez votre propre mot de passe pour continuer" in page
    assert 'autocomplete="current-password"' in page and 'autocomplete="new-password"' in page
    assert "onpaste" not in page and "captcha" not in page.lower()
    assert 'href="/fr/personnel/verification"' not in page  # no navigation that leads nowhere
    assert "Choose your own password to continue" in newcomer.get(PASSWORD_PAGES[1]).get_data(as_text=True)

    path = "/fr/personnel/mot-de-passe?next=/fr/personnel/verification"
    same = newcomer.post(path, data={"csrf_token": token(page), "current_password": one_time,
                                     "new_password": one_time, "confirm_password": one_time})
    assert same.status_code == 400 and "différent du mot de passe actuel" in same.get_data(as_text=True)
    new = "my own passphrase, nobody else's"
    forged = newcomer.post(path, data={"current_password": one_time, "new_password": new, "confirm_password": new})
    assert forged.status_code == 400  # CSRF still enforced
    assert _flag_of(directory_url, email) is True

    changed = newcomer.post(path, data={"csrf_token": token(page), "current_password": one_time,
                                        "new_password": new, "confirm_password": new})
    assert changed.status_code == 303 and changed.location.endswith("/fr/personnel/verification")
    assert _flag_of(directory_url, email) is False
    assert newcomer.get("/fr/personnel/").status_code == 200
    assert newcomer.get("/fr/personnel/verification").status_code == 200
    again = app.test_client()
    login = again.get("/fr/personnel/connexion").get_data(as_text=True)
    response = again.post("/fr/personnel/connexion", data={"csrf_token": token(login), "email": email,
                                                           "password": new})
    assert response.location.endswith("/fr/personnel/")


def test_an_account_on_its_one_time_password_can_sign_out(client, directory_url):
    _must_change(directory_url, "curator")
    sign_in(client, "curator")
    html = client.get(PASSWORD_PAGES[0]).get_data(as_text=True)
    response = client.post("/fr/personnel/deconnexion", data={"csrf_token": token(html)})
    assert response.status_code == 303 and response.location.endswith("/fr/personnel/connexion")
    assert client.get(PASSWORD_PAGES[0]).status_code == 302  # signed out: to the login page
    assert _flag_of(directory_url, EMAILS["curator"]) is True


def test_the_new_password_must_differ_from_the_current_one_for_everyone(curator):
    html = curator.get(PASSWORD_PAGES[1]).get_data(as_text=True)
    assert 'role="region"' not in html  # no one-time notice for an ordinary change
    response = curator.post(PASSWORD_PAGES[1], data={"csrf_token": token(html), "current_password": PASSWORD,
                                                      "new_password": PASSWORD, "confirm_password": PASSWORD})
    assert response.status_code == 400 and "different from the current one" in response.get_data(as_text=True)
