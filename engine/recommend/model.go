// Package recommend turns each film into a unit-length vector from its
// content (overview and tagline words, genres, collection, first-billed cast,
// director, companies, language, era, keywords), and ranks films by the
// cosine similarity of those vectors. It is pure computation over plain
// values: the caller hands it the films' profiles (film.Profile) or their
// vectors (film.Vectors) and the catalogue; it imports no database.
//
// Each feature group is TF-IDF weighted and scaled to a set share of the
// film's vector, and every feature stays exact (see Build). The same data
// gives the same vectors, whatever the number of CPUs.
package recommend

import (
	"cmp"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"slices"

	"github.com/filmoteca/filmoteca/engine/film"
)

// Group is one kind of feature.
type Group int

// The feature groups, in the order of Config.Weights.
const (
	Text Group = iota
	Genres
	Collection
	Cast
	Directors
	Companies
	Language
	Era
	Keywords
	numGroups
)

// groups is the one table of the feature groups: where a film's values of
// each group come from, the prefix that tells the group's terms apart
// ("d:7879" is a director), and the group of feature names that names its
// values (the feature_group column of sql/010_features.sql; "": unnamed).
var groups = [numGroups]struct {
	values func(p *film.Profile) []string
	prefix string
	names  string
}{
	Text:       {func(p *film.Profile) []string { return tokens(p.Text) }, "", ""},
	Genres:     {func(p *film.Profile) []string { return p.Genres }, "g:", "genre"},
	Collection: {func(p *film.Profile) []string { return []string{p.Collection} }, "c:", "collection"},
	Cast:       {func(p *film.Profile) []string { return p.TopCast }, "a:", "person"},
	Directors:  {func(p *film.Profile) []string { return p.Directors }, "d:", "person"},
	Companies:  {func(p *film.Profile) []string { return p.Companies }, "p:", "company"},
	Language:   {func(p *film.Profile) []string { return []string{p.Language} }, "l:", "language"},
	Era:        {func(p *film.Profile) []string { return []string{p.Era} }, "e:", ""},
	Keywords:   {func(p *film.Profile) []string { return p.Keywords }, "k:", "keyword"},
}

// termOf is the Term of a feature: the FNV-64a hash of its group's prefix
// and its value (a word, a genre's name, a person's id, …).
func termOf(g Group, value string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(groups[g].prefix))
	h.Write([]byte(value))
	return h.Sum64()
}

// Config sets the weight of each feature group.
type Config struct {
	Weights [numGroups]float64
}

// DefaultConfig is the configuration the build uses; docs/recommender.md
// shows the evaluation (MovieLens co-likes, tuning users) that chose the weights.
func DefaultConfig() Config {
	return Config{
		Weights: [numGroups]float64{
			Text: 0.3, Genres: 0.6, Collection: 2.0, Cast: 1.3, Directors: 1.3,
			Companies: 0.3, Language: 0.2, Era: 0.2, Keywords: 0.7,
		},
	}
}

// String is the configuration as the build records it (table
// embedding_config) and fingerprints it: a change rebuilds the vectors.
func (c Config) String() string { return fmt.Sprintf("{Weights:%v}", c.Weights) }

// Build computes the vectors of profiles, which must be sorted by ID: every
// feature group (the words of overview and tagline, genres, collection,
// cast, directors, companies, language, era, keywords) TF-IDF weighted, each
// group scaled to its weight, and the whole vector to unit length. The
// vectors stay sparse and exact: a reduction (an SVD, say) would throw away
// the rare, precise features (a director, a collection) that relate films
// best.
func Build(profiles []film.Profile, cfg Config) (*film.Vectors, error) {
	if len(profiles) == 0 {
		return nil, errors.New("recommend: no movies")
	}
	for i := 1; i < len(profiles); i++ {
		if profiles[i-1].ID >= profiles[i].ID {
			return nil, fmt.Errorf("recommend: movies not sorted by id (%d before %d)", profiles[i-1].ID, profiles[i].ID)
		}
	}
	v := &film.Vectors{IDs: make([]int64, len(profiles)), Features: make([][]film.Feature, len(profiles))}
	m := featureMatrix(profiles, cfg.Weights)
	parallelRows(len(profiles), 1024, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			v.IDs[i] = profiles[i].ID
			v.Features[i] = unitFeatures(m, i)
		}
	})
	return v, nil
}

// unitFeatures returns row i of m scaled to unit length, as features sorted
// by term; nil for a film with no usable feature (similar to nothing).
func unitFeatures(m *csr, i int) []film.Feature {
	var norm2 float64
	for k := m.start[i]; k < m.start[i+1]; k++ {
		norm2 += m.val[k] * m.val[k]
	}
	if norm2 == 0 {
		return nil
	}
	norm := math.Sqrt(norm2)
	features := make([]film.Feature, 0, m.start[i+1]-m.start[i])
	for k := m.start[i]; k < m.start[i+1]; k++ {
		features = append(features, film.Feature{Term: m.colHash[m.col[k]], Weight: float32(m.val[k] / norm)})
	}
	slices.SortFunc(features, func(a, b film.Feature) int { return cmp.Compare(a.Term, b.Term) })
	return features
}
