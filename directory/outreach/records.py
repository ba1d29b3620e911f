"""Which records an update link reaches: its organization, the organization's services (archived
ones excluded), their locations, and the phones, addresses and opening hours of those. A record of
any other organization is never found through a link (`find`), whatever id the URL names."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from directory.curation import Record
from directory.models import (
    Address,
    Contact,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)

ENDED = "defunct"
KINDS = ("organization", "service", "location", "phone", "address", "schedule")


@dataclass
class Scope:
    """The ids of every record one organization's link may show or change."""

    organization_id: str
    service_ids: set[str] = field(default_factory=set)
    location_ids: set[str] = field(default_factory=set)

    def owns(self, session: Session, kind: str, record: Record) -> bool:
        if kind == "organization":
            return record.id == self.organization_id
        if kind == "service":
            return record.id in self.service_ids
        if kind == "location":
            return record.id in self.location_ids
        if isinstance(record, Phone):
            return (record.organization_id == self.organization_id or record.service_id in self.service_ids
                    or record.location_id in self.location_ids)
        if isinstance(record, Address):
            return record.location_id in self.location_ids
        if isinstance(record, Schedule):
            return record.service_id in self.service_ids or record.location_id in self.location_ids
        return False


def scope(session: Session, organization_id: str) -> Scope:
    services = set(session.scalars(select(Service.id).where(Service.organization_id == organization_id,
                                                            Service.status != ENDED)))
    locations = set(session.scalars(select(ServiceAtLocation.location_id)
                                    .where(ServiceAtLocation.service_id.in_(services)))) if services else set()
    return Scope(organization_id, services, locations)


MODELS: dict[str, type[Record]] = {"organization": Organization, "service": Service, "location": Location,
                                   "phone": Phone, "address": Address, "schedule": Schedule}


def find(session: Session, organization_id: str, kind: str, record_id: str) -> Record | None:
    """The record, when the organization's link reaches it; None otherwise (unknown or foreign)."""
    model = MODELS.get(kind)
    if model is None or not record_id or len(record_id) > 36:
        return None
    record = cast("Record | None", session.get(model, record_id))
    if record is None or not scope(session, organization_id).owns(session, kind, record):
        return None
    return record


def contact_email(session: Session, organization: Organization) -> str | None:
    """Where the organization's messages go: its own e-mail, else its first contact's, else the
    first of its services' (in a stable order)."""
    if organization.email:
        return organization.email
    found = session.scalar(select(Contact.email).where(Contact.organization_id == organization.id,
                                                       Contact.email.is_not(None)).order_by(Contact.id).limit(1))
    if found:
        return found
    return session.scalar(select(Service.email).where(Service.organization_id == organization.id,
                                                      Service.email.is_not(None), Service.status != ENDED)
                          .order_by(Service.id).limit(1))


def children(session: Session, sc: Scope) -> tuple[list[Phone], list[Address], list[Schedule]]:
    """The phones, addresses and opening hours in the scope (for the update page)."""
    phones = list(session.scalars(select(Phone).where(or_(
        Phone.organization_id == sc.organization_id, Phone.service_id.in_(sc.service_ids),
        Phone.location_id.in_(sc.location_ids))).order_by(Phone.number, Phone.id)))
    addresses = list(session.scalars(select(Address).where(Address.location_id.in_(sc.location_ids))
                                     .order_by(Address.address_1, Address.id)))
    schedules = list(session.scalars(select(Schedule).where(Schedule.service_id.in_(sc.service_ids))
                                     .order_by(Schedule.id)))
    return phones, addresses, schedules
