package recommend_test

import (
	"reflect"
	"testing"

	"github.com/filmoteca/filmoteca/engine/film"
	"github.com/filmoteca/filmoteca/engine/recommend"
)

// TestCastLimit is the diversity rule on a hand-made list. The query, film
// 1, has Kate Winslet (204) and Leonardo DiCaprio (6193) in its cast, James
// Cameron (2710) as director, the keyword shipwreck, the genre Drama
// (weights 0.5, 0.5, 0.5, 0.5, 0.1). Ranked by similarity + log(1+votes) /
// log(1+10000):
//
//	film  shares (its weights)           similarity  votes  score   earned by
//	2     Winslet 0.8, Drama 0.2         0.42        5000   1.3448  Winslet
//	3     Winslet 0.8, Drama 0.2         0.42        4000   1.3205  Winslet
//	6     Winslet 0.8, Cameron 0.8       0.80         100   1.3011  — (the director)
//	4     Winslet 0.8, Drama 0.2         0.42        3000   1.2893  Winslet
//	5     Winslet 0.8, Drama 0.2         0.42        2000   1.2453  Winslet
//	7     shipwreck 0.8, Winslet 0.4     0.60         200   1.1758  — (the keyword: 0.4 > 0.2)
//	8     DiCaprio 0.8, Drama 0.2        0.42        1000   1.1701  DiCaprio
//
// Without the rule the 5 are 2, 3, 6, 4, 5: four picks earned by Winslet.
// With at most 2 per cast member, 4 and 5 are passed over for 7 and 8; a
// list of 6 has too few others, so 4, the best passed over, comes back in
// its place (with at most 1, 3 comes back).
func TestCastLimit(t *testing.T) {
	term := recommend.TermOf
	winslet, dicaprio := term(recommend.Cast, "204"), term(recommend.Cast, "6193")
	cameron, ship, drama := term(recommend.Directors, "2710"), term(recommend.Keywords, "2580"), term(recommend.Genres, "Drama")
	features := func(fs ...film.Feature) []film.Feature {
		// Vectors hold each film's features sorted by term.
		for i := 1; i < len(fs); i++ {
			for j := i; j > 0 && fs[j].Term < fs[j-1].Term; j-- {
				fs[j], fs[j-1] = fs[j-1], fs[j]
			}
		}
		return fs
	}
	actorFilm := func(actor uint64) []film.Feature {
		return features(film.Feature{Term: actor, Weight: 0.8}, film.Feature{Term: drama, Weight: 0.2})
	}
	v := &film.Vectors{IDs: []int64{1, 2, 3, 4, 5, 6, 7, 8}, Features: [][]film.Feature{
		features(film.Feature{Term: winslet, Weight: 0.5}, film.Feature{Term: dicaprio, Weight: 0.5},
			film.Feature{Term: cameron, Weight: 0.5}, film.Feature{Term: ship, Weight: 0.5}, film.Feature{Term: drama, Weight: 0.1}),
		actorFilm(winslet), actorFilm(winslet), actorFilm(winslet), actorFilm(winslet),
		features(film.Feature{Term: winslet, Weight: 0.8}, film.Feature{Term: cameron, Weight: 0.8}),
		features(film.Feature{Term: ship, Weight: 0.8}, film.Feature{Term: winslet, Weight: 0.4}),
		actorFilm(dicaprio),
	}}
	votes := []int64{10000, 5000, 4000, 3000, 2000, 100, 200, 1000}
	movies := make([]film.Movie, len(votes))
	for i, n := range votes {
		movies[i] = film.Movie{ID: int64(i + 1), Title: string(rune('a' + i)), VoteCount: n, VoteAverage: 7, Genres: []string{"Drama"}}
	}
	cat, err := film.NewCatalog(movies, nil, nil, 0, film.Releases{}, film.Calendar{})
	if err != nil {
		t.Fatal(err)
	}
	names := []film.FeatureName{
		{Group: "person", Value: "204", Name: "Kate Winslet"},
		{Group: "person", Value: "6193", Name: "Leonardo DiCaprio"},
		{Group: "person", Value: "2710", Name: "James Cameron"},
		{Group: "keyword", Value: "2580", Name: "shipwreck"},
		{Group: "genre", Value: "Drama", Name: "Drama"},
	}
	ids := func(r *recommend.Recommender, n int) []int64 {
		t.Helper()
		got, err := r.Recommend(1, n)
		if err != nil {
			t.Fatal(err)
		}
		out := make([]int64, len(got))
		for i, g := range got {
			out[i] = g.MovieID
		}
		return out
	}
	for _, c := range []struct {
		name       string
		limit, n   int
		want       []int64
		mostPicks  int
		mostEarned string
	}{
		{"no limit", 0, 5, []int64{2, 3, 6, 4, 5}, 4, "Kate Winslet"},
		{"at most 2", 2, 5, []int64{2, 3, 6, 7, 8}, 2, "Kate Winslet"},
		{"at most 2, too few others", 2, 6, []int64{2, 3, 6, 4, 7, 8}, 3, "Kate Winslet"},
		{"at most 1, too few others", 1, 5, []int64{2, 3, 6, 7, 8}, 2, "Kate Winslet"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rk := recommend.Ranking{Pool: 10, Votes: 1, RatingQuantile: 0.8, CastLimit: c.limit}
			r, err := recommend.New(cat, v, names, rk)
			if err != nil {
				t.Fatal(err)
			}
			got := ids(r, c.n)
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("Recommend(1, %d) = %v, want %v", c.n, got, c.want)
			}
			if name, count := r.MostCastPicks(1, got); name != c.mostEarned || count != c.mostPicks {
				t.Errorf("MostCastPicks = %s ×%d, want %s ×%d", name, count, c.mostEarned, c.mostPicks)
			}
		})
	}

	// The measure: without the rule, the list of the most-voted film (1,
	// titled "a") is Kate Winslet's filmography, 4 of its 5 picks.
	profiles := make([]film.Profile, len(movies))
	for i, m := range movies {
		profiles[i] = film.Profile{ID: m.ID, Title: m.Title, Votes: m.VoteCount}
	}
	keys := make([]string, len(movies))
	for i, m := range movies {
		keys[i] = m.Title
	}
	ev, err := recommend.NewEvaluation(profiles, keys, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	judge, err := recommend.New(cat, v, names, recommend.Ranking{Pool: 10, Votes: 1, RatingQuantile: 0.8})
	if err != nil {
		t.Fatal(err)
	}
	method := recommend.Method{Name: "no limit", Recommend: func(q, n int) ([]int, error) {
		got, err := judge.Recommend(profiles[q].ID, n)
		out := make([]int, len(got))
		for i, g := range got {
			out[i] = int(g.MovieID - 1)
		}
		return out, err
	}}
	if top := ev.MostVoted(2); !reflect.DeepEqual(top, []int{0, 1}) {
		t.Fatalf("MostVoted(2) = %v, want [0 1]", top)
	}
	got, err := ev.RunOneActor(method, ev.MostVoted(1), judge, 2)
	if err != nil {
		t.Fatal(err)
	}
	if got.Lists != 1 || got.Crowded != 1 || got.Share() != 1 || !reflect.DeepEqual(got.Examples, []string{"a → Kate Winslet ×4"}) {
		t.Errorf("RunOneActor = %+v, want film a's list, Kate Winslet ×4", got)
	}
}
