"""Vocabulary gaps (issue 15): the needs people searched for that found nothing or almost
nothing (`needs.vocabulary_gaps`), with what search finds for them now, and a form that adds the need's
words as a search keyword of the service that answers it. The keyword goes through curation like
any edit (audited, undoable in the service's history) and reaches search through the live
indexer right after the commit (`editing.save`, indexer/live.py)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from directory import curation
from directory.db import engine_for
from directory.models import Service
from indexer.engine import SearchRequest, SearchUnavailable
from needs import vocabulary_gaps as gaps
from portal import search_service
from portal.database import get_session
from portal.i18n import current_lang
from portal.needs import database_url
from portal.staff.editing import apply, by
from portal.staff.forms import KeywordForm, errors_of
from portal.staff.routing import staff_route, today


def _results_now(need: str) -> int | None:
    """How many services the need finds today (not logged); None when search is unavailable."""
    try:
        return search_service.count(SearchRequest(q=need, locale="fr", group_by_service=True))
    except SearchUnavailable:
        return None


def _weeks() -> int:
    weeks = request.args.get("weeks", gaps.DEFAULT_WEEKS, type=int)
    return weeks if weeks in gaps.PERIODS else gaps.DEFAULT_WEEKS


def _page(form: KeywordForm, status: int = 200):
    weeks = _weeks()
    rows = [(gap, _results_now(gap.need))
            for gap in gaps.vocabulary_gaps(engine_for(database_url()), today(), weeks)]
    return render_template("staff/vocabulary.html", rows=rows, weeks=weeks, periods=gaps.PERIODS, form=form,
                           errors=errors_of(form)), status


@staff_route("/vocabulaire", "/vocabulary", "vocabulary", "read")
def vocabulary():
    return _page(KeywordForm(data={"language": current_lang()}))


@staff_route("/vocabulaire/mot-cle", "/vocabulary/keyword", "vocabulary_keyword", "edit", methods=("POST",))
def vocabulary_keyword():
    form = KeywordForm()
    if form.validate_on_submit():
        service = get_session().get(Service, form.service_id.data)
        if service is None:
            form.service_id.errors = [_("No service has this identifier.")]
        elif _add_keyword(service, form.keyword.data, form.language.data):
            return redirect(url_for("staff.vocabulary", weeks=_weeks()), code=303)
    return _page(form, 400)


def _add_keyword(service: Service, keyword: str, language: str) -> bool:
    """Append `keyword` to the service's keywords in `language` (audited, live after commit)."""
    field = f"keywords_{language}"
    current = [k.strip() for k in (getattr(service, field) or "").split(",") if k.strip()]
    if keyword.casefold() in (k.casefold() for k in current):
        flash(_("This service already has this keyword."), "info")
        return True
    change = apply(lambda: curation.update(get_session(), service, {field: ", ".join([*current, keyword])},
                                           by=by()))
    if change is None:
        return False
    flash(_("Keyword “%(keyword)s” added to %(service)s: search finds it now.", keyword=keyword,
            service=service.name_fr), "info")
    return True
