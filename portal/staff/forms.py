"""Staff forms (Flask-WTF: every POST carries a CSRF token). Server-side validation only.

Bilingual fields come in `_fr`/`_en` pairs that the templates show side by side; `PAIRS` lists
them per form. French is required where the directory requires it; English is always optional.
Login and password fields carry the `autocomplete` tokens password managers rely on, and nothing
blocks paste (WCAG 3.3.8).
"""

from __future__ import annotations

import datetime as dt
import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    EmailField,
    FloatField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    EqualTo,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from directory.accounts import MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS
from portal.service.forms import EMAIL_SHAPE

URL_SHAPE = r"^https?://[^\s/$.?#][^\s]*$"
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Times as people write them: "9h", "9 h", "9 h 30", "9:00", "09:00", "21h", "9 am", "5:30 p.m.".
TIME_WRITTEN = re.compile(r"^(\d{1,2})(?:\s*(?:h|:|\.)\s*(\d{2})?)?\s*(?:([ap])\.?\s*m\.?)?$", re.IGNORECASE)
# Sensible lengths (characters): the form states them, the browser keeps to them, the server checks.
NAME_CHARS = 255
DESCRIPTION_CHARS = 5000
LONG_TEXT_CHARS = 2000
NOTE_CHARS = 1000  # schedule notes, banner messages
KEYWORD_CHARS = 1000
SHORT_TEXT_CHARS = 500  # alerts, a phone line's description


def parse_time(text: str | None) -> str | None:
    """A written time of day as the directory stores it ("HH:MM", 24:00 for midnight at the end of
    a day); None when it is not one."""
    match = TIME_WRITTEN.match((text or "").strip())
    if match is None:
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), (match.group(3) or "").lower()
    if half:  # 12 am is midnight, 12 pm noon
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    if minute > 59 or hour > 24 or (hour == 24 and minute):
        return None
    return f"{hour:02d}:{minute:02d}"


class MaxChars(Length):
    """Length(max=…) whose message gives the limit and the count in the page's number format. A
    textarea's line breaks count as one character, as the browser's maxlength counts them (forms
    send them as CR LF)."""

    def __init__(self, max_chars: int) -> None:
        super().__init__(max=max_chars)

    def __call__(self, form, field) -> None:
        from portal.i18n import format_number

        length = len(field.data.replace("\r\n", "\n")) if isinstance(field.data, str) else 0
        if length > self.max:
            raise ValidationError(_l("Use at most %(max)s characters (this has %(length)s).",
                                     max=format_number(self.max), length=format_number(length)))


class CheckboxesField(SelectMultipleField):
    """A group of checkboxes (a fieldset in the template), any number may be ticked."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form) -> None:
        # Unknown values are refused with a message, not silently dropped.
        known = {str(c.value) for c in self.choices or []}
        unknown = [v for v in (self.data or []) if v not in known]
        if unknown:
            raise ValidationError(self.gettext("Not a valid choice."))


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _text(label, *, required: str | None = None, max_chars: int = NAME_CHARS):
    validators = [DataRequired(message=required)] if required else [Optional()]
    return StringField(label, validators=[*validators, MaxChars(max_chars)], filters=[_strip])


def _area(label, *, required: str | None = None, max_chars: int = LONG_TEXT_CHARS):
    """A long text: its limit is stated under it, with a live count (static/js/staff.js)."""
    validators = [DataRequired(message=required)] if required else [Optional()]
    return TextAreaField(label, validators=[*validators, MaxChars(max_chars)], filters=[_strip])


class ChildForm(FlaskForm):
    """The form of a child record (phone, address, opening hours): what portal/staff/children.py's
    one add / edit / delete router needs to know about it, besides its fields."""

    FIELDS: tuple[str, ...] = ()
    NEW: dict = {}  # a new record's initial values

    @classmethod
    def stored_data(cls, current: dict) -> dict:
        """The form's data from the record's stored values (`curation.read`)."""
        return current

    def offer_choices(self, current: dict) -> None:
        """Fill the choices that depend on the page's language or on the stored values."""

    def values(self) -> dict:
        """The values to save, by field name."""
        return values_of(self)


class EmptyForm(FlaskForm):
    """A button that POSTs (sign out, revert, delete, end a banner): only the CSRF token."""


