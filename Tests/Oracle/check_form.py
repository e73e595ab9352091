#!/usr/bin/env python3
"""Checks an official-form workbook (bieu06.xlsx, docs/contract.md §9) against the period's CSVs.

usage: check_form.py (--xlsx FILE | --libreoffice-csv DIR) UNIT_CSV FIELD_CSV

With --xlsx the workbook is read by openpyxl; with --libreoffice-csv, DIR holds the sheets LibreOffice
converted to CSV (`soffice --convert-to csv:...:-1`, one file per sheet, in sheet order by name suffix).
For each sheet (by field, by unit) it finds the numbering row "(1) (2) … (13)", reads the rows under
it down to "Tổng cộng", and requires: every count a number cell (openpyxl), columns (3)…(13) and the
extras equal to the CSV's under the contract's mapping, the form's identities on every row, the total
row equal to the column sums. Prints "ok SHEET rows=N" per sheet, or the problems (exit 1).
"""
import csv
import glob
import os
import sys

FORM = ["total", "new_online", "new_direct_postal", "carried_in", None, "early", "on_time", "late", "pending",
        "pending_within", "pending_overdue"]
EXTRA = ["resolved_no_due", "withdrawn_rejected", "late_with_apology", "pending_no_due"]
# (19)-(21), right of the rate (18): the online split and the extended dossiers; then the unit code.
LATER = ["new_online_full", "new_online_partial", "extended"]
COUNT_COLUMNS = list(range(2, 17)) + [18, 19, 20]


def expected(row):
    values = []
    for name in FORM:
        values.append(int(row["resolved"]) + int(row["withdrawn_rejected"]) if name is None else int(row[name]))
    return values + [int(row[name]) for name in EXTRA + LATER]


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def sheets_from_xlsx(path):
    import openpyxl
    workbook = openpyxl.load_workbook(path)
    out = []
    for sheet in workbook.worksheets:
        if sheet.page_setup.orientation != "landscape" or str(sheet.page_setup.paperSize) != "9":
            print(f"{sheet.title}: not A4 landscape", file=sys.stderr)
            sys.exit(1)
        if not sheet.print_title_rows:
            print(f"{sheet.title}: no repeated header rows", file=sys.stderr)
            sys.exit(1)
        out.append((sheet.title, [list(r) for r in sheet.iter_rows(values_only=True)], True))
    return out


def sheets_from_csv(folder):
    out = []
    for path in sorted(glob.glob(os.path.join(folder, "*.csv"))):
        with open(path, encoding="utf-8", newline="") as f:
            rows = [[cell if cell != "" else None for cell in r] for r in csv.reader(f)]
        out.append((os.path.basename(path), rows, False))
    return out


def number(cell, typed, problems, where):
    if typed:
        if not isinstance(cell, (int, float)) or isinstance(cell, bool):
            problems.append(f"{where}: {cell!r} is not a number cell")
            return None
        return cell
    try:
        return float(cell) if "." in cell else int(cell)
    except (TypeError, ValueError):
        problems.append(f"{where}: {cell!r} is not a number")
        return None


def check(name, rows, typed, csv_rows, key_of, problems):
    numbering = next(i for i, r in enumerate(rows) if r and r[0] == "(1)")
    if [r for r in rows[numbering][:13]] != [f"({n})" for n in range(1, 14)]:
        problems.append(f"{name}: numbering row is {rows[numbering][:13]}")
    by_key = {key_of(r): r for r in csv_rows}
    seen, sums, count = set(), [0] * len(COUNT_COLUMNS), 0
    total_row = None
    for index in range(numbering + 1, len(rows)):
        row = rows[index]
        label = row[1]
        if label == "Tổng cộng":
            total_row = (index, row)
            break
        values = [number(row[c], typed, problems, f"{name} row {index + 1} col {c + 1}") for c in COUNT_COLUMNS]
        if None in values:
            continue
        form = values[:11]
        if form[0] != form[1] + form[2] + form[3] or form[0] != form[4] + form[8]:
            problems.append(f"{name} row {index + 1}: (3) ≠ (4)+(5)+(6) or (3) ≠ (7)+(11): {form}")
        if form[4] < form[5] + form[6] + form[7] or form[8] < form[9] + form[10]:
            problems.append(f"{name} row {index + 1}: (7) < (8)+(9)+(10) or (11) < (12)+(13)")
        if form[1] < values[15] + values[16]:
            problems.append(f"{name} row {index + 1}: (4) < (19)+(20)")
        if row[0] in ("I", "II", "III"):
            continue  # a band row: its subtotal is checked by the total
        key = row[21] if "đơn vị" in name.lower() else ("" if label == "(Không ghi lĩnh vực)" else label)
        if key not in by_key:
            problems.append(f"{name} row {index + 1}: {key!r} is not in the CSV")
            continue
        seen.add(key)
        want = expected(by_key[key])
        if [int(v) for v in values] != want:
            problems.append(f"{name} row {index + 1} ({key}): {values} ≠ CSV {want}")
        rate = row[17]
        csv_rate = by_key[key]["on_time_rate"]
        if (rate is None or rate == "") != (csv_rate == "") or (csv_rate and abs(float(rate) - float(csv_rate)) > 1e-9):
            problems.append(f"{name} row {index + 1}: rate {rate!r} ≠ CSV {csv_rate!r}")
        sums = [a + int(b) for a, b in zip(sums, values)]
        count += 1
    if total_row is None:
        problems.append(f"{name}: no Tổng cộng row")
    else:
        index, row = total_row
        values = [number(row[c], typed, problems, f"{name} total col {c + 1}") for c in COUNT_COLUMNS]
        if values != sums:
            problems.append(f"{name} total row {index + 1}: {values} ≠ sums {sums}")
    missing = set(by_key) - seen
    if missing:
        problems.append(f"{name}: CSV rows missing from the form: {sorted(missing)[:5]}")
    return count


def main():
    args = sys.argv[1:]
    if len(args) != 4 or args[0] not in ("--xlsx", "--libreoffice-csv"):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sheets = sheets_from_xlsx(args[1]) if args[0] == "--xlsx" else sheets_from_csv(args[1])
    units, fields = read_csv(args[2]), read_csv(args[3])
    if len(sheets) != 2:
        print(f"expected 2 sheets, found {len(sheets)}", file=sys.stderr)
        sys.exit(1)
    problems = []
    lines = []
    for name, rows, typed in sheets:
        by_unit = "đơn vị" in name.lower()
        count = check(name, rows, typed, units if by_unit else fields,
                      (lambda r: r["unit_code"]) if by_unit else (lambda r: r["field"]), problems)
        lines.append(f"ok {name} rows={count}")
    if problems:
        print("\n".join(problems[:40]), file=sys.stderr)
        sys.exit(1)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
