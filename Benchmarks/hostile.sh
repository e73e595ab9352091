#!/usr/bin/env bash
# Benchmarks workbook and HTML shapes that cost far more than they hold when read naively, beside
# a plain workbook of as many rows, and openpyxl (read-only) reading the same files in the same
# run. ReformIndex's bound (docs/reference.md, "Workbooks and HTML: time and memory"): time
# linear in the inflated content, memory bounded whatever the shape.
# usage: Benchmarks/hostile.sh            Needs: a release build (made here), python3 with openpyxl,
# GNU time. Inputs are generated into Benchmarks/data/hostile/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release > /dev/null
bin=.build/release
data=Benchmarks/data/hostile
mkdir -p "$data"
timed() {  # timed LABEL COMMAND... → "LABEL seconds peak_MiB status"
  local label=$1; shift
  local status=0
  /usr/bin/time -f "%e %M" -o "$data/time.txt" "$@" > "$data/last.out" 2> "$data/last.err" || status=$?
  # GNU time writes "Command exited with non-zero status N" first when the command fails.
  read -r seconds kib < <(tail -n 1 "$data/time.txt")
  printf "%-28s %7s s %6d MiB  exit %s\n" "$label" "$seconds" $((kib / 1024)) "$status"
}
python3 - "$data" <<'PY'
import os, random, sys, zipfile
folder = sys.argv[1]
random.seed(7)
head = ["Mã hồ sơ", "Mã thủ tục", "Tên thủ tục", "Mã đơn vị", "Ngày tiếp nhận"]
def cells(n, values, extra=""):
    out = f'<row r="{n}">' + "".join(
        f'<c r="{chr(65 + i)}{n}" t="inlineStr"><is><t>{v}</t></is></c>' for i, v in enumerate(values))
    return out + extra + "</row>"
def dossier(n):
    return [f"H-{n}", "P1", "Cấp phép", "001", "02/01/2025"]
def workbook(name, write_sheet, strings=None):
    path = os.path.join(folder, name)
    if os.path.exists(path):
        return
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("xl/workbook.xml", '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                   '<sheet name="Hồ sơ" sheetId="1" r:id="rId1"/></sheets></workbook>')
        rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        rels = f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        if strings:
            rels += f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
        z.writestr("xl/_rels/workbook.xml.rels",
                   f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        ml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        overrides = (f'<Override PartName="/xl/workbook.xml" ContentType="{ml}.sheet.main+xml"/>'
                     f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ml}.worksheet+xml"/>')
        if strings:
            overrides += f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ml}.sharedStrings+xml"/>'
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   + overrides + '</Types>')
        z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        if strings:
            with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as w:
                strings(w)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as w:
            w.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            write_sheet(w)
            w.write(b"</sheetData></worksheet>")
def plain(w):
    w.write(cells(1, head).encode())
    for n in range(2, 200_002):
        w.write(cells(n, dossier(n)).encode())
workbook("plain-200k.xlsx", plain)
def sparse(w):
    xfd = lambda n, t: f'<c r="XFD{n}" t="inlineStr"><is><t>{t}</t></is></c>'
    w.write(cells(1, head, xfd(1, "Ghi chú")).encode())
    for n in range(2, 200_002):
        w.write(cells(n, dossier(n), xfd(n, "x")).encode())
workbook("sparse-xfd-200k.xlsx", sparse)
pattern = bytes(random.choice(b"abcdefghijklmnopqrstuvwxyz---") for _ in range(1 << 14)) * 64
def comments(w):
    w.write(cells(1, head).encode())
    for n in range(2, 8):
        w.write(cells(n, dossier(n)).encode() + b"<!-- ")
        for _ in range(60):
            w.write(pattern)
        w.write(b" -->")
workbook("comments-6x60MiB.xlsx", comments)
si = b"".join(b"<si/>" + random.choice([b"", b" ", b"\n", b"\t"]) for _ in range(3000))[: 1 << 14] * 64
def strings(w):
    w.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
    for _ in range(600):
        w.write(si)
    w.write(b"</sst>")
workbook("strings-100M-empty.xlsx", lambda w: w.write(cells(1, head).encode() + cells(2, dossier(2)).encode()), strings)
spans = os.path.join(folder, "spans-16k-x-40k.xls")
if not os.path.exists(spans):
    with open(spans, "w", encoding="utf-8") as page:
        page.write("<html><body><table><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr><tr>")
        page.write("".join(f"<td>{v}</td>" for v in dossier(1)) + '<td rowspan=1048000 colspan=1000></td>' * 16)
        page.write("</tr>" + "<tr></tr>" * 40_000 + "</table></body></html>")
PY
for file in plain-200k.xlsx sparse-xfd-200k.xlsx comments-6x60MiB.xlsx strings-100M-empty.xlsx spans-16k-x-40k.xls; do
  path=$data/$file
  echo "== $file $(($(stat -c %s "$path") / 1000)) kB"
  rm -rf "$data/db.sqlite" "$data/rejects"
  timed "reform-ingest" "$bin/reform-ingest" --db "$data/db.sqlite" --rejects "$data/rejects" "$path"
  grep -o "accepted=[0-9]*" "$data/last.out" || grep -o "refused: .\{0,70\}" "$data/last.err" || true
  if [[ $file == *.xlsx ]]; then
    timed "openpyxl (read only)" timeout 300 python3 -c "
import openpyxl, sys
rows = sum(1 for _ in openpyxl.load_workbook(sys.argv[1], read_only=True).active.iter_rows(values_only=True))
print(rows)" "$path"
  fi
done
