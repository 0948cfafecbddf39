package recommend

import (
	"container/list"
	"context"
	"database/sql"
	"fmt"
	"sync"

	"github.com/filmoteca/filmoteca/engine/lookup"
)

// Recommender answers "the n movies most similar to this one" over the
// stored embeddings. Answers are deterministic, so the most recent ones are
// kept: a popular title costs one scan, not one per request.
type Recommender struct {
	index  *Index
	movies []Stored // row i of the index
	keys   []string // lookup.Key of each title
	cache  *lru
}

// cacheSize is how many answers the recommender keeps (a few MB at most).
const cacheSize = 4096

// Recommendation is one recommended movie.
type Recommendation struct {
	ID         int64
	Title      string
	Year       int
	Genres     []string
	Similarity float32 // exact cosine similarity
	Score      float32 // similarity plus the popularity prior: the ranking order
}

// LoadRecommender reads the stored embeddings of a built database.
func LoadRecommender(ctx context.Context, db *sql.DB) (*Recommender, error) {
	e, movies, err := Load(ctx, db)
	if err != nil {
		return nil, err
	}
	return NewRecommender(e, movies), nil
}

// NewRecommender ranks over e; movies[i] describes e.IDs[i].
func NewRecommender(e *Embeddings, movies []Stored) *Recommender {
	votes := make([]int64, len(movies))
	keys := make([]string, len(movies))
	for i, m := range movies {
		votes[i] = m.Votes
		keys[i] = lookup.Key(m.Title)
	}
	return &Recommender{index: NewIndex(e, votes), movies: movies, keys: keys, cache: newLRU(cacheSize)}
}

// Recommend returns the n movies most similar to movie id, most similar
// first: never the movie itself nor any film with its title (a remake of the
// same name included: a list showing the query's own title reads as an
// error), and n distinct titles.
func (r *Recommender) Recommend(id int64, n int) ([]Recommendation, error) {
	key := cacheKey{id, n}
	if cached, ok := r.cache.get(key); ok {
		return cached, nil
	}
	pos, ok := r.index.Position(id)
	if !ok {
		return nil, fmt.Errorf("recommend: movie %d has no embedding", id)
	}
	seen := map[string]bool{r.keys[pos]: true}
	neighbors := r.index.Nearest(pos, n, func(nb Neighbor) bool {
		key := r.keys[nb.Pos]
		if seen[key] {
			return false // the same film again, or a title already recommended
		}
		seen[key] = true
		return true
	})
	out := make([]Recommendation, len(neighbors))
	for i, nb := range neighbors {
		m := r.movies[nb.Pos]
		out[i] = Recommendation{ID: m.ID, Title: m.Title, Year: m.Year, Genres: m.Genres, Similarity: nb.Similarity, Score: nb.Score}
	}
	r.cache.put(key, out)
	return out, nil
}

// Len is the number of movies the recommender ranks.
func (r *Recommender) Len() int { return r.index.Len() }

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
	value []Recommendation
}

func newLRU(size int) *lru {
	return &lru{size: size, order: list.New(), items: make(map[cacheKey]*list.Element, size)}
}

func (c *lru) get(k cacheKey) ([]Recommendation, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[k]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*lruEntry).value, true
}

func (c *lru) put(k cacheKey, v []Recommendation) {
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
