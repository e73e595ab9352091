#!/usr/bin/env python3
"""Peers of the benchmark: the same per-unit Biểu 06 counts for one month, computed by DuckDB,
polars or the sqlite3 CLI straight from the export(s) (VNPT-style headers, dd/MM/yyyy dates).

usage: peers.py ENGINE MONTH OUT.csv FILE...   (ENGINE: duckdb | polars | sqlite3)
Prints the elapsed seconds; writes unit_code and the 15 count columns, sorted by unit_code.
"""
import csv
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time

COLUMNS = ["new_online", "new_direct_postal", "carried_in", "total", "resolved", "early", "on_time", "late",
           "resolved_no_due", "late_with_apology", "withdrawn_rejected", "pending", "pending_within",
           "pending_overdue", "pending_no_due"]
RESOLVED = ("Đã xử lý xong", "Đã trả kết quả")
ENDED = ("Công dân yêu cầu rút hồ sơ", "Từ chối", "Dừng xử lý")


def counts_sql(table, s, e, date):
    """The counts over a table of typed rows (unit, online, cls, r, due, term, apology), in SQL."""
    S, E = f"{date}('{s}')", f"{date}('{e}')"
    form = f"r < {E} AND (term IS NULL OR term >= {S})"
    pend = f"(term IS NULL OR term >= {E})"
    res = f"cls = 'resolved' AND term < {E}"
    def c(cond):
        return f"SUM(CASE WHEN {cond} THEN 1 ELSE 0 END)"
    cols = [c(f"r >= {S} AND online"), c(f"r >= {S} AND NOT online"), c(f"r < {S}"), c("1=1"), c(res),
            c(f"{res} AND term < due"), c(f"{res} AND term = due"), c(f"{res} AND term > due"),
            c(f"{res} AND due IS NULL"), c(f"{res} AND term > due AND apology"), c(f"cls = 'ended' AND term < {E}"),
            c(pend), c(f"{pend} AND due >= {E}"), c(f"{pend} AND due < {E}"), c(f"{pend} AND due IS NULL")]
    return f"SELECT unit, {', '.join(cols)} FROM {table} WHERE cls <> 'na' AND {form} GROUP BY unit ORDER BY unit"


def classify_sql(status, done):
    return (f"CASE WHEN {status} IN {RESOLVED} THEN 'resolved' WHEN {status} IN {ENDED} THEN 'ended' "
            f"WHEN {status} = 'Không được tiếp nhận' THEN 'na' "
            f"WHEN ({status} IS NULL OR {status} = '') AND {done} IS NOT NULL THEN 'resolved' ELSE 'pending' END")


def duckdb_counts(files, s, e):
    import duckdb
    con = duckdb.connect()
    con.execute("SET threads TO 2")
    listing = ", ".join(f"'{f}'" for f in files)
    con.execute(f"""
        CREATE TEMP VIEW raw AS SELECT * FROM read_csv([{listing}], all_varchar = true, header = true);
        CREATE TEMP VIEW typed AS SELECT "Mã đơn vị" AS unit, "Hình thức nộp" = 'Trực tuyến' AS online,
            CAST(strptime("Ngày tiếp nhận", '%d/%m/%Y %H:%M:%S') AS DATE) AS r,
            CAST(strptime(NULLIF("Ngày hẹn trả", ''), '%d/%m/%Y') AS DATE) AS due,
            CAST(COALESCE(strptime(NULLIF("Ngày có kết quả", ''), '%d/%m/%Y %H:%M:%S'),
                          strptime(NULLIF("Ngày trả kết quả", ''), '%d/%m/%Y %H:%M:%S')) AS DATE) AS done,
            "Trạng thái" AS status, "Thư xin lỗi" = 'Có' AS apology FROM raw;
        CREATE TEMP VIEW k AS SELECT unit, online, r, due, apology, {classify_sql('status', 'done')} AS cls,
            CASE WHEN {classify_sql('status', 'done')} IN ('resolved', 'ended') THEN done END AS term FROM typed;
    """)
    return con.execute(counts_sql("k", s, e, "DATE")).fetchall()


