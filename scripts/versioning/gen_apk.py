#!/usr/bin/env python3
"""Ordering fixtures for the `apk` scheme.

apk-tools is not packaged for Debian, so `apk version -t` cannot run here. Instead:

- upstream.tsv / upstream-invalid.txt: apk-tools' own test vectors, `test/unit/version.data`
  (kept verbatim in upstream/apk-tools-version.data; apk-tools is GPL-2.0, the vectors are data).
  Lines `a < b`, `a > b`, `a = b` become pairs; `!v` lines and versions that apk_version_validate
  rejects become invalid versions; fuzzy (`~`) lines are not about ordering and are left out.
- secdb.tsv: real Alpine versions (secdb 3.8-3.11, Alpine OSV records, installed databases) ordered
  by `ApkVersion` below, a second, independent transcription of apk-tools' src/version.c
  (token_first/token_next/token_cmp/apk_version_compare of apk-tools 2.14/3.x) written in Python
  for this script only. Before writing anything the script checks that this transcription
  reproduces every vector of version.data, and it only orders versions built from constructs those
  vectors exercise (numbers, leading zeros, a letter, _suffix[N], ~hash, -rN).
Run: python3 scripts/versioning/gen_apk.py
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real_versions as rv  # noqa: E402

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "upstream", "apk-tools-version.data")

# token kinds, in apk-tools' order
INITIAL_DIGIT, DIGIT, LETTER, SUFFIX, SUFFIX_NO, COMMIT_HASH, REVISION_NO, END, INVALID = range(9)
SUFFIXES = {"alpha": 1, "beta": 2, "pre": 3, "rc": 4, "cvs": 6, "svn": 7, "git": 8, "hg": 9, "p": 10}
NONE_SUFFIX = 5
HEX = set("0123456789abcdef")


def tokens(v: str):
    """Yield (kind, text, number, suffix) like apk-tools' token_first/token_next; ends with END or INVALID."""
    i, n = 0, len(v)

    def digits(j):
        k = j
        while k < n and v[k].isdigit() and v[k].isascii():
            k += 1
        return k

    j = digits(0)
    if j == 0:
        yield (INVALID, "", 0, 0)
        return
    kind = INITIAL_DIGIT
    yield (kind, v[:j], int(v[:j]), 0)
    i = j
    while True:
        if i >= n:
            yield (END, "", 0, 0)
            return
        c = v[i]
        if "a" <= c <= "z":
            if kind > DIGIT:
                break
            kind = LETTER
            yield (kind, c, 0, 0)
            i += 1
        elif c == "." or c.isdigit() and c.isascii():
            if c == ".":
                if kind > DIGIT:
                    break
                i += 1
            if kind in (INITIAL_DIGIT, DIGIT):
                kind = DIGIT
            elif kind == SUFFIX:
                kind = SUFFIX_NO
            else:
                break
            j = digits(i)
            if j == i:
                break
            yield (kind, v[i:j], int(v[i:j]), 0)
            i = j
        elif c == "_":
            if kind > SUFFIX_NO:
                break
            j = i + 1
            while j < n and "a" <= v[j] <= "z":
                j += 1
            name = v[i + 1 : j]
            if name not in SUFFIXES:
                break
            kind = SUFFIX
            yield (kind, name, 0, SUFFIXES[name])
            i = j
        elif c == "~":
            if kind >= COMMIT_HASH:
                break
            j = i + 1
            while j < n and v[j] in HEX:
                j += 1
            if j == i + 1:
                break
            kind = COMMIT_HASH
            yield (kind, v[i + 1 : j], 0, 0)
            i = j
        elif c == "-":
            if kind >= REVISION_NO or not v.startswith("-r", i):
                break
            kind = REVISION_NO
            j = digits(i + 2)
            if j == i + 2:
                break
            yield (kind, v[i + 2 : j], int(v[i + 2 : j]), 0)
            i = j
        else:
            break
    yield (INVALID, "", 0, 0)


def valid(v: str) -> bool:
    return list(tokens(v))[-1][0] == END


def blob_sort(a: str, b: str) -> int:
    return (a > b) - (a < b)  # memcmp over ASCII, then length: Python's str order


