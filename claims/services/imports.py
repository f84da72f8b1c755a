"""Payments imported from a file (issue 13): what a payroll program or a bank exported, CSV or JSON.

The file is validated whole: every row is read and checked, as one payment recorded on its own would be
(the claim in the importer's scope, money with at most two decimals, real dates, the ledger's rules), and
the file's own duplicates and references already recorded are refused. Only when every row is valid is
the file recorded, in one transaction, each payment through :func:`claims.services.ledger.record_payment_in`
(the single payment's rules and audit entry); otherwise nothing is, and the report says why, row by row.

A CSV file has a header of the fields (``claim_id,paid_on,amount,applies_to,recipient,reference,
recovery_ground,note``, in any order; the first four required), comma- or semicolon-separated, in UTF-8
(with or without its BOM) or in Windows-1251 as Excel saves it in Russian. JSON is an array of objects
with the same fields.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import marshmallow as ma
import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import orm

from claims.models import Claim, Payment
from claims.schemas import PaymentImportRow
from claims.services.common import get_scoped
from claims.services.ledger import record_payment_in
from core import db, formatting
from core.errors import DomainError, FormErrors, MalformedJson, NotFound, flatten
from core.services import require

#: The largest file taken at once: a month's payroll of a large employer is well under it.
MAX_ROWS = 5000
MAX_BYTES = 2 * 1024 * 1024
REQUIRED = ("claim_id", "paid_on", "amount", "applies_to")
COLUMNS = (*REQUIRED, "recipient", "reference", "recovery_ground", "note")
KINDS = ("csv", "json")

RECORDED, VALID, ERROR = "recorded", "valid", "error"


class TooLarge(DomainError):
    """More bytes or rows than one import takes (413)."""

    status = 413


class Unsupported(DomainError):
    """Neither CSV nor JSON (415)."""

    status = 415

    def __init__(self) -> None:
        super().__init__(_("Send the payments as CSV (text/csv) or JSON (application/json)."))


def check_size(size: int) -> None:
    """Refuse (413) a file larger than one import takes, before it is read when its size is declared."""
    if size > MAX_BYTES:
        raise TooLarge(_("A file of payments has at most %(n)s MB.", n=MAX_BYTES // (1024 * 1024)), "file")


@dataclass
class Raw:
    """A row as read from the file: its fields, or why it could not be read."""

    line: int | None
    data: Any
    errors: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class RowReport:
    row: int
    line: int | None
    status: str = VALID
    claim_id: int | None = None
    payment_id: int | None = None
    messages: dict[str, list[str]] = field(default_factory=dict)

    @property
    def errors(self) -> list[dict[str, str]]:
        return [{"field": name, "message": m} for name, texts in self.messages.items() for m in texts]


@dataclass
class ImportReport:
    rows: list[RowReport]
    recorded: bool

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def refused(self) -> int:
        return sum(1 for r in self.rows if r.messages)

    @property
    def errors(self) -> dict[str, list[str]]:
        """The error document's fields: ``rows.<row>.<field>``."""
        return {f"rows.{r.row}.{name}": texts for r in self.rows for name, texts in r.messages.items()}


