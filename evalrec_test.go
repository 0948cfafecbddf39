package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalRecRatings runs evalrec --ratings on a ratings file whose answer
// is worked out by hand. Likes (≥ 4): users 1 and 2 like Toy Story (ML 1)
// and Jumanji (ML 2); users 3 and 4 like Heat (ML 3) and Little Women (ML
// 4); user 5's 3.0 is no like. So 4 query films, each with one co-liked
// film. "most popular" recommends, by votes, Toy Story 5415, Jumanji 2413,
// Heat 1886, Balto 423, The City of Lost Children 308, Weekend at Bernie's
// 255: Toy Story gets Jumanji first (hit), Jumanji gets Toy Story first
// (hit), Heat misses Little Women, Little Women gets Heat third (hit):
// hit@5 = recall@5 = 3/4, nDCG@5 = (1 + 1 + 0 + 1/log2(4))/4 = 0.625.
func TestEvalRecRatings(t *testing.T) {
	db := builtQuirks(t)
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	ratings := write("ratings.csv", "userId,movieId,rating,timestamp\n"+
		"1,1,5,0\n1,2,4,0\n2,1,4,0\n2,2,4.5,0\n3,3,5,0\n3,4,4,0\n4,3,4,0\n4,4,5,0\n5,1,3,0\n")
	links := write("links.csv", "movieId,imdbId,tmdbId\n1,0114709,862\n2,0113497,8844\n3,0113277,949\n4,0110367,9587\n5,0,\n")
	args := []string{"evalrec", "--db", db, "--ratings", ratings, "--links", links, "--min-likers", "2", "--min-shared", "2"}
	code, stdout, stderr := runCLI(t, "", args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "4 query films") {
		t.Errorf("output lacks the 4 query films:\n%s", stdout)
	}
	if !strings.Contains(stdout, "| most popular | 0.750 | 0.750 | 0.625 |") {
		t.Errorf("most popular: want hit 0.750, recall 0.750, nDCG 0.625:\n%s", stdout)
	}
	for _, row := range []string{"| filmoteca (model) |", "| Banik's re-rank |", "| metadata soup |", "| random |", "| TF-IDF overview |"} {
		if strings.Count(stdout, row) != 2 {
			t.Errorf("%s should have a row in both tables:\n%s", row, stdout)
		}
	}
	_, again, _ := runCLI(t, "", args...)
	if strip(again) != strip(stdout) {
		t.Errorf("two runs differ:\n%s\n%s", stdout, again)
	}

	for _, bad := range []struct{ flag, name, text string }{
		{"--ratings", "empty.csv", ""},
		{"--ratings", "nocol.csv", "userId,movieId,timestamp\n1,1,0\n"},
		{"--ratings", "textid.csv", "userId,movieId,rating,timestamp\nx,1,4,0\n"},
		{"--links", "textlink.csv", "movieId,imdbId,tmdbId\n1,0114709,toy\n"},
		{"--links", "nolinkcol.csv", "movieId,imdbId\n1,0114709\n"},
	} {
		path := write(bad.name, bad.text)
		r, l := ratings, links
		if bad.flag == "--ratings" {
			r = path
		} else {
			l = path
		}
		code, _, stderr := runCLI(t, "", "evalrec", "--db", db, "--ratings", r, "--links", l)
		if code == 0 || !strings.Contains(stderr, bad.name) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%s: exit %d, stderr %q; want one line naming the file", bad.name, code, stderr)
		}
	}
}

// strip keeps the co-likes part of evalrec's output (the content table
// holds timings, which vary run to run).
func strip(out string) string {
	_, after, _ := strings.Cut(out, "co-likes")
	return after
}
