"""How the staff pages show records and their history in the page's language: opening hours as
the public site writes them ("lundi au vendredi 9 h – 17 h"), a history row's field, action and
values in words ("Description (français)", "modifié", "Actif"), and a word-level diff of a long
text instead of two cut-off values.

Audit rows store values as text (`directory.curation.audit_text`); `value_text` reads them back
for people. Nothing here changes what is stored.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from sqlalchemy import Boolean, Date, DateTime, select

from directory import curation
from directory.models import Address, Location, Organization, Service, ServiceAtLocation
from portal.i18n import day_name, format_clock, format_date, format_number, language_name, localized
from portal.staff.forms import ADDRESS_TYPES, PHONE_TYPES, WEEKDAYS

# -- opening hours ---------------------------------------------------------------------------------


def clock(text: str | None) -> str:
    """A stored "HH:MM" as the public site writes it ("9 h", "9:00 a.m."); 24:00 is midnight."""
    if not text:
        return ""
    hours, _sep, minutes = text.partition(":")
    if not (hours.isdigit() and (minutes or "0").isdigit()):
        return text
    hour, minute = int(hours), int(minutes or 0)
    if hour == 24:
        return _("midnight")
    if not (0 <= hour < 24 and 0 <= minute < 60):
        return text
    return format_clock(dt.time(hour, minute))


def days_text(byday: str | None) -> str:
    """"MO,TU,WE,TH,FR" -> "lundi au vendredi"; "SA,SU" -> "samedi, dimanche"."""
    days = sorted({WEEKDAYS.index(d.strip()[-2:]) for d in (byday or "").split(",") if d.strip()[-2:] in WEEKDAYS})
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = [_("%(first)s to %(last)s", first=day_name(run[0]), last=day_name(run[-1])) if len(run) > 2
             else ", ".join(day_name(d) for d in run) for run in runs]
    return ", ".join(parts)


def schedule_text(schedule) -> str:
    """One opening-hours record in words: "lundi au vendredi 9 h – 17 h"."""
    if schedule.opens_at == "00:00" and (schedule.closes_at or "").startswith("24"):
        hours = _("Open 24 hours")
    elif schedule.opens_at or schedule.closes_at:
        hours = f"{clock(schedule.opens_at)} – {clock(schedule.closes_at)}"
    else:
        hours = ""
    return " ".join(part for part in (days_text(schedule.byday), hours) if part) or "—"


# -- field names, actions, values -----------------------------------------------------------------

ACTIONS = {"create": _l("created"), "update": _l("changed"), "delete": _l("deleted"), "verify": _l("verified"),
           "revert": _l("undone/restored"), "import": _l("imported"), "archive": _l("archived"),
           "unarchive": _l("restored from the archive"), "purge": _l("deleted permanently")}
# The records a history shows besides its own: named in the "What" column.
RECORD_KINDS = {"service": _l("Service"), "organization": _l("Organization"), "location": _l("Location"),
                "schedule": _l("Opening hours"), "phone": _l("Phone number"), "address": _l("Address"),
                "service_capacity": _l("Live capacity")}
FREQUENCIES = {"DAILY": _l("every day"), "WEEKLY": _l("every week"), "MONTHLY": _l("every month"),
               "YEARLY": _l("every year")}
STATUSES = {"active": _l("Active"), "temporarily closed": _l("Temporarily closed"), "inactive": _l("Inactive"),
            "defunct": _l("Defunct")}
# Bilingual fields: `<name>_fr` is "<label> (français)", `<name>_en` "<label> (anglais)".
TEXT_FIELDS = {
    "name": _l("Name"), "alternate_name": _l("Other name"), "description": _l("Description"),
    "eligibility_description": _l("Who it is for"), "application_process": _l("How to apply"),
    "fees_description": _l("Fees"), "interpretation_services": _l("Interpretation"), "alert": _l("Alert"),
    "keywords": _l("Search keywords"), "transportation": _l("Getting there"), "notes": _l("Notes"),
}
FIELDS = {
    "*": _l("Whole record"), "url": _l("Web page"), "website": _l("Website"), "email": _l("Email"),
    "status": _l("Status"), "minimum_age": _l("Minimum age"), "maximum_age": _l("Maximum age"),
    "is_temporary": _l("Temporary service"), "is_crisis": _l("Crisis service"), "valid_from": _l("First day"),
    "valid_to": _l("Last day"), "languages": _l("Languages"), "categories": _l("Categories"),
    "verified_on": _l("Last verified"), "legal_status": _l("Legal status"),
    "year_incorporated": _l("Year incorporated"), "latitude": _l("Latitude"), "longitude": _l("Longitude"),
    "region_code": _l("Administrative region"), "accessibility": _l("Accessibility"), "byday": _l("Days"),
    "opens_at": _l("Opens at"), "closes_at": _l("Closes at"), "address_type": _l("Kind of address"),
    "attention": _l("Attention (person or department)"), "address_1": _l("Street address"),
    "address_2": _l("Suite, floor, building"), "city": _l("Municipality"), "region": _l("Borough or sector"),
    "state_province": _l("Province"), "postal_code": _l("Postal code"), "country": _l("Country"),
    "number": _l("Phone number"), "extension": _l("Extension"), "type": _l("Kind of line"),
    "service_id": _l("Service"), "organization_id": _l("Organization"), "location_id": _l("Location"),
    "service_at_location_id": _l("Service at a location"), "freq": _l("Repeats"), "interval": _l("Interval"),
    "dtstart": _l("Starting on"),
    "unit_id": _l("Unit"), "available": _l("Available now"), "maximum": _l("Maximum"), "updated": _l("Updated"),
}
# Where the same column means something else on another record.
RECORD_FIELDS = {("schedule", "valid_from"): _l("From"), ("schedule", "valid_to"): _l("Until")}


def field_label(resource_type: str, name: str) -> str:
    """A column as the staff pages name it: "Description (français)", "Heures d'ouverture"."""
    if (resource_type, name) in RECORD_FIELDS:
        return str(RECORD_FIELDS[resource_type, name])
    base, _sep, lang = name.rpartition("_")
    if base in TEXT_FIELDS and len(lang) == 2:
        return f"{TEXT_FIELDS[base]} ({language_name(lang)})"
    return str(FIELDS[name]) if name in FIELDS else name


def action_label(action: str) -> str:
    return str(ACTIONS[action]) if action in ACTIONS else action


def record_kind(resource_type: str) -> str:
    return str(RECORD_KINDS[resource_type]) if resource_type in RECORD_KINDS else resource_type


def status_label(status: str | None) -> str:
    return str(STATUSES[status]) if status in STATUSES else (status or "")


def _named(pair: Any) -> str | None:
    """A vocabulary label, (French, English) pair or record with name_fr/name_en, in the page's language."""
    if isinstance(pair, tuple):
        pair = dict(zip(("name_fr", "name_en"), pair, strict=False))
    found = localized(pair, "name")
    return str(found) if found else None


