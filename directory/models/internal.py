"""The directory's own tables, never published as HSDS: readers' error reports and their
resolution, staff accounts, verification notes, crisis banners, the search index's journal and
backlog."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Index,
    Integer,
    String,
    Text,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from directory.models.base import Base, fk_column, id_column, utcnow
from directory.models.hsds import Service

REPORT_STATUSES = ("new", "resolved")


def _this_hour() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(minute=0, second=0, microsecond=0)


class ErrorReport(Base):
    """A reader's "report an error" note on a service page, for curators to review.

    Privacy (docs/architecture.md, decision 9): no IP, user agent or session is kept, and the time
    is truncated to the hour. The contact email is optional and only there so a curator can answer.
    """

    __tablename__ = "error_report"

    id: Mapped[str] = id_column()
    service_id: Mapped[str] = fk_column("service.id", nullable=False)
    message: Mapped[str] = mapped_column(Text)
    contact_email: Mapped[str | None] = mapped_column(
        String(255), comment="Optional, given by the reader so a curator can reply"
    )
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_this_hour, index=True, comment="Truncated to the hour (privacy)"
    )
    status: Mapped[str] = mapped_column(String(10), default="new", index=True, comment="new or resolved")
    locale: Mapped[str] = mapped_column(String(2), comment="Language of the page the report came from")

    service: Mapped[Service] = relationship()



# -- curation: staff accounts, verification notes, crisis banners, index backlog ------------------

STAFF_ROLES = ("curator", "analyst", "admin")


class StaffUser(Base):
    """A person who signs in to the staff area. Passwords are argon2id hashes (directory.accounts).

    `failed_logins` and `locked_until` implement the per-account lockout with backoff; no client
    address is ever stored (the per-client throttle lives in memory, see portal/staff/auth.py).
    """

    __tablename__ = "staff_user"

    id: Mapped[str] = id_column()
    email: Mapped[str] = mapped_column(String(255), unique=True, comment="Lowercased; the login name")
    name: Mapped[str] = mapped_column(String(255))
    password_hash: Mapped[str] = mapped_column(String(255), comment="argon2id, PHC string")
    role: Mapped[str] = mapped_column(String(20), comment="curator, analyst or admin")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    password_changed_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow,
        comment="Part of the session id: changing the password signs out every other session",
    )
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, comment="Consecutive failures")
    must_change_password: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false(),
        comment="Signed in with a one-time password an admin gave: only the password page until changed",
    )
    locked_until: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), comment="Lockout after repeated failures; doubles each time"
    )


class VerificationNote(Base):
    """What a curator checked when marking a record verified (the metadata row holds the date)."""

    __tablename__ = "verification_note"
    __table_args__ = (Index("ix_verification_note_resource", "resource_type", "resource_id"),)

    id: Mapped[str] = id_column()
    resource_id: Mapped[str] = mapped_column(String(36))
    resource_type: Mapped[str] = mapped_column(String(50))
    verified_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text)
    verified_by: Mapped[str] = mapped_column(String(255), comment="Staff email")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CrisisBanner(Base):
    """A bilingual banner shown on every public page between `starts_at` and `ends_at`."""

    __tablename__ = "crisis_banner"
    __bilingual__ = ("title", "message")

    id: Mapped[str] = id_column()
    title_fr: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str | None] = mapped_column(String(200))
    message_fr: Mapped[str] = mapped_column(Text)
    message_en: Mapped[str | None] = mapped_column(Text)
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    ends_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    created_by: Mapped[str] = mapped_column(String(255), comment="Staff email")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class IndexJournal(Base):
    """When each service's search documents were last updated live (after a saved edit).

    A rebuild reads the directory while edits go on; edits made meanwhile reach the old index only.
    After swapping, `index rebuild` replays every service journaled since it started
    (`indexer.live.catch_up`), so no edit is lost with the old index. Pruned after a week.
    """

    __tablename__ = "index_journal"

    service_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class IndexBacklog(Base):
    """Services whose search documents could not be updated after a saved edit; retried later.

    The edit itself is committed; only the index is behind until a retry succeeds.
    """

    __tablename__ = "index_backlog"

    service_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    document_ids: Mapped[str] = mapped_column(
        Text, default="", comment="Space-separated service_at_location ids known before the edit"
    )
    queued_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")


class ReportResolution(Base):
    """How a curator triaged a reader's error report (the report's status becomes "resolved")."""

    __tablename__ = "report_resolution"

    id: Mapped[str] = id_column()
    error_report_id: Mapped[str] = fk_column("error_report.id", nullable=False)
    note: Mapped[str] = mapped_column(Text)
    resolved_by: Mapped[str] = mapped_column(String(255), comment="Staff email")
    resolved_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
