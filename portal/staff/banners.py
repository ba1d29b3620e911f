"""Crisis mode, the staff side (admins only): publish a banner, end one now (confirmed, audited),
undo that end while its planned end is still to come. The banner itself, its cache and the public
emergency page are their own area: portal/crisis."""

from __future__ import annotations

import datetime as dt

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from directory.models import CrisisBanner, Service
from indexer.schedule import MONTREAL
from portal.crisis import banner
from portal.database import get_session
from portal.staff.confirm import Confirmation, confirmed, refuse
from portal.staff.editing import by
from portal.staff.forms import BannerForm, errors_of
from portal.staff.routing import EDIT, staff_route


def _utc(local: dt.datetime) -> dt.datetime:
    return local.replace(tzinfo=MONTREAL).astimezone(dt.UTC)


def state(found: CrisisBanner, now: dt.datetime) -> str:
    """"ended", "live" or "upcoming": an ended banner has no "end now" button."""
    if banner.aware(found.ends_at) <= now:
        return "ended"
    return "live" if banner.aware(found.starts_at) <= now else "upcoming"


@staff_route("/crise", "/crisis", "crisis", "admin", methods=EDIT)
def crisis_admin():
    db = get_session()
    form = BannerForm()
    if form.validate_on_submit():
        banner.publish(db, title_fr=form.title_fr.data, title_en=form.title_en.data or None,
                       message_fr=form.message_fr.data, message_en=form.message_en.data or None,
                       starts_at=_utc(form.starts_at.data), ends_at=_utc(form.ends_at.data), by=by())
        flash(_("Banner published."), "info")
        return redirect(url_for("staff.crisis"), code=303)
    now = dt.datetime.now(dt.UTC)
    services = list(db.scalars(select(Service).where(Service.is_crisis.is_(True)).order_by(Service.name_fr)))
    status = 400 if request.method == "POST" else 200
    banners = banner.recent(db, now)
    planned = {b.id: banner.planned_end(db, b, now) for b in banners}
    return render_template("staff/crisis_admin.html", form=form, errors=errors_of(form), banners=banners,
                           states={b.id: state(b, now) for b in banners},
                           planned={k: v for k, v in planned.items() if v is not None}, services=services,
                           now=now), status


def _banner(banner_id: str) -> CrisisBanner:
    found = get_session().get(CrisisBanner, banner_id)
    if found is None:
        abort(404)
    return found


def _describe_end(banner_id: str) -> Confirmation:
    found = _banner(banner_id)
    if banner.aware(found.ends_at) <= dt.datetime.now(dt.UTC):
        refuse(_("This banner has already ended."), url_for("staff.crisis"))
    return Confirmation(
        title=_("End this banner now?"), record=found.title_fr,
        consequence=_("It disappears from every public page at once."),
        undo=_("You can undo this on the crisis page as long as its planned end has not passed."),
        button=_("End now"), cancel_url=url_for("staff.crisis"))


@staff_route("/crise/<banner_id>/terminer", "/crisis/<banner_id>/end", "crisis_end", "admin", methods=("POST",))
@confirmed(_describe_end)
def crisis_end(banner_id: str):
    banner.end(get_session(), _banner(banner_id), dt.datetime.now(dt.UTC), by=by())
    flash(_("Banner ended. You can undo this below while its planned end has not passed."), "info")
    return redirect(url_for("staff.crisis"), code=303)


def _describe_resume(banner_id: str) -> Confirmation:
    found = _banner(banner_id)
    planned = banner.planned_end(get_session(), found, dt.datetime.now(dt.UTC))
    if planned is None:
        refuse(_("This banner's end cannot be undone: its planned end has passed, or it ended as planned."),
               url_for("staff.crisis"))
    return Confirmation(
        title=_("Show this banner again?"), record=found.title_fr,
        consequence=_("It shows again on every public page until its planned end, %(when)s.",
                      when=_montreal_text(planned)),
        undo=_("You can end it again at any time."), button=_("Undo the end"), cancel_url=url_for("staff.crisis"))


def _montreal_text(value: dt.datetime | None) -> str:
    return value.astimezone(MONTREAL).strftime("%Y-%m-%d %H:%M") if value else ""


@staff_route("/crise/<banner_id>/reprendre", "/crisis/<banner_id>/resume", "crisis_resume", "admin",
             methods=("POST",))
@confirmed(_describe_resume)
def crisis_resume(banner_id: str):
    if banner.resume(get_session(), _banner(banner_id), dt.datetime.now(dt.UTC), by=by()):
        flash(_("The banner shows again until its planned end."), "info")
    return redirect(url_for("staff.crisis"), code=303)
