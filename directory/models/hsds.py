"""The HSDS 3.1 tables, bilingual (see the package's doc), and ENTITY_MODELS, the tables an
attribute's link_entity may name."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

if TYPE_CHECKING:
    from directory.models.capacity import ServiceCapacity

from directory.models.base import Base, fk_column, id_column, utcnow


class Organization(Base):
    __tablename__ = "organization"
    __bilingual__ = ("name", "alternate_name", "description")

    id: Mapped[str] = id_column()
    name_fr: Mapped[str] = mapped_column(String(255))
    name_en: Mapped[str | None] = mapped_column(String(255))
    alternate_name_fr: Mapped[str | None] = mapped_column(String(255))
    alternate_name_en: Mapped[str | None] = mapped_column(String(255))
    description_fr: Mapped[str] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(String(255))
    website: Mapped[str | None] = mapped_column(String(500))
    legal_status: Mapped[str | None] = mapped_column(String(100))
    logo: Mapped[str | None] = mapped_column(String(500))
    uri: Mapped[str | None] = mapped_column(String(500))
    year_incorporated: Mapped[int | None] = mapped_column(Integer)
    parent_organization_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    verified_on: Mapped[dt.date | None] = mapped_column(
        Date, comment="Last date the record was confirmed with the organization (extension)"
    )
    last_modified: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, index=True
    )

    services: Mapped[list[Service]] = relationship(back_populates="organization")
    locations: Mapped[list[Location]] = relationship(back_populates="organization")
    phones: Mapped[list[Phone]] = relationship(
        primaryjoin="Phone.organization_id == Organization.id", viewonly=True
    )
    contacts: Mapped[list[Contact]] = relationship(
        primaryjoin="Contact.organization_id == Organization.id", viewonly=True
    )
    programs: Mapped[list[Program]] = relationship(viewonly=True)
    funding: Mapped[list[Funding]] = relationship(
        primaryjoin="Funding.organization_id == Organization.id", viewonly=True
    )
    organization_identifiers: Mapped[list[OrganizationIdentifier]] = relationship(viewonly=True)
    additional_websites: Mapped[list[Url]] = relationship(
        primaryjoin="Url.organization_id == Organization.id", viewonly=True
    )


class Program(Base):
    __tablename__ = "program"
    __bilingual__ = ("name", "alternate_name", "description")

    id: Mapped[str] = id_column()
    organization_id: Mapped[str] = fk_column("organization.id", nullable=False)
    name_fr: Mapped[str] = mapped_column(String(255))
    name_en: Mapped[str | None] = mapped_column(String(255))
    alternate_name_fr: Mapped[str | None] = mapped_column(String(255))
    alternate_name_en: Mapped[str | None] = mapped_column(String(255))
    description_fr: Mapped[str] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)


class Service(Base):
    __tablename__ = "service"
    __bilingual__ = (
        "name",
        "alternate_name",
        "description",
        "interpretation_services",
        "application_process",
        "fees_description",
        "eligibility_description",
        "alert",
        "keywords",
    )

    id: Mapped[str] = id_column()
    organization_id: Mapped[str] = fk_column("organization.id", nullable=False)
    program_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("program.id", ondelete="SET NULL"), index=True
    )
    name_fr: Mapped[str] = mapped_column(String(255))
    name_en: Mapped[str | None] = mapped_column(String(255))
    alternate_name_fr: Mapped[str | None] = mapped_column(String(255))
    alternate_name_en: Mapped[str | None] = mapped_column(String(255))
    description_fr: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(20), default="active", index=True)
    interpretation_services_fr: Mapped[str | None] = mapped_column(Text)
    interpretation_services_en: Mapped[str | None] = mapped_column(Text)
    application_process_fr: Mapped[str | None] = mapped_column(Text)
    application_process_en: Mapped[str | None] = mapped_column(Text)
    fees_description_fr: Mapped[str | None] = mapped_column(Text)
    fees_description_en: Mapped[str | None] = mapped_column(Text)
    eligibility_description_fr: Mapped[str | None] = mapped_column(Text)
    eligibility_description_en: Mapped[str | None] = mapped_column(Text)
    alert_fr: Mapped[str | None] = mapped_column(Text)
    alert_en: Mapped[str | None] = mapped_column(Text)
    minimum_age: Mapped[int | None] = mapped_column(Integer)
    maximum_age: Mapped[int | None] = mapped_column(Integer)
    accreditations: Mapped[str | None] = mapped_column(Text)
    assured_date: Mapped[dt.date | None] = mapped_column(Date)
    assurer_email: Mapped[str | None] = mapped_column(String(255))
    keywords_fr: Mapped[str | None] = mapped_column(
        Text, comment="Comma-separated search keywords chosen by curators (extension)"
    )
    keywords_en: Mapped[str | None] = mapped_column(Text)
    verified_on: Mapped[dt.date | None] = mapped_column(
        Date, index=True, comment="Last date the record was confirmed with the organization (extension)"
    )
    is_temporary: Mapped[bool] = mapped_column(
        Boolean, default=False, comment="Opened for a limited time, e.g. during an emergency (extension)"
    )
    is_crisis: Mapped[bool] = mapped_column(
        Boolean, default=False, comment="Listed on the crisis page while crisis mode is on (extension)"
    )
    valid_from: Mapped[dt.date | None] = mapped_column(
        Date, comment="First day a temporary service is offered (extension)"
    )
    valid_to: Mapped[dt.date | None] = mapped_column(
        Date, comment="Last day a temporary service is offered; it leaves search after (extension)"
    )
    holiday_rule: Mapped[str | None] = mapped_column(
        String(200), comment="Québec holidays: empty (closed on statutory holidays unless open 7 days a "
        "week), closed, open, or closed:KEY,... (directory/holidays.py; extension)"
    )
    last_modified: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, index=True
    )

    organization: Mapped[Organization] = relationship(back_populates="services")
    program: Mapped[Program | None] = relationship()
    service_at_locations: Mapped[list[ServiceAtLocation]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    phones: Mapped[list[Phone]] = relationship(
        primaryjoin="Phone.service_id == Service.id", viewonly=True
    )
    schedules: Mapped[list[Schedule]] = relationship(
        primaryjoin="Schedule.service_id == Service.id", viewonly=True
    )
    languages: Mapped[list[Language]] = relationship(
        primaryjoin="Language.service_id == Service.id", viewonly=True
    )
    cost_options: Mapped[list[CostOption]] = relationship(viewonly=True)
    required_documents: Mapped[list[RequiredDocument]] = relationship(viewonly=True)
    # The service's own areas; those of one of its places nest under that service_at_location.
    service_areas: Mapped[list[ServiceArea]] = relationship(
        primaryjoin="and_(ServiceArea.service_id == Service.id, "
        "ServiceArea.service_at_location_id.is_(None))", viewonly=True
    )
    additional_urls: Mapped[list[Url]] = relationship(
        primaryjoin="Url.service_id == Service.id", viewonly=True
    )
    contacts: Mapped[list[Contact]] = relationship(
        primaryjoin="Contact.service_id == Service.id", viewonly=True
    )
    funding: Mapped[list[Funding]] = relationship(
        primaryjoin="Funding.service_id == Service.id", viewonly=True
    )
    # HSDS 3.1 live capacity (directory/models/capacity.py), changed by directory.capacity only.
    capacities: Mapped[list[ServiceCapacity]] = relationship(viewonly=True)


class Location(Base):
    __tablename__ = "location"
    __bilingual__ = ("name", "alternate_name", "description", "transportation")

    id: Mapped[str] = id_column()
    organization_id: Mapped[str | None] = fk_column("organization.id")
    location_type: Mapped[str] = mapped_column(String(20), default="physical")
    url: Mapped[str | None] = mapped_column(String(500))
    name_fr: Mapped[str | None] = mapped_column(String(255))
    name_en: Mapped[str | None] = mapped_column(String(255))
    alternate_name_fr: Mapped[str | None] = mapped_column(String(255))
    alternate_name_en: Mapped[str | None] = mapped_column(String(255))
    description_fr: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    transportation_fr: Mapped[str | None] = mapped_column(Text)
    transportation_en: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    external_identifier: Mapped[str | None] = mapped_column(String(255))
    external_identifier_type: Mapped[str | None] = mapped_column(String(100))
    region_code: Mapped[str | None] = mapped_column(
        String(2), index=True, comment="Québec administrative region, '01'–'17' (extension)"
    )
    confidential: Mapped[bool] = mapped_column(
        # Indexed: every public API request and export asks for the (few) confidential ids.
        Boolean, default=False, server_default=false(), index=True,
        comment="The address must not be published: street, full postal code, coordinates "
                "(docs/confidential-locations.md; extension)",
    )
    last_modified: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    organization: Mapped[Organization | None] = relationship(back_populates="locations")
    addresses: Mapped[list[Address]] = relationship(viewonly=True)
    phones: Mapped[list[Phone]] = relationship(
        primaryjoin="Phone.location_id == Location.id", viewonly=True
    )
    schedules: Mapped[list[Schedule]] = relationship(
        primaryjoin="Schedule.location_id == Location.id", viewonly=True
    )
    languages: Mapped[list[Language]] = relationship(
        primaryjoin="Language.location_id == Location.id", viewonly=True
    )
    accessibility: Mapped[list[Accessibility]] = relationship(viewonly=True)
    contacts: Mapped[list[Contact]] = relationship(
        primaryjoin="Contact.location_id == Location.id", viewonly=True
    )


class ServiceAtLocation(Base):
    __tablename__ = "service_at_location"
    __bilingual__ = ("description",)

    id: Mapped[str] = id_column()
    service_id: Mapped[str] = fk_column("service.id", nullable=False)
    location_id: Mapped[str] = fk_column("location.id", nullable=False)
    description_fr: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service] = relationship(back_populates="service_at_locations")
    location: Mapped[Location] = relationship()
    phones: Mapped[list[Phone]] = relationship(
        primaryjoin="Phone.service_at_location_id == ServiceAtLocation.id", viewonly=True
    )
    schedules: Mapped[list[Schedule]] = relationship(
        primaryjoin="Schedule.service_at_location_id == ServiceAtLocation.id", viewonly=True
    )
    contacts: Mapped[list[Contact]] = relationship(
        primaryjoin="Contact.service_at_location_id == ServiceAtLocation.id", viewonly=True
    )
    service_areas: Mapped[list[ServiceArea]] = relationship(
        primaryjoin="ServiceArea.service_at_location_id == ServiceAtLocation.id", viewonly=True
    )


class Address(Base):
    __tablename__ = "address"

    id: Mapped[str] = id_column()
    location_id: Mapped[str] = fk_column("location.id", nullable=False)
    attention: Mapped[str | None] = mapped_column(String(255))
    address_1: Mapped[str] = mapped_column(String(255))
    address_2: Mapped[str | None] = mapped_column(String(255))
    city: Mapped[str] = mapped_column(String(255), index=True)
    region: Mapped[str | None] = mapped_column(String(255))
    state_province: Mapped[str] = mapped_column(String(10), default="QC")
    postal_code: Mapped[str] = mapped_column(String(10))
    country: Mapped[str] = mapped_column(String(2), default="CA")
    address_type: Mapped[str] = mapped_column(String(20), default="physical")


class Contact(Base):
    __tablename__ = "contact"

    id: Mapped[str] = id_column()
    organization_id: Mapped[str | None] = fk_column("organization.id")
    service_id: Mapped[str | None] = fk_column("service.id")
    service_at_location_id: Mapped[str | None] = fk_column("service_at_location.id")
    location_id: Mapped[str | None] = fk_column("location.id")
    name: Mapped[str | None] = mapped_column(String(255))
    title: Mapped[str | None] = mapped_column(String(255))
    department: Mapped[str | None] = mapped_column(String(255))
    email: Mapped[str | None] = mapped_column(String(255))


class Phone(Base):
    __tablename__ = "phone"
    __bilingual__ = ("description",)

    id: Mapped[str] = id_column()
    location_id: Mapped[str | None] = fk_column("location.id")
    service_id: Mapped[str | None] = fk_column("service.id")
    organization_id: Mapped[str | None] = fk_column("organization.id")
    contact_id: Mapped[str | None] = fk_column("contact.id")
    service_at_location_id: Mapped[str | None] = fk_column("service_at_location.id")
    number: Mapped[str] = mapped_column(String(50))
    extension: Mapped[str | None] = mapped_column(String(20))
    type: Mapped[str | None] = mapped_column(String(20), comment="voice, fax, text, cell, video, pager, textphone")
    description_fr: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)


class Schedule(Base):
    """Opening hours as RFC 5545 RRULE parts, HSDS style; one row per recurring slot."""

    __tablename__ = "schedule"
    __bilingual__ = ("description", "notes")

    id: Mapped[str] = id_column()
    service_id: Mapped[str | None] = fk_column("service.id")
    location_id: Mapped[str | None] = fk_column("location.id")
    service_at_location_id: Mapped[str | None] = fk_column("service_at_location.id")
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    dtstart: Mapped[dt.date | None] = mapped_column(Date)
    timezone: Mapped[float | None] = mapped_column(
        Float, comment="UTC offset in hours as HSDS defines it; hours are read in America/Montreal"
    )
    until: Mapped[dt.date | None] = mapped_column(Date)
    count: Mapped[int | None] = mapped_column(Integer)
    wkst: Mapped[str | None] = mapped_column(String(2))
    freq: Mapped[str | None] = mapped_column(String(10), comment="WEEKLY or MONTHLY")
    interval: Mapped[int | None] = mapped_column(Integer)
    byday: Mapped[str | None] = mapped_column(String(50), comment="e.g. MO,TU,WE")
    byweekno: Mapped[str | None] = mapped_column(String(50))
    bymonthday: Mapped[str | None] = mapped_column(String(50))
    byyearday: Mapped[str | None] = mapped_column(String(50))
    opens_at: Mapped[str | None] = mapped_column(
        String(8), comment="HH:MM local time; 00:00–24:00 means all day"
    )
    closes_at: Mapped[str | None] = mapped_column(String(8))
    exception: Mapped[str | None] = mapped_column(
        String(10), comment="Empty for regular hours; closed or hours: an exceptional closure or special "
        "hours from valid_from to valid_to, replacing the regular hours on those days (extension)"
    )
    schedule_link: Mapped[str | None] = mapped_column(String(500))
    attending_type: Mapped[str | None] = mapped_column(String(100))
    description_fr: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    notes_fr: Mapped[str | None] = mapped_column(Text)
    notes_en: Mapped[str | None] = mapped_column(Text)


class Language(Base):
    """A language a service (or location, or phone line) is delivered in, not the record's."""

    __tablename__ = "language"

    id: Mapped[str] = id_column()
    service_id: Mapped[str | None] = fk_column("service.id")
    location_id: Mapped[str | None] = fk_column("location.id")
    phone_id: Mapped[str | None] = fk_column("phone.id")
    name: Mapped[str | None] = mapped_column(String(100))
    code: Mapped[str | None] = mapped_column(String(10), index=True, comment="ISO 639-1 or 639-3")
    note: Mapped[str | None] = mapped_column(Text)