def _choice_labels(resource_type: str, name: str) -> dict[str, Any]:
    from directory import taxonomy
    from directory.geo import regions
    from directory.vocabulary import ACCESSIBILITY_FEATURES

    if name == "categories":
        return {code: _named(category) for code, category in taxonomy.by_code().items()}
    if name == "accessibility":
        return {code: _named(pair) for code, pair in ACCESSIBILITY_FEATURES.items()}
    if name == "region_code":
        return {code: f"{code} – {_named(region)}" for code, region in regions().items()}
    if name == "type" and resource_type == "phone":
        return dict(PHONE_TYPES)
    if name == "address_type":
        return dict(ADDRESS_TYPES)
    if name == "unit_id" and resource_type == "service_capacity":
        from directory.vocabulary import CAPACITY_UNITS, unit_id

        return {unit_id(key): _named(unit) for key, unit in CAPACITY_UNITS.items()}
    return {}


def value_text(resource_type: str, name: str, text: str) -> str:
    """An audit row's stored text (`curation.audit_text`) in words, in the page's language."""
    if text == "":
        return ""
    if name == "*":
        return action_label({"created": "create", "deleted": "delete"}.get(text, text))
    if name == "status":
        return status_label(text)
    if name in ("opens_at", "closes_at"):
        return clock(text)
    if name == "byday":
        return days_text(text)
    if name == "freq":
        return str(FREQUENCIES.get(text.upper(), text))
    if name == "languages":
        return ", ".join(language_name(code) for code in text.split(",") if code)
    labels = _choice_labels(resource_type, name)
    if labels:
        return ", ".join(str(labels.get(code) or code) for code in text.split(",") if code)
    model = curation.MODELS.get(resource_type)
    if model is None and resource_type == "service_capacity":  # audited, not edited (directory.capacity)
        from directory.models import ServiceCapacity

        model = ServiceCapacity  # type: ignore[assignment]
    column = model.__table__.columns.get(name) if model is not None else None
    kind = column.type if column is not None else None
    try:
        if isinstance(kind, Boolean):
            return _("Yes") if text.lower() in ("true", "1") else _("No")
        if isinstance(kind, DateTime):
            from portal.staff.routing import montreal

            local = montreal(dt.datetime.fromisoformat(text))
            return local.strftime("%Y-%m-%d %H:%M") if local else text
        if isinstance(kind, Date):
            return format_date(dt.date.fromisoformat(text), "medium")
    except ValueError:
        return text
    if name in ("minimum_age", "maximum_age", "interval") and text.isdigit():
        return format_number(int(text))
    return text


# -- a long text's change, word by word ------------------------------------------------------------

SHORT_TEXT = 80  # characters: a value this short is shown whole, before and after
CONTEXT_WORDS = 30  # unchanged words kept on each side of a change in a long text
_WORDS = re.compile(r"\S+\s*")  # a word and the spaces after it


