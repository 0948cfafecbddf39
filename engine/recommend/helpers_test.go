package recommend_test

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/filmoteca/filmoteca/engine/film"
	"github.com/filmoteca/filmoteca/engine/recommend"
)

// The profiles of real builds (testdata/README.md).
const (
	sampleProfiles = "testdata/sample-profiles.json.gz"
	quirksProfiles = "testdata/quirks-profiles.json"
)

// readProfiles reads a JSON export of movie_features.
func readProfiles(tb testing.TB, path string) []film.Profile {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			tb.Fatal(err)
		}
		r = gz
	}
	var rows []struct {
		ID          int64    `json:"id"`
		Title       string   `json:"title"`
		Year        int      `json:"release_year"`
		Text        string   `json:"text"`
		Genres      []string `json:"genres"`
		Collection  *string  `json:"collection"`
		TopCast     []string `json:"top_cast"`
		Directors   []string `json:"directors"`
		Companies   []string `json:"companies"`
		Language    *string  `json:"language"`
		Era         *string  `json:"era"`
		Keywords    []string `json:"keywords"`
		VoteCount   int64    `json:"vote_count"`
		VoteAverage float64  `json:"vote_average"`
	}
	if err := json.NewDecoder(r).Decode(&rows); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	deref := func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	}
	profiles := make([]film.Profile, len(rows))
	for i, r := range rows {
		profiles[i] = film.Profile{ID: r.ID, Title: r.Title, Year: r.Year, Text: r.Text, Genres: r.Genres,
			Collection: deref(r.Collection), TopCast: r.TopCast, Directors: r.Directors, Companies: r.Companies,
			Language: deref(r.Language), Era: deref(r.Era), Keywords: r.Keywords, Votes: r.VoteCount, Average: r.VoteAverage}
	}
	return profiles
}

// catalogOf is the catalogue of the profiles' films, as far as the
// recommender reads it: titles, years, genres and votes.
func catalogOf(tb testing.TB, profiles []film.Profile) *film.Catalog {
	tb.Helper()
	movies := make([]film.Movie, len(profiles))
	for i, p := range profiles {
		movies[i] = film.Movie{ID: p.ID, Title: p.Title, Year: p.Year, Genres: p.Genres, VoteCount: p.Votes, VoteAverage: p.Average}
	}
	cat, err := film.NewCatalog(movies, nil, nil, 0, film.Releases{}, film.Calendar{})
	if err != nil {
		tb.Fatal(err)
	}
	return cat
}

// load computes the vectors of the profiles at path and returns them with
// the catalogue and a recommender ranked by default.
func load(tb testing.TB, path string) ([]film.Profile, *film.Catalog, *film.Vectors, *recommend.Recommender) {
	tb.Helper()
	profiles := readProfiles(tb, path)
	v, err := recommend.Build(profiles, recommend.DefaultConfig())
	if err != nil {
		tb.Fatal(err)
	}
	cat := catalogOf(tb, profiles)
	r, err := recommend.New(cat, v, nil, recommend.DefaultRanking())
	if err != nil {
		tb.Fatal(err)
	}
	return profiles, cat, v, r
}
