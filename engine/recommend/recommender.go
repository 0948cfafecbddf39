package recommend

import (
	"container/list"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/filmoteca/filmoteca/engine/film"
)

// Item is what the recommender knows of a movie besides its vector.
type Item struct {
	ID       int64
	TitleKey string // films with the same key share a title (lookup.Key)
	Votes    int64
	Average  float64 // vote average, 0-10
	Genres   uint64  // bit i: the catalogue's i-th genre (the first 64)
	Year     int     // release year, 0 when unknown
}

// ItemsOf describes the catalogue's movies for New, in the catalogue's order
// (by id, the order of the embeddings).
func ItemsOf(cat *film.Catalog) []Item {
	movies, keys := cat.Movies(), cat.TitleKeys()
	items := make([]Item, len(movies))
	bits := map[string]uint64{}
	for i, m := range movies {
		items[i] = Item{ID: m.ID, TitleKey: keys[i], Votes: m.VoteCount, Average: m.VoteAverage, Year: m.Year}
		for _, g := range m.Genres {
			b, ok := bits[g]
			if !ok && len(bits) < 64 {
				b = 1 << len(bits)
				bits[g] = b
			}
			items[i].Genres |= b
		}
	}
	return items
}

// Recommender answers "the n movies most similar to this one" over a set of
// embeddings. Answers are deterministic, so the most recent ones are kept: a
// popular title costs one ranking, not one per request.
type Recommender struct {
	emb     *Embeddings
	index   *Index
	items   []Item
	ranking Ranking
	prior   []float32
	cache   *lru
	sims    sync.Pool // *[]float32, one similarity per movie
}

// cacheSize is how many answers the recommender keeps (a few MB at most).
const cacheSize = 4096

// Ranking is how the recommender orders films once it has their similarity
// with the query: the Pool most similar films (distinct titles) are
// re-ranked by similarity plus a standing prior, a film's recognisability
// and quality, which it owns whatever the query:
//
//	prior = Votes·log(1+v)/log(1+vmax) + Rating·WR/10
//
// where WR = v/(v+m)·R + m/(v+m)·C is the IMDB weighted rating of a film
// with v votes averaging R (m: the RatingVotes-quantile of the vote counts
// of films with votes, C: their mean average). Pool 0 ranks all films.
//
// Before the re-rank, the pool's films with fewer votes than its
// VotesQuantile-quantile are dropped (0: none), as Banik's re-rank does;
// with SameGenre, so are those that share no genre with the query (unless
// fewer than n would be left).
type Ranking struct {
	Pool          int
	Votes         float64
	Rating        float64
	RatingVotes   float64 // the quantile that sets m, 0-1
	VotesQuantile float64
	SameGenre     bool
	Year          float64 // weight of exp(-|year difference|/10), a bonus for films of the query's time
}

// DefaultRanking is the ranking /recomendacion uses; docs/recommender.md
// shows the evaluation that chose it.
func DefaultRanking() Ranking {
	return Ranking{Pool: 200, Votes: 0.5, Rating: 0.6, RatingVotes: 0.8, SameGenre: true, Year: 0.45}
}

// String is the ranking's settings, as evalrec's flag reads them.
func (k Ranking) String() string {
	g := 0
	if k.SameGenre {
		g = 1
	}
	return fmt.Sprintf("pool=%d,votes=%g,rating=%g,m=%g,q=%g,g=%d,year=%g", k.Pool, k.Votes, k.Rating, k.RatingVotes, k.VotesQuantile, g, k.Year)
}

