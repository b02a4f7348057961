#!/usr/bin/env bash
# Builds the Go executables of src/analyzers/go-binary/__fixtures__ with the real Go toolchain
# (Debian golang-go, go1.19.x; `apt-get install -y golang-go`), offline: the modules come from a
# file-based GOPROXY made here. For each binary, the real `go version -m` output is saved beside it
# as `<name>.go-version-m.txt`; the tests hold the analyzer to it.
#
#   app-amd64            inline build info (Go ≥ 1.18), deps, a module replacement and a local
#                        directory replacement, a pseudo-version; main module (devel)
#   tool-386             `go install example.com/tool@v1.0.0`: 32-bit, main module with a version
#   app-s390x-pointers   64-bit big-endian, rewritten to the pre-1.18 pointer format (see below)
#   app-mips-pointers    32-bit big-endian, rewritten to the pre-1.18 pointer format
#   app-boringcrypto     GOEXPERIMENT=boringcrypto: toolchain version `go1.19.x X:boringcrypto`
#
# The pointer-format rewrite: Go ≥ 1.18 still stores `runtime.buildVersion` and `runtime.modinfo`
# as Go strings in .data; the 32-byte header of .go.buildinfo is patched to point at them (flags
# byte = big-endian, not inline) and the inline copy after the header is zeroed, which is exactly
# how Go 1.13–1.17 linkers laid it out. `go version -m` (debug/buildinfo) reads the result.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
out=$repo/src/analyzers/go-binary/__fixtures__
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
mkdir -p "$out"
rm -f "$out"/app-* "$out"/tool-*

export GOPATH=$work/gopath GOCACHE=$work/cache GOFLAGS=-mod=mod GOPROXY=file://$work/proxy \
  GOSUMDB=off GONOSUMDB='*' GOTOOLCHAIN=local CGO_ENABLED=0 GO111MODULE=on
proxy=$work/proxy

# publish PATH VERSION SRCDIR: put a module version into the file proxy.
publish() {
  local path=$1 version=$2 src=$3 stage=$work/stage
  rm -rf "$stage" && mkdir -p "$stage/$path@$version" "$proxy/$path/@v"
  cp -r "$src"/. "$stage/$path@$version/"
  (cd "$stage" && find . -exec touch -d '2024-01-01 00:00:00Z' {} + && zip -qrX "$proxy/$path/@v/$version.zip" "$path@$version")
  cp "$src/go.mod" "$proxy/$path/@v/$version.mod"
  printf '{"Version":"%s","Time":"2024-01-01T00:00:00Z"}\n' "$version" >"$proxy/$path/@v/$version.info"
  echo "$version" >>"$proxy/$path/@v/list"
}

# source DIR MODULE GO-FILE-BODY...: a one-package module.
source_mod() {
  local dir=$1 module=$2 pkg=$3 body=$4 requires=${5:-}
  mkdir -p "$dir"
  printf 'module %s\n\ngo 1.19\n%s' "$module" "$requires" >"$dir/go.mod"
  printf 'package %s\n\n%s\n' "$pkg" "$body" >"$dir/$pkg.go"
}

src=$work/src
source_mod "$src/letters" example.com/letters letters 'func A() string { return "a" }'
publish example.com/letters v0.0.0-20230102030405-abcdefabcdef "$src/letters"
source_mod "$src/words" example.com/words words \
  'import "example.com/letters"

func Word() string { return letters.A() + "pple" }' \
  $'\nrequire example.com/letters v0.0.0-20230102030405-abcdefabcdef\n'
publish example.com/words v0.4.0 "$src/words"
source_mod "$src/greeting" example.com/greeting greeting 'func Hello() string { return "hello 1.2.0" }'
publish example.com/greeting v1.2.0 "$src/greeting"
# A fork, published under another path; its go.mod keeps the original module path, as forks do.
source_mod "$src/fork" example.com/greeting greeting 'func Hello() string { return "hello from the fork" }'
publish example.org/greeting-fork v1.3.1 "$src/fork"
source_mod "$src/tool" example.com/tool main \
  'import "example.com/words"

