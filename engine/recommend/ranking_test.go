package recommend_test

import (
	"testing"

	"github.com/filmoteca/filmoteca/engine/film"
	"github.com/filmoteca/filmoteca/engine/recommend"
)

func TestParseRanking(t *testing.T) {
	want := recommend.Ranking{Pool: 30, Votes: 0.2, Rating: 0.1, RatingQuantile: 0.5, PoolVotesQuantile: 0.6, SameGenre: true, Year: 0.3, CastLimit: 3}
	got, err := recommend.ParseRanking(want.String())
	if err != nil || got != want {
		t.Fatalf("ParseRanking(%q) = %+v, %v", want.String(), got, err)
	}
	if got, _ := recommend.ParseRanking("votes=0"); got.Pool != recommend.DefaultRanking().Pool || got.Votes != 0 {
		t.Errorf("votes=0 gave %+v", got)
	}
	for _, bad := range []string{"pool", "pool=x", "colour=1"} {
		if _, err := recommend.ParseRanking(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestRankingPrior: four films equally similar to the query (one shared
// feature each); the standing prior orders them by votes, and the one that
// shares no genre with the query leaves the pool.
func TestRankingPrior(t *testing.T) {
	shared := recommend.TermOf(recommend.Keywords, "toy")
	f := []film.Feature{{Term: shared, Weight: 1}}
	v := &film.Vectors{IDs: []int64{1, 2, 3, 4, 5}, Features: [][]film.Feature{f, f, f, f, f}}
	movies := []film.Movie{
		{ID: 1, Title: "a", VoteCount: 100, VoteAverage: 7, Genres: []string{"Animation"}, Year: 1995},
		{ID: 2, Title: "b", VoteCount: 10, VoteAverage: 7, Genres: []string{"Animation"}, Year: 1995},
		{ID: 3, Title: "c", VoteCount: 1000, VoteAverage: 7, Genres: []string{"Animation"}, Year: 1995},
		{ID: 4, Title: "d", VoteCount: 5000, VoteAverage: 7, Genres: []string{"Western"}, Year: 1995}, // no shared genre
		{ID: 5, Title: "e", VoteCount: 500, VoteAverage: 7, Genres: []string{"Animation", "Western"}, Year: 1995},
	}
	cat, err := film.NewCatalog(movies, nil, nil, 0, film.Releases{}, film.Calendar{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := recommend.New(cat, v, nil, recommend.Ranking{Pool: 10, Votes: 0.5, RatingQuantile: 0.8, SameGenre: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.Recommend(1, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].MovieID != 3 || got[1].MovieID != 5 {
		t.Fatalf("got %+v, want films 3 then 5 (film 4 shares no genre)", got)
	}
	// Asking for more than the films sharing a genre keeps the others.
	if got, _ := r.Recommend(1, 4); len(got) != 4 || got[0].MovieID != 4 {
		t.Fatalf("got %+v, want 4 films, the most voted first", got)
	}
}
