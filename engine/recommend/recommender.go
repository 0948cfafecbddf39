package recommend

import (
	"fmt"
	"math"
	"sort"
	"sync"

	"github.com/filmoteca/filmoteca/engine/film"
	"github.com/filmoteca/filmoteca/engine/lru"
)

// Recommender answers "the n films most similar to this one" over the
// catalogue's films and their vectors. Answers are deterministic, so the
// most recent ones are kept: a popular title costs one ranking, not one per
// request.
type Recommender struct {
	vectors   *film.Vectors
	index     *index
	names     map[uint64]namedFeature
	movies    []film.Movie // the catalogue's, row i is vectors.IDs[i]
	titleKeys []string     // films with the same key share a title
	genres    []uint64     // bit b of row i: film i has the catalogue's b-th genre (the first 64)
	ranking   Ranking
	prior     []float32
	cache     *lru.Cache[cacheKey, []film.Recommendation]
	sims      sync.Pool // *[]float32, one similarity per film
}

// cacheSize is how many answers the recommender keeps (a few MB at most).
const cacheSize = 4096

// New returns a recommender over the films of cat, whose vectors v must be
// those of cat's films (by id, in the same order), ranked by rk; names are
// the readable names of the features (for SharedFeatures).
func New(cat *film.Catalog, v *film.Vectors, names []film.FeatureName, rk Ranking) (*Recommender, error) {
	movies := cat.Movies()
	if len(movies) != len(v.IDs) {
		return nil, fmt.Errorf("recommend: %d films for %d vectors", len(movies), len(v.IDs))
	}
	for i, m := range movies {
		if m.ID != v.IDs[i] {
			return nil, fmt.Errorf("recommend: film %d is movie %d, vector %d is movie %d", i, m.ID, i, v.IDs[i])
		}
	}
	named, err := featureNames(v, names)
	if err != nil {
		return nil, err
	}
	r := &Recommender{vectors: v, index: newIndex(v), names: named, movies: movies,
		titleKeys: cat.TitleKeys(), genres: genreBits(movies), ranking: rk, prior: rk.prior(movies), cache: lru.New[cacheKey, []film.Recommendation](cacheSize)}
	r.sims.New = func() any { s := make([]float32, len(movies)); return &s }
	return r, nil
}

// genreBits numbers the genres in the order films first have them (the
// first 64) and returns each film's genres as bits.
func genreBits(movies []film.Movie) []uint64 {
	out := make([]uint64, len(movies))
	bits := map[string]uint64{}
	for i, m := range movies {
		for _, g := range m.Genres {
			b, ok := bits[g]
			if !ok && len(bits) < 64 {
				b = 1 << len(bits)
				bits[g] = b
			}
			out[i] |= b
		}
	}
	return out
}

// SharedFeatures returns the named features films a and b share, the
// largest contribution to their similarity first.
func (r *Recommender) SharedFeatures(a, b int64) []SharedFeature {
	i, ok := r.position(a)
	j, ok2 := r.position(b)
	if !ok || !ok2 {
		return nil
	}
	return sharedFeatures(r.vectors, r.names, i, j)
}

// Recommend returns the n films most similar to film id, best first:
// ranked by cosine similarity plus the popularity prior, never the film
// itself nor any film with its title (a remake of the same name included:
// a list showing the query's own title reads as an error), and n distinct
// titles. The returned slice is shared: do not modify it.
func (r *Recommender) Recommend(id int64, n int) ([]film.Recommendation, error) {
	key := cacheKey{id, n}
	if cached, ok := r.cache.Get(key); ok {
		return cached, nil
	}
	q, ok := r.position(id)
	if !ok {
		return nil, fmt.Errorf("recommend: movie %d has no vector", id)
	}
	simsPtr := r.sims.Get().(*[]float32)
	defer r.sims.Put(simsPtr)
	sims := *simsPtr
	r.index.similarities(q, sims)
	picked := r.rank(q, n, sims)
	out := make([]film.Recommendation, len(picked))
	for i, c := range picked {
		out[i] = film.Recommendation{MovieID: r.movies[c.Row].ID, Similarity: sims[c.Row], Score: c.Score}
	}
	r.cache.Put(key, out)
	return out, nil
}

