#!/usr/bin/env python3
"""Writes legacy Excel 97-2003 workbooks (.xls, BIFF8) with xlwt for the tests, and reads any .xls back
with xlrd as the independent reader to compare with.

usage:
  legacy_xls.py export CSV OUT.xls [--1904]   a dossier export as a workbook: title rows, a two-row header
                                              with "Ngày" merged over the date columns, dates as date cells,
                                              numbers as numbers, a total row, a chart-free second sheet
  legacy_xls.py units OUT.xls                 a unit list shaped like the statistics office's (Mã TP, Tỉnh /
                                              Thành Phố, Mã QH, Quận Huyện, Mã PX, Phường Xã, Cấp)
  legacy_xls.py cells OUT.xls                 every cell kind: shared strings long enough to need CONTINUE,
                                              RK and MULRK numbers, floats, booleans, errors, formulas with
                                              number, text and boolean results, a zero-padded code format
  legacy_xls.py dump FILE.xls [SHEET]         prints each row as xlrd reads it (tab-separated, dates as
                                              dd/mm/yyyy hh:mm:ss), for comparison
"""
import csv
import datetime as dt
import sys

import xlrd
import xlwt


def export(source, out, date1904):
    wb = xlwt.Workbook(encoding="utf-8")
    wb.dates_1904 = date1904
    ws = wb.add_sheet("Danh sách hồ sơ")
    date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy hh:mm:ss")
    day_style = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    bold = xlwt.easyxf("font: bold on")
    with open(source, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header, data = rows[0], rows[1:]
    ws.write_merge(0, 0, 0, len(header) - 1, "DANH SÁCH HỒ SƠ TIẾP NHẬN", bold)
    ws.write(1, 0, "Từ ngày 01/01/2025 đến ngày 31/03/2025")
    dates = [i for i, h in enumerate(header) if h.startswith("Ngày") or h.startswith("Hạn")]
    # Row 3: "Ngày" over the date columns (merged), every other header spanning rows 3-4.
    for i, h in enumerate(header):
        if i in dates:
            ws.write(3, i, h[len("Ngày "):] if h.startswith("Ngày ") else h, bold)
        else:
            ws.write_merge(2, 3, i, i, h, bold)
    first, last = min(dates), max(dates)
    if dates == list(range(first, last + 1)) and all(header[i].startswith("Ngày ") for i in dates):
        ws.write_merge(2, 2, first, last, "Ngày", bold)
    else:
        for i in dates:
            ws.write(2, i, "", bold)
            ws.write(3, i, header[i], bold)
    for r, row in enumerate(data):
        for c, value in enumerate(row):
            cell = value
            style = None
            if c in dates and value:
                parsed = parse(value)
                if parsed is not None:
                    cell, style = parsed, (day_style if len(value.strip()) <= 10 else date_style)
            if style is not None:
                ws.write(4 + r, c, cell, style)
            else:
                ws.write(4 + r, c, cell)
    ws.write(4 + len(data), 0, f"Tổng cộng: {len(data)} hồ sơ")
    other = wb.add_sheet("Ghi chú")
    other.write(0, 0, "Xuất từ hệ thống một cửa")
    wb.save(out)


def parse(text):
    text = text.strip()
    for pattern in ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


def units(out):
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Sheet1")
    header = ["Tỉnh Thành Phố", "Mã TP", "Quận Huyện", "Mã QH", "Phường Xã", "Mã PX", "Cấp", "Tên Tiếng Anh"]
    for c, h in enumerate(header):
        ws.write(0, c, h)
    rows = [
        ("Thành phố Hà Nội", "01", "Quận Ba Đình", "001", "Phường Phúc Xá", "00001", "Phường", ""),
        ("Thành phố Hà Nội", "01", "Quận Ba Đình", "001", "Phường Trúc Bạch", "00004", "Phường", ""),
        ("Thành phố Hà Nội", "01", "Quận Hoàn Kiếm", "002", "Phường Hàng Bạc", "00037", "Phường", ""),
        ("Thành phố Hà Nội", "01", "Huyện Sóc Sơn", "016", "Thị trấn Sóc Sơn", "00376", "Thị trấn", ""),
        ("Thành phố Hà Nội", "01", "Huyện Sóc Sơn", "016", "Xã Bắc Sơn", "00379", "Xã", ""),
        ("Thành phố Hà Nội", "01", "Thị xã Sơn Tây", "269", "Phường Lê Lợi", "09574", "Phường", ""),
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            ws.write(1 + r, c, value)
    wb.save(out)


def cells(out):
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Ô")
    code = xlwt.easyxf(num_format_str="000")
    day = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    long_text = "Thủ tục hành chính " * 700  # over 8 KB: the shared string table continues
    ws.write(0, 0, "kind")
    ws.write(0, 1, "value")
    values = [
        ("text", "Phường Phúc Xá"),
        ("long", long_text),
        ("int", 42),
        ("negative", -7),
        ("float", 95.7),
        ("big", 123456789012),
        ("rk100", 12.34),
        ("bool", True),
        ("false", False),
        ("formula", xlwt.Formula("2+3")),
        ("formula_text", xlwt.Formula('"Sở "&"Nội vụ"')),
        ("formula_bool", xlwt.Formula("1>0")),
        ("code", None),
        ("date", None),
    ]
    for r, (kind, value) in enumerate(values, start=1):
        ws.write(r, 0, kind)
        if kind == "code":
            ws.write(r, 1, 1, code)
        elif kind == "date":
            ws.write(r, 1, dt.datetime(2025, 3, 14), day)
        else:
            ws.write(r, 1, value)
    # A row of many numbers side by side (MULRK) and a gap.
    for c in range(2, 12):
        ws.write(20, c, c * 10)
    ws.write(20, 30, "far")
    ws.write_merge(22, 22, 0, 3, "gộp")
    wb.save(out)


def dump(path, sheet=None):
    book = xlrd.open_workbook(path)
    ws = book.sheet_by_name(sheet) if sheet else book.sheet_by_index(0)
    for r in range(ws.nrows):
        out = []
        for c in range(ws.ncols):
            cell = ws.cell(r, c)
            if cell.ctype == xlrd.XL_CELL_DATE:
                value = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
                out.append(value.strftime("%d/%m/%Y %H:%M:%S"))
            elif cell.ctype == xlrd.XL_CELL_NUMBER:
                v = cell.value
                out.append(str(int(v)) if v == int(v) and abs(v) < 1e15 else repr(v))
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                out.append("TRUE" if cell.value else "FALSE")
            elif cell.ctype == xlrd.XL_CELL_ERROR:
                out.append(xlrd.error_text_from_code.get(cell.value, "#N/A"))
            else:
                out.append(str(cell.value))
        # A newline inside a cell (an address typed on two lines) is written as \\n.
        print("\t".join(cell.replace("\n", "\\n") for cell in out).rstrip("\t"))


def main():
    command = sys.argv[1]
    if command == "export":
        export(sys.argv[2], sys.argv[3], "--1904" in sys.argv)
    elif command == "units":
        units(sys.argv[2])
    elif command == "cells":
        cells(sys.argv[2])
    elif command == "dump":
        dump(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(64)


if __name__ == "__main__":
    main()
