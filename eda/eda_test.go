package eda

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/filmoteca/filmoteca/engine/enginetest"
	"github.com/filmoteca/filmoteca/engine/tabular"
)

// fakeECharts stands in for the npm file: these tests check the report's
// content; the browser check in .ci/run renders it with the real ECharts.
func fakeECharts(t testing.TB) string {
	path := filepath.Join(t.TempDir(), "echarts.min.js")
	if err := os.WriteFile(path, []byte("/* echarts */"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReport(t *testing.T) {
	db := enginetest.Open(t, "../data")
	out := t.TempDir()
	report, err := Run(context.Background(), db, Options{OutDir: out, ECharts: fakeECharts(t)})
	if err != nil {
		t.Fatal(err)
	}
	cells, _ := Cells()
	if len(report.Results) != len(cells) || len(cells) < 15 {
		t.Fatalf("%d results for %d cells", len(report.Results), len(cells))
	}
	page, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	for _, r := range report.Results {
		if r.Finding == "" || strings.Contains(r.Finding, "NULL") {
			t.Errorf("%s: finding %q", r.Name, r.Finding)
		}
		if !strings.Contains(html, `id="`+r.Name+`"`) {
			t.Errorf("%s: no section in the page", r.Name)
		}
		if r.Chart != "table" && r.Chart != "wordcloud" && !strings.Contains(html, `id="chart_`+r.Name+`"`) {
			t.Errorf("%s: no chart element", r.Name)
		}
		if n := englishNumber(r.Finding); n != "" {
			t.Errorf("%s: the finding writes %q: %s", r.Name, n, r.Finding)
		}
		for _, row := range r.Rows {
			for i, v := range row {
				if n := englishNumber(formatValue(r.Columns[i], v)); n != "" && tabular.IsNumber(v) {
					t.Errorf("%s: column %s writes %q", r.Name, r.Columns[i], n)
				}
			}
		}
	}
	// Findings come from the data: the weekday one names the shipped data's busiest day.
	if !strings.Contains(html, "El viernes concentra el 47,4\u00a0% de los estrenos") {
		t.Error("the weekday finding does not match the shipped data")
	}
	for _, external := range []string{`src="http`, `href="http`, "//cdn", "go-echarts.github.io"} {
		if strings.Contains(html, external) {
			t.Errorf("the page loads %q from the network", external)
		}
	}
	for _, png := range []string{"11_title_words.png", "21_overview_words.png"} {
		if info, err := os.Stat(filepath.Join(out, png)); err != nil || info.Size() < 10000 {
			t.Errorf("word cloud %s: %v", png, err)
		}
	}
}

func TestReportIsByteIdentical(t *testing.T) {
	db := enginetest.Open(t, "../data")
	echarts := fakeECharts(t)
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if _, err := Run(context.Background(), db, Options{OutDir: dir, ECharts: echarts}); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"index.html", "11_title_words.png", "21_overview_words.png"} {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(b, name))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

func TestParseCell(t *testing.T) {
	good := "-- title: T\n-- why: W\n-- chart: bar\n-- x: a\n-- y: b\n-- finding: SELECT 'f'\nSELECT 1 AS a, 2 AS b\n"
	c, err := parseCell("01_x", good)
	if err != nil || c.SQL != "SELECT 1 AS a, 2 AS b" || c.X != "a" || c.Chart != "bar" {
		t.Errorf("parseCell = %+v, %v", c, err)
	}
	// Every kind that has a renderer is a valid chart.
	for kind := range renderers {
		text := "-- title: T\n-- why: W\n-- chart: " + kind + "\n-- x: a\n-- y: b\n-- finding: SELECT 'f'\nSELECT 1 AS a, 2 AS b\n"
		if _, err := parseCell("01_"+kind, text); err != nil {
			t.Errorf("parseCell rejected chart %q: %v", kind, err)
		}
	}
	for _, bad := range []string{
		"-- title: T\n-- why: W\n-- chart: pie\n-- finding: SELECT 1\nSELECT 1",
		"-- title: T\n-- chart: table\n-- finding: SELECT 1\nSELECT 1",
		"-- title: T\n-- why: W\n-- chart: bar\n-- finding: SELECT 1\nSELECT 1",
		"-- title: T\n-- why: W\n-- colour: red\n-- chart: table\n-- finding: SELECT 1\nSELECT 1",
	} {
		if _, err := parseCell("bad", bad); err == nil {
			t.Errorf("parseCell accepted %q", bad)
		}
	}
}

// englishNumber returns the first number in text not written the Spanish
// way (1.234.567,8): four digits or more together, a decimal point. A year
// (1800 to 2099) keeps its four digits. scripts/check-report.mjs applies
// the same rule to the page in the browser.
func englishNumber(text string) string {
	for _, n := range numberPattern.FindAllString(text, -1) {
		if !spanishPattern.MatchString(n) && !yearPattern.MatchString(n) {
			return n
		}
	}
	return ""
}

var (
	numberPattern  = regexp.MustCompile(`\d[\d.,]*\d|\d`)
	spanishPattern = regexp.MustCompile(`^\d{1,3}(\.\d{3})*(,\d+)?$`)
	yearPattern    = regexp.MustCompile(`^(18|19|20)\d\d$`)
)

func TestEnglishNumber(t *testing.T) {
	for text, want := range map[string]string{
		"2.993 películas y 16 columnas (82,7 % vacía), del 3/10/1919 al 12/10/2013.": "",
		"de 1.018.619,3 y 0,000082; en 1996.":                                        "",
		"8000000 dólares":                                                            "8000000",
		"el 30.7% de":                                                                "30.7",
		"1,000,000":                                                                  "1,000,000",
	} {
		if got := englishNumber(text); got != want {
			t.Errorf("englishNumber(%q) = %q, want %q", text, got, want)
		}
	}
}

// BenchmarkEDA writes the whole report from the largest data available.
func BenchmarkEDA(b *testing.B) {
	db := enginetest.Open(b, enginetest.LargestData(".."))
	echarts := fakeECharts(b)
	out := b.TempDir()
	for b.Loop() {
		if _, err := Run(context.Background(), db, Options{OutDir: out, ECharts: echarts}); err != nil {
			b.Fatal(err)
		}
	}
}
