"""Field values: as audit text and back (typed like the column), cleaned from a form, and the
list-valued fields kept in child tables, read and written as one field of their parent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Numeric, select
from sqlalchemy.orm import Session

from directory.curation.fields import LIST_FIELDS, MODELS, CurationError, Record
from directory.models import Accessibility, Attribute, Language, TaxonomyTerm
from directory.vocabulary import ACCESSIBILITY_FEATURES

# -- values as audit text and back ----------------------------------------------------------------


def audit_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        return ",".join(sorted(str(v) for v in value))
    if isinstance(value, float):
        return repr(value)
    return str(value)


def from_text(resource_type: str, name: str, text: str) -> Any:
    """The Python value an audit text stands for, typed like the column (for reverts)."""
    if (resource_type, name) in LIST_FIELDS:
        return [v for v in text.split(",") if v]
    column = MODELS[resource_type].__table__.columns[name]
    if text == "":
        return None if column.nullable else ""
    kind = column.type
    if isinstance(kind, Boolean):
        return text.lower() in ("true", "1")
    if isinstance(kind, DateTime):
        return dt.datetime.fromisoformat(text)
    if isinstance(kind, Date):
        return dt.date.fromisoformat(text)
    if isinstance(kind, Integer):
        return int(text)
    if isinstance(kind, Numeric) and not isinstance(kind, Float):
        return Decimal(text)
    if isinstance(kind, Float):
        return float(text)
    return text


def clean(resource_type: str, name: str, value: Any) -> Any:
    """Strip text; empty text is NULL where the column allows it."""
    if (resource_type, name) in LIST_FIELDS:
        return sorted({str(v).strip() for v in (value or ()) if str(v).strip()})
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            column = MODELS[resource_type].__table__.columns[name]
            return None if column.nullable else ""
    return value


# -- list-valued fields ---------------------------------------------------------------------------


def get_field(session: Session, record: Record, name: str) -> Any:
    kind = record.__tablename__
    if (kind, name) == ("service", "languages"):
        return sorted({c for c in session.scalars(select(Language.code).where(Language.service_id == record.id)) if c})
    if (kind, name) == ("service", "categories"):
        return sorted(session.scalars(
            select(TaxonomyTerm.code).join(Attribute, Attribute.taxonomy_term_id == TaxonomyTerm.id)
            .where(Attribute.link_entity == "service", Attribute.link_id == record.id)))
    if (kind, name) == ("location", "accessibility"):
        return sorted({f for f in session.scalars(
            select(Accessibility.feature).where(Accessibility.location_id == record.id)) if f})
    if (kind, name) == ("phone", "languages"):
        return sorted({c for c in session.scalars(select(Language.code).where(Language.phone_id == record.id)) if c})
    return getattr(record, name)


def set_field(session: Session, record: Record, name: str, value: Any) -> None:
    kind = record.__tablename__
    if (kind, name) in (("service", "languages"), ("phone", "languages")):
        owner = Language.service_id if kind == "service" else Language.phone_id
        wanted = set(value)
        for row in session.scalars(select(Language).where(owner == record.id)):
            if row.code not in wanted:
                session.delete(row)
            else:
                wanted.discard(row.code)
        for code in sorted(wanted):
            session.add(Language(**{owner.key: record.id}, code=code, name=code))
    elif (kind, name) == ("service", "categories"):
        terms = dict(session.execute(select(TaxonomyTerm.code, TaxonomyTerm.id).where(
            TaxonomyTerm.code.in_(list(value)))).all())
        unknown = set(value) - set(terms)
        if unknown:
            raise CurationError("unknown_category", f"unknown taxonomy codes {sorted(unknown)}")
        wanted = {terms[c] for c in value}
        for attribute in session.scalars(select(Attribute).where(
                Attribute.link_entity == "service", Attribute.link_id == record.id)):
            if attribute.taxonomy_term_id not in wanted:
                session.delete(attribute)
            else:
                wanted.discard(attribute.taxonomy_term_id)
        for term_id in sorted(wanted):
            session.add(Attribute(link_id=record.id, link_entity="service", link_type="service_category",
                                  taxonomy_term_id=term_id))
    elif (kind, name) == ("location", "accessibility"):
        unknown = set(value) - set(ACCESSIBILITY_FEATURES)
        if unknown:
            raise CurationError("unknown_feature", f"unknown accessibility features {sorted(unknown)}")
        wanted = set(value)
        accesses = select(Accessibility).where(Accessibility.location_id == record.id)
        for access in session.scalars(accesses):
            if access.feature is None:
                continue  # free-text rows from imports are not managed by the checkbox list
            if access.feature not in wanted:
                session.delete(access)
            else:
                wanted.discard(access.feature)
        for feature in sorted(wanted):
            label_fr, label_en = ACCESSIBILITY_FEATURES[feature]
            session.add(Accessibility(location_id=record.id, feature=feature, description_fr=label_fr,
                                      description_en=label_en))
    else:
        setattr(record, name, value)


def read(session: Session, record: Record, names: Iterable[str]) -> dict[str, Any]:
    """Current values of editable fields, list-valued ones included (to fill a form)."""
    return {name: get_field(session, record, name) for name in names}
