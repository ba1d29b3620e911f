"""Needs fixtures (defined in needs_support.py, whose module name is unique in the session)."""

from needs_support import app, client  # noqa: F401
