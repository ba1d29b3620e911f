"""The query log and its roll-ups, on `directory.models.Base` so one Alembic history covers them.

Privacy (docs/architecture.md, decision 9): no column can hold an IP, user agent, cookie, session id
or referrer; `query` is scrubbed before it is written (needs/scrub.py); time is the local hour;
place is the postal FSA and the region. The dashboard reads only the two roll-ups, which
`needs.log` keeps current at every flush, so it never scans the raw log.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from directory.models import Base

CHANNELS = ("web", "widget", "api")
# A search with at most this many results is "few results": the need is barely met.
FEW_RESULTS = 3


class QueryLog(Base):
    """One search, anonymous. Kept for re-computing roll-ups and for research under agreement."""

    __tablename__ = "query_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    searched_hour: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=False), index=True, comment="Local wall-clock hour in America/Montreal (privacy)"
    )
    channel: Mapped[str] = mapped_column(String(10), comment="web, widget or api")
    locale: Mapped[str] = mapped_column(String(2))
    query: Mapped[str] = mapped_column(String(200), comment="Folded and scrubbed of personal information")
    need: Mapped[str] = mapped_column(String(120), comment="The query reduced to its content words")
    category: Mapped[str] = mapped_column(String(40), comment="Top-level taxonomy code, '' when unmapped")
    filters: Mapped[str] = mapped_column(String(500), comment="JSON: facet names and values, no free text")
    fsa: Mapped[str] = mapped_column(String(3), comment="Postal FSA of the place searched from, or ''")
    region_code: Mapped[str] = mapped_column(String(2), comment="Administrative region 01-17, or ''")
    results: Mapped[int | None] = mapped_column(Integer, comment="Total results; NULL when the search failed")
    zero_result: Mapped[bool] = mapped_column(Boolean)


class SearchWeek(Base):
    """Searches per week, region, category, channel and locale: the dashboard's main source."""

    __tablename__ = "search_week"
    # Covering index for the dashboard's reads (`needs.report.load_cube`): the per-week fingerprints
    # and the grouped read of changed weeks come from the index alone, in GROUP BY order.
    __table_args__ = (Index("ix_search_week_cube", "week", "region_code", "category", "searches",
                            "zero_results", "few_results"),)

    week: Mapped[dt.date] = mapped_column(Date, primary_key=True, comment="Monday of the local week")
    region_code: Mapped[str] = mapped_column(String(2), primary_key=True, comment="'' when unknown")
    category: Mapped[str] = mapped_column(String(40), primary_key=True, comment="'' when unmapped")
    channel: Mapped[str] = mapped_column(String(10), primary_key=True)
    locale: Mapped[str] = mapped_column(String(2), primary_key=True)
    searches: Mapped[int] = mapped_column(Integer, default=0)
    zero_results: Mapped[int] = mapped_column(Integer, default=0)
    few_results: Mapped[int] = mapped_column(Integer, default=0, comment=f"1 to {FEW_RESULTS} results")


class UnmetNeedWeek(Base):
    """Searches that found nothing or almost nothing, per week, normalised need and region."""

    __tablename__ = "unmet_need_week"
    __table_args__ = (Index("ix_unmet_need_week_week_region", "week", "region_code"),)

    week: Mapped[dt.date] = mapped_column(Date, primary_key=True, comment="Monday of the local week")
    need: Mapped[str] = mapped_column(String(120), primary_key=True)
    region_code: Mapped[str] = mapped_column(String(2), primary_key=True)
    category: Mapped[str] = mapped_column(String(40), primary_key=True)
    zero_results: Mapped[int] = mapped_column(Integer, default=0)
    few_results: Mapped[int] = mapped_column(Integer, default=0, comment=f"1 to {FEW_RESULTS} results")
    # On which days of the week the need was searched, so the dashboard can publish a phrase only
    # when it was searched on enough different days (needs.report, PHRASE_MIN_DAYS). Merged with a
    # bitwise OR by every flush; 0 for rows logged before the column existed (never published).
    days: Mapped[int] = mapped_column(Integer, default=0, server_default="0",
                                      comment="Bit d set when searched on weekday d (Monday = bit 0)")


class ServiceAppearanceWeek(Base):
    """How many times each service was shown on a first page of results, per week: the demand
    signal that orders the curators' review queue (portal/staff).

    Privacy (docs/architecture.md, decision 9): a count of how often a *service* was shown is a fact
    about the directory, not about a person. It is kept apart from `query_log` on purpose: no query
    text, no place, no channel, no hour and no key linking it to a search row, only (week, service,
    count), added up in memory before it is written. So it cannot be joined back to what someone
    searched for, or where from, and the raw log still holds no service ids.
    """

    __tablename__ = "service_appearance_week"

    week: Mapped[dt.date] = mapped_column(Date, primary_key=True, comment="Monday of the local week")
    service_id: Mapped[str] = mapped_column(
        String(36), primary_key=True, comment="No foreign key: the log may live in another database"
    )
    appearances: Mapped[int] = mapped_column(Integer, default=0, comment="First result pages that showed it")
