"""Query understanding: what the typed words say besides the words to match, worked out before
retrieval so that both engines and every channel (results page, widget, API `search`) get it from
one place, `indexer.request.parse_search_args`.

Stages (each a module beside this one, each switched off by its name in the request's `keep`
argument, e.g. `keep=place`: "search the words as I typed them"):

* `place`: a place written in the text becomes the origin (or a region filter), as if typed in
  the place box. The rule for the place box: when it (or coordinates) is filled, the box wins and
  the text is left alone.
* `need` (indexer/understanding/need.py, with `colloquial.py`) runs inside the query plan
  (`indexer.relevance.plan`): the categories a situation is about are boosted; switched off by
  `keep=need` (SearchRequest.understand_need). docs/need-understanding.md.
* `spelling` (indexer/understanding/spelling.py) runs after retrieval, inside each engine: a query
  that finds (almost) nothing is searched again with its spelling corrected.

Pure: no engine, no database, no Flask; the geography is read once per process.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from indexer.engine import Origin, SearchRequest, Understood
from indexer.understanding import place as place_stage

STAGES = ("place", "need", "spelling")


def understand(request: SearchRequest, *, place_given: bool, keep: frozenset[str]) -> SearchRequest:
    """The request with what the text says applied (see the module docstring)."""
    if not request.q or "place" in keep or place_given or request.origin is not None:
        return request
    found = place_stage.find_place(request.q)
    if found is None:
        return request
    note = Understood("place", found.kind, found.text, found.label, found.region_code)
    changes: dict[str, Any] = {"q": place_stage.without(request.q, found),
                     "understood": request.understood + (note,)}
    if found.origin is not None:
        o = found.origin
        changes["origin"] = Origin(o.lat, o.lon, o.label, o.kind, o.fsa, o.region_code)
    elif found.region_code and found.region_code not in request.regions:
        changes["regions"] = request.regions + (found.region_code,)
    return dataclasses.replace(request, **changes)
