"""E-mail from the portal: the SMTP settings (MAIL_*), messages written in French then English
(one template rendered in each language), and absolute links for messages sent outside a request
(PUBLIC_URL). The SMTP client itself is `directory.outreach.mail` (smtplib, no Flask)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from directory.outreach.mail import Mailer, MailSettings
from portal.locales import UI_LOCALES


def settings(config: Mapping[str, Any] | None = None) -> MailSettings:
    c = config if config is not None else current_app.config
    return MailSettings(server=c["MAIL_SERVER"], port=int(c["MAIL_PORT"]), use_tls=bool(c["MAIL_USE_TLS"]),
                        username=c.get("MAIL_USERNAME"), password=c.get("MAIL_PASSWORD"),
                        sender=c["MAIL_DEFAULT_SENDER"])


def mailer() -> Mailer:
    return Mailer(settings())


def bilingual(template: str, **context: Any) -> str:
    """The message body: the template in French, then in English (every message goes to people
    whose language the portal does not know)."""
    parts = []
    for code in ("fr", "en"):
        with force_locale(UI_LOCALES[code].babel):
            parts.append(render_template(template, lang=code, **context).strip())
    return "\n\n-----\n\n".join(parts) + "\n"


def public_url(endpoint: str, **values: Any) -> str:
    """An absolute URL under PUBLIC_URL, inside a request or not (whatever host a request came by)."""
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    with current_app.test_request_context("/"):
        return base + url_for(endpoint, **values)


# -- the freshness loop's messages (reminders: portal/outreach/commands.py; outcomes: portal/staff/outreach.py)


def _both(text: Any) -> str:
    """A short text (a subject, a lazy string) in French / English."""
    parts = []
    for code in ("fr", "en"):
        with force_locale(UI_LOCALES[code].babel):
            parts.append(str(text))
    return " / ".join(parts)


def reminder(organization: Any, services: int, urls: Mapping[str, str], expires: Any) -> tuple[str, str]:
    """(subject, body) of a reminder: the organization's services due for review, and its link
    (`urls`: the link's page in French and in English, each part of the message giving its own)."""
    subject = _both(_l("Portail 211: is your listing still accurate?"))
    return subject, bilingual("outreach/mail/reminder.txt", organization=organization, services=services,
                              urls=urls, expires=expires)


def outcome(organization: Any, rows: list[Any], label: Callable[[Any], Any], url: str | None) -> tuple[str, str]:
    """(subject, body) telling an organization what became of the changes it proposed; `label`
    names a row, called while each language's part is written (so each part names it in its own)."""
    subject = _both(_l("Portail 211: the changes you proposed were reviewed"))
    return subject, bilingual("outreach/mail/outcome.txt", organization=organization, rows=rows, label=label,
                              url=url)
