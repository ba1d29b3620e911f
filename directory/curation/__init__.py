"""Editing the directory: apply a curator's changes, write the audit trail, verify, revert.

Every change is written to HSDS `metadata`, one row per changed field (resource_id, resource_type,
last_action_date, last_action_type, field_name, previous_value, replacement_value, updated_by), in
the same transaction as the change itself. History is never rewritten: a revert is a new change
whose rows say "revert".

Conventions of the rows written here (the HSDS importer writes "import" rows the same way):

* update / verify / revert of a field: `field_name` is the column (or a list-valued field below),
  values are text (`audit_text`), "" for NULL.
* a record created or deleted: one row `field_name="*"` whose replacement is "created" or
  "deleted", plus one row per non-empty column carrying the values, so a deletion can be undone.
* list-valued fields kept in child tables are audited as one field of the parent, comma-separated
  and sorted: a service's `languages` (ISO codes) and `categories` (taxonomy codes), a location's
  `accessibility` (feature keys), a phone line's `languages`. One row says what changed and
  reverting it is one assignment. Created and deleted records carry them too, so undoing the
  deletion of a phone brings its languages back.
* child records edited on their parent's pages (a service's schedules and phones, an
  organization's phones, a location's addresses and phones) are part of the parent's history
  (`CHILDREN`): they are found through the parent key, also once deleted (their `*` rows carry it).

All rows of one save share `last_action_date` (microseconds kept), which groups them.

No undo or restore deletes a service, an organization or a location (`TOP_LEVEL`): undoing the
creation of one is refused (`undo_refusal`, enforced again in `_restore` whatever the path). A
service ends by being archived (`directory.archive`); the only deletion is an admin's purge of an
archived service, whose `*` "deleted" rows keep its values.

Which services need their search documents refreshed after the commit is returned with each
change (`Change.service_ids`); the caller (portal/staff) updates the index once the transaction
has committed, so the index never shows an edit that was rolled back. No Flask here.

The modules: `fields` (what may change), `values` (audit text, list-valued fields), `edits`
(create, update, delete, verify), `reverts` (history, undo, restore to a point), `review` (the
review queue). Every public name is re-exported here: `curation.update`, `curation.history`…
"""

from directory.curation.edits import Change, affected_services, create, delete, now_utc, update, verify
from directory.curation.fields import (
    ACTIONS,
    AUDITED_ONLY,
    CHILDREN,
    DELETABLE,
    EDITABLE,
    LIST_FIELDS,
    MODELS,
    PARENT_KEYS,
    REQUIRED_FRENCH,
    SYSTEM_FIELDS,
    TOP_LEVEL,
    CurationError,
    Record,
)
from directory.curation.reverts import changes_since, children, history, revert_change, revert_to, undo_refusal
from directory.curation.review import (
    BAND_MONTHS,
    QUEUE_SORTS,
    REVIEW_INTERVAL,
    QueueEntry,
    band,
    due_for_review,
    months_overdue,
    review_queue,
)
from directory.curation.values import audit_text, clean, from_text, get_field, read, set_field

__all__ = [
    "ACTIONS",
    "AUDITED_ONLY",
    "CHILDREN",
    "CurationError",
    "DELETABLE",
    "EDITABLE",
    "LIST_FIELDS",
    "MODELS",
    "PARENT_KEYS",
    "REQUIRED_FRENCH",
    "Record",
    "SYSTEM_FIELDS",
    "TOP_LEVEL",
    "audit_text",
    "clean",
    "from_text",
    "get_field",
    "read",
    "set_field",
    "Change",
    "affected_services",
    "create",
    "delete",
    "now_utc",
    "update",
    "verify",
    "changes_since",
    "children",
    "history",
    "revert_change",
    "revert_to",
    "undo_refusal",
    "BAND_MONTHS",
    "QUEUE_SORTS",
    "QueueEntry",
    "REVIEW_INTERVAL",
    "band",
    "due_for_review",
    "months_overdue",
    "review_queue",
]
