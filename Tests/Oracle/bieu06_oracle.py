#!/usr/bin/env python3
"""An independent implementation of docs/contract.md §2, §3.1 and §7 for the Biểu 06 CSV outputs.

The tests run it beside the Swift pipeline on exports neither has seen before and require identical
bytes. It is written from the contract alone: Python's datetime for dates, fractions for rounding,
its own RFC 4180 tokenizer, no code shared with the pipeline.

usage: bieu06_oracle.py --out DIR --period PERIOD [--period ...] [--counting RULES] FILE...
PERIOD is YYYY-MM, FIRST_LAST (YYYY-MM-DD_YYYY-MM-DD, both inclusive), or a named period
YYYY-Qn | YYYY-H1 | YYYY-H2 | YYYY-9M | YYYY (and YYYY-MM) followed by @D for cut-off day D
(2024-Q1@15 is 2023-12-15 .. 2024-03-14) — contract §9. RULES: key=value,... of withdrawn, no_due,
supplement_waiting, compare, extension (§9).
Writes DIR/LABEL/bieu06_by_unit.csv and bieu06_by_field.csv per period (LABEL: YYYY-MM for a calendar
month, else FIRST_LAST), DIR/rejects/NAME.rejects.csv per file, and prints the ingest summary line of
each file.
"""
import argparse
import datetime as dt
import hashlib
import os
import re
import unicodedata
from fractions import Fraction

VN = dt.timezone(dt.timedelta(hours=7))

ALIASES = {
    "dossier_id": ["Mã hồ sơ", "Số hồ sơ", "MaHoSo"],
    "procedure_code": ["Mã thủ tục", "Mã TTHC", "MaTTHC"],
    "procedure_name": ["Tên thủ tục", "Tên TTHC", "TenTTHC"],
    "field": ["Lĩnh vực", "TenLinhVuc"],
    "unit_code": ["Mã đơn vị", "Mã cơ quan thụ lý", "Mã đơn vị giải quyết", "DonViXuLy"],
    "unit_name": ["Đơn vị", "Cơ quan thụ lý", "Đơn vị giải quyết"],
    "receiving_unit_code": ["Mã đơn vị tiếp nhận"],
    "channel": ["Hình thức nộp", "Kênh tiếp nhận", "Kênh thực hiện", "KenhThucHien"],
    "received_at": ["Ngày tiếp nhận", "Ngày nhận", "NgayTiepNhan"],
    "due_at": ["Ngày hẹn trả", "Hạn xử lý", "Hạn giải quyết", "NgayHenTra"],
    "completed_at": ["Ngày có kết quả", "Ngày hoàn thành", "Ngày kết thúc xử lý", "NgayKetThucXuLy"],
    "returned_at": ["Ngày trả kết quả", "Ngày trả", "NgayTra"],
    "status": ["Trạng thái", "TrangThaiHoSo"],
    "apology": ["Thư xin lỗi", "Phiếu xin lỗi", "Văn bản xin lỗi"],
    "online_payment": ["Thanh toán trực tuyến", "Đã thanh toán trực tuyến"],
    "digitized": ["Số hóa hồ sơ", "Hồ sơ số hóa", "Số hóa"],
    "e_result": ["Kết quả điện tử", "Có kết quả điện tử"],
    "reused_data": ["Tái sử dụng dữ liệu", "Sử dụng lại dữ liệu số hóa"],
    "supplement_count": ["Số lần bổ sung", "Số lần yêu cầu bổ sung"],
    "supplement_days": ["Số ngày bổ sung", "Thời gian bổ sung (ngày)"],
    "complaint": ["Phản ánh, kiến nghị", "PAKN", "Có phản ánh"],
    "online_mode": ["Hình thức trực tuyến", "Loại hồ sơ trực tuyến", "Mức độ trực tuyến"],
    "original_due_at": ["Ngày hẹn trả ban đầu", "Ngày hẹn trả cũ", "NgayHenTraCu"],
    "extended_due_at": ["Ngày hẹn trả mới", "Ngày hẹn trả sau gia hạn", "NgayHenTraMoi"],
    "extended": ["Gia hạn", "Có gia hạn", "Đã gia hạn"],
}
REQUIRED = ["dossier_id", "procedure_code", "unit_code", "received_at"]


