"""The embedded search engine: tantivy in an index directory, no server (docs/architecture.md,
decision 3).

    schema.py       the tantivy fields, and how a search document fills them
    lifecycle.py    the index directory: versions, the CURRENT pointer, locks, rebuilds, writes
    search.py       EmbeddedEngine: a request through plan, queries, ranking, facets and hits
    queries.py      the tantivy queries a request is made of (text, filters, expiry, circles)
    ranking.py      orders (score, decay, distance, name) and the page window with its ties
    distance.py     distances and the distance decay, vectorised
    facets.py       multi-select facet counts by aggregations
    columns.py      radius searches answered in memory from per-document columns
    suggestions.py  autocomplete and "did you mean"
"""

from indexer.document import InvalidDocument
from indexer.embedded.schema import SCHEMA, SCHEMA_VERSION, build_schema, doc_key, to_tantivy
from indexer.embedded.search import EmbeddedEngine

__all__ = ["SCHEMA", "SCHEMA_VERSION", "EmbeddedEngine", "InvalidDocument", "build_schema",
           "doc_key", "to_tantivy"]
