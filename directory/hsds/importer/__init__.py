"""Import HSDS 3.1 or 3.0 (plain or bilingual profile) into the directory: validate everything, then
write everything in one transaction, or nothing; with `quarantine`, write the valid records and
report the others.

Accepted input: a JSON array of nested organizations (what `exporter` writes) or services (what
`/services/{id}` serves), a page of an HSDS API (`{"total_items", …, "contents": […]}`), one record
of any top-level type (organization, service, service_at_location, location, taxonomy, taxonomy
term), newline-delimited JSON, a folder of such JSON files, the examples' tabular JSON, or a
tabular data package (folder of CSVs or `.zip`; `datapackage.json` optional). See read_json.

Order of work:
1. Parse every record into flat rows per table (`Batch`), remembering where each row came from
   (file, record, JSON path or CSV line/column) so every problem can be named precisely.
2. Validate each record against the HSDS schema merged with the profile (the official schema plus
   the extension fields; patches only add properties) and the directory's own rules (French name,
   UUIDs, coordinates, region codes, age and date ranges, e-mails, lengths, references).
3. If anything is wrong: raise ImportRejected listing up to MAX_PROBLEMS problems; nothing written.
   With `quarantine`: leave out each record that has a problem (the nearest record that stands on
   its own, `Origin.unit`: a bad phone takes its service, a bad location only itself), check the
   rest again (what referred to a record left out is left out too, rule `rejected-reference`)
   until nothing is wrong, and report every problem (`report.write_report`: file, line, record,
   what was left out, field, rule, message).
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from directory.db import engine_for
from directory.hsds import tabular
from directory.hsds.importer.batch import Batch
from directory.hsds.importer.checks import check_rows, existing_rows
from directory.hsds.importer.read_json import read_json
from directory.hsds.importer.read_tables import package_files, read_tables
from directory.hsds.importer.report import (
    MAX_PROBLEMS,
    REPORT_COLUMNS,
    ImportRejected,
    ImportResult,
    Origin,
    Problem,
    TooManyProblems,
    report_rows,
    write_report,
)
from directory.hsds.importer.values import from_json
from directory.hsds.importer.write import write_batch

__all__ = ["MAX_PROBLEMS", "REPORT_COLUMNS", "ImportRejected", "ImportResult", "Origin", "Problem",
           "from_json", "import_batch", "import_path", "report_rows", "write_report"]


def _read(batch: Batch, path: Path, progress: bool = False) -> int:
    if path.is_dir() and not any(path.rglob("*.csv")):
        # Per-record files (one record, or one page, per file), read in name order.
        return sum(read_json(batch, f, f.read_text(encoding="utf-8-sig"), f.name)
                   for f in sorted(path.rglob("*.json")) + sorted(path.rglob("*.ndjson")))
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
                progress: bool = False, quarantine: bool = False,
                report: str | Path | None = None) -> ImportResult:
    """Validate the HSDS file or package at `path`, then write it all in one transaction.

    Raises ImportRejected (nothing written) when any record breaks a rule; with `quarantine`,
    writes the valid records and lists the others in `result.rejected` (and in the CSV `report`
    when a path is given); see the module doc.
    """
    path = Path(path)
    batch = Batch(limit=None if quarantine else MAX_PROBLEMS)
    return import_batch(database_url, batch, lambda: _read(batch, path, progress), path,
                        updated_by=updated_by, quarantine=quarantine, report=report)


def _quarantine(batch: Batch, existing: dict[str, dict[str, dict[str, Any]]],
                connection: Connection) -> list[Problem]:
    """Leave out the records with problems until the rest passes every check; all the problems."""
    rejected: list[Problem] = []
    while batch.problems:
        rejected += batch.problems
        batch.drop({p.origin.record_key for p in rejected})
        batch.problems = []
        check_rows(batch, existing, connection, check_references=True)
    return rejected


def import_batch(database_url: str, batch: Batch, read: Callable[[], object], path: Path, *,
                 updated_by: str = "cli",
                 quarantine: bool = False, report: str | Path | None = None) -> ImportResult:
    """`read()` fills `batch`; then check and write as `import_path` says (harvest reads pages)."""
    started = time.perf_counter()
    result = ImportResult(path=path)
    # Hundreds of thousands of small dicts that all live until the end: the cyclic collector's
    # repeated full scans cost more than the import itself (measured: 2x on 15,000 services).
    collecting = gc.isenabled()
    gc.disable()
    try:
        read()
        with engine_for(database_url).begin() as connection:
            if quarantine and batch.problems:
                result.rejected += batch.problems
                batch.drop({p.origin.record_key for p in batch.problems})
                batch.problems = []
            existing = {name: existing_rows(connection, name, set(rows))
                        for name, rows in batch.rows.items()}
            # Rows of records that broke the schema were left out, so references to them would
            # only add noise; the other rules still run, to report every problem in one go.
            check_rows(batch, existing, connection,
                       check_references=quarantine or not batch.problems)
            if quarantine:
                result.rejected += _quarantine(batch, existing, connection)
            elif batch.problems:
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
    if report is not None and quarantine:
        result.report = write_report(result.rejected, Path(report))
    result.seconds = time.perf_counter() - started
    return result
