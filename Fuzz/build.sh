#!/usr/bin/env bash
# Builds the libFuzzer targets (clang's libFuzzer and AddressSanitizer through swiftc) into
# .build/fuzz/. Each target compiles the library files it exercises directly, so no SQLite is
# involved. Usage: Fuzz/build.sh; then Fuzz/run.sh SECONDS.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build/fuzz
mkdir -p "$out"
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -package-name ReformIndex)
# The library is one module per layer; a target compiles the files it needs as one module, so the
# imports of the layers' modules are dropped from copies of those files.
src=$out/src
rm -rf "$src"
mkdir -p "$src"
strip() {
  local copies=()
  for file in "$@"; do
    sed -E '/^import Reform[A-Za-z]+$/d' "$file" > "$src/$(basename "$file")"
    copies+=("$src/$(basename "$file")")
  done
  printf '%s\n' "${copies[@]}"
}
S=Sources
mapfile -t csv < <(strip $S/ReformTabular/CSVReader.swift $S/ReformTabular/CSVWriter.swift $S/ReformTabular/ByteSource.swift \
  $S/ReformTabular/InputEncoding.swift $S/ReformSupport/UTF8Validation.swift $S/ReformSupport/InputReadError.swift)
mapfile -t dates < <(strip $S/ReformModel/DateParser.swift $S/ReformSupport/CivilDate.swift)
mapfile -t rows < <(strip $S/ReformIngest/DossierRowParser.swift $S/ReformIngest/DossierColumn.swift \
  $S/ReformModel/DossierValues.swift $S/ReformModel/TextKey.swift $S/ReformIngest/IngestRefusal.swift \
  $S/ReformModel/RejectReason.swift $S/ReformModel/DossierRecord.swift $S/ReformSupport/ByteTable.swift \
  $S/ReformModel/PersonalData.swift $S/ReformSupport/UnicodeText.swift)
rows=("${csv[@]}" "${dates[@]}" "${rows[@]}")
# The workbook readers: ZIP and zlib (the system library, through the CZlib module map), XML,
# sheets, HTML tables and the table finder.
mapfile -t workbook < <(strip $S/ReformTabular/ZipArchive.swift \
  $S/ReformTabular/XMLScanner.swift $S/ReformTabular/XLSXWorkbook.swift $S/ReformTabular/XLSXSheetReader.swift \
  $S/ReformTabular/ExcelNumber.swift $S/ReformTabular/GridRow.swift $S/ReformTabular/SheetTable.swift \
  $S/ReformTabular/HTMLTableReader.swift $S/ReformTabular/WorkbookError.swift $S/ReformTabular/StatedFacts.swift \
  $S/ReformTabular/ReadAheadSource.swift $S/ReformSupport/HandOffQueue.swift $S/ReformSupport/UncheckedBox.swift \
  $S/ReformSupport/CivilDate.swift $S/ReformSupport/PosixCondition.swift)
workbook=("${csv[@]}" "${workbook[@]}")
zlib=(-I Sources/CZlib)
mapfile -t periods < <(strip $S/ReformSupport/ReportingPeriod.swift $S/ReformSupport/CivilDate.swift \
  $S/ReformModel/CountingRules.swift)
mapfile -t reports < <(strip $S/ReformIngest/ReportColumn.swift $S/ReformIngest/UnitNameMatcher.swift \
  $S/ReformModel/TextKey.swift $S/ReformModel/PersonalData.swift $S/ReformSupport/ByteTable.swift \
  $S/ReformSupport/UnicodeText.swift $S/ReformModel/FormCounts.swift $S/ReformModel/Percentage.swift \
  $S/ReformModel/FormColumn.swift $S/ReformModel/Bieu06Column.swift $S/ReformModel/Bieu06Counts.swift \
  $S/ReformModel/FormIdentity.swift)
mapfile -t definitions < <(strip $S/ReformPipeline/StrictJSON.swift $S/ReformSupport/UTF8Validation.swift \
  $S/ReformSupport/JSONNull.swift)
mapfile -t personal < <(strip $S/ReformModel/PersonalData.swift)
guards=("${csv[@]}" "${personal[@]}")
# ld.gold warns about local ASan symbols it cannot export; harmless.
swiftc "${flags[@]}" Fuzz/FuzzCSV.swift "${csv[@]}" -o "$out/fuzz-csv"
swiftc "${flags[@]}" Fuzz/FuzzDates.swift "${dates[@]}" -o "$out/fuzz-dates"
swiftc "${flags[@]}" Fuzz/FuzzRows.swift "${rows[@]}" -o "$out/fuzz-rows"
swiftc "${flags[@]}" Fuzz/FuzzGuards.swift "${guards[@]}" -o "$out/fuzz-guards"
swiftc "${flags[@]}" Fuzz/FuzzPeriods.swift "${periods[@]}" -o "$out/fuzz-periods"
swiftc "${flags[@]}" Fuzz/FuzzReports.swift "${reports[@]}" -o "$out/fuzz-reports"
swiftc "${flags[@]}" Fuzz/FuzzDefinitions.swift "${definitions[@]}" -o "$out/fuzz-definitions"
for target in Zip Inflate Sheet HTML; do
  lower=$(echo "$target" | tr '[:upper:]' '[:lower:]')
  swiftc "${flags[@]}" "${zlib[@]}" Fuzz/Fuzz$target.swift "${workbook[@]}" -o "$out/fuzz-$lower"
done
echo "built $out/fuzz-csv $out/fuzz-dates $out/fuzz-rows $out/fuzz-guards $out/fuzz-periods $out/fuzz-reports" \
  "$out/fuzz-definitions" \
  "$out/fuzz-zip" \
  "$out/fuzz-inflate $out/fuzz-sheet $out/fuzz-html"
