package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/duckdb/duckdb-go/v2"

	sqlfiles "github.com/filmoteca/filmoteca/sql"
)

func TestQuirksFixture(t *testing.T) {
	db, _ := buildDB(t, quirksDir)

	t.Run("raw tables only with keep-raw", func(t *testing.T) {
		if n := queryValue[int64](t, db, "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'raw%'"); n != 0 {
			t.Errorf("%d raw tables without --keep-raw", n)
		}
		raw, _ := buildWith(t, BuildOptions{Data: quirksDir, KeepRaw: true})
		for table, want := range map[string]int64{"raw_movies": 29, "raw_credits": 13, "raw_keywords": 26} {
			if got := queryValue[int64](t, raw, "SELECT count(*) FROM "+table); got != want {
				t.Errorf("%s has %d rows, want %d", table, got, want)
			}
		}
		if n := queryValue[int64](t, raw, "SELECT count(*) FROM raw_credit_lists WHERE cast_list IS NOT NULL"); n != 11 {
			t.Errorf("raw_credit_lists holds %d cast lists, want the 11 kept credits (13 records, one repeated, one of a movie not kept)", n)
		}
		if n := queryValue[int64](t, raw, "SELECT count(*) FROM raw_nested_json WHERE field = 'genres'"); n != 23 {
			t.Errorf("raw_nested_json holds %d genre cells, want one per kept movie", n)
		}
		if got := queryValue[bool](t, raw, "SELECT keep_raw FROM etl_build"); !got {
			t.Error("etl_build does not say the raw tables were kept")
		}
	})

	t.Run("rejected records keep their raw text", func(t *testing.T) {
		// The malformed record's fields are shifted: its title cell holds a number.
		var text string
		if err := db.db.QueryRowContext(context.Background(), `SELECT record_text FROM rejected_rows WHERE reason = 'malformed_id' AND id = '1997-08-20'`).Scan(&text); err != nil {
			t.Fatal(err)
		}
		var cells map[string]string
		if err := json.Unmarshal([]byte(text), &cells); err != nil || len(cells) != 24 || cells["id"] != "1997-08-20" {
			t.Errorf("record_text of the malformed movie = %.200s (%v)", text, err)
		}
		// A repeated credits record: its cast as read, Python literal and all.
		if err := db.db.QueryRowContext(context.Background(), `SELECT record_text FROM rejected_rows WHERE source = 'credits.csv' AND reason = 'duplicate_id'`).Scan(&text); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(text), &cells); err != nil || cells["id"] != "105045" || !strings.HasPrefix(cells["cast"], "[{'cast_id'") {
			t.Errorf("record_text of the repeated credits = %.200s (%v)", text, err)
		}
		if n := queryValue[int64](t, db, "SELECT count(*) FROM rejected_rows WHERE field <> 'id' AND field <> 'release_date' AND record_text IS NOT NULL"); n != 0 {
			t.Errorf("%d field-level rejections carry a whole record", n)
		}
	})

	t.Run("apostrophes in double-quoted strings", func(t *testing.T) {
		checks := []struct{ query, want string }{
			{"SELECT name FROM companies WHERE id = 93489", "D'Pelicula"},
			{"SELECT name FROM companies WHERE id = 12910", "Workin' Man Films"},
			{"SELECT name FROM collections WHERE id = 118221", "Weekend at Bernie's Collection"},
			{"SELECT name FROM collections WHERE id = 108693", "National Lampoon's Vacation Collection"},
			{"SELECT job FROM movie_crew WHERE movie_id = 862 AND name = 'Kelly O''Connell'", "Set Dresser"},
			{"SELECT character FROM movie_cast WHERE movie_id = 31357 AND cast_order = 0", "Savannah 'Vannah' Jackson"},
			{"SELECT character FROM movie_cast WHERE movie_id = 949 AND person_id = 91756", "Hooker's Mother"},
			{"SELECT name FROM keywords WHERE id = 15101", "based on children's book"},
		}
		for _, c := range checks {
			if got := queryValue[string](t, db, c.query); got != c.want {
				t.Errorf("%s = %q, want %q", c.query, got, c.want)
			}
		}
	})

	t.Run("escapes decoded", func(t *testing.T) {
		for id, want := range map[int]string{174570: "\u00a0nightgown", 168406: "tough \u00a0girl", 171052: "\u00a0epileptic seizure"} {
			if got := queryValue[string](t, db, "SELECT name FROM keywords WHERE id = ?", id); got != want {
				t.Errorf("keyword %d = %q, want %q", id, got, want)
			}
		}
	})

	t.Run("malformed ids rejected", func(t *testing.T) {
		got := queryStrings(t, db, `SELECT id FROM rejected_rows WHERE reason = 'malformed_id' ORDER BY record`)
		want := []string{"1997-08-20", "2012-09-29", "2014-01-01"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("malformed ids = %v, want %v", got, want)
		}
		if n := queryValue[int64](t, db, "SELECT count(*) FROM movies WHERE title IS NULL"); n != 0 {
			t.Errorf("%d movies without title: a shifted record was kept", n)
		}
	})

	t.Run("repeated id keeps its first record", func(t *testing.T) {
		if n := queryValue[int64](t, db, "SELECT count(*) FROM movies WHERE id = 105045"); n != 1 {
			t.Errorf("movie 105045 appears %d times, want 1", n)
		}
		got := queryStrings(t, db, `SELECT source || ':' || record || ':' || detail FROM rejected_rows
			WHERE reason = 'duplicate_id' ORDER BY source, record`)
		want := []string{"credits.csv:12:id kept from file credits.csv, record 11", "keywords.csv:12:id kept from file keywords.csv, record 11", "movies_dataset.csv:12:id kept from file movies_dataset.csv, record 11"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("duplicate rejections = %v, want %v", got, want)
		}
	})

	t.Run("null release dates dropped", func(t *testing.T) {
		if n := queryValue[int64](t, db, "SELECT count(*) FROM movies WHERE id IN (365371, 215107)"); n != 0 {
			t.Errorf("%d movies with a null release_date kept", n)
		}
		got := queryStrings(t, db, `SELECT id FROM rejected_rows WHERE reason = 'missing_release_date' ORDER BY record`)
		if want := []string{"365371", "215107"}; !reflect.DeepEqual(got, want) {
			t.Errorf("missing_release_date = %v, want %v", got, want)
		}
		if n := queryValue[int64](t, db, "SELECT count(*) FROM movies WHERE release_date IS NULL OR release_year IS NULL"); n != 0 {
			t.Errorf("%d movies lack a date or year", n)
		}
	})

	t.Run("return", func(t *testing.T) {
		for _, c := range []struct {
			id              int
			budget, revenue int64
			ret             float64
		}{
			{11862, 0, 76578911, 0}, // budget 0: return 0
			{21032, 0, 11348324, 0},
			{9909, 0, 180000000, 0},
			{48787, 2, 1, 0.5}, // tiny budgets are kept: outliers, not errors
			{11980, 8, 16, 2},
			{13701, 120, 0, 0},
			{862, 30000000, 373554033, 373554033.0 / 30000000},
		} {
			var budget, revenue int64
			var ret float64
			if err := db.db.QueryRowContext(context.Background(), `SELECT budget, revenue, "return" FROM movies WHERE id = ?`, c.id).Scan(&budget, &revenue, &ret); err != nil {
				t.Fatalf("movie %d: %v", c.id, err)
			}
			if budget != c.budget || revenue != c.revenue || ret != c.ret {
				t.Errorf("movie %d: budget %d revenue %d return %v, want %d %d %v", c.id, budget, revenue, ret, c.budget, c.revenue, c.ret)
			}
		}
	})

	t.Run("empty lists and overviews", func(t *testing.T) {
		if n := queryValue[int64](t, db, "SELECT count(*) FROM movies WHERE id IN (124057, 188588, 78802)"); n != 3 {
			t.Errorf("found %d of the 3 movies with an empty genre list or overview", n)
		}
		if n := queryValue[int64](t, db, "SELECT count(*) FROM movie_genres WHERE movie_id IN (124057, 188588)"); n != 0 {
			t.Errorf("empty genre lists produced %d genre rows", n)
		}
		if got := queryValue[sql.NullString](t, db, "SELECT overview FROM movies WHERE id = 78802"); got.Valid && got.String != "" {
			t.Errorf("overview of 78802 = %q, want empty", got.String)
		}
	})

	t.Run("credits for a movie not kept", func(t *testing.T) {
		got := queryStrings(t, db, `SELECT id FROM rejected_rows WHERE source = 'credits.csv' AND reason = 'unknown_movie'`)
		if want := []string{"208988"}; !reflect.DeepEqual(got, want) {
			t.Errorf("unknown_movie credits = %v, want %v", got, want)
		}
	})

	t.Run("movies columns", func(t *testing.T) {
		cols := queryStrings(t, db, `SELECT column_name || ' ' || data_type FROM information_schema.columns
			WHERE table_name = 'movies' ORDER BY ordinal_position`)
		joined := strings.Join(cols, ", ")
		for _, dropped := range []string{"video", "imdb_id", "adult", "original_title", "poster_path", "homepage"} {
			for _, c := range cols {
				if strings.HasPrefix(c, dropped+" ") {
					t.Errorf("movies keeps dropped column %s", dropped)
				}
			}
		}
		for _, want := range []string{"release_date DATE", "release_year INTEGER", "budget BIGINT", "revenue BIGINT", "return DOUBLE"} {
			if !strings.Contains(joined, want) {
				t.Errorf("movies columns %s lack %q", joined, want)
			}
		}
		// Every kept movie has exactly one row.
		if n := queryValue[int64](t, db, "SELECT count(*) - count(DISTINCT id) FROM movies"); n != 0 {
			t.Errorf("movies has %d repeated ids", n)
		}
	})
}

