// Package pipeline joins the engine's parts the way every command uses
// them: a build is the store's SQL steps with the recommender's vectors as
// its Go step (Build), and a built database is loaded into memory (Open,
// Load) for the service that answers from it. It is the one package where
// the store and the recommender meet, so that neither imports the other.
package pipeline

import (
	"context"
	"fmt"
	"runtime/debug"
	"slices"
	"time"

	"github.com/filmoteca/filmoteca/engine/film"
	"github.com/filmoteca/filmoteca/engine/recommend"
	"github.com/filmoteca/filmoteca/engine/service"
	"github.com/filmoteca/filmoteca/engine/store"
)

// vectorsVersion changes whenever recommend's code changes the vectors it
// computes from the same profiles and configuration: with the
// configuration, it is part of the build's fingerprint.
const vectorsVersion = "1"

// Build is store.Build with the recommender's vectors (default
// configuration) as the build's last step.
func Build(ctx context.Context, opts store.BuildOptions) (*store.BuildReport, error) {
	opts.GoSteps = append(opts.GoSteps, vectorsStep(recommend.DefaultConfig()))
	return store.Build(ctx, opts)
}

// vectorsStep is the build's Go step that reads what the recommender knows
// of each film (movie_features), computes the vectors with cfg, and stores
// them (movie_embeddings).
func vectorsStep(cfg recommend.Config) store.GoStep {
	return store.GoStep{
		Name:    "vectors",
		Version: "recommend " + vectorsVersion + " " + cfg.String(),
		Run: func(ctx context.Context, db *store.BuildDB) error {
			start := time.Now()
			profiles, err := db.Profiles(ctx)
			if err != nil {
				return err
			}
			db.Progress(0.1)
			read := time.Now()
			v, err := recommend.Build(profiles, cfg)
			if err != nil {
				return err
			}
			profiles = nil // the text is the largest part of the build's Go memory
			db.Progress(0.9)
			computed := time.Now()
			if err := db.WriteVectors(ctx, v, cfg.String()); err != nil {
				return err
			}
			db.Log().Debug("vectors", "read_seconds", fmt.Sprintf("%.2f", read.Sub(start).Seconds()),
				"compute_seconds", fmt.Sprintf("%.2f", computed.Sub(read).Seconds()), "write_seconds", fmt.Sprintf("%.2f", time.Since(computed).Seconds()))
			db.Log().Info("vectors", "movies", v.Len(), "seconds", fmt.Sprintf("%.2f", time.Since(start).Seconds()))
			return nil
		},
	}
}

// Loaded is a built database's content in memory: what the service
// answers from.
type Loaded struct {
	Catalog *film.Catalog
	Vectors *film.Vectors
	Names   []film.FeatureName // the readable names of the vectors' features
	Build   store.BuildInfo    // what the database says of its build
}

// Open opens the database at path read-only, loads it, and closes it:
// every answer then comes from memory, and no request can reach the file.
func Open(ctx context.Context, path string) (*Loaded, error) {
	db, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	// One load after the other, with the garbage collected early: loading
	// is the server's memory peak (every value the driver reads is boxed),
	// and this keeps it lower for a few tenths of a second.
	defer debug.SetGCPercent(debug.SetGCPercent(20))
	return Load(ctx, db)
}

// OpenWithProfiles is Open plus the profiles the vectors were computed
// from, what the recommender's evaluations read, checked to describe the
// same films as the catalogue and the vectors.
func OpenWithProfiles(ctx context.Context, path string) (*Loaded, []film.Profile, error) {
	db, err := store.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer db.Close()
	loaded, err := Load(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	profiles, err := db.Profiles(ctx)
	if err != nil {
		return nil, nil, err
	}
	ids := make([]int64, len(profiles))
	for i, p := range profiles {
		ids[i] = p.ID
	}
	if !slices.Equal(loaded.Vectors.IDs, ids) || loaded.Catalog.Len() != len(profiles) {
		return nil, nil, fmt.Errorf("pipeline: movie_embeddings, movie_features and movies of %s hold different movies; rebuild with `filmoteca etl --force`", path)
	}
	return loaded, profiles, nil
}

// Load reads the vectors, the catalogue, the feature names and the lineage
// of db.
func Load(ctx context.Context, db *store.DB) (*Loaded, error) {
	build, err := db.Lineage(ctx)
	if err != nil {
		return nil, err
	}
	v, err := db.Vectors(ctx)
	if err != nil {
		return nil, err
	}
	cat, err := db.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	names, err := db.FeatureNames(ctx)
	if err != nil {
		return nil, err
	}
	return &Loaded{Catalog: cat, Vectors: v, Names: names, Build: build}, nil
}

// Recommender returns a recommender over the loaded films, ranked by rk.
func (l *Loaded) Recommender(rk recommend.Ranking) (*recommend.Recommender, error) {
	rec, err := recommend.New(l.Catalog, l.Vectors, l.Names, rk)
	if err != nil {
		return nil, fmt.Errorf("pipeline: the vectors do not match the catalogue (rebuild with `filmoteca etl --force`): %w", err)
	}
	return rec, nil
}

// Service returns the service over the loaded films, with the default
// ranking: what the API answers.
func (l *Loaded) Service() (*service.Service, error) {
	rec, err := l.Recommender(recommend.DefaultRanking())
	if err != nil {
		return nil, err
	}
	return service.New(l.Catalog, rec), nil
}
