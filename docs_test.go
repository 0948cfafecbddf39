package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// docPages are the pages a reader is sent to: README.md and docs/*.md,
// except the generated figures page.
func docPages(t *testing.T) []string {
	t.Helper()
	pages, err := filepath.Glob("docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	pages = slices.DeleteFunc(pages, func(p string) bool { return p == figuresPage })
	return append(pages, "README.md")
}

const figuresPage = "docs/figures.md"

// TestAPIDocListsEveryRoute: the route table of docs/api.md and the OpenAPI
// document name the same routes, so neither can drift from the other.
func TestAPIDocListsEveryRoute(t *testing.T) {
	doc, err := os.ReadFile("docs/api.md")
	if err != nil {
		t.Fatal(err)
	}
	var documented []string
	for _, m := range regexp.MustCompile("`GET (/[^`?]*)(\\?[^`]*)?`").FindAllStringSubmatch(string(doc), -1) {
		documented = append(documented, m[1])
	}
	raw, err := os.ReadFile("server/static/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Paths map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	var specified []string
	for path := range spec.Paths {
		specified = append(specified, path)
	}
	// The health check is for hosts, not readers of the OpenAPI document.
	specified = append(specified, "/healthz")
	slices.Sort(documented)
	documented = slices.Compact(documented)
	slices.Sort(specified)
	specified = slices.Compact(specified)
	if !slices.Equal(documented, specified) {
		t.Errorf("docs/api.md routes %v\nopenapi.json paths %v", documented, specified)
	}
}

// figurePattern finds a measured quantity: a number followed by a unit of
// time, size, throughput or ratio.
var figurePattern = regexp.MustCompile(`(\d[\d,]*(?:\.\d+)?)\s?(ms|µs|s|min|MB|MiB|GB|KB|req/s|×)(?:[^\p{L}\d]|$)`)

// statedLimits are figures the docs may quote without measuring them:
// settings, limits and goals, not measurements.
var statedLimits = map[string]bool{
	"512 MB": true, "400 MB": true, "256 MB": true, "200 MB": true, "64 MB": true,
	"150 MiB": true, "16 KB": true, "10 s": true, "5 s": true, "2 s": true, "30 s": true,
	"5 ms": true, "200 ms": true, "7 min": true, "3×": true, "1.25×": true, "190 MB": true,
}

// TestDocsQuoteOnlyMeasuredFigures: every figure a page quotes is on the
// generated figures page (or is a setting, limit or goal), so a number in the
// docs cannot outlive the measurement it came from.
func TestDocsQuoteOnlyMeasuredFigures(t *testing.T) {
	raw, err := os.ReadFile(figuresPage)
	if err != nil {
		t.Fatalf("%v (run scripts/figures.sh)", err)
	}
	measured := string(raw)
	// Code (fenced blocks and inline spans) shows commands and settings, not measurements.
	code := regexp.MustCompile("(?s)```.*?```|`[^`\n]*`")
	for _, page := range docPages(t) {
		text, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		prose := code.ReplaceAllString(string(text), "")
		for _, m := range figurePattern.FindAllStringSubmatch(prose, -1) {
			figure := m[1] + " " + m[2]
			if m[2] == "×" {
				figure = m[1] + "×"
			}
			if statedLimits[figure] {
				continue
			}
			if !strings.Contains(measured, figure) && !strings.Contains(measured, strings.ReplaceAll(figure, " ", "")) {
				t.Errorf("%s quotes %q, which %s does not hold: quote the figures page, or rerun scripts/figures.sh", page, figure, figuresPage)
			}
		}
	}
}

// TestFiguresAreCurrent: the figures page records the digest of the code it
// measured (scripts/figures.sh --digest); when the code changed since, its
// figures may be stale.
func TestFiguresAreCurrent(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	if err := exec.Command("git", "rev-parse", "--is-inside-work-tree").Run(); err != nil {
		t.Skip("not a git checkout: the digest lists the files git knows")
	}
	out, err := exec.Command("bash", "scripts/figures.sh", "--digest").Output()
	if err != nil {
		t.Fatalf("scripts/figures.sh --digest: %v", err)
	}
	digest := strings.TrimSpace(string(out))
	raw, err := os.ReadFile(figuresPage)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`code digest: ([0-9a-f]+)`).FindSubmatch(raw)
	if m == nil {
		t.Fatalf("%s has no code digest", figuresPage)
	}
	if string(m[1]) != digest {
		t.Errorf("%s measured code %s; the code is now %s: rerun scripts/figures.sh", figuresPage, m[1], digest)
	}
}
