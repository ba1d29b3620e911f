"""Demo query log: two years of believable searches, written straight into the roll-ups.

Weekly counts per region × category are Poisson draws around

    total × population share(region) × share(category) × over-index(region, category)
          × season(category, week) × growth(week) × crisis(region, category, week)

then split into channels and locales (multinomial) and into zero- and few-result searches
(binomial, per-category rates, higher in remote regions), and the unmet ones into normalised needs
(multinomial over each category's hard-to-meet needs). Seasons: tax season (income, Feb–Apr), winter
(shelter, heating, seniors' snow removal), moving day (housing, late June–July 1st), back to school
(goods, education, Aug–Sep), holiday baskets (food, goods, Nov–Dec). One crisis: a spring flood in
Chaudière-Appalaches (emergency ×8, housing ×2.5, goods ×2, three weeks). The last complete week has
a rise in income-support searches in Montréal, so trend alerts show something on a fresh install.
A sample of individual searches goes into the raw log too, so it is not empty. Every phrase goes
through what the live log applies (`needs.record.stored_query`: patterns, then the allowlist of known
words), and each unmet-need row gets the days of the week its searches fell on (a Poisson week spread
uniformly over 7 days), which the dashboard's phrase rule reads.

Vectorised with numpy: 500,000 searches take a few seconds, most of it inserting rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Engine

from directory import taxonomy
from needs.models import QueryLog, SearchWeek, ServiceAppearanceWeek, UnmetNeedWeek
from needs.record import need_of, stored_query, week_of
from needs.scrub import normalise
from needs.vocabulary import Vocabulary

# 2021 census populations (thousands), administrative regions 01-17.
POPULATION = {
    "01": 197, "02": 278, "03": 755, "04": 272, "05": 335, "06": 2004, "07": 399, "08": 147,
    "09": 91, "10": 46, "11": 91, "12": 436, "13": 438, "14": 531, "15": 631, "16": 1611, "17": 255,
}
UNKNOWN_REGION_SHARE = 0.15  # searches without a place
REMOTE = ("08", "09", "10", "11")

CATEGORY_SHARE = {
    "food": 0.16, "housing": 0.15, "health": 0.09, "mental-health": 0.07, "income": 0.10, "work": 0.05,
    "education": 0.05, "legal": 0.05, "family": 0.06, "seniors": 0.045, "newcomers": 0.04,
    "transport": 0.03, "goods": 0.04, "emergency": 0.02, "violence": 0.02, "disability": 0.02,
    "community": 0.02, "": 0.03,
}
OVER_INDEX = {
    "06": {"newcomers": 2.2, "housing": 1.3, "legal": 1.2, "transport": 0.6},
    "13": {"newcomers": 1.5, "family": 1.2},
    "03": {"seniors": 1.2, "mental-health": 1.2},
    "07": {"legal": 1.2, "newcomers": 1.3},
    "10": {"transport": 2.5, "food": 1.4, "health": 1.3, "newcomers": 0.2},
    "09": {"transport": 2.0, "mental-health": 1.3, "newcomers": 0.3},
    "11": {"seniors": 1.6, "transport": 2.0, "newcomers": 0.3},
    "08": {"transport": 1.8, "work": 1.3, "newcomers": 0.4},
    "01": {"seniors": 1.5, "transport": 1.5, "newcomers": 0.4},
    "16": {"family": 1.2}, "14": {"family": 1.15}, "15": {"family": 1.1},
    "05": {"education": 1.2}, "17": {"work": 1.2},
}
CHANNELS = (("web", 0.82), ("widget", 0.12), ("api", 0.06))
ENGLISH_SHARE = {"06": 0.32, "07": 0.28, "05": 0.10, "16": 0.10, "13": 0.12, "": 0.22}
ZERO_RATE = {"transport": 0.10, "disability": 0.08, "health": 0.06, "mental-health": 0.06, "": 0.35}
FEW_RATE = {"transport": 0.12, "disability": 0.10, "legal": 0.08, "": 0.15}

# Needs the directory barely meets, per category (folded text, as the log stores needs).
UNMET = {
    "family": [("garde enfants soir", 3), ("halte-garderie fin semaine", 2), ("evening childcare", 1)],
    "health": [("dentiste gratuit", 4), ("medecin famille sans rendez-vous", 3), ("optometriste gratuit", 2),
               ("free dentist", 1)],
    "mental-health": [("psychologue gratuit", 4), ("therapie hommes", 2), ("free therapist", 1)],
    "transport": [("transport medical", 4), ("transport dialyse", 2), ("covoiturage rendez-vous medical", 1)],
    "housing": [("logement famille nombreuse", 3), ("hebergement homme avec enfants", 2),
                ("entreposage meubles", 2), ("logement avec animal", 2), ("bois chauffage", 1)],
    "goods": [("laveuse secheuse usagee", 2), ("ordinateur gratuit", 2), ("lit enfant", 1)],
    "income": [("facture hydro", 3), ("pret sans interet", 2)],
    "newcomers": [("cours francais ligne soir", 3), ("equivalence diplome", 2)],
    "legal": [("avocat immigration gratuit", 3), ("notaire gratuit", 2)],
    "food": [("epicerie halal bas prix", 2), ("repas sans gluten", 1)],
    "seniors": [("deneigement aines", 3), ("aide menage aines", 2)],
    "emergency": [("hebergement sinistres", 2), ("pompage sous-sol inondation", 1)],
    "work": [("emploi etudiant 14 ans", 2)],
    "education": [("aide devoirs secondaire gratuit", 2)],
    "disability": [("accompagnateur loisirs autisme", 2)],
    "violence": [("hebergement hommes victimes", 2)],
    "community": [("club marche aines", 1)],
    "": [("refuge animaux", 2), ("internet faible cout", 3), ("reparation velo", 1)],
}


def _bump(day_of_year: np.ndarray, centre: int, width_days: float) -> np.ndarray:
    """A yearly Gaussian bump around `centre` (day of year), wrapping around New Year."""
    distance = np.minimum(np.abs(day_of_year - centre), 365 - np.abs(day_of_year - centre))
    bump: np.ndarray = np.exp(-0.5 * (distance / width_days) ** 2)
    return bump


def seasonality(weeks: list[dt.date], categories: list[str]) -> np.ndarray:
    """Multiplier [week, category]."""
    doy = np.array([(w + dt.timedelta(days=3)).timetuple().tm_yday for w in weeks], dtype=float)
    winter = _bump(doy, 20, 40)
    season = np.ones((len(weeks), len(categories)))
    rules = {
        "income": 1 + 0.9 * _bump(doy, 75, 25) + 0.2 * winter,  # tax season, heating bills
        "housing": 1 + 1.4 * _bump(doy, 178, 12) + 0.35 * winter,  # moving day, shelters in the cold
        "goods": 1 + 0.8 * _bump(doy, 235, 14) + 0.5 * _bump(doy, 340, 14),  # school supplies, holidays
        "education": 1 + 0.5 * _bump(doy, 245, 14),
        "food": 1 + 0.7 * _bump(doy, 338, 16),  # holiday baskets
        "seniors": 1 + 0.25 * winter,
        "mental-health": 1 + 0.2 * _bump(doy, 25, 20),
        "work": 1 + 0.2 * _bump(doy, 120, 25),
    }
    for k, code in enumerate(categories):
        if code in rules:
            season[:, k] = rules[code]
    return season


@dataclass
class DemoStats:
    searches: int
    weeks: int
    rows: int
    unmet_rows: int
    raw_rows: int
    seconds: float

    def summary(self) -> str:
        return (f"demo query log: {self.searches:,} searches over {self.weeks} weeks; {self.rows:,} roll-up rows, "
                f"{self.unmet_rows:,} unmet-need rows, {self.raw_rows:,} raw sample rows in {self.seconds:.1f} s")


def has_data(engine: Engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(select(SearchWeek.week).limit(1)).first() is not None


def generate(engine: Engine, *, searches: int = 500_000, months: int = 24, seed: int = 211,
             sample: int = 20_000, today: dt.date | None = None, vocabulary: Vocabulary | None = None) -> DemoStats:
    """Replace the query log and roll-ups with a demo history ending with the last complete week.
    `vocabulary`: the words the log may keep (default: the static words only)."""
    import time

    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    last = week_of(today or dt.date.today()) - dt.timedelta(weeks=1)
    n_weeks = max(9, round(months * 52 / 12))
    weeks = [last - dt.timedelta(weeks=n_weeks - 1 - i) for i in range(n_weeks)]
    regions = ["", *sorted(POPULATION)]
    categories = list(CATEGORY_SHARE)

    population = np.array([POPULATION[r] for r in regions[1:]], dtype=float)
    region_share = np.concatenate([[UNKNOWN_REGION_SHARE], (1 - UNKNOWN_REGION_SHARE) * population / population.sum()])
    category_share = np.array([CATEGORY_SHARE[c] for c in categories])
    over = np.ones((len(regions), len(categories)))
    for region_code, factors in OVER_INDEX.items():
        for category, factor in factors.items():
            over[regions.index(region_code), categories.index(category)] = factor
    season = seasonality(weeks, categories)
    growth = np.linspace(0.9, 1.1, n_weeks)
    crisis = np.ones((n_weeks, len(regions), len(categories)))
    floods = [i for i, w in enumerate(weeks) if w.month == 4 and 14 <= w.day <= 20]
    if floods:
        start = floods[-1]
        for offset, extra in enumerate((1.0, 0.55, 0.25)):
            if start + offset < n_weeks:
                for code, peak in (("emergency", 8.0), ("housing", 2.5), ("goods", 2.0)):
                    crisis[start + offset, regions.index("12"), categories.index(code)] = 1 + (peak - 1) * extra
    crisis[-1, regions.index("06"), categories.index("income")] *= 1.6

    lam = (region_share[None, :, None] * category_share[None, None, :] * over[None, :, :]
           * season[:, None, :] * growth[:, None, None] * crisis)
    lam *= searches / lam.sum()
    counts = rng.poisson(lam)  # [W, R, C]

    # Channels × locales, per region (English share differs).
    combos = [(ch, lo) for ch, _ in CHANNELS for lo in ("fr", "en")]
    split = np.zeros((*counts.shape, len(combos)), dtype=np.int64)
    for j, region in enumerate(regions):
        english = ENGLISH_SHARE.get(region, 0.05)
        pvals = [p * (1 - english if lo == "fr" else english) for (_, p) in CHANNELS for lo in ("fr", "en")]
        split[:, j, :, :] = rng.multinomial(counts[:, j, :], pvals)

    zero_rate = np.array([ZERO_RATE.get(c, 0.03) for c in categories])[None, None, :, None]
    few_rate = np.array([FEW_RATE.get(c, 0.05) for c in categories])[None, None, :, None]
    remote = np.array([2.0 if r in REMOTE else 1.0 for r in regions])[None, :, None, None]
    zero = rng.binomial(split, np.minimum(zero_rate * remote, 0.9))
    few = rng.binomial(split - zero, np.minimum(few_rate * remote / (1 - np.minimum(zero_rate * remote, 0.9)), 0.9))

    week_rows = []
    nz = np.nonzero(split)
    for w, r, c, m in zip(*nz, strict=True):
        channel, locale = combos[m]
        week_rows.append({"week": weeks[w], "region_code": regions[r], "category": categories[c],
                          "channel": channel, "locale": locale, "searches": int(split[w, r, c, m]),
                          "zero_results": int(zero[w, r, c, m]), "few_results": int(few[w, r, c, m])})

    # Unmet needs: each category's zero/few searches shared among its hard-to-meet needs.
    zero_wrc, few_wrc = zero.sum(axis=3), few.sum(axis=3)
    unmet_rows = []
    for c, code in enumerate(categories):
        merged: dict[str, int] = {}  # two phrases may keep the same known words: one need
        for phrase, weight in UNMET.get(code) or [(normalise(code), 1)]:
            need = need_of(stored_query(phrase, vocabulary))
            merged[need] = merged.get(need, 0) + weight
        needs = list(merged.items())
        for r, region in enumerate(regions):
            weights = np.array([w * (3.0 if "transport" in n and region in REMOTE else 1.0) for n, w in needs], float)
            pvals = weights / weights.sum()
            z = rng.multinomial(zero_wrc[:, r, c], pvals)
            f = rng.multinomial(few_wrc[:, r, c], pvals)
            for w, n in zip(*np.nonzero(z + f), strict=True):
                unmet_rows.append({"week": weeks[w], "need": needs[n][0], "region_code": region, "category": code,
                                   "zero_results": int(z[w, n]), "few_results": int(f[w, n])})
    _add_days(rng, unmet_rows)

    raw_rows = _raw_sample(rng, counts, zero_wrc, weeks, regions, categories, min(sample, int(counts.sum())),
                           vocabulary)

    with engine.begin() as conn:
        for table in (QueryLog, SearchWeek, UnmetNeedWeek):
            conn.execute(delete(table))
        for table, rows in ((SearchWeek, week_rows), (UnmetNeedWeek, unmet_rows), (QueryLog, raw_rows)):
            for i in range(0, len(rows), 20_000):
                conn.execute(insert(table.__table__), rows[i:i + 20_000])
    return DemoStats(int(counts.sum()), n_weeks, len(week_rows), len(unmet_rows), len(raw_rows),
                     time.perf_counter() - started)


def phrase_summary(engine: Engine) -> str:
    """How many distinct unmet needs the roll-ups hold and how many the phrase rule publishes."""
    from needs import report

    cube = report.load_cube(engine)
    parts = []
    for weeks in (52, 104):
        distinct, published = report.phrase_counts(engine, cube, report.Filters(weeks=weeks))
        parts.append(f"{weeks} weeks: {published} of {distinct} distinct needs")
    return (f"unmet-need phrases published (>= {report.PHRASE_MIN_SEARCHES} searches on >= "
            f"{report.PHRASE_MIN_DAYS} days): " + "; ".join(parts))


def _add_days(rng: np.random.Generator, rows: list[dict[str, Any]]) -> None:
    """Each row's weekday bits: n searches spread uniformly over 7 days miss a given day with
    probability (6/7)^n; a row with searches has at least one day."""
    if not rows:
        return
    n = np.array([r["zero_results"] + r["few_results"] for r in rows], dtype=float)
    hit = rng.random((len(rows), 7)) >= (6 / 7) ** n[:, None]
    none = ~hit.any(axis=1)
    hit[none, rng.integers(0, 7, int(none.sum()))] = True
    masks = (hit * (1 << np.arange(7))).sum(axis=1)
    for row, mask in zip(rows, masks, strict=True):
        row["days"] = int(mask)


APPEARANCE_WEEKS = 52
SERVICES_PER_PAGE = 6  # distinct services on a first results page, on average (locations share one)


def generate_appearances(engine: Engine, service_ids: list[str], *, searches: int = 500_000, months: int = 24,
                         seed: int = 211, today: dt.date | None = None) -> int:
    """Replace `service_appearance_week` with 52 weeks of counts for these services, so the review
    queue's demand order means something on a fresh install. Popularity is log-normal (a few
    services are shown on many pages, most on few), steady over the year with Poisson noise; the
    weekly total follows the demo's search volume. Returns the number of rows written."""
    rng = np.random.default_rng(seed + 1)
    last = week_of(today or dt.date.today()) - dt.timedelta(weeks=1)
    weeks = [last - dt.timedelta(weeks=APPEARANCE_WEEKS - 1 - i) for i in range(APPEARANCE_WEEKS)]
    with engine.begin() as conn:
        conn.execute(delete(ServiceAppearanceWeek))
    if not service_ids:
        return 0
    ids = sorted(service_ids)
    weight = rng.lognormal(0.0, 1.6, len(ids))
    per_week = searches / max(1, round(months * 52 / 12)) * SERVICES_PER_PAGE
    counts = rng.poisson(np.outer(np.ones(len(weeks)), weight / weight.sum() * per_week))
    rows = [{"week": weeks[w], "service_id": ids[i], "appearances": int(counts[w, i])}
            for w, i in zip(*np.nonzero(counts), strict=True)]
    with engine.begin() as conn:
        for i in range(0, len(rows), 20_000):
            conn.execute(insert(ServiceAppearanceWeek.__table__), rows[i:i + 20_000])
    return len(rows)


