#!/usr/bin/env python3
"""Checks that a workbook holds its CSV files sheet by sheet (indices.xlsx, comparison.xlsx).

usage: check_sheets.py XLSX CSV...

Sheet i must be named after CSV i (without .csv) and hold the same header and rows: text cells
equal to the CSV's text (the CSV's formula guard "'" removed), number cells (int or float, never
text) equal to the CSV's number, empty cells where the CSV is empty. Read by openpyxl. Prints
"ok NAME rows=N" per sheet, or the problems (exit 1).
"""
import csv
import os
import sys

import openpyxl


def main():
    path, csvs = sys.argv[1], sys.argv[2:]
    workbook = openpyxl.load_workbook(path)
    problems = []
    if [s.title for s in workbook.worksheets] != [os.path.basename(c)[:-4] for c in csvs]:
        problems.append(f"sheets {[s.title for s in workbook.worksheets]} are not {csvs}")
    for sheet, csv_path in zip(workbook.worksheets, csvs):
        with open(csv_path, encoding="utf-8-sig", newline="") as f:
            expected = list(csv.reader(f))
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        if len(rows) != len(expected):
            problems.append(f"{sheet.title}: {len(rows)} rows, CSV has {len(expected)}")
        for number, (got, want) in enumerate(zip(rows, expected), start=1):
            got = got + [None] * (len(want) - len(got))
            for column, (cell, text) in enumerate(zip(got, want), start=1):
                where = f"{sheet.title} row {number} col {column}"
                if text == "":
                    if cell not in (None, ""):
                        problems.append(f"{where}: {cell!r} where the CSV is empty")
                elif number > 1 and isinstance(cell, (int, float)) and not isinstance(cell, bool):
                    if abs(float(text) - cell) > 1e-9:
                        problems.append(f"{where}: {cell!r} ≠ {text!r}")
                else:
                    plain = text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@", "\t", "\r") else text
                    if cell != plain:
                        problems.append(f"{where}: {cell!r} ≠ {plain!r}")
                    try:
                        float(plain)
                        numeric_header = expected[0][column - 1] not in (
                            "period", "year", "unit_code", "element", "criterion", "question_code", "field",
                            "published_rate", "as_of")
                        if number > 1 and numeric_header:
                            problems.append(f"{where}: the number {plain!r} is a text cell")
                    except ValueError:
                        pass
        print(f"ok {sheet.title} rows={len(rows) - 1}")
    if problems:
        print("\n".join(problems[:40]), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
