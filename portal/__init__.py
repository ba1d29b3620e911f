"""Portail 211 web application: `create_app` builds it as a list of named steps."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from portal.config import INSTANCE, Config


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_path=str(INSTANCE), static_folder="../static")
    app.config.from_object(Config)
    if config:
        app.config.update(config)
    INSTANCE.mkdir(parents=True, exist_ok=True)
    init_db(app)
    init_templates(app)
    register_areas(app)
    register_commands(app)
    return app


def init_db(app: Flask) -> None:
    from portal import database

    database.init_app(app)


def init_templates(app: Flask) -> None:
    from jinja2 import StrictUndefined

    # A misspelt template variable must fail loudly, not render as empty text.
    app.jinja_env.undefined = StrictUndefined


def register_areas(app: Flask) -> None:
    from portal import main

    main.init_app(app)


def register_commands(app: Flask) -> None:
    from portal import commands

    commands.init_app(app)
