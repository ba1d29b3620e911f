"""Import HSDS 3.1 (plain or bilingual profile) into the directory: validate everything, then write
everything in one transaction, or nothing.

Accepted input: a JSON array of nested organizations (what `exporter` writes), a JSON array of
nested services (what `/services/{id}` serves), a single object of either kind, newline-delimited
JSON, or a tabular data package (directory or `.zip`; `datapackage.json` optional).

Order of work:
1. Parse every record into flat rows per table (`Batch`), remembering where each row came from
   (file, record, JSON path or CSV line/column) so every problem can be named precisely.
2. Validate each record against the HSDS schema merged with the profile (the official schema plus
   the extension fields; patches only add properties) and the directory's own rules (French name,
   UUIDs, coordinates, region codes, age and date ranges, e-mails, lengths, references).
3. If anything is wrong: raise ImportRejected listing up to MAX_PROBLEMS problems; nothing written.
4. Otherwise, in one transaction: upsert rows by id, replace the children of every imported parent
   that lists them (phones, schedules, addresses…; services, locations and programs are upserted,
   never deleted by omission), and write the change log into `metadata`.

Plain HSDS (no `translations` anywhere; CSV without `_en` columns) is French: it sets the French
columns and leaves English text and extension fields as they were. A file that uses the profile is
authoritative for them too, so a translation removed at the source is removed here.
Taxonomy terms nested in attributes are references: created when missing, never updated (the
category tree is curated here; load it with a data package's taxonomy_terms.csv instead). Incoming
`metadata` arrays are ignored: the change log records what this import did.

Modules: report (problems, result), values, batch, read_json, read_tables, checks, write.
"""

from __future__ import annotations

import gc
import time
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from directory.db import engine_for
from directory.hsds import tabular
from directory.hsds.importer.batch import Batch
from directory.hsds.importer.checks import check_rows, existing_rows
from directory.hsds.importer.read_json import read_json
from directory.hsds.importer.read_tables import package_files, read_tables
from directory.hsds.importer.report import (
    MAX_PROBLEMS,
    ImportRejected,
    ImportResult,
    Origin,
    Problem,
    TooManyProblems,
)
from directory.hsds.importer.values import from_json
from directory.hsds.importer.write import write_batch

__all__ = ["MAX_PROBLEMS", "ImportRejected", "ImportResult", "Origin", "Problem", "from_json", "import_path"]


def _read(batch: Batch, path: Path, progress: bool = False) -> int:
    if path.is_dir() or path.suffix.lower() == ".zip":
        return read_tables(batch, package_files(path), path.name)
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".csv":
        name = next((n for n in tabular.TABULAR_OBJECTS
                     if tabular.csv_path(n) == path.name), None)
        if name is None:
            batch.problem(Origin(path.name, "file", "-"), "",
                          "a lone CSV must be named after an HSDS table (services.csv…)", "file")
            return 0
        return read_tables(batch, {path.name: text.encode()}, path.name)
    return read_json(batch, path, text, path.name, progress)


def import_path(database_url: str, path: str | Path, updated_by: str = "cli",
                progress: bool = False) -> ImportResult:
    """Validate the HSDS file or package at `path`, then write it all in one transaction.

    Raises ImportRejected (nothing written) when any record breaks a rule; see the module doc.
    """
    path = Path(path)
    started = time.perf_counter()
    result = ImportResult(path=path)
    batch = Batch()
    # Hundreds of thousands of small dicts that all live until the end: the cyclic collector's
    # repeated full scans cost more than the import itself (measured: 2x on 15,000 services).
    collecting = gc.isenabled()
    gc.disable()
    try:
        _read(batch, path, progress)
        with engine_for(database_url).begin() as connection:
            existing = {name: existing_rows(connection, name, set(rows))
                        for name, rows in batch.rows.items()}
            # Rows of records that broke the schema were left out, so references to them would
            # only add noise; the other rules still run, to report every problem in one go.
            check_rows(batch, existing, connection, check_references=not batch.problems)
            if batch.problems:
                raise ImportRejected(batch.problems)
            try:
                write_batch(connection, batch, existing, updated_by, result)
            except DBAPIError as error:  # a rule the checks above missed; the transaction rolls back
                origin = Origin(path.name, "database", "-")
                raise ImportRejected([Problem(origin, "", str(error.orig).strip(), "database")]) \
                    from error
    except TooManyProblems:
        raise ImportRejected(batch.problems[:MAX_PROBLEMS], truncated=True) from None
    finally:
        if collecting:
            gc.enable()
    result.warnings = [f"{text} ({count})" if count > 1 else text
                       for text, count in sorted(batch.warnings.items())]
    result.seconds = time.perf_counter() - started
    return result