def is_long_change(before: str, after: str) -> bool:
    """Both sides are text and one is long: show a word diff rather than two values."""
    return bool(before and after) and max(len(before), len(after)) > SHORT_TEXT


def _kept(words: list[str], first: bool, last: bool) -> Markup:
    """An unchanged run, shortened to CONTEXT_WORDS words next to each change when long."""
    if len(words) <= CONTEXT_WORDS * (1 if first or last else 2) + 10:
        return Markup(escape("".join(words)))
    head = [] if first else words[:CONTEXT_WORDS]
    tail = [] if last else words[-CONTEXT_WORDS:]
    skipped = len(words) - len(head) - len(tail)
    gap = Markup('<span class="diff-gap">[…<span class="visually-hidden"> {}</span>]</span> ').format(
        _("%(num)s unchanged words", num=format_number(skipped)))
    return escape("".join(head)) + gap + escape("".join(tail))


def _marked(tag: str, announce: str, words: list[str]) -> Markup:
    """Changed words in <del> or <ins>; the spaces after the last one stay outside the mark."""
    text = "".join(words)
    inside = text.rstrip()
    return Markup('<{0}><span class="visually-hidden">{1} </span>{2}</{0}>{3}').format(
        Markup(tag), announce, inside, text[len(inside):])


def word_diff(before: str, after: str) -> Markup:
    """`before` changed into `after`, word by word: deleted words in <del>, inserted in <ins>,
    each announced to screen readers ("supprimé :", "ajouté :"); long unchanged runs shortened.
    Words are compared without the spaces around them."""
    if before == after:
        return Markup(escape(after))
    lead = after[:len(after) - len(after.lstrip())]
    old, new = _WORDS.findall(before.lstrip()), _WORDS.findall(after.lstrip())
    matcher = difflib.SequenceMatcher(a=[w.rstrip() for w in old], b=[w.rstrip() for w in new], autojunk=False)
    opcodes = matcher.get_opcodes()
    parts = [Markup(escape(lead))]
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            last = index == len(opcodes) - 1
            parts.append(_kept(new[j1:j2], index == 0, last))
            if not last and new[j2 - 1] == new[j2 - 1].rstrip():
                parts.append(Markup(" "))  # the text ended here; the deleted words came after a space
            continue
        if op in ("delete", "replace"):
            deleted = old[i1:i2]
            if op == "replace" or j1 == len(new):
                parts.append(_marked("del", _("deleted:"), deleted))
            else:  # keep one space between the deletion and the next word
                parts.append(_marked("del", _("deleted:"), deleted[:-1] + [deleted[-1].rstrip() + " "]))
        if op in ("insert", "replace"):
            parts.append(_marked("ins", _("added:"), new[j1:j2]))
    return Markup("").join(parts)


# -- a history row, as the page shows it ------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEntry:
    action: str  # "modifié"
    record: str | None  # the child record's kind ("Heures d'ouverture"), None for the record itself
    field: str  # "Description (français)"
    before: str
    after: str
    diff: Markup | None  # a long text's change, word by word (then before/after are not shown)


def history_entry(row, resource_type: str) -> HistoryEntry:
    before = value_text(row.resource_type, row.field_name, row.previous_value or "")
    after = value_text(row.resource_type, row.field_name, row.replacement_value or "")
    diff = word_diff(before, after) if is_long_change(before, after) else None
    return HistoryEntry(action_label(row.last_action_type),
                        record_kind(row.resource_type) if row.resource_type != resource_type else None,
                        field_label(row.resource_type, row.field_name), before, after, diff)


# -- a service's organization and towns, beside its name ---------------------------------------------


@dataclass(frozen=True)
class ServicePlace:
    organization: str | None
    towns: tuple[str, ...]

    @property
    def text(self) -> str:
        return " · ".join(part for part in (self.organization, ", ".join(self.towns)) if part)


def service_places(session, service_ids: list[str]) -> dict[str, ServicePlace]:
    """Each service's organization (in the page's language) and the towns of its physical
    addresses: what tells two services with the same name apart."""
    if not service_ids:
        return {}
    organizations = {row.id: row for row in session.execute(
        select(Service.id, Organization.name_fr, Organization.name_en)
        .join(Organization, Organization.id == Service.organization_id).where(Service.id.in_(service_ids)))}
    towns: dict[str, set[str]] = {}
    for service_id, city in session.execute(
            select(ServiceAtLocation.service_id, Address.city)
            .join(Location, Location.id == ServiceAtLocation.location_id)
            .join(Address, Address.location_id == Location.id)
            .where(ServiceAtLocation.service_id.in_(service_ids), Address.address_type == "physical")):
        if city:
            towns.setdefault(service_id, set()).add(city)
    found = {}
    for service_id in service_ids:
        row = organizations.get(service_id)
        name = localized({"name_fr": row.name_fr, "name_en": row.name_en}, "name") if row else None
        found[service_id] = ServicePlace(str(name) if name else None, tuple(sorted(towns.get(service_id, ()))))
    return found
