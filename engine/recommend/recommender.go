package recommend

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/filmoteca/filmoteca/engine/lookup"
)

// Recommender answers "the n movies most similar to this one" over the
// stored embeddings.
type Recommender struct {
	index  *Index
	movies []Stored // row i of the index
	keys   []string // lookup.Key of each title
}

// Recommendation is one recommended movie.
type Recommendation struct {
	ID         int64
	Title      string
	Year       int
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
	return &Recommender{index: NewIndex(e, votes), movies: movies, keys: keys}
}

// Recommend returns the n movies most similar to movie id, most similar
// first: never the movie itself nor another row of the same film (same
// title and year), and n distinct titles.
func (r *Recommender) Recommend(id int64, n int) ([]Recommendation, error) {
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
		out[i] = Recommendation{ID: m.ID, Title: m.Title, Year: m.Year, Similarity: nb.Similarity, Score: nb.Score}
	}
	return out, nil
}

// Len is the number of movies the recommender ranks.
func (r *Recommender) Len() int { return r.index.Len() }
