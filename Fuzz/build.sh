#!/usr/bin/env bash
# Builds the libFuzzer targets (clang's libFuzzer and AddressSanitizer through swiftc) into
# .build/fuzz/. The library's modules are built by SwiftPM itself, instrumented, into their own
# build path (.build/fuzz-spm, so the normal build is untouched); each target is one file that
# imports the modules it exercises (`@testable`, to reach what the layers keep internal) and is
# linked against them. Usage: Fuzz/build.sh; then Fuzz/run.sh SECONDS.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build/fuzz
spm=.build/fuzz-spm
mkdir -p "$out"
# ReformPipeline stands on every library layer below it: building it builds them all.
swift build -c release --build-path "$spm" --target ReformPipeline \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing > "$out/build.log" 2>&1 \
  || { tail -40 "$out/build.log"; exit 1; }
bin=$spm/release
# `package` declarations are visible to the code compiled under the same package name, which
# SwiftPM derives from the package's folder: read it from the build it made.
package=$(python3 -c '
import json, sys
flags = json.dumps(json.load(open(sys.argv[1])))
start = flags.index("\"-package-name\", \"") + len("\"-package-name\", \"")
print(flags[start:flags.index("\"", start)])' "$bin/description.json")
objects=()
for module in SHA256Hardware ReformSupport ReformModel ReformTabular ReformCalendar ReformStore ReformIngest \
  ReformMetrics ReformReport ReformPipeline; do
  objects+=("$bin/$module.build"/*.o)
done
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -package-name "$package" -I "$bin/Modules"
  -I Sources/CZlib -I Sources/CSQLite)
built=()
# ld.gold warns about local ASan symbols it cannot export; harmless.
for target in CSV Dates Rows Guards Periods Reports Definitions Zip Inflate Sheet HTML Published Legacy Home; do
  lower=$(echo "$target" | tr '[:upper:]' '[:lower:]')
  swiftc "${flags[@]}" "Fuzz/Fuzz$target.swift" "${objects[@]}" -lz -lsqlite3 -o "$out/fuzz-$lower" 2>&1 \
    | grep -v "Cannot export local symbol" || true
  [ -x "$out/fuzz-$lower" ] || { echo "fuzz-$lower did not build" >&2; exit 1; }
  built+=("$out/fuzz-$lower")
done
echo "built ${built[*]}"
