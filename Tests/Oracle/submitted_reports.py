#!/usr/bin/env python3
"""Writes reports as units and other systems submit them, from a period's computed figures.

usage: submitted_reports.py DEFAULT_CSV RULES_CSV OUTDIR

DEFAULT_CSV and RULES_CSV are ReformIndex's bieu06_by_unit.csv of the same period under the default
counting rules and under another rule (the test uses no_due=on_time). OUTDIR receives:
- td_units.xls: the unit variant as the TD system's "Excel" button saves it (an HTML table): title
  rows with "Từ ngày … đến hết ngày …", a three-row header with rowspan/colspan, the numbering row,
  band rows (I, II), a "Trong đó" row, numbers with "." thousands, a "Tổng cộng" row. Units written
  the way reports write them: "UBND Quận Ba Đình" (001, exact), "Quận Hoàn Kiếm - TP Hà Nội" (002,
  early +2 / on time −2: a difference no rule explains), "Ủy ban nhân dân quận Tây Hồ" (003, received
  total +1: an identity broken), "Huyện Phúc Thọ cũ" (272 through the alias file, exact), and
  "Phường Không Tồn Tại" (matches no unit).
- cau_giay_by_field.xlsx (openpyxl): the form by field of "UBND quận Cầu Giấy" (005), its fields
  summing to the figures under the other rule, with the header block and a signature block.
- aliases.csv: old_name,new_name,from.
- resubmission.csv: 002 again, exact, in ReformIndex's own CSV shape (a later file replaces it).
Prints nothing; exits 1 with a message on a problem.
"""
import csv
import html
import os
import sys

import openpyxl
from openpyxl.styles import Alignment

FORM = ["total", "new_online", "new_direct_postal", "carried_in", None, "early", "on_time", "late", "pending",
        "pending_within", "pending_overdue"]


def form(row):
    return [int(row["resolved"]) + int(row["withdrawn_rejected"]) if c is None else int(row[c]) for c in FORM]


def grouped(n):
    return f"{n:,}".replace(",", ".")