// CacheStats says how many answers came from the cache, and how many were
// computed.
func (r *Recommender) CacheStats() (hits, misses uint64) {
	return r.cache.Stats()
}

// rank orders the films for query row q: the pool by similarity, filtered
// (dropLeastVoted, keepSameGenre), then by similarity plus prior plus the
// year bonus, and takes the first n that no cast member crowds out
// (limitCast).
func (r *Recommender) rank(q, n int, sims []float32) []candidate {
	score := func(row int) float32 { return sims[row] + r.prior[row] }
	if r.ranking.Pool <= 0 {
		return rankDistinct(len(sims), q, n, r.titleKey, score)
	}
	pool := rankDistinct(len(sims), q, max(r.ranking.Pool, n), r.titleKey, func(row int) float32 { return sims[row] })
	pool = r.dropLeastVoted(pool, n)
	pool = r.keepSameGenre(pool, q, n)
	qYear := r.movies[q].Year
	for i := range pool {
		pool[i].Score = score(pool[i].Row)
		if y := r.movies[pool[i].Row].Year; r.ranking.Year != 0 && y != 0 && qYear != 0 {
			pool[i].Score += float32(r.ranking.Year * math.Exp(-math.Abs(float64(y-qYear))/10))
		}
	}
	sortCandidates(pool)
	return r.limitCast(q, n, r.ranking.CastLimit, pool)
}

// dropLeastVoted drops the pool's films with fewer votes than its
// PoolVotesQuantile-quantile, when more than n are in it.
func (r *Recommender) dropLeastVoted(pool []candidate, n int) []candidate {
	k := r.ranking.PoolVotesQuantile
	if k <= 0 || len(pool) <= n {
		return pool
	}
	votes := make([]float64, len(pool))
	for i, c := range pool {
		votes[i] = float64(r.movies[c.Row].VoteCount)
	}
	floor := quantile(votes, min(k, 1))
	kept := pool[:0]
	for _, c := range pool {
		if float64(r.movies[c.Row].VoteCount) >= floor {
			kept = append(kept, c)
		}
	}
	return kept
}

// keepSameGenre keeps the pool's films that share a genre with film q, when
// SameGenre is set and at least n do.
func (r *Recommender) keepSameGenre(pool []candidate, q, n int) []candidate {
	g := r.genres[q]
	if !r.ranking.SameGenre || g == 0 {
		return pool
	}
	kept := make([]candidate, 0, len(pool))
	for _, c := range pool {
		if r.genres[c.Row]&g != 0 {
			kept = append(kept, c)
		}
	}
	if len(kept) >= n {
		return kept
	}
	return pool
}

func (r *Recommender) titleKey(row int) string { return r.titleKeys[row] }

// position returns the row of film id.
func (r *Recommender) position(id int64) (int, bool) {
	ids := r.vectors.IDs
	i := sort.Search(len(ids), func(i int) bool { return ids[i] >= id })
	return i, i < len(ids) && ids[i] == id
}

// rankDistinct returns the n best rows for query row q by score: never q
// nor a row with q's title, and n distinct titles (titleKey tells titles
// apart). Every method the evaluation compares ranks through it.
func rankDistinct(rows, q, n int, titleKey func(row int) string, score func(row int) float32) []candidate {
	// A few spare rows for repeated titles: 15 for a short list, a quarter
	// for a long one (the re-rank's pool); four times more when not enough.
	for k := n + max(15, n/4); ; k *= 4 {
		candidates := topK(rows, k, q, score)
		seen := map[string]bool{titleKey(q): true}
		var out []candidate
		for _, c := range candidates {
			if key := titleKey(c.Row); !seen[key] {
				seen[key] = true
				out = append(out, c)
				if len(out) == n {
					return out
				}
			}
		}
		if len(candidates) < k {
			return out // every movie was looked at
		}
	}
}

type cacheKey struct {
	id int64
	n  int
}