def key(text):
    return unicodedata.normalize("NFC", text).strip().casefold()


def value(text):
    return unicodedata.normalize("NFC", text).strip()


HEADER = {key(a): c for c, aliases in ALIASES.items() for a in aliases + [c]}
# channel spelling -> (channel, online mode); the mode is "" when the spelling does not say.
CHANNEL = {key(s): c for c, spellings in {
    ("online", ""): ["online", "Trực tuyến", "2", "VNeID", "Ứng dụng VNeID", "Ki-ốt", "Kiosk"],
    ("online", "full"): ["Trực tuyến toàn trình", "online_full"],
    ("online", "partial"): ["Trực tuyến một phần", "online_partial"],
    ("direct", ""): ["direct", "Trực tiếp", "1", ""],
    ("postal", ""): ["postal", "Bưu chính", "Bưu chính công ích", "BCCI", "3"]}.items() for s in spellings}
ONLINE_MODE = {key(s): m for m, spellings in {
    "full": ["full", "toàn trình", "Trực tuyến toàn trình", "DVC toàn trình", "Mức độ 4", "4"],
    "partial": ["partial", "một phần", "Trực tuyến một phần", "DVC một phần", "Mức độ 3", "3"],
    "": [""]}.items() for s in spellings}
STATUS = {key(s): c for c, spellings in {
    "resolved": ["resolved", "completed", "returned", "Đã xử lý xong", "Đã trả kết quả", "Hoàn thành", "9", "10"],
    "withdrawn": ["withdrawn", "Rút hồ sơ", "Công dân yêu cầu rút hồ sơ", "7"],
    "rejected": ["rejected", "Từ chối"],
    "stopped": ["stopped", "Dừng xử lý", "Dừng giải quyết", "Thông báo dừng giải quyết", "8"],
    "pending": ["pending", "received", "processing", "waiting_supplement", "waiting_payment", "Đang xử lý",
                "Được tiếp nhận", "Yêu cầu bổ sung giấy tờ", "Yêu cầu thực hiện nghĩa vụ tài chính", "2", "4", "5", "6"],
    "not_accepted": ["not_accepted", "submitted", "Mới đăng ký", "Không được tiếp nhận", "1", "3"]}.items()
    for s in spellings}
YESNO = {key(s): v for v, spellings in {True: ["Có", "x", "1", "true", "yes"],
                                        False: ["Không", "0", "false", "no", ""]}.items() for s in spellings}
TERMINAL = {"resolved", "withdrawn", "rejected", "stopped"}
WAITING = {key(s) for s in ["waiting_supplement", "Yêu cầu bổ sung giấy tờ", "5"]}
DEFAULT_RULES = dict(withdrawn="separate", no_due="separate", supplement_waiting="pending", compare="date",
                     extension="original")

DATE_PATTERNS = [
    (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?: +(\d{1,2}):(\d{2})(?::(\d{2}))?)?"), "dmy"),
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:(?: +|T)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
                r"(Z|[+-]\d{2}:?\d{2})?)?", re.I), "ymd"),
]


def parse_date(text):
    """The instant a date value means (aware datetime), or None."""
    text = text.strip(" \t\u00a0")
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?", text)
    if m:
        # The national portal's yyyyMMdd[HHmmss], Vietnam time.
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        hh, mi, ss = (int(m.group(4)), int(m.group(5)), int(m.group(6))) if m.group(4) else (0, 0, 0)
        try:
            result = dt.datetime(y, mo, d, hh, mi, ss, tzinfo=VN)
        except ValueError:
            return None
        return result if y >= 1970 else None
    m = re.fullmatch(r"(\d+)(?:\.(\d+))?", text)
    if m:
        serial = int(m.group(1))
        if serial < 61:
            return None
        day = dt.date(1899, 12, 30) + dt.timedelta(days=serial)
        seconds = 0
        if m.group(2):
            seconds = Fraction(int(m.group(2)), 10 ** len(m.group(2))) * 86400
            seconds = int(seconds + Fraction(1, 2))
        result = dt.datetime(day.year, day.month, day.day, tzinfo=VN) + dt.timedelta(seconds=seconds)
        return result if result.year >= 1970 else None
    for pattern, order in DATE_PATTERNS:
        m = pattern.fullmatch(text)
        if not m:
            continue
        g = m.groups()
        if order == "dmy":
            d, mo, y = int(g[0]), int(g[1]), int(g[2])
            zone = None
        else:
            y, mo, d = int(g[0]), int(g[1]), int(g[2])
            zone = g[6]
            if zone and "T" not in text.upper() and " " in text:
                return None
        hh = int(g[3]) if g[3] else 0
        mi = int(g[4]) if g[4] else 0
        ss = int(g[5]) if g[5] else 0
        if zone is not None and zone.upper() != "Z" and zone.upper() != zone:
            return None
        if zone is None or zone == "":
            tz = VN
        elif zone.upper() == "Z":
            tz = dt.timezone.utc
        else:
            sign = -1 if zone[0] == "-" else 1
            digits = zone[1:].replace(":", "")
            if int(digits[:2]) > 14 or int(digits[2:]) > 59:
                return None
            tz = dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        try:
            result = dt.datetime(y, mo, d, hh, mi, ss, tzinfo=tz)
        except ValueError:
            return None
        if y < 1970:
            return None
        return result
    return None