def main():
    default_csv, rules_csv, out = sys.argv[1:4]
    os.makedirs(out, exist_ok=True)
    with open(default_csv, encoding="utf-8-sig") as f:
        default = {r["unit_code"]: r for r in csv.DictReader(f)}
    with open(rules_csv, encoding="utf-8-sig") as f:
        rules = {r["unit_code"]: r for r in csv.DictReader(f)}
    period = next(iter(default.values()))["period"]
    first, last = period.split("_")
    dmy = lambda d: f"{int(d[8:10])}/{int(d[5:7])}/{d[:4]}"

    units = []
    units.append(("1", "UBND Quận Ba Đình", form(default["001"])))
    f002 = form(default["002"])
    f002[5] += 2
    f002[6] -= 2
    units.append(("2", "Quận Hoàn Kiếm - TP Hà Nội", f002))
    f003 = form(default["003"])
    f003[0] += 1
    units.append(("3", "Ủy ban nhân dân quận Tây Hồ", f003))
    units.append(("4", "Huyện Phúc Thọ cũ", form(default["272"])))
    units.append(("5", "Phường Không Tồn Tại", [1500, 1000, 400, 100, 1200, 900, 200, 100, 300, 250, 50]))

    head = ["Số hồ sơ nhận giải quyết", "Số hồ sơ đã giải quyết", "Số hồ sơ đang giải quyết"]
    rows = ["<tr><td colspan=13>ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI</td></tr>",
            "<tr><td colspan=13>Biểu số II.06a/VPCP/KSTT</td></tr>",
            "<tr><td colspan=13>TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH</td></tr>",
            f"<tr><td colspan=13>Kỳ báo cáo: Quý I năm 2025 (Từ ngày {dmy(first)} đến hết ngày {dmy(last)})</td></tr>",
            "<tr><th rowspan=3>STT</th><th rowspan=3>Tên đơn vị</th>"
            f"<th colspan=4>{head[0]}</th><th colspan=4>{head[1]}</th><th colspan=3>{head[2]}</th></tr>",
            "<tr><th rowspan=2>Tổng số</th><th colspan=2>Trong kỳ</th><th rowspan=2>Từ kỳ trước</th>"
            "<th rowspan=2>Tổng số</th><th rowspan=2>Trước hạn</th><th rowspan=2>Đúng hạn</th>"
            "<th rowspan=2>Quá hạn</th><th rowspan=2>Tổng số</th><th rowspan=2>Trong hạn</th>"
            "<th rowspan=2>Quá hạn</th></tr>",
            "<tr><th>Trực tuyến</th><th>Trực tiếp và dịch vụ bưu chính</th></tr>",
            "<tr>" + "".join(f"<td>({n})</td>" for n in range(1, 14)) + "</tr>",
            "<tr><td>I</td><td>Cấp huyện</td>" + "<td></td>" * 11 + "</tr>"]
    for number, name, values in units[:4]:
        rows.append(f"<tr><td>{number}</td><td>{html.escape(name)}</td>"
                    + "".join(f"<td>{grouped(v)}</td>" for v in values) + "</tr>")
    rows.append("<tr><td></td><td>Trong đó: hồ sơ trực tuyến toàn trình</td>" + "<td>1</td>" * 11 + "</tr>")
    rows.append("<tr><td>II</td><td>Cấp xã</td>" + "<td></td>" * 11 + "</tr>")
    number, name, values = units[4]
    rows.append(f"<tr><td>{number}</td><td>{html.escape(name)}</td>"
                + "".join(f"<td>{grouped(v)}</td>" for v in values) + "</tr>")
    totals = [sum(u[2][i] for u in units) for i in range(11)]
    rows.append("<tr><td></td><td>Tổng cộng</td>" + "".join(f"<td>{grouped(v)}</td>" for v in totals) + "</tr>")
    with open(os.path.join(out, "td_units.xls"), "w", encoding="utf-8") as f:
        f.write("<html><head><meta charset=\"utf-8\"></head><body><table border=1>\n" + "\n".join(rows)
                + "\n</table></body></html>\n")

    # The form by field of one unit, from openpyxl: fields summing to its figures under the other rule.
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Biểu II.06a"
    sheet.append(["Biểu số II.06a/VPCP/KSTT", None, "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC", None, None, None,
                  None, None, None, "Đơn vị báo cáo: UBND quận Cầu Giấy"])
    sheet.append([None, None, f"Kỳ báo cáo: Quý I/2025 (Từ ngày {dmy(first)} đến ngày {dmy(last)})", None, None,
                  None, None, None, None, "Đơn vị nhận báo cáo: UBND thành phố Hà Nội"])
    sheet.append([])
    sheet.append(["TT", "Lĩnh vực", head[0], None, None, None, head[1], None, None, None, head[2]])
    sheet.append([None, None, "Tổng số", "Trong kỳ", None, "Từ kỳ trước", "Tổng số", "Trước hạn", "Đúng hạn",
                  "Quá hạn", "Tổng số", "Trong hạn", "Quá hạn"])
    sheet.append([None, None, None, "Trực tuyến", "Trực tiếp và dịch vụ bưu chính"])
    for cells in ["C4:F4", "G4:J4", "K4:M4", "A4:A6", "B4:B6", "D5:E5", "C5:C6", "F5:F6", "G5:G6", "H5:H6",
                  "I5:I6", "J5:J6", "K5:K6", "L5:L6", "M5:M6"]:
        sheet.merge_cells(cells)
    sheet["C4"].alignment = Alignment(horizontal="center")
    sheet.append([f"({n})" for n in range(1, 14)])
    whole = form(rules["005"])
    small = [3, 2, 1, 0, 2, 1, 1, 0, 1, 1, 0]
    sheet.append([1, "Hộ tịch"] + [w - s for w, s in zip(whole, small)])
    sheet.append([2, "Chứng thực"] + small)
    sheet.append([None, "Tổng cộng"] + whole)
    sheet.append([])
    sheet.append([None, "NGƯỜI LẬP BIỂU", None, None, None, None, None, None, None, "THỦ TRƯỞNG ĐƠN VỊ"])
    workbook.save(os.path.join(out, "cau_giay_by_field.xlsx"))

    with open(os.path.join(out, "aliases.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("old_name,new_name,from\nHuyện Phúc Thọ cũ,Huyện Phúc Thọ,2024-01-01\n")
    with open(default_csv, encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader)
        kept = [r for r in reader if r[1] == "002"]
    with open(os.path.join(out, "resubmission.csv"), "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(kept)


if __name__ == "__main__":
    main()
