#!/usr/bin/env bash
# Benchmarks the monthly pipeline against DuckDB, polars and the sqlite3 CLI on the same export.
# usage: Benchmarks/run.sh [ROWS ...]   (default 1000000; 400,000 receipts a month)
# Needs: a release build (made here), python3 with duckdb and polars (pip install duckdb polars),
# sqlite3, GNU time. Inputs are generated once into Benchmarks/data/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release > /dev/null
bin=.build/release
data=Benchmarks/data
mkdir -p "$data"
per_month=400000
timed() {  # timed LABEL COMMAND... → prints "LABEL seconds peak_MiB", keeps the command's stdout in $data/last.out
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$data/time.txt" "$@" > "$data/last.out"
  read -r seconds kib < "$data/time.txt"
  printf "%s %s %d\n" "$label" "$seconds" $((kib / 1024))
}
for rows in "${@:-1000000}"; do
  file=$data/export-$rows.csv
  months=$(((rows + per_month - 1) / per_month))
  last=$(python3 -c "y,m=2025,1+$months-1; print(f'{y+(m-1)//12}-{(m-1)%12+1:02d}')")
  next=$(python3 -c "y,m=2025,1+$months; print(f'{y+(m-1)//12}-{(m-1)%12+1:02d}')")
  [ -f "$file" ] || "$bin/reform-sample" --rows "$rows" --per-month $per_month --file "$file" > /dev/null
  incr=$data/export-$rows-next.csv
  [ -f "$incr" ] || "$bin/reform-sample" --rows $per_month --per-month $per_month --from "$next" --seed 7 --file "$incr" > /dev/null
  bytes=$(stat -c %s "$file")
  echo "== $rows rows, $((bytes / 1000000)) MB, month $last (incremental month $next, $per_month rows)"
  db=$data/bench-$rows/reform.sqlite
  rm -rf "$data/bench-$rows"
  mkdir -p "$data/bench-$rows"
  {
    timed hash_sha "$bin/reform" benchmark hash "$file"
    timed hash_portable "$bin/reform" benchmark hash "$file" --portable
    timed parse_csv "$bin/reform" benchmark parse "$file" --csv-only
    timed parse_validate "$bin/reform" benchmark parse "$file"
    timed ingest "$bin/reform-ingest" --db "$db" --rejects "$data/bench-$rows/rejects" "$file"
    timed compute "$bin/reform-compute" --db "$db" --period "$last" --calendars Pipelines/calendars
    timed report "$bin/reform-report" --db "$db" --period "$last" --out "$data/bench-$rows/out"
    timed ingest_next "$bin/reform-ingest" --db "$db" --rejects "$data/bench-$rows/rejects" "$incr"
    timed compute_next "$bin/reform-compute" --db "$db" --period "$next" --calendars Pipelines/calendars
    timed report_next "$bin/reform-report" --db "$db" --period "$next" --out "$data/bench-$rows/out"
    for engine in duckdb polars sqlite3; do
      timed "$engine" python3 Benchmarks/peers.py "$engine" "$last" "$data/bench-$rows/$engine.csv" "$file"
    done
    timed duckdb_all python3 Benchmarks/peers.py duckdb "$next" "$data/bench-$rows/duckdb-next.csv" "$file" "$incr"
  } | tee "$data/bench-$rows/times.txt"
  python3 Benchmarks/compare.py "$data/bench-$rows" "$last" "$next" "$rows" "$bytes" "$per_month"
done
