#!/usr/bin/env bash
# Benchmarks legacy .xls ingest against .xlsx ingest of the same rows: a ROWS-row export (at most
# 65,535: an Excel 97–2003 sheet holds 65,536 rows) written by reform-sample, its .xlsx twin, and
# the .xls LibreOffice's "MS Excel 97" filter saves from that twin; then in the same run ReformIndex
# ingesting each, and xlrd and python-calamine merely reading the .xls sheet.
# usage: [PEERS="xlrd calamine"] Benchmarks/legacy.sh [ROWS]   (default 60000)
# Needs: a release build (made here), soffice, python3 with xlrd and python-calamine, GNU time.
# Inputs are generated once into Benchmarks/data/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release > /dev/null
bin=.build/release
data=Benchmarks/data
mkdir -p "$data"
rows=${1:-60000}
timed() {  # timed LABEL COMMAND... → "LABEL seconds peak_MiB"
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$data/time.txt" "$@" > "$data/last.out"
  read -r seconds kib < "$data/time.txt"
  printf "%-22s %7s s %6d MiB\n" "$label" "$seconds" $((kib / 1024))
}
csv=$data/legacy-$rows.csv
xlsx=$data/legacy-$rows.xlsx
xls=$data/legacy-$rows.xls
[ -f "$csv" ] || "$bin/reform-sample" --rows "$rows" --per-month 30000 --file "$csv" > /dev/null
[ -f "$xlsx" ] || "$bin/reform-sample" --twin "$csv" --file "$xlsx" --layout plain > /dev/null
[ -f "$xls" ] || soffice -env:UserInstallation="file://$PWD/$data/lo-profile" --headless \
  --convert-to "xls:MS Excel 97" --outdir "$data" "$xlsx" > /dev/null 2>&1
echo "== $rows rows: xlsx $(($(stat -c %s "$xlsx") / 1000)) kB, xls $(($(stat -c %s "$xls") / 1000)) kB"
work=$data/legacy-work-$rows
rm -rf "$work"
mkdir -p "$work"
timed ingest_xlsx "$bin/reform-ingest" --db "$work/xlsx.sqlite" --rejects "$work/rejects-xlsx" "$xlsx"
grep -o "read=[0-9]*" "$data/last.out"
timed ingest_xls "$bin/reform-ingest" --db "$work/xls.sqlite" --rejects "$work/rejects-xls" "$xls"
grep -o "read=[0-9]*" "$data/last.out"
for reader in ${PEERS-xlrd calamine}; do
  timed "read_$reader" python3 - "$reader" "$xls" <<'PY'
import sys
reader, path = sys.argv[1], sys.argv[2]
rows = 0
if reader == "calamine":
    from python_calamine import CalamineWorkbook
    for row in CalamineWorkbook.from_path(path).get_sheet_by_index(0).iter_rows():
        rows += 1
else:
    import xlrd
    sheet = xlrd.open_workbook(path).sheet_by_index(0)
    for index in range(sheet.nrows):
        sheet.row_values(index)
        rows += 1
print(rows)
PY
done
