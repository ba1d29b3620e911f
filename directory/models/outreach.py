"""The freshness loop's tables (directory/outreach): organizations' signed update links, the changes
they propose, and the reminders sent to them. Never published as HSDS.

Privacy: nothing about the person who opened a link is kept (no address, agent or cookie); a
link's token is never stored, only its nonce (`OutreachLink.id`), so a database copy holds no
working link.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from directory.models.base import Base, fk_column, id_column, utcnow

PROPOSAL_STATUSES = ("pending", "accepted", "rejected")
REMINDER_STATUSES = ("sent", "failed", "bounced", "no_address")


class OutreachLink(Base):
    """One signed update link: the token carries this row's id (a nonce), the organization and the
    purpose; the link works while this row says so (not expired, not revoked)."""

    __tablename__ = "outreach_link"

    id: Mapped[str] = id_column()
    organization_id: Mapped[str] = fk_column("organization.id", nullable=False)
    purpose: Mapped[str] = mapped_column(String(20), comment="What the link may do: 'update'")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(255), comment="Staff email, or 'reminder'")
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_by: Mapped[str | None] = mapped_column(String(255))


class OutreachProposal(Base):
    """One field of one record an organization proposes to change; public only once accepted.

    Values are audit text (`directory.curation.audit_text`), as in the metadata rows; the fields of
    one submission share `submission_id`. An ending is the field `status` proposed as 'defunct'.
    """

    __tablename__ = "outreach_proposal"
    __table_args__ = (Index("ix_outreach_proposal_status_created", "status", "created_at"),)

    id: Mapped[str] = id_column()
    submission_id: Mapped[str] = mapped_column(String(36), index=True)
    link_id: Mapped[str] = fk_column("outreach_link.id", nullable=False)
    organization_id: Mapped[str] = fk_column("organization.id", nullable=False)
    resource_type: Mapped[str] = mapped_column(String(50))
    resource_id: Mapped[str] = mapped_column(String(36))
    field_name: Mapped[str] = mapped_column(String(100))
    previous_value: Mapped[str] = mapped_column(Text, default="", comment="The value when proposed")
    proposed_value: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="pending", comment="pending, accepted or rejected")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str | None] = mapped_column(String(255), comment="Staff email")
    note: Mapped[str | None] = mapped_column(Text, comment="The curator's note to the organization")
    notified_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), comment="When the organization was told the outcome")


class OutreachReminder(Base):
    """One reminder run's message to one organization (one per organization and day at most)."""

    __tablename__ = "outreach_reminder"
    __table_args__ = (UniqueConstraint("organization_id", "sent_on"),)

    id: Mapped[str] = id_column()
    organization_id: Mapped[str] = fk_column("organization.id", nullable=False)
    sent_on: Mapped[dt.date] = mapped_column(Date, comment="Montréal day of the run")
    sent_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    status: Mapped[str] = mapped_column(String(10), comment="sent, failed, bounced or no_address")
    recipient: Mapped[str | None] = mapped_column(String(255))
    error: Mapped[str | None] = mapped_column(Text)
    link_id: Mapped[str | None] = fk_column("outreach_link.id")
    answered_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), index=True, comment="First confirmation or proposal after it")


OUTCOME_STATUSES = ("pending", "sent", "failed", "bounced", "no_address", "given_up")


class OutreachOutcome(Base):
    """The e-mail telling an organization what curators decided about one submission: one row per
    submission, written when its last field is decided, so a send that failed is retried later
    (`directory.outreach.outcomes`) a bounded number of times, and never sent twice."""

    __tablename__ = "outreach_outcome"
    __table_args__ = (Index("ix_outreach_outcome_status", "status"),)

    id: Mapped[str] = id_column()
    submission_id: Mapped[str] = mapped_column(String(36), unique=True)
    organization_id: Mapped[str] = fk_column("organization.id", nullable=False)
    status: Mapped[str] = mapped_column(
        String(10), default="pending", comment="pending, sent, failed, bounced, no_address or given_up")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    recipient: Mapped[str | None] = mapped_column(String(255))
    error: Mapped[str | None] = mapped_column(Text)
