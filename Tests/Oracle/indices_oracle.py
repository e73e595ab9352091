#!/usr/bin/env python3
"""An independent implementation of the yearly indices of docs/contract.md §5 and §7.1, for the tests.

usage: indices_oracle.py --out DIR --year YYYY --settings PIPELINE.json --catalogue F --questions F
                         --survey F --par F EXPORT...
Writes DIR/YYYY/index766_by_unit.csv, sipas_by_unit.csv, sipas_expectations.csv, par_index.csv and
delegation_coverage.csv. Exact arithmetic with fractions; dossier exports are read by the Biểu 06
oracle beside this file.
"""
import argparse
import csv
import datetime as dt
import json
import math
import os
from decimal import Decimal, ROUND_HALF_UP
from fractions import Fraction

import bieu06_oracle as b

# Group 3's points go to "3", the fully online ratio of eligible procedures; 3.3 has none by default.
CRITERIA = [("2.1", 20, None), ("3", 12, None), ("3.3", 0, 50), ("3.6", 6, 100), ("4.1", 6, 100), ("4.2", 4, 80), ("4.3", 2, 80), ("5.4", 6, 90)]


def half_up(fraction, places=2):
    """A fraction rounded half-up by its size (a penalty as its magnitude) to `places` decimals, as text."""
    scaled = abs(fraction) * 10 ** places
    whole = math.floor(scaled + Fraction(1, 2))
    sign = "-" if fraction < 0 and whole > 0 else ""
    return f"{sign}{whole // 10 ** places}.{whole % 10 ** places:0{places}d}" if places else f"{sign}{whole}"


def pct(num, den):
    return "" if den == 0 else half_up(Fraction(100 * num, den))


def ranks(values, groups=None):
    """Competition ranks, each value among those of its own group."""
    groups = groups or [""] * len(values)
    return [1 + sum(1 for w, h in zip(values, groups) if h == g and w > v) for v, g in zip(values, groups)]


