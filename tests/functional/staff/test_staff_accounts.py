"""The admins' accounts page: list, create with a one-time password shown once, change a role,
deactivate, give a new one-time password; never leaving the directory without an active
administrator. One-time passwords must be replaced at the first sign-in (test_staff_security.py)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from staff_helpers import EMAILS, form_values, sign_in, token

from directory import models as m
from directory.db import session_scope

PAGE = "/fr/personnel/comptes"


def _user(url: str, email: str) -> m.StaffUser:
    with session_scope(url) as session:
        user = session.scalar(select(m.StaffUser).where(m.StaffUser.email == email))
        session.expunge(user)
        return user


@pytest.mark.both_databases
def test_an_admin_creates_an_account_whose_one_time_password_is_shown_once_and_works(admin, app, directory_url):
    html = admin.get(PAGE).get_data(as_text=True)
    assert all(email in html for email in EMAILS.values())
    data = form_values(html) | {"email": ["Benevole@211.example.org"], "name": ["Bénévole"], "role": ["analyst"]}
    created = admin.post(PAGE, data=data)
    page = created.get_data(as_text=True)
    assert created.status_code == 201 and created.headers["Cache-Control"] == "no-store"
    password = re.search(r'class="one-time-password">([^<]+)<', page).group(1)
    assert len(password) >= 20
    user = _user(directory_url, "benevole@211.example.org")
    assert user.role == "analyst" and user.password_hash.startswith("$argon2id$") and password not in user.password_hash
    assert password not in admin.get(PAGE).get_data(as_text=True)  # shown once
    newcomer = app.test_client()
    login = newcomer.get("/fr/personnel/connexion").get_data(as_text=True)
    response = newcomer.post("/fr/personnel/connexion", data={"csrf_token": token(login),
                                                              "email": "benevole@211.example.org",
                                                              "password": password})
    assert response.status_code == 303 and response.location.endswith("/fr/personnel/mot-de-passe")
    assert _user(directory_url, "benevole@211.example.org").must_change_password is True
    again = admin.post(PAGE, data=data | {"csrf_token": [token(page)]})
    assert again.status_code == 400 and 'href="#email"' in again.get_data(as_text=True)


@pytest.mark.both_databases
def test_changing_a_role_or_deactivating_ends_that_persons_sessions(admin, app, directory_url):
    curator = app.test_client()
    assert sign_in(curator, "curator").status_code == 303
    target = _user(directory_url, EMAILS["curator"])
    prefix = f"u{target.id[:8]}"
    html = admin.get(PAGE).get_data(as_text=True)
    response = admin.post(f"{PAGE}/{target.id}/role", data={"csrf_token": token(html), f"{prefix}-role": "analyst"})
    assert response.status_code == 303
    assert _user(directory_url, EMAILS["curator"]).role == "analyst"
    assert curator.get("/fr/personnel/").status_code == 302  # signed out
    assert sign_in(curator, "curator").status_code == 303
    assert curator.get(f"/fr/personnel/services/{'0' * 8}").status_code == 403  # now an analyst
    admin.post(f"{PAGE}/{target.id}/desactiver", data={"csrf_token": token(html)})
    assert _user(directory_url, EMAILS["curator"]).active is False
    assert curator.get("/fr/personnel/").status_code == 302
    assert sign_in(curator, "curator").status_code == 400


@pytest.mark.both_databases
def test_the_last_active_admin_keeps_the_role_and_the_account(admin, directory_url):
    me = _user(directory_url, EMAILS["admin"])
    html = admin.get(PAGE).get_data(as_text=True)
    admin.post(f"{PAGE}/{me.id}/role", data={"csrf_token": token(html), f"u{me.id[:8]}-role": "curator"})
    admin.post(f"{PAGE}/{me.id}/desactiver", data={"csrf_token": token(html)})
    after = _user(directory_url, EMAILS["admin"])
    assert (after.role, after.active) == ("admin", True)
    assert "administrateur" in admin.get(PAGE).get_data(as_text=True).lower()


def test_unknown_accounts_are_404_and_the_page_has_an_english_path(admin):
    html = admin.get(PAGE).get_data(as_text=True)
    assert admin.post(f"{PAGE}/00000000-0000-4000-8000-000000000000/desactiver",
                      data={"csrf_token": token(html)}).status_code == 404
    assert admin.get("/en/staff/accounts").status_code == 200


def _one_time_password(html: str) -> str:
    return re.search(r'class="one-time-password">([^<]+)<', html).group(1)


@pytest.mark.both_databases
def test_an_admin_gives_a_new_one_time_password_which_ends_sessions_and_must_be_replaced(admin, app,
                                                                                          directory_url):
    curator = app.test_client()
    assert sign_in(curator, "curator").status_code == 303
    target = _user(directory_url, EMAILS["curator"])
    html = admin.get(PAGE).get_data(as_text=True)
    assert f'action="{PAGE}/{target.id}/mot-de-passe"' in html
    response = admin.post(f"{PAGE}/{target.id}/mot-de-passe", data={"csrf_token": token(html)})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    password = _one_time_password(page)
    assert password not in admin.get(PAGE).get_data(as_text=True)  # shown once
    after = _user(directory_url, EMAILS["curator"])
    assert after.must_change_password is True and password not in after.password_hash
    assert curator.get("/fr/personnel/").status_code == 302  # the open session ended
    assert sign_in(curator, "curator").status_code == 400  # the old password no longer works
    response = sign_in(curator, "curator", password=password)
    assert response.status_code == 303 and response.location.endswith("/fr/personnel/mot-de-passe")


def test_a_new_one_time_password_needs_the_csrf_token_and_an_active_account(admin, directory_url):
    target = _user(directory_url, EMAILS["analyst"])
    before = target.password_hash
    assert admin.post(f"{PAGE}/{target.id}/mot-de-passe").status_code == 400
    html = admin.get(PAGE).get_data(as_text=True)
    admin.post(f"{PAGE}/{target.id}/desactiver", data={"csrf_token": token(html)})
    assert admin.post(f"{PAGE}/{target.id}/mot-de-passe", data={"csrf_token": token(html)}).status_code == 303
    after = _user(directory_url, EMAILS["analyst"])
    assert after.password_hash == before and after.must_change_password is False