func TestShippedData(t *testing.T) {
	db, _ := buildDB(t, shippedDir)

	counts := map[string]int64{
		"movies": 2993, "movie_genres": 7136, "movie_cast": 1668, "movie_crew": 2182,
		"movie_features": 2993,
	}
	for table, want := range counts {
		if got := queryValue[int64](t, db, "SELECT count(*) FROM "+table); got != want {
			t.Errorf("%s has %d rows, want %d", table, got, want)
		}
	}
	rejected := queryStrings(t, db, `SELECT source || ' ' || reason || ' ' || count(*) FROM rejected_rows
		WHERE source <> 'keywords.csv' GROUP BY source, reason ORDER BY ALL`)
	if want := []string{"movies_dataset.csv duplicate_id 1", "movies_dataset.csv missing_release_date 2"}; !reflect.DeepEqual(rejected, want) {
		t.Errorf("rejections = %v, want %v", rejected, want)
	}

	t.Run("Toy Story", func(t *testing.T) {
		var (
			date            string
			year            int
			budget, revenue int64
			ret             float64
			collection      string
		)
		err := db.db.QueryRowContext(context.Background(), `SELECT strftime(release_date, '%Y-%m-%d'), release_year, budget, revenue, "return", c.name
			FROM movies m JOIN collections c ON c.id = m.collection_id WHERE m.id = 862`).Scan(&date, &year, &budget, &revenue, &ret, &collection)
		if err != nil {
			t.Fatal(err)
		}
		if date != "1995-10-30" || year != 1995 || budget != 30000000 || revenue != 373554033 || collection != "Toy Story Collection" {
			t.Errorf("Toy Story = %s %d %d %d %q", date, year, budget, revenue, collection)
		}
		if ret < 12.45 || ret > 12.46 {
			t.Errorf("Toy Story return = %v, want ≈ 12.45", ret)
		}
		genres := queryStrings(t, db, `SELECT g.name FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id
			WHERE mg.movie_id = 862 ORDER BY mg.position`)
		if want := []string{"Animation", "Comedy", "Family"}; !reflect.DeepEqual(genres, want) {
			t.Errorf("genres = %v, want %v", genres, want)
		}
		if got := queryValue[string](t, db, "SELECT name FROM movie_cast WHERE movie_id = 862 ORDER BY cast_order LIMIT 1"); got != "Tom Hanks" {
			t.Errorf("first in cast = %q, want Tom Hanks", got)
		}
		if got := queryStrings(t, db, "SELECT director FROM director_films WHERE movie_id = 862"); !reflect.DeepEqual(got, []string{"John Lasseter"}) {
			t.Errorf("directors = %v, want [John Lasseter]", got)
		}
	})
}

