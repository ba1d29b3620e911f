"""Generated personal data typed into the portal's real search surfaces is found nowhere it stores
or publishes anything (issue 16; docs/privacy.md).

A seeded corpus (tests/unit/needs/adversarial_corpus.py) goes through the results page, the widget
and the HSDS API of an app with a real indexed demo directory (400 services, so the vocabulary
holds the index's words) and its own query-log database; the log's writer thread flushes the raw
rows and the roll-ups. The log's weeks are then moved back one week (only the dates: the content is
what the real path wrote), so the dashboard, its charts and every CSV/JSON download publish them.
Then everything is searched, reformatting-insensitively (see `adversarial_corpus.StoredText`):

* every table of the log database, value by value: text columns in full; columns declared as
  dates, times, integers or booleans are checked to hold only such values (so no text hides there);
* the raw bytes of every file the run left in its directory and the app's instance directory
  (the log database, its journals, the log file of everything the app logged), as `strings` does;
* the dashboard pages (fr, en), the unmet-needs chart and every download.

The directory database must come out byte-for-byte the same (searches do not write to it), and the
search index is not written by searches (its files are older than the first search). The last test
repeats the table search on both back-ends (SQLite, PostgreSQL) for what the log's writer stores.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import shutil
import sqlite3
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from directory.demo import generator
from indexer.document import iter_documents
from indexer.factory import engine_from_config
from portal import create_app
from portal.needs import display

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "unit" / "needs"))
from adversarial_corpus import StoredText, digits, generate  # noqa: E402

CORPUS_SIZE = 2_400  # 800 per channel
PERIODS = ("13", "52")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2}(\.\d+)?)?$")
_STRINGS = re.compile(rb"[\x20-\x7e\x80-\xff]{4,}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?)?")


def _strings(path: Path) -> list[str]:
    """Printable runs of a file's bytes (UTF-8), like `strings`: text stored anywhere in it. The
    directory's service ids (UUIDs, in service_appearance_week) and ISO dates (the typed columns,
    checked value by value in the table dump) are blanked first: their digits are not a reader's."""
    runs = (run.decode("utf-8", "ignore") for run in _STRINGS.findall(path.read_bytes()))
    return [_ISO.sub(" ", _UUID.sub(" ", run)) for run in runs]


@pytest.fixture(scope="module")
def run(tmp_path_factory, _sqlite_template):
    tmp = tmp_path_factory.mktemp("privacy")
    directory, log_db = tmp / "directory.sqlite", tmp / "needs.sqlite"
    shutil.copy(_sqlite_template, directory)
    shutil.copy(_sqlite_template, log_db)
    url, log_url = f"sqlite:///{directory}", f"sqlite:///{log_db}"
    generator.build(url, services=400, seed=211)
    app = create_app({"DATABASE_URL": url, "NEEDS_DATABASE_URL": log_url, "TESTING": True,
                      "SERVER_NAME": "localhost", "CACHE_SECONDS": 0, "INDEX_PATH": str(tmp / "index"),
                      "SEARCH_ENGINE": "embedded", "NEEDS_LOG_ENABLED": True, "NEEDS_LOG_FLUSH_SECONDS": 0.2,
                      "NEEDS_CACHE_SECONDS": 0, "API_RATE_LIMIT": "100000/minute"})
    engine_from_config(app.config).rebuild(iter_documents(url))
    directory_before = directory.read_bytes()
    log_file = tmp / "app.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))  # no time: digits are data
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    started = time.time()
    cases = generate(CORPUS_SIZE, seed=1616)
    client = app.test_client()
    try:
        for n, case in enumerate(cases):
            channel = n % 3
            if channel == 0:
                args = {"q": case.query, **({"place": case.place} if case.place else {})}
                response = client.get(f"/{case.locale}/{'recherche' if case.locale == 'fr' else 'search'}",
                                      query_string=args)
            elif channel == 1:
                response = client.get(f"/{case.locale}/widget/{'recherche' if case.locale == 'fr' else 'search'}",
                                      query_string={"q": case.query})
            else:
                response = client.get("/api/hsds/services", query_string={"search": case.query, "per_page": "1"},
                                      headers={"Accept-Language": case.locale})
            assert response.status_code in (200, 400), (case.query, response.status_code)
        query_log = app.extensions["query_log"]
        query_log.close(timeout=60)
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        handler.close()
    # Publish them: the dashboard leaves out the current, partial week.
    with sqlite3.connect(log_db) as conn:
        conn.execute("UPDATE search_week SET week = date(week, '-7 days')")
        conn.execute("UPDATE unmet_need_week SET week = date(week, '-7 days')")
        conn.execute("UPDATE query_log SET searched_hour = datetime(searched_hour, '-7 days')")
    published: list[str] = []
    fields: list[str] = []
    for lang, base in (("fr", "/fr/besoins"), ("en", "/en/needs")):
        for period in PERIODS:
            page = client.get(base, query_string={"period": period})
            assert page.status_code == 200
            published.append(page.get_data(as_text=True))
            chart = client.get(f"{base}/{'graphiques' if lang == 'fr' else 'charts'}/unmet.svg",
                               query_string={"period": period})
            published.append(chart.get_data(as_text=True))
            for name in display.DATASETS:
                data = "donnees" if lang == "fr" else "data"
                body = client.get(f"{base}/{data}/{name}.csv", query_string={"period": period}).get_data(as_text=True)
                published.append(body)
                fields += [v for row in csv.reader(io.StringIO(body)) for v in row if not _number_or_date(v)]
                document = json.loads(client.get(f"{base}/{data}/{name}.json", query_string={"period": period})
                                      .get_data(as_text=True))
                fields += [v for v in _strings_in(document["rows"]) if not _number_or_date(v)]
    return {"app": app, "cases": cases, "tmp": tmp, "log_db": log_db, "log_url": log_url, "started": started,
            "directory_before": directory_before, "directory": directory, "published": published,
            "fields": fields, "query_log": query_log, "log_file": log_file}


