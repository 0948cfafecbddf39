package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/filmoteca/filmoteca/engine"
	"github.com/filmoteca/filmoteca/engine/recommend"
)

// runEvalRec measures the recommender against baselines on the same queries.
func runEvalRec(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("evalrec", "evalrec [--db FILE] [--sample N]", stderr)
	dbPath := fs.String("db", defaultDBPath, "database file (opened read-only)")
	sample := fs.Int("sample", 5000, "number of query movies, drawn at random (seeded); 0 for every movie")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := engine.OpenReadOnly(*dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	docs, err := recommend.LoadDocs(ctx, db)
	if err != nil {
		return err
	}
	stored, _, err := recommend.Load(ctx, db)
	if err != nil {
		return err
	}
	if !slices.Equal(stored.IDs, docIDs(docs)) {
		return fmt.Errorf("movie_embeddings and movie_features hold different movies; rebuild with `filmoteca etl --force`")
	}

	start := time.Now()
	rebuilt, err := recommend.Build(docs, recommend.DefaultConfig())
	if err != nil {
		return err
	}
	buildTime := time.Since(start)
	deterministic := slices.Equal(rebuilt.Vectors, stored.Vectors)

	noCollection := recommend.DefaultConfig()
	noCollection.Weights[recommend.Collection] = 0
	ablation, err := recommend.Build(docs, noCollection)
	if err != nil {
		return err
	}

	ev := recommend.NewEvaluation(docs, *sample, 1)
	methods := []recommend.Method{
		recommend.ModelMethod("filmoteca (model)", stored, docs),
		recommend.ModelMethod("model without collection", ablation, docs),
		recommend.RandomMethod(1),
		recommend.PopularMethod(docs),
		recommend.TextTFIDFMethod(docs),
		recommend.SoupMethod(docs),
	}
	fmt.Fprintf(stdout, "%d movies, %d queries; embedding build %.1f s (%d dimensions); rebuilt vectors identical to stored: %v\n\n",
		len(docs), len(ev.Queries), buildTime.Seconds(), stored.Dim, deterministic)
	fmt.Fprintln(stdout, "| method | collection hit@5 | genre precision@5 | director/cast overlap@5 | coverage | p50 | p99 |")
	fmt.Fprintln(stdout, "|---|---|---|---|---|---|---|")
	for _, m := range methods {
		r := ev.Run(m)
		fmt.Fprintf(stdout, "| %s | %.3f | %.3f | %.3f | %.3f | %s | %s |\n", r.Method, r.CollectionHit, r.GenrePrecision,
			r.PeopleOverlap, r.Coverage, r.P50.Round(10*time.Microsecond), r.P99.Round(10*time.Microsecond))
	}
	return nil
}

func docIDs(docs []recommend.Doc) []int64 {
	ids := make([]int64, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	return ids
}
