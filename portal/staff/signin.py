"""Signing in and out, and changing one's password (a one-time password first of all).

Login POSTs are throttled per account + client (Flask-Limiter) before the password is checked;
the per-account lockout with backoff is in `directory.accounts`. Sessions: portal/staff/auth.py.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.errors import RateLimitExceeded
from flask_login import current_user, login_user, logout_user
from werkzeug.exceptions import HTTPException

from directory import accounts
from directory.models import StaffUser
from indexer.schedule import MONTREAL
from portal.database import get_session
from portal.staff.auth import identity, login_key
from portal.staff.forms import LoginForm, PasswordChangeForm, errors_of
from portal.staff.routing import EDIT, montreal, staff_route


def _limiter():
    found = current_app.extensions.get("limiter")
    if isinstance(found, set):
        found = next(iter(found), None)
    return found


def _is_staff_page(target: str) -> bool:
    """A path (no scheme, no host) that routes to a staff page, in any UI locale."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/"):
        return False
    try:
        endpoint, _args = current_app.url_map.bind("localhost").match(parts.path, method="GET")
    except HTTPException:
        return False
    return str(endpoint).startswith("staff.")


def _safe_next(target: str | None) -> str:
    # Only back into the staff area of this site: never an absolute or scheme-relative URL.
    if target and "\\" not in target and _is_staff_page(target):
        return target
    return url_for("staff.home")


@staff_route("/connexion", "/login", "login", None, methods=EDIT)
def login():
    form = LoginForm()
    status = 200
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("staff.home"))
    if form.validate_on_submit():
        try:
            with _limiter().limit(current_app.config["STAFF_LOGIN_RATE_LIMIT"], key_func=login_key):
                pass
        except RateLimitExceeded:
            form.password.errors.append(_("Too many attempts. Wait a minute, then try again."))
            return render_template("staff/login.html", form=form, errors=errors_of(form)), 429
        db = get_session()
        result = accounts.authenticate(db, form.email.data, form.password.data,
                                       policy=current_app.config["STAFF_LOGIN_POLICY"])
        db.commit()
        if result.ok:
            session.clear()  # a new session on sign-in: no fixation
            login_user(identity(result.user))
            session.permanent = True
            if result.user.must_change_password:
                # Straight to the password page; where the person was going comes after it.
                target = request.args.get("next")
                return redirect(url_for("staff.password", next=target if target else None), code=303)
            return redirect(_safe_next(request.args.get("next")), code=303)
        if result.locked_until is not None:
            minutes = max(1, int((montreal(result.locked_until) - dt.datetime.now(MONTREAL)).total_seconds() // 60) + 1)
            form.password.errors.append(_("Too many failed attempts. This account is locked for %(minutes)d minutes.",
                                          minutes=minutes))
            status = 429
        else:
            form.email.errors.append(_("The email address or the password is not right."))
            status = 400
        form.password.data = ""
    elif request.method == "POST":
        status = 400
    return render_template("staff/login.html", form=form, errors=errors_of(form)), status


@staff_route("/deconnexion", "/logout", "logout", "read", methods=("POST",), before_password_change=True)
def logout():
    logout_user()
    session.clear()
    flash(_("You are signed out."), "info")
    return redirect(url_for("staff.login"), code=303)


@staff_route("/mot-de-passe", "/password", "password", "read", methods=EDIT, before_password_change=True)
def password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        db = get_session()
        user = db.get(StaffUser, current_user.id)
        try:
            accounts.change_password(user, form.current_password.data, form.new_password.data)
        except accounts.AccountError as error:
            if error.code == "wrong_password":
                form.current_password.errors.append(_("The current password is not right."))
            elif error.code == "same_password":
                form.new_password.errors.append(_("Choose a new password that is different from the current one."))
            else:
                form.new_password.errors.append(_("Use at least 12 characters."))
        else:
            db.commit()
            login_user(identity(user))  # this session continues; every other one ends
            flash(_("Your password is changed. Other sessions are signed out."), "info")
            return redirect(_safe_next(request.args.get("next")), code=303)
    status = 400 if request.method == "POST" else 200
    return render_template("staff/password.html", form=form, errors=errors_of(form),
                           one_time=current_user.must_change_password), status