// ParseRanking reads "pool=200,votes=0.5,rating=0.6,m=0.8,q=0,g=1,year=0.45" over the
// default ranking (settings not named keep their default).
func ParseRanking(s string) (Ranking, error) {
	k := DefaultRanking()
	for _, part := range strings.Split(s, ",") {
		name, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return k, fmt.Errorf("recommend: ranking %q: want name=value, got %q", s, part)
		}
		x, err := strconv.ParseFloat(value, 64)
		if err != nil {
			return k, fmt.Errorf("recommend: ranking %q: %s is not a number", s, value)
		}
		switch name {
		case "pool":
			k.Pool = int(x)
		case "votes":
			k.Votes = x
		case "rating":
			k.Rating = x
		case "m":
			k.RatingVotes = x
		case "q":
			k.VotesQuantile = x
		case "g":
			k.SameGenre = x != 0
		case "year":
			k.Year = x
		default:
			return k, fmt.Errorf("recommend: ranking %q: unknown setting %q (pool, votes, rating, m, q, g, year)", s, name)
		}
	}
	return k, nil
}

// Prior returns each item's standing prior under ranking k.
func (k Ranking) Prior(items []Item) []float32 {
	prior := make([]float32, len(items))
	var maxVotes int64
	var voted []float64
	var sum float64
	for _, it := range items {
		maxVotes = max(maxVotes, it.Votes)
		if it.Votes > 0 {
			voted = append(voted, float64(it.Votes))
			sum += it.Average
		}
	}
	if maxVotes <= 0 {
		return prior
	}
	m := quantile(voted, min(max(k.RatingVotes, 0), 1))
	c := sum / float64(len(voted))
	for i, it := range items {
		v := float64(max(it.Votes, 0))
		wr := weightedRating(v, it.Average, m, c)
		prior[i] = float32(k.Votes*math.Log1p(v)/math.Log1p(float64(maxVotes)) + k.Rating*wr/10)
	}
	return prior
}

// New returns a recommender over e with the default ranking; items[i]
// describes e.IDs[i].
func New(e *Embeddings, items []Item) (*Recommender, error) {
	return NewRanked(e, items, DefaultRanking())
}

// NewRanked returns a recommender over e that ranks by k.
func NewRanked(e *Embeddings, items []Item, k Ranking) (*Recommender, error) {
	if len(items) != len(e.IDs) {
		return nil, fmt.Errorf("recommend: %d items for %d embeddings", len(items), len(e.IDs))
	}
	for i, it := range items {
		if it.ID != e.IDs[i] {
			return nil, fmt.Errorf("recommend: item %d is movie %d, embedding %d is movie %d", i, it.ID, i, e.IDs[i])
		}
	}
	r := &Recommender{emb: e, index: NewIndex(e), items: items, ranking: k, prior: k.Prior(items), cache: newLRU(cacheSize)}
	r.sims.New = func() any { s := make([]float32, len(items)); return &s }
	return r, nil
}

// Shared returns the named features movies a and b share, the largest
// contribution to their similarity first (see Embeddings.Shared).
func (r *Recommender) Shared(a, b int64) []Shared {
	i, ok := r.position(a)
	j, ok2 := r.position(b)
	if !ok || !ok2 {
		return nil
	}
	return r.emb.Shared(i, j)
}

// Len is the number of movies the recommender ranks.
func (r *Recommender) Len() int { return len(r.items) }

// Recommend returns the n movies most similar to movie id, best first:
// ranked by cosine similarity plus the popularity prior, never the movie
// itself nor any film with its title (a remake of the same name included:
// a list showing the query's own title reads as an error), and n distinct
// titles. The returned slice is shared: do not modify it.
func (r *Recommender) Recommend(id int64, n int) ([]film.Recommendation, error) {
	key := cacheKey{id, n}
	if cached, ok := r.cache.get(key); ok {
		return cached, nil
	}
	q, ok := r.position(id)
	if !ok {
		return nil, fmt.Errorf("recommend: movie %d has no embedding", id)
	}
	simsPtr := r.sims.Get().(*[]float32)
	defer r.sims.Put(simsPtr)
	sims := *simsPtr
	r.index.Similarities(q, sims)
	picked := r.rank(q, n, sims)
	out := make([]film.Recommendation, len(picked))
	for i, c := range picked {
		out[i] = film.Recommendation{MovieID: r.items[c.Row].ID, Similarity: sims[c.Row], Score: c.Score}
	}
	r.cache.put(key, out)
	return out, nil
}

