"""Vocabulary gaps: the needs people searched for that found nothing or almost nothing.

Read from the `unmet_need_week` roll-up (the needs are already scrubbed and reduced to their
content words by `needs.log`), for the staff report where curators add the missing words to the
services that answer them (portal/staff/vocabulary.py). A need asked fewer than
`stats.SUPPRESS_BELOW` times over the period is left out, not merely hidden: a rare need, written
in a person's own words, can say who searched (docs/architecture.md, decision 9).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from needs import stats
from needs.models import UnmetNeedWeek
from needs.record import week_of

PERIODS = (4, 13, 52)  # weeks
DEFAULT_WEEKS = 13
LIMIT = 50


@dataclass(frozen=True)
class Gap:
    need: str
    zero_results: int  # searches that found nothing
    few_results: int  # searches that found 1 to FEW_RESULTS

    @property
    def searches(self) -> int:
        return self.zero_results + self.few_results


def vocabulary_gaps(engine: Engine, today: dt.date, weeks: int = DEFAULT_WEEKS, limit: int = LIMIT) -> list[Gap]:
    """The `limit` needs with the most zero- and few-result searches over the last `weeks` weeks,
    most first (ties by need), each asked at least `stats.SUPPRESS_BELOW` times."""
    t = UnmetNeedWeek.__table__.c
    first = week_of(today) - dt.timedelta(weeks=weeks - 1)
    total = func.sum(t.zero_results + t.few_results)
    query = (
        select(t.need, func.sum(t.zero_results), func.sum(t.few_results))
        .where(t.week >= first, t.need != "")
        .group_by(t.need)
        .having(total >= stats.SUPPRESS_BELOW)
        .order_by(total.desc(), t.need)
        .limit(limit)
    )
    with engine.connect() as conn:
        return [Gap(str(need), int(zero), int(few)) for need, zero, few in conn.execute(query)]
