"""Harvest another directory's HSDS API: follow its list pages, keep them on disk, then import them
as one batch (all or nothing, or `quarantine`), like `importer.import_path`.

What is fetched, in order (each a paginated list endpoint of HSDS 3.x, `per_page=100`):
`/taxonomies`, `/taxonomy_terms`, `/organizations?full=true` (with their locations, programs,
phones…), `/services?full=true` (with their places, schedules, attributes…). `since` adds
`modified_after` to `/services` (the endpoint HSDS filters by date) for an increment: organizations
and categories, far fewer, are always fetched whole; a record an increment leaves out is left as it
is. When `GET /` names the Portail 211 bilingual profile, pages are fetched with
`profile=bilingual`, so a harvest of another Portail 211 keeps both languages and the extension
fields; any other API is read as plain HSDS (French).

Polite and resumable: one request at a time, `delay` seconds apart, 429/503 answered by waiting
`Retry-After` (at most MAX_WAIT s, MAX_RETRIES times). Every page is saved under `state_dir`
(`<endpoint>-<page>.json`) with `state.json` saying how far the harvest got, so a harvest stopped
by an error or ^C starts again where it stopped; once imported, the pages are removed and
`state.json` keeps when the harvest started, the `since` of the next increment. No Flask here.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from directory.hsds import importer
from directory.hsds.importer.batch import Batch
from directory.hsds.importer.read_json import read_json
from directory.hsds.schemas import PROFILE_URI

PER_PAGE = 100
MAX_RETRIES = 5
MAX_WAIT = 60.0
TIMEOUT = 60.0
USER_AGENT = "Portail211-harvest/1.0 (+https://github.com/portail211/portail211)"
# (endpoint, record type, query) in the order they are fetched.
ENDPOINTS: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("taxonomies", "taxonomy", {}),
    ("taxonomy_terms", "taxonomy_term", {}),
    ("organizations", "organization", {"full": "true"}),
    ("services", "service", {"full": "true"}),
)


class HarvestError(Exception):
    """The API could not be read (network, HTTP status, not an HSDS page); pages kept so far stay
    on disk and the next run resumes."""


@dataclass
class HarvestResult:
    api: str
    pages: int = 0  # fetched by this run
    resumed_pages: int = 0  # already on disk from a run that stopped
    records: dict[str, int] = field(default_factory=dict)
    since: str | None = None
    seconds: float = 0.0
    imported: importer.ImportResult | None = None

    def summary(self) -> str:
        got = ", ".join(f"{count:,} {name}" for name, count in self.records.items())
        head = (f"harvested {self.api} in {self.seconds:.1f} s: {self.pages} page(s) fetched"
                + (f", {self.resumed_pages} resumed" if self.resumed_pages else "")
                + f" ({got})" + (f"; modified since {self.since}" if self.since else ""))
        return "\n".join([head, self.imported.summary() if self.imported else ""]).strip()


def _url(root: str, endpoint: str, query: dict[str, str]) -> str:
    return f"{root.rstrip('/')}/{endpoint}" + (f"?{urllib.parse.urlencode(query)}" if query else "")


class _Client:
    def __init__(self, delay: float, sleep: Callable[[float], None]) -> None:
        self.delay = delay
        self.sleep = sleep
        self.last = 0.0

    def get(self, url: str) -> Any:
        for attempt in range(MAX_RETRIES + 1):
            wait = self.delay - (time.monotonic() - self.last)
            if wait > 0:
                self.sleep(wait)
            self.last = time.monotonic()
            request = urllib.request.Request(url, headers={"Accept": "application/json",
                                                           "User-Agent": USER_AGENT})
            try:
                with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
                    body = response.read()
            except urllib.error.HTTPError as error:
                if error.code in (429, 503) and attempt < MAX_RETRIES:
                    retry = error.headers.get("Retry-After", "")
                    self.sleep(min(float(retry) if retry.isdigit() else 2.0 ** attempt, MAX_WAIT))
                    continue
                raise HarvestError(f"{url}: HTTP {error.code}") from error
            except (urllib.error.URLError, TimeoutError, OSError) as error:
                raise HarvestError(f"{url}: {getattr(error, 'reason', error)}") from error
            try:
                return json.loads(body)
            except ValueError as error:
                raise HarvestError(f"{url}: not JSON") from error
        raise HarvestError(f"{url}: still refused after {MAX_RETRIES} retries")  # pragma: no cover


def _load_state(path: Path, api: str, since: str | None) -> dict[str, Any]:
    if path.exists():
        state: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if state.get("api") == api and not state.get("completed_at") and state.get("since") == since:
            return state  # resume
        previous = state.get("started_at") if state.get("api") == api else None
    else:
        previous = None
    return {"api": api, "since": since, "started_at": None, "previous_started_at": previous,
            "done": [], "pages": {}, "completed_at": None}


def last_harvest(state_dir: Path, api: str) -> str | None:
    """When the last completed harvest of `api` started: the `since` of an increment."""
    path = state_dir / "state.json"
    if not path.exists():
        return None
    state = json.loads(path.read_text(encoding="utf-8"))
    if state.get("api") == api.rstrip("/") and state.get("completed_at"):
        started: str | None = state.get("started_at")
        return started
    return None


def harvest(database_url: str, api_root: str, state_dir: str | Path, *, since: str | None = None,
            quarantine: bool = False, report: str | Path | None = None, delay: float = 0.5,
            updated_by: str = "harvest", sleep: Callable[[float], None] = time.sleep,
            now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)) -> HarvestResult:
    """Fetch every page of `api_root` (module doc) into `state_dir`, then import them.

    Raises HarvestError when the API cannot be read (resume by calling again) and
    importer.ImportRejected when, without `quarantine`, a record breaks a rule (nothing written;
    the pages stay, so a run with `quarantine` needs no new request).
    """
    started = time.perf_counter()
    api = api_root.rstrip("/")
    state_dir = Path(state_dir)
    state_dir.mkdir(parents=True, exist_ok=True)
    state_path = state_dir / "state.json"
    state = _load_state(state_path, api, since)
    result = HarvestResult(api=api, since=since)
    client = _Client(delay, sleep)

    def save() -> None:
        state_path.write_text(json.dumps(state, indent=1), encoding="utf-8")

    if state["started_at"] is None:
        state["started_at"] = now().isoformat(timespec="seconds").replace("+00:00", "Z")
        root = client.get(api + "/")
        if not isinstance(root, dict) or "version" not in root:
            raise HarvestError(f"{api}/: not the root of an HSDS API (no `version`)")
        state["bilingual"] = root.get("profile") == PROFILE_URI
        save()
    for endpoint, _kind, query in ENDPOINTS:
        if endpoint in state["done"]:
            result.resumed_pages += state["pages"].get(endpoint, 0)
            continue
        params = {**query, "per_page": str(PER_PAGE)}
        if state.get("bilingual"):
            params["profile"] = "bilingual"
        if since and endpoint == "services":
            params["modified_after"] = since
        page = state["pages"].get(endpoint, 0)
        result.resumed_pages += page
        while True:
            body = client.get(_url(api, endpoint, {**params, "page": str(page + 1)}))
            if not isinstance(body, dict) or not isinstance(body.get("contents"), list):
                raise HarvestError(f"{api}/{endpoint}: not an HSDS page (no `contents`)")
            page += 1
            (state_dir / f"{endpoint}-{page:05d}.json").write_text(
                json.dumps(body, ensure_ascii=False), encoding="utf-8")
            state["pages"][endpoint] = page
            result.pages += 1
            save()
            total_pages = body.get("total_pages")
            if body.get("last_page") or not body["contents"] or (
                    isinstance(total_pages, int) and page >= total_pages):
                break
        state["done"].append(endpoint)
        save()

    batch = Batch(limit=None if quarantine else importer.MAX_PROBLEMS)

    def read() -> None:
        for endpoint, kind, _query in ENDPOINTS:
            count = 0
            for number in range(1, state["pages"].get(endpoint, 0) + 1):
                path = state_dir / f"{endpoint}-{number:05d}.json"
                count += read_json(batch, path, path.read_text(encoding="utf-8"), path.name,
                                   kind=kind)
            result.records[endpoint] = count

    result.imported = importer.import_batch(database_url, batch, read, state_dir,
                                            updated_by=updated_by, quarantine=quarantine,
                                            report=report)
    for endpoint, _kind, _query in ENDPOINTS:
        for number in range(1, state["pages"].get(endpoint, 0) + 1):
            (state_dir / f"{endpoint}-{number:05d}.json").unlink(missing_ok=True)
    state["completed_at"] = now().isoformat(timespec="seconds").replace("+00:00", "Z")
    save()
    result.seconds = time.perf_counter() - started
    return result