class Accessibility(Base):
    __tablename__ = "accessibility"
    __bilingual__ = ("description", "details")

    id: Mapped[str] = id_column()
    location_id: Mapped[str] = fk_column("location.id", nullable=False)
    feature: Mapped[str | None] = mapped_column(
        String(50), index=True, comment="Key from directory.vocabulary.ACCESSIBILITY_FEATURES (extension)"
    )
    description_fr: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    details_fr: Mapped[str | None] = mapped_column(Text)
    details_en: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(500))


class CostOption(Base):
    __tablename__ = "cost_option"
    __bilingual__ = ("option", "amount_description")

    id: Mapped[str] = id_column()
    service_id: Mapped[str] = fk_column("service.id", nullable=False)
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    option_fr: Mapped[str | None] = mapped_column(Text)
    option_en: Mapped[str | None] = mapped_column(Text)
    currency: Mapped[str | None] = mapped_column(String(3))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    amount_description_fr: Mapped[str | None] = mapped_column(Text)
    amount_description_en: Mapped[str | None] = mapped_column(Text)


class RequiredDocument(Base):
    __tablename__ = "required_document"
    __bilingual__ = ("document",)

    id: Mapped[str] = id_column()
    service_id: Mapped[str] = fk_column("service.id", nullable=False)
    document_fr: Mapped[str | None] = mapped_column(Text)
    document_en: Mapped[str | None] = mapped_column(Text)
    uri: Mapped[str | None] = mapped_column(String(500))


