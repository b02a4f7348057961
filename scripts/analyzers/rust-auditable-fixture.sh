#!/usr/bin/env bash
# Builds src/analyzers/rust/__fixtures__/hello-auditable: a real Rust hello-world (cargo, release,
# stripped) carrying a `.dep-v0` section in the format cargo-auditable writes (zlib-compressed
# JSON, https://github.com/rust-secure-code/cargo-auditable/blob/master/cargo-auditable.schema.json).
# cargo-auditable itself is not installed here and crates.io is out of reach, so the audit data is
# written by this script and added with objcopy, exactly where cargo-auditable's linker step puts it.
# The JSON is also saved beside the binary (hello-auditable.dep-v0.json) for reference.
#   bash scripts/analyzers/rust-auditable-fixture.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
out=$repo/src/analyzers/rust/__fixtures__
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

mkdir -p "$work/hello/src"
cat >"$work/hello/Cargo.toml" <<'EOF'
[package]
name = "hello-auditable"
version = "0.1.0"
edition = "2021"

[profile.release]
opt-level = "z"
strip = true
panic = "abort"
lto = true
codegen-units = 1
EOF
printf 'fn main() {\n    println!("hello");\n}\n' >"$work/hello/src/main.rs"
(cd "$work/hello" && cargo build --release --offline --quiet)

# The dependency tree of a small regex-using app (versions as in pkgdb/rust/cargo-v3), with a
# build-only dependency (cc, for a build script), a proc-macro recorded as build (format 1), a git
# dependency, and a local workspace member. Written compactly, in package order, like serde_json.
python3 - "$work/deps.json" "$work/deps.zlib" <<'PY'
import json, sys, zlib
packages = [
    {"name": "aho-corasick", "version": "0.7.20", "source": "crates.io", "dependencies": [4]},
    {"name": "cc", "version": "1.0.79", "source": "crates.io", "kind": "build"},
    {"name": "hello-auditable", "version": "0.1.0", "source": "local", "dependencies": [1, 3, 5, 6, 8], "root": True},
    {"name": "hello-macros", "version": "0.1.0", "source": "local", "kind": "build", "dependencies": [7]},
    {"name": "memchr", "version": "2.5.0", "source": "crates.io"},
    {"name": "regex", "version": "1.7.3", "source": "crates.io", "kind": "runtime", "dependencies": [0, 4, 9]},
    {"name": "rgb-util", "version": "0.3.0-alpha.2", "source": "git"},
    {"name": "syn", "version": "2.0.15", "source": "crates.io", "kind": "build"},
    {"name": "tiny-registry-crate", "version": "1.0.0", "source": "registry"},
    {"name": "regex-syntax", "version": "0.6.29", "source": "crates.io"},
]
data = json.dumps({"packages": packages, "format": 1}, separators=(",", ":")).encode()
open(sys.argv[1], "wb").write(data)
open(sys.argv[2], "wb").write(zlib.compress(data, 9))
PY

objcopy --add-section .dep-v0="$work/deps.zlib" --set-section-flags .dep-v0=noload,readonly \
  "$work/hello/target/release/hello-auditable" "$out/hello-auditable"
python3 -m json.tool "$work/deps.json" >"$out/hello-auditable.dep-v0.json"
# Check with binutils that the section reads back as the JSON.
objcopy --dump-section .dep-v0="$work/check.zlib" "$out/hello-auditable" "$work/scratch"
python3 -c 'import sys, zlib; assert zlib.decompress(open(sys.argv[1], "rb").read()) == open(sys.argv[2], "rb").read()' \
  "$work/check.zlib" "$work/deps.json"
ls -l "$out"
