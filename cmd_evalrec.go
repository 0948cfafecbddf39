package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/filmoteca/filmoteca/engine/film"
	"github.com/filmoteca/filmoteca/engine/pipeline"
	"github.com/filmoteca/filmoteca/engine/recommend"
	"github.com/filmoteca/filmoteca/engine/service"
)

// evalRecOptions are evalrec's flags.
type evalRecOptions struct {
	dbPath, ratings, links, users string
	sample, mostVoted             int
	ranking                       *recommend.Ranking // an extra ranking to evaluate; nil: none
	coLikes                       recommend.CoLikeConfig
}

// runEvalRec measures the recommender against baselines on the same
// queries. The model is asked through the service, the code path of
// /recomendacion.
func runEvalRec(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	opts, err := parseEvalRec(args, stderr)
	if err != nil {
		return err
	}
	keep, err := userFilter(opts.users)
	if err != nil {
		return err
	}
	var ratings []recommend.Rating
	var links map[int64]int64
	if opts.ratings != "" {
		if ratings, err = readEvalFile(opts.ratings, recommend.ReadRatings); err != nil {
			return err
		}
		if links, err = readEvalFile(opts.links, recommend.ReadLinks); err != nil {
			return err
		}
	}
	data, err := loadEvalData(ctx, opts.dbPath)
	if err != nil {
		return err
	}
	start := time.Now()
	rebuilt, err := recommend.Build(data.profiles, recommend.DefaultConfig())
	if err != nil {
		return err
	}
	buildTime := time.Since(start)
	methods, judge, err := evalMethods(data, opts.ranking)
	if err != nil {
		return err
	}
	ev, err := recommend.NewEvaluation(data.profiles, data.loaded.Catalog.TitleKeys(), opts.sample, 1)
	if err != nil {
		return err
	}
	methods = append(methods, ev.RandomMethod(1), ev.PopularMethod(), ev.TextTFIDFMethod(), ev.SoupMethod(), ev.BanikMethod())
	fmt.Fprintf(stdout, "%d movies, %d queries; embedding build %.1f s; rebuilt vectors identical to stored: %v\n\n",
		len(data.profiles), len(ev.Queries), buildTime.Seconds(), rebuilt.Equal(data.loaded.Vectors))
	if err := printContentMetrics(stdout, ev, methods, judge, opts.mostVoted); err != nil {
		return err
	}
	if ratings == nil {
		return nil
	}
	cl := recommend.NewCoLikes(data.loaded.Vectors.IDs, ratings, links, keep, opts.coLikes)
	return printCoLikeMetrics(stdout, ev, methods, cl, opts)
}

// parseEvalRec reads evalrec's flags.
func parseEvalRec(args []string, stderr io.Writer) (evalRecOptions, error) {
	fs := newFlagSet("evalrec", "evalrec [--db FILE] [--sample N] [--most-voted N] [--ratings FILE --links FILE [--users all|tune|check]] [--ranking SETTINGS]", stderr)
	opts := evalRecOptions{coLikes: recommend.DefaultCoLikes()}
	fs.StringVar(&opts.dbPath, "db", defaultDBPath, "database file (opened read-only)")
	fs.IntVar(&opts.sample, "sample", 5000, "number of query movies, drawn at random (seeded); 0 for every movie")
	fs.IntVar(&opts.mostVoted, "most-voted", 500, "how many of the most-voted films' lists to read for lists that are one actor's filmography; 0: none")
	fs.StringVar(&opts.ratings, "ratings", "", "MovieLens ratings file (userId,movieId,rating,timestamp): also measure against co-likes")
	fs.StringVar(&opts.links, "links", "", "MovieLens links file (movieId,imdbId,tmdbId), with --ratings")
	fs.StringVar(&opts.users, "users", "all", "whose ratings: all, tune (userId ≡ 1 mod 4) or check (userId ≡ 3 mod 4)")
	ranking := fs.String("ranking", "", "also evaluate the model ranked by these settings (e.g. pool=200,votes=0.5,rating=0.6,m=0.8,q=0,g=1,year=0.45,cast=2)")
	fs.IntVar(&opts.coLikes.MinLikers, "min-likers", opts.coLikes.MinLikers, "likers a query film needs")
	fs.IntVar(&opts.coLikes.MinShared, "min-shared", opts.coLikes.MinShared, "shared likers a co-liked pair needs")
	if err := parseFlags(fs, args); err != nil {
		return opts, err
	}
	if (opts.ratings == "") != (opts.links == "") {
		return opts, fmt.Errorf("evalrec: --ratings and --links go together")
	}
	if *ranking != "" {
		rk, err := recommend.ParseRanking(*ranking)
		if err != nil {
			return opts, err
		}
		opts.ranking = &rk
	}
	return opts, nil
}

// evalData is a built database as evalrec reads it: what the service
// answers from, and the profiles the vectors were computed from.
type evalData struct {
	loaded   *pipeline.Loaded
	profiles []film.Profile
}

// loadEvalData reads the database at dbPath.
func loadEvalData(ctx context.Context, dbPath string) (*evalData, error) {
	loaded, profiles, err := pipeline.OpenWithProfiles(ctx, dbPath)
	if err != nil {
		return nil, err
	}
	return &evalData{loaded: loaded, profiles: profiles}, nil
}

