"""Staff accounts (admins only): create one, change a role, reset a forgotten password, deactivate.

A one-time password (new account, reset) is shown in that one response only: never flashed (the
session cookie is signed, not encrypted), never stored in clear, and the page is no-store.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from directory import accounts
from directory.models import StaffUser
from portal.database import get_session
from portal.staff.forms import AccountForm, RoleForm, errors_of
from portal.staff.routing import EDIT, staff_route


def _account_error(error: accounts.AccountError) -> str:
    return {
        "exists": _("This email address already has an account."),
        "bad_email": _("Enter an email address like name@example.com"),
        "last_admin": _("The last active administrator keeps the role: make someone else administrator first."),
    }.get(error.code, _("This change cannot be made."))


def _accounts_page(form: AccountForm, status: int = 200, created: tuple[str, str] | None = None,
                   reset: tuple[str, str] | None = None):
    users = list(get_session().scalars(select(StaffUser).order_by(StaffUser.active.desc(), StaffUser.email)))
    role_forms = {}
    for user in users:
        role_form = RoleForm(formdata=None, data={"role": user.role}, prefix=f"u{user.id[:8]}")
        role_forms[user.id] = role_form
    return render_template("staff/accounts.html", form=form, errors=errors_of(form), users=users,
                           role_forms=role_forms, created=created, reset=reset), status


@staff_route("/comptes", "/accounts", "accounts", "admin", methods=EDIT)
def accounts_admin():
    """The one-time password of a new account is shown in this response only."""
    form = AccountForm()
    if form.validate_on_submit():
        db = get_session()
        password = accounts.new_password()
        try:
            user = accounts.create(db, form.email.data, password, role=form.role.data, name=form.name.data,
                                   one_time=True)
        except accounts.AccountError as error:
            db.rollback()
            form.email.errors.append(_account_error(error))
            return _accounts_page(form, 400)
        db.commit()
        return _accounts_page(AccountForm(formdata=None), 201, created=(user.email, password))
    return _accounts_page(form, 400 if request.method == "POST" else 200)


def _account(user_id: str) -> StaffUser:
    user = get_session().get(StaffUser, user_id)
    if user is None:
        abort(404)
    return user


@staff_route("/comptes/<user_id>/role", "/accounts/<user_id>/role", "account_role", "admin", methods=("POST",))
def account_role(user_id: str):
    user = _account(user_id)
    form = RoleForm(prefix=f"u{user.id[:8]}")
    if form.validate_on_submit():
        try:
            accounts.set_role(get_session(), user, form.role.data)
        except accounts.AccountError as error:
            get_session().rollback()
            flash(_account_error(error), "error")
        else:
            get_session().commit()
            flash(_("Role changed. That person's open sessions are signed out."), "info")
    else:
        flash(_("Choose a role from the list."), "error")
    return redirect(url_for("staff.accounts"), code=303)


@staff_route("/comptes/<user_id>/mot-de-passe", "/accounts/<user_id>/password", "account_password", "admin",
             methods=("POST",))
def account_password(user_id: str):
    """A new one-time password for someone who forgot theirs: shown once, in this response only
    (like a new account's); their open sessions end and they choose their own at the next sign-in."""
    user = _account(user_id)  # CSRF: checked app-wide (portal/security.py) before any view
    if not user.active:
        flash(_("This account is deactivated: it cannot sign in."), "error")
        return redirect(url_for("staff.accounts"), code=303)
    password = accounts.reset_password(user)
    get_session().commit()
    return _accounts_page(AccountForm(formdata=None), 200, reset=(user.email, password))


@staff_route("/comptes/<user_id>/desactiver", "/accounts/<user_id>/deactivate", "account_deactivate", "admin",
             methods=("POST",))
def account_deactivate(user_id: str):
    user = _account(user_id)
    try:
        accounts.deactivate(get_session(), user)
    except accounts.AccountError as error:
        get_session().rollback()
        flash(_account_error(error), "error")
    else:
        get_session().commit()
        flash(_("Account deactivated. It can no longer sign in."), "info")
    return redirect(url_for("staff.accounts"), code=303)
