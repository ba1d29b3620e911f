"""Staff area pages: sign-in, dashboard, review queue, editing, preview, history and revert, the
error-report inbox, crisis banners.

One blueprint of full pages (no fragments): staff pages are forms that post and redirect
(post/redirect/get), so they work without JavaScript and reload safely. Every route but sign-in
is guarded by `requires(permission)`; the permission is on the view (`staff_permission`) so the
security tests can walk the URL map. An account still on its one-time password reaches only the
password page and sign-out (`before_password_change`). Paths follow the public site's languages: /fr/personnel/…
and /en/staff/…, registered once per language.

Records are always looked up through the record in the URL: a location is found through the
service's own service_at_location rows, a schedule through its service, a phone through the
service, organization or location it belongs to, an address through its location (itself reached
through the service), so one record's URL can never reach another's rows (404). Forms are read
field by field (`FIELDS`), never `**request.form`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_limiter.errors import RateLimitExceeded
from flask_login import current_user, login_user, logout_user
from sqlalchemy import func, or_, select

from directory import accounts, curation, taxonomy
from directory.geo import regions
from directory.models import (
    Address,
    CrisisBanner,
    ErrorReport,
    Location,
    Metadata,
    Organization,
    Phone,
    ReportResolution,
    Schedule,
    Service,
    ServiceAtLocation,
    StaffUser,
    TaxonomyTerm,
)
from directory.vocabulary import ACCESSIBILITY_FEATURES, LANGUAGE_NAMES
from indexer.schedule import MONTREAL
from portal import search_service
from portal.database import get_session
from portal.i18n import current_lang, localized, localized_route
from portal.staff import crisis
from portal.staff.auth import identity, login_key, requires
from portal.staff.forms import (
    WEEKDAYS,
    AccountForm,
    AddressForm,
    BannerForm,
    CheckboxesField,
    LocationForm,
    LoginForm,
    NoteForm,
    OrganizationForm,
    PasswordChangeForm,
    PhoneForm,
    RoleForm,
    ScheduleForm,
    ServiceForm,
    choices,
)

bp = Blueprint("staff", __name__)

PER_PAGE = 25
HISTORY_TYPES = ("service", "organization", "location")


def staff_route(fr: str, en: str, endpoint: str, permission: str | None, methods=("GET",), *,
                before_password_change: bool = False):
    def register(view):
        guarded = requires(permission, before_password_change=before_password_change)(view) if permission else view
        localized_route(bp, {"fr": "/fr/personnel" + fr, "en": "/en/staff" + en}, endpoint, guarded,
                        methods=list(methods))
        return view

    return register


@bp.after_request
def _private(response):
    # Staff pages hold unpublished data: never cached, never indexed, never framed.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["X-Frame-Options"] = "DENY"
    return response


def _errors(form) -> list[tuple[str, str]]:
    found = []
    for field in form:
        if not field.errors or field.type == "CSRFTokenField":
            continue
        target = f"{field.id}-0" if isinstance(field, CheckboxesField) and field.choices else field.id
        found.append((target, str(field.errors[0])))
    return found


def _by() -> str:
    return current_user.email


def _save(change: curation.Change) -> None:
    """Commit, then update the live index (never before: a rolled-back edit must not be searchable)."""
    get_session().commit()
    if change.service_ids:
        failed = search_service.reindex(change.service_ids)
        if failed:
            flash(_("Saved. Search will show the change a little later (the index is catching up)."), "warning")


def _update(record, values: dict) -> bool:
    """Save `values` on `record` (audited, reindexed after commit) and say so; False, with the
    reason flashed and the transaction rolled back, when curation refuses them."""
    db = get_session()
    try:
        change = curation.update(db, record, values, by=_by())
    except curation.CurationError as error:
        db.rollback()
        flash(_curation_error(error), "error")
        return False
    _save(change)
    flash(_("Changes saved.") if change.changed else _("Nothing changed."), "info")
    return True


def _curation_error(error: curation.CurationError) -> str:
    return {
        "changed_since": _("This field was changed again afterwards. Undo the later change first, or restore the record to a point."),
        "gone": _("This record no longer exists."),
        "french_required": _("The French text is required."),
        "unknown_category": _("Choose categories from the list."),
        "unknown_feature": _("Choose accessibility features from the list."),
        "note_required": _("Write a short note."),
    }.get(error.code, _("This change cannot be made."))


def _montreal(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(MONTREAL)


@bp.app_template_filter("present")
def _present(attrs: dict) -> dict:
    """HTML attributes without the empty ones (WTForms would print `None`)."""
    return {k: v for k, v in attrs.items() if v not in (None, "", False)}


@bp.app_template_filter("montreal")
def _montreal_filter(value):
    local = _montreal(value)
    return local.strftime("%Y-%m-%d %H:%M") if local else ""


# -- sign-in --------------------------------------------------------------------------------------


def _limiter():
    found = current_app.extensions.get("limiter")
    if isinstance(found, set):
        found = next(iter(found), None)
    return found


def _safe_next(target: str | None) -> str:
    # Only back into the staff area of this site: never an absolute or scheme-relative URL.
    if target and target.startswith(("/fr/personnel", "/en/staff")) and not urlsplit(target).netloc \
            and "\\" not in target:
        return target
    return url_for("staff.home")


@staff_route("/connexion", "/login", "login", None, methods=("GET", "POST"))
def login():
    form = LoginForm()
    status = 200
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("staff.home"))
    if form.validate_on_submit():
        try:
            with _limiter().limit(current_app.config["STAFF_LOGIN_RATE_LIMIT"], key_func=login_key):
                pass
        except RateLimitExceeded:
            form.password.errors.append(_("Too many attempts. Wait a minute, then try again."))
            return render_template("staff/login.html", form=form, errors=_errors(form)), 429
        db = get_session()
        result = accounts.authenticate(db, form.email.data, form.password.data,
                                       policy=current_app.config["STAFF_LOGIN_POLICY"])
        db.commit()
        if result.ok:
            session.clear()  # a new session on sign-in: no fixation
            login_user(identity(result.user))
            session.permanent = True
            if result.user.must_change_password:
                # Straight to the password page; where the person was going comes after it.
                target = request.args.get("next")
                return redirect(url_for("staff.password", next=target if target else None), code=303)
            return redirect(_safe_next(request.args.get("next")), code=303)
        if result.locked_until is not None:
            minutes = max(1, int((_montreal(result.locked_until) - dt.datetime.now(MONTREAL)).total_seconds() // 60) + 1)
            form.password.errors.append(_("Too many failed attempts. This account is locked for %(minutes)d minutes.",
                                          minutes=minutes))
            status = 429
        else:
            form.email.errors.append(_("The email address or the password is not right."))
            status = 400
        form.password.data = ""
    elif request.method == "POST":
        status = 400
    return render_template("staff/login.html", form=form, errors=_errors(form)), status


@staff_route("/deconnexion", "/logout", "logout", "read", methods=("POST",), before_password_change=True)
def logout():
    logout_user()
    session.clear()
    flash(_("You are signed out."), "info")
    return redirect(url_for("staff.login"), code=303)


@staff_route("/mot-de-passe", "/password", "password", "read", methods=("GET", "POST"), before_password_change=True)
def password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        db = get_session()
        user = db.get(StaffUser, current_user.id)
        try:
            accounts.change_password(user, form.current_password.data, form.new_password.data)
        except accounts.AccountError as error:
            if error.code == "wrong_password":
                form.current_password.errors.append(_("The current password is not right."))
            elif error.code == "same_password":
                form.new_password.errors.append(_("Choose a new password that is different from the current one."))
            else:
                form.new_password.errors.append(_("Use at least 12 characters."))
        else:
            db.commit()
            login_user(identity(user))  # this session continues; every other one ends
            flash(_("Your password is changed. Other sessions are signed out."), "info")
            return redirect(_safe_next(request.args.get("next")), code=303)
    status = 400 if request.method == "POST" else 200
    return render_template("staff/password.html", form=form, errors=_errors(form),
                           one_time=current_user.must_change_password), status


# -- dashboard, queue -----------------------------------------------------------------------------


@staff_route("/", "/", "home", "read")
def home():
    db = get_session()
    q = (request.args.get("q") or "").strip()[:100]
    found = []
    if q:
        pattern = f"%{q}%"
        found = list(db.scalars(select(Service).where(or_(Service.name_fr.ilike(pattern), Service.name_en.ilike(pattern),
                                                          Service.id == q))
                                .order_by(Service.name_fr).limit(50)))
    _, due = curation.due_for_review(db, today=_today(), per_page=1)
    reports = db.scalar(select(func.count()).select_from(ErrorReport).where(ErrorReport.status == "new")) or 0
    if current_user.can("edit"):
        search_service.retry_backlog()
    backlog = search_service.backlog_size()
    return render_template("staff/home.html", q=q, found=found, due=due, reports=reports, backlog=backlog)


def _today() -> dt.date:
    return dt.datetime.now(MONTREAL).date()


APPEARANCE_WEEKS = 52


def _appearances(today: dt.date) -> dict[str, int] | None:
    """Service id -> first result pages that showed it over the last 52 weeks (the anonymous
    needs log's per-service counts); None when the log cannot be read."""
    from sqlalchemy.exc import SQLAlchemyError

    from directory.db import engine_for
    from needs.log import appearances_since
    from needs.record import week_of
    from portal.needs import database_url

    since = week_of(today) - dt.timedelta(weeks=APPEARANCE_WEEKS - 1)
    try:
        return appearances_since(engine_for(database_url()), since)
    except SQLAlchemyError:
        current_app.logger.exception("review queue: appearance counts unavailable")
        return None


@staff_route("/verification", "/review", "queue", "read")
def queue():
    page = max(1, min(request.args.get("page", 1, type=int) or 1, 10000))
    sort = request.args.get("sort", "priority")
    sort = sort if sort in curation.QUEUE_SORTS else "priority"
    today = _today()
    counts = _appearances(today)
    entries, total = curation.review_queue(get_session(), today=today, appearances=counts or {}, sort=sort,
                                           page=page, per_page=PER_PAGE)
    pages = max(1, -(-total // PER_PAGE))
    return render_template("staff/queue.html", entries=entries, total=total, page=page, pages=pages, sort=sort,
                           sorts=curation.QUEUE_SORTS, counts_available=counts is not None,
                           weeks=APPEARANCE_WEEKS, bands=curation.BAND_MONTHS)


# -- services -------------------------------------------------------------------------------------


def _service(service_id: str) -> Service:
    found = get_session().get(Service, service_id)
    if found is None:
        abort(404)
    return found


def _service_choices(form: ServiceForm, current: dict) -> list[tuple[str, list[str]]]:
    lang = current_lang()
    index = 0 if lang == "fr" else 1
    codes = sorted(LANGUAGE_NAMES, key=lambda c: (c not in ("fr", "en"), LANGUAGE_NAMES[c][index]))
    extra = [c for c in current.get("languages", []) if c not in LANGUAGE_NAMES]
    form.languages.choices = choices([(c, LANGUAGE_NAMES[c][index]) for c in codes] + [(c, c) for c in extra])
    categories = taxonomy.categories()
    form.categories.choices = choices([(c.code, c.name_fr if lang == "fr" else c.name_en) for c in categories])
    groups: dict[str, list[str]] = {}
    for c in categories:
        groups.setdefault(c.code.split(".", 1)[0], []).append(c.code)
    names = taxonomy.by_code()
    return [((names[top].name_fr if lang == "fr" else names[top].name_en) if top in names else top, codes)
            for top, codes in groups.items()]


def _service_form(service: Service) -> tuple[ServiceForm, list]:
    current = curation.read(get_session(), service, ServiceForm.FIELDS)
    form = ServiceForm(data=current) if request.method == "GET" else ServiceForm()
    groups = _service_choices(form, current)
    return form, groups


def _form_changes(form, fields) -> dict:
    return {name: form[name].data for name in fields}


def _service_page(service: Service, form: ServiceForm, groups, status: int = 200):
    db = get_session()
    locations = list(db.scalars(select(Location).join(ServiceAtLocation, ServiceAtLocation.location_id == Location.id)
                                .where(ServiceAtLocation.service_id == service.id).order_by(Location.name_fr)))
    schedules = list(db.scalars(select(Schedule).where(Schedule.service_id == service.id).order_by(Schedule.id)))
    return render_template("staff/service_edit.html", service=service, form=form, groups=groups,
                           errors=_errors(form), locations=locations, schedules=schedules,
                           phones=_phones(Phone.service_id, service.id)), status


@staff_route("/services/<service_id>", "/services/<service_id>", "service", "edit", methods=("GET", "POST"))
def service_edit(service_id: str):
    service = _service(service_id)
    form, groups = _service_form(service)
    if request.method == "POST" and request.form.get("action") == "edit":
        # "Keep editing" from the preview: show the posted values, save nothing.
        form.validate()
        return _service_page(service, form, groups)
    if form.validate_on_submit():
        if not _update(service, _form_changes(form, ServiceForm.FIELDS)):
            return _service_page(service, form, groups, 400)
        return redirect(url_for("staff.service", service_id=service.id), code=303)
    return _service_page(service, form, groups, 400 if request.method == "POST" else 200)


@staff_route("/services/<service_id>/apercu", "/services/<service_id>/preview", "service_preview", "edit",
             methods=("POST",))
def service_preview(service_id: str):
    """The public service page with the unsaved values, clearly marked, never saved or indexed."""
    from portal.service.views import load_service, service_context

    service = load_service(service_id)
    form, groups = _service_form(service)
    if not form.validate_on_submit():
        return _service_page(service, form, groups, 400)
    db = get_session()
    values = _form_changes(form, ServiceForm.FIELDS)
    with db.no_autoflush:
        for name, value in values.items():
            if name not in ("languages", "categories"):
                setattr(service, name, curation.clean("service", name, value))
        context = service_context(service)
        context["languages"] = sorted(values["languages"], key=lambda c: (c not in ("fr", "en"), c != "fr", c))
        context["categories"] = list(db.scalars(select(TaxonomyTerm).where(TaxonomyTerm.code.in_(values["categories"]))
                                                .order_by(TaxonomyTerm.code)))
        context["jsonld"] = {}
        g.alternate_endpoint = "staff.service"
        html = render_template("staff/preview.html", preview_form=form, **context)
    db.rollback()  # nothing of the preview reaches the database
    db.expunge_all()
    response = current_app.make_response(html)
    return response


@staff_route("/services/<service_id>/verifier", "/services/<service_id>/verify", "verify", "edit",
             methods=("GET", "POST"))
def verify(service_id: str):
    service = _service(service_id)
    form = NoteForm()
    if form.validate_on_submit():
        change = curation.verify(get_session(), service, form.note.data, by=_by(), today=_today())
        _save(change)
        flash(_("Marked as verified today."), "info")
        return redirect(url_for("staff.queue"), code=303)
    status = 400 if request.method == "POST" else 200
    return render_template("staff/verify.html", service=service, form=form, errors=_errors(form)), status


# -- locations, schedules, organizations ----------------------------------------------------------


def _location_of(service: Service, location_id: str) -> Location:
    location = get_session().scalar(
        select(Location).join(ServiceAtLocation, ServiceAtLocation.location_id == Location.id)
        .where(ServiceAtLocation.service_id == service.id, Location.id == location_id))
    if location is None:
        abort(404)
    return location


@staff_route("/services/<service_id>/lieux/<location_id>", "/services/<service_id>/locations/<location_id>",
             "location", "edit", methods=("GET", "POST"))
def location_edit(service_id: str, location_id: str):
    service = _service(service_id)
    location = _location_of(service, location_id)
    db = get_session()
    current = curation.read(db, location, LocationForm.FIELDS)
    form = LocationForm(data=current) if request.method == "GET" else LocationForm()
    lang = current_lang()
    form.region_code.choices = choices([("", _("Not set"))] + [
        (code, f"{code} – {r.name_fr if lang == 'fr' else r.name_en}") for code, r in sorted(regions().items())])
    form.accessibility.choices = choices([(k, v[0] if lang == "fr" else v[1]) for k, v in ACCESSIBILITY_FEATURES.items()])
    if form.validate_on_submit() and _update(location, _form_changes(form, LocationForm.FIELDS)):
        return redirect(url_for("staff.location", service_id=service.id, location_id=location.id), code=303)
    status = 400 if request.method == "POST" else 200
    addresses = list(db.scalars(select(Address).where(Address.location_id == location.id)
                                .order_by(Address.address_type, Address.id)))
    return render_template("staff/location_edit.html", service=service, location=location, form=form,
                           errors=_errors(form), addresses=addresses,
                           phones=_phones(Phone.location_id, location.id)), status


def _schedule_of(service: Service, schedule_id: str) -> Schedule:
    db = get_session()
    sal_ids = list(db.scalars(select(ServiceAtLocation.id).where(ServiceAtLocation.service_id == service.id)))
    schedule = db.scalar(select(Schedule).where(
        Schedule.id == schedule_id,
        or_(Schedule.service_id == service.id, Schedule.service_at_location_id.in_(sal_ids))))
    if schedule is None:
        abort(404)
    return schedule


def _schedule_values(form: ScheduleForm) -> dict:
    values = _form_changes(form, ScheduleForm.FIELDS)
    values["byday"] = ",".join(d for d in WEEKDAYS if d in (form.byday.data or []))
    return values


def _schedule_form(schedule: Schedule | None) -> ScheduleForm:
    if request.method == "GET" and schedule is not None:
        data = curation.read(get_session(), schedule, ScheduleForm.FIELDS)
        data["byday"] = [d for d in (schedule.byday or "").split(",") if d]
        form = ScheduleForm(data=data)
    else:
        form = ScheduleForm()
    form.byday.choices = choices([(d, _day(i)) for i, d in enumerate(WEEKDAYS)])
    return form


def _day(index: int) -> str:
    from portal.i18n import day_name

    return day_name(index).capitalize()


@staff_route("/services/<service_id>/horaires/nouveau", "/services/<service_id>/schedules/new", "schedule_new",
             "edit", methods=("GET", "POST"))
def schedule_new(service_id: str):
    service = _service(service_id)
    form = _schedule_form(None)
    if form.validate_on_submit():
        values = _schedule_values(form) | {"service_id": service.id, "freq": "WEEKLY", "interval": 1,
                                           "dtstart": _today()}
        _created, change = curation.create(get_session(), "schedule", values, by=_by())
        _save(change)
        flash(_("Opening hours added."), "info")
        return redirect(url_for("staff.service", service_id=service.id) + "#schedules-title", code=303)
    status = 400 if request.method == "POST" else 200
    return render_template("staff/schedule_edit.html", service=service, schedule=None, form=form,
                           errors=_errors(form), delete_form=None), status


@staff_route("/services/<service_id>/horaires/<schedule_id>", "/services/<service_id>/schedules/<schedule_id>",
             "schedule", "edit", methods=("GET", "POST"))
def schedule_edit(service_id: str, schedule_id: str):
    service = _service(service_id)
    schedule = _schedule_of(service, schedule_id)
    form = _schedule_form(schedule)
    if form.validate_on_submit():
        change = curation.update(get_session(), schedule, _schedule_values(form), by=_by())
        _save(change)
        flash(_("Changes saved.") if change.changed else _("Nothing changed."), "info")
        return redirect(url_for("staff.service", service_id=service.id) + "#schedules-title", code=303)
    status = 400 if request.method == "POST" else 200
    return render_template("staff/schedule_edit.html", service=service, schedule=schedule, form=form,
                           errors=_errors(form)), status


@staff_route("/services/<service_id>/horaires/<schedule_id>/supprimer",
             "/services/<service_id>/schedules/<schedule_id>/delete", "schedule_delete", "edit", methods=("POST",))
def schedule_delete(service_id: str, schedule_id: str):
    service = _service(service_id)
    schedule = _schedule_of(service, schedule_id)
    change = curation.delete(get_session(), schedule, by=_by())
    _save(change)
    flash(_("Opening hours deleted. You can undo this from the history."), "info")
    return redirect(url_for("staff.service", service_id=service.id) + "#schedules-title", code=303)


@staff_route("/organismes/<organization_id>", "/organizations/<organization_id>", "organization", "edit",
             methods=("GET", "POST"))
def organization_edit(organization_id: str):
    db = get_session()
    organization = db.get(Organization, organization_id)
    if organization is None:
        abort(404)
    current = curation.read(db, organization, OrganizationForm.FIELDS)
    form = OrganizationForm(data=current) if request.method == "GET" else OrganizationForm()
    if form.validate_on_submit() and _update(organization, _form_changes(form, OrganizationForm.FIELDS)):
        return redirect(url_for("staff.organization", organization_id=organization.id), code=303)
    services = list(db.scalars(select(Service).where(Service.organization_id == organization.id)
                               .order_by(Service.name_fr)))
    status = 400 if request.method == "POST" else 200
    return render_template("staff/organization_edit.html", organization=organization, form=form,
                           errors=_errors(form), services=services,
                           phones=_phones(Phone.organization_id, organization.id)), status


# -- phones and addresses -------------------------------------------------------------------------


def _phones(key, owner_id: str) -> list[Phone]:
    return list(get_session().scalars(select(Phone).where(key == owner_id).order_by(Phone.number, Phone.id)))


@dataclass(frozen=True)
class PhoneOwner:
    """The record whose phones a page edits: the phone's parent key must name it."""

    kind: str  # service, organization or location
    id: str
    name: str
    back_url: str
    history_url: str
    endpoint: str  # staff.<kind>_phone; _new and _delete are suffixes
    args: dict

    @property
    def key(self):
        return {"service": Phone.service_id, "organization": Phone.organization_id,
                "location": Phone.location_id}[self.kind]

    def url(self, suffix: str = "", **extra) -> str:
        return url_for(self.endpoint + suffix, **self.args, **extra)


def _owner(kind: str, *, service_id: str | None = None, organization_id: str | None = None,
           location_id: str | None = None) -> PhoneOwner:
    if kind == "organization":
        organization = get_session().get(Organization, organization_id)
        if organization is None:
            abort(404)
        return PhoneOwner(kind, organization.id, organization.name_fr,
                          url_for("staff.organization", organization_id=organization.id) + "#phones-title",
                          url_for("staff.history", resource_type="organization", resource_id=organization.id),
                          "staff.organization_phone", {"organization_id": organization.id})
    service = _service(service_id)
    if kind == "service":
        return PhoneOwner(kind, service.id, service.name_fr,
                          url_for("staff.service", service_id=service.id) + "#phones-title",
                          url_for("staff.history", resource_type="service", resource_id=service.id),
                          "staff.service_phone", {"service_id": service.id})
    location = _location_of(service, location_id)
    args = {"service_id": service.id, "location_id": location.id}
    return PhoneOwner(kind, location.id, location.name_fr or _("Location without a name"),
                      url_for("staff.location", **args) + "#phones-title",
                      url_for("staff.history", resource_type="location", resource_id=location.id),
                      "staff.location_phone", args)


def _phone_of(owner: PhoneOwner, phone_id: str) -> Phone:
    phone = get_session().scalar(select(Phone).where(Phone.id == phone_id, owner.key == owner.id))
    if phone is None:
        abort(404)  # another record's phone is never reachable through this one
    return phone


def _language_choices(current: list[str]) -> list:
    index = 0 if current_lang() == "fr" else 1
    codes = sorted(LANGUAGE_NAMES, key=lambda c: (c not in ("fr", "en"), LANGUAGE_NAMES[c][index]))
    extra = [c for c in current if c not in LANGUAGE_NAMES]
    return choices([(c, LANGUAGE_NAMES[c][index]) for c in codes] + [(c, c) for c in extra])


def _phone_form(phone: Phone | None) -> PhoneForm:
    current = curation.read(get_session(), phone, PhoneForm.FIELDS) if phone is not None else {"languages": []}
    if request.method == "GET":
        form = PhoneForm(data=current) if phone is not None else PhoneForm(data={"type": "voice"})
    else:
        form = PhoneForm()
    form.languages.choices = _language_choices(current["languages"])
    return form


def _phone_page(owner: PhoneOwner, phone: Phone | None, form: PhoneForm):
    status = 400 if request.method == "POST" else 200
    return render_template("staff/phone_edit.html", owner=owner, phone=phone, form=form,
                           errors=_errors(form)), status


def _phone_new(owner: PhoneOwner):
    form = _phone_form(None)
    if form.validate_on_submit():
        values = _form_changes(form, PhoneForm.FIELDS) | {owner.key.key: owner.id}
        _created, change = curation.create(get_session(), "phone", values, by=_by())
        _save(change)
        flash(_("Phone number added."), "info")
        return redirect(owner.back_url, code=303)
    return _phone_page(owner, None, form)


def _phone_edit(owner: PhoneOwner, phone_id: str):
    phone = _phone_of(owner, phone_id)
    form = _phone_form(phone)
    if form.validate_on_submit():
        change = curation.update(get_session(), phone, _form_changes(form, PhoneForm.FIELDS), by=_by())
        _save(change)
        flash(_("Changes saved.") if change.changed else _("Nothing changed."), "info")
        return redirect(owner.back_url, code=303)
    return _phone_page(owner, phone, form)


def _phone_delete(owner: PhoneOwner, phone_id: str):
    phone = _phone_of(owner, phone_id)
    change = curation.delete(get_session(), phone, by=_by())
    _save(change)
    flash(_("Phone number deleted. You can undo this from the history."), "info")
    return redirect(owner.back_url, code=303)


_SERVICE_PHONES = ("/services/<service_id>/telephones", "/services/<service_id>/phones")
_ORGANIZATION_PHONES = ("/organismes/<organization_id>/telephones", "/organizations/<organization_id>/phones")
_LOCATION_PHONES = ("/services/<service_id>/lieux/<location_id>/telephones",
                    "/services/<service_id>/locations/<location_id>/phones")
_EDIT = ("GET", "POST")


@staff_route(_SERVICE_PHONES[0] + "/nouveau", _SERVICE_PHONES[1] + "/new", "service_phone_new", "edit", _EDIT)
def service_phone_new(service_id: str):
    return _phone_new(_owner("service", service_id=service_id))


@staff_route(_SERVICE_PHONES[0] + "/<phone_id>", _SERVICE_PHONES[1] + "/<phone_id>", "service_phone", "edit", _EDIT)
def service_phone(service_id: str, phone_id: str):
    return _phone_edit(_owner("service", service_id=service_id), phone_id)


@staff_route(_SERVICE_PHONES[0] + "/<phone_id>/supprimer", _SERVICE_PHONES[1] + "/<phone_id>/delete",
             "service_phone_delete", "edit", ("POST",))
def service_phone_delete(service_id: str, phone_id: str):
    return _phone_delete(_owner("service", service_id=service_id), phone_id)


@staff_route(_ORGANIZATION_PHONES[0] + "/nouveau", _ORGANIZATION_PHONES[1] + "/new", "organization_phone_new",
             "edit", _EDIT)
def organization_phone_new(organization_id: str):
    return _phone_new(_owner("organization", organization_id=organization_id))


@staff_route(_ORGANIZATION_PHONES[0] + "/<phone_id>", _ORGANIZATION_PHONES[1] + "/<phone_id>", "organization_phone",
             "edit", _EDIT)
def organization_phone(organization_id: str, phone_id: str):
    return _phone_edit(_owner("organization", organization_id=organization_id), phone_id)


@staff_route(_ORGANIZATION_PHONES[0] + "/<phone_id>/supprimer", _ORGANIZATION_PHONES[1] + "/<phone_id>/delete",
             "organization_phone_delete", "edit", ("POST",))
def organization_phone_delete(organization_id: str, phone_id: str):
    return _phone_delete(_owner("organization", organization_id=organization_id), phone_id)


@staff_route(_LOCATION_PHONES[0] + "/nouveau", _LOCATION_PHONES[1] + "/new", "location_phone_new", "edit", _EDIT)
def location_phone_new(service_id: str, location_id: str):
    return _phone_new(_owner("location", service_id=service_id, location_id=location_id))


@staff_route(_LOCATION_PHONES[0] + "/<phone_id>", _LOCATION_PHONES[1] + "/<phone_id>", "location_phone", "edit",
             _EDIT)
def location_phone(service_id: str, location_id: str, phone_id: str):
    return _phone_edit(_owner("location", service_id=service_id, location_id=location_id), phone_id)


@staff_route(_LOCATION_PHONES[0] + "/<phone_id>/supprimer", _LOCATION_PHONES[1] + "/<phone_id>/delete",
             "location_phone_delete", "edit", ("POST",))
def location_phone_delete(service_id: str, location_id: str, phone_id: str):
    return _phone_delete(_owner("location", service_id=service_id, location_id=location_id), phone_id)


_ADDRESSES = ("/services/<service_id>/lieux/<location_id>/adresses",
              "/services/<service_id>/locations/<location_id>/addresses")


def _address_of(location: Location, address_id: str) -> Address:
    address = get_session().scalar(select(Address).where(Address.id == address_id,
                                                         Address.location_id == location.id))
    if address is None:
        abort(404)  # another location's address is never reachable through this one
    return address


def _address_page(service: Service, location: Location, address: Address | None):
    db = get_session()
    if request.method == "GET":
        data = curation.read(db, address, AddressForm.FIELDS) if address is not None else {
            "address_type": "physical", "state_province": "QC", "country": "CA"}
        form = AddressForm(data=data)
    else:
        form = AddressForm()
    if form.validate_on_submit():
        values = _form_changes(form, AddressForm.FIELDS)
        if address is None:
            _created, change = curation.create(db, "address", values | {"location_id": location.id}, by=_by())
            message = _("Address added.")
        else:
            change = curation.update(db, address, values, by=_by())
            message = _("Changes saved.") if change.changed else _("Nothing changed.")
        _save(change)
        flash(message, "info")
        return redirect(url_for("staff.location", service_id=service.id, location_id=location.id)
                        + "#addresses-title", code=303)
    status = 400 if request.method == "POST" else 200
    return render_template("staff/address_edit.html", service=service, location=location, address=address,
                           form=form, errors=_errors(form)), status


@staff_route(_ADDRESSES[0] + "/nouvelle", _ADDRESSES[1] + "/new", "address_new", "edit", _EDIT)
def address_new(service_id: str, location_id: str):
    service = _service(service_id)
    return _address_page(service, _location_of(service, location_id), None)


@staff_route(_ADDRESSES[0] + "/<address_id>", _ADDRESSES[1] + "/<address_id>", "address", "edit", _EDIT)
def address_edit(service_id: str, location_id: str, address_id: str):
    service = _service(service_id)
    location = _location_of(service, location_id)
    return _address_page(service, location, _address_of(location, address_id))


@staff_route(_ADDRESSES[0] + "/<address_id>/supprimer", _ADDRESSES[1] + "/<address_id>/delete", "address_delete",
             "edit", ("POST",))
def address_delete(service_id: str, location_id: str, address_id: str):
    service = _service(service_id)
    location = _location_of(service, location_id)
    change = curation.delete(get_session(), _address_of(location, address_id), by=_by())
    _save(change)
    flash(_("Address deleted. You can undo this from the history."), "info")
    return redirect(url_for("staff.location", service_id=service.id, location_id=location.id) + "#addresses-title",
                    code=303)


# -- history and revert ---------------------------------------------------------------------------


def _record(resource_type: str, resource_id: str):
    if resource_type not in HISTORY_TYPES:
        abort(404)
    record = get_session().get(curation.MODELS[resource_type], resource_id)
    if record is None:
        abort(404)
    return record


def _record_name(record) -> str:
    return str(localized(record, "name") or record.id)


@staff_route("/historique/<resource_type>/<resource_id>", "/history/<resource_type>/<resource_id>", "history",
             "read")
def history(resource_type: str, resource_id: str):
    record = _record(resource_type, resource_id)
    db = get_session()
    rows = curation.history(db, resource_type, resource_id)
    # A location is edited through a service it belongs to (its URLs need one): link each of them.
    services = list(db.scalars(
        select(Service).join(ServiceAtLocation, ServiceAtLocation.service_id == Service.id)
        .where(ServiceAtLocation.location_id == record.id).order_by(Service.name_fr, Service.id).limit(50)
    )) if resource_type == "location" else []
    return render_template("staff/history.html", record=record, resource_type=resource_type,
                           name=_record_name(record), rows=rows, services=services)


def _history_row(resource_type: str, resource_id: str, change_id: str) -> Metadata:
    _record(resource_type, resource_id)
    rows = curation.history(get_session(), resource_type, resource_id)
    row = next((r for r in rows if r.id == change_id), None)
    if row is None:
        abort(404)  # a change of another record is never reachable through this one
    return row


@staff_route("/historique/<resource_type>/<resource_id>/<change_id>/annuler",
             "/history/<resource_type>/<resource_id>/<change_id>/undo", "revert", "edit", methods=("POST",))
def revert(resource_type: str, resource_id: str, change_id: str):
    _history_row(resource_type, resource_id, change_id)
    try:
        change = curation.revert_change(get_session(), change_id, by=_by())
    except curation.CurationError as error:
        get_session().rollback()
        flash(_curation_error(error), "error")
    else:
        _save(change)
        flash(_("The change is undone. The undo is in the history too."), "info")
    return redirect(url_for("staff.history", resource_type=resource_type, resource_id=resource_id), code=303)


@staff_route("/historique/<resource_type>/<resource_id>/<change_id>/retablir",
             "/history/<resource_type>/<resource_id>/<change_id>/restore", "restore", "edit", methods=("POST",))
def restore(resource_type: str, resource_id: str, change_id: str):
    _history_row(resource_type, resource_id, change_id)
    try:
        change = curation.revert_to(get_session(), resource_type, resource_id, change_id, by=_by())
    except curation.CurationError as error:
        get_session().rollback()
        flash(_curation_error(error), "error")
    else:
        _save(change)
        flash(_("The record is back to how it was at that point."), "info")
    return redirect(url_for("staff.history", resource_type=resource_type, resource_id=resource_id), code=303)


# -- error reports --------------------------------------------------------------------------------


@staff_route("/signalements", "/reports", "reports", "read")
def reports():
    status = request.args.get("status", "new")
    status = status if status in ("new", "resolved") else "new"
    page = max(1, min(request.args.get("page", 1, type=int) or 1, 10000))
    db = get_session()
    base = select(ErrorReport).where(ErrorReport.status == status)
    total = db.scalar(select(func.count()).select_from(base.subquery())) or 0
    rows = list(db.scalars(base.order_by(ErrorReport.created_at.desc(), ErrorReport.id)
                           .offset((page - 1) * PER_PAGE).limit(PER_PAGE)))
    return render_template("staff/reports.html", rows=rows, status=status, total=total, page=page,
                           pages=max(1, -(-total // PER_PAGE)))


@staff_route("/signalements/<report_id>", "/reports/<report_id>", "report", "edit", methods=("GET", "POST"))
def report(report_id: str):
    db = get_session()
    row = db.get(ErrorReport, report_id)
    if row is None:
        abort(404)
    form = NoteForm()
    if row.status == "new" and form.validate_on_submit():
        row.status = "resolved"
        db.add(ReportResolution(error_report_id=row.id, note=form.note.data, resolved_by=_by()))
        db.commit()
        flash(_("Report resolved."), "info")
        return redirect(url_for("staff.reports"), code=303)
    resolutions = list(db.scalars(select(ReportResolution).where(ReportResolution.error_report_id == row.id)
                                  .order_by(ReportResolution.resolved_at)))
    status = 400 if request.method == "POST" else 200
    return render_template("staff/report.html", report=row, form=form, errors=_errors(form),
                           resolutions=resolutions), status


# -- staff accounts (admins) ----------------------------------------------------------------------


def _account_error(error: accounts.AccountError) -> str:
    return {
        "exists": _("This email address already has an account."),
        "bad_email": _("Enter an email address like name@example.com"),
        "last_admin": _("The last active administrator keeps the role: make someone else administrator first."),
    }.get(error.code, _("This change cannot be made."))


def _accounts_page(form: AccountForm, status: int = 200, created: tuple[str, str] | None = None,
                   reset: tuple[str, str] | None = None):
    users = list(get_session().scalars(select(StaffUser).order_by(StaffUser.active.desc(), StaffUser.email)))
    role_forms = {}
    for user in users:
        role_form = RoleForm(formdata=None, data={"role": user.role}, prefix=f"u{user.id[:8]}")
        role_forms[user.id] = role_form
    return render_template("staff/accounts.html", form=form, errors=_errors(form), users=users,
                           role_forms=role_forms, created=created, reset=reset), status


@staff_route("/comptes", "/accounts", "accounts", "admin", methods=("GET", "POST"))
def accounts_admin():
    """The one-time password of a new account is shown in this response only: never flashed (the
    session cookie is signed, not encrypted), never stored in clear, and the page is no-store."""
    form = AccountForm()
    if form.validate_on_submit():
        db = get_session()
        password = accounts.new_password()
        try:
            user = accounts.create(db, form.email.data, password, role=form.role.data, name=form.name.data,
                                   one_time=True)
        except accounts.AccountError as error:
            db.rollback()
            form.email.errors.append(_account_error(error))
            return _accounts_page(form, 400)
        db.commit()
        return _accounts_page(AccountForm(formdata=None), 201, created=(user.email, password))
    return _accounts_page(form, 400 if request.method == "POST" else 200)


def _account(user_id: str) -> StaffUser:
    user = get_session().get(StaffUser, user_id)
    if user is None:
        abort(404)
    return user


@staff_route("/comptes/<user_id>/role", "/accounts/<user_id>/role", "account_role", "admin", methods=("POST",))
def account_role(user_id: str):
    user = _account(user_id)
    form = RoleForm(prefix=f"u{user.id[:8]}")
    if form.validate_on_submit():
        try:
            accounts.set_role(get_session(), user, form.role.data)
        except accounts.AccountError as error:
            get_session().rollback()
            flash(_account_error(error), "error")
        else:
            get_session().commit()
            flash(_("Role changed. That person's open sessions are signed out."), "info")
    else:
        flash(_("Choose a role from the list."), "error")
    return redirect(url_for("staff.accounts"), code=303)


@staff_route("/comptes/<user_id>/mot-de-passe", "/accounts/<user_id>/password", "account_password", "admin",
             methods=("POST",))
def account_password(user_id: str):
    """A new one-time password for someone who forgot theirs: shown once, in this response only
    (like a new account's); their open sessions end and they choose their own at the next sign-in."""
    user = _account(user_id)  # CSRF: checked app-wide (portal/security.py) before any view
    if not user.active:
        flash(_("This account is deactivated: it cannot sign in."), "error")
        return redirect(url_for("staff.accounts"), code=303)
    password = accounts.reset_password(user)
    get_session().commit()
    return _accounts_page(AccountForm(formdata=None), 200, reset=(user.email, password))


@staff_route("/comptes/<user_id>/desactiver", "/accounts/<user_id>/deactivate", "account_deactivate", "admin",
             methods=("POST",))
def account_deactivate(user_id: str):
    user = _account(user_id)
    try:
        accounts.deactivate(get_session(), user)
    except accounts.AccountError as error:
        get_session().rollback()
        flash(_account_error(error), "error")
    else:
        get_session().commit()
        flash(_("Account deactivated. It can no longer sign in."), "info")
    return redirect(url_for("staff.accounts"), code=303)


# -- crisis mode ----------------------------------------------------------------------------------


def _utc(local: dt.datetime) -> dt.datetime:
    return local.replace(tzinfo=MONTREAL).astimezone(dt.UTC)


@staff_route("/crise", "/crisis", "crisis", "admin", methods=("GET", "POST"))
def crisis_admin():
    db = get_session()
    form = BannerForm()
    if form.validate_on_submit():
        db.add(CrisisBanner(title_fr=form.title_fr.data, title_en=form.title_en.data or None,
                            message_fr=form.message_fr.data, message_en=form.message_en.data or None,
                            starts_at=_utc(form.starts_at.data), ends_at=_utc(form.ends_at.data), created_by=_by()))
        db.commit()
        crisis.forget_banner()
        flash(_("Banner published."), "info")
        return redirect(url_for("staff.crisis"), code=303)
    now = dt.datetime.now(dt.UTC)
    banners = list(db.scalars(select(CrisisBanner).where(CrisisBanner.ends_at > now - dt.timedelta(days=30))
                              .order_by(CrisisBanner.starts_at.desc())))
    services = list(db.scalars(select(Service).where(Service.is_crisis.is_(True)).order_by(Service.name_fr)))
    status = 400 if request.method == "POST" else 200
    return render_template("staff/crisis_admin.html", form=form, errors=_errors(form), banners=banners,
                           services=services, now=now), status


@staff_route("/crise/<banner_id>/terminer", "/crisis/<banner_id>/end", "crisis_end", "admin", methods=("POST",))
def crisis_end(banner_id: str):
    db = get_session()
    banner = db.get(CrisisBanner, banner_id)
    if banner is None:
        abort(404)
    now = dt.datetime.now(dt.UTC)
    if _aware(banner.ends_at) > now:
        banner.ends_at = max(now, _aware(banner.starts_at))
        db.commit()
        crisis.forget_banner()
    flash(_("Banner ended."), "info")
    return redirect(url_for("staff.crisis"), code=303)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
