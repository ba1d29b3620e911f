"""HSDS 3.1's live capacity: `unit` (what is counted) and `service_capacity` (how many are free now,
out of how many, since when). Bilingual like every human-readable field (decision 1): `unit.name`
and `service_capacity.description` are stored `_fr`/`_en`. The units the portal knows come from
`directory.vocabulary.CAPACITY_UNITS`, added when first used (`directory.capacity.ensure_units`);
changes go through `directory.capacity.set_capacity` only (validated, audited)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from directory.models.base import Base, fk_column, id_column


class Unit(Base):
    __tablename__ = "unit"
    __bilingual__ = ("name",)

    id: Mapped[str] = id_column()
    name_fr: Mapped[str] = mapped_column(String(255))
    name_en: Mapped[str | None] = mapped_column(String(255))
    scheme: Mapped[str | None] = mapped_column(String(100))
    identifier: Mapped[str | None] = mapped_column(
        String(100), index=True, comment="Key of directory.vocabulary.CAPACITY_UNITS when scheme is portail211")
    uri: Mapped[str | None] = mapped_column(String(500))


class ServiceCapacity(Base):
    __tablename__ = "service_capacity"
    __bilingual__ = ("description",)
    __table_args__ = (UniqueConstraint("service_id", "unit_id"),)

    id: Mapped[str] = id_column()
    service_id: Mapped[str] = fk_column("service.id", nullable=False)
    unit_id: Mapped[str] = mapped_column(String(36), ForeignKey("unit.id", ondelete="RESTRICT"), index=True)
    available: Mapped[int] = mapped_column(Integer, comment="Units free at `updated` (a whole number, >= 0)")
    maximum: Mapped[int | None] = mapped_column(Integer)
    description_fr: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    updated: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), comment="When the count was given (HSDS 3.1.1: date-time)")

    unit: Mapped[Unit] = relationship()
