"""Staff area pages: sign-in, dashboard, review queue, editing, preview, history and revert, the
error-report inbox, crisis banners.

One blueprint of full pages (no fragments): staff pages are forms that post and redirect
(post/redirect/get), so they work without JavaScript and reload safely. Every route but sign-in
is guarded by `requires(permission)`; the permission is on the view (`staff_permission`) so the
security tests can walk the URL map. Paths follow the public site's languages: /fr/personnel/…
and /en/staff/…, registered once per language.

Records are always looked up through the record in the URL: a location is found through the
service's own service_at_location rows, a schedule through its service, so one record's URL can
never reach another's rows (404). Forms are read field by field (`FIELDS`), never `**request.form`.
"""

from __future__ import annotations

import datetime as dt
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
    CrisisBanner,
    ErrorReport,
    Location,
    Metadata,
    Organization,
    ReportResolution,
    Schedule,
    Service,
    ServiceAtLocation,
    StaffUser,
    TaxonomyTerm,
)
from directory.vocabulary import ACCESSIBILITY_FEATURES, LANGUAGE_NAMES
from indexer.schedule import MONTREAL
from portal.database import get_session
from portal.i18n import current_lang, localized, localized_route
from portal.staff import crisis, indexing
from portal.staff.auth import identity, login_key, requires
from portal.staff.forms import (
    WEEKDAYS,
    BannerForm,
    CheckboxesField,
    LocationForm,
    LoginForm,
    NoteForm,
    OrganizationForm,
    PasswordChangeForm,
    ScheduleForm,
    ServiceForm,
    choices,
)

bp = Blueprint("staff", __name__)

PER_PAGE = 25
HISTORY_TYPES = ("service", "organization", "location")


def staff_route(fr: str, en: str, endpoint: str, permission: str | None, methods=("GET",)):
    def register(view):
        guarded = requires(permission)(view) if permission else view
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
        failed = indexing.refresh(current_app.config, change.service_ids)
        if failed:
            flash(_("Saved. Search will show the change a little later (the index is catching up)."), "warning")


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


@staff_route("/deconnexion", "/logout", "logout", "read", methods=("POST",))
def logout():
    logout_user()
    session.clear()
    flash(_("You are signed out."), "info")
    return redirect(url_for("staff.login"), code=303)


@staff_route("/mot-de-passe", "/password", "password", "read", methods=("GET", "POST"))
def password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        db = get_session()
        user = db.get(StaffUser, current_user.id)
        try:
            accounts.change_password(user, form.current_password.data, form.new_password.data)
        except accounts.AccountError as error:
            target = form.current_password if error.code == "wrong_password" else form.new_password
            target.errors.append(_("The current password is not right.") if error.code == "wrong_password"
                                 else _("Use at least 12 characters."))
        else:
            db.commit()
            login_user(identity(user))  # this session continues; every other one ends
            flash(_("Your password is changed. Other sessions are signed out."), "info")
            return redirect(url_for("staff.home"), code=303)
    status = 400 if request.method == "POST" else 200
    return render_template("staff/password.html", form=form, errors=_errors(form)), status


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
        indexing.retry_backlog(current_app.config)
    backlog = indexing.backlog_size(current_app.config["DATABASE_URL"])
    return render_template("staff/home.html", q=q, found=found, due=due, reports=reports, backlog=backlog)


def _today() -> dt.date:
    return dt.datetime.now(MONTREAL).date()


@staff_route("/verification", "/review", "queue", "read")
def queue():
    page = max(1, min(request.args.get("page", 1, type=int) or 1, 10000))
    services, total = curation.due_for_review(get_session(), today=_today(), page=page, per_page=PER_PAGE)
    pages = max(1, -(-total // PER_PAGE))
    return render_template("staff/queue.html", services=services, total=total, page=page, pages=pages,
                           today=_today())


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
                           errors=_errors(form), locations=locations, schedules=schedules), status


@staff_route("/services/<service_id>", "/services/<service_id>", "service", "edit", methods=("GET", "POST"))
def service_edit(service_id: str):
    service = _service(service_id)
    form, groups = _service_form(service)
    if request.method == "POST" and request.form.get("action") == "edit":
        # "Keep editing" from the preview: show the posted values, save nothing.
        form.validate()
        return _service_page(service, form, groups)
    if form.validate_on_submit():
        try:
            change = curation.update(get_session(), service, _form_changes(form, ServiceForm.FIELDS), by=_by())
        except curation.CurationError as error:
            get_session().rollback()
            flash(_curation_error(error), "error")
            return _service_page(service, form, groups, 400)
        _save(change)
        flash(_("Changes saved.") if change.changed else _("Nothing changed."), "info")
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
    if form.validate_on_submit():
        try:
            change = curation.update(db, location, _form_changes(form, LocationForm.FIELDS), by=_by())
        except curation.CurationError as error:
            db.rollback()
            flash(_curation_error(error), "error")
        else:
            _save(change)
            flash(_("Changes saved.") if change.changed else _("Nothing changed."), "info")
            return redirect(url_for("staff.location", service_id=service.id, location_id=location.id), code=303)
    status = 400 if request.method == "POST" else 200
    return render_template("staff/location_edit.html", service=service, location=location, form=form,
                           errors=_errors(form)), status


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
    if form.validate_on_submit():
        try:
            change = curation.update(db, organization, _form_changes(form, OrganizationForm.FIELDS), by=_by())
        except curation.CurationError as error:
            db.rollback()
            flash(_curation_error(error), "error")
        else:
            _save(change)
            flash(_("Changes saved.") if change.changed else _("Nothing changed."), "info")
            return redirect(url_for("staff.organization", organization_id=organization.id), code=303)
    services = list(db.scalars(select(Service).where(Service.organization_id == organization.id)
                               .order_by(Service.name_fr)))
    status = 400 if request.method == "POST" else 200
    return render_template("staff/organization_edit.html", organization=organization, form=form,
                           errors=_errors(form), services=services), status


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
    rows = curation.history(get_session(), resource_type, resource_id)
    return render_template("staff/history.html", record=record, resource_type=resource_type,
                           name=_record_name(record), rows=rows)


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