class ServiceArea(Base):
    __tablename__ = "service_area"
    __bilingual__ = ("name", "description")

    id: Mapped[str] = id_column()
    service_id: Mapped[str] = fk_column("service.id", nullable=False)
    # HSDS 3.1: an area of one place of the service (service_id is then that place's service).
    service_at_location_id: Mapped[str | None] = fk_column("service_at_location.id")
    name_fr: Mapped[str | None] = mapped_column(String(255))
    name_en: Mapped[str | None] = mapped_column(String(255))
    description_fr: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    extent: Mapped[str | None] = mapped_column(Text)
    extent_type: Mapped[str | None] = mapped_column(String(20))
    uri: Mapped[str | None] = mapped_column(String(500))


class Url(Base):
    """HSDS 3.1 `url`: an organization's additional website or a service's additional URL."""

    __tablename__ = "url"
    __bilingual__ = ("label",)

    id: Mapped[str] = id_column()
    label_fr: Mapped[str | None] = mapped_column(String(255))
    label_en: Mapped[str | None] = mapped_column(String(255))
    url: Mapped[str] = mapped_column(String(500))
    organization_id: Mapped[str | None] = fk_column("organization.id")
    service_id: Mapped[str | None] = fk_column("service.id")


class Funding(Base):
    __tablename__ = "funding"

    id: Mapped[str] = id_column()
    organization_id: Mapped[str | None] = fk_column("organization.id")
    service_id: Mapped[str | None] = fk_column("service.id")
    source: Mapped[str | None] = mapped_column(Text)


