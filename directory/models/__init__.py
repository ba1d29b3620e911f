"""HSDS 3.1 tables as SQLAlchemy 2 typed models, bilingual.

HSDS names are kept. Every human-readable field is stored twice: `<field>_fr` (required where HSDS
requires the field) and `<field>_en` (optional). Each model lists its bilingual fields in
`__bilingual__` so serializers, forms and the indexer treat them in one way.

Fields HSDS lacks are added, never renamed (see docs/architecture.md, decision 2): `verified_on`,
`region_code`, `is_temporary`, `is_crisis`, `valid_from`/`valid_to` on services, `keywords_*`.
`metadata` is the change log (HSDS's provenance object) and doubles as the audit trail.

Modules: base (the declarative base, shared columns and vocabularies), hsds (the HSDS tables),
capacity (HSDS 3.1's `unit` and `service_capacity`),
internal (the directory's own tables: reports, staff, crisis banners, index journal), outreach (the
freshness loop: update links, proposals, reminders).
"""

from __future__ import annotations

from directory.models.base import (
    ADDRESS_TYPES,
    LOCALES,
    LOCATION_TYPES,
    NAMING,
    SERVICE_STATUSES,
    Base,
    fk_column,
    id_column,
    new_id,
    utcnow,
)
from directory.models.capacity import ServiceCapacity, Unit
from directory.models.hsds import (
    ENTITY_MODELS,
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    Funding,
    Language,
    Location,
    Metadata,
    MetaTableDescription,
    Organization,
    OrganizationIdentifier,
    Phone,
    Program,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
    Url,
)
from directory.models.internal import (
    REPORT_STATUSES,
    STAFF_ROLES,
    CrisisBanner,
    ErrorReport,
    IndexBacklog,
    IndexJournal,
    ReportResolution,
    StaffUser,
    VerificationNote,
)
from directory.models.outreach import (
    PROPOSAL_STATUSES,
    REMINDER_STATUSES,
    OutreachLink,
    OutreachOutcome,
    OutreachProposal,
    OutreachReminder,
)

__all__ = [
    "ADDRESS_TYPES",
    "Accessibility",
    "Address",
    "Attribute",
    "Base",
    "Contact",
    "CostOption",
    "CrisisBanner",
    "ENTITY_MODELS",
    "ErrorReport",
    "Funding",
    "IndexBacklog",
    "IndexJournal",
    "LOCALES",
    "LOCATION_TYPES",
    "Language",
    "Location",
    "MetaTableDescription",
    "Metadata",
    "NAMING",
    "Organization",
    "OrganizationIdentifier",
    "OutreachLink",
    "OutreachOutcome",
    "OutreachProposal",
    "OutreachReminder",
    "PROPOSAL_STATUSES",
    "Phone",
    "Program",
    "REMINDER_STATUSES",
    "REPORT_STATUSES",
    "ReportResolution",
    "RequiredDocument",
    "SERVICE_STATUSES",
    "STAFF_ROLES",
    "Schedule",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "ServiceCapacity",
    "StaffUser",
    "Taxonomy",
    "TaxonomyTerm",
    "Unit",
    "Url",
    "VerificationNote",
    "fk_column",
    "id_column",
    "new_id",
    "utcnow",
]
