"""The request's database session, bound to the configured DATABASE_URL."""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy.orm import Session

from directory.db import session_factory


def get_session() -> Session:
    if "db" not in g:
        g.db = session_factory(current_app.config["DATABASE_URL"])()
    return g.db


def _close(_exc: BaseException | None) -> None:
    session = g.pop("db", None)
    if session is not None:
        session.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(_close)
