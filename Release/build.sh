#!/usr/bin/env bash
# Builds the release bundle a Department's server runs without a Swift toolchain:
#   OUTDIR/reformindex-VERSION-linux-ARCH.tar.gz
#     bin/reform                 one executable, the Swift runtime linked in statically
#     bin/reform-ingest, …       links to it: started under a stage tool's name, it is that tool
#     share/reformindex/         Pipelines/ (definitions, calendars, systemd units), SampleData/
#     share/doc/reformindex/     README, the contract and the other docs, licence notes
# It needs only the system's libc, libstdc++, SQLite and zlib (libsqlite3-0, zlib1g).
# VERSION is the latest tag vX.Y.Z (with git describe's suffix after it), else the commit;
# "-dirty" when the sources differ from the commit.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: Release/build.sh OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)

commit=$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
version=$(git -C "$root" describe --tags --match 'v[0-9]*' 2>/dev/null | sed 's/^v//' || true)
[ -n "$version" ] || version=$commit
if [ "$commit" != unknown ] && [ -n "$(git -C "$root" status --porcelain -- Sources Package.swift 2>/dev/null)" ]; then
  version=$version-dirty
  commit=$commit-dirty
fi
arch=$(uname -m)
name=reformindex-$version-linux-$arch

# The build reads a copy of the sources whose BuildInfo names this version; the copy and the build
# folder persist beside the checkout, so a second build only recompiles what changed.
work=$root/.build-release
mkdir -p "$work/source"
rm -rf "$work/source/Sources" "$work/source/Tests"
# The test target must exist for the manifest to load; it is not built.
cp -a "$root/Package.swift" "$root/Sources" "$root/Tests" "$work/source/"
info=$work/source/Sources/ReformSupport/BuildInfo.swift
sed -i "s/public static let version = \"dev\"/public static let version = \"$version\"/;
        s/public static let commit = \"unknown\"/public static let commit = \"$commit\"/" "$info"
grep -q "\"$version\"" "$info" || { echo "Release/build.sh: cannot set the version in BuildInfo.swift" >&2; exit 1; }
# Unchanged BuildInfo keeps its old time, so the modules above it are not rebuilt.
if [ -f "$work/BuildInfo.swift" ] && cmp -s "$info" "$work/BuildInfo.swift"; then
  touch -r "$work/BuildInfo.swift" "$info"
else
  cp -p "$info" "$work/BuildInfo.swift"
fi

# The linker's note on Foundation's use of mktemp is not ours; everything else is shown.
{
  swift build -c release --static-swift-stdlib --package-path "$work/source" --scratch-path "$work/build" \
    --product reform 2>&1 && echo 0 > "$work/status" || echo $? > "$work/status"
} | { grep -v "the use of \`mktemp' is dangerous" >&2 || true; }
status=$(cat "$work/status")
[ "$status" -eq 0 ] || { echo "Release/build.sh: the build failed (swift build exit $status)" >&2; exit 1; }
binary=$work/build/release/reform

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
top=$stage/$name
mkdir -p "$top/bin" "$top/share/reformindex" "$top/share/doc/reformindex"
strip -o "$top/bin/reform" "$binary"
# Every stage tool `reform help` lists, as a link to the one executable.
for tool in $("$top/bin/reform" help | awk '$1 ~ /^reform-/ {print $1}'); do
  ln -s reform "$top/bin/$tool"
done
cp -a "$root/Pipelines" "$root/SampleData" "$top/share/reformindex/"
cp -a "$root/README.md" "$root/docs" "$root/Release/NOTICE.md" "$top/share/doc/reformindex/"

# The same bytes for the same commit: names sorted, owners and times fixed.
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 0)}
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$stage" -cf - "$name" \
  | gzip -n -9 > "$out/$name.tar.gz.tmp"
mv "$out/$name.tar.gz.tmp" "$out/$name.tar.gz"
echo "$out/$name.tar.gz"