class OrganizationIdentifier(Base):
    __tablename__ = "organization_identifier"

    id: Mapped[str] = id_column()
    organization_id: Mapped[str] = fk_column("organization.id", nullable=False)
    identifier_scheme: Mapped[str | None] = mapped_column(String(100))
    identifier_type: Mapped[str] = mapped_column(String(100))
    identifier: Mapped[str] = mapped_column(String(255))


class Taxonomy(Base):
    __tablename__ = "taxonomy"
    __bilingual__ = ("name", "description")

    id: Mapped[str] = id_column()
    name_fr: Mapped[str] = mapped_column(String(255))
    name_en: Mapped[str | None] = mapped_column(String(255))
    description_fr: Mapped[str] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    uri: Mapped[str | None] = mapped_column(String(500))
    version: Mapped[str | None] = mapped_column(String(50))


class TaxonomyTerm(Base):
    __tablename__ = "taxonomy_term"
    __bilingual__ = ("name", "description")

    id: Mapped[str] = id_column()
    code: Mapped[str | None] = mapped_column(String(100), unique=True)
    name_fr: Mapped[str] = mapped_column(String(255))
    name_en: Mapped[str | None] = mapped_column(String(255))
    description_fr: Mapped[str] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    parent_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("taxonomy_term.id", ondelete="SET NULL"), index=True
    )
    taxonomy_id: Mapped[str | None] = fk_column("taxonomy.id")
    language: Mapped[str | None] = mapped_column(String(10))
    term_uri: Mapped[str | None] = mapped_column(String(500))

    parent: Mapped[TaxonomyTerm | None] = relationship(remote_side="TaxonomyTerm.id")