def compare(a: str, b: str) -> int:
    ta, tb = list(tokens(a)), list(tokens(b))
    k = 0
    while True:
        x, y = ta[k], tb[k]
        if x[0] != y[0] or x[0] >= END:
            break
        kind = x[0]
        if kind == DIGIT and (x[1][0] == "0" or y[1][0] == "0"):
            r = blob_sort(x[1], y[1])
        elif kind in (INITIAL_DIGIT, DIGIT, SUFFIX_NO, REVISION_NO):
            r = (x[2] > y[2]) - (x[2] < y[2])
        elif kind == LETTER:
            r = blob_sort(x[1], y[1])
        elif kind == SUFFIX:
            r = (x[3] > y[3]) - (x[3] < y[3])
        else:
            r = blob_sort(x[1], y[1])
        if r:
            return r
        k += 1
    if x[0] == y[0]:
        return 0
    if x[0] == SUFFIX and x[3] < NONE_SUFFIX:
        return -1
    if y[0] == SUFFIX and y[3] < NONE_SUFFIX:
        return 1
    if x[0] > y[0]:
        return -1
    if y[0] > x[0]:
        return 1
    return 0


def read_vectors():
    pairs, good, bad = [], [], []
    with open(DATA) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split()
            if len(parts) == 3 and parts[1] in ("<", ">", "="):
                pairs.append((parts[0], parts[2], {"<": -1, ">": 1, "=": 0}[parts[1]]))
            elif len(parts) == 3:
                continue  # fuzzy (~, <~, >~, !~) matching: not ordering
            elif line.startswith("!"):
                bad.append(line[1:])
            else:
                good.append(line)
    return pairs, good, bad


def main() -> None:
    pairs, good, bad = read_vectors()
    for v in good:
        assert valid(v), f"transcription rejects upstream-valid {v!r}"
    for v in bad:
        assert not valid(v), f"transcription accepts upstream-invalid {v!r}"
    rows, invalid = [], set(bad)
    for a, b, r in pairs:
        got = compare(a, b)
        assert got == r, f"transcription says {a} {got} {b}, version.data says {r}"
        if valid(a) and valid(b):
            rows.append((a, b, r))
        else:
            invalid.update(v for v in (a, b) if not valid(v))
    out_dir = os.path.join(rv.REPO, "src", "versioning", "apk", "fixtures")
    src = "apk-tools test/unit/version.data (upstream vectors; verbatim copy in scripts/versioning/upstream/)"
    rv.write_tsv(os.path.join(out_dir, "upstream.tsv"), rows,
                 [f"converted by scripts/versioning/gen_apk.py from {src}", f"{len(rows)} pairs (pairs with a version apk rejects are in upstream-invalid.txt)"])
    tmp = os.path.join(out_dir, "upstream-invalid.txt.tmp")
    with open(tmp, "w") as f:
        f.write(f"# versions apk_version_validate rejects, from {src}\n")
        for v in sorted(invalid):
            if v:  # the empty version is rejected too; tests check it on their own
                f.write(v + "\n")
    os.replace(tmp, os.path.join(out_dir, "upstream-invalid.txt"))

    groups = {k: [v for v in vs if valid(v)] for k, vs in rv.load("apk").items()}
    sample = rv.sample_pairs(groups, 5000, seed=25)
    rows2 = [(a, b, compare(a, b)) for a, b in sample]
    rv.write_tsv(os.path.join(out_dir, "secdb.tsv"), rows2,
                 ["generated by scripts/versioning/gen_apk.py: real Alpine versions (secdb 3.8-3.11, Alpine OSV, installed dbs)",
                  "ordered by the script's own transcription of apk-tools src/version.c, checked first against every version.data vector",
                  f"{len(rows2)} pairs"])
    tmp = os.path.join(out_dir, "secdb-invalid.txt.tmp")
    with open(tmp, "w") as f:
        f.write("# real Alpine versions (secdb, OSV, installed dbs) that apk_version_validate rejects (per the transcription)\n")
        for v in sorted({v for vs in rv.load("apk").values() for v in vs if not valid(v)}):
            f.write(v + "\n")
    os.replace(tmp, os.path.join(out_dir, "secdb-invalid.txt"))
    print(len(rows), "upstream pairs,", len(invalid), "invalid,", len(rows2), "secdb pairs")


if __name__ == "__main__":
    main()
