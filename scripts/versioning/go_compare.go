// Reads `a<TAB>b` lines on stdin and prints `a<TAB>b<TAB>-1|0|1`, ordered by the real
// golang.org/x/mod/semver.Compare after mapping each side to a canonical `v` semver the way
// the Go vulnerability tooling does: `go1.21rc2`-style toolchain tags through
// golang.org/x/vuln/internal/semver.GoTagToSemver, other strings by adding a missing `v`.
// A side that does not map to a valid semver is printed as `!<TAB>version`.
// Built by gen_go.py in GOPATH mode against Debian's golang-golang-x-mod-dev and
// golang-golang-x-vuln-dev sources (no module download).
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"golang.org/x/mod/semver"
	vulnsemver "golang.org/x/vuln/internal/semver"
)

func canon(s string) string {
	if strings.HasPrefix(s, "go") {
		return vulnsemver.GoTagToSemver(s)
	}
	if !strings.HasPrefix(s, "v") {
		s = "v" + s
	}
	if !semver.IsValid(s) {
		return ""
	}
	return s
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		p := strings.Split(in.Text(), "\t")
		a, b := canon(p[0]), canon(p[1])
		if a == "" || b == "" {
			if a == "" {
				fmt.Fprintf(out, "!\t%s\n", p[0])
			}
			if b == "" {
				fmt.Fprintf(out, "!\t%s\n", p[1])
			}
			continue
		}
		fmt.Fprintf(out, "%s\t%s\t%d\n", p[0], p[1], semver.Compare(a, b))
	}
}
