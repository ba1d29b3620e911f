"""Full pages of the home area."""

from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import func, select

from directory.models import Organization, Service
from portal.database import get_session

bp = Blueprint("main", __name__)


@bp.get("/")
def home():
    session = get_session()
    counts = {
        "services": session.scalar(select(func.count()).select_from(Service)) or 0,
        "organizations": session.scalar(select(func.count()).select_from(Organization)) or 0,
    }
    return render_template("main/home.html", counts=counts)
