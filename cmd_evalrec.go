package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"time"

	"github.com/filmoteca/filmoteca/engine/recommend"
	"github.com/filmoteca/filmoteca/engine/service"
	"github.com/filmoteca/filmoteca/engine/store"
)

// runEvalRec measures the recommender against baselines on the same
// queries. The model is asked through the service, the code path of
// /recomendacion.
func runEvalRec(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("evalrec", "evalrec [--db FILE] [--sample N]", stderr)
	dbPath := fs.String("db", defaultDBPath, "database file (opened read-only)")
	sample := fs.Int("sample", 5000, "number of query movies, drawn at random (seeded); 0 for every movie")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	svc, err := loadService(ctx, *dbPath, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	db, err := store.Open(*dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	docs, err := db.Docs(ctx)
	if err != nil {
		return err
	}
	stored, err := db.Embeddings(ctx)
	if err != nil {
		return err
	}
	cat := svc.Catalog()
	if !slices.Equal(stored.IDs, docIDs(docs)) || cat.Len() != len(docs) {
		return fmt.Errorf("movie_embeddings, movie_features and movies hold different movies; rebuild with `filmoteca etl --force`")
	}

	start := time.Now()
	rebuilt, err := recommend.Build(docs, recommend.DefaultConfig())
	if err != nil {
		return err
	}
	buildTime := time.Since(start)
	deterministic := slices.Equal(rebuilt.Text, stored.Text)

	noCollection := recommend.DefaultConfig()
	noCollection.Weights[recommend.Collection] = 0
	ablation, err := recommend.Build(docs, noCollection)
	if err != nil {
		return err
	}
	ablationSvc, err := service.New(cat, ablation)
	if err != nil {
		return err
	}

	ev, err := recommend.NewEvaluation(docs, cat.TitleKeys(), *sample, 1)
	if err != nil {
		return err
	}
	methods := []recommend.Method{
		serviceMethod("filmoteca (model)", svc, docs),
		serviceMethod("model without collection", ablationSvc, docs),
		ev.RandomMethod(1),
		ev.PopularMethod(),
		ev.TextTFIDFMethod(),
		ev.SoupMethod(),
	}
	fmt.Fprintf(stdout, "%d movies, %d queries; embedding build %.1f s; rebuilt vectors identical to stored: %v\n\n",
		len(docs), len(ev.Queries), buildTime.Seconds(), deterministic)
	fmt.Fprintln(stdout, "| method | collection hit@5 | genre precision@5 | director/cast overlap@5 | coverage | p50 | p99 |")
	fmt.Fprintln(stdout, "|---|---|---|---|---|---|---|")
	for _, m := range methods {
		r, err := ev.Run(m)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "| %s | %.3f | %.3f | %.3f | %.3f | %s | %s |\n", r.Method, r.CollectionHit, r.GenrePrecision,
			r.PeopleOverlap, r.Coverage, r.P50.Round(10*time.Microsecond), r.P99.Round(10*time.Microsecond))
	}
	return nil
}

// serviceMethod evaluates the recommendations the service answers (docs[i]
// is the movie at position i).
func serviceMethod(name string, svc *service.Service, docs []recommend.Doc) recommend.Method {
	pos := make(map[int64]int, len(docs))
	for i, d := range docs {
		pos[d.ID] = i
	}
	return recommend.Method{Name: name, Recommend: func(q, n int) ([]int, error) {
		answer, err := svc.RecommendMovie(docs[q].ID)
		if err != nil {
			return nil, err
		}
		out := make([]int, 0, n)
		for _, d := range answer.Detalle[:min(n, len(answer.Detalle))] {
			out = append(out, pos[d.ID])
		}
		return out, nil
	}}
}

func docIDs(docs []recommend.Doc) []int64 {
	ids := make([]int64, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	return ids
}
