package recommend

import (
	"container/list"
	"fmt"
	"math"
	"sort"
	"sync"

	"github.com/filmoteca/filmoteca/engine/film"
)

// Item is what the recommender knows of a movie besides its vector.
type Item struct {
	ID       int64
	TitleKey string // films with the same key share a title (lookup.Key)
	Votes    int64
}

// ItemsOf describes the catalogue's movies for New, in the catalogue's order
// (by id, the order of the embeddings).
func ItemsOf(cat *film.Catalog) []Item {
	movies, keys := cat.Movies(), cat.TitleKeys()
	items := make([]Item, len(movies))
	for i, m := range movies {
		items[i] = Item{ID: m.ID, TitleKey: keys[i], Votes: m.VoteCount}
	}
	return items
}

// Recommender answers "the n movies most similar to this one" over a set of
// embeddings. Answers are deterministic, so the most recent ones are kept: a
// popular title costs one ranking, not one per request.
type Recommender struct {
	emb   *Embeddings
	index *Index
	items []Item
	prior []float32
	cache *lru
	sims  sync.Pool // *[]float32, one similarity per movie
}

// cacheSize is how many answers the recommender keeps (a few MB at most).
const cacheSize = 4096

// PriorWeight is the weight of the popularity prior. A film with the most
// votes gains 0.05 over one with none: enough to break near-ties, too little
// to lift an unrelated film above a related one.
const PriorWeight = 0.05

// New returns a recommender over e; items[i] describes e.IDs[i].
func New(e *Embeddings, items []Item) (*Recommender, error) {
	if len(items) != len(e.IDs) {
		return nil, fmt.Errorf("recommend: %d items for %d embeddings", len(items), len(e.IDs))
	}
	var maxVotes int64
	for i, it := range items {
		if it.ID != e.IDs[i] {
			return nil, fmt.Errorf("recommend: item %d is movie %d, embedding %d is movie %d", i, it.ID, i, e.IDs[i])
		}
		maxVotes = max(maxVotes, it.Votes)
	}
	r := &Recommender{emb: e, index: NewIndex(e), items: items, prior: make([]float32, len(items)), cache: newLRU(cacheSize)}
	if maxVotes > 0 {
		for i, it := range items {
			r.prior[i] = float32(PriorWeight * math.Log1p(float64(max(it.Votes, 0))) / math.Log1p(float64(maxVotes)))
		}
	}
	r.sims.New = func() any { s := make([]float32, len(items)); return &s }
	return r, nil
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
	picked := rankDistinct(len(sims), q, n, r.titleKey, func(row int) float32 { return sims[row] + r.prior[row] })
	out := make([]film.Recommendation, len(picked))
	for i, c := range picked {
		out[i] = film.Recommendation{MovieID: r.items[c.Row].ID, Similarity: sims[c.Row], Score: c.Score}
	}
	r.cache.put(key, out)
	return out, nil
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
	for k := 4 * n; ; k *= 4 {
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