def vn_date(instant):
    return instant.astimezone(VN).date()


def records(text):
    """RFC 4180 records of `text`: (start line, fields, unterminated). Blank lines are skipped."""
    i, n, line = 0, len(text), 1
    while i < n:
        start_line = line
        fields, field, quoted_state = [], [], None
        unterminated = False
        at_field_start = True
        while True:
            if i >= n:
                if quoted_state == "in":
                    unterminated = True
                break
            ch = text[i]
            if quoted_state == "in":
                if ch == '"':
                    quoted_state = "closing"
                else:
                    if ch == "\n":
                        line += 1
                    field.append(ch)
                i += 1
                continue
            if quoted_state == "closing" and ch == '"':
                field.append('"')
                quoted_state = "in"
                i += 1
                continue
            if ch == ",":
                fields.append("".join(field))
                field, quoted_state, at_field_start = [], None, True
                i += 1
                continue
            if ch == "\n":
                i += 1
                line += 1
                break
            if ch == '"' and at_field_start:
                quoted_state = "in"
                at_field_start = False
                i += 1
                continue
            field.append(ch)
            at_field_start = False
            if quoted_state == "closing":
                quoted_state = "after"
            i += 1
        fields.append("".join(field))
        if not unterminated and fields[-1].endswith("\r") and quoted_state != "in":
            fields[-1] = fields[-1][:-1]
        if fields == [""] and not unterminated:
            continue
        yield start_line, fields, unterminated