class ImportRefused(FormErrors):
    """Some row is invalid: nothing was recorded; :attr:`report` says what became of each row."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(report.errors)
        self.report = report


def import_payments(user: Any, body: bytes, kind: str, charset: str | None = None) -> ImportReport:
    """Record every payment of the file ``body`` (``kind`` csv or json), or none (:class:`ImportRefused`)."""
    require(user, "record_payment")
    if kind not in KINDS:
        raise Unsupported()
    check_size(len(body))
    rows = read_csv(body, charset) if kind == "csv" else read_json(body, charset)
    if not rows:
        raise DomainError(_("The file has no payments."), field="file")
    if len(rows) > MAX_ROWS:
        raise TooLarge(
            _("A file has at most %(n)s payments; split it.", n=formatting.number(MAX_ROWS, 0)), "file"
        )
    with db.transaction() as s:
        seen: dict[tuple[Any, ...], int] = {}
        report = ImportReport(
            [_record(s, user, number, raw, seen) for number, raw in enumerate(rows, 1)], False
        )
        if report.refused:
            for row in report.rows:
                row.payment_id = None
                row.status = ERROR if row.messages else VALID
            raise ImportRefused(report)  # rolls the whole file back
        for row in report.rows:
            row.status = RECORDED
        report.recorded = True
    return report


def _record(s: orm.Session, user: Any, number: int, raw: Raw, seen: dict[tuple[Any, ...], int]) -> RowReport:
    """Check one row and record it in ``s``; its report (with the errors that refuse it)."""
    row = RowReport(number, raw.line)
    if raw.errors:
        row.messages = raw.errors
        return row
    try:
        data = PaymentImportRow().load(raw.data)
    except ma.ValidationError as exc:
        row.messages = flatten(exc.messages)
        claim = str(raw.data.get("claim_id", "")) if isinstance(raw.data, dict) else ""
        row.claim_id = int(claim) if claim.isdigit() and len(claim) < 10 else None
        return row
    row.claim_id = claim_id = data.pop("claim_id")
    try:
        get_scoped(s, user, Claim, claim_id)
    except NotFound:
        row.messages = {"claim_id": [_("There is no claim No. %(id)s in your scope.", id=claim_id)]}
        return row
    repeated = _repeated(s, seen, number, claim_id, data)
    if repeated:
        row.messages = {"reference": [repeated]}
        return row
    try:
        payment = record_payment_in(s, user, claim_id, data)
    except DomainError as exc:
        row.messages = exc.errors
        return row
    row.payment_id = payment.id
    return row


def _repeated(
    s: orm.Session, seen: dict[tuple[Any, ...], int], number: int, claim_id: int, data: dict[str, Any]
) -> str | None:
    """Why the row repeats an earlier row of the file, or a reference recorded already; else None.

    A payment order's reference pays one recipient one kind of thing once under a claim; without a
    reference, the same claim, day, amount, recipient and kind twice is the same payment twice."""
    recipient = data.get("recipient") or "victim"
    reference = (data.get("reference") or "").strip()
    key: tuple[Any, ...] = (
        (claim_id, recipient, data["applies_to"], reference)
        if reference
        else (claim_id, recipient, data["applies_to"], data["paid_on"], data["amount"])
    )
    first = seen.setdefault(key, number)
    if first != number:
        return _("The same payment as row %(row)s of this file.", row=first)
    if not reference:
        return None  # the ledger refuses the same payment recorded before (record_payment_in)
    recorded = s.scalar(
        sa.select(Payment.id).where(
            Payment.claim_id == claim_id,
            Payment.recipient == recipient,
            Payment.applies_to == data["applies_to"],
            Payment.reference == reference,
            Payment.voided_at.is_(None),
        )
    )
    if recorded is not None:
        return _(
            "The reference %(reference)s is recorded already (payment No. %(id)s).",
            reference=reference,
            id=recorded,
        )
    return None


# --- reading the file ------------------------------------------------------------------------------------


def _text(body: bytes, charset: str | None) -> str:
    """The file's text: in its declared charset, else UTF-8 (a BOM dropped), else Windows-1251."""
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            raise DomainError(_("The file is not in the encoding it declares."), field="file") from None
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return body.decode("cp1251", errors="replace")


def read_csv(body: bytes, charset: str | None = None) -> list[Raw]:
    """The rows of a CSV file under its header; a header without a required column, or with one that no
    payment has, refuses the file (422 naming the column)."""
    text = _text(body, charset)
    first = text.split("\n", 1)[0]
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=";" if first.count(";") > first.count(",") else ","
    )
    header = next(reader, None)
    if header is None:
        return []
    names = [name.strip().lower() for name in header]
    problems = [_("Unknown column: %(name)s.", name=name) for name in names if name not in COLUMNS]
    problems += [_("The column %(name)s is missing.", name=name) for name in REQUIRED if name not in names]
    problems += [
        _("The column %(name)s is given twice.", name=n)
        for n in sorted({n for n in names if names.count(n) > 1})
    ]
    if problems:
        raise DomainError(problems[0], errors={"columns": problems})
    rows: list[Raw] = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue  # a blank line
        if len(rows) >= MAX_ROWS:
            rows.append(Raw(reader.line_num, {}))  # one beyond the bound: refused, without reading on
            break
        if len(values) != len(names):
            problem = _("The line has %(n)s values; the header has %(m)s.", n=len(values), m=len(names))
            rows.append(Raw(reader.line_num, {}, {"_": [problem]}))
            continue
        # An empty cell is a field not given: an optional one takes its default, a required one is missing.
        rows.append(
            Raw(reader.line_num, {n: v.strip() for n, v in zip(names, values, strict=True) if v.strip()})
        )
    return rows


def read_json(body: bytes, charset: str | None = None) -> list[Raw]:
    """The rows of a JSON array of payments (each an object of the same fields as the CSV's columns)."""
    try:
        data = json.loads(_text(body, charset))
    except (ValueError, RecursionError):
        raise MalformedJson() from None
    if not isinstance(data, list):
        raise DomainError(_("A JSON import is an array of payments."), field="_")
    return [Raw(None, item) for item in data[: MAX_ROWS + 1]]


def as_csv(rows: Iterable[dict[str, Any]]) -> str:
    """Payments as the CSV an import reads (the header of every column): for a template and the tests."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: (f"{v:.2f}" if isinstance(v, Decimal) else v) for k, v in row.items()})
    return buffer.getvalue()