def _phrases(vocabulary: Vocabulary | None) -> dict[str, list[tuple[str, str]]]:
    """(query as stored, locale) examples per top-level category, from the taxonomy's own labels."""
    out: dict[str, list[tuple[str, str]]] = {}
    for category in taxonomy.categories():
        top = category.code.split(".", 1)[0]
        out.setdefault(top, []).extend([(stored_query(category.name_fr, vocabulary), "fr"),
                                        (stored_query(category.name_en, vocabulary), "en")])
    out[""] = [(stored_query(n, vocabulary), "fr") for n, _ in UNMET[""]]
    return out


def _raw_sample(rng: np.random.Generator, counts: np.ndarray, zero: np.ndarray,
                weeks: list[dt.date], regions: list[str], categories: list[str],
                size: int, vocabulary: Vocabulary | None) -> list[dict[str, Any]]:
    if size <= 0:
        return []
    flat = counts.reshape(-1).astype(float)
    cells = rng.choice(flat.size, size=size, p=flat / flat.sum())
    phrases = _phrases(vocabulary)
    rows = []
    for cell in cells:
        w, rest = divmod(int(cell), counts.shape[1] * counts.shape[2])
        r, c = divmod(rest, counts.shape[2])
        code = categories[c]
        zero_share = zero[w, r, c] / max(1, counts[w, r, c])
        is_zero = rng.random() < zero_share
        if is_zero:
            needs = UNMET.get(code) or [("", 1)]
            query, locale = stored_query(needs[int(rng.integers(len(needs)))][0], vocabulary), "fr"
        else:
            query, locale = phrases[code][int(rng.integers(len(phrases[code])))]
        hour = dt.datetime.combine(weeks[w], dt.time()) + dt.timedelta(hours=int(rng.integers(7 * 24)))
        results = 0 if is_zero else int(rng.integers(4, 120))
        rows.append({"searched_hour": hour, "channel": "web", "locale": locale, "query": query[:200],
                     "need": need_of(query), "category": code, "filters": "{}", "fsa": "",
                     "region_code": regions[r], "results": results, "zero_result": is_zero})
    return rows