class LoginForm(FlaskForm):
    email = EmailField(_l("Email address"), validators=[DataRequired(message=_l("Enter your email address.")),
                                                        Length(max=255)], filters=[_strip])
    password = PasswordField(_l("Password"), validators=[DataRequired(message=_l("Enter your password.")),
                                                         Length(max=MAX_PASSWORD_CHARS)])


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[
        DataRequired(message=_l("Enter your current password."))])
    new_password = PasswordField(_l("New password"), validators=[
        DataRequired(message=_l("Enter a new password.")),
        Length(min=MIN_PASSWORD_CHARS, max=MAX_PASSWORD_CHARS,
               message=_l("Use at least %(min)d characters.", min=MIN_PASSWORD_CHARS))])
    confirm_password = PasswordField(_l("New password again"), validators=[
        DataRequired(message=_l("Enter the new password again.")),
        EqualTo("new_password", message=_l("The two new passwords are not the same."))])


URL_MESSAGE = _l("Enter a web address that starts with https://")
EMAIL_MESSAGE = _l("Enter an email address like name@example.com")


class OrganizationForm(FlaskForm):
    PAIRS = (("name", _l("Name")), ("alternate_name", _l("Other name")), ("description", _l("Description")))
    FIELDS = ("name_fr", "name_en", "alternate_name_fr", "alternate_name_en", "description_fr", "description_en",
              "email", "website", "legal_status", "year_incorporated")

    name_fr = _text(_l("Name in French"), required=_l("Enter the name in French."))
    name_en = _text(_l("Name in English"))
    alternate_name_fr = _text(_l("Other name in French"))
    alternate_name_en = _text(_l("Other name in English"))
    description_fr = _area(_l("Description in French"), required=_l("Enter the description in French."),
                           max_chars=DESCRIPTION_CHARS)
    description_en = _area(_l("Description in English"), max_chars=DESCRIPTION_CHARS)
    email = EmailField(_l("Email"), validators=[Optional(), Regexp(EMAIL_SHAPE, message=EMAIL_MESSAGE),
                                                Length(max=255)], filters=[_strip])
    website = URLField(_l("Website"), validators=[Optional(), Regexp(URL_SHAPE, message=URL_MESSAGE),
                                                  Length(max=500)], filters=[_strip])
    legal_status = _text(_l("Legal status"), max_chars=100)
    year_incorporated = IntegerField(_l("Year incorporated"), validators=[
        Optional(), NumberRange(min=1600, max=2100, message=_l("Enter a year like 1987."))])