func main() { println(words.Word()) }' $'\nrequire example.com/words v0.4.0\n'
publish example.com/tool v1.0.0 "$src/tool"

# The application: a plain dep (with a pseudo-versioned indirect), a module replacement and a
# local directory replacement.
app=$work/app
source_mod "$app/localmod" example.com/local local 'func Name() string { return "local" }'
mkdir -p "$app"
cat >"$app/go.mod" <<'EOF'
module example.com/app

go 1.19

require (
	example.com/greeting v1.2.0
	example.com/local v0.1.0
	example.com/words v0.4.0
)

replace example.com/greeting v1.2.0 => example.org/greeting-fork v1.3.1

replace example.com/local => ./localmod
EOF
cat >"$app/main.go" <<'EOF'
package main

import (
	"example.com/greeting"
	"example.com/local"
	"example.com/words"
)

func main() { println(greeting.Hello(), local.Name(), words.Word()) }
EOF
(cd "$app" && go mod tidy)

build() { (cd "$app" && GOOS=linux GOARCH=$1 go build -trimpath -ldflags="$2" -o "$3" .); }
build amd64 '-s -w' "$out/app-amd64"
build s390x '-w' "$work/app-s390x"
build mips '-w' "$work/app-mips"
(cd "$app" && CGO_ENABLED=1 GOEXPERIMENT=boringcrypto go build -trimpath -ldflags='-s -w' -o "$out/app-boringcrypto" .)
(cd "$work" && GOOS=linux GOARCH=386 go install -trimpath -ldflags='-s -w' example.com/tool@v1.0.0)
cp "$GOPATH/bin/linux_386/tool" "$out/tool-386"

# to_pointer_format IN OUT PTRSIZE: patch .go.buildinfo as described at the top.
to_pointer_format() {
  local in=$1 dst=$2 size=$3
  local bv mi
  bv=$(go tool nm "$in" | awk '$3 == "runtime.buildVersion" { print $1 }')
  mi=$(go tool nm "$in" | awk '$3 == "runtime.modinfo" { print $1 }')
  local off
  off=$(readelf -SW "$in" | sed -n 's/.*\.go\.buildinfo *PROGBITS *[0-9a-f]* \([0-9a-f]*\) .*/\1/p')
  python3 - "$in" "$dst" "$off" "$bv" "$mi" "$size" <<'PY'
import sys
src, dst, off, bv, mi, size = sys.argv[1], sys.argv[2], int(sys.argv[3], 16), int(sys.argv[4], 16), int(sys.argv[5], 16), int(sys.argv[6])
b = bytearray(open(src, 'rb').read())
assert b[off:off + 14] == b'\xff Go buildinf:', 'no build info header'
assert b[off + 14] == size and b[off + 15] == 3, 'expected big-endian inline format'
# Zero the inline strings (uvarint lengths + data) up to the end of the 16-aligned blob.
def uvarint(p):
    v, s = 0, 0
    while True:
        c = b[p]; p += 1; v |= (c & 0x7f) << s; s += 7
        if c < 0x80: return v, p
n1, p = uvarint(off + 32)
n2, p = uvarint(p + n1)
end = p + n2
b[off + 32:end] = bytes(end - off - 32)
b[off + 15] = 1  # big endian, pointer format
b[off + 16:off + 32] = bytes(16)
b[off + 16:off + 16 + size] = bv.to_bytes(size, 'big')
b[off + 16 + size:off + 16 + 2 * size] = mi.to_bytes(size, 'big')
open(dst, 'wb').write(bytes(b))
PY
  chmod 755 "$dst"
}
to_pointer_format "$work/app-s390x" "$out/app-s390x-pointers" 8
to_pointer_format "$work/app-mips" "$out/app-mips-pointers" 4

for f in "$out"/app-* "$out"/tool-*; do
  case $f in *.txt) continue ;; esac
  go version -m "$f" | sed "s#^$out/##" >"$f.go-version-m.txt"
done
ls -l "$out"
