"""Writing a checked batch in the caller's transaction: children the file no longer lists are
deleted, rows inserted or updated parents first, every change logged in `metadata`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnDefault, bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection

from directory.hsds.importer import capacities
from directory.hsds.importer.batch import Batch
from directory.hsds.importer.checks import chunks
from directory.hsds.importer.report import ImportResult
from directory.hsds.importer.values import audit_text, same_value
from directory.hsds.spec import SELF_REFERENCES, WRITE_ORDER, scope_filter, spec
from directory.models import Metadata, new_id


def _defaults(name: str, now: dt.datetime) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in spec(name).table.columns:
        if isinstance(column.default, ColumnDefault) and column.default.is_scalar:
            out[column.name] = column.default.arg
        elif column.name == "last_modified":
            out[column.name] = now
        else:
            out[column.name] = None
    return out


def write_batch(connection: Connection, batch: Batch, existing: dict[str, dict[str, dict[str, Any]]],
           updated_by: str, result: ImportResult) -> None:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    audit: list[dict[str, Any]] = []

    def log(name: str, row_id: str, field_name: str, previous: Any, replacement: Any) -> None:
        audit.append({"id": new_id(), "resource_id": row_id, "resource_type": name,
                      "last_action_date": now, "last_action_type": "import",
                      "field_name": field_name, "previous_value": audit_text(previous),
                      "replacement_value": audit_text(replacement), "updated_by": updated_by})

    # 1. Children of imported parents that the file no longer lists.
    doomed: dict[str, set[str]] = defaultdict(set)
    scopes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for child, fk, parent_id in batch.scopes:
        scopes[(child, fk)].add(parent_id)
    for (child, fk), parents in scopes.items():
        table = spec(child).table
        keep = batch.rows.get(child, {})
        unless = scope_filter(child, fk)
        for chunk in chunks(sorted(parents)):
            query = select(table.c.id).where(table.c[fk].in_(chunk))
            if unless:  # rows nested under another parent are not this one's to delete
                query = query.where(table.c[unless].is_(None))
            for row_id in connection.execute(query).scalars():
                if row_id not in keep:
                    doomed[child].add(row_id)
    attribute_table = spec("attribute").table
    by_entity: dict[str, set[str]] = defaultdict(set)
    for entity, link_id in batch.attribute_scopes:
        by_entity[entity].add(link_id)
    keep_attributes = batch.rows.get("attribute", {})
    for entity, link_ids in by_entity.items():
        for chunk in chunks(sorted(link_ids)):
            query = select(attribute_table.c.id).where(attribute_table.c.link_entity == entity,
                                                       attribute_table.c.link_id.in_(chunk))
            for row_id in connection.execute(query).scalars():
                if row_id not in keep_attributes:
                    doomed["attribute"].add(row_id)
    for name in reversed(WRITE_ORDER):
        ids = sorted(doomed.get(name, ()))
        table = spec(name).table
        for chunk in chunks(ids):
            connection.execute(delete(table).where(table.c.id.in_(chunk)))
        for row_id in ids:
            log(name, row_id, "*", "", "deleted")
        result.deleted[name] += len(ids)

    # 2. Inserts and updates, parents first.
    for name in WRITE_ORDER:
        rows = batch.rows.get(name)
        if not rows:
            continue
        table = spec(name).table
        current = existing.get(name, {})
        defaults = _defaults(name, now)
        self_ref = SELF_REFERENCES.get(name)
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for row_id in sorted(rows):
            row = rows[row_id]
            before = current.get(row_id)
            if before is None:
                values = {**defaults, **row.values, "id": row_id}
                inserts.append(values)
                log(name, row_id, "*", "", "created")
                continue
            if row.reference:
                result.unchanged[name] += 1
                continue
            after = {**before, **{c: row.values.get(c) for c in row.given}}
            changed = [c for c in after if c != "last_modified" and not same_value(before.get(c), after[c])]
            if "last_modified" in after:
                if "last_modified" in row.given and after["last_modified"] is not None:
                    if not same_value(before.get("last_modified"), after["last_modified"]):
                        changed.append("last_modified")
                elif changed:
                    after["last_modified"] = now
                    changed.append("last_modified")
                else:
                    after["last_modified"] = before.get("last_modified")
            if not changed:
                result.unchanged[name] += 1
                continue
            for column in changed:
                log(name, row_id, column, before.get(column), after[column])
            after["_id"] = row_id
            updates.append(after)
        if inserts:
            if self_ref:
                links = [{"_id": r["id"], self_ref: r[self_ref]} for r in inserts if r[self_ref]]
                connection.execute(insert(table), [{**r, self_ref: None} for r in inserts])
                if links:
                    connection.execute(
                        update(table).where(table.c.id == bindparam("_id"))
                        .values({self_ref: bindparam(self_ref)}), links)
            else:
                connection.execute(insert(table), inserts)
            result.created[name] += len(inserts)
        if updates:
            columns = [c.name for c in table.columns if c.name != "id"]
            statement = update(table).where(table.c.id == bindparam("_id")).values(
                {c: bindparam(c) for c in columns})
            connection.execute(statement, [{c: u.get(c) for c in [*columns, "_id"]} for u in updates])
            result.updated[name] += len(updates)
    # 3. HSDS 3.1 live capacity, once the services exist.
    capacities.write(connection, batch, log, result)
    if audit:
        connection.execute(insert(Metadata.__table__), audit)
    result.audit_rows = len(audit)
