"""Full pages of the home area."""

from __future__ import annotations

import time
from dataclasses import dataclass

from flask import Blueprint, current_app, redirect, render_template, url_for
from sqlalchemy import select

from directory.models import Attribute, Service, TaxonomyTerm
from portal.database import get_session
from portal.i18n import current_lang, locale_route, localized, preferred_lang

bp = Blueprint("main", __name__)


@dataclass(frozen=True)
class CategoryCount:
    code: str
    name_fr: str
    name_en: str | None
    services: int

    def name(self, lang: str) -> str:
        return localized(self, "name", lang) or self.name_fr


_category_cache: dict[str, tuple[float, list[CategoryCount]]] = {}


def top_categories() -> list[CategoryCount]:
    """Top-level categories with the number of active services filed under them (any depth).

    Read from the database for now; counted in Python because a term's top level is its code's
    first segment, which SQLite and PostgreSQL split with different functions. Cached per process
    for CACHE_SECONDS: the home page is the most visited page and the counts move slowly.
    """
    url = current_app.config["DATABASE_URL"]
    ttl = current_app.config["CACHE_SECONDS"]
    cached = _category_cache.get(url)
    if cached and time.monotonic() - cached[0] < ttl:
        return cached[1]
    session = get_session()
    tops = session.execute(
        select(TaxonomyTerm.code, TaxonomyTerm.name_fr, TaxonomyTerm.name_en)
        .where(TaxonomyTerm.parent_id.is_(None), TaxonomyTerm.code.is_not(None))
        .order_by(TaxonomyTerm.code)
    ).all()
    pairs = session.execute(
        select(Attribute.link_id, TaxonomyTerm.code)
        .join(TaxonomyTerm, TaxonomyTerm.id == Attribute.taxonomy_term_id)
        .join(Service, Service.id == Attribute.link_id)
        .where(Attribute.link_entity == "service", Service.status == "active")
    ).all()
    services_by_top: dict[str, set[str]] = {}
    for service_id, code in pairs:
        services_by_top.setdefault(code.split(".", 1)[0], set()).add(service_id)
    result = [
        CategoryCount(code, name_fr, name_en, len(services_by_top.get(code, ())))
        for code, name_fr, name_en in tops
    ]
    result = [c for c in result if c.services]
    result.sort(key=lambda c: -c.services)
    _category_cache[url] = (time.monotonic(), result)
    return result


@bp.get("/")
def root():
    # 302, not 301: the target depends on the reader's cookie and browser.
    response = redirect(url_for("main.home", lang=preferred_lang()), code=302)
    response.vary.add("Cookie")
    response.vary.add("Accept-Language")
    return response


def home():
    return render_template("main/home.html", categories=top_categories(), lang=current_lang())


def privacy():
    """What the anonymous needs log keeps of a search, and why it cannot identify anyone
    (docs/privacy.md; the figures come from the code that applies them)."""
    from needs import allowlist, report, stats, vocabulary

    return render_template("main/privacy.html", retention_days=current_app.config.get("NEEDS_RAW_RETENTION_DAYS", 365),
                           min_services=vocabulary.MIN_SERVICES, phrase_searches=report.PHRASE_MIN_SEARCHES,
                           phrase_days=report.PHRASE_MIN_DAYS, suppress_below=stats.SUPPRESS_BELOW,
                           placeholder=allowlist.PLACEHOLDER,
                           age_bands=[label for _, label in allowlist.AGE_BANDS])


locale_route(bp, "home", home)
locale_route(bp, "privacy", privacy)
