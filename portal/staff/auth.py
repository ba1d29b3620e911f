"""Who is signed in, and what a role may do: Flask-Login over `directory.accounts`.

* Sessions: Flask's signed cookie, HttpOnly, SameSite=Lax, Secure when SESSION_COOKIE_SECURE is
  on (portal/staff `init_login` turns it on by default in production, i.e. when a real SECRET_KEY
  is set). The session id given to Flask-Login is "<user id>:<password_changed_at>", so changing a
  password (or deactivating an account) ends every other session at its next request.
* Throttle: login POSTs are limited per account + client by Flask-Limiter in memory, keyed by an
  HMAC of the address under a per-process secret (the API's `client_key`): no address is ever
  written anywhere. The per-account lockout with backoff is in `directory.accounts`.
* One-time passwords: an account an admin created (or whose password an admin reset) has
  `must_change_password`; until the person chooses their own, `requires` sends every staff view
  but the password page and sign-out there (read from the database at each request, so the change
  takes effect at once).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from flask import abort, current_app, redirect, request, url_for
from flask_login import LoginManager, current_user

from directory import accounts
from directory.models import StaffUser
from portal.api.limits import client_key
from portal.database import get_session


@dataclass
class StaffIdentity:
    """The signed-in staff member, detached from any database session."""

    id: str
    email: str
    name: str
    role: str
    session_token: str
    must_change_password: bool = False

    is_authenticated = True
    is_active = True
    is_anonymous = False

    def get_id(self) -> str:
        return self.session_token

    def can(self, permission: str) -> bool:
        return accounts.permits(self.role, permission)


def session_token(user: StaffUser) -> str:
    changed = user.password_changed_at
    return f"{user.id}:{changed.replace(tzinfo=None).isoformat(timespec='microseconds')}"


def identity(user: StaffUser) -> StaffIdentity:
    return StaffIdentity(user.id, user.email, user.name, user.role, session_token(user),
                         bool(user.must_change_password))


def _load(token: str) -> StaffIdentity | None:
    user_id, _, _stamp = token.partition(":")
    user = get_session().get(StaffUser, user_id)
    if user is None or not user.active or session_token(user) != token:
        return None
    return identity(user)


def _unauthorized():
    # GET pages send the person to the login page and back; anything else is simply refused.
    if request.method == "GET":
        return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))
    abort(401)


def login_key() -> str:
    email = accounts.normalize_email(request.form.get("email", ""))
    return f"{client_key()}:{email}"


def requires(permission: str, *, before_password_change: bool = False):
    """A staff view needing `permission` ("read", "edit", "admin"); anonymous → login, wrong role → 403.

    While the account still has its one-time password, only views marked `before_password_change`
    (the password page, sign-out) run; every other one, whatever the method, does nothing and sends
    the person to the password page (303), which says why.
    """
    def decorate(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()
            if current_user.must_change_password and not before_password_change:
                return redirect(url_for("staff.password"), code=303)
            if not current_user.can(permission):
                abort(403)
            return view(*args, **kwargs)

        wrapped.staff_permission = permission
        wrapped.before_password_change = before_password_change
        return wrapped

    return decorate


def init_login(app) -> None:
    manager = LoginManager()
    manager.user_loader(_load)
    manager.unauthorized_handler(_unauthorized)
    manager.session_protection = "basic"
    manager.init_app(app)
