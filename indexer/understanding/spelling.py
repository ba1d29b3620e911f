"""Spelling correction applied when the words as typed find (almost) nothing.

Both engines already compute a "did you mean" against the index's own vocabulary, accent-insensitive,
with an edit distance that grows with the word's length (1 from 4 letters, 2 from
`relevance.FUZZY_MIN_LENGTH_2`): the embedded engine in indexer/embedded/suggestions.py, OpenSearch
with its term suggester (indexer/opensearch_query.py, `parse_did_you_mean`). The vocabulary holds
both languages, so an English word typed in the French interface ("fod bank") is corrected towards
the English words of the bilingual records: the cross-language fallback.

`corrected` is the one rule both engines run at the end of their `search`: when the typed query
finds fewer than LOW_RESULTS services and a correction exists, the corrected query is searched; its
answer replaces the typed one when it finds more, and says so (`SearchResponse.corrected_q`: the
pages show "Résultats pour … / Rechercher plutôt …"). A request with `correct_spelling=False` (the
reader's "search instead for" link, `keep=spelling`) is answered as typed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from indexer.engine import SearchRequest, SearchResponse

LOW_RESULTS = 5  # "nothing or very little": fewer results than this and the correction is tried


def corrected(request: SearchRequest, response: SearchResponse,
              search: Callable[[SearchRequest], SearchResponse]) -> SearchResponse:
    """The response to show for `request` (see the module docstring); `search` is the engine's own
    uncorrected search."""
    suggestion = response.suggestion
    if (not request.correct_spelling or suggestion is None or response.total >= LOW_RESULTS
            or suggestion.strip() == request.q.strip().casefold()):
        return response
    retried = search(dataclasses.replace(request, q=suggestion, correct_spelling=False))
    if retried.total <= response.total:
        return response
    return dataclasses.replace(retried, corrected_q=suggestion, suggestion=None,
                               took_ms=response.took_ms + retried.took_ms)