def ingest(path, store, rejects_dir):
    data = open(path, "rb").read()
    digest = hashlib.sha256(data).hexdigest()
    name = os.path.basename(path)
    if digest in store["seen"]:
        print(f"file={name} already ingested (sha256 {digest})")
        return
    store["seen"].add(digest)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = data.decode("utf-8", errors="surrogateescape")
    rows = records(text)
    header_line, header, _ = next(rows)
    names = [value(h) for h in header]
    columns = {}
    for index, h in enumerate(header):
        c = HEADER.get(key(h))
        if c:
            columns[c] = index
    # The portal's field code names the field only when its name is absent.
    if "field" not in columns:
        for index, h in enumerate(header):
            if key(h) == key("MaLinhVuc"):
                columns["field"] = index
    counts = dict(read=0, accepted=0, rejected=0, replaced=0, unchanged=0)
    rejected = []

    def col_name(c):
        return names[columns[c]]

    for line, fields, unterminated in rows:
        counts["read"] += 1

        def readable(c):
            if c not in columns or columns[c] >= len(fields):
                return ""
            raw = fields[columns[c]]
            if "\x00" in raw or any(0xDC80 <= ord(x) <= 0xDCFF for x in raw):
                return ""
            return value(raw)

        def reject(reason, column):
            rejected.append((line, reason, column, readable("dossier_id")))
            counts["rejected"] += 1

        bad = [i for i, f in enumerate(fields) if "\x00" in f]
        if bad:
            reject("nul_byte", names[bad[0]] if bad[0] < len(names) else "")
            continue
        bad = [i for i, f in enumerate(fields) if any(0xDC80 <= ord(x) <= 0xDCFF for x in f)]
        if bad:
            reject("invalid_utf8", names[bad[0]] if bad[0] < len(names) else "")
            continue
        if unterminated:
            reject("unterminated_quote", "")
            continue
        if len(fields) != len(header):
            reject("field_count", "")
            continue
        get = {c: fields[i] for c, i in columns.items()}
        problem = None
        for c in REQUIRED:
            if not value(get[c]).strip("".join(chr(i) for i in range(33))):
                problem = ("missing_value", col_name(c))
                break
        dates = {}
        if not problem:
            for c in ["received_at", "due_at", "completed_at", "returned_at", "original_due_at", "extended_due_at"]:
                if c in get and get[c].strip():
                    instant = parse_date(get[c])
                    if instant is None:
                        problem = ("bad_date", col_name(c))
                        break
                    dates[c] = instant
        if not problem and "channel" in get and key(get["channel"]) not in CHANNEL:
            problem = ("bad_channel", col_name("channel"))
        channel, mode = CHANNEL[key(get.get("channel", ""))] if not problem else ("", "")
        if not problem and "online_mode" in get:
            stated = ONLINE_MODE.get(key(get["online_mode"]))
            if stated is None:
                problem = ("bad_value", col_name("online_mode"))
            elif stated:
                if "channel" not in get:
                    channel = "online"
                if channel != "online" or (mode and mode != stated):
                    problem = ("bad_value", col_name("online_mode"))
                mode = stated
        extended_flag = False
        if not problem and "extended" in get:
            if key(get["extended"]) not in YESNO:
                problem = ("bad_value", col_name("extended"))
            else:
                extended_flag = YESNO[key(get["extended"])]
        due, new_due, only_new = dates.get("due_at"), None, False
        if not problem:
            # The original appointment judges; a later date in the other columns is the extended one.
            original = dates.get("original_due_at")
            first = original if original is not None else due
            later = (dates.get("extended_due_at") or due) if original is not None else dates.get("extended_due_at")
            if first is None:
                due, only_new = later, later is not None
            elif later is None or vn_date(later) == vn_date(first):
                due = first
            elif vn_date(later) < vn_date(first):
                problem = ("bad_value", col_name("extended_due_at" if "extended_due_at" in dates else "due_at"))
            else:
                due, new_due = first, later
        if not problem and "apology" in get and key(get["apology"]) not in YESNO:
            problem = ("bad_value", col_name("apology"))
        flags = {}
        for c in ["online_payment", "digitized", "e_result", "reused_data"]:
            if not problem and c in get:
                if key(get[c]) not in YESNO:
                    problem = ("bad_value", col_name(c))
                else:
                    flags[c] = YESNO[key(get[c])]
        for c in ["supplement_count", "supplement_days"]:
            if not problem and c in get:
                text = value(get[c])
                if text and not (text.isdigit() and text.isascii() and len(text) <= 9):
                    problem = ("bad_value", col_name(c))
                else:
                    flags[c] = int(text) if text else 0
        if not problem and "complaint" in get:
            text = value(get["complaint"])
            if key(text) in YESNO:
                flags["complaint"] = YESNO[key(text)]
            elif text.isdigit() and text.isascii() and len(text) <= 9:
                flags["complaint"] = int(text) > 0
            else:
                problem = ("bad_value", col_name("complaint"))
        if not problem and "status" in get and get["status"].strip() and key(get["status"]) not in STATUS:
            problem = ("bad_status", col_name("status"))
        if not problem:
            has_end = "completed_at" in dates or "returned_at" in dates
            status = STATUS[key(get["status"])] if "status" in get and get["status"].strip() else (
                "resolved" if has_end else "pending")
            received = vn_date(dates["received_at"])
            for c in ["completed_at", "returned_at"]:
                if c in dates and vn_date(dates[c]) < received:
                    problem = ("completed_before_received", col_name(c))
                    break
            if not problem and status in TERMINAL and not has_end:
                problem = ("terminal_without_date", col_name("status"))
            if not problem and status == "pending" and has_end:
                problem = ("pending_with_completion", col_name("completed_at" if "completed_at" in dates else "returned_at"))
        if problem:
            reject(*problem)
            continue
        end = dates.get("completed_at") or dates.get("returned_at")
        record = dict(
            procedure_code=value(get["procedure_code"]), field=value(get.get("field", "")),
            unit_code=value(get["unit_code"]), receiving=value(get.get("receiving_unit_code", "")),
            channel=channel, mode=mode if channel == "online" else "", status=status,
            apology=YESNO[key(get.get("apology", ""))], received=dates["received_at"],
            due=due, new_due=new_due, extended=extended_flag or new_due is not None or only_new,
            completed=dates.get("completed_at"), returned=dates.get("returned_at"),
            online_payment=flags.get("online_payment", False), digitized=flags.get("digitized", False),
            e_result=flags.get("e_result", False), reused_data=flags.get("reused_data", False),
            supplement_count=flags.get("supplement_count", 0), supplement_days=flags.get("supplement_days", 0),
            complaint=flags.get("complaint", False),
            waiting="status" in get and key(get["status"]) in WAITING)
        dossier_id = value(get["dossier_id"])
        previous = store["dossiers"].get(dossier_id)
        counts["accepted"] += 1
        if previous is not None:
            counts["unchanged" if previous == record else "replaced"] += 1
        store["dossiers"][dossier_id] = record
        unit_name = value(get.get("unit_name", ""))
        if unit_name or record["unit_code"] not in store["unit_names"]:
            store["unit_names"][record["unit_code"]] = unit_name or store["unit_names"].get(record["unit_code"], "")
        del end
    os.makedirs(rejects_dir, exist_ok=True)
    write_csv(os.path.join(rejects_dir, name + ".rejects.csv"), ["line", "reason", "column", "dossier_id"],
              [[str(l), r, c, d] for l, r, c, d in rejected], numeric={0})
    print(f"file={name} read={counts['read']} accepted={counts['accepted']} rejected={counts['rejected']} "
          f"replaced={counts['replaced']} unchanged={counts['unchanged']}")


