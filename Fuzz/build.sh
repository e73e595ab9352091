#!/usr/bin/env bash
# Builds the libFuzzer targets (clang's libFuzzer and AddressSanitizer through swiftc) into
# .build/fuzz/. Each target compiles the library files it exercises directly, so no SQLite is
# involved. Usage: Fuzz/build.sh; then Fuzz/run.sh SECONDS.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build/fuzz
mkdir -p "$out"
core=Sources/ReformCore
csv=("$core/CSV/CSVReader.swift" "$core/CSV/CSVWriter.swift" "$core/CSV/InputEncoding.swift"
  "$core/Support/UTF8Validation.swift")
dates=("$core/Ingest/DateParser.swift" "$core/Support/CivilDate.swift")
rows=("${csv[@]}" "${dates[@]}" "$core/Ingest/DossierRowParser.swift" "$core/Ingest/DossierColumn.swift"
  "$core/Ingest/DossierValues.swift" "$core/Ingest/TextKey.swift" "$core/Ingest/IngestRefusal.swift"
  "$core/Ingest/DossierRecord.swift" "$core/Support/ByteTable.swift" "$core/Ingest/PersonalData.swift")
guards=("${csv[@]}" "$core/Ingest/PersonalData.swift")
flags=(-sanitize=fuzzer,address -parse-as-library -O -g)
# ld.gold warns about local ASan symbols it cannot export; harmless.
swiftc "${flags[@]}" Fuzz/FuzzCSV.swift "${csv[@]}" -o "$out/fuzz-csv"
swiftc "${flags[@]}" Fuzz/FuzzDates.swift "${dates[@]}" -o "$out/fuzz-dates"
swiftc "${flags[@]}" Fuzz/FuzzRows.swift "${rows[@]}" -o "$out/fuzz-rows"
swiftc "${flags[@]}" Fuzz/FuzzGuards.swift "${guards[@]}" -o "$out/fuzz-guards"
echo "built $out/fuzz-csv $out/fuzz-dates $out/fuzz-rows $out/fuzz-guards"
