"""Real version strings, grouped by package, from the shared advisory feeds and package databases.

Used by the fixture generators in this folder (never by tests). Every version returned here was
written by a real advisory feed or a real package manager; nothing is invented. The generators
then ask each ecosystem's own tool to order pairs of them.

    load(kind) -> dict[str, list[str]]   # package -> versions, sorted, de-duplicated

kinds: apk deb rpm npm crates go pypi maven rubygems nuget packagist
"""

from __future__ import annotations

import glob
import gzip
import json
import os
import random
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.environ.get("VIGIA_FIXTURES", os.path.join(REPO, "..", "shared", "fixtures"))
OSV = os.path.join(FIXTURES, "advisories", "osv")
PKGDB = os.path.join(FIXTURES, "pkgdb")

# OSV ecosystem base name (before ':') -> our kind
OSV_KIND = {
    "Alpine": "apk",
    "Debian": "deb",
    "Ubuntu": "deb",
    "AlmaLinux": "rpm",
    "npm": "npm",
    "crates.io": "crates",
    "Go": "go",
    "PyPI": "pypi",
    "Maven": "maven",
    "RubyGems": "rubygems",
    "NuGet": "nuget",
    "Packagist": "packagist",
}

_cache: dict[str, dict[str, set[str]]] | None = None


def _add(out: dict[str, dict[str, set[str]]], kind: str, pkg: str, version: str) -> None:
    version = version.strip()
    if version and version != "0":
        out.setdefault(kind, defaultdict(set))[pkg].add(version)


def _osv(out: dict[str, dict[str, set[str]]]) -> None:
    for path in sorted(glob.glob(os.path.join(OSV, "*", "all.zip"))):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                record = json.loads(z.read(name))
                for aff in record.get("affected", []):
                    pkg = aff.get("package")
                    if not pkg:
                        continue
                    kind = OSV_KIND.get(pkg["ecosystem"].split(":")[0])
                    if kind is None:
                        continue
                    for v in aff.get("versions", []):
                        _add(out, kind, pkg["name"], v)
                    for rng in aff.get("ranges", []):
                        if rng["type"] == "GIT":
                            continue
                        for ev in rng["events"]:
                            for v in ev.values():
                                _add(out, kind, pkg["name"], v)


def _alpine_secdb(out: dict[str, dict[str, set[str]]]) -> None:
    for path in sorted(glob.glob(os.path.join(FIXTURES, "advisories", "alpine-secdb", "*", "*.json"))):
        with open(path) as f:
            for entry in json.load(f)["packages"]:
                pkg = entry["pkg"]
                for v in pkg.get("secfixes", {}):
                    _add(out, "apk", pkg["name"], v)


def _stanzas(path: str, name_key: str, version_key: str):
    with open(path, encoding="utf-8", errors="replace") as f:
        fields: dict[str, str] = {}
        for line in f.read().splitlines() + [""]:
            if not line.strip():
                if name_key in fields and version_key in fields:
                    yield fields[name_key], fields[version_key]
                fields = {}
            elif re.match(r"^[A-Za-z-]+:", line) and not line.startswith(" "):
                k, _, v = line.partition(":")
                fields[k] = v.strip()


