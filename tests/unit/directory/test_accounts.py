"""directory.accounts: argon2id hashes, roles, lockout with doubling backoff."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher

from directory import accounts
from directory.db import session_scope

NOW = dt.datetime(2026, 1, 10, 12, tzinfo=dt.UTC)
POLICY = accounts.LoginPolicy(max_failures=3, base_lockout=dt.timedelta(seconds=60))


@pytest.fixture(autouse=True)
def _cheap(monkeypatch):
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def test_passwords_are_argon2id_and_emails_lowercased(sqlite_url):
    with session_scope(sqlite_url) as session:
        user = accounts.create(session, " Ana@211.Example.org ", "long enough passphrase", role="curator")
        assert user.email == "ana@211.example.org" and user.password_hash.startswith("$argon2id$")
        assert accounts.authenticate(session, "ANA@211.example.org", "long enough passphrase", now=NOW).ok


@pytest.mark.parametrize(("password", "role"), [("short", "curator"), ("long enough passphrase", "boss")])
def test_weak_passwords_and_unknown_roles_are_refused(sqlite_url, password, role):
    with session_scope(sqlite_url) as session, pytest.raises(accounts.AccountError):
        accounts.create(session, "a@211.example.org", password, role=role)


def test_lockout_refuses_the_right_password_then_doubles(sqlite_url):
    with session_scope(sqlite_url) as session:
        accounts.create(session, "a@211.example.org", "long enough passphrase", role="curator")
        for _ in range(2):
            wrong = accounts.authenticate(session, "a@211.example.org", "wrong", policy=POLICY, now=NOW)
            assert wrong.locked_until is None
        third = accounts.authenticate(session, "a@211.example.org", "wrong", policy=POLICY, now=NOW)
        assert third.locked_until == NOW + dt.timedelta(seconds=60)
        assert not accounts.authenticate(session, "a@211.example.org", "long enough passphrase", policy=POLICY,
                                         now=NOW + dt.timedelta(seconds=30)).ok
        later = NOW + dt.timedelta(seconds=61)
        fourth = accounts.authenticate(session, "a@211.example.org", "wrong", policy=POLICY, now=later)
        assert fourth.locked_until == later + dt.timedelta(seconds=120)
        after = later + dt.timedelta(seconds=121)
        assert accounts.authenticate(session, "a@211.example.org", "long enough passphrase", policy=POLICY,
                                     now=after).ok


def test_roles_grant_permissions():
    assert accounts.permits("analyst", "read") and not accounts.permits("analyst", "edit")
    assert accounts.permits("curator", "edit") and not accounts.permits("curator", "admin")
    assert accounts.permits("admin", "admin") and not accounts.permits("nobody", "read")
