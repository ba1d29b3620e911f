"""Signed update links: an itsdangerous token bound to one organization and one purpose, carrying
the nonce of its `OutreachLink` row, which says until when it works and whether staff revoked it.

The token is signed with the application's secret (HMAC-SHA1 under a salt naming the purpose, so a
token made for another purpose, or by another part of the portal, never verifies here) and
timestamped; `open_link` checks the signature, the hard age limit, then the row: the organization
and purpose must match, the row must be neither expired nor revoked. The token itself is never
stored (a database copy holds no working link).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.models import Organization, OutreachLink

PURPOSE = "update"
DEFAULT_DAYS = 30
# No token is accepted past this age, whatever its row says (a row edited by hand, a long link).
MAX_DAYS = 90


class LinkError(Exception):
    """Why a link does not open: 'invalid' (tampered, malformed, another purpose or organization),
    'expired' or 'revoked'. The page shown says only that, never which organization."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class OpenedLink:
    link_id: str
    organization_id: str
    expires_at: dt.datetime


def _serializer(secret: str, purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=f"portail211.outreach.{purpose}")


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def make_link(session: Session, organization: Organization, *, secret: str, by: str, days: int = DEFAULT_DAYS,
              purpose: str = PURPOSE, when: dt.datetime | None = None) -> tuple[OutreachLink, str]:
    """A new link row and its token (shown once, never stored)."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"a link lasts 1 to {MAX_DAYS} days")
    when = when or now_utc()
    link = OutreachLink(organization_id=organization.id, purpose=purpose, created_at=when,
                        expires_at=when + dt.timedelta(days=days), created_by=by)
    session.add(link)
    session.flush()
    return link, sign(link, secret=secret)


def sign(link: OutreachLink, *, secret: str) -> str:
    return str(_serializer(secret, link.purpose).dumps({"o": link.organization_id, "n": link.id}))


def open_link(session: Session, token: str, *, secret: str, purpose: str = PURPOSE,
              when: dt.datetime | None = None) -> OpenedLink:
    """The link a token stands for, or LinkError."""
    if not token or len(token) > 500:
        raise LinkError("invalid")
    try:
        payload = _serializer(secret, purpose).loads(token, max_age=MAX_DAYS * 86400)
    except SignatureExpired:
        raise LinkError("expired") from None
    except BadSignature:
        raise LinkError("invalid") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("o"), str) or not isinstance(payload.get("n"), str):
        raise LinkError("invalid")
    link = session.get(OutreachLink, payload["n"])
    if link is None or link.organization_id != payload["o"] or link.purpose != purpose:
        raise LinkError("invalid")
    if link.revoked_at is not None:
        raise LinkError("revoked")
    if _utc(link.expires_at) <= (when or now_utc()):
        raise LinkError("expired")
    return OpenedLink(link.id, link.organization_id, _utc(link.expires_at))


def revoke(session: Session, link: OutreachLink, *, by: str, when: dt.datetime | None = None) -> bool:
    """Revoke a link (at once, for good); False when it was revoked already."""
    if link.revoked_at is not None:
        return False
    link.revoked_at = when or now_utc()
    link.revoked_by = by
    session.flush()
    return True


def active_links(session: Session, organization_id: str, *, when: dt.datetime | None = None) -> list[OutreachLink]:
    """The organization's links that still work, newest first."""
    when = when or now_utc()
    rows = session.scalars(select(OutreachLink).where(OutreachLink.organization_id == organization_id,
                                                      OutreachLink.revoked_at.is_(None))
                           .order_by(OutreachLink.created_at.desc()))
    return [r for r in rows if _utc(r.expires_at) > when]
