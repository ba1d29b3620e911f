"""Holidays and exceptions in the staff area: a service's holiday rule (part of its form) and its
exceptional closures and special hours (schedule rows with `exception`, added, edited and deleted
through portal/staff/children.py's router like its regular opening hours).

The rule and the calendar are directory/holidays.py's; how they change the hours,
indexer/schedule.py and portal/display/hours.py. An exception always has an end date: a closure
left open-ended would hide a service for good.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField, ValidationError
from wtforms.validators import InputRequired, Optional

from directory import holidays
from portal.i18n import current_lang
from portal.staff.forms import (
    NOTE_CHARS,
    WEEKDAYS,
    CheckboxesField,
    ChildForm,
    MaxChars,
    ServiceForm,
    checked_time,
    choices,
    parse_time,
    values_of,
)

RULE_CHOICES = (
    ("", _l("Closed on statutory holidays, unless open seven days a week (default)")),
    (holidays.CLOSED, _l("Closed on every statutory holiday")),
    (holidays.OPEN, _l("Open on holidays (regular hours)")),
    (holidays.LISTED, _l("Closed on the days ticked below only")),
)
# Longest an exception may last: a closure for longer is a status change ("temporarily closed").
MAX_EXCEPTION_DAYS = 366


COMMON_CLOSURE = _l("common closure")


def holiday_choices() -> list:
    """Every holiday and common closure, named in the page's language."""
    lang = current_lang()
    return choices([(key, (fr if lang == "fr" else en) + ("" if statutory else f" ({COMMON_CLOSURE})"))
                    for key, (fr, en, statutory) in holidays.NAMES.items()])


class HolidayRuleFields:
    """The service form's holiday rule: a choice, and the days of a "listed" rule."""

    holiday_rule = SelectField(_l("On Québec holidays"), choices=choices(RULE_CHOICES), validators=[Optional()])
    holiday_days = CheckboxesField(_l("Closed on these days"))

    def validate_holiday_days(self, field) -> None:
        if self.holiday_rule.data == holidays.LISTED and not field.data:  # type: ignore[attr-defined]
            raise ValidationError(_l("Tick at least one day, or choose another rule."))


class ServiceWithHolidaysForm(HolidayRuleFields, ServiceForm):
    """The service form with its holiday rule (kept out of forms.py, which is long enough)."""

    FIELDS = (*ServiceForm.FIELDS, "holiday_rule")


def rule_form_data(stored: str | None) -> dict:
    """The form's two fields from the stored rule."""
    rule = holidays.parse_rule(stored)
    mode = "" if rule.mode == holidays.AUTO else rule.mode
    return {"holiday_rule": mode, "holiday_days": [k for k in holidays.KEYS if k in rule.keys]}


def rule_values(form, values: dict) -> dict:
    """`values` (from `values_of`) with the rule as the directory stores it."""
    mode = form.holiday_rule.data or holidays.AUTO
    keys = frozenset(form.holiday_days.data or ()) if mode == holidays.LISTED else frozenset()
    return values | {"holiday_rule": holidays.HolidayRule(mode, keys).text()}


class ExceptionForm(ChildForm):
    """An exceptional closure or special hours, from one date to another (both required)."""

    PAIRS = (("description", _l("Reason shown to the public")),)
    FIELDS = ("exception", "valid_from", "valid_to", "byday", "opens_at", "closes_at", "description_fr",
              "description_en")
    NEW = {"exception": "closed"}

    exception = RadioField(_l("What changes"), choices=choices((
        ("closed", _l("Closed")), ("hours", _l("Special hours")))), validators=[InputRequired()])
    valid_from = DateField(_l("From"), validators=[InputRequired(message=_l("Enter the first day."))])
    valid_to = DateField(_l("Until (last day)"), validators=[InputRequired(message=_l("Enter the last day."))])
    byday = CheckboxesField(_l("Only on these days (none ticked: every day)"))
    # No Optional(): it would stop the chain before validate_opens_at, which requires them for hours.
    opens_at = StringField(_l("Opens at"), validators=[MaxChars(20)])
    closes_at = StringField(_l("Closes at"), validators=[MaxChars(20)])
    description_fr = TextAreaField(_l("Reason in French"), validators=[Optional(), MaxChars(NOTE_CHARS)])
    description_en = TextAreaField(_l("Reason in English"), validators=[Optional(), MaxChars(NOTE_CHARS)])

    @classmethod
    def stored_data(cls, current: dict) -> dict:
        return current | {"byday": [d for d in (current.get("byday") or "").split(",") if d]}

    def offer_choices(self, current: dict) -> None:
        from portal.i18n import day_name

        self.byday.choices = choices([(d, day_name(i).capitalize()) for i, d in enumerate(WEEKDAYS)])

    def values(self) -> dict:
        found = values_of(self) | {"byday": ",".join(d for d in WEEKDAYS if d in (self.byday.data or [])) or None}
        for name in ("description_fr", "description_en"):
            found[name] = (found[name] or "").strip() or None
        if found["exception"] == "closed":
            found |= {"opens_at": None, "closes_at": None}
        return found

    def validate_valid_to(self, field) -> None:
        start = self.valid_from.data
        if field.data and start:
            if field.data < start:
                raise ValidationError(_l("The last day must be on or after the first day."))
            if (field.data - start).days >= MAX_EXCEPTION_DAYS:
                raise ValidationError(_l("An exception lasts at most a year; for longer, change the service's "
                                         "status or its regular hours."))

    def validate_opens_at(self, field) -> None:
        if self.exception.data != "hours":
            return
        if not (field.data or "").strip():
            raise ValidationError(_l("Enter the opening time, like 9 h or 9:00."))
        field.data = checked_time(field.data, _l("Enter the opening time like 9 h, 9 h 30, 9:00 or 21:30."))

    def validate_closes_at(self, field) -> None:
        if self.exception.data != "hours":
            return
        if not (field.data or "").strip():
            raise ValidationError(_l("Enter the closing time, like 17 h or 17:00."))
        # A closing time before the opening one runs past midnight (an overnight shelter's 19 h → 7 h).
        field.data = checked_time(field.data, _l("Enter the closing time like 17 h, 17 h 30, 17:00 or 24:00."))
        if field.data == parse_time(self.opens_at.data or ""):
            raise ValidationError(_l("The closing time must differ from the opening time."))


