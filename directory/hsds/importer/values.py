"""Values of an HSDS file turned into column values, compared, and written into the change log."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from decimal import Decimal
from typing import Any, TypeGuard

from directory.hsds.spec import join_keywords


def _parse_datetime(value: Any) -> dt.datetime:
    if not isinstance(value, str):
        raise ValueError("expected an ISO 8601 date-time string")
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC)


def _parse_date(value: Any) -> dt.date:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("expected a date YYYY-MM-DD")
    return dt.date.fromisoformat(value)


def from_json(kind: str, value: Any) -> Any:
    """A JSON value → the column value (ValueError with a readable message when impossible)."""
    if value is None:
        return None
    if kind == "str":
        if not isinstance(value, str):
            raise ValueError("expected a string")
        return value
    if kind in ("int", "extension"):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
            raise ValueError("expected a whole number")
        return int(value) if kind == "int" else str(int(value))
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError("expected a number")
        return float(value)
    if kind == "decimal":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError("expected a number")
        return Decimal(str(value))
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError("expected true or false")
        return value
    if kind == "date":
        return _parse_date(value)
    if kind == "datetime":
        return _parse_datetime(value)
    if kind == "keywords":
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, list):
            raise ValueError("expected a list of keywords")
        return join_keywords(value)
    raise AssertionError(kind)


def same_value(a: Any, b: Any) -> bool:
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        if a.tzinfo is None:
            a = a.replace(tzinfo=dt.UTC)
        if b.tzinfo is None:
            b = b.replace(tzinfo=dt.UTC)
    if isinstance(a, (Decimal, float, int)) and isinstance(b, (Decimal, float, int)) \
            and not isinstance(a, bool) and not isinstance(b, bool):
        return Decimal(str(a)) == Decimal(str(b))
    return bool(a == b)


def audit_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def valid_uuid(value: Any) -> TypeGuard[str]:
    if not isinstance(value, str):
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return len(value) == 36
