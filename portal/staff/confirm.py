"""Asking before a destructive or wide action, with one mechanism for every such POST.

A view decorated with `confirmed(describe)` runs only when its form carries `confirm=1`. Without
it (no JavaScript, or a post from anywhere else) the answer is a confirmation page, in the
page's language: the record's name, what will happen, a Confirm button posting the same form
again with confirm=1, and Cancel back to the page the action came from. With JavaScript,
static/js/staff.js opens a <dialog> on forms marked `data-confirm="…"` and adds confirm=1 itself,
so that page never shows. An action that must not be confirmed by a click alone (an admin's
permanent deletion) asks for the record's name to be typed (`Confirmation.type_name`): its form
has no `data-confirm`, so it always goes through the page.

`describe(**view_args)` finds the record as the view would (404 for a record that is not
reachable through the URL, before anything is shown) and says what the action does; it may
`refuse` instead, when the action cannot be done at all.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _


@dataclass(frozen=True)
class Confirmation:
    title: str  # the question: "Undo this change?"
    record: str  # the record's name, as curators know it
    consequence: str  # what will happen, in plain words
    button: str  # the Confirm button: the action's own verb
    cancel_url: str  # where Cancel goes: the page the action was on
    undo: str | None = None  # how to go back afterwards, if it can be
    type_name: bool = False  # the record's name must be typed to confirm


CARRIED_OVER = ("csrf_token", "confirm", "confirm_name")  # set again by the confirmation page


def refuse(message: str, url: str):
    """Stop here: the action cannot be done. Says why (flashed) on the page at `url`."""
    flash(message, "error")
    abort(redirect(url, code=303))


def _same_name(typed: str | None, name: str) -> bool:
    def norm(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text).casefold().split())

    return bool(typed) and norm(typed or "") == norm(name)


def _page(confirmation: Confirmation, status: int, *, wrong_name: bool = False):
    carried = [(k, v) for k, values in request.form.lists() if k not in CARRIED_OVER for v in values]
    errors = [("confirm_name", _("Type the record's name exactly as shown."))] if wrong_name else []
    return render_template("staff/confirm.html", confirmation=confirmation, action=request.path, carried=carried,
                           errors=errors), status


def confirmed(describe: Callable[..., Confirmation]):
    """Run the view only once confirmed (`confirm=1`, and the typed name when asked for)."""
    def decorate(view):
        @functools.wraps(view)
        def wrapped(**kwargs):
            confirmation = describe(**kwargs)
            if request.form.get("confirm") != "1":
                return _page(confirmation, 200)
            if confirmation.type_name and not _same_name(request.form.get("confirm_name"), confirmation.record):
                return _page(confirmation, 400, wrong_name=True)
            return view(**kwargs)

        wrapped.confirmation = describe  # the tests' walk of the URL map reads it
        return wrapped

    return decorate
