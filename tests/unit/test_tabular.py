"""Exports: what a spreadsheet shows is what was written, and no cell runs as a formula."""

import csv
import io
from datetime import date

from openpyxl import load_workbook

from app.services import tabular

HOSTILE = ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "plain æøå"]


def test_csv_neutralises_formulas_and_opens_in_excel():
    text = "".join(tabular.csv_lines(["Tittel", "Antall"], [[h, 3] for h in HOSTILE]))
    assert text.startswith("\ufeff")  # Excel reads the file as UTF-8
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0] == ["Tittel", "Antall"]
    assert [r[0] for r in rows[1:]] == ["'" + h for h in HOSTILE[:5]] + ["plain æøå"]


def test_xlsx_keeps_numbers_and_dates_typed_and_text_inert():
    data = tabular.xlsx_bytes(
        "Avvik", ["Tittel", "Timer", "Dato"], [[h, 2.5, date(2026, 3, 29)] for h in HOSTILE]
    )
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "Avvik"
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("Tittel", "Timer", "Dato")
    assert [v[0] for v in values[1:]] == ["'" + h for h in HOSTILE[:5]] + ["plain æøå"]
    assert all(v[1] == 2.5 for v in values[1:])
    assert values[1][2].date() == date(2026, 3, 29)
    assert all(sheet.cell(row=r, column=1).data_type == "s" for r in range(2, len(values) + 1))
