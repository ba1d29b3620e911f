"""What every table shares: the declarative base (naming convention, the bilingual text accessor),
id and foreign-key columns, and the vocabularies the columns take."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import ClassVar

from sqlalchemy import (
    ForeignKey,
    MetaData,
    String,
    Table,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

LOCALES = ("fr", "en")
SERVICE_STATUSES = ("active", "inactive", "defunct", "temporarily closed")
LOCATION_TYPES = ("physical", "postal", "virtual")
ADDRESS_TYPES = ("physical", "postal", "virtual")


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    # Every model maps a plain Table (SQLAlchemy's own advice for typing `__table__` so).
    __table__: ClassVar[Table]
    __bilingual__: tuple[str, ...] = ()

    def text(self, field: str, locale: str) -> tuple[str | None, str]:
        """The field in `locale`, falling back to French; returns (value, language of value)."""
        if locale == "en":
            value = getattr(self, f"{field}_en", None)
            if value:
                return value, "en"
        return getattr(self, f"{field}_fr", None), "fr"


def id_column() -> Mapped[str]:
    return mapped_column(String(36), primary_key=True, default=new_id)


def fk_column(target: str, *, nullable: bool = True, index: bool = True) -> Mapped[str]:
    return mapped_column(
        String(36), ForeignKey(target, ondelete="CASCADE"), nullable=nullable, index=index
    )
