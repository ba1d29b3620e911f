"""An organization's update pages, opened by its signed link (no account, no sign-in):

    /fr/mise-a-jour/<token>                          the organization's records, "still accurate"
    /fr/mise-a-jour/<token>/confirmer                POST: confirm some or all services
    /fr/mise-a-jour/<token>/modifier/<kind>/<id>     propose changes to one record (a staff form)
    /fr/mise-a-jour/<token>/services/<id>/fin        propose that a service has ended
    /fr/mise-a-jour/<token>/ajouter/<kind>/<parent>/<id>  propose a new phone, address or opening hours
    /fr/mise-a-jour/<token>/retirer/<kind>/<id>      propose removing one (asks first)
    /fr/mise-a-jour/<token>/services/<id>/capacite   update a service's live capacity (published at
                                                     once, audited: docs/capacity.md)

(/en/update/<token>/… in English.) Every request opens the link first (signature, age, its row:
not revoked, not expired) and finds records through the link's organization only
(`directory.outreach.records`): an expired, tampered, revoked or foreign token, or a record of
another organization, gets one bilingual page that names nothing, and changes nothing.

Throttled per link (pages and posts) and per client (keyed by an HMAC of the address, kept in
memory only); a flood of proposals also stops at `MAX_PENDING_PER_LINK` fields waiting. Nothing
is stored about the visitor; the only cookie is the session holding the forms' CSRF token.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_limiter.errors import RateLimitExceeded
from sqlalchemy import select

from directory import curation
from directory.models import Location, Organization, OutreachProposal, Service, ServiceAtLocation
from directory.outreach import children, links, proposals, records
from portal import locales, search_service
from portal.api.limits import client_key
from portal.database import get_session
from portal.i18n import locale_route
from portal.outreach.forms import (
    KINDS,
    ConfirmForm,
    EndForm,
    RemoveForm,
    build,
    build_new,
    is_checkboxes,
    proposed_values,
)
from portal.staff.capacity import CapacityForm, current_counts, set_from_form
from portal.staff.forms import choices, errors_of
from portal.staff.outreach_rows import ADDED, REMOVED, describe, labelled
from portal.staff.routing import today

bp = Blueprint("outreach", __name__)
EDIT = ("GET", "POST")
KIND_RULE = "<any(organization,service,location,phone,address,schedule):kind>"
CHILD_RULE = "<any(phone,address,schedule):kind>"
PARENT_RULE = "<any(organization,service,location):parent_kind>"
DONE = ("confirmed", "proposed", "ended", "added", "removed", "capacity", "nothing")


def route(fr: str, en: str, endpoint: str, methods=("GET",)):
    def register(view):
        locales.add_paths(f"outreach.{endpoint}", {"fr": "/mise-a-jour/<token>" + fr, "en": "/update/<token>" + en})
        locale_route(bp, endpoint, view, methods=list(methods))
        return view

    return register


class Refused(Exception):
    """The bilingual refusal page: why ('invalid', 'expired', 'revoked', 'throttled') and the status."""

    def __init__(self, code: str, status: int) -> None:
        super().__init__(code)
        self.code, self.status = code, status


def _limiter():
    found = current_app.extensions.get("limiter")
    return next(iter(found), None) if isinstance(found, set) else found


def _throttle(rate: str, key: str) -> None:
    try:
        with _limiter().limit(rate, key_func=lambda: key):
            pass
    except RateLimitExceeded:
        raise Refused("throttled", 429) from None


def _open(token: str) -> tuple[links.OpenedLink, Organization]:
    """The link (or Refused), throttled per client before any check and per link after."""
    config = current_app.config
    g.no_lang_cookie = True  # the forms' CSRF session is the only cookie here
    _throttle(config["OUTREACH_CLIENT_RATE_LIMIT"], f"outreach-client:{client_key()}")
    try:
        opened = links.open_link(get_session(), token, secret=config["SECRET_KEY"])
    except links.LinkError as error:
        raise Refused(error.code, 404 if error.code == "invalid" else 410) from None
    _throttle(config["OUTREACH_PAGE_RATE_LIMIT"], f"outreach-link:{opened.link_id}")
    if request.method == "POST":
        _throttle(config["OUTREACH_POST_RATE_LIMIT"], f"outreach-post:{opened.link_id}")
    organization = get_session().get(Organization, opened.organization_id)
    if organization is None:
        raise Refused("invalid", 404)
    g.alternate_values = {"token": token}
    return opened, organization


def _record(opened: links.OpenedLink, kind: str, record_id: str):
    record = records.find(get_session(), opened.organization_id, kind, record_id)
    if record is None:
        raise Refused("invalid", 404)  # unknown or another organization's: the same page
    return record


@bp.errorhandler(Refused)
def _refused(error: Refused):
    # Both languages on one page: whoever follows a broken link may read either.
    messages = []
    for code in ("fr", "en"):
        with force_locale(locales.UI_LOCALES[code].babel):
            messages.append({"lang": locales.UI_LOCALES[code].html, **_refusal_text(error.code)})
    return render_template("outreach/refused.html", messages=messages, code=error.code), error.status


def _refusal_text(code: str) -> dict:
    reason = {
        "expired": _("This update link has expired."),
        "revoked": _("This update link was cancelled by the 211 team."),
        "throttled": _("Too many requests from this link or this connection. Wait a while, then try again."),
    }.get(code, _("This update link does not work: it is incomplete, altered, or it does not lead to this page."))
    return {"title": _("This link cannot be used"), "reason": reason,
            "next": _("Nothing was changed. Ask the 211 team for a new link: reply to the message you received, "
                      "or call 211.")}


@bp.after_request
def _private(response):
    # A link is a key: its pages are never cached, indexed or framed, and leak no referrer
    # (portal/security.py sends no-referrer everywhere).
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _overview(organization: Organization):
    """Everything the update page lists, in a fixed number of queries whatever the size."""
    db = get_session()
    services = list(db.scalars(select(Service).where(Service.organization_id == organization.id,
                                                     Service.status != records.ENDED).order_by(Service.name_fr)))
    sc = records.Scope(organization.id, {s.id for s in services})
    places: dict[str, list[Location]] = {}
    for service_id, location in db.execute(select(ServiceAtLocation.service_id, Location)
                                           .join(Location, Location.id == ServiceAtLocation.location_id)
                                           .where(ServiceAtLocation.service_id.in_(sc.service_ids))
                                           .order_by(Location.name_fr, Location.id)):
        places.setdefault(service_id, []).append(location)
        sc.location_ids.add(location.id)
    phones, addresses, schedules = records.children(db, sc)
    waiting: dict[tuple[str, str], int] = {}
    added: dict[str, list[tuple[str, str]]] = {}  # parent id -> (kind, description) of waiting additions
    for p in db.scalars(select(OutreachProposal).where(OutreachProposal.organization_id == organization.id,
                                                       OutreachProposal.status == "pending")):
        if children.action(p) == "add":
            parent = children.parent_of(p)
            if parent:
                added.setdefault(parent[1], []).append((p.resource_type, describe(p.resource_type,
                                                                                  children.values(p))))
            continue
        waiting[(p.resource_type, p.resource_id)] = waiting.get((p.resource_type, p.resource_id), 0) + 1
    by = {"service": {}, "location": {}, "organization": []}
    for phone in phones:
        if phone.service_id:
            by["service"].setdefault(phone.service_id, []).append(phone)
        elif phone.location_id:
            by["location"].setdefault(phone.location_id, []).append(phone)
        elif phone.organization_id == organization.id:
            by["organization"].append(phone)
    return dict(services=services, places=places, phones=by, waiting=waiting, added=added,
                addresses=_group(addresses, "location_id"), schedules=_group(schedules, "service_id"))


def _group(rows, key: str) -> dict:
    found: dict = {}
    for row in rows:
        found.setdefault(getattr(row, key), []).append(row)
    return found


@route("", "", "update")
def update(token: str):
    opened, organization = _open(token)
    form = ConfirmForm()
    context = _overview(organization)
    form.services.choices = choices([(s.id, s.name_fr) for s in context["services"]])
    done = request.args.get("done")
    # One url_for per kind of link, the ids swapped in: a page of 50 services has ~400 links.
    edit = url_for("outreach.edit", token=token, kind="organization", record_id="RECORD")
    end = url_for("outreach.end", token=token, service_id="RECORD")
    add = url_for("outreach.add", token=token, kind="phone", parent_kind="service", parent_id="RECORD")
    remove = url_for("outreach.remove", token=token, kind="phone", record_id="RECORD")
    places = url_for("outreach.capacity", token=token, service_id="RECORD")
    return render_template("outreach/update.html", token=token, organization=organization, opened=opened,
                           form=form, done=done if done in DONE else None,
                           edit_url=lambda kind, rid: edit.replace("/organization/RECORD", f"/{kind}/{rid}"),
                           end_url=lambda rid: end.replace("RECORD", rid, 1),
                           add_url=lambda kind, parent, rid: add.replace("/phone/service/RECORD",
                                                                         f"/{kind}/{parent}/{rid}"),
                           remove_url=lambda kind, rid: remove.replace("/phone/RECORD", f"/{kind}/{rid}"),
                           added_titles=ADDED,
                           capacity_url=lambda rid: places.replace("RECORD", rid, 1), **context)


@route("/confirmer", "/confirm", "confirm", methods=("POST",))
def confirm(token: str):
    opened, organization = _open(token)
    form = ConfirmForm()
    services = list(get_session().scalars(select(Service.id, Service.name_fr).where(
        Service.organization_id == organization.id, Service.status != records.ENDED)))
    form.services.choices = choices([(s, s) for s in services])
    if not form.validate_on_submit():
        abort(400)
    everything = request.form.get("scope") == "all"
    chosen = None if everything else list(form.services.data or [])
    if chosen == []:
        return redirect(url_for("outreach.update", token=token, done="nothing"), code=303)
    db = get_session()
    change = proposals.confirm(db, organization, opened.link_id, chosen, today=today())
    db.commit()
    if change.service_ids:
        search_service.reindex(change.service_ids)
    return redirect(url_for("outreach.update", token=token, done="confirmed", _anchor="result"), code=303)


@route(f"/modifier/{KIND_RULE}/<record_id>", f"/edit/{KIND_RULE}/<record_id>", "edit", methods=EDIT)
def edit(token: str, kind: str, record_id: str):
    opened, organization = _open(token)
    record = _record(opened, kind, record_id)
    form = build(kind, record, posted=request.method == "POST")
    status = 200
    if request.method == "POST":
        status = 400
        if form.validate_on_submit():
            db = get_session()
            try:
                rows = proposals.propose(db, organization.id, opened.link_id, record, proposed_values(kind, form))
            except curation.CurationError:
                db.rollback()
                raise Refused("throttled", 429) from None
            db.commit()
            return redirect(url_for("outreach.update", token=token, done="proposed" if rows else "nothing",
                                    _anchor="result"), code=303)
    waiting = list(get_session().scalars(select(OutreachProposal.field_name).where(
        OutreachProposal.resource_type == kind, OutreachProposal.resource_id == record.id,
        OutreachProposal.status == "pending")))
    pairs = dict(getattr(form, "PAIRS", ()))
    return render_template("outreach/edit.html", token=token, organization=organization, kind=kind, record=record,
                           form=form, errors=errors_of(form), pairs=pairs, title=KINDS[kind].title,
                           waiting=waiting, is_checkboxes=is_checkboxes), status


@route("/services/<service_id>/fin", "/services/<service_id>/end", "end", methods=EDIT)
def end(token: str, service_id: str):
    opened, organization = _open(token)
    service = _record(opened, "service", service_id)
    form = EndForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        db = get_session()
        try:
            proposals.propose_end(db, organization.id, opened.link_id, service)
        except curation.CurationError:
            db.rollback()
            raise Refused("throttled", 429) from None
        db.commit()
        return redirect(url_for("outreach.update", token=token, done="ended", _anchor="result"), code=303)
    return render_template("outreach/end.html", token=token, organization=organization, service=service, form=form)


@route(f"/ajouter/{CHILD_RULE}/{PARENT_RULE}/<parent_id>", f"/add/{CHILD_RULE}/{PARENT_RULE}/<parent_id>", "add",
       methods=EDIT)
def add(token: str, kind: str, parent_kind: str, parent_id: str):
    """A new phone (of the organization, a service, a location), address (of a location) or
    opening hours (of a service), through the staff form: a proposal until a curator accepts it."""
    opened, organization = _open(token)
    if parent_kind not in children.PARENTS[kind]:
        raise Refused("invalid", 404)
    parent = _record(opened, parent_kind, parent_id)
    form = build_new(kind, posted=request.method == "POST")
    status = 200
    if request.method == "POST":
        status = 400
        if form.validate_on_submit():
            values = proposed_values(kind, form)
            if kind == "schedule":  # weekly from today, as a curator's new opening hours
                values |= {"freq": "WEEKLY", "interval": 1, "dtstart": today()}
            db = get_session()
            try:
                row = proposals.propose_add(db, organization.id, opened.link_id, kind, parent, values)
            except curation.CurationError:
                db.rollback()
                raise Refused("throttled", 429) from None
            db.commit()
            return redirect(url_for("outreach.update", token=token, done="added" if row else "nothing",
                                    _anchor="result"), code=303)
    pairs = dict(getattr(form, "PAIRS", ()))
    return render_template("outreach/add.html", token=token, organization=organization, kind=kind,
                           parent_kind=parent_kind, parent=parent, form=form, errors=errors_of(form), pairs=pairs,
                           title=ADDED[kind], is_checkboxes=is_checkboxes), status


@route(f"/retirer/{CHILD_RULE}/<record_id>", f"/remove/{CHILD_RULE}/<record_id>", "remove", methods=EDIT)
def remove(token: str, kind: str, record_id: str):
    """Removing a phone, an address or opening hours: asks first, then proposes it. A curator who
    accepts deletes it the staff way (audited, undone from the history)."""
    opened, organization = _open(token)
    record = _record(opened, kind, record_id)
    form = RemoveForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        db = get_session()
        try:
            row = proposals.propose_remove(db, organization.id, opened.link_id, record)
        except curation.CurationError:
            db.rollback()
            raise Refused("throttled", 429) from None
        db.commit()
        return redirect(url_for("outreach.update", token=token, done="removed" if row else "nothing",
                                _anchor="result"), code=303)
    values = children.values_now(get_session(), record)
    return render_template("outreach/remove.html", token=token, organization=organization, kind=kind,
                           record=record, form=form, title=REMOVED[kind], summary=describe(kind, values),
                           fields=labelled(kind, values))


@route("/services/<service_id>/capacite", "/services/<service_id>/capacity", "capacity", methods=EDIT)
def capacity(token: str, service_id: str):
    """Capacity is live data: published at once, unlike a proposal, and audited with who and how
    (the organization, through this link: `proposals.by_link`), like "still accurate"."""
    opened, organization = _open(token)
    service = _record(opened, "service", service_id)
    form = CapacityForm()
    form.offer_units()
    status = 200
    if request.method == "POST":
        db = get_session()
        change = set_from_form(form, service, by=proposals.by_link(opened.link_id))
        if change is not None:
            proposals.answer(db, organization.id, curation.now_utc())
            db.commit()
            search_service.reindex(change.service_ids)
            return redirect(url_for("outreach.update", token=token, done="capacity", _anchor="result"), code=303)
        status = 400
    return render_template("outreach/capacity.html", token=token, organization=organization, service=service,
                           form=form, errors=errors_of(form), counts=current_counts(service)), status
