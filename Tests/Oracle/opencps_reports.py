#!/usr/bin/env python3
"""Writes OpenCPS statistics reports, filled in, the way its templates lay them out.

usage: opencps_reports.py OUTDIR

OpenCPS (statisticmgt-dossiercount1/2.xlsx) reports by field and by procedure: a heading cell
"UBND <parent>\\n<issuing body>" beside the national motto with the signing date, a title with
"Từ ngày d/m/Y đến ngày d/m/Y", a three-row merged header (STT, Lĩnh Vực | Thủ tục, Số đầu kỳ,
Kỳ trước chuyển qua, Tiếp nhận trong kỳ, Kết quả giải quyết › Hồ sơ giải quyết xong › Tổng số,
Sớm hạn, Đúng hạn, Trễ hạn › Hồ sơ đang giải quyết › Tổng số, Chưa đến hạn, Quá hạn, Tổng số trễ
hạn), a numbering row with formulas "(3=4+5)", the rows, a "Tổng số" row and a signature block.
New receipts are not split into online and direct.

OUTDIR receives:
- ba_dinh_by_field.xlsx: UBND QUẬN BA ĐÌNH under UBND THÀNH PHỐ HÀ NỘI, January 2025, two fields
  (Hộ tịch: 120 = 20 + 100, …; Đất đai: 60 = 10 + 50, …), every identity holding.
- hoan_kiem_by_procedure.xlsx: UBND QUẬN HOÀN KIẾM, January 2025, two procedures; the second's
  "Số đầu kỳ" is one more than its parts and its "Tổng số trễ hạn" one less than late + overdue.
Prints nothing.
"""
import os
import sys

import openpyxl
from openpyxl.styles import Alignment

HEADERS = ["STT", None, "Số đầu kỳ", "Kỳ trước chuyển qua", "Tiếp nhận trong kỳ", "Kết quả giải quyết"]
NUMBERS = ["(1)", "(2)", "(3=4+5)", "(4)", "(5)", "(6=7+8+9)", "(7)", "(8)", "(9)", "(10=11+12)", "(11)", "(12)",
           "(13)"]


def write(path, body, kind, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    wrap = Alignment(wrap_text=True)
    ws["A1"] = "UBND THÀNH PHỐ HÀ NỘI\n" + body
    ws["A1"].alignment = wrap
    ws["F1"] = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                "-------------------------------------------\nHà Nội, ngày 05 tháng 02 năm 2025")
    ws["F1"].alignment = wrap
    ws.merge_cells("A1:B1")
    ws.merge_cells("F1:M1")
    title = "BÁO CÁO TỔNG HỢP THEO " + ("LĨNH VỰC" if kind == "Lĩnh Vực" else "THỦ TỤC")
    ws["A2"] = title + "\nTừ ngày 01/01/2025 đến ngày 31/01/2025"
    ws["A2"].alignment = wrap
    ws.merge_cells("A2:M2")
    for column, text in enumerate(["STT", kind, "Số đầu kỳ", "Kỳ trước chuyển qua", "Tiếp nhận trong kỳ"], start=1):
        ws.cell(row=3, column=column, value=text)
    ws["F3"] = "Kết quả giải quyết"
    ws["M3"] = "Tổng số trễ hạn"
    ws["F4"] = "Hồ sơ giải quyết xong"
    ws["J4"] = "Hồ sơ đang giải quyết"
    for column, text in zip("FGHIJKL", ["Tổng số", "Sớm hạn", "Đúng hạn", "Trễ hạn", "Tổng số", "Chưa đến hạn",
                                          "Quá hạn"]):
        ws[f"{column}5"] = text
    for merged in ["A3:A5", "B3:B5", "C3:C5", "D3:D5", "E3:E5", "F3:L3", "M3:M5", "F4:I4", "J4:L4"]:
        ws.merge_cells(merged)
    for column, text in enumerate(NUMBERS, start=1):
        ws.cell(row=6, column=column, value=text)
    line = 7
    totals = [0] * 11
    for number, (name, values) in enumerate(rows, start=1):
        ws.cell(row=line, column=1, value=number)
        ws.cell(row=line, column=2, value=name)
        for offset, value in enumerate(values):
            ws.cell(row=line, column=3 + offset, value=value)
            totals[offset] += value
        line += 1
    ws.cell(row=line, column=1, value="Tổng số")
    ws.merge_cells(start_row=line, start_column=1, end_row=line, end_column=2)
    for offset, value in enumerate(totals):
        ws.cell(row=line, column=3 + offset, value=value)
    ws.cell(row=line + 2, column=1, value="Nơi nhận:")
    ws.cell(row=line + 2, column=8, value="THỦ TRƯỞNG ĐƠN VỊ\n(Ký và ghi rõ họ tên)")
    ws.merge_cells(start_row=line + 2, start_column=8, end_row=line + 3, end_column=13)
    wb.save(path)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    # C = D + E, F = G + H + I, J = K + L, M = I + L
    write(os.path.join(out, "ba_dinh_by_field.xlsx"), "UBND QUẬN BA ĐÌNH", "Lĩnh Vực", [
        ("Hộ tịch", [120, 20, 100, 110, 30, 70, 10, 10, 8, 2, 12]),
        ("Đất đai", [60, 10, 50, 40, 5, 30, 5, 20, 15, 5, 10]),
    ])
    write(os.path.join(out, "hoan_kiem_by_procedure.xlsx"), "UBND QUẬN HOÀN KIẾM", "Thủ tục", [
        ("Đăng ký khai sinh", [50, 5, 45, 40, 10, 25, 5, 10, 9, 1, 6]),
        ("Cấp giấy chứng nhận quyền sử dụng đất", [31, 10, 20, 20, 2, 15, 3, 10, 6, 4, 6]),
    ])


if __name__ == "__main__":
    main()
