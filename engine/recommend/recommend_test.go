package recommend_test

import (
	"math"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/filmoteca/filmoteca/engine/film"
	"github.com/filmoteca/filmoteca/engine/recommend"
)

func TestRecommendations(t *testing.T) {
	_, cat, _, r := load(t, sampleProfiles)
	movies := cat.Movies()
	for i := 0; i < len(movies); i += 97 {
		q := movies[i]
		got, err := r.Recommend(q.ID, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 5 {
			t.Fatalf("%s: %d recommendations, want 5", q.Title, len(got))
		}
		seen := map[string]bool{}
		prev := float32(math.Inf(1))
		for _, g := range got {
			m, ok := cat.Movie(g.MovieID)
			if !ok {
				t.Fatalf("%s: recommends unknown movie %d", q.Title, g.MovieID)
			}
			if g.MovieID == q.ID || m.Title == q.Title {
				t.Errorf("%s (%d) recommends itself: %+v", q.Title, q.ID, g)
			}
			if seen[m.Title] {
				t.Errorf("%s: %q recommended twice", q.Title, m.Title)
			}
			seen[m.Title] = true
			if g.Score > prev {
				t.Errorf("%s: not in ranking order: %v after %v", q.Title, g.Score, prev)
			}
			prev = g.Score
		}
	}
	// A film with an empty overview (The Crossing Guard's neighbour 78802) still gets answers.
	if got, err := r.Recommend(78802, 5); err != nil || len(got) != 5 {
		t.Errorf("movie 78802 (empty overview): %v, %v", got, err)
	}
	if _, err := r.Recommend(-1, 5); err == nil {
		t.Error("an unknown movie got recommendations")
	}
}

// TestExactScan checks the inverted index against the pairwise exact
// similarity: every pair of films of the quirks, computed both ways.
func TestExactScan(t *testing.T) {
	_, _, v, _ := load(t, quirksProfiles)
	similarities := recommend.Similarities(v)
	sims := make([]float32, v.Len())
	for q := range v.IDs {
		similarities(q, sims)
		for j := range v.IDs {
			if want := recommend.Exact(v, q, j); sims[j] < want-1e-5 || sims[j] > want+1e-5 {
				t.Fatalf("movies %d and %d: index says %v, exact %v", v.IDs[q], v.IDs[j], sims[j], want)
			}
		}
	}
}

// TestDeterministic: the same profiles give the same vectors, bit for bit,
// whatever the number of CPUs the work is split among.
func TestDeterministic(t *testing.T) {
	profiles := readProfiles(t, sampleProfiles)
	build := func(procs int) *film.Vectors {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		v, err := recommend.Build(profiles, recommend.DefaultConfig())
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	one, four := build(1), build(4)
	if !one.Equal(four) || !one.Equal(build(1)) {
		t.Fatal("the same profiles gave different vectors")
	}
	other := recommend.DefaultConfig()
	other.Weights[recommend.Keywords] = 0.5
	changed, err := recommend.Build(profiles, other)
	if err != nil {
		t.Fatal(err)
	}
	if one.Equal(changed) {
		t.Fatal("another keyword weight gave the same vectors: Equal cannot tell them apart")
	}
}

func TestUnitVectors(t *testing.T) {
	_, _, v, _ := load(t, quirksProfiles)
	for i := range v.IDs {
		if self := recommend.Exact(v, i, i); self < 0.999 || self > 1.001 {
			t.Errorf("movie %d: exact self-similarity %v, want 1", v.IDs[i], self)
		}
		for j := 1; j < len(v.Features[i]); j++ {
			if v.Features[i][j-1].Term >= v.Features[i][j].Term {
				t.Fatalf("movie %d: features not sorted", v.IDs[i])
			}
		}
	}
}

func TestBuildRefusesUnsortedOrEmpty(t *testing.T) {
	if _, err := recommend.Build(nil, recommend.DefaultConfig()); err == nil {
		t.Error("no profiles: no error")
	}
	profiles := []film.Profile{{ID: 2, Genres: []string{"Drama"}}, {ID: 1, Genres: []string{"Drama"}}}
	if _, err := recommend.Build(profiles, recommend.DefaultConfig()); err == nil {
		t.Error("profiles not sorted by id: no error")
	}
}

// TestEvaluation checks the evaluation itself on the shipped data: the
// model must beat random picks and the most popular films on every metric.
func TestEvaluation(t *testing.T) {
	profiles, cat, _, r := load(t, sampleProfiles)
	ev, err := recommend.NewEvaluation(profiles, cat.TitleKeys(), 400, 1)
	if err != nil {
		t.Fatal(err)
	}
	position := map[int64]int{}
	for i, p := range profiles {
		position[p.ID] = i
	}
	model := recommend.Method{Name: "model", Recommend: func(q, n int) ([]int, error) {
		got, err := r.Recommend(profiles[q].ID, n)
		out := make([]int, len(got))
		for i, g := range got {
			out[i] = position[g.MovieID]
		}
		return out, err
	}}
	m, err := ev.Run(model)
	if err != nil {
		t.Fatal(err)
	}
	for _, baseline := range []recommend.Method{ev.RandomMethod(1), ev.PopularMethod()} {
		b, err := ev.Run(baseline)
		if err != nil {
			t.Fatal(err)
		}
		if m.CollectionHit <= b.CollectionHit || m.GenrePrecision <= b.GenrePrecision || m.PeopleOverlap <= b.PeopleOverlap {
			t.Errorf("model %+v does not beat %+v", m, b)
		}
	}
	if m.Queries != 400 || m.CollectionCount == 0 {
		t.Errorf("evaluation covered %d queries, %d in collections", m.Queries, m.CollectionCount)
	}
}

func TestCacheAnswersLikeTheScan(t *testing.T) {
	_, cat, v, cached := load(t, quirksProfiles)
	for _, m := range cat.Movies() {
		first, err := cached.Recommend(m.ID, 5)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := cached.Recommend(m.ID, 5)
		fresh, err := recommend.New(cat, v, nil, recommend.DefaultRanking())
		if err != nil {
			t.Fatal(err)
		}
		answer, _ := fresh.Recommend(m.ID, 5)
		if !reflect.DeepEqual(first, again) || !reflect.DeepEqual(first, answer) {
			t.Errorf("movie %d: cached %v, fresh %v", m.ID, again, answer)
		}
	}
}

// TestSharedFeatures: two films sharing a director and a genre; the
// director, named, contributes more than the genre (its weight is larger
// and rarer), and an unnamed shared feature is left out.
func TestSharedFeatures(t *testing.T) {
	profiles := []film.Profile{
		{ID: 1, Title: "A", Genres: []string{"Drama"}, Directors: []string{"7879"}, Era: "1990s"},
		{ID: 2, Title: "B", Genres: []string{"Drama"}, Directors: []string{"7879"}, Era: "1990s"},
		{ID: 3, Title: "C", Genres: []string{"Drama", "Comedy"}, Era: "1990s"},
		{ID: 4, Title: "D", Genres: []string{"Comedy"}, Directors: []string{"1"}, Era: "2000s"},
		{ID: 5, Title: "E", Genres: []string{"Comedy"}, Directors: []string{"1"}, Era: "2000s"},
	}
	v, err := recommend.Build(profiles, recommend.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	names := []film.FeatureName{
		{Group: "genre", Value: "Drama", Name: "Drama"},
		{Group: "person", Value: "7879", Name: "John Lasseter"},
	}
	r, err := recommend.New(catalogOf(t, profiles), v, names, recommend.DefaultRanking())
	if err != nil {
		t.Fatal(err)
	}
	got := r.SharedFeatures(1, 2)
	if len(got) != 2 || got[0].Name != "John Lasseter" || got[0].Group != recommend.Directors ||
		got[1].Name != "Drama" || got[1].Group != recommend.Genres || got[0].Contribution <= got[1].Contribution {
		t.Fatalf("SharedFeatures(1, 2) = %+v, want the director, then the genre (the era is unnamed)", got)
	}
	if got := r.SharedFeatures(1, 99); got != nil {
		t.Errorf("an unknown film shares %+v", got)
	}
	unknown := append(names, film.FeatureName{Group: "people", Value: "7879", Name: "John Lasseter"})
	if _, err := recommend.New(catalogOf(t, profiles), v, unknown, recommend.DefaultRanking()); err == nil || !strings.Contains(err.Error(), `"people"`) {
		t.Errorf("names of a group no feature reads: err = %v, want one naming the group", err)
	}
}

// TestNewChecksTheVectorsMatchTheCatalogue: vectors of other films are refused.
func TestNewChecksTheVectorsMatchTheCatalogue(t *testing.T) {
	profiles, cat, v, _ := load(t, quirksProfiles)
	fewer, err := recommend.Build(profiles[1:], recommend.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := recommend.New(cat, fewer, nil, recommend.DefaultRanking()); err == nil {
		t.Error("vectors of one film fewer: no error")
	}
	shifted := &film.Vectors{IDs: append([]int64{-1}, v.IDs[1:]...), Features: v.Features}
	if _, err := recommend.New(cat, shifted, nil, recommend.DefaultRanking()); err == nil {
		t.Error("vectors of another film: no error")
	}
}
