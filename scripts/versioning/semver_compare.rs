// Reads `a<TAB>b` lines on stdin and prints `a<TAB>b<TAB>-1|0|1` by SemVer 2.0 precedence as the
// real `semver` crate (the one Cargo uses) decides it: Version::parse, build metadata cleared
// (precedence ignores it; the crate's own Ord would break ties on it), then Ord. A string the
// crate rejects is printed as `!<TAB>version`. Built by gen_semver.py against Debian's
// librust-semver-dev sources, offline.
extern crate semver;
use semver::{BuildMetadata, Version};
use std::io::{self, BufRead, Write};

fn parse(s: &str) -> Option<Version> {
    let mut v = Version::parse(s).ok()?;
    v.build = BuildMetadata::EMPTY;
    Some(v)
}

fn main() {
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for line in stdin.lock().lines() {
        let line = line.unwrap();
        let mut p = line.splitn(2, '\t');
        let (a, b) = (p.next().unwrap(), p.next().unwrap());
        match (parse(a), parse(b)) {
            (Some(x), Some(y)) => {
                let c = match x.cmp(&y) {
                    std::cmp::Ordering::Less => -1,
                    std::cmp::Ordering::Equal => 0,
                    std::cmp::Ordering::Greater => 1,
                };
                writeln!(out, "{}\t{}\t{}", a, b, c).unwrap();
            }
            (x, y) => {
                if x.is_none() {
                    writeln!(out, "!\t{}", a).unwrap();
                }
                if y.is_none() {
                    writeln!(out, "!\t{}", b).unwrap();
                }
            }
        }
    }
}
