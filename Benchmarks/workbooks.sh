#!/usr/bin/env bash
# Benchmarks workbook ingest: a ROWS-row export written by reform-sample as CSV and as its .xlsx
# twin (plain layout; the titled one adds five rows), then in the same run ReformIndex ingesting
# each, and openpyxl (read-only), pandas.read_excel and python-calamine merely reading the sheet.
# usage: [PEERS="calamine openpyxl pandas"] Benchmarks/workbooks.sh [ROWS]   (default 1000000)
# Needs: a release build (made here), python3 with openpyxl, pandas and python-calamine, GNU time.
# Inputs are generated once into Benchmarks/data/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release > /dev/null
bin=.build/release
data=Benchmarks/data
mkdir -p "$data"
rows=${1:-1000000}
timed() {  # timed LABEL COMMAND... → "LABEL seconds peak_MiB"
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$data/time.txt" "$@" > "$data/last.out"
  read -r seconds kib < "$data/time.txt"
  printf "%-22s %7s s %6d MiB\n" "$label" "$seconds" $((kib / 1024))
}
csv=$data/export-$rows.csv
xlsx=$data/export-$rows.xlsx
[ -f "$csv" ] || "$bin/reform-sample" --rows "$rows" --per-month 400000 --file "$csv" > /dev/null
[ -f "$xlsx" ] || "$bin/reform-sample" --twin "$csv" --file "$xlsx" --layout plain > /dev/null
echo "== $rows rows: CSV $(($(stat -c %s "$csv") / 1000000)) MB, xlsx $(($(stat -c %s "$xlsx") / 1000000)) MB"
work=$data/workbooks-$rows
rm -rf "$work"
mkdir -p "$work"
timed ingest_csv "$bin/reform-ingest" --db "$work/csv.sqlite" --rejects "$work/rejects-csv" "$csv"
timed ingest_xlsx "$bin/reform-ingest" --db "$work/xlsx.sqlite" --rejects "$work/rejects-xlsx" "$xlsx"
grep -o "read=[0-9]*" "$data/last.out"
for reader in ${PEERS-calamine openpyxl pandas}; do
  timed "read_$reader" python3 - "$reader" "$xlsx" <<'PY'
import sys
reader, path = sys.argv[1], sys.argv[2]
rows = 0
if reader == "calamine":
    from python_calamine import CalamineWorkbook
    for row in CalamineWorkbook.from_path(path).get_sheet_by_index(0).iter_rows():
        rows += 1
elif reader == "openpyxl":
    import openpyxl
    workbook = openpyxl.load_workbook(path, read_only=True)
    for row in workbook.worksheets[0].iter_rows(values_only=True):
        rows += 1
else:
    import pandas
    rows = len(pandas.read_excel(path, sheet_name=0, header=None, dtype=str)) 
print(rows)
PY
done