// TestFullSizeReconstruction checks the counts the data README gives for the
// full files (skipped when ../shared/data is absent).
func TestFullSizeReconstruction(t *testing.T) {
	if testing.Short() {
		t.Skip("full-size build skipped in -short mode")
	}
	db, _ := buildWith(t, BuildOptions{Data: sharedDataDir(t, "full"), KeepRaw: true})
	for query, want := range map[string]int64{
		"SELECT count(*) FROM raw_movies":                                                                    45466,
		"SELECT count(*) FROM raw_credits":                                                                   45476,
		"SELECT count(*) FROM rejected_rows WHERE reason = 'malformed_id'":                                   3,
		"SELECT count(*) FROM rejected_rows WHERE source = 'movies_dataset.csv' AND reason = 'duplicate_id'": 30,
		// 45,346 dated movies with one row per id in the original; 8 lack a date in the reconstruction.
		"SELECT count(*) FROM movies":                                         45338,
		"SELECT movies FROM releases_by_weekday WHERE weekday_name = 'lunes'": 3500,
		"SELECT movies FROM releases_by_month WHERE month_name = 'enero'":     5907,
	} {
		if got := queryValue[int64](t, db, query); got != want {
			t.Errorf("%s = %d, want %d", query, got, want)
		}
	}
	// Every kept movie whose raw crew names a director has one in director_films,
	// although the reconstruction's credits lack person ids after row ~1,000.
	withDirector := queryValue[int64](t, db, `SELECT count(DISTINCT m.id) FROM raw_credits r
		JOIN movies m ON m.id = TRY_CAST(r.id AS BIGINT)
		WHERE r.crew LIKE '%''job'': ''Director'',%'
		  AND r.record NOT IN (SELECT record FROM rejected_rows WHERE source = 'credits.csv')`)
	if got := queryValue[int64](t, db, "SELECT count(DISTINCT movie_id) FROM director_films"); got != withDirector || got < 40000 {
		t.Errorf("director_films covers %d movies, want %d", got, withDirector)
	}
}

func TestBuildIsNoOpWhenNothingChanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.duckdb")
	opts := BuildOptions{Data: quirksDir, DBPath: path}
	first, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if first.UpToDate {
		t.Fatal("first build reported up to date")
	}
	second, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if !second.UpToDate || second.Fingerprint != first.Fingerprint {
		t.Fatalf("second build: up to date %v, fingerprint %s vs %s", second.UpToDate, second.Fingerprint, first.Fingerprint)
	}

	// A changed SQL file triggers a rebuild.
	changed := copyFS(t, sqlfiles.FS)
	changed["009_views.sql"].Data = append(changed["009_views.sql"].Data, []byte("\n-- a comment changes the checksum\n")...)
	opts.Steps = changed
	third, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if third.UpToDate || third.Fingerprint == first.Fingerprint {
		t.Fatal("a changed SQL file did not trigger a rebuild")
	}
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := queryValue[string](t, db, "SELECT fingerprint FROM etl_build"); got != third.Fingerprint {
		t.Errorf("stored fingerprint %s, want %s", got, third.Fingerprint)
	}
	// Every step but the one that needs --keep-raw.
	got := queryStrings(t, db, "SELECT name FROM etl_steps ORDER BY step")
	steps, err := loadSteps(sqlfiles.FS)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, s := range steps {
		if !slices.Contains(s.When, CondKeepRaw) {
			want = append(want, s.Name)
		}
	}
	if !reflect.DeepEqual(got, want) || len(want) < 8 {
		t.Errorf("etl_steps = %v, want %v", got, want)
	}
}

// A failing step, on the main connection or the concurrent one, fails the
// build with its name and leaves the previous database as it was.
func TestFailedBuildKeepsPreviousDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.duckdb")
	if _, err := Build(context.Background(), BuildOptions{Data: quirksDir, DBPath: path}); err != nil {
		t.Fatal(err)
	}
	steps, err := loadSteps(sqlfiles.FS)
	if err != nil {
		t.Fatal(err)
	}
	concurrent := slices.IndexFunc(steps, func(s Step) bool { return s.Until > 0 })
	if concurrent < 0 {
		t.Fatal("no concurrent step to break")
	}
	for _, name := range []string{
		steps[concurrent].Name,   // on its own connection
		steps[concurrent+1].Name, // on the main one, while the concurrent step runs
	} {
		broken := copyFS(t, sqlfiles.FS)
		broken[name].Data = append(broken[name].Data, []byte("\nSELECT * FROM no_such_table;\n")...)
		_, err := Build(context.Background(), BuildOptions{Data: quirksDir, DBPath: path, Steps: broken, Force: true})
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Fatalf("broken %s: err = %v, want one naming it", name, err)
		}
		assertIntact(t, path, 23)
	}
}

