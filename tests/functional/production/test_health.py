"""/healthz (alive, never touches the database) and /readyz (database and search engine)."""

from __future__ import annotations

from portal import create_app


def _client(demo, **config):
    return create_app({"DATABASE_URL": demo["url"], "INDEX_PATH": str(demo["index"]), **config}).test_client()


def test_ready_when_the_database_and_the_index_answer(demo):
    response = _client(demo).get("/readyz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ready" and body["failed"] == []
    assert body["checks"]["search"]["documents"] > 0 and body["checks"]["search"]["engine"] == "embedded"
    assert response.headers["Cache-Control"] == "no-store"


def test_alive_even_when_the_database_and_the_index_are_gone(tmp_path):
    client = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'missing' / 'none.sqlite'}",
                         "INDEX_PATH": str(tmp_path / "no-index")}).test_client()
    alive = client.get("/healthz")
    assert alive.status_code == 200 and alive.get_json() == {"status": "alive"}
    ready = client.get("/readyz")
    assert ready.status_code == 503
    body = ready.get_json()
    assert body["status"] == "unready" and body["failed"] == ["database", "search"]
    assert str(tmp_path) not in ready.get_data(as_text=True)  # details go to the log, not to the world


def test_unready_when_only_the_index_is_missing(demo, tmp_path):
    response = _client(demo, INDEX_PATH=str(tmp_path / "no-index")).get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["failed"] == ["search"]
    assert response.get_json()["checks"]["database"]["ok"] is True
