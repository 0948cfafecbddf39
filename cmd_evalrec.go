package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
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
	fs := newFlagSet("evalrec", "evalrec [--db FILE] [--sample N] [--ratings FILE --links FILE [--users all|tune|check]] [--ranking SETTINGS]", stderr)
	dbPath := fs.String("db", defaultDBPath, "database file (opened read-only)")
	sample := fs.Int("sample", 5000, "number of query movies, drawn at random (seeded); 0 for every movie")
	ratingsPath := fs.String("ratings", "", "MovieLens ratings file (userId,movieId,rating,timestamp): also measure against co-likes")
	linksPath := fs.String("links", "", "MovieLens links file (movieId,imdbId,tmdbId), with --ratings")
	users := fs.String("users", "all", "whose ratings: all, tune (userId ≡ 1 mod 4) or check (userId ≡ 3 mod 4)")
	ranking := fs.String("ranking", "", "also evaluate the model ranked by these settings (e.g. pool=200,votes=0.5,rating=0.6,m=0.8,q=0,g=1,year=0.45)")
	minLikers := fs.Int("min-likers", recommend.DefaultCoLikes().MinLikers, "likers a query film needs")
	minShared := fs.Int("min-shared", recommend.DefaultCoLikes().MinShared, "shared likers a co-liked pair needs")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if (*ratingsPath == "") != (*linksPath == "") {
		return fmt.Errorf("evalrec: --ratings and --links go together")
	}
	keep, err := userFilter(*users)
	if err != nil {
		return err
	}
	var extra *recommend.Ranking
	if *ranking != "" {
		k, err := recommend.ParseRanking(*ranking)
		if err != nil {
			return err
		}
		extra = &k
	}
	var ratings []recommend.Rating
	var links map[int64]int64
	if *ratingsPath != "" {
		if ratings, err = readEvalFile(*ratingsPath, recommend.ReadRatings); err != nil {
			return err
		}
		if links, err = readEvalFile(*linksPath, recommend.ReadLinks); err != nil {
			return err
		}
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
	deterministic := rebuilt.Equal(stored)

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

	previous, err := service.NewRanked(cat, stored, recommend.Ranking{Votes: 0.05})
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
		serviceMethod("model vectors, ranked as before issue 12 (similarity + 0.05·log votes)", previous, docs),
	}
	if extra != nil {
		other, err := service.NewRanked(cat, stored, *extra)
		if err != nil {
			return err
		}
		methods = append(methods, serviceMethod("model, ranking "+extra.String(), other, docs))
	}
	methods = append(methods,
		ev.RandomMethod(1),
		ev.PopularMethod(),
		ev.TextTFIDFMethod(),
		ev.SoupMethod(),
		ev.BanikMethod(),
	)
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
	if ratings == nil {
		return nil
	}
	cfg := recommend.DefaultCoLikes()
	cfg.MinLikers, cfg.MinShared = *minLikers, *minShared
	cl := recommend.NewCoLikes(docIDs(docs), ratings, links, keep, cfg)
	fmt.Fprintf(stdout, "\nco-likes (%s users: %d with a like ≥ %g): %d query films with ≥ %d likers and a co-liked film (≥ %d shared likers), top %d by lift\n\n",
		*users, cl.Users, cfg.MinRating, len(cl.Queries), cfg.MinLikers, cfg.MinShared, cfg.Top)
	fmt.Fprintln(stdout, "| method | hit@5 | recall@5 | nDCG@5 | median votes | coverage |")
	fmt.Fprintln(stdout, "|---|---|---|---|---|---|")
	hits := map[string]float64{}
	for _, m := range methods {
		r, err := ev.RunCoLikes(m, cl)
		if err != nil {
			return err
		}
		hits[r.Method] = r.Hit
		fmt.Fprintf(stdout, "| %s | %.3f | %.3f | %.3f | %d | %.3f |\n", r.Method, r.Hit, r.Recall, r.NDCG, r.MedianVotes, r.Coverage)
	}
	model, banik := methods[0].Name, ev.BanikMethod().Name
	if hits[banik] > 0 {
		fmt.Fprintf(stdout, "\n%s ÷ %s, hit@5 (%s users): %.2f×\n", model, banik, *users, hits[model]/hits[banik])
	}
	return nil
}

// userFilter selects the users of a ratings file: all, or one of two
// halves of the development users (odd ids): tune (id ≡ 1 mod 4) to choose
// settings, check (id ≡ 3 mod 4) to see that they generalise.
func userFilter(which string) (func(int64) bool, error) {
	switch which {
	case "all":
		return nil, nil
	case "tune":
		return func(u int64) bool { return u%4 == 1 }, nil
	case "check":
		return func(u int64) bool { return u%4 == 3 }, nil
	}
	return nil, fmt.Errorf("evalrec: --users %q: want all, tune or check", which)
}

// readEvalFile opens path and reads it with read.
func readEvalFile[T any](path string, read func(io.Reader, string) (T, error)) (T, error) {
	var zero T
	f, err := os.Open(path)
	if err != nil {
		return zero, fmt.Errorf("evalrec: %w", err)
	}
	defer f.Close()
	return read(f, path)
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
