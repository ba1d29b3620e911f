"""The curators' side of the freshness loop (directory/outreach; the organizations' pages are
portal/outreach):

    organismes/<id>/liens            an organization's update links: make one (shown once), revoke
    propositions                     the proposals waiting, side by side per field, and "no answer"
    propositions/<id>                POST: accept or reject one field, with a note
    fraicheur                        the loop's health

Accepting writes through `directory.outreach.proposals.accept` (curation.update; the archive path
for an ending; curation.create / delete for a whole phone, address or opening hours added or
removed), saved and reindexed like any staff edit (`editing.apply`). Once every field of a
submission is decided, the organization's contact gets one e-mail saying what was published
(portal/staff/outcome_mail.py); a send that fails is flashed and retried by the daily reminder
run; the decisions stand.
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from directory.curation import Change
from directory.models import Organization, OutreachLink, OutreachProposal
from directory.outreach import children, links, outcomes, proposals, records, reminders
from directory.outreach import health as loop_health
from portal import mail
from portal.database import get_session
from portal.staff import display, outcome_mail
from portal.staff.editing import apply, by
from portal.staff.forms import LONG_TEXT_CHARS as NOTE_CHARS
from portal.staff.forms import EmptyForm
from portal.staff.outreach_rows import WholeRow
from portal.staff.routing import EDIT, staff_route, today

QUEUE_LIMIT = 300  # fields shown at once, oldest first


def _organization_or_404(organization_id: str) -> Organization:
    found = get_session().get(Organization, organization_id)
    if found is None:
        abort(404)
    return found


@staff_route("/organismes/<organization_id>/liens", "/organizations/<organization_id>/links", "outreach_links",
             "edit", methods=EDIT)
def outreach_links(organization_id: str):
    """GET: the working links; POST: a new one, whose address is shown on this response only."""
    organization = _organization_or_404(organization_id)
    form = EmptyForm()
    made = None
    db = get_session()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        link, token = links.make_link(db, organization, secret=current_app.config["SECRET_KEY"], by=by(),
                                      days=current_app.config["OUTREACH_LINK_DAYS"])
        db.commit()
        made = (link, mail.public_url("outreach.update", token=token, lang="fr"),
                mail.public_url("outreach.update", token=token, lang="en"))
    active = links.active_links(db, organization.id)
    return render_template("staff/outreach_links.html", organization=organization, active=active, made=made,
                           contact=records.contact_email(db, organization), form=form)


@staff_route("/organismes/<organization_id>/liens/<link_id>/revoquer",
             "/organizations/<organization_id>/links/<link_id>/revoke", "outreach_link_revoke", "edit",
             methods=("POST",))
def outreach_link_revoke(organization_id: str, link_id: str):
    organization = _organization_or_404(organization_id)
    db = get_session()
    link = db.get(OutreachLink, link_id)
    if link is None or link.organization_id != organization.id:
        abort(404)
    if not EmptyForm().validate_on_submit():
        abort(400)
    if links.revoke(db, link, by=by()):
        db.commit()
        flash(_("The link is revoked: it no longer opens anything."), "info")
    return redirect(url_for("staff.outreach_links", organization_id=organization.id), code=303)


class Row:
    """One proposed field as the queue shows it: stored value now, proposed value, in words."""

    whole = False  # a whole record added or removed is a `WholeRow`

    def __init__(self, proposal: OutreachProposal, current: str | None) -> None:
        kind, name = proposal.resource_type, proposal.field_name
        self.proposal = proposal
        self.label = display.field_label(kind, name)
        self.lang = name.rpartition("_")[2] if name.endswith(("_fr", "_en")) else None
        self.ending = kind == "service" and name == "status" and proposal.proposed_value == records.ENDED
        self.gone = current is None
        self.current = display.value_text(kind, name, current or "")
        self.proposed = display.value_text(kind, name, proposal.proposed_value)
        self.moved = current is not None and current != proposal.previous_value  # changed since proposed
        long = display.is_long_change(current or "", proposal.proposed_value)
        self.diff = display.word_diff(current or "", proposal.proposed_value) if long else None


def _record_name(db, kind: str, record_id: str) -> str:
    record = db.get(records.MODELS[kind], record_id)
    if record is None:
        return _("(deleted)")
    if kind in ("organization", "service", "location"):
        return record.name_fr or _("(no name)")
    if kind == "phone":
        return record.number
    if kind == "address":
        return f"{record.address_1}, {record.city}"
    return display.schedule_text(record)


@staff_route("/propositions", "/proposals", "outreach_queue", "read")
def outreach_queue():
    db = get_session()
    waiting = proposals.pending(db, limit=QUEUE_LIMIT)
    groups: dict[tuple[str, str, str], list[Row | WholeRow]] = {}
    for p in waiting:
        current = proposals.current_text(db, p)
        if children.action(p) is not None:  # a whole record added or removed: shown under its parent
            groups.setdefault((p.organization_id, *_parent(p)), []).append(WholeRow(p, current))
        else:
            groups.setdefault((p.organization_id, p.resource_type, p.resource_id), []).append(Row(p, current))
    organizations = {o.id: o for o in db.scalars(select(Organization).where(
        Organization.id.in_({k[0] for k in groups})))} if groups else {}
    entries = [{"organization": organizations.get(org), "kind": display.record_kind(kind),
                "name": _record_name(db, kind, rid), "resource_type": kind, "resource_id": rid,
                "rows": sorted(rows, key=lambda r: (r.proposal.field_name.rpartition("_")[0] or r.proposal.field_name,
                                                    r.lang != "fr", r.proposal.field_name))}
               for (org, kind, rid), rows in groups.items()]
    undelivered = [(o, db.get(Organization, o.organization_id)) for o in outcomes.undelivered(db)]
    return render_template("staff/outreach_queue.html", entries=entries, total=len(waiting), limit=QUEUE_LIMIT,
                           no_answer=reminders.no_answer(db), note_chars=NOTE_CHARS, undelivered=undelivered)


def _parent(proposal: OutreachProposal) -> tuple[str, str]:
    """The record whose page lists an added or removed child (the child itself when unknown)."""
    return children.parent_of(proposal) or (proposal.resource_type, proposal.resource_id)


@staff_route("/propositions/<proposal_id>", "/proposals/<proposal_id>", "outreach_decide", "edit",
             methods=("POST",))
def outreach_decide(proposal_id: str):
    db = get_session()
    proposal = db.get(OutreachProposal, proposal_id)
    if proposal is None:
        abort(404)
    decision = request.form.get("decision")
    if decision not in ("accept", "reject") or not EmptyForm().validate_on_submit():
        abort(400)
    note = (request.form.get("note") or "").strip()[:NOTE_CHARS]  # optional; sent to the organization
    if decision == "accept":
        done = apply(lambda: proposals.accept(db, proposal, by=by(), note=note))
    else:
        done = apply(lambda: _rejected(db, proposal, note))
    if done is not None:
        flash(_("Published.") if decision == "accept" else _("Rejected: nothing was published."), "info")
        _tell(db, proposal.submission_id)
    anchor = _parent(proposal)[1] if children.action(proposal) else proposal.resource_id
    return redirect(url_for("staff.outreach_queue", _anchor=f"r-{anchor}"), code=303)


def _rejected(db, proposal: OutreachProposal, note: str) -> Change:
    proposals.reject(db, proposal, by=by(), note=note)
    return Change()  # nothing to reindex


def _tell(db, submission_id: str) -> None:
    """E-mail the organization once every field of the submission is decided; say when it did not go."""
    status = outcome_mail.tell(db, submission_id)
    if status == "no_address":
        flash(_("The organization has no e-mail address: tell it the outcome another way."), "warning")
    elif status == "bounced":
        flash(_("The organization's mail server refused the e-mail telling it the outcome: tell it another way."),
              "warning")
    elif status in ("failed", "given_up"):
        current_app.logger.warning("outcome e-mail of submission %s not sent yet", submission_id)
        flash(_("The e-mail telling the organization could not be sent now: it will be sent again with the daily "
                "reminder run."), "warning")


@staff_route("/fraicheur", "/freshness", "outreach_health", "read")
def outreach_health():
    from directory.geo import regions
    from directory.taxonomy import by_code
    from portal.i18n import localized

    figures = loop_health.health(get_session(), today=today())
    region_names = {code: localized(r, "name") for code, r in regions().items()}
    category_names = {code: localized(t, "name") for code, t in by_code().items()}
    return render_template("staff/outreach_health.html", h=figures, region_names=region_names,
                           category_names=category_names)

