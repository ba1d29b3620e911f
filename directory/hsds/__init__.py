"""HSDS 3.1 import and export for the directory, validated offline against the official schemas.

* `schemas`: the vendored official schemas (`schema/`) and the bilingual profile (`profile/`) in one
  offline `referencing` registry; `validate(obj, name)`.
* `spec`: how each HSDS object maps to the tables (fields, nesting, what an import replaces).
* `serialize`: rows → HSDS dicts, plain single-language or bilingual profile.
* `load`: bulk Core loading of nested rows for the serializer.
* `exporter`: JSON / data package export and the streaming `iter_services`/`iter_organizations`.
* `importer`: validate everything, then write everything in one transaction.
* `tabular`: the profile's CSV columns and `datapackage.json`.
"""

from directory.hsds.schemas import PROFILE_URI

__all__ = ["PROFILE_URI"]