class Attribute(Base):
    """Applies a taxonomy term to any record (HSDS's polymorphic link)."""

    __tablename__ = "attribute"
    __table_args__ = (Index("ix_attribute_link", "link_entity", "link_id"),)

    id: Mapped[str] = id_column()
    link_id: Mapped[str] = mapped_column(String(36))
    taxonomy_term_id: Mapped[str] = fk_column("taxonomy_term.id", nullable=False)
    link_type: Mapped[str | None] = mapped_column(String(100))
    link_entity: Mapped[str] = mapped_column(String(50))
    value: Mapped[str | None] = mapped_column(Text)
    label: Mapped[str | None] = mapped_column(String(255))

    taxonomy_term: Mapped[TaxonomyTerm] = relationship()


class Metadata(Base):
    """HSDS change log, one row per changed field: the audit trail."""

    __tablename__ = "metadata"
    __table_args__ = (Index("ix_metadata_resource", "resource_type", "resource_id"),)

    id: Mapped[str] = id_column()
    resource_id: Mapped[str] = mapped_column(String(36))
    resource_type: Mapped[str] = mapped_column(String(50))
    last_action_date: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_action_type: Mapped[str] = mapped_column(String(50), comment="create, update, delete, verify, import, revert")
    field_name: Mapped[str] = mapped_column(String(100))
    previous_value: Mapped[str] = mapped_column(Text, default="")
    replacement_value: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(255))


class MetaTableDescription(Base):
    __tablename__ = "meta_table_description"

    id: Mapped[str] = id_column()
    name: Mapped[str | None] = mapped_column(String(255))
    language: Mapped[str | None] = mapped_column(String(10))
    character_set: Mapped[str | None] = mapped_column(String(50))


# HSDS link_entity values and the tables they name.
ENTITY_MODELS: dict[str, type[Base]] = {
    m.__tablename__: m
    for m in (
        Organization,
        Program,
        Service,
        Location,
        ServiceAtLocation,
        Address,
        Contact,
        Phone,
        Schedule,
        Language,
        Accessibility,
        CostOption,
        RequiredDocument,
        ServiceArea,
        Url,
        Funding,
        OrganizationIdentifier,
        Taxonomy,
        TaxonomyTerm,
        Attribute,
        Metadata,
        MetaTableDescription,
    )
}