def _pkgdb(out: dict[str, dict[str, set[str]]]) -> None:
    for path in glob.glob(os.path.join(PKGDB, "dpkg", "**", "status*"), recursive=True):
        files = [path] if os.path.isfile(path) else glob.glob(os.path.join(path, "*"))
        for p in files:
            if p.endswith(".md5sums"):
                continue
            for name, ver in _stanzas(p, "Package", "Version"):
                _add(out, "deb", name, ver)
    for path in glob.glob(os.path.join(PKGDB, "apk", "*", "lib", "apk", "db", "installed")):
        for name, ver in _stanzas(path, "P", "V"):
            _add(out, "apk", name, ver)
    _rpmdb(out)
    for path in glob.glob(os.path.join(PKGDB, "python", "site-packages", "*", "*")):
        if path.endswith(("METADATA", "PKG-INFO")):
            with open(path, encoding="utf-8", errors="replace") as f:
                head = f.read(4000)
            m1, m2 = re.search(r"^Name: (.+)$", head, re.M), re.search(r"^Version: (.+)$", head, re.M)
            if m1 and m2:
                _add(out, "pypi", m1.group(1), m2.group(1))
    for path in glob.glob(os.path.join(PKGDB, "npm", "**", "package-lock.json"), recursive=True):
        with open(path) as f:
            lock = json.load(f)
        for key, p in lock.get("packages", {}).items():
            if key and "version" in p:
                _add(out, "npm", key.split("node_modules/")[-1], p["version"])
        for name, p in lock.get("dependencies", {}).items():
            if isinstance(p, dict) and "version" in p:
                _add(out, "npm", name, p["version"])
    for path in glob.glob(os.path.join(PKGDB, "ruby", "**", "Gemfile.lock"), recursive=True):
        with open(path) as f:
            for m in re.finditer(r"^    ([A-Za-z0-9_.-]+) \(([^)]+)\)$", f.read(), re.M):
                _add(out, "rubygems", m.group(1), m.group(2).split("-")[0] if "-x86" in m.group(2) else m.group(2))
    for path in glob.glob(os.path.join(PKGDB, "ruby", "specifications", "*.gemspec")):
        m = re.match(r"(.+)-([0-9][^-]*)\.gemspec$", os.path.basename(path))
        if m:
            _add(out, "rubygems", m.group(1), m.group(2))
    for path in glob.glob(os.path.join(PKGDB, "php", "**", "*.json"), recursive=True) + glob.glob(
        os.path.join(PKGDB, "php", "**", "composer.lock"), recursive=True
    ):
        with open(path) as f:
            data = json.load(f)
        pkgs = data if isinstance(data, list) else data.get("packages", []) + data.get("packages-dev", [])
        for p in pkgs:
            _add(out, "packagist", p["name"], p["version"])
    for path in glob.glob(os.path.join(PKGDB, "dotnet", "**", "*.json"), recursive=True):
        with open(path) as f:
            text = f.read()
        for m in re.finditer(r'"([A-Za-z0-9_.-]+)/([0-9][^"/]*)"', text):
            _add(out, "nuget", m.group(1), m.group(2))
        for m in re.finditer(r'"resolved": "([^"]+)"', text):
            _add(out, "nuget", "?", m.group(1))
    for path in glob.glob(os.path.join(PKGDB, "rust", "**", "Cargo.lock"), recursive=True):
        with open(path) as f:
            for m in re.finditer(r'name = "([^"]+)"\nversion = "([^"]+)"', f.read()):
                _add(out, "crates", m.group(1), m.group(2))
    for path in glob.glob(os.path.join(PKGDB, "go", "**", "go.*"), recursive=True):
        with open(path) as f:
            for m in re.finditer(r"^\s*(?:require\s+)?([a-z0-9.-]+\.[a-z]+/\S+) (v[^\s/]+)", f.read(), re.M):
                _add(out, "go", m.group(1), m.group(2))
    for path in glob.glob(os.path.join(PKGDB, "java", "**", "gradle.lockfile"), recursive=True):
        with open(path) as f:
            for m in re.finditer(r"^([^:#\s]+):([^:]+):([^=\s]+)=", f.read(), re.M):
                _add(out, "maven", f"{m.group(1)}:{m.group(2)}", m.group(3))


