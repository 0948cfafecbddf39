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
	// The health checks and the metrics are for hosts and monitors, not
	// readers of the OpenAPI document.
	specified = append(specified, "/healthz", "/livez", "/readyz", "/metrics")
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
	"512 MB": true, "400 MB": true, "256 MB": true, "200 MB": true, "128 MB": true, "64 MB": true,
	"150 MiB": true, "16 KB": true, "10 s": true, "5 s": true, "2 s": true, "30 s": true,
	"5 ms": true, "200 ms": true, "7 min": true, "20 s": true, "1 s": true, "250 ms": true, "3×": true, "1.25×": true, "190 MB": true,
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

// TestFiguresStatus: scripts/figures.sh --status reports in one line
// whether the figures page measured the current code. Stale figures are
// reported (CI prints the line), never failed: a correct change to the code
// must keep the tests green until someone reruns the measurements.
func TestFiguresStatus(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	if err := exec.Command("git", "rev-parse", "--is-inside-work-tree").Run(); err != nil {
		t.Skip("not a git checkout: the digest lists the files git knows")
	}
	out, err := exec.Command("bash", "scripts/figures.sh", "--status").Output()
	if err != nil {
		t.Fatalf("scripts/figures.sh --status: %v", err)
	}
	line := strings.TrimSuffix(string(out), "\n")
	if strings.Contains(line, "\n") || !regexp.MustCompile(`^figures: (current|stale) \(`).MatchString(line) {
		t.Errorf("scripts/figures.sh --status printed %q, want one line saying current or stale", out)
	}
	t.Log(line)
}