def guard(text):
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def quote(text):
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_csv(path, header, rows, numeric):
    with open(path, "wb") as f:
        f.write(b"\xef\xbb\xbf")
        f.write((",".join(quote(guard(h)) for h in header) + "\r\n").encode())
        for row in rows:
            cells = [cell if i in numeric else quote(guard(cell)) for i, cell in enumerate(row)]
            f.write((",".join(cells) + "\r\n").encode())


def rate(numerator, denominator):
    if denominator == 0:
        return ""
    hundredths = Fraction(numerator * 100, denominator) * 100
    rounded = int(hundredths + Fraction(1, 2))  # half-up: values are never negative
    return f"{rounded // 100}.{rounded % 100:02d}"


COLUMNS = ["new_online", "new_direct_postal", "carried_in", "total", "resolved", "early", "on_time", "late",
           "resolved_no_due", "late_with_apology", "withdrawn_rejected", "pending", "pending_within",
           "pending_overdue", "pending_no_due"]
# Added in 2026, after the on-time rate (contract §7).
LATER = ["new_online_full", "new_online_partial", "extended"]


def month_start(year, month, day):
    while month < 1:
        year, month = year - 1, month + 12
    return dt.date(year, month, day)


def period_days(spec):
    """(first, last, label) of a period spec."""
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})", spec)
    if m:
        first, last = (dt.date.fromisoformat(x) for x in m.groups())
    else:
        name, _, cutoff = spec.partition("@")
        cutoff = int(cutoff or 1)
        m = re.fullmatch(r"(\d{4})(?:-(Q[1-4]|H[12]|9M|\d{2}))?", name)
        year, part = int(m.group(1)), m.group(2)
        if part is None:
            months = (1, 12)
        elif part[0] == "Q":
            q = int(part[1])
            months = (3 * q - 2, 3 * q)
        elif part[0] == "H":
            h = int(part[1])
            months = (6 * h - 5, 6 * h)
        elif part == "9M":
            months = (1, 9)
        else:
            months = (int(part), int(part))
        if cutoff == 1:
            first = dt.date(year, months[0], 1)
            last = month_start(year, months[1] + 1, 1) - dt.timedelta(days=1) if months[1] < 12 else dt.date(year, 12, 31)
        else:
            first = month_start(year, months[0] - 1, cutoff)
            last = dt.date(year, months[1], cutoff) - dt.timedelta(days=1)
    nxt = last + dt.timedelta(days=1)
    if first.day == 1 and nxt.day == 1 and (nxt.year * 12 + nxt.month) - (first.year * 12 + first.month) == 1:
        label = f"{first.year:04d}-{first.month:02d}"
    else:
        label = f"{first.isoformat()}_{last.isoformat()}"
    return first, last, label


