#!/usr/bin/env python3
"""An independent working-day oracle for the tests: due dates from docs/contract.md §4.

usage: due_date_oracle.py CALENDAR_DIR CASES.csv
CASES.csv has received (YYYY-MM-DD HH:MM, Vietnam time), amount, unit, cutoff (HH:MM or empty);
prints one due date (YYYY-MM-DD) per case. Years with a schedule file CALENDAR_DIR/vn-YYYY.csv use
it; other years use the Labour Code rules, with lunar dates from the vnlunar package (pip install
vnlunar), not from the pipeline.
"""
import csv
import datetime as dt
import os
import sys

import vnlunar

CACHE = {}


def lunar_to_solar(day, month, year):
    d, m, y = vnlunar.convert_lunar_to_solar(day, month, year, 0, 7.0)
    return dt.date(y, m, d)


def recurring(folder):
    """(from, month, day) of the holidays staff added in recurring.csv."""
    path = os.path.join(folder, "recurring.csv")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8-sig") as f:
        return [(dt.date.fromisoformat(r["from"]), int(r["month_day"][:2]), int(r["month_day"][3:]))
                for r in csv.DictReader(f)]


def rules(year, extra=()):
    """Weekdays off by the Labour Code for state agencies (compensation after the weekend)."""
    holidays = [dt.date(year, 1, 1)]
    tet = lunar_to_solar(1, 1, year)
    holidays += [tet - dt.timedelta(days=1)] + [tet + dt.timedelta(days=i) for i in range(4)]
    holidays += [lunar_to_solar(10, 3, year), dt.date(year, 4, 30), dt.date(year, 5, 1), dt.date(year, 9, 2)]
    if year >= 2021:
        second = dt.date(year, 9, 2)
        # Tuesday, Friday, Saturday: the day before; otherwise the day after.
        holidays.append(second - dt.timedelta(days=1) if second.weekday() in (1, 4, 5) else second + dt.timedelta(days=1))
    for start, month, day in extra:
        date = dt.date(year, month, day)
        if date >= start and date not in holidays:
            holidays.append(date)
    holidays.sort()
    taken = set(holidays)
    off = {d for d in holidays if d.weekday() < 5}
    used = set()
    for d in holidays:
        if d.weekday() >= 5:
            c = d + dt.timedelta(days=1)
            while c.weekday() >= 5 or c in taken or c in used:
                c += dt.timedelta(days=1)
            used.add(c)
            off.add(c)
    return off, set()


def year_calendar(folder, year):
    if year not in CACHE:
        path = os.path.join(folder, f"vn-{year}.csv")
        if os.path.exists(path):
            off, worked = set(), set()
            with open(path, encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    day = dt.date.fromisoformat(row["date"])
                    (off if row["kind"] == "holiday" else worked).add(day)
            CACHE[year] = (off, worked)
        else:
            CACHE[year] = rules(year, recurring(folder))
    return CACHE[year]


def working(folder, day):
    off, worked = year_calendar(folder, day.year)
    return day in worked or (day.weekday() < 5 and day not in off)


def next_working(folder, day):
    day += dt.timedelta(days=1)
    while not working(folder, day):
        day += dt.timedelta(days=1)
    return day


def due(folder, received, amount, unit, cutoff):
    start = received.date()
    if cutoff is not None and received.time() >= cutoff:
        start = next_working(folder, start)
    if unit == "hours":
        unit, amount = "working_days", -(-amount // 8)
    if unit == "working_days":
        if amount == 0:
            return start if working(folder, start) else next_working(folder, start)
        day = start
        for _ in range(amount):
            day = next_working(folder, day)
        return day
    if unit == "days":
        day = start + dt.timedelta(days=amount)
    else:  # months
        total = start.year * 12 + start.month - 1 + amount
        y, m = divmod(total, 12)
        m += 1
        last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day
        day = dt.date(y, m, min(start.day, last))
    return day if working(folder, day) else next_working(folder, day)


def main():
    folder, cases = sys.argv[1], sys.argv[2]
    with open(cases, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            received = dt.datetime.strptime(row["received"], "%Y-%m-%d %H:%M")
            cutoff = dt.datetime.strptime(row["cutoff"], "%H:%M").time() if row["cutoff"] else None
            print(due(folder, received, int(row["amount"]), row["unit"], cutoff).isoformat())


if __name__ == "__main__":
    main()