// rank orders the films for query row q: the pool by similarity, then
// similarity plus prior.
func (r *Recommender) rank(q, n int, sims []float32) []Candidate {
	score := func(row int) float32 { return sims[row] + r.prior[row] }
	if r.ranking.Pool <= 0 {
		return rankDistinct(len(sims), q, n, r.titleKey, score)
	}
	pool := rankDistinct(len(sims), q, max(r.ranking.Pool, n), r.titleKey, func(row int) float32 { return sims[row] })
	if k := r.ranking.VotesQuantile; k > 0 && len(pool) > n {
		votes := make([]float64, len(pool))
		for i, c := range pool {
			votes[i] = float64(r.items[c.Row].Votes)
		}
		floor := quantile(votes, min(k, 1))
		kept := pool[:0]
		for _, c := range pool {
			if float64(r.items[c.Row].Votes) >= floor {
				kept = append(kept, c)
			}
		}
		pool = kept
	}
	if g := r.items[q].Genres; r.ranking.SameGenre && g != 0 {
		kept := make([]Candidate, 0, len(pool))
		for _, c := range pool {
			if r.items[c.Row].Genres&g != 0 {
				kept = append(kept, c)
			}
		}
		if len(kept) >= n {
			pool = kept
		}
	}
	qYear := r.items[q].Year
	for i := range pool {
		pool[i].Score = score(pool[i].Row)
		if y := r.items[pool[i].Row].Year; r.ranking.Year != 0 && y != 0 && qYear != 0 {
			pool[i].Score += float32(r.ranking.Year * math.Exp(-math.Abs(float64(y-qYear))/10))
		}
	}
	sortCandidates(pool)
	return pool[:min(n, len(pool))]
}

func (r *Recommender) titleKey(row int) string { return r.items[row].TitleKey }

// position returns the row of movie id.
func (r *Recommender) position(id int64) (int, bool) {
	ids := r.emb.IDs
	i := sort.Search(len(ids), func(i int) bool { return ids[i] >= id })
	return i, i < len(ids) && ids[i] == id
}

// rankDistinct returns the n best rows for query row q by score: never q
// nor a row with q's title, and n distinct titles (titleKey tells titles
// apart). Every method the evaluation compares ranks through it.
func rankDistinct(rows, q, n int, titleKey func(row int) string, score func(row int) float32) []Candidate {
	// A few spare rows for repeated titles: 15 for a short list, a quarter
	// for a long one (the re-rank's pool); four times more when not enough.
	for k := n + max(15, n/4); ; k *= 4 {
		candidates := topK(rows, k, q, score)
		seen := map[string]bool{titleKey(q): true}
		var out []Candidate
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

// lru is a small, goroutine-safe least-recently-used cache of answers.
// Cached slices are shared: callers must not modify them.
type lru struct {
	mu    sync.Mutex
	size  int
	order *list.List // front: most recent; values are *lruEntry
	items map[cacheKey]*list.Element
}

type lruEntry struct {
	key   cacheKey
	value []film.Recommendation
}

func newLRU(size int) *lru {
	return &lru{size: size, order: list.New(), items: make(map[cacheKey]*list.Element, size)}
}

func (c *lru) get(k cacheKey) ([]film.Recommendation, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[k]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*lruEntry).value, true
}

func (c *lru) put(k cacheKey, v []film.Recommendation) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[k]; ok {
		el.Value.(*lruEntry).value = v
		c.order.MoveToFront(el)
		return
	}
	c.items[k] = c.order.PushFront(&lruEntry{k, v})
	if c.order.Len() > c.size {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.items, oldest.Value.(*lruEntry).key)
	}
}