def _rpmdb(out: dict[str, dict[str, set[str]]]) -> None:
    """Installed EVRs read by the real `rpm -qa` from the BerkeleyDB and SQLite databases."""
    if shutil.which("rpm") is None:
        raise SystemExit("rpm is required to read the rpm databases")
    qf = "%{NAME}\\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\n"
    with tempfile.TemporaryDirectory() as tmp:
        dbs = []
        for gz in glob.glob(os.path.join(PKGDB, "rpm", "bdb-*", "var", "lib", "rpm", "Packages.gz")):
            d = os.path.join(tmp, "bdb")
            os.makedirs(d)
            with gzip.open(gz) as src, open(os.path.join(d, "Packages"), "wb") as dst:
                shutil.copyfileobj(src, dst)
            dbs.append((d, ["--define", "_db_backend bdb_ro"]))
        for sq in glob.glob(os.path.join(PKGDB, "rpm", "sqlite-*", "var", "lib", "rpm", "rpmdb.sqlite")):
            d = os.path.join(tmp, os.path.basename(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(sq))))))
            os.makedirs(d)
            shutil.copy(sq, d)
            dbs.append((d, ["--define", "_db_backend sqlite"]))
        for d, extra in dbs:
            res = subprocess.run(
                ["rpm", "--dbpath", d, *extra, "-qa", "--qf", qf], capture_output=True, text=True, check=False
            )
            for line in res.stdout.splitlines():
                name, _, evr = line.partition("\t")
                _add(out, "rpm", name, evr)


def load(kind: str) -> dict[str, list[str]]:
    """package -> sorted versions of one kind."""
    global _cache
    if _cache is None:
        _cache = {}
        _osv(_cache)
        _alpine_secdb(_cache)
        _pkgdb(_cache)
    return {pkg: sorted(vs) for pkg, vs in sorted(_cache.get(kind, {}).items())}


def flat(kind: str) -> list[str]:
    """All distinct versions of one kind, sorted."""
    return sorted({v for vs in load(kind).values() for v in vs})


def sample_pairs(groups: dict[str, list[str]], n: int, seed: int = 4, same_share: float = 0.65) -> list[tuple[str, str]]:
    """About n distinct pairs, deterministic for a seed:
    - a third between close neighbours in plain string order of all versions (long common prefixes:
      `1.0` / `1.0~rc1` / `1.0-1`, where orderings are subtle);
    - `same_share` of the rest from the same package (the comparisons a matcher makes);
    - the rest between random versions of the whole set;
    - plus 50 versions compared with themselves."""
    rnd = random.Random(seed)
    allv = sorted({v for vs in groups.values() for v in vs})
    multi = [vs for vs in groups.values() if len(vs) > 1]
    pairs: set[tuple[str, str]] = set()
    near = [(allv[i], allv[i + d]) for d in (1, 2, 3) for i in range(len(allv) - d)]
    rnd.shuffle(near)
    for a, b in near[: n // 3]:
        pairs.add((a, b) if rnd.random() < 0.5 else (b, a))
    want_same = len(pairs) + int((n - len(pairs)) * same_share)
    tries = 0
    while multi and len(pairs) < want_same and tries < n * 50:
        tries += 1
        vs = rnd.choice(multi)
        a, b = rnd.sample(vs, 2)
        pairs.add((a, b))
    tries = 0
    while len(allv) > 1 and len(pairs) < n - min(50, len(allv)) and tries < n * 50:
        tries += 1
        a, b = rnd.sample(allv, 2)
        pairs.add((a, b))
    for v in rnd.sample(allv, min(50, len(allv))):
        pairs.add((v, v))
    out = sorted(pairs)
    rnd.shuffle(out)
    return out


def write_tsv(path: str, rows: list[tuple[str, str, int]], header: list[str]) -> None:
    """Write `a<TAB>b<TAB>result` lines after `#` header lines, atomically (temp file + rename)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for h in header:
            f.write(f"# {h}\n")
        for a, b, r in rows:
            if "\t" in a or "\t" in b or "\n" in a or "\n" in b:
                raise ValueError(f"version with a tab or newline: {a!r} {b!r}")
            f.write(f"{a}\t{b}\t{r}\n")
    os.replace(tmp, path)


if __name__ == "__main__":
    for k in ["apk", "deb", "rpm", "npm", "crates", "go", "pypi", "maven", "rubygems", "nuget", "packagist"]:
        g = load(k)
        print(k, "packages", len(g), "versions", len(flat(k)))