// assertIntact checks that path is a readable database with wantMovies
// movies, and that no build left its temporary file behind.
func assertIntact(t *testing.T, path string, wantMovies int64) {
	t.Helper()
	db, err := Open(path)
	if err != nil {
		t.Fatalf("previous database no longer opens: %v", err)
	}
	defer db.Close()
	if n := queryValue[int64](t, db, "SELECT count(*) FROM movies"); n != wantMovies {
		t.Errorf("previous database has %d movies, want %d", n, wantMovies)
	}
	if left := staleScratch(path); len(left) > 0 {
		t.Errorf("the build's scratch folders were left behind: %v", left)
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name    string
		mutate  func(t *testing.T, dir string)
		wantErr []string
	}{
		{"missing file", func(t *testing.T, dir string) {
			must(t, os.Remove(filepath.Join(dir, "credits.csv")))
		}, []string{"credits.csv", "file not found", "credits.csv.gz"}},
		{"missing column", func(t *testing.T, dir string) {
			rewrite(t, filepath.Join(dir, "movies_dataset.csv"), func(s string) string {
				return strings.Replace(s, ",release_date,", ",released,", 1)
			})
		}, []string{"movies_dataset.csv", "missing column(s) release_date"}},
		{"empty file", func(t *testing.T, dir string) {
			must(t, os.WriteFile(filepath.Join(dir, "movies_dataset.csv"), nil, 0o644))
		}, []string{"movies_dataset.csv", "the file is empty", "expected a CSV header"}},
		{"binary file", func(t *testing.T, dir string) {
			must(t, os.WriteFile(filepath.Join(dir, "credits.csv"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o644))
		}, []string{"credits.csv", "not a UTF-8 CSV text file"}},
		{"not gzip", func(t *testing.T, dir string) {
			must(t, os.Rename(filepath.Join(dir, "credits.csv"), filepath.Join(dir, "credits.csv.gz")))
		}, []string{"credits.csv.gz", "not a gzip file"}},
		{"truncated inside a quoted field", func(t *testing.T, dir string) {
			path := filepath.Join(dir, "movies_dataset.csv")
			b, err := os.ReadFile(path)
			must(t, err)
			must(t, os.WriteFile(path, b[:len(b)/2], 0o644))
		}, []string{"movies_dataset.csv"}},
		{"semicolon-delimited", func(t *testing.T, dir string) {
			rewrite(t, filepath.Join(dir, "credits.csv"), func(s string) string {
				return strings.Replace(s, "cast,crew,id", "cast;crew;id", 1)
			})
		}, []string{"credits.csv", "missing column(s)"}},
		{"a 50 MB field", func(t *testing.T, dir string) {
			rewrite(t, filepath.Join(dir, "movies_dataset.csv"), func(s string) string {
				return strings.Replace(s, "Led by Woody,", "Led by Woody,"+strings.Repeat("x", 50<<20), 1)
			})
		}, []string{"movies_dataset.csv"}},
		{"non-UTF-8 bytes in a record", func(t *testing.T, dir string) {
			rewrite(t, filepath.Join(dir, "movies_dataset.csv"), func(s string) string {
				return strings.Replace(s, "Led by Woody,", "Led by \xff\xfe Woody,", 1)
			})
		}, []string{"movies_dataset.csv", "not utf-8"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "f.duckdb")
			if _, err := Build(context.Background(), BuildOptions{Data: quirksDir, DBPath: path}); err != nil {
				t.Fatal(err)
			}
			dir := copyDir(t, quirksDir)
			tt.mutate(t, dir)
			_, err := Build(context.Background(), BuildOptions{Data: dir, DBPath: path})
			if err == nil {
				t.Fatal("bad input built without error")
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") {
				t.Errorf("error spans several lines: %q", msg)
			}
			for _, want := range tt.wantErr {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q lacks %q", msg, want)
				}
			}
			assertIntact(t, path, 23)
		})
	}
}

