package recommend_test

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/filmoteca/filmoteca/engine/enginetest"
	"github.com/filmoteca/filmoteca/engine/recommend"
)

// BenchmarkRecommend measures one recommendation (dense scan, exact
// re-ranking, distinct titles) over the largest data available.
func BenchmarkRecommend(b *testing.B) {
	db := enginetest.Open(b, enginetest.LargestData("../.."))
	e, movies, err := recommend.Load(context.Background(), db)
	if err != nil {
		b.Fatal(err)
	}
	r := recommend.NewRecommender(e, movies)
	var took []time.Duration
	i := 0
	for b.Loop() {
		start := time.Now()
		if _, err := r.Recommend(movies[i%len(movies)].ID, 5); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
		i += 7919
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(len(e.Vectors)*4)/(1<<20), "vectors-MB")
	features := 0
	for _, f := range e.Features {
		features += len(f)
	}
	b.ReportMetric(float64(features*16)/(1<<20), "features-MB") // a Feature is 16 bytes with padding
	b.ReportMetric(float64(len(movies)), "movies")
}

func TestRecommendations(t *testing.T) {
	db := enginetest.Open(t, "../../data")
	e, movies, err := recommend.Load(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	r := recommend.NewRecommender(e, movies)
	titles := map[int64]string{}
	for _, m := range movies {
		titles[m.ID] = m.Title
	}
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
		for _, g := range got {
			if g.ID == q.ID || g.Title == q.Title {
				t.Errorf("%s (%d) recommends itself: %+v", q.Title, q.ID, g)
			}
			if seen[g.Title] {
				t.Errorf("%s: %q recommended twice", q.Title, g.Title)
			}
			seen[g.Title] = true
			if g.Title != titles[g.ID] {
				t.Errorf("%s: recommendation %d carries title %q, want %q", q.Title, g.ID, g.Title, titles[g.ID])
			}
		}
	}
	// A film with an empty overview (The Crossing Guard's neighbour 78802) still gets answers.
	if got, err := r.Recommend(78802, 5); err != nil || len(got) != 5 {
		t.Errorf("movie 78802 (empty overview): %v, %v", got, err)
	}
}

func TestDeterministic(t *testing.T) {
	load := func() *recommend.Embeddings {
		e, _, err := recommend.Load(context.Background(), enginetest.Open(t, "../../testdata/quirks"))
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	a, b := load(), load()
	if !slices.Equal(a.IDs, b.IDs) || !slices.Equal(a.Vectors, b.Vectors) {
		t.Fatal("two builds of the same data stored different vectors")
	}
	for i := range a.Features {
		if !slices.Equal(a.Features[i], b.Features[i]) {
			t.Fatalf("movie %d: different features", a.IDs[i])
		}
	}
}

func TestExactSimilarity(t *testing.T) {
	db := enginetest.Open(t, "../../testdata/quirks")
	e, _, err := recommend.Load(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	for i := range e.IDs {
		if self := e.Exact(i, i); self < 0.999 || self > 1.001 {
			t.Errorf("movie %d: exact self-similarity %v, want 1", e.IDs[i], self)
		}
		for j := 1; j < len(e.Features[i]); j++ {
			if e.Features[i][j-1].Term >= e.Features[i][j].Term {
				t.Fatalf("movie %d: features not sorted", e.IDs[i])
			}
		}
	}
}

// TestToyStoryFindsItsSequels runs on the full-size data when present.
func TestToyStoryFindsItsSequels(t *testing.T) {
	if testing.Short() {
		t.Skip("full-size build skipped in -short mode")
	}
	dir := enginetest.LargestData("../..")
	if filepath.Base(dir) == "data" {
		t.Skip("Toy Story 2 and 3 are not in the shipped sample; ../shared/data/full is absent")
	}
	r, err := recommend.LoadRecommender(context.Background(), enginetest.Open(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.Recommend(862, 5)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, g := range got {
		found = found || g.ID == 863 || g.ID == 10193
	}
	if !found {
		t.Errorf("Toy Story's recommendations lack Toy Story 2 and 3: %+v", got)
	}
}

// TestEvaluation checks the evaluation itself on the shipped data: the
// model must beat random picks and the most popular films on every metric.
func TestEvaluation(t *testing.T) {
	db := enginetest.Open(t, "../../data")
	docs, err := recommend.LoadDocs(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	e, _, err := recommend.Load(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	ev := recommend.NewEvaluation(docs, 400, 1)
	model := ev.Run(recommend.ModelMethod("model", e, docs))
	for _, baseline := range []recommend.Method{recommend.RandomMethod(1), recommend.PopularMethod(docs)} {
		b := ev.Run(baseline)
		if model.CollectionHit <= b.CollectionHit || model.GenrePrecision <= b.GenrePrecision || model.PeopleOverlap <= b.PeopleOverlap {
			t.Errorf("model %+v does not beat %+v", model, b)
		}
	}
	if model.Queries != 400 || model.CollectionCount == 0 {
		t.Errorf("evaluation covered %d queries, %d in collections", model.Queries, model.CollectionCount)
	}
}

func TestCacheAnswersLikeTheScan(t *testing.T) {
	e, movies, err := recommend.Load(context.Background(), enginetest.Open(t, "../../testdata/quirks"))
	if err != nil {
		t.Fatal(err)
	}
	cached := recommend.NewRecommender(e, movies)
	for _, m := range movies {
		first, err := cached.Recommend(m.ID, 5)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := cached.Recommend(m.ID, 5)
		fresh, _ := recommend.NewRecommender(e, movies).Recommend(m.ID, 5)
		if !reflect.DeepEqual(first, again) || !reflect.DeepEqual(first, fresh) {
			t.Errorf("movie %d: cached %v, fresh %v", m.ID, again, fresh)
		}
	}
}
