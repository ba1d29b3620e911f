"""The error-report inbox: reports the public sent from service pages, resolved with a note."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from directory.models import ErrorReport, ReportResolution
from portal.database import get_session
from portal.staff.editing import by
from portal.staff.forms import NoteForm, errors_of
from portal.staff.routing import EDIT, PER_PAGE, staff_route


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


@staff_route("/signalements/<report_id>", "/reports/<report_id>", "report", "edit", methods=EDIT)
def report(report_id: str):
    db = get_session()
    row = db.get(ErrorReport, report_id)
    if row is None:
        abort(404)
    form = NoteForm()
    if row.status == "new" and form.validate_on_submit():
        row.status = "resolved"
        db.add(ReportResolution(error_report_id=row.id, note=form.note.data, resolved_by=by()))
        db.commit()
        flash(_("Report resolved."), "info")
        return redirect(url_for("staff.reports"), code=303)
    resolutions = list(db.scalars(select(ReportResolution).where(ReportResolution.error_report_id == row.id)
                                  .order_by(ReportResolution.resolved_at)))
    status = 400 if request.method == "POST" else 200
    return render_template("staff/report.html", report=row, form=form, errors=errors_of(form),
                           resolutions=resolutions), status
