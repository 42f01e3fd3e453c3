"""A table as a file to download: CSV streamed, XLSX built whole (openpyxl needs the end)."""

from collections.abc import Iterable, Sequence

from flask import Response, abort

from app.services import tabular


def table_download(
    fmt: str, filename: str, sheet_title: str, headers: Sequence[str], rows: Iterable[Sequence]
) -> Response:
    """`fmt` is "csv" or "xlsx"; `filename` has no extension (ASCII, no quotes)."""
    if fmt not in tabular.FORMATS:
        abort(404)
    if fmt == "csv":
        body = tabular.csv_lines(headers, rows)
    else:
        body = tabular.xlsx_bytes(sheet_title, headers, rows)
    response = Response(body, mimetype=tabular.MIMETYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
