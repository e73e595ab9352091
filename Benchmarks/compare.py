#!/usr/bin/env python3
"""Checks that the peers' counts equal ours and prints the figures and ratios of one benchmark run.
usage: compare.py BENCH_DIR MONTH NEXT_MONTH ROWS BYTES NEXT_ROWS"""
import csv
import sys

folder, month, nxt, rows, size, next_rows = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
times = {}
for line in open(f"{folder}/times.txt"):
    label, seconds, mib = line.split()
    times[label] = (float(seconds), int(mib))
COLUMNS = ["new_online", "new_direct_postal", "carried_in", "total", "resolved", "early", "on_time", "late",
           "resolved_no_due", "late_with_apology", "withdrawn_rejected", "pending", "pending_within", "pending_overdue",
           "pending_no_due"]

def ours(m):
    with open(f"{folder}/out/{m}/bieu06_by_unit.csv", encoding="utf-8-sig") as f:
        return [[r["unit_code"]] + [r[c] for c in COLUMNS] for r in csv.DictReader(f)]

def peer(name):
    with open(f"{folder}/{name}.csv") as f:
        return [[r["unit_code"]] + [r[c] for c in COLUMNS] for r in csv.DictReader(f) if int(r["total"]) > 0]

ok = True
for name, m in [("duckdb", month), ("polars", month), ("sqlite3", month), ("duckdb-next", nxt)]:
    same = peer(name) == ours(m)
    ok &= same
    print(f"counts {name:12s} {'equal ours' if same else 'DIFFER from ours'}")
t = lambda k: times[k][0]
pipeline = t("ingest") + t("compute") + t("report")
incremental = t("ingest_next") + t("compute_next") + t("report_next")
mb = size / 1e6
print(f"sha-256          {mb / t('hash_sha'):8.0f} MB/s   with the CPU's SHA instructions, "
      f"{mb / t('hash_portable'):.0f} MB/s in portable Swift")
print(f"csv parse        {mb / t('parse_csv'):8.0f} MB/s   (target ≥ 600)")
print(f"parse+validate   {mb / t('parse_validate'):8.0f} MB/s   {rows / t('parse_validate'):10.0f} rows/s")
print(f"ingest           {t('ingest'):8.2f} s      {rows / t('ingest'):10.0f} rows/s  peak {times['ingest'][1]} MiB  "
      f"(target ≥ 1,000,000 rows/s; ≥ 6× sqlite3 CLI)")
print(f"compute+report   {t('compute') + t('report'):8.2f} s      (target < 1 s over the full store)")
print(f"whole pipeline   {pipeline:8.2f} s      ours/duckdb {pipeline / t('duckdb'):.2f}  ours/polars {pipeline / t('polars'):.2f}  "
      f"ours/sqlite3 {pipeline / t('sqlite3'):.2f}  (target ≤ 2× DuckDB)")
print(f"ingest vs sqlite3 CLI (import + SQL): {t('sqlite3') / t('ingest'):.2f}× faster")
print(f"incremental month {incremental:7.2f} s for {next_rows} rows; DuckDB re-reading all: {t('duckdb_all'):.2f} s; "
      f"ratio {incremental / t('duckdb_all'):.2f} (target < 0.10)")
print(f"peak memory      ours {max(v[1] for k, v in times.items() if not k.startswith(('duckdb', 'polars', 'sqlite3')))} MiB, "
      f"duckdb {times['duckdb'][1]} MiB, polars {times['polars'][1]} MiB, sqlite3 {times['sqlite3'][1]} MiB  (target ≤ 256 MiB)")
sys.exit(0 if ok else 1)
