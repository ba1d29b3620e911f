"""What an import reports: where a row came from, each problem found, the rejection that lists
them, the counts of a successful import and, with quarantine, the report of what was left out."""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

MAX_PROBLEMS = 50


@dataclass(frozen=True)
class Origin:
    """Where a row came from: enough to point a person at the exact spot in their file."""

    file: str
    record_type: str
    record_id: str  # the record's id, or "#n" when it has none
    path: str = ""  # JSON path of the row inside the record ("service_at_locations[0].location")
    line: int | None = None  # CSV: line of the row (the header is line 1)
    # What quarantine leaves out when this row breaks a rule: "<type>:<id>" of the nearest record
    # that stands on its own (organization, service, location, program, taxonomy, term), so a bad
    # phone takes its service with it but a bad location does not take its organization.
    unit: str = ""

    @property
    def record_key(self) -> tuple[str, str, int | None]:
        return (self.file, self.unit or f"{self.record_type}:{self.record_id}", self.line)

    def field(self, name: str) -> str:
        if self.line is not None:
            return name
        return f"{self.path}.{name}" if self.path else name


@dataclass(frozen=True)
class Problem:
    origin: Origin
    field: str
    message: str
    rule: str

    def __str__(self) -> str:
        o = self.origin
        if o.line is not None:
            return (f"{o.file}: line {o.line} (record {o.record_id}, {o.record_type}) "
                    f"column {self.field}: {self.message} ({self.rule})")
        return (f"{o.file}: record {o.record_id}({o.record_type}) field {self.field}: "
                f"{self.message} ({self.rule})")


class ImportRejected(Exception):
    """The file was not imported; every problem found (up to MAX_PROBLEMS) is listed."""

    def __init__(self, problems: list[Problem], truncated: bool = False):
        self.problems = problems
        self.truncated = truncated
        super().__init__(str(self))

    def __str__(self) -> str:
        more = f" (showing the first {len(self.problems)})" if self.truncated else ""
        head = f"import rejected, nothing was changed: {len(self.problems)} problem(s){more}"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


class TooManyProblems(Exception):
    pass



@dataclass
class ImportResult:
    path: Path
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    deleted: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    audit_rows: int = 0
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    rejected: list[Problem] = field(default_factory=list)  # quarantine: what was left out and why
    report: Path | None = None

    @property
    def rejected_records(self) -> int:
        return len({p.origin.record_key for p in self.rejected})

    def summary(self) -> str:
        def fmt(counter: Counter[str]) -> str:
            main = ", ".join(f"{counter[n]:,} {n}" for n in ("organization", "service", "location")
                             if counter[n])
            rest = sum(v for k, v in counter.items() if k not in ("organization", "service",
                                                                  "location"))
            return ", ".join(x for x in (main, f"{rest:,} other" if rest else "") if x) or "0"

        lines = [
            f"imported {self.path.name} in {self.seconds:.1f} s: created {fmt(self.created)}; "
            f"updated {fmt(self.updated)}; deleted {fmt(self.deleted)}; "
            f"unchanged {sum(self.unchanged.values()):,}; {self.audit_rows:,} change-log rows"
        ]
        if self.rejected:
            lines.append(f"quarantined {self.rejected_records:,} record(s) for "
                         f"{len(self.rejected):,} problem(s)"
                         + (f"; report: {self.report}" if self.report else ""))
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)


REPORT_COLUMNS = ("file", "line", "record_type", "record_id", "left_out", "field", "rule", "message")


def report_rows(problems: list[Problem]) -> list[dict[str, str]]:
    """One row per problem: where (file, CSV line or JSON record), what was left out, why."""
    return [{
        "file": p.origin.file,
        "line": "" if p.origin.line is None else str(p.origin.line),
        "record_type": p.origin.record_type,
        "record_id": p.origin.record_id,
        "left_out": p.origin.unit or f"{p.origin.record_type}:{p.origin.record_id}",
        "field": p.field,
        "rule": p.rule,
        "message": p.message,
    } for p in problems]


def write_report(problems: list[Problem], path: Path) -> Path:
    """The quarantine report as CSV (UTF-8 with a BOM, so a spreadsheet opens it as such)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=REPORT_COLUMNS)
        writer.writeheader()
        writer.writerows(report_rows(problems))
    return path