def _context(stored: StoredText, leaks: list[tuple[str, str, str]]) -> str:
    lines = []
    for query, kind, form in leaks[:10]:
        haystack = stored.alnum if kind == "text" else stored.digits
        at = haystack.index(form)
        lines.append(f"{query!r}: {kind} {form} in …{haystack[max(0, at - 40):at + 40]!r}…")
    return f"{len(leaks)} found:\n" + "\n".join(lines)


def _number_or_date(value: str) -> bool:
    return bool(re.fullmatch(r"-?\d+(\.\d+)?", value) or _DATE.match(value))


def _strings_in(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings_in(v)]
    return []


def _table_text(log_db: Path, service_ids: set[str]) -> list[str]:
    """Every text value of every table; non-text columns must hold only numbers, dates or NULL, and
    a UUID only a service id of the directory (service_appearance_week)."""
    values: list[str] = []
    with sqlite3.connect(log_db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            columns = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
            for _cid, column, declared, *_ in columns:
                declared = (declared or "").upper()
                for (value,) in conn.execute(f'SELECT "{column}" FROM "{table}"'):
                    if value is None:
                        continue
                    if any(t in declared for t in ("INT", "BOOL")):
                        assert isinstance(value, int), (table, column, value)
                    elif "DATE" in declared or "TIME" in declared:
                        assert isinstance(value, str) and _DATE.match(value), (table, column, value)
                    elif isinstance(value, str) and _UUID.fullmatch(value):
                        assert value in service_ids, (table, column, value)
                    elif isinstance(value, str):
                        values.append(value)
                    else:
                        assert isinstance(value, int | float), (table, column, value)
    return values


def test_the_corpus_reached_the_log_through_every_channel(run):
    query_log = run["query_log"]
    assert query_log.dropped == 0 and query_log.failures == 0, query_log.last_error
    engine = create_engine(run["log_url"])
    with engine.connect() as conn:
        channels = dict(conn.execute(text("SELECT channel, count(*) FROM query_log GROUP BY channel")).all())
        searches = conn.execute(text("SELECT sum(searches) FROM search_week")).scalar()
        kept = conn.execute(text("SELECT count(*) FROM query_log WHERE need != ''")).scalar()
    engine.dispose()
    assert channels == {"web": CORPUS_SIZE // 3, "widget": CORPUS_SIZE // 3, "api": CORPUS_SIZE // 3}
    assert searches == CORPUS_SIZE
    assert kept > CORPUS_SIZE * 0.9  # the need's words are kept: every generated query has one
    assert run["app"].extensions["query_log"].vocabulary.get().index_terms > 100  # the index's words are in


def test_no_personal_string_is_found_in_any_table_of_the_log_database(run):
    with sqlite3.connect(run["directory"]) as conn:
        service_ids = {row[0] for row in conn.execute("SELECT id FROM service")}
    stored = StoredText(_table_text(run["log_db"], service_ids))
    assert stored.values > CORPUS_SIZE * 2
    leaks = stored.leaks(run["cases"])
    assert leaks == [], _context(stored, leaks)


def test_no_personal_string_is_found_in_any_file_the_run_wrote(run):
    # The run's own directory (but the directory database and its journals, unchanged by searches,
    # and the index, older than the first search), and what the shared instance directory received
    # during the run (but `opendata`: builds of the directory by `flask opendata build`, which reads
    # no log, made by other tests running at the same time).
    instance = Path(run["app"].instance_path)
    written = [p for p in run["tmp"].rglob("*") if p.is_file() and "index" not in p.relative_to(run["tmp"]).parts
               and not p.name.startswith(run["directory"].name)]
    written += [p for p in instance.rglob("*") if p.is_file() and p.stat().st_mtime >= run["started"]
                and "opendata" not in p.relative_to(instance).parts] if instance.exists() else []
    assert run["log_db"] in written and run["log_file"] in written
    runs = [s for path in written for s in _strings(path)]
    found = StoredText(runs)
    # Raw bytes hold binary runs: digits are searched only for secrets of 7 digits or more there
    # (the typed table dump above searches every digit secret).
    leaks = [leak for leak in found.leaks(run["cases"]) if leak[1] == "text" or len(leak[2]) >= 7]
    assert leaks == [], _context(found, leaks)


def test_searches_do_not_write_to_the_directory_database_or_the_index(run):
    assert run["directory"].read_bytes() == run["directory_before"]
    index = run["tmp"] / "index"
    assert all(p.stat().st_mtime < run["started"] for p in index.rglob("*") if p.is_file())


def test_no_personal_string_is_found_in_the_dashboard_or_its_downloads(run):
    pages = StoredText(run["published"])
    assert [leak for leak in pages.leaks(run["cases"]) if leak[1] == "text"] == []
    downloads = StoredText(run["fields"])  # the text fields of every CSV and JSON row
    assert downloads.leaks(run["cases"]) == []
    assert any("Other needs" in page or "Autres besoins" in page for page in run["published"])


def test_digit_forms_of_the_secrets_are_long_enough_to_mean_something(run):
    lengths = [len(digits(s)) for case in run["cases"] for kind, s in case.secrets if kind == "digits"]
    assert min(lengths) >= 3 and sum(length >= 7 for length in lengths) > len(lengths) / 3


def test_the_log_writer_stores_no_personal_string_on_either_back_end(database_url):
    """The same search of every table, on SQLite and PostgreSQL, for what `needs.log.QueryLog`
    writes (the writer every surface above goes through): 1,200 generated queries, zero- and
    few-result searches so the unmet-need roll-up holds them too."""
    from sqlalchemy import Boolean, Date, DateTime, Integer, MetaData, select

    from indexer.engine import Hit, SearchRequest, SearchResponse
    from needs.log import QueryLog

    cases = generate(1_200, seed=1617)
    query_log = QueryLog(database_url)
    for n, case in enumerate(cases):
        total = n % 3  # 0, 1 or 2 results: every search is an unmet one
        hits = [Hit(id=f"h{i}", service_id=f"service-{i}", score=1.0, distance_km=None,
                    document={"category_codes": ["food.emergency-food"]}) for i in range(total)]
        query_log.log_search(SearchRequest(q=case.query, locale=case.locale),
                             SearchResponse(total=total, hits=hits, facets={}, page=1, per_page=20), "web")
    assert query_log.flush(), query_log.last_error
    assert query_log.written == len(cases)
    engine = create_engine(database_url)
    metadata = MetaData()
    metadata.reflect(engine)
    values: list[str] = []
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            for column in table.columns:
                for (value,) in conn.execute(select(column)):
                    if value is None:
                        continue
                    if isinstance(column.type, Integer | Boolean):
                        assert isinstance(value, int), (table.name, column.name, value)
                    elif isinstance(column.type, Date | DateTime):
                        assert not isinstance(value, str) or _DATE.match(value), (table.name, column.name, value)
                    elif isinstance(value, str):
                        values.append(value)
    engine.dispose()
    stored = StoredText(values)
    assert stored.values > len(cases) * 2
    leaks = stored.leaks(cases)
    assert leaks == [], _context(stored, leaks)