// A list element that is not a dict, or has no key, is rejected alone, in
// the cast and crew (step 005) as in the movies' fields (step 007).
func TestMalformedElementRejectsOnlyThatElement(t *testing.T) {
	dir := copyDir(t, quirksDir)
	// Toy Story's records, changed for the test: Tom Hanks loses his name,
	// John Lasseter's credit as director becomes None, Animation a string
	// (from_json reads it as a dict with no id).
	rewrite(t, filepath.Join(dir, "credits.csv"), func(s string) string {
		s = strings.Replace(s, `'name': 'Tom Hanks', `, ``, 1)
		return strings.Replace(s, `{'credit_id': '52fe4284c3a36847f8024f49', 'department': 'Directing', 'gender': 2, 'id': 7879, 'job': 'Director', 'name': 'John Lasseter', 'profile_path': '/7EdqiNbr4FRjIhKHyPPdFfEEEFG.jpg'}`, `None`, 1)
	})
	rewrite(t, filepath.Join(dir, "movies_dataset.csv"), func(s string) string {
		return strings.Replace(s, `"[{'id': 16, 'name': 'Animation'}, {'id': 35, 'name': 'Comedy'}`, `"['Animation', {'id': 35, 'name': 'Comedy'}`, 1)
	})
	db, _ := buildDB(t, dir)
	got := queryStrings(t, db, `SELECT source || ' ' || field || ': ' || detail FROM rejected_rows WHERE id = '862' ORDER BY ALL`)
	want := []string{
		"credits.csv cast: element 1 has no name",
		"credits.csv crew: element 1 is not a dict",
		"movies_dataset.csv genres: element 1 has no id",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rejections of 862 = %q, want %q", got, want)
	}
	for _, q := range []string{
		`SELECT count(*) FROM movie_cast WHERE movie_id = 862 AND name = 'Tom Hanks'`,
		`SELECT count(*) FROM movie_crew WHERE movie_id = 862 AND name = 'John Lasseter' AND job = 'Director'`,
		`SELECT count(*) FROM movie_genres WHERE movie_id = 862 AND genre_id = 16`,
	} {
		if n := queryValue[int64](t, db, q); n != 0 {
			t.Errorf("%s = %d, want 0", q, n)
		}
	}
	if n := queryValue[int64](t, db, `SELECT count(*) FROM movie_cast WHERE movie_id = 862`); n < 10 {
		t.Errorf("Toy Story keeps %d cast credits, want the others", n)
	}
}

func TestMalformedNestedValueRejectsOnlyThatField(t *testing.T) {
	dir := copyDir(t, quirksDir)
	// Toy Story's genres cell, cut short: a real cell made invalid for the test.
	rewrite(t, filepath.Join(dir, "movies_dataset.csv"), func(s string) string {
		return strings.Replace(s, `"[{'id': 16, 'name': 'Animation'}, {'id': 35, 'name': 'Comedy'}, {'id': 10751, 'name': 'Family'}]"`,
			`"[{'id': 16, 'name': 'Animation'}, {'id': 35, 'name': 'Comedy'"`, 1)
	})
	db, _ := buildDB(t, dir)
	var field, reason, detail string
	if err := db.db.QueryRowContext(context.Background(), `SELECT field, reason, detail FROM rejected_rows WHERE id = '862'`).Scan(&field, &reason, &detail); err != nil {
		t.Fatal(err)
	}
	if field != "genres" || reason != "invalid_literal" || !strings.Contains(detail, "expected ',' or '}'") {
		t.Errorf("rejection = %s %s %q", field, reason, detail)
	}
	if n := queryValue[int64](t, db, "SELECT count(*) FROM movies WHERE id = 862"); n != 1 {
		t.Error("Toy Story was dropped with its genres")
	}
	if n := queryValue[int64](t, db, "SELECT count(*) FROM movie_genres WHERE movie_id = 862"); n != 0 {
		t.Errorf("Toy Story kept %d genres from an invalid cell", n)
	}
	if n := queryValue[int64](t, db, "SELECT count(*) FROM movie_companies WHERE movie_id = 862"); n != 1 {
		t.Errorf("Toy Story's other fields were lost: %d companies", n)
	}
}

