"""The "report an error" form on service pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

# WTForms' Email() needs the email_validator package, which is not a dependency; the reply address
# is optional and only read by a curator, so a shape check is enough.
EMAIL_SHAPE = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class ReportErrorForm(FlaskForm):
    message = TextAreaField(
        _l("What is wrong or out of date?"),
        validators=[
            DataRequired(message=_l("Describe what is wrong, for example the new opening hours.")),
            Length(min=5, max=2000, message=_l("Write between 5 and 2,000 characters.")),
        ],
    )
    contact_email = EmailField(
        _l("Your email (optional)"),
        validators=[
            Optional(),
            Regexp(EMAIL_SHAPE, message=_l("Enter an email address like name@example.com, or leave it empty.")),
            Length(max=255),
        ],
    )