class ServiceForm(FlaskForm):
    PAIRS = (
        ("name", _l("Name")), ("alternate_name", _l("Other name")), ("description", _l("Description")),
        ("eligibility_description", _l("Who it is for")), ("application_process", _l("How to apply")),
        ("fees_description", _l("Fees")), ("interpretation_services", _l("Interpretation")),
        ("alert", _l("Alert shown at the top of the page")), ("keywords", _l("Search keywords, comma-separated")),
    )
    FIELDS = (
        "name_fr", "name_en", "alternate_name_fr", "alternate_name_en", "description_fr", "description_en",
        "eligibility_description_fr", "eligibility_description_en", "application_process_fr",
        "application_process_en", "fees_description_fr", "fees_description_en", "interpretation_services_fr",
        "interpretation_services_en", "alert_fr", "alert_en", "keywords_fr", "keywords_en",
        "url", "email", "status", "minimum_age", "maximum_age", "is_temporary", "is_crisis", "valid_from",
        "valid_to", "languages", "categories",
    )

    name_fr = _text(_l("Name in French"), required=_l("Enter the name in French."))
    name_en = _text(_l("Name in English"))
    alternate_name_fr = _text(_l("Other name in French"))
    alternate_name_en = _text(_l("Other name in English"))
    description_fr = _area(_l("Description in French"), max_chars=DESCRIPTION_CHARS)
    description_en = _area(_l("Description in English"), max_chars=DESCRIPTION_CHARS)
    eligibility_description_fr = _area(_l("Who it is for, in French"))
    eligibility_description_en = _area(_l("Who it is for, in English"))
    application_process_fr = _area(_l("How to apply, in French"))
    application_process_en = _area(_l("How to apply, in English"))
    fees_description_fr = _area(_l("Fees in French"))
    fees_description_en = _area(_l("Fees in English"))
    interpretation_services_fr = _area(_l("Interpretation in French"))
    interpretation_services_en = _area(_l("Interpretation in English"))
    alert_fr = _area(_l("Alert in French"), max_chars=SHORT_TEXT_CHARS)
    alert_en = _area(_l("Alert in English"), max_chars=SHORT_TEXT_CHARS)
    keywords_fr = _area(_l("Keywords in French"), max_chars=KEYWORD_CHARS)
    keywords_en = _area(_l("Keywords in English"), max_chars=KEYWORD_CHARS)
    url = URLField(_l("Web page"), validators=[Optional(), Regexp(URL_SHAPE, message=URL_MESSAGE),
                                               Length(max=500)], filters=[_strip])
    email = EmailField(_l("Email"), validators=[Optional(), Regexp(EMAIL_SHAPE, message=EMAIL_MESSAGE),
                                                Length(max=255)], filters=[_strip])
    status = SelectField(_l("Status"), choices=[
        SelectChoice("active", _l("Active")), SelectChoice("temporarily closed", _l("Temporarily closed")),
        SelectChoice("inactive", _l("Inactive (not offered now)")),
        SelectChoice("defunct", _l("Defunct (no longer exists)")),
    ], validators=[InputRequired()])
    minimum_age = IntegerField(_l("Minimum age"), validators=[
        Optional(), NumberRange(min=0, max=120, message=_l("Enter an age from 0 to 120."))])
    maximum_age = IntegerField(_l("Maximum age"), validators=[
        Optional(), NumberRange(min=0, max=120, message=_l("Enter an age from 0 to 120."))])
    is_temporary = BooleanField(_l("Temporary service (leaves search after its last day)"))
    is_crisis = BooleanField(_l("Crisis service (listed on the emergency page)"))
    valid_from = DateField(_l("First day"), validators=[Optional()])
    valid_to = DateField(_l("Last day"), validators=[Optional()])
    languages = CheckboxesField(_l("Languages the service is offered in"))
    categories = CheckboxesField(_l("Categories"))

    def validate_maximum_age(self, field) -> None:
        if field.data is not None and self.minimum_age.data is not None and field.data < self.minimum_age.data:
            raise ValidationError(_l("The maximum age must be at least the minimum age."))

    def validate_valid_to(self, field) -> None:
        if field.data and self.valid_from.data and field.data < self.valid_from.data:
            raise ValidationError(_l("The last day must be on or after the first day."))
        if self.is_temporary.data and not field.data:
            raise ValidationError(_l("Enter the last day of a temporary service."))


class LocationForm(FlaskForm):
    PAIRS = (("name", _l("Name")), ("alternate_name", _l("Other name")), ("description", _l("Description")),
             ("transportation", _l("Getting there")))
    FIELDS = ("name_fr", "name_en", "alternate_name_fr", "alternate_name_en", "description_fr", "description_en",
              "transportation_fr", "transportation_en", "latitude", "longitude", "region_code", "accessibility",
              "confidential")

    name_fr = _text(_l("Name in French"))
    name_en = _text(_l("Name in English"))
    alternate_name_fr = _text(_l("Other name in French"))
    alternate_name_en = _text(_l("Other name in English"))
    description_fr = _area(_l("Description in French"), max_chars=DESCRIPTION_CHARS)
    description_en = _area(_l("Description in English"), max_chars=DESCRIPTION_CHARS)
    transportation_fr = _area(_l("Getting there, in French"))
    transportation_en = _area(_l("Getting there, in English"))
    latitude = FloatField(_l("Latitude"), validators=[
        Optional(), NumberRange(min=44.0, max=63.0, message=_l("Enter a latitude in Québec, like 45.5231."))])
    longitude = FloatField(_l("Longitude"), validators=[
        Optional(), NumberRange(min=-80.0, max=-56.0, message=_l("Enter a longitude in Québec, like -73.5817."))])
    region_code = SelectField(_l("Administrative region"), validators=[Optional()])
    accessibility = CheckboxesField(_l("Accessibility"))
    confidential = BooleanField(_l("Confidential address (never published)"))
    # Set by the view: whether the location's address gives an area (an FSA or a municipality the
    # portal knows) that distances to a confidential location can be measured from.
    area_known = True

    def validate_longitude(self, field) -> None:
        if (field.data is None) != (self.latitude.data is None):
            raise ValidationError(_l("Enter both the latitude and the longitude, or neither."))

    def validate_confidential(self, field) -> None:
        if field.data and not self.area_known:
            raise ValidationError(_l(
                "A confidential location needs an address with a Québec postal code or a known "
                "municipality: the public sees only that area, and searches near a place measure "
                "distances from it. Add or correct the address first."))


