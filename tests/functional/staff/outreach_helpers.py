"""Helpers of the outreach tests: a link for an organization, the page's CSRF token, the ids of
one organization's records of every kind."""

from __future__ import annotations

import re

from sqlalchemy import select

from directory import models as m
from directory.db import session_scope
from directory.outreach import links


def make_link(app, organization_id: str, **kwargs) -> tuple[str, str]:
    """(link id, token) of a new link."""
    with session_scope(app.config["DATABASE_URL"]) as session:
        link, token = links.make_link(session, session.get(m.Organization, organization_id),
                                      secret=app.config["SECRET_KEY"], by="test", **kwargs)
        return link.id, token


def organization_of(url: str, service_id: str) -> str:
    with session_scope(url) as session:
        return session.get(m.Service, service_id).organization_id


def csrf(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def records_of(url: str, organization_id: str) -> dict[str, str]:
    """kind -> the id of one of the organization's records of that kind."""
    with session_scope(url) as session:
        service = session.scalar(select(m.Service).where(m.Service.organization_id == organization_id))
        location_id = session.scalar(select(m.ServiceAtLocation.location_id)
                                     .where(m.ServiceAtLocation.service_id == service.id))
        return {
            "organization": organization_id,
            "service": service.id,
            "location": location_id,
            "phone": session.scalar(select(m.Phone.id).where(m.Phone.service_id == service.id)),
            "address": session.scalar(select(m.Address.id).where(m.Address.location_id == location_id)),
            "schedule": session.scalar(select(m.Schedule.id).where(m.Schedule.service_id == service.id)),
        }


def counts(url: str) -> dict[str, int]:
    """Rows that any change through a link would add: nothing may move after a refused request."""
    from sqlalchemy import func

    with session_scope(url) as session:
        return {model.__tablename__: session.scalar(select(func.count()).select_from(model))
                for model in (m.Metadata, m.OutreachProposal, m.VerificationNote, m.Phone, m.Address, m.Schedule,
                              m.OutreachOutcome)}