func TestKeywordsAreOptional(t *testing.T) {
	dir := copyDir(t, quirksDir)
	must(t, os.Remove(filepath.Join(dir, "keywords.csv")))
	db, _ := buildDB(t, dir)
	if n := queryValue[int64](t, db, "SELECT count(*) FROM movie_keywords"); n != 0 {
		t.Errorf("movie_keywords has %d rows without keywords.csv", n)
	}
	if n := queryValue[int64](t, db, "SELECT count(*) FROM movies"); n != 23 {
		t.Errorf("movies has %d rows, want 24", n)
	}
}

// TestOpensWithoutGoFunctions opens the built file through a plain DuckDB
// connector, with no Go function registered, and queries every view: the
// file must work in a plain DuckDB shell.
func TestOpensWithoutGoFunctions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.duckdb")
	if _, err := Build(context.Background(), BuildOptions{Data: quirksDir, DBPath: path}); err != nil {
		t.Fatal(err)
	}
	connector, err := duckdb.NewConnector(path+"?access_mode=READ_ONLY", nil)
	if err != nil {
		t.Fatal(err)
	}
	db := &DB{db: sql.OpenDB(connector)}
	defer db.Close()
	if n := queryValue[int64](t, db, "SELECT count(*) FROM duckdb_functions() WHERE function_name LIKE 'py_literal%'"); n != 0 {
		t.Fatalf("a plain connection sees %d Go functions", n)
	}
	views := queryStrings(t, db, "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY view_name")
	if len(views) < 6 {
		t.Fatalf("only %d views: %v", len(views), views)
	}
	for _, v := range views {
		if n := queryValue[int64](t, db, "SELECT count(*) FROM "+quoteIdent(v)); n == 0 {
			t.Errorf("view %s is empty", v)
		}
	}
	if n := queryValue[int64](t, db, "SELECT count(*) FROM duckdb_views() WHERE sql LIKE '%py_literal%'"); n != 0 {
		t.Errorf("%d views call a Go function", n)
	}
}

// TestReadOnlyHandleCannotReachFiles: the handle the server and `sql` use
// neither writes nor reads or writes other files.
func TestReadOnlyHandleCannotReachFiles(t *testing.T) {
	db, _ := buildDB(t, quirksDir)
	out := filepath.Join(t.TempDir(), "out.csv")
	for _, stmt := range []string{
		"CREATE TABLE x (a INTEGER)",
		"DELETE FROM movies",
		"SELECT * FROM read_csv('" + quirksDir + "/credits.csv')",
		"COPY movies TO '" + out + "'",
		"ATTACH '" + filepath.Join(t.TempDir(), "other.duckdb") + "' AS other",
	} {
		if _, err := db.db.Exec(stmt); err == nil {
			t.Errorf("%s: succeeded on the read-only handle", stmt)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("COPY wrote a file")
	}
}

func TestNumbersThatAreNotFinite(t *testing.T) {
	dir := copyDir(t, quirksDir)
	// Jumanji's real record, its numbers replaced: NaN means missing, inf and
	// 1e30 (too large for an integer) do not parse.
	rewrite(t, filepath.Join(dir, "movies_dataset.csv"), func(s string) string {
		s = strings.Replace(s, "False,,65000000,", "False,,NaN,", 1)
		s = strings.Replace(s, ",17.015539,", ",inf,", 1)
		return strings.Replace(s, ",6.9,2413\n", ",6.9,1e30\n", 1)
	})
	db, _ := buildDB(t, dir)
	var budget int64
	var popularity sql.NullFloat64
	var votes sql.NullInt64
	if err := db.db.QueryRowContext(context.Background(), `SELECT budget, popularity, vote_count FROM movies WHERE id = 8844`).Scan(&budget, &popularity, &votes); err != nil {
		t.Fatal(err)
	}
	if budget != 0 || popularity.Valid || votes.Valid {
		t.Errorf("Jumanji: budget %d, popularity %v, votes %v; want 0, NULL, NULL", budget, popularity, votes)
	}
	got := queryStrings(t, db, `SELECT field FROM rejected_rows WHERE id = '8844' AND reason = 'unparseable_number' ORDER BY field`)
	if want := []string{"popularity", "vote_count"}; !reflect.DeepEqual(got, want) {
		t.Errorf("unparseable numbers logged = %v, want %v", got, want)
	}
}