class ScheduleForm(ChildForm):
    PAIRS = (("description", _l("Description")), ("notes", _l("Notes")))
    FIELDS = ("byday", "opens_at", "closes_at", "valid_from", "valid_to", "description_fr", "description_en",
              "notes_fr", "notes_en")

    byday = CheckboxesField(_l("Days"), validators=[DataRequired(message=_l("Choose at least one day."))])
    opens_at = StringField(_l("Opens at"), validators=[
        DataRequired(message=_l("Enter the opening time, like 9 h or 9:00.")), MaxChars(20)], filters=[_strip])
    closes_at = StringField(_l("Closes at"), validators=[
        DataRequired(message=_l("Enter the closing time, like 17 h or 17:00.")), MaxChars(20)], filters=[_strip])
    valid_from = DateField(_l("From"), validators=[Optional()])
    valid_to = DateField(_l("Until"), validators=[Optional()])
    description_fr = _area(_l("Description in French"), max_chars=NOTE_CHARS)
    description_en = _area(_l("Description in English"), max_chars=NOTE_CHARS)
    notes_fr = _area(_l("Notes in French"), max_chars=NOTE_CHARS)
    notes_en = _area(_l("Notes in English"), max_chars=NOTE_CHARS)

    @classmethod
    def stored_data(cls, current: dict) -> dict:
        return current | {"byday": [d for d in (current["byday"] or "").split(",") if d]}

    def offer_choices(self, current: dict) -> None:
        from portal.i18n import day_name

        self.byday.choices = choices([(d, day_name(i).capitalize()) for i, d in enumerate(WEEKDAYS)])

    def values(self) -> dict:
        return values_of(self) | {"byday": ",".join(d for d in WEEKDAYS if d in (self.byday.data or []))}

    def validate_opens_at(self, field) -> None:
        # Stored as "HH:MM" whichever way it was written.
        if field.data:
            field.data = checked_time(field.data, _l("Enter the opening time like 9 h, 9 h 30, 9:00 or 21:30."))

    def validate_closes_at(self, field) -> None:
        if not field.data:
            return
        field.data = checked_time(field.data, _l("Enter the closing time like 17 h, 17 h 30, 17:00 or 24:00."))
        opens = parse_time(self.opens_at.data)
        if opens and field.data <= opens:
            raise ValidationError(_l("The closing time must be after the opening time."))

    def validate_valid_to(self, field) -> None:
        if field.data and self.valid_from.data and field.data < self.valid_from.data:
            raise ValidationError(_l("The end date must be on or after the start date."))


def checked_time(text: str, message) -> str:
    """`text` as HH:MM, or a ValidationError with `message` (every staff form with hours)."""
    found = parse_time(text)
    if found is None:
        raise ValidationError(message)
    return found


# Canadian postal codes: no D, F, I, O, Q, U anywhere, no W or Z in first place. Québec's begin with
# G (east), H (Montréal) or J (west and south).
POSTAL_CODE = re.compile(r"^([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])\s*(\d[ABCEGHJ-NPRSTV-Z]\d)$")
QUEBEC_FSA_LETTERS = ("G", "H", "J")
PROVINCES = ("QC", "ON", "NB", "NL", "NS", "PE", "MB", "SK", "AB", "BC", "YT", "NT", "NU")
# N11 service codes people dial as such (211, 811 Info-Santé, 911…), kept as given.
SHORT_CODES = frozenset(f"{n}11" for n in range(2, 10))
PHONE_TYPES = (("voice", _l("Voice")), ("fax", _l("Fax")), ("text", _l("Text messages")),
               ("cell", _l("Mobile")), ("video", _l("Video")), ("textphone", _l("Textphone (TTY)")))
ADDRESS_TYPES = (("physical", _l("Where people go (physical)")), ("postal", _l("Where mail goes (postal)")))


def _upper(value):
    return value.strip().upper() if isinstance(value, str) else value