def polars_counts(files, s, e):
    import polars as pl
    frame = pl.concat([pl.scan_csv(f, infer_schema=False) for f in files])
    d = lambda c, fmt: pl.col(c).str.strptime(pl.Date, fmt, strict=False)
    t = frame.select(
        pl.col("Mã đơn vị").alias("unit"), (pl.col("Hình thức nộp") == "Trực tuyến").alias("online"),
        d("Ngày tiếp nhận", "%d/%m/%Y %H:%M:%S").alias("r"), d("Ngày hẹn trả", "%d/%m/%Y").alias("due"),
        pl.coalesce(d("Ngày có kết quả", "%d/%m/%Y %H:%M:%S"), d("Ngày trả kết quả", "%d/%m/%Y %H:%M:%S")).alias("done"),
        pl.col("Trạng thái").fill_null("").alias("status"), (pl.col("Thư xin lỗi") == "Có").fill_null(False).alias("apology"))
    cls = (pl.when(pl.col("status").is_in(RESOLVED)).then(pl.lit("resolved"))
           .when(pl.col("status").is_in(ENDED)).then(pl.lit("ended"))
           .when(pl.col("status") == "Không được tiếp nhận").then(pl.lit("na"))
           .when((pl.col("status") == "") & pl.col("done").is_not_null()).then(pl.lit("resolved"))
           .otherwise(pl.lit("pending")))
    t = t.with_columns(cls.alias("cls")).with_columns(
        pl.when(pl.col("cls").is_in(["resolved", "ended"])).then(pl.col("done")).otherwise(None).alias("term"))
    S, E = pl.lit(dt.date.fromisoformat(s)), pl.lit(dt.date.fromisoformat(e))
    t = t.filter((pl.col("cls") != "na") & (pl.col("r") < E) & (pl.col("term").is_null() | (pl.col("term") >= S)))
    pend = pl.col("term").is_null() | (pl.col("term") >= E)
    res = (pl.col("cls") == "resolved") & (pl.col("term") < E)
    conds = [(pl.col("r") >= S) & pl.col("online"), (pl.col("r") >= S) & ~pl.col("online"), pl.col("r") < S, pl.col("r").is_not_null(), res,
             res & (pl.col("term") < pl.col("due")), res & (pl.col("term") == pl.col("due")), res & (pl.col("term") > pl.col("due")),
             res & pl.col("due").is_null(), res & (pl.col("term") > pl.col("due")) & pl.col("apology"),
             (pl.col("cls") == "ended") & (pl.col("term") < E), pend, pend & (pl.col("due") >= E), pend & (pl.col("due") < E),
             pend & pl.col("due").is_null()]
    out = t.group_by("unit").agg([c.fill_null(False).cast(pl.Int64).sum().alias(n) for c, n in zip(conds, COLUMNS)]).sort("unit")
    return [tuple(row) for row in out.collect().iter_rows()]


def sqlite_counts(files, s, e):
    folder = tempfile.mkdtemp()
    db = os.path.join(folder, "peer.sqlite")
    iso = lambda c: f"NULLIF(substr({c}, 7, 4) || '-' || substr({c}, 4, 2) || '-' || substr({c}, 1, 2), '--')"
    script = [".mode csv"] + [f".import '{f}' raw" for f in files] + [
        f"""CREATE TABLE k AS SELECT "Mã đơn vị" AS unit, "Hình thức nộp" = 'Trực tuyến' AS online,
            {iso('"Ngày tiếp nhận"')} AS r, {iso('"Ngày hẹn trả"')} AS due,
            COALESCE({iso('"Ngày có kết quả"')}, {iso('"Ngày trả kết quả"')}) AS done, "Trạng thái" AS status,
            "Thư xin lỗi" = 'Có' AS apology FROM raw;""",
        f"""CREATE TABLE t AS SELECT unit, online, r, due, apology, {classify_sql('status', 'done')} AS cls,
            CASE WHEN {classify_sql('status', 'done')} IN ('resolved', 'ended') THEN done END AS term FROM k;""",
        counts_sql("t", s, e, "date") + ";"]
    result = subprocess.run(["sqlite3", db], input="\n".join(script), capture_output=True, text=True, check=True)
    return [tuple(int(x) if i else x for i, x in enumerate(row)) for row in csv.reader(result.stdout.splitlines())]


def main():
    engine, month, out, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    y, m = map(int, month.split("-"))
    s, e = dt.date(y, m, 1).isoformat(), dt.date(y + (m == 12), m % 12 + 1, 1).isoformat()
    start = time.perf_counter()
    rows = {"duckdb": duckdb_counts, "polars": polars_counts, "sqlite3": sqlite_counts}[engine](files, s, e)
    elapsed = time.perf_counter() - start
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["unit_code"] + COLUMNS)
        for row in rows:
            w.writerow([row[0]] + [int(x) for x in row[1:]])
    print(f"{elapsed:.3f}")


if __name__ == "__main__":
    main()
