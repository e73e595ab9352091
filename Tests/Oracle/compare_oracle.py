#!/usr/bin/env python3
"""An independent implementation of docs/contract.md §6 and §7.2 for comparison.csv, for the tests.

usage: compare_oracle.py --out FILE --from YYYY-MM --to YYYY-MM --units current|legacy
                         --list FILE... --merge FILE EXPORT...
Dossier exports are read by the Biểu 06 oracle beside this file; unit lists and the merge map are
read with Python's csv module; intervals and the two-proportion test use 40-digit decimals.
"""
import argparse
import collections
import csv
import datetime as dt
import os
import re
import tempfile
from decimal import Decimal, getcontext, ROUND_FLOOR

import bieu06_oracle as b

getcontext().prec = 40
Z = Decimal("1.959964")


def file_date(path):
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})\.csv$", os.path.basename(path))
    return dt.date(*map(int, match.groups()))


def read(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def month_of(day):
    return f"{day.year:04d}-{day.month:02d}"


def add_months(period, n):
    y, m = map(int, period.split("-"))
    index = y * 12 + m - 1 + n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_bounds(period):
    y, m = map(int, period.split("-"))
    return dt.date(y, m, 1), dt.date(y + (m == 12), m % 12 + 1, 1)


class Units:
    def __init__(self, list_paths, merge_path):
        self.lists = sorted((file_date(p), {r["code"]: r for r in read(p)}) for p in list_paths)
        rows = read(merge_path) if merge_path else []
        # Without a merge map the national reorganisation still separates the two unit systems.
        self.reform = file_date(merge_path) if merge_path else dt.date(2025, 7, 1)
        self.has_map = bool(rows)
        self.by_old = collections.defaultdict(list)
        self.by_new = collections.defaultdict(list)
        for r in rows:
            self.by_old[r["old_code"]].append((r["new_code"], r["merge_type"] == "full"))
            self.by_new[r["new_code"]].append(r["old_code"])

    def after(self, day):
        return day >= self.reform

    def system(self, after):
        return [(d, units) for d, units in self.lists if self.after(d) == after]

    def newest(self, code, after):
        for _, units in reversed(self.system(after)):
            if code in units:
                return units[code]
        return None

    def resolve(self, code, day):
        """(after, code, from_other, unknown) for a code on a receipt day."""
        after = self.after(day)
        if self.newest(code, after) is not None:
            return after, code, False, False
        if self.newest(code, not after) is not None:
            return not after, code, True, False
        return after, code, False, True

    def district(self, code):
        entry = self.newest(code, False)
        if entry and entry["level"] == "commune":
            parent = self.newest(entry["parent_code"], False)
            if parent and parent["level"] == "district":
                return entry["parent_code"]
        return code

    @staticmethod
    def most(values):
        counts = collections.Counter(values)
        best = max(counts.values())
        return sorted((v for v in counts if counts[v] == best), key=lambda s: s.encode())[0]

    def attribute(self, code, day, view, range_end):
        after, code, _, unknown = self.resolve(code, day)
        target_after = view == "current" and self.after(range_end - dt.timedelta(days=1))
        if unknown or (after != target_after and not self.has_map):
            return (after, code), True
        if after and not target_after:
            districts = [self.district(old) for old in self.by_new.get(code, [])]
            if not districts:
                return (True, code), False
            return (False, self.most(districts)), len(set(districts)) == 1
        if not after and target_after:
            if code in self.by_old:
                rows = sorted(self.by_old[code], key=lambda r: r[0].encode())
                return (True, rows[0][0]), len(rows) == 1 and rows[0][1]
            holding = None
            for _, units in reversed(self.system(False)):
                if any(u["parent_code"] == code for u in units.values()):
                    holding = units
                    break
            communes = [c for c, u in (holding or {}).items() if u["parent_code"] == code and u["level"] == "commune"]
            targets = [sorted(self.by_old[c], key=lambda r: r[0].encode()) for c in communes if c in self.by_old]
            if not targets:
                return (False, code), False
            chosen = self.most([t[0][0] for t in targets])
            return (True, chosen), all(len(t) == 1 and t[0][1] and t[0][0] == chosen for t in targets)
        if view == "legacy":
            return (False, self.district(code)), True
        return (after, code), True

    def group(self, unit):
        """The rank group: the unit's level in its system's lists (a department when they lack it)."""
        if not self.lists:
            return ""
        entry = self.newest(unit[1], unit[0])
        if entry is None:
            return "department"
        if entry["level"] == "province":
            return "province" if not entry["parent_code"] else "department"
        return entry["level"]

    def name(self, unit, names):
        entry = self.newest(unit[1], unit[0])
        return entry["name"] if entry else names.get(unit[1], "")


def wilson(s, n):
    p = Decimal(s) / n
    den = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / den
    half = Z * (p * (1 - p) / n + Z * Z / (4 * n * n)).sqrt() / den
    def h(x):
        return int((max(Decimal(0), min(Decimal(1), x)) * 10000 + Decimal("0.5")).to_integral_value(ROUND_FLOOR))
    return h(centre - half), h(centre + half)


def hundredths(num, den):
    return None if den == 0 else int((Decimal(20000 * num) + den) // (2 * den))


def text(h):
    if h is None:
        return ""
    sign = "-" if h < 0 else ""
    return f"{sign}{abs(h) // 100}.{abs(h) % 100:02d}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--from", dest="start", required=True)
    parser.add_argument("--to", dest="end", required=True)
    parser.add_argument("--units", default="current")
    parser.add_argument("--list", action="append", default=[])
    parser.add_argument("--merge")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    store = dict(dossiers={}, seen=set(), unit_names={})
    with tempfile.TemporaryDirectory() as rejects:
        for path in args.files:
            b.ingest(path, store, rejects)
    units = Units(args.list, args.merge)
    months = [args.start]
    while months[-1] != args.end:
        months.append(add_months(months[-1], 1))
    range_end = month_bounds(args.end)[1]
    cache = {}
    def key(d):
        k = (d["unit_code"], b.vn_date(d["received"]))
        if k not in cache:
            cache[k] = units.attribute(k[0], k[1], args.units, range_end)
        return cache[k]
    counts = {}
    for period in set(months) | {add_months(m, -1) for m in months} | {add_months(m, -12) for m in months}:
        first, last, _ = b.period_days(period)
        table = b.bieu06(store, first, last, key)
        merged = {}
        for (unit, exact), r in table.items():
            c = merged.setdefault(unit, dict(total=0, decided=0, on_time=0, estimated=False))
            c["total"] += r["total"]
            c["decided"] += r["early"] + r["on_time"] + r["late"]
            c["on_time"] += r["early"] + r["on_time"]
            c["estimated"] |= not exact and r["total"] > 0
        counts[period] = merged
    rows = []
    for period in months:
        month_rows = []
        for unit in sorted((u for u, c in counts[period].items() if c["total"] > 0), key=lambda u: u[1].encode()):
            c = counts[period][unit]
            prev = counts[add_months(period, -1)].get(unit)
            yoy = counts[add_months(period, -12)].get(unit)
            rate = hundredths(c["on_time"], c["decided"])
            prev_rate = hundredths(prev["on_time"], prev["decided"]) if prev else None
            yoy_rate = hundredths(yoy["on_time"], yoy["decided"]) if yoy else None
            low, high = wilson(c["on_time"], c["decided"]) if c["decided"] else (None, None)
            significant = ""
            if prev and c["decided"] and prev["decided"]:
                n1, x1, n0, x0 = c["decided"], c["on_time"], prev["decided"], prev["on_time"]
                pooled = Decimal(x1 + x0) / (n1 + n0)
                variance = pooled * (1 - pooled) * (Decimal(1) / n1 + Decimal(1) / n0)
                z = Decimal(0) if variance == 0 else (Decimal(x1) / n1 - Decimal(x0) / n0) / variance.sqrt()
                significant = "yes" if abs(z) >= Decimal("1.96") else "no"
            estimate = c["estimated"] or (prev_rate is not None and prev["estimated"]) or (
                yoy_rate is not None and yoy["estimated"])
            month_rows.append(dict(
                cells=[period, unit[1], units.name(unit, store["unit_names"]), str(c["decided"]), str(c["on_time"]),
                       text(rate), text(low), text(high), text(prev_rate),
                       text(rate - prev_rate if rate is not None and prev_rate is not None else None),
                       text(yoy_rate), text(rate - yoy_rate if rate is not None and yoy_rate is not None else None),
                       None, significant, "yes" if estimate else "no", units.group(unit)], low=low))
        lows = [(r["low"], r["cells"][15]) for r in month_rows if r["low"] is not None]
        for r in month_rows:
            group = r["cells"][15]
            r["cells"][12] = "" if r["low"] is None else str(
                1 + sum(1 for v, g in lows if g == group and v > r["low"]))
            rows.append(r["cells"])
    header = ["period", "unit_code", "unit_name", "decided", "on_time", "rate", "ci_low", "ci_high", "prev_rate",
              "change_pp", "yoy_rate", "yoy_change_pp", "rank", "significant", "estimate", "group"]
    b.write_csv(args.out, header, rows, numeric={3, 4, 5, 6, 7, 8, 9, 10, 11, 12})


if __name__ == "__main__":
    main()
