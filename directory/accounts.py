"""Staff accounts: argon2id password hashes, roles, and the per-account lockout with backoff.

No Flask here: the staff area (portal/staff), the CLI and tests call these functions with a session.

Lockout: after `max_failures` consecutive wrong passwords the account is locked for
`base_lockout` seconds, doubling with every further failure, capped at `max_lockout`; while it is
locked even the right password is refused. The doubling bounds how fast anyone can guess, and the
cap bounds how long an attacker can keep a curator out. The per-client throttle (requests per
minute) is separate and lives in memory only (portal/staff/auth.py), so no address is ever stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from directory.models import STAFF_ROLES, StaffUser, utcnow

MIN_PASSWORD_CHARS = 12
MAX_PASSWORD_CHARS = 1024  # argon2 hashes any length; the cap only stops absurd request bodies

_hasher = PasswordHasher()  # argon2id with the library's current (RFC 9106 low-memory) parameters
# Verified against when the email is unknown, so a wrong email costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a real password, only used for timing")

# What a role may do. Analysts read (queue, history, inbox); curators edit; admins also run crisis
# mode. Each staff view names the permission it needs (portal/staff/auth.py `requires`).
PERMISSIONS: dict[str, frozenset[str]] = {
    "analyst": frozenset({"read"}),
    "curator": frozenset({"read", "edit"}),
    "admin": frozenset({"read", "edit", "admin"}),
}


class AccountError(ValueError):
    """A staff account cannot be created or changed as asked; `code` is shown translated."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class LoginPolicy:
    max_failures: int = 5
    base_lockout: dt.timedelta = dt.timedelta(seconds=60)
    max_lockout: dt.timedelta = dt.timedelta(hours=1)


@dataclass(frozen=True)
class LoginResult:
    user: StaffUser | None
    locked_until: dt.datetime | None = None

    @property
    def ok(self) -> bool:
        return self.user is not None


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_new_password(password: str) -> None:
    """Length is the rule (NIST SP 800-63B): no composition rules, any characters, paste allowed."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError("password_too_short", f"at least {MIN_PASSWORD_CHARS} characters")
    if len(password) > MAX_PASSWORD_CHARS:
        raise AccountError("password_too_long", f"at most {MAX_PASSWORD_CHARS} characters")


def permits(role: str, permission: str) -> bool:
    return permission in PERMISSIONS.get(role, frozenset())


def find(session: Session, email: str) -> StaffUser | None:
    return session.scalar(select(StaffUser).where(StaffUser.email == normalize_email(email)))


def create(session: Session, email: str, password: str, *, role: str, name: str = "",
           one_time: bool = False) -> StaffUser:
    """A new account. `one_time`: the password was generated for the person (the admins' accounts
    page), so they must replace it at their first sign-in; the CLI, where people type their own, leaves
    it false."""
    email = normalize_email(email)
    if "@" not in email or len(email) > 255:
        raise AccountError("bad_email", "an email address is the login name")
    if role not in STAFF_ROLES:
        raise AccountError("bad_role", f"role must be one of {STAFF_ROLES}")
    check_new_password(password)
    if find(session, email) is not None:
        raise AccountError("exists", f"{email} already has an account")
    user = StaffUser(email=email, name=name or email.split("@", 1)[0], password_hash=hash_password(password),
                     role=role, active=True, failed_logins=0, must_change_password=one_time)
    session.add(user)
    session.flush()
    return user


def count_admins(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(StaffUser).where(
        StaffUser.role == "admin", StaffUser.active.is_(True))) or 0


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    # SQLite gives naive datetimes back; every stored time is UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def authenticate(session: Session, email: str, password: str, *, policy: LoginPolicy = LoginPolicy(),
                 now: dt.datetime | None = None) -> LoginResult:
    """Check a login; records the failure or success on the account. The caller commits."""
    now = now or dt.datetime.now(dt.UTC)
    user = find(session, email)
    if user is None or not user.active:
        try:
            _hasher.verify(_DUMMY_HASH, password)
        except VerificationError:
            pass
        return LoginResult(None)
    locked_until = _aware(user.locked_until)
    if locked_until is not None and locked_until > now:
        return LoginResult(None, locked_until)
    try:
        _hasher.verify(user.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        user.failed_logins = (user.failed_logins or 0) + 1
        over = user.failed_logins - policy.max_failures
        if over >= 0:
            lock = min(policy.base_lockout * (2 ** over), policy.max_lockout)
            user.locked_until = now + lock
            return LoginResult(None, user.locked_until)
        return LoginResult(None)
    user.failed_logins = 0
    user.locked_until = None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return LoginResult(user)


def change_password(user: StaffUser, current: str, new: str) -> None:
    try:
        _hasher.verify(user.password_hash, current)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        raise AccountError("wrong_password", "the current password is not right") from None
    if new == current:
        # Above all for a one-time password: someone else has seen it, so keeping it defeats the change.
        raise AccountError("same_password", "the new password must differ from the current one")
    set_password(user, new)


def set_password(user: StaffUser, new: str) -> None:
    check_new_password(new)
    user.password_hash = hash_password(new)
    # Microseconds matter: the session id includes this time, so two changes in one second differ.
    user.password_changed_at = dt.datetime.now(dt.UTC)
    user.failed_logins = 0
    user.locked_until = None
    user.must_change_password = False


def reset_password(user: StaffUser) -> str:
    """An admin gives the person a new one-time password (returned, to be shown once): their open
    sessions end, and they must choose their own at the next sign-in. A lockout is lifted too."""
    password = new_password()
    set_password(user, password)
    user.must_change_password = True
    return password


def new_password() -> str:
    """A one-time password for a new account: 20 random URL-safe characters (120 bits)."""
    import secrets

    return secrets.token_urlsafe(15)


def _keeps_an_admin(session: Session, user: StaffUser) -> None:
    if user.role == "admin" and user.active and count_admins(session) <= 1:
        raise AccountError("last_admin", "the last active admin cannot lose the admin role")


def set_role(session: Session, user: StaffUser, role: str) -> None:
    if role not in STAFF_ROLES:
        raise AccountError("bad_role", f"role must be one of {STAFF_ROLES}")
    if role != user.role:
        _keeps_an_admin(session, user)
        user.role = role
        user.password_changed_at = dt.datetime.now(dt.UTC)  # open sessions end: they carry the old role


def deactivate(session: Session, user: StaffUser) -> None:
    """Sign-in refused and open sessions end at their next request (`portal.staff.auth`)."""
    _keeps_an_admin(session, user)
    user.active = False
    user.password_changed_at = dt.datetime.now(dt.UTC)


__all__ = ["AccountError", "LoginPolicy", "LoginResult", "authenticate", "change_password", "check_new_password",
           "count_admins", "create", "deactivate", "find", "hash_password", "new_password", "normalize_email",
           "permits", "reset_password", "set_password", "set_role", "utcnow"]
