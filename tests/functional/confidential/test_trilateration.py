"""Distances shown for a confidential location cannot place it (docs/confidential-locations.md).

A shelter 4 km from its FSA's centroid and an ordinary service (the control) are searched from three
origins around Sherbrooke; the distances the results page prints are read back and trilaterated by
least squares, as someone mapping shelters would. The control lands on its address (the method
works); the shelter lands on the public centroid, not on its address, and moving the shelter
anywhere else in its FSA changes none of the distances shown, so no number of origins can do better.
The figures are printed (`-s`) for the issue's note.
"""

from __future__ import annotations

import math
import re
from urllib.parse import quote

import portal_factories as factories  # tests/functional/portal, on sys.path (conftest.py)
import pytest
from sqlalchemy import update

from directory.db import session_scope
from directory.geo import fsa_centroid, haversine_km
from directory.models import Address, Location, ServiceAtLocation
from directory.public_location import STEP_KM, coarse_km
from indexer.document import iter_documents
from indexer.factory import engine_from_config
from portal import create_app

SHELTER, CONTROL = "Maison Trilatération", "Entraide Contrôle"
CENTROID = fsa_centroid("J1H")


def _offset(point: tuple[float, float], north_km: float, east_km: float) -> tuple[float, float]:
    lat = point[0] + north_km / 111.2
    return lat, point[1] + east_km / (111.2 * math.cos(math.radians(lat)))


ADDRESS = _offset(CENTROID, 2.8, 2.8)  # ≈ 4 km from the centroid, still in Sherbrooke
ELSEWHERE = _offset(CENTROID, -2.0, -1.5)  # the shelter moved: same FSA
CONTROL_AT = _offset(CENTROID, -1.7, 3.1)
ORIGINS = (_offset(CENTROID, 13.0, 1.0), _offset(CENTROID, -9.0, 14.0), _offset(CENTROID, -6.0, -15.0))


def _place(url: str, service_id: str, point: tuple[float, float], confidential: bool) -> None:
    with session_scope(url) as session:
        location_id = session.scalar(ServiceAtLocation.__table__.select().with_only_columns(
            ServiceAtLocation.location_id).where(ServiceAtLocation.service_id == service_id))
        session.execute(update(Location).where(Location.id == location_id).values(
            latitude=point[0], longitude=point[1], region_code="05", confidential=confidential))
        session.execute(update(Address).where(Address.location_id == location_id).values(
            address_1="350, rue du Refuge", city="Sherbrooke", postal_code="J1H 5N4"))


@pytest.fixture
def app(sqlite_url, tmp_path):
    factories.load_taxonomy(sqlite_url)
    shelter = factories.service(sqlite_url, name_fr=SHELTER, name_en="Trilateration House")
    control = factories.service(sqlite_url, name_fr=CONTROL, name_en="Control Mutual Aid")
    _place(sqlite_url, shelter, ADDRESS, True)
    _place(sqlite_url, control, CONTROL_AT, False)
    app = create_app({"DATABASE_URL": sqlite_url, "TESTING": True, "SERVER_NAME": "localhost", "CACHE_SECONDS": 0,
                      "INDEX_PATH": str(tmp_path / "index"), "SEARCH_ENGINE": "embedded",
                      "NEEDS_LOG_ENABLED": False})
    engine_from_config(app.config).rebuild(iter_documents(sqlite_url))
    app.config["shelter_id"] = shelter
    return app


def _shown(app, name: str, origin: tuple[float, float]) -> str:
    """The distance text the French results page prints for `name` searched from `origin`."""
    place = quote(f"{origin[0]:.4f},{origin[1]:.4f}")
    html = app.test_client().get(f"/fr/recherche?q={quote(name)}&place={place}").get_data(as_text=True)
    card = next(part for part in html.split('<li class="result"')[1:] if name in part)
    return re.search(r'class="distance">– (à [^<]+)</strong>', card).group(1).replace("\u00a0", " ")


def _km(text: str) -> tuple[float, bool]:
    """(distance, coarse) from "à environ 15 km" or "à 12,3 km"."""
    coarse = "environ" in text
    return float(re.search(r"([\d,]+) km", text).group(1).replace(",", ".")), coarse


def _trilaterate(readings: list[tuple[tuple[float, float], float]]) -> tuple[float, float]:
    """Least squares by grid search (what an adversary would do): 500 m steps 30 km around the
    centroid, then 20 m steps around the best cell."""

    def cost(lat: float, lon: float) -> float:
        return sum((haversine_km(lat, lon, *origin) - distance) ** 2 for origin, distance in readings)

    def search(center: tuple[float, float], half_km: float, step_km: float) -> tuple[float, float]:
        n = int(half_km / step_km)
        points = (_offset(center, i * step_km, j * step_km) for i in range(-n, n + 1) for j in range(-n, n + 1))
        return min(points, key=lambda p: cost(*p))

    return search(search(CENTROID, 30.0, 0.5), 0.6, 0.02)


def test_trilateration_from_three_origins_finds_the_centroid_not_the_address(app):
    control = [(o, _km(_shown(app, CONTROL, o))[0]) for o in ORIGINS]
    shown = [_km(_shown(app, SHELTER, o)) for o in ORIGINS]
    assert all(coarse for _, coarse in shown) and all(d % STEP_KM == 0 for d, _ in shown)
    # The rule: rounded up to 5 km from the approximate point.
    assert [d for d, _ in shown] == [coarse_km(haversine_km(*CENTROID, *o)) for o in ORIGINS]
    # The reader's best guess inside each band is its middle.
    estimate = _trilaterate([(o, d - STEP_KM / 2) for o, (d, _) in zip(ORIGINS, shown, strict=True)])
    found_control = _trilaterate(control)

    control_error = haversine_km(*found_control, *CONTROL_AT)
    error = haversine_km(*estimate, *ADDRESS)
    to_centroid = haversine_km(*estimate, *CENTROID)
    offset = haversine_km(*ADDRESS, *CENTROID)
    print(f"\ntrilateration: control service found {control_error:.2f} km from its address; confidential "
          f"shelter ({offset:.2f} km from its FSA centroid) estimated {error:.2f} km from its address and "
          f"{to_centroid:.2f} km from the centroid; distances shown {[d for d, _ in shown]} km")
    assert control_error < 0.2, "the method places an ordinary service: it would place the shelter too"
    assert to_centroid < error, "the estimate must land on the public centroid, not the address"
    assert error > offset - STEP_KM / 2


def test_moving_the_shelter_within_its_area_changes_no_distance_shown(app):
    before = [_shown(app, SHELTER, o) for o in ORIGINS]
    url = app.config["DATABASE_URL"]
    _place(url, app.config["shelter_id"], ELSEWHERE, True)
    engine_from_config(app.config).rebuild(iter_documents(url))
    after = [_shown(app, SHELTER, o) for o in ORIGINS]
    assert after == before and haversine_km(*ADDRESS, *ELSEWHERE) > 5
