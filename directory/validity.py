"""When a service is offered: the one statement of the temporary-service rule.

A temporary service (`is_temporary`: a warming centre, a flood relief point) is offered from
`valid_from` to `valid_to`, both days included, either end open; before its first day and after its
last it is out of search, lists and exports. A service that is not temporary is always offered:
its `valid_from`/`valid_to` do not apply.

Both engines apply this rule at query time, so the index need not be rebuilt the day a service
starts or ends (`indexer.relevance.Plan.exclude_expired_before`, translated by
`indexer.opensearch_query` and `indexer.embedded`); Python code that reads documents or rows
straight from the directory (whole-directory exports) calls `offered_on`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def _day(value: dt.date | str | None) -> dt.date | None:
    """A date, from a date or from a search document's ISO string."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    return value


def offered_on(day: dt.date, is_temporary: bool, valid_from: dt.date | str | None,
               valid_to: dt.date | str | None) -> bool:
    """Whether a service with these fields is offered on `day`."""
    if not is_temporary:
        return True
    first, last = _day(valid_from), _day(valid_to)
    return (first is None or first <= day) and (last is None or day <= last)


def document_offered_on(doc: dict[str, Any], day: dt.date) -> bool:
    """`offered_on` for a search document (indexer.document)."""
    return offered_on(day, doc["is_temporary"], doc["valid_from"], doc["valid_to"])
