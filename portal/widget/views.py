"""The embeddable search widget and its configurator.

* `widget.search` (/fr/widget/recherche, /en/widget/search): the page partners put in an <iframe>.
  A search box and results whose links open the portal in a new tab (target=_blank,
  rel=noopener); presets (region, categories, colours) ride in the query string. The only pages
  any origin may frame (portal.framing). No JavaScript: a plain GET form.
* `widget.theme` (/widget/theme.css): the presets' colours as a stylesheet, so the widget page has
  no inline style either (only validated #rrggbb values reach it).
* `widget.configurator` (/fr/widget, /en/widget): for partners: a form that writes the snippet.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Response, render_template, request, url_for
from flask_babel import gettext as _

from portal import search_service
from portal.display import understood
from portal.framing import WIDGET, frame_policy
from portal.i18n import current_lang, locale_route
from portal.locales import is_ui_locale
from portal.search import state
from portal.widget import presets as presets_mod

bp = Blueprint("widget", __name__)

PER_PAGE = 10
SEARCH_PARAMS = ("q", "place", "page")


def widget_url(presets: presets_mod.Presets, *, external: bool = False, lang: str | None = None, **extra) -> str:
    pairs = presets.query() + [(k, v) for k, v in extra.items() if v not in (None, "")]
    values = {"lang": lang} if lang else {}
    base = url_for("widget.search", _external=external, **values)
    return f"{base}?{urlencode(pairs)}" if pairs else base


def theme_url(presets: presets_mod.Presets) -> str:
    pairs = [("accent", presets.accent), ("bg", presets.background)]
    return f"{url_for('widget.theme')}?{urlencode(pairs)}"


@frame_policy(WIDGET)
def search():
    lang = current_lang()
    presets = presets_mod.parse(request.args)
    q = (request.args.get("q") or "").strip()
    place = (request.args.get("place") or "").strip()
    result = error = None
    # Query-understanding stages the reader switched off (a place chip removed, "search instead").
    keep = ",".join(v for v in dict.fromkeys(",".join(request.args.getlist("keep")).split(","))
                    if v in ("place", "spelling"))
    searched = bool(q or place or request.args.get("page"))

    def keep_url(stage: str) -> str:
        return widget_url(presets, q=q, place=place, keep=",".join(filter(None, (keep, stage))))

    if searched:
        args = {"q": q, "place": place, "page": request.args.get("page") or "1", "per_page": str(PER_PAGE),
                "region": [presets.region] if presets.region else [], "category": presets.categories,
                "keep": [keep] if keep else []}
        try:
            search_request = search_service.parse(args, lang, facets=False, highlight=False,
                                                  group_by_service=True)
            # Counted in the needs analysis under the widget's own channel.
            response = search_service.search(search_request, search_service.WIDGET)
        except search_service.InvalidSearch as invalid:
            error = state.error_message(invalid.code)
        else:
            result = state.ResultView(response, state.SearchState(request.args), search_request)
            result.understood = understood.chips(search_request, lang, keep_url)
            result.correction = understood.correction(search_request, response, q, keep_url)
    portal_args = presets.query() + [(k, v) for k, v in (("q", q), ("place", place)) if v]
    portal_results = f"{url_for('search.results', _external=True)}?{urlencode(portal_args)}"
    html = render_template(
        "widget/search.html", presets=presets, q=q, place=place, result=result, error=error,
        theme_url=theme_url(presets), portal_results=portal_results,
        keep=keep,
        page_url=lambda page: widget_url(presets, q=q, place=place, keep=keep, page=page if page > 1 else None),
    )
    return html, (400 if error else 200)


def theme():
    p = presets_mod.parse(request.args)
    css = (
        ":root {"
        f" --w-accent: {p.accent}; --w-bg: {p.background}; --w-fg: {p.text};"
        f" --w-button-fg: {presets_mod.text_colour(p.accent)};"
        " }\n"
    )
    response = Response(css, mimetype="text/css")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


def configurator():
    lang = current_lang()
    submitted = "generate" in request.args
    presets = presets_mod.parse(request.args)
    snippet = preview = None
    if submitted and presets.valid:
        wanted = request.args.get("widget_lang")
        target_lang = wanted if is_ui_locale(wanted) else lang
        preview = widget_url(presets, lang=target_lang)
        src = widget_url(presets, external=True, lang=target_lang)
        title = _("Search community services – Portail 211")
        snippet = (f'<iframe src="{src}" title="{title}" width="100%" height="{presets.height}" '
                   f'loading="lazy"></iframe>')
    errors = [(f"w-{name}", str(message)) for name, message in presets.errors.items()] if submitted else []
    return render_template(
        "widget/configurator.html", presets=presets, submitted=submitted, snippet=snippet, preview=preview,
        errors=errors, regions=presets_mod.region_choices(lang), categories=presets_mod.category_choices(lang),
        heights=presets_mod.HEIGHTS, widget_lang=request.args.get("widget_lang") or lang,
    ), (400 if errors else 200)


locale_route(bp, "search", search)
locale_route(bp, "configurator", configurator)
bp.add_url_rule("/widget/theme.css", "theme", theme)
