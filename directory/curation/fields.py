"""What curators may change: the editable fields of each record type, the list-valued ones, the
records never deleted, and the error a refused change raises."""

from __future__ import annotations

from typing import TypeAlias

from directory.models import Address, Location, Organization, Phone, Schedule, Service, ServiceCapacity

ACTIONS = ("create", "update", "delete", "verify", "revert", "archive", "unarchive", "purge")

# The columns the staff area may change, per table. Anything else in a change set is refused
# (mass assignment): ids, foreign keys to other records, timestamps are never taken from a form.
EDITABLE: dict[str, tuple[str, ...]] = {
    "organization": (
        "name_fr", "name_en", "alternate_name_fr", "alternate_name_en", "description_fr", "description_en",
        "email", "website", "legal_status", "year_incorporated",
    ),
    "service": (
        "name_fr", "name_en", "alternate_name_fr", "alternate_name_en", "description_fr", "description_en",
        "url", "email", "status", "interpretation_services_fr", "interpretation_services_en",
        "application_process_fr", "application_process_en", "fees_description_fr", "fees_description_en",
        "eligibility_description_fr", "eligibility_description_en", "alert_fr", "alert_en",
        "minimum_age", "maximum_age", "keywords_fr", "keywords_en",
        "is_temporary", "is_crisis", "valid_from", "valid_to", "holiday_rule",
        "languages", "categories",
    ),
    "location": (
        "name_fr", "name_en", "alternate_name_fr", "alternate_name_en", "description_fr", "description_en",
        "transportation_fr", "transportation_en", "latitude", "longitude", "region_code", "accessibility",
        "confidential",
    ),
    "schedule": (
        "byday", "opens_at", "closes_at", "valid_from", "valid_to", "description_fr", "description_en",
        "notes_fr", "notes_en", "exception",
    ),
    "address": (
        "address_type", "attention", "address_1", "address_2", "city", "region", "state_province", "postal_code",
        "country",
    ),
    "phone": ("number", "extension", "type", "description_fr", "description_en", "languages"),
}
# Set only when a record is created (which parent it belongs to), never changed afterwards.
PARENT_KEYS: dict[str, tuple[str, ...]] = {
    "schedule": ("service_id", "location_id", "service_at_location_id", "freq", "interval", "dtstart"),
    "address": ("location_id",),
    "phone": ("service_id", "organization_id", "location_id"),
}
# Records that curators may delete (the others are retired through their status): their values,
# list-valued fields included, stay in the audit rows so the deletion can be undone.
DELETABLE = ("schedule", "phone", "address")
# Records no undo or restore may delete (undoing their creation is refused, `undo_refusal`): a
# service ends by being archived (`directory.archive`); only an admin's `purge` of an archived
# service removes one, and its audit rows keep every value.
TOP_LEVEL = ("service", "organization", "location")
# Child records shown and audited with their parent: parent type -> (child type, parent key).
CHILDREN: dict[str, tuple[tuple[str, str], ...]] = {
    "service": (("schedule", "service_id"), ("phone", "service_id"), ("service_capacity", "service_id")),
    "organization": (("phone", "organization_id"),),
    "location": (("address", "location_id"), ("phone", "location_id")),
}
# Children audited with their parent but changed through their own function only, never edited
# or undone here: a service's live capacity (directory/capacity.py; not in MODELS, so not revertible).
AUDITED_ONLY: dict[str, type[ServiceCapacity]] = {"service_capacity": ServiceCapacity}
# `verified_on` changes through `verify` only (and reverts of it).
SYSTEM_FIELDS = ("verified_on",)
LIST_FIELDS = {("service", "languages"), ("service", "categories"), ("location", "accessibility"),
               ("phone", "languages")}
# The records curators edit (all have a string `id` and a `__tablename__` naming their type).
Record: TypeAlias = Organization | Service | Location | Schedule | Address | Phone
MODELS: dict[str, type[Record]] = {
    "organization": Organization, "service": Service, "location": Location, "schedule": Schedule,
    "address": Address, "phone": Phone,
}
REQUIRED_FRENCH: dict[str, tuple[str, ...]] = {
    "organization": ("name_fr", "description_fr"),
    "service": ("name_fr",),
    "location": (),
    "schedule": (),
    "address": (),
    "phone": (),
}


class CurationError(ValueError):
    """A change the directory refuses; `code` is shown to the curator, translated."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
