#!/usr/bin/env python3
"""Writes the workbook twin of a dossier export CSV with another tool than ReformIndex, the way
one-stop systems' "Excel" buttons lay them out, so a test can check that the workbook and the CSV
give the same stored dossiers.

usage: workbook_twin.py STYLE IN.csv OUT.xlsx KEPT.csv
  STYLE  openpyxl  title rows, a two-row header merged over the date columns ("Ngày" over
                   "tiếp nhận | hẹn trả | …"), an STT column, a numbering row, a total row, date
                   cells with a custom format, codes of one to three digits as number cells
         xlsxwriter  the plain table from A1, date cells with a built-in format, inline-free
                   shared strings, a leading empty column
         html      an HTML table saved as .xls (rowspan/colspan header, <br> in a title cell)
KEPT.csv receives the records the workbook holds (a workbook cannot hold a NUL byte, invalid
UTF-8 or a broken quote: such records of IN.csv are left out of both).
"""
import csv
import datetime
import html
import io
import re
import sys

style, source, target, kept_path = sys.argv[1:5]

raw = open(source, "rb").read()
if raw.startswith(b"\xef\xbb\xbf"):
    raw = raw[3:]
text = raw.decode("utf-8", errors="surrogateescape")
rows = list(csv.reader(io.StringIO(text, newline="")))
header, records = rows[0], rows[1:]


def representable(record):
    if len(record) != len(header):
        return False
    for value in record:
        if any(0xDC80 <= ord(c) <= 0xDCFF for c in value):
            return False
        if any(ord(c) < 0x20 and c not in "\t\n\r" for c in value):
            return False
        if "\r" in value:
            return False
    return True


records = [r for r in records if representable(r)]
with open(kept_path, "w", encoding="utf-8", newline="") as out:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(records)

DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?$")
VIETNAM = datetime.timezone(datetime.timedelta(hours=7))


def as_date(value):
    """The Vietnam local time a date text means, or None."""
    m = DATE.match(value.strip())
    try:
        if m:
            d, mo, y, h, mi, s = m.groups()
            return datetime.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0))
        m = ISO.match(value.strip())
        if m:
            y, mo, d, h, mi, s, zone = m.groups()
            moment = datetime.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0))
            if zone:
                zone = "+00:00" if zone == "Z" else zone
                sign = 1 if zone[0] == "+" else -1
                digits = zone[1:].replace(":", "")
                offset = datetime.timezone(sign * datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
                moment = moment.replace(tzinfo=offset).astimezone(VIETNAM).replace(tzinfo=None)
            return moment
    except ValueError:
        return None
    return None


date_columns = {i for i, name in enumerate(header) if name.strip().lower().startswith(("ngày", "hạn"))}


def cell(index, value):
    if index in date_columns:
        moment = as_date(value)
        if moment is not None and moment.year >= 1971:
            return moment
    if re.fullmatch(r"[1-9]\d{0,2}", value) and index not in date_columns:
        return int(value)
    return value if value != "" else None


if style == "openpyxl":
    import openpyxl
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách hồ sơ"
    width = len(header) + 1
    sheet.append(["ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"])
    sheet.append(["DANH SÁCH HỒ SƠ TIẾP NHẬN"])
    sheet.append(["Từ ngày 01/01/2025 đến ngày 31/03/2025"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    top, bottom = ["STT"], [None]
    grouped = [name.strip().lower().startswith("ngày ") for name in header]
    for name, is_date in zip(header, grouped):
        if is_date:
            top.append("Ngày")
            bottom.append(name.strip()[5:])
        else:
            top.append(name)
            bottom.append(None)
    sheet.append(top)
    sheet.append(bottom)
    column = 0
    while column < len(top):
        if column > 0 and grouped[column - 1]:
            end = column
            while end + 1 < len(top) and grouped[end]:
                end += 1
            sheet.merge_cells(start_row=4, start_column=column + 1, end_row=4, end_column=end + 1)
            column = end + 1
        else:
            sheet.merge_cells(start_row=4, start_column=column + 1, end_row=5, end_column=column + 1)
            column += 1
    sheet.append(["(%d)" % (i + 1) for i in range(width)])
    for number, record in enumerate(records, 1):
        sheet.append([number] + [cell(i, v) for i, v in enumerate(record)])
        for i in date_columns:
            target_cell = sheet.cell(row=sheet.max_row, column=i + 2)
            if isinstance(target_cell.value, datetime.datetime):
                target_cell.number_format = "dd/mm/yyyy hh:mm:ss"
    sheet.append([None, "Tổng cộng", len(records)])
    for c in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(c)].width = 18
    workbook.save(target)
elif style == "xlsxwriter":
    import xlsxwriter

    workbook = xlsxwriter.Workbook(target, {"strings_to_numbers": False})
    sheet = workbook.add_worksheet("Data")
    date_format = workbook.add_format({"num_format": 22})
    for c, name in enumerate(header):
        sheet.write_string(0, c + 1, name)
    for r, record in enumerate(records, 1):
        for c, value in enumerate(record):
            converted = cell(c, value)
            if isinstance(converted, datetime.datetime):
                sheet.write_datetime(r, c + 1, converted, date_format)
            elif isinstance(converted, int):
                sheet.write_number(r, c + 1, converted)
            elif converted is not None:
                sheet.write_string(r, c + 1, converted)
    workbook.close()
elif style == "html":
    with open(target, "w", encoding="utf-8") as out:
        out.write('<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head>')
        out.write('<meta http-equiv="Content-Type" content="application/vnd.ms-excel; charset=UTF-8"></head><body>\n')
        out.write('<table border="1">\n<tr><td colspan="%d">UBND TỈNH<br>DANH SÁCH HỒ SƠ</td></tr>\n' % len(header))
        out.write("<tr>" + "".join("<th>%s</th>" % html.escape(n) for n in header) + "</tr>\n")
        for record in records:
            cells = "".join("<td>%s</td>" % html.escape(v).replace("\n", "<br>") for v in record)
            out.write("<tr>" + cells + "</tr>\n")
        out.write('<tr><td colspan="2">Tổng cộng</td><td>%d</td></tr>\n</table></body></html>\n' % len(records))
else:
    sys.exit("unknown style " + style)
