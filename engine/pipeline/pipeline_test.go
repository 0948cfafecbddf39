package pipeline_test

import (
	"context"
	"math"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/filmoteca/filmoteca/engine/enginetest"
	"github.com/filmoteca/filmoteca/engine/film"
	"github.com/filmoteca/filmoteca/engine/pipeline"
	"github.com/filmoteca/filmoteca/engine/recommend"
	"github.com/filmoteca/filmoteca/engine/store"
)

// TestVectorsStep: the build stores, for every film, the vectors
// recommend.Build computes from the profiles the build wrote, bit for bit,
// and the configuration that computed them.
func TestVectorsStep(t *testing.T) {
	db := enginetest.Open(t, "../../data")
	ctx := context.Background()
	loaded, err := pipeline.Load(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	profiles, err := db.Profiles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want, err := recommend.Build(profiles, recommend.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	if loaded.Vectors.Len() != 2993 || !loaded.Vectors.Equal(want) {
		t.Fatalf("stored %d vectors, not those recommend.Build computes from the stored profiles", loaded.Vectors.Len())
	}
	config, err := db.Query(ctx, "SELECT configuration FROM embedding_config")
	if err != nil {
		t.Fatal(err)
	}
	if got := config.Rows[0][0]; got != recommend.DefaultConfig().String() {
		t.Errorf("embedding_config = %v, want %s", got, recommend.DefaultConfig())
	}
	if _, err := loaded.Service(); err != nil {
		t.Fatal(err)
	}
}

// TestSimilarMoviesMacro: analysts compare films in a plain DuckDB shell
// with similar_movies(); it gives the cosine similarity of the stored
// vectors (the sum of the products of the weights of shared features).
func TestSimilarMoviesMacro(t *testing.T) {
	db := enginetest.Open(t, "../../testdata/quirks")
	ctx := context.Background()
	v, err := db.Vectors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(ctx, "SELECT movie_id, similarity FROM similar_movies(862)")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows.Rows) != v.Len()-1 {
		t.Fatalf("similar_movies(862) has %d rows, want %d", len(rows.Rows), v.Len()-1)
	}
	toyStory := v.Features[slices.Index(v.IDs, 862)]
	for _, row := range rows.Rows {
		other := v.Features[slices.Index(v.IDs, row[0].(int64))]
		if want, got := cosine(toyStory, other), row[1].(float64); math.Abs(got-want) > 1e-5 {
			t.Errorf("similar_movies(862): movie %d at %v, the vectors say %v", row[0], got, want)
		}
	}
	none, err := db.Query(ctx, "SELECT count(*) FROM similar_movies(-1)")
	if err != nil || none.Rows[0][0].(int64) != 0 {
		t.Errorf("similar_movies of an unknown film: %v, %v; want no rows", none, err)
	}
}

// cosine is the inner product of two unit vectors given as term-sorted features.
func cosine(a, b []film.Feature) float64 {
	var s float64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].Term < b[j].Term:
			i++
		case a[i].Term > b[j].Term:
			j++
		default:
			s += float64(a[i].Weight) * float64(b[j].Weight)
			i, j = i+1, j+1
		}
	}
	return s
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
	r := recommender(t, enginetest.Open(t, dir))
	got, err := r.Recommend(862, 5)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, g := range got {
		found = found || g.MovieID == 863 || g.MovieID == 10193
	}
	if !found {
		t.Errorf("Toy Story's recommendations lack Toy Story 2 and 3: %+v", got)
	}
}

// recommender loads db's recommender, ranked by default.
func recommender(tb testing.TB, db *store.DB) *recommend.Recommender {
	tb.Helper()
	loaded, err := pipeline.Load(context.Background(), db)
	if err != nil {
		tb.Fatal(err)
	}
	r, err := loaded.Recommender(recommend.DefaultRanking())
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// BenchmarkLoad measures what a server does to serve a build, when it
// starts and at every swap (pipeline.Open, then the service): the database
// read into memory, the search indexes and the recommender made. B/op is
// what one load allocates: the garbage a swap adds beside two builds.
func BenchmarkLoad(b *testing.B) {
	path := enginetest.Build(b, enginetest.LargestData("../.."))
	b.ReportAllocs()
	for b.Loop() {
		loaded, err := pipeline.Open(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := loaded.Service(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecommend measures one uncached recommendation (exact cosine
// with every film, ranking, distinct titles) over the largest data available.
func BenchmarkRecommend(b *testing.B) {
	db := enginetest.Open(b, enginetest.LargestData("../.."))
	loaded, err := pipeline.Load(context.Background(), db)
	if err != nil {
		b.Fatal(err)
	}
	r, err := loaded.Recommender(recommend.DefaultRanking())
	if err != nil {
		b.Fatal(err)
	}
	movies := loaded.Catalog.Movies()
	var took []time.Duration
	i := 0
	for b.Loop() {
		start := time.Now()
		// A new recommender each time would rebuild the index: instead, ask
		// for a different film every time, and for 5 or 6 films on
		// alternate rounds of the catalogue, so that a key comes back only
		// after twice the catalogue, more than the cache holds.
		n := 5 + i/len(movies)%2
		if _, err := r.Recommend(movies[i*7919%len(movies)].ID, n); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
		i++
	}
	if hits, _ := r.CacheStats(); hits > 0 {
		b.Fatalf("%d answers came from the cache", hits)
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
	features := 0
	for _, f := range loaded.Vectors.Features {
		features += len(f)
	}
	// A Feature is 16 bytes with padding; the inverted index holds 8 more per feature.
	b.ReportMetric(float64(features*(16+8))/(1<<20), "features-MB")
	b.ReportMetric(float64(len(movies)), "movies")
}
