"""Crisis mode, the staff side (admins only): publish a banner, end one now. The banner itself,
its cache and the public emergency page are their own area: portal/crisis."""

from __future__ import annotations

import datetime as dt

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from directory.models import CrisisBanner, Service
from indexer.schedule import MONTREAL
from portal.crisis import banner
from portal.database import get_session
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
    return render_template("staff/crisis_admin.html", form=form, errors=errors_of(form), banners=banners,
                           states={b.id: state(b, now) for b in banners}, services=services, now=now), status


@staff_route("/crise/<banner_id>/terminer", "/crisis/<banner_id>/end", "crisis_end", "admin", methods=("POST",))
def crisis_end(banner_id: str):
    db = get_session()
    found = db.get(CrisisBanner, banner_id)
    if found is None:
        abort(404)
    banner.end(db, found, dt.datetime.now(dt.UTC))
    flash(_("Banner ended."), "info")
    return redirect(url_for("staff.crisis"), code=303)
