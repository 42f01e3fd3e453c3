"""Tables people take away: one column list, written as CSV or Excel (XLSX).

Every export (audit log, ideas, deviations, injury register) goes through here,
so a cell a spreadsheet could run as a formula is neutralised in one place.
"""

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime

from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "xlsx")
MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def text_cell(value) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _xlsx_cell(value):
    """Numbers and dates stay typed (a sum works); text is neutralised."""
    if value is None or isinstance(value, bool):
        return text_cell(value) if isinstance(value, bool) else None
    if isinstance(value, (int, float, date, datetime)):
        if isinstance(value, datetime) and value.tzinfo is not None:
            return value.replace(tzinfo=None)  # Excel has no zones: callers pass local time
        return value
    return text_cell(value)


CHUNK_CHARS = 64 * 1024


def csv_lines(headers: Sequence[str], rows: Iterable[Sequence]) -> Iterator[str]:
    """CSV text in pieces of about 64 KB (for a streamed response: a piece per write, not a
    write per row); UTF-8 BOM first so Excel reads æøå."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([text_cell(h) for h in headers])
    for row in rows:
        writer.writerow([text_cell(v) for v in row])
        if buffer.tell() >= CHUNK_CHARS:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_bytes(sheet_title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """One worksheet, header row first, written in openpyxl's streaming mode."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=sheet_title[:31])
    sheet.append([text_cell(h) for h in headers])
    for row in rows:
        sheet.append([_xlsx_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