def rows_of(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = [b.key(h) for h in next(reader)]
        for row in reader:
            yield {h: b.value(v) for h, v in zip(header, row)}


def pick(row, *names):
    for n in names:
        if b.key(n) in row:
            return row[b.key(n)]
    return ""


def main():
    p = argparse.ArgumentParser()
    for name in ["out", "year", "settings", "catalogue", "questions", "survey", "par"]:
        p.add_argument("--" + name, required=True)
    p.add_argument("--units", nargs="*", default=[], help="unit lists named *_YYYY-MM-DD.csv")
    p.add_argument("exports", nargs="+")
    a = p.parse_args()
    year = int(a.year)

    # Rank groups: a unit's PAR rows of the year may state one (the first in byte order), else its level
    # in the unit lists in force at the year's end (else the latest list holding it; a code in no list
    # is a department); without lists, one group.
    stated = {}
    for r in rows_of(a.par):
        g = pick(r, "Nhóm", "group")
        if g and int(pick(r, "Năm", "year")) == year:
            unit = pick(r, "Mã đơn vị", "unit_code")
            if unit not in stated or g.encode() < stated[unit].encode():
                stated[unit] = g
    lists = []
    for path in a.units:
        day = dt.date.fromisoformat(os.path.basename(path)[-14:-4])
        lists.append((day, {pick(r, "code"): (pick(r, "level"), pick(r, "parent_code")) for r in rows_of(path)}))
    lists.sort(key=lambda t: t[0])
    year_end = dt.date(year, 12, 31)
    def group_of(unit):
        if unit in stated:
            return stated[unit]
        if not lists:
            return ""
        in_force = [l for d, l in lists if d <= year_end and unit in l]
        later = [l for d, l in lists if unit in l]
        entry = (in_force or later or [{}])[-1].get(unit)
        if entry is None:
            return "department"
        level, parent = entry
        if level == "province":
            return "province" if not parent else "department"
        return level
    definition = json.load(open(a.settings, encoding="utf-8"))
    settings = definition.get("indices", {})
    extended_rule = definition.get("counting", {}).get("extension", "original") == "extended"
    yes = lambda text: b.YESNO.get(b.key(text), False)

    catalogue = {}
    for r in rows_of(a.catalogue):
        catalogue[pick(r, "Mã TTHC", "procedure_code")] = r
    store = dict(dossiers={}, seen=set(), unit_names={})
    devnull = open(os.devnull, "w")
    import contextlib
    with contextlib.redirect_stdout(devnull):
        for path in a.exports:
            b.ingest(path, store, os.path.join(a.out, "oracle-rejects"))
    names = store["unit_names"]
    out = os.path.join(a.out, str(year))
    os.makedirs(out, exist_ok=True)

    # Decision 766.
    maxima = {c: Fraction(m) for c, m, _ in CRITERIA}
    targets = {c: (Fraction(t) if t else None) for c, _, t in CRITERIA}
    for code, conf in settings.get("766", {}).items():
        if "max" in conf:
            maxima[code] = Fraction(str(conf["max"]))
        if "target" in conf:
            targets[code] = Fraction(str(conf["target"]))
    def decision766(label, first, nxt):
        units = {}
        for d_id, d in store["dossiers"].items():
            if d["status"] == "not_accepted":
                continue
            received = b.vn_date(d["received"])
            end = d["completed"] or d["returned"]
            terminal = b.vn_date(end) if d["status"] in b.TERMINAL else None
            appointment = d["new_due"] if extended_rule and d["new_due"] else d["due"]
            due = b.vn_date(appointment) if appointment else None
            in_form = received < nxt and (terminal is None or terminal >= first)
            is_received = first <= received < nxt
            if not in_form and not is_received:
                continue
            u = units.setdefault(d["unit_code"], dict.fromkeys(
                ["rec", "online", "eligible", "full", "fee", "fee_paid", "paper", "paper_e", "digit", "reuse", "complaint", "f21", "ok21",
                 "early", "on", "late"], 0))
            proc = catalogue.get(d["procedure_code"])
            fee = proc is not None and yes(pick(proc, "Có phí", "has_fee"))
            paper = proc is not None and yes(pick(proc, "Yêu cầu kết quả bản giấy", "paper_result_required"))
            resolved_here = d["status"] == "resolved" and terminal is not None and terminal < nxt
            if is_received:
                u["rec"] += 1
                u["online"] += d["channel"] == "online"
                level = pick(proc, "Mức độ DVCTT", "online_level") if proc is not None else ""
                if b.ONLINE_MODE.get(b.key(level)) == "full":
                    u["eligible"] += 1
                    u["full"] += d["channel"] == "online" and d["mode"] == "full"
                if fee:
                    u["fee"] += 1
                    u["fee_paid"] += d["online_payment"]
                u["digit"] += d["digitized"] and (not paper or d["e_result"])
                u["reuse"] += d["reused_data"]
                u["complaint"] += d["complaint"]
            if resolved_here and paper:
                u["paper"] += 1
                u["paper_e"] += d["e_result"]
            if due is not None:
                if resolved_here:
                    u["f21"] += 1
                    adjusted = terminal - dt.timedelta(days=d["supplement_days"])
                    u["ok21"] += d["supplement_count"] < 2 and adjusted <= due
                    u["early" if terminal < due else "on" if terminal == due else "late"] += 1
                elif not (terminal is not None and terminal < nxt):
                    u["f21"] += 1
                    u["ok21"] += due >= nxt
        out766 = []
        totals = []
        for code in sorted(units, key=lambda s: s.encode()):
            u = units[code]
            pairs = {"2.1": (u["ok21"], u["f21"]), "3": (u["full"], u["eligible"]), "3.3": (u["online"], u["rec"]), "3.6": (u["fee_paid"], u["fee"]),
                     "4.1": (u["paper_e"], u["paper"]), "4.2": (u["digit"], u["rec"]), "4.3": (u["reuse"], u["rec"])}
            score_sum, max_sum, lines = Fraction(0), Fraction(0), []
            for c, _, _ in CRITERIA:
                m, t = maxima[c], targets[c]
                if c == "5.4":
                    if u["rec"] == 0:
                        lines.append([c, "", "", "", half_up(m), ""])
                        continue
                    decided = u["early"] + u["on"] + u["late"]
                    r = Fraction(1) - (Fraction(u["late"], decided) if decided else 0) - Fraction(u["complaint"], u["rec"])
                    r = max(Fraction(0), r)
                    ratio, num_cell, den_cell = half_up(100 * r), "", ""
                else:
                    num, den = pairs[c]
                    if den == 0:
                        lines.append([c, str(num), str(den), "", half_up(m), ""])
                        continue
                    r = Fraction(num, den)
                    ratio, num_cell, den_cell = pct(num, den), str(num), str(den)
                if m == 0:
                    lines.append([c, num_cell, den_cell, ratio, half_up(m), ""])
                    continue
                score = min(m, r * m * 100 / (t if t else 100))
                written = half_up(score)
                score_sum += Fraction(Decimal(written))
                max_sum += m
                lines.append([c, num_cell, den_cell, ratio, half_up(m), written])
            out766.append((code, lines, score_sum, max_sum))
            totals.append(score_sum)
        groups = [group_of(code) for code, _, _, _ in out766]
        rk = ranks(totals, groups)
        rows = []
        for (code, lines, score_sum, max_sum), r, g in zip(out766, rk, groups):
            for line in lines:
                rows.append([label, code, names.get(code, "")] + line + ["", g])
            rows.append([label, code, names.get(code, ""), "total", "", "", "", half_up(max_sum), half_up(score_sum), str(r), g])
        return rows

    rows = decision766(str(year), dt.date(year, 1, 1), dt.date(year + 1, 1, 1))
    received = [b.vn_date(d["received"]) for d in store["dossiers"].values() if d["status"] != "not_accepted"]
    latest = max(received) if received else dt.date(year - 1, 12, 31)
    for month in range(1, 13):
        first = dt.date(year, month, 1)
        if first > latest:
            break
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        rows += decision766(f"{year}-{month:02d}", first, nxt)
    text = {1, 2, 3}
    b.write_csv(os.path.join(out, "index766_by_unit.csv"),
                ["period", "unit_code", "unit_name", "criterion", "numerator", "denominator", "ratio", "max_points", "score", "rank",
                 "group"],
                rows, numeric={0, 4, 5, 6, 7, 8, 9})

    # SIPAS.
    questions = {}
    for r in rows_of(a.questions):
        questions[pick(r, "Mã câu hỏi", "question_code")] = (int(pick(r, "Yếu tố", "element")), b.key(pick(r, "Loại câu hỏi", "kind")))
    answers = {}
    for r in rows_of(a.survey):
        if int(pick(r, "Năm", "year")) != year:
            continue
        k = (pick(r, "Mã đơn vị", "unit_code"), pick(r, "Mã phiếu", "respondent_id"), pick(r, "Mã câu hỏi", "question_code"))
        answers[k] = pick(r, "Trả lời", "answer")
    z = float(settings.get("sipas", {}).get("z", 1.959964))
    elements, expect = {}, {}
    for (unit, _, q), ans in answers.items():
        if not ans or q not in questions:
            continue
        el, kind = questions[q]
        high = int(ans) >= 4
        if kind == "satisfaction":
            n, s = elements.setdefault(unit, {}).get(el, (0, 0))
            elements[unit][el] = (n + 1, s + high)
        elif kind == "expectation":
            n, s = expect.setdefault(unit, {}).get(q, (0, 0))
            expect[unit][q] = (n + 1, s + high)

    def wilson(s, n):
        p_ = s / n
        den = 1 + z * z / n
        c = (p_ + z * z / (2 * n)) / den
        h = z * math.sqrt(p_ * (1 - p_) / n + z * z / (4 * n * n)) / den
        f = lambda x: int(math.floor(max(0.0, min(1.0, x)) * 10000 + 0.5))
        return "%d.%02d" % divmod(f(c - h), 100), "%d.%02d" % divmod(f(c + h), 100)

    rows = []
    sipas_units = sorted(set(elements) | set(expect), key=lambda s: s.encode())
    overall = {}
    for unit in sipas_units:
        fr = [Fraction(s, n) for n, s in elements.get(unit, {}).values() if n]
        overall[unit] = half_up(100 * sum(fr) / 5) if len(fr) == 5 else ""
    ranked = [u for u in sipas_units if overall[u]]
    sipas_rank = dict(zip(ranked, ranks([Fraction(Decimal(overall[u])) for u in ranked], [group_of(u) for u in ranked])))
    for unit in sipas_units:
        tn, ts = 0, 0
        g = group_of(unit)
        for el in range(1, 6):
            n, s = elements.get(unit, {}).get(el, (0, 0))
            tn, ts = tn + n, ts + s
            lo, hi = wilson(s, n) if n else ("", "")
            rows.append([str(year), unit, names.get(unit, ""), str(el), str(n), str(s), pct(s, n), lo, hi, "", g])
        rows.append([str(year), unit, names.get(unit, ""), "overall", str(tn), str(ts), overall[unit], "", "",
                     str(sipas_rank[unit]) if unit in sipas_rank else "", g])
    b.write_csv(os.path.join(out, "sipas_by_unit.csv"),
                ["year", "unit_code", "unit_name", "element", "answers", "satisfied", "index", "ci_low", "ci_high", "rank",
                 "group"], rows,
                numeric={0, 4, 5, 6, 7, 8, 9})
    rows = []
    for unit in sorted(expect, key=lambda s: s.encode()):
        for q in sorted(expect[unit], key=lambda s: s.encode()):
            n, s = expect[unit][q]
            rows.append([str(year), unit, names.get(unit, ""), str(questions[q][0]), q, str(n), str(s), pct(s, n)])
    b.write_csv(os.path.join(out, "sipas_expectations.csv"),
                ["year", "unit_code", "unit_name", "element", "question_code", "answers", "high", "share"], rows,
                numeric={0, 5, 6, 7})

    # PAR INDEX.
    par = {}
    for r in rows_of(a.par):
        y = int(pick(r, "Năm", "year"))
        k = (y, pick(r, "Mã đơn vị", "unit_code"), int(pick(r, "Lĩnh vực", "field")), pick(r, "Tiêu chí", "criterion"))
        num = lambda t: Fraction(Decimal(t.replace(",", "."))) if t else Fraction(0)
        par[k] = (num(pick(r, "Điểm tối đa", "max_points")),
                  num(pick(r, "Điểm thẩm định", "appraised_points")) + num(pick(r, "Điểm điều tra XHH", "survey_points")))
    def fields_of(y):
        result = {}
        for (yy, unit, field, _), (mx, pts) in par.items():
            if yy == y:
                f = result.setdefault(unit, {}).setdefault(field, [Fraction(0), Fraction(0)])
                f[0] += pts
                f[1] += mx
        return result
    current, previous = fields_of(year), fields_of(year - 1)
    classes = sorted(((n, Fraction(str(v))) for n, v in settings.get("par_classes", {"A": 90, "B": 80, "C": 70, "D": 0}).items()),
                     key=lambda t: -t[1])
    def index(fields):
        pts = sum(f[0] for f in fields.values()); mx = sum(f[1] for f in fields.values())
        return None if mx == 0 or pts < 0 else half_up(100 * pts / mx)
    units_sorted = sorted(current, key=lambda s: s.encode())
    idx = [index(current[u]) for u in units_sorted]
    rk = ranks([Fraction(Decimal(i)) if i else Fraction(-1) for i in idx], [group_of(u) for u in units_sorted])
    rows = []
    for unit, i, r in zip(units_sorted, idx, rk):
        fields = current[unit]
        g = group_of(unit)
        for field in sorted(fields):
            pts, mx = fields[field]
            rows.append([str(year), unit, names.get(unit, ""), str(field), half_up(pts), half_up(mx),
                         "" if mx == 0 or pts < 0 else half_up(100 * pts / mx), "", "", "", "", g])
        pts = sum(f[0] for f in fields.values()); mx = sum(f[1] for f in fields.values())
        grade = ""
        if i:
            grade = next((n for n, v in classes[:-1] if Fraction(Decimal(i)) >= v), classes[-1][0])
        change = ""
        if i and unit in previous and index(previous[unit]):
            change = half_up(Fraction(Decimal(i)) - Fraction(Decimal(index(previous[unit]))))
        rows.append([str(year), unit, names.get(unit, ""), "total", half_up(pts), half_up(mx), "", i or "",
                     str(r) if i else "", grade, change, g])
    b.write_csv(os.path.join(out, "par_index.csv"),
                ["year", "unit_code", "unit_name", "field", "points", "max_points", "sub_index", "index", "rank", "class", "change_pp",
                 "group"],
                rows, numeric={0, 4, 5, 6, 7, 8, 10})

    # Delegation coverage.
    procs = list(catalogue.values())
    decision = lambda r: bool(pick(r, "Quyết định phân cấp", "delegation_decision"))
    measures = [
        ("plan_coverage", sum(yes(pick(r, "Có phương án phân cấp", "delegation_plan")) for r in procs), len(procs)),
        ("decision_rate", sum(yes(pick(r, "Cần quyết định phân cấp", "decision_required")) and decision(r) for r in procs),
         sum(yes(pick(r, "Cần quyết định phân cấp", "decision_required")) for r in procs)),
        ("internal_process_rate", sum(decision(r) and yes(pick(r, "Quy trình nội bộ", "internal_process")) for r in procs),
         sum(decision(r) for r in procs)),
    ]
    dates = [pick(r, "Ngày cập nhật", "as_of") for r in procs if pick(r, "Ngày cập nhật", "as_of")]
    as_of = max(dates) if dates else ""
    published = settings.get("published", {})
    rows = []
    for measure, num, den in measures:
        written = published.get(measure, "")
        agrees = ""
        if written:
            places = len(written.split(".")[1]) if "." in written else 0
            agrees = "yes" if den and Decimal(half_up(Fraction(100 * num, den), places)) == Decimal(written) else "no"
        rows.append([as_of, measure, str(num), str(den), pct(num, den), written, agrees])
    b.write_csv(os.path.join(out, "delegation_coverage.csv"),
                ["as_of", "measure", "numerator", "denominator", "rate", "published_rate", "agrees"], rows, numeric={2, 3, 4})


if __name__ == "__main__":
    main()