def due_instant(due):
    """The appointment instant; a date without a time of day (midnight) means the end of that day."""
    local = due.astimezone(VN)
    if (local.hour, local.minute, local.second) == (0, 0, 0):
        return local + dt.timedelta(days=1) - dt.timedelta(seconds=1)
    return local


def bieu06(store, first, last, group, rules=DEFAULT_RULES):
    nxt = last + dt.timedelta(days=1)
    rows = {}
    for d in store["dossiers"].values():
        if d["status"] == "not_accepted":
            continue
        received = vn_date(d["received"])
        end = d["completed"] or d["returned"]
        terminal = vn_date(end) if d["status"] in TERMINAL else None
        appointment = d["new_due"] if rules["extension"] == "extended" and d["new_due"] else d["due"]
        due = vn_date(appointment) if appointment else None
        if received >= nxt or (terminal is not None and terminal < first):
            continue
        r = rows.setdefault(group(d), dict.fromkeys(COLUMNS + LATER, 0))
        if received >= first:
            r["new_online" if d["channel"] == "online" else "new_direct_postal"] += 1
            if d["mode"]:
                r["new_online_" + d["mode"]] += 1
        else:
            r["carried_in"] += 1
        r["total"] += 1
        if d["extended"]:
            r["extended"] += 1
        if terminal is not None and terminal <= last:
            if d["status"] == "resolved":
                r["resolved"] += 1
                if due is None:
                    r["on_time" if rules["no_due"] == "on_time" else "resolved_no_due"] += 1
                elif terminal < due:
                    r["early"] += 1
                elif terminal > due or (rules["compare"] == "instant" and end > due_instant(appointment)):
                    r["late"] += 1
                    if d["apology"]:
                        r["late_with_apology"] += 1
                else:
                    r["on_time"] += 1
            elif rules["withdrawn"] == "on_time":
                r["resolved"] += 1
                r["on_time"] += 1
            else:
                r["withdrawn_rejected"] += 1
        else:
            r["pending"] += 1
            if d["waiting"] and rules["supplement_waiting"] == "within":
                r["pending_within"] += 1
            elif due is None:
                r["pending_within" if rules["no_due"] == "on_time" else "pending_no_due"] += 1
            elif due >= nxt:
                r["pending_within"] += 1
            else:
                r["pending_overdue"] += 1
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--period", action="append", required=True)
    parser.add_argument("--counting", default="")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    rules = dict(DEFAULT_RULES)
    for pair in filter(None, args.counting.split(",")):
        k, v = pair.split("=")
        assert k in rules, k
        rules[k] = v
    store = dict(dossiers={}, seen=set(), unit_names={})
    for path in args.files:
        ingest(path, store, os.path.join(args.out, "rejects"))
    for spec in args.period:
        first, last, period = period_days(spec)
        folder = os.path.join(args.out, period)
        os.makedirs(folder, exist_ok=True)
        units = bieu06(store, first, last, lambda d: d["unit_code"], rules)
        fields = bieu06(store, first, last, lambda d: d["field"], rules)
        unit_rows = []
        for code in sorted(units, key=lambda s: s.encode()):
            r = units[code]
            unit_rows.append([period, code, store["unit_names"].get(code, "")] + [str(r[c]) for c in COLUMNS]
                             + [rate(r["early"] + r["on_time"], r["early"] + r["on_time"] + r["late"])]
                             + [str(r[c]) for c in LATER])
        write_csv(os.path.join(folder, "bieu06_by_unit.csv"), ["period", "unit_code", "unit_name"] + COLUMNS
                  + ["on_time_rate"] + LATER, unit_rows, numeric=set(range(3, 22)))
        field_rows = []
        for name in sorted(fields, key=lambda s: s.encode()):
            r = fields[name]
            field_rows.append([period, name] + [str(r[c]) for c in COLUMNS]
                              + [rate(r["early"] + r["on_time"], r["early"] + r["on_time"] + r["late"])]
                              + [str(r[c]) for c in LATER])
        write_csv(os.path.join(folder, "bieu06_by_field.csv"), ["period", "field"] + COLUMNS + ["on_time_rate"]
                  + LATER, field_rows, numeric=set(range(2, 21)))


if __name__ == "__main__":
    main()
