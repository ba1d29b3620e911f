"""Whole records organizations propose to add or remove through their links (phones, addresses,
opening hours; `directory.outreach.children`), in words: for the curators' queue, the
organization's update page and the outcome e-mail. A record is shown in full, each value with its
field's label, in the page's language (French and English fields side by side)."""

from __future__ import annotations

from types import SimpleNamespace

from flask_babel import lazy_gettext as _l

from directory.models import OutreachProposal
from directory.outreach import children
from portal.staff import display

ADDED = {"phone": _l("New phone number"), "address": _l("New address"), "schedule": _l("New opening hours")}
REMOVED = {"phone": _l("Phone number to remove"), "address": _l("Address to remove"),
           "schedule": _l("Opening hours to remove")}
# The fields shown, in the staff forms' order (portal/staff/forms.py); parent keys are not.
SHOWN = {
    "phone": ("number", "extension", "type", "description_fr", "description_en", "languages"),
    "address": ("address_type", "attention", "address_1", "address_2", "city", "region", "state_province",
                "postal_code", "country"),
    "schedule": ("byday", "opens_at", "closes_at", "valid_from", "valid_to", "description_fr", "description_en",
                 "notes_fr", "notes_en"),
}


def describe(kind: str, values: dict[str, str]) -> str:
    """One line a person recognizes: a number, an address, days and hours."""
    if kind == "phone":
        return values.get("number", "") + (f" #{values['extension']}" if values.get("extension") else "")
    if kind == "address":
        return ", ".join(v for v in (values.get("address_1"), values.get("city"), values.get("postal_code")) if v)
    return display.schedule_text(SimpleNamespace(byday=values.get("byday"), opens_at=values.get("opens_at"),
                                                 closes_at=values.get("closes_at")))


def labelled(kind: str, values: dict[str, str]) -> list[tuple[str, str | None, str]]:
    """(label, language of the value or None, value in words) of each value shown, in form order."""
    return [(display.field_label(kind, name), name.rpartition("_")[2] if name.endswith(("_fr", "_en")) else None,
             display.value_text(kind, name, values[name])) for name in SHOWN[kind] if values.get(name)]


def title(proposal: OutreachProposal) -> object:
    """"New phone number" / "Phone number to remove" (a lazy string)."""
    table = REMOVED if children.action(proposal) == "remove" else ADDED
    return table[proposal.resource_type]


class WholeRow:
    """An addition or a removal as the queue shows it: every value of the record, labelled."""

    whole = True
    moved = False
    ending = False
    diff = None
    lang = None

    def __init__(self, proposal: OutreachProposal, current: str | None) -> None:
        kind = proposal.resource_type
        self.proposal = proposal
        self.action = children.action(proposal)
        self.label = title(proposal)
        values = children.values(proposal)
        self.summary = describe(kind, values)
        self.fields = labelled(kind, values)
        # A removal whose record a curator deleted meanwhile, or changed since it was proposed.
        self.gone = self.action == "remove" and current is None
        self.moved = self.action == "remove" and current is not None and current != proposal.previous_value


def mail_label(proposal: OutreachProposal) -> object:
    """The outcome e-mail's line for a whole record: "New phone number: 514 555-0123"."""
    what = describe(proposal.resource_type, children.values(proposal))
    table = REMOVED if children.action(proposal) == "remove" else ADDED
    return _l("%(what)s: %(record)s", what=table[proposal.resource_type], record=what)
