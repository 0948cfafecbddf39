package film

import "slices"

// Profile is what the recommender reads about a film (a row of the table
// movie_features): its words, genres, collection, people, companies,
// language, era and keywords, by name or id, and its votes.
type Profile struct {
	ID         int64
	Title      string
	Year       int
	Text       string // overview and tagline
	Genres     []string
	Collection string // the collection's id; "" when none
	TopCast    []string
	Directors  []string
	Companies  []string
	Language   string
	Era        string // the decade, e.g. "1990s"
	Keywords   []string
	Votes      int64
	Average    float64 // vote average, 0-10
}

// Vectors are the recommender's unit vectors of a set of films, as a build
// stores them (table movie_embeddings). A film's vector is sparse: a few
// dozen weighted features.
type Vectors struct {
	IDs      []int64     // ascending
	Features [][]Feature // film i's features, sorted by Term
}

// Feature is one weighted feature of a film's vector: Term identifies the
// feature (a hash of its group and value), Weight is its coordinate.
type Feature struct {
	Term   uint64
	Weight float32
}

// FeatureName is the readable name of one feature value, as the build
// records it (table feature_names): Group is the kind of value (genre,
// collection, person, company, keyword, language), Value the id the
// profiles hold, Name what a person reads.
type FeatureName struct {
	Group, Value, Name string
}

// Len is the number of films.
func (v *Vectors) Len() int { return len(v.IDs) }

// Equal reports whether v and o hold the same vectors: the same films, and
// for each the same features with the same weights, bit for bit.
func (v *Vectors) Equal(o *Vectors) bool {
	if !slices.Equal(v.IDs, o.IDs) || len(v.Features) != len(o.Features) {
		return false
	}
	for i := range v.Features {
		if !slices.Equal(v.Features[i], o.Features[i]) {
			return false
		}
	}
	return true
}