def normalize_postal_code(value: str) -> str | None:
    """"h2x1y4", "H2X-1Y4" -> "H2X 1Y4"; None when it is not a Canadian postal code."""
    compact = re.sub(r"[\s-]", "", (value or "").upper())
    match = POSTAL_CODE.match(compact)
    return f"{match.group(1)} {match.group(2)}" if match else None


def normalize_phone(value: str) -> str | None:
    """A North American number -> "514 555-0123" (the directory's form); an N11 code as is; None
    when it is neither (phonenumbers: 10 digits, valid area code and exchange, region CA/US)."""
    import phonenumbers

    raw = (value or "").strip()
    digits = "".join(ch for ch in raw if ch.isdigit())
    if digits in SHORT_CODES and len(digits) == len(re.sub(r"[\s()-]", "", raw)):
        return digits
    if re.search(r"[^\d\s()+.\-]", raw):
        return None  # letters, extensions typed into the number: the extension has its own field
    try:
        parsed = phonenumbers.parse(raw, "CA")
    except phonenumbers.NumberParseException:
        return None
    national = str(parsed.national_number)
    if parsed.country_code != 1 or len(national) != 10 or not phonenumbers.is_valid_number(parsed):
        return None
    return f"{national[:3]} {national[3:6]}-{national[6:]}"


class AddressForm(ChildForm):
    """An HSDS `address` of a location. Addresses have no translated fields."""

    FIELDS = ("address_type", "attention", "address_1", "address_2", "city", "region", "state_province",
              "postal_code", "country")
    NEW = {"address_type": "physical", "state_province": "QC", "country": "CA"}

    address_type = SelectField(_l("Kind of address"), choices=[SelectChoice(v, label) for v, label in ADDRESS_TYPES],
                               validators=[InputRequired()])
    attention = _text(_l("Attention (person or department)"))
    address_1 = _text(_l("Street address"), required=_l("Enter the street address."))
    address_2 = _text(_l("Suite, floor, building (optional)"))
    city = _text(_l("Municipality"), required=_l("Enter the municipality."))
    region = _text(_l("Borough or sector (optional)"))
    state_province = SelectField(_l("Province"), choices=[SelectChoice(p, p) for p in PROVINCES],
                                 validators=[InputRequired()])
    postal_code = StringField(_l("Postal code"), validators=[DataRequired(message=_l("Enter the postal code."))],
                              filters=[_upper])
    country = SelectField(_l("Country"), choices=[SelectChoice("CA", _l("Canada"))], validators=[InputRequired()])

    def validate_postal_code(self, field) -> None:
        normalized = normalize_postal_code(field.data or "")
        if normalized is None:
            raise ValidationError(_l("Enter a postal code like H2X 1Y4."))
        if self.state_province.data == "QC" and not normalized.startswith(QUEBEC_FSA_LETTERS):
            raise ValidationError(_l("A Québec postal code starts with G, H or J."))
        field.data = normalized


class PhoneForm(ChildForm):
    """An HSDS `phone` of a service, an organization or a location."""

    PAIRS = (("description", _l("Description")),)
    FIELDS = ("number", "extension", "type", "description_fr", "description_en", "languages")
    NEW = {"type": "voice"}

    number = StringField(_l("Phone number"), validators=[DataRequired(message=_l("Enter the phone number."))],
                         filters=[_strip])
    extension = StringField(_l("Extension (optional)"), validators=[
        Optional(), Regexp(r"^\d{1,6}$", message=_l("Enter the extension as digits only, like 204."))],
        filters=[_strip])
    type = SelectField(_l("Kind of line"), choices=[SelectChoice(v, label) for v, label in PHONE_TYPES],
                       validators=[InputRequired()])
    description_fr = _text(_l("Description in French"), max_chars=SHORT_TEXT_CHARS)
    description_en = _text(_l("Description in English"), max_chars=SHORT_TEXT_CHARS)
    languages = CheckboxesField(_l("Languages spoken on this line"))

    def validate_number(self, field) -> None:
        normalized = normalize_phone(field.data or "")
        if normalized is None:
            raise ValidationError(_l("Enter a 10-digit number like 514 555-0123, or a service code like 211."))
        field.data = normalized

    def offer_choices(self, current: dict) -> None:
        self.languages.choices = language_choices(current.get("languages") or [])