// evalMethods are the variants of the model evalrec compares, each asked
// through the service: the model, the model without its collection
// feature, the ranking before issue 12, and extra when given; and the
// model's recommender, which judges what earned a pick.
func evalMethods(data *evalData, extra *recommend.Ranking) ([]recommend.Method, *recommend.Recommender, error) {
	noCollection := recommend.DefaultConfig()
	noCollection.Weights[recommend.Collection] = 0
	ablation, err := recommend.Build(data.profiles, noCollection)
	if err != nil {
		return nil, nil, err
	}
	type variant struct {
		name    string
		vectors *film.Vectors
		ranking recommend.Ranking
	}
	variants := []variant{
		{"filmoteca (model)", data.loaded.Vectors, recommend.DefaultRanking()},
		{"model without collection", ablation, recommend.DefaultRanking()},
		{"model vectors, ranked as before issue 12 (similarity + 0.05·log votes)", data.loaded.Vectors, recommend.Ranking{Votes: 0.05}},
	}
	if extra != nil {
		variants = append(variants, variant{"model, ranking " + extra.String(), data.loaded.Vectors, *extra})
	}
	var methods []recommend.Method
	var model *recommend.Recommender
	for _, v := range variants {
		rec, err := recommend.New(data.loaded.Catalog, v.vectors, data.loaded.Names, v.ranking)
		if err != nil {
			return nil, nil, err
		}
		if model == nil {
			model = rec
		}
		methods = append(methods, service.New(data.loaded.Catalog, rec).Method(v.name, data.profiles))
	}
	return methods, model, nil
}

// printContentMetrics writes the content metrics of each method as a
// table, with the share of the mostVoted most-voted films' lists that are
// one actor's filmography (more of its picks earned by one cast member
// than the ranking's CastLimit allows), then the first of those lists and
// the model's share in one line.
func printContentMetrics(w io.Writer, ev *recommend.Evaluation, methods []recommend.Method, judge *recommend.Recommender, mostVoted int) error {
	queries := ev.MostVoted(mostVoted)
	fmt.Fprintf(w, "| method | collection hit@5 | genre precision@5 | director/cast overlap@5 | coverage | p50 | p99 | one actor's filmography (%d most voted) |\n", len(queries))
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	var actors []recommend.OneActor
	limit := recommend.DefaultRanking().CastLimit
	for _, m := range methods {
		r, err := ev.Run(m)
		if err != nil {
			return err
		}
		a, err := ev.RunOneActor(m, queries, judge, limit)
		if err != nil {
			return err
		}
		actors = append(actors, a)
		fmt.Fprintf(w, "| %s | %.3f | %.3f | %.3f | %.3f | %s | %s | %s |\n", r.Method, r.CollectionHit, r.GenrePrecision,
			r.PeopleOverlap, r.Coverage, r.P50.Round(10*time.Microsecond), r.P99.Round(10*time.Microsecond), share(a.Crowded, a.Lists))
	}
	if len(queries) == 0 || len(actors) == 0 {
		return nil
	}
	fmt.Fprintf(w, "\none actor's filmography: more than %d of the 5 picks earned mainly by one cast member who shares neither the director nor the collection with the query\n", limit)
	for _, a := range actors {
		if a.Crowded > 0 {
			fmt.Fprintf(w, "  %s, the first by votes: %s\n", a.Method, strings.Join(a.Examples, "; "))
		}
	}
	fmt.Fprintf(w, "%s: lists that are one actor's filmography: %.1f%% of the %d most-voted films\n", actors[0].Method, 100*actors[0].Share(), actors[0].Lists)
	return nil
}

// printCoLikeMetrics writes each method's results against the co-likes,
// then the model's hit@5 over Banik's re-rank.
func printCoLikeMetrics(w io.Writer, ev *recommend.Evaluation, methods []recommend.Method, cl *recommend.CoLikes, opts evalRecOptions) error {
	cfg := opts.coLikes
	fmt.Fprintf(w, "\nco-likes (%s users: %d with a like ≥ %g): %d query films with ≥ %d likers and a co-liked film (≥ %d shared likers), top %d by lift\n\n",
		opts.users, cl.Users, cfg.MinRating, len(cl.Queries), cfg.MinLikers, cfg.MinShared, cfg.Top)
	fmt.Fprintln(w, "| method | hit@5 | recall@5 | nDCG@5 | median votes | coverage |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	hits := map[string]float64{}
	for _, m := range methods {
		r, err := ev.RunCoLikes(m, cl)
		if err != nil {
			return err
		}
		hits[r.Method] = r.Hit
		fmt.Fprintf(w, "| %s | %.3f | %.3f | %.3f | %d | %.3f |\n", r.Method, r.Hit, r.Recall, r.NDCG, r.MedianVotes, r.Coverage)
	}
	model, banik := methods[0].Name, recommend.BanikName
	if hits[banik] > 0 {
		fmt.Fprintf(w, "\n%s ÷ %s, hit@5 (%s users): %.2f×\n", model, banik, opts.users, hits[model]/hits[banik])
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