ROLE_LABELS = (("curator", _l("Curator (edits the directory)")), ("analyst", _l("Analyst (reads only)")),
               ("admin", _l("Administrator (also accounts and crisis mode)")))


class AccountForm(FlaskForm):
    """A new staff account; its one-time password is generated, never typed."""

    email = EmailField(_l("Email address"), validators=[DataRequired(message=_l("Enter the email address.")),
                                                        Regexp(EMAIL_SHAPE, message=EMAIL_MESSAGE), Length(max=255)],
                       filters=[_strip])
    name = _text(_l("Name"), required=_l("Enter the person's name."))
    role = SelectField(_l("Role"), choices=[SelectChoice(v, label) for v, label in ROLE_LABELS],
                       validators=[InputRequired()])


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=[SelectChoice(v, label) for v, label in ROLE_LABELS],
                       validators=[InputRequired()])


class KeywordForm(FlaskForm):
    """Vocabulary gaps: a searched need's words, added as a keyword of the service answering it."""

    keyword = StringField(_l("Keyword"), validators=[DataRequired(message=_l("Write the keyword.")),
                                                     MaxChars(120)], filters=[_strip])
    language = SelectField(_l("Language of the keyword"),
                           choices=[SelectChoice("fr", _l("French")), SelectChoice("en", _l("English"))],
                           validators=[InputRequired()])
    service_id = StringField(_l("Service identifier (from its staff page address)"),
                             validators=[DataRequired(message=_l("Enter the service identifier.")),
                                         Length(max=36)], filters=[_strip])


class NoteForm(FlaskForm):
    """Mark verified, resolve a report: a required note."""

    note = TextAreaField(_l("Note"), validators=[DataRequired(message=_l("Write a short note.")),
                                                 MaxChars(LONG_TEXT_CHARS)],
                         filters=[_strip])


class BannerForm(FlaskForm):
    PAIRS = (("title", _l("Title")), ("message", _l("Message")))

    title_fr = _text(_l("Title in French"), required=_l("Enter the title in French."), max_chars=200)
    title_en = _text(_l("Title in English"), max_chars=200)
    message_fr = _area(_l("Message in French"), required=_l("Enter the message in French."), max_chars=NOTE_CHARS)
    message_en = _area(_l("Message in English"), max_chars=NOTE_CHARS)
    starts_at = DateTimeLocalField(_l("Starts (Montréal time)"), format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
                                   validators=[DataRequired(message=_l("Enter when the banner starts."))])
    ends_at = DateTimeLocalField(_l("Ends (Montréal time)"), format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
                                 validators=[DataRequired(message=_l("Enter when the banner ends."))])

    def validate_ends_at(self, field) -> None:
        if field.data and self.starts_at.data and field.data <= self.starts_at.data:
            raise ValidationError(_l("The end must be after the start."))


def choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices (tuples are deprecated in WTForms 3.3)."""
    return [SelectChoice(value, label) for value, label in pairs]


def language_choices(current: list[str]) -> list[SelectChoice]:
    """Every known language, French and English first, named in the page's language; codes
    already stored but unknown stay offered (so saving the form keeps them)."""
    from directory.vocabulary import LANGUAGE_NAMES, language_order
    from portal.i18n import localized

    def name(code: str) -> str:
        return str(localized(LANGUAGE_NAMES[code], "name"))

    codes = sorted(LANGUAGE_NAMES, key=lambda c: (language_order(c)[:2], name(c)))
    extra = [c for c in current if c not in LANGUAGE_NAMES]
    return choices([(c, name(c)) for c in codes] + [(c, c) for c in extra])


def values_of(form: FlaskForm) -> dict:
    """The form's `FIELDS` by name: forms are read field by field, never `**request.form`."""
    return {name: form[name].data for name in form.FIELDS}


def errors_of(form: FlaskForm) -> list[tuple[str, str]]:
    """(field id, first message) for the error summary, in form order; the CSRF field excluded.
    A group of checkboxes is reached through its first box."""
    found = []
    for field in form:
        if not field.errors or field.type == "CSRFTokenField":
            continue
        target = f"{field.id}-0" if isinstance(field, CheckboxesField) and field.choices else field.id
        found.append((target, str(field.errors[0])))
    return found


def today_montreal() -> dt.date:
    from indexer.schedule import MONTREAL

    return dt.datetime.now(MONTREAL).date()
