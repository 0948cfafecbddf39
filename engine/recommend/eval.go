package recommend

import (
	"container/heap"
	"math"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/filmoteca/filmoteca/engine/lookup"
)

// Method ranks movies for a query movie (by position in the docs).
type Method struct {
	Name string
	// scores fills s[i] with movie i's score for query q; higher is better.
	scores func(q int, s []float32)
}

// Metrics are one method's results over the evaluation's queries.
type Metrics struct {
	Method          string
	CollectionHit   float64 // share of collection members whose top 5 holds another member
	GenrePrecision  float64 // share of recommended films sharing a genre with the query
	PeopleOverlap   float64 // share of recommended films sharing a director or a top-3 actor
	Coverage        float64 // share of all films recommended to some query
	P50, P99        time.Duration
	CollectionCount int // queries the collection metric covers
	Queries         int
}

// Evaluation holds the data every method is judged on.
type Evaluation struct {
	docs    []Doc
	keys    []string // lookup.Key of titles
	members map[string]int
	Queries []int // positions of the query movies
}

// NewEvaluation prepares an evaluation over docs with sample queries drawn
// (seeded) from all movies; sample <= 0 or >= len(docs) uses every movie.
func NewEvaluation(docs []Doc, sample int, seed uint64) *Evaluation {
	ev := &Evaluation{docs: docs, keys: make([]string, len(docs)), members: map[string]int{}}
	for i, d := range docs {
		ev.keys[i] = lookup.Key(d.Title)
		if d.Collection != "" {
			ev.members[d.Collection]++
		}
	}
	ev.Queries = make([]int, len(docs))
	for i := range ev.Queries {
		ev.Queries[i] = i
	}
	if sample > 0 && sample < len(docs) {
		rng := rand.New(rand.NewPCG(seed, 0xe7a1))
		rng.Shuffle(len(ev.Queries), func(i, j int) { ev.Queries[i], ev.Queries[j] = ev.Queries[j], ev.Queries[i] })
		ev.Queries = ev.Queries[:sample]
		sort.Ints(ev.Queries)
	}
	return ev
}

// Run evaluates one method: top 5 per query, with the recommender's rules
// (never the query's own title, 5 distinct titles).
func (ev *Evaluation) Run(m Method) Metrics {
	const n = 5
	out := Metrics{Method: m.Name, Queries: len(ev.Queries)}
	scores := make([]float32, len(ev.docs))
	recommended := make([]bool, len(ev.docs))
	var latencies []time.Duration
	var genreHits, genreTotal, peopleHits, peopleTotal, collectionHits int
	for _, q := range ev.Queries {
		start := time.Now()
		m.scores(q, scores)
		top := ev.top(q, scores, n)
		latencies = append(latencies, time.Since(start))
		d := ev.docs[q]
		if d.Collection != "" && ev.members[d.Collection] >= 2 {
			out.CollectionCount++
			for _, p := range top {
				if ev.docs[p].Collection == d.Collection {
					collectionHits++
					break
				}
			}
		}
		people := append(append([]string(nil), d.Directors...), d.TopCast...)
		for _, p := range top {
			recommended[p] = true
			if len(d.Genres) > 0 {
				genreTotal++
				if shares(d.Genres, ev.docs[p].Genres) {
					genreHits++
				}
			}
			if len(people) > 0 {
				peopleTotal++
				if shares(people, append(append([]string(nil), ev.docs[p].Directors...), ev.docs[p].TopCast...)) {
					peopleHits++
				}
			}
		}
	}
	out.CollectionHit = ratio(collectionHits, out.CollectionCount)
	out.GenrePrecision = ratio(genreHits, genreTotal)
	out.PeopleOverlap = ratio(peopleHits, peopleTotal)
	covered := 0
	for _, r := range recommended {
		if r {
			covered++
		}
	}
	out.Coverage = ratio(covered, len(ev.docs))
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	if len(latencies) > 0 {
		out.P50 = latencies[len(latencies)/2]
		out.P99 = latencies[min(len(latencies)-1, len(latencies)*99/100)]
	}
	return out
}

// top returns the n best positions for query q, by the recommender's rules.
func (ev *Evaluation) top(q int, scores []float32, n int) []int {
	const keep = 64 // enough to find n distinct titles
	h := make(minHeap, 0, keep+1)
	for i, s := range scores {
		if i == q || ev.keys[i] == ev.keys[q] {
			continue
		}
		if len(h) == keep && s <= h[0].Score {
			continue
		}
		heap.Push(&h, Neighbor{Pos: i, ID: int64(i), Score: s})
		if len(h) > keep {
			heap.Pop(&h)
		}
	}
	sort.Slice(h, func(a, b int) bool {
		if h[a].Score != h[b].Score {
			return h[a].Score > h[b].Score
		}
		return h[a].Pos < h[b].Pos
	})
	seen := map[string]bool{}
	var out []int
	for _, nb := range h {
		if seen[ev.keys[nb.Pos]] {
			continue
		}
		seen[ev.keys[nb.Pos]] = true
		out = append(out, nb.Pos)
		if len(out) == n {
			break
		}
	}
	return out
}

// ModelMethod ranks as the recommender does: the dense scan's shortlist,
// ranked by exact cosine plus the popularity prior; rows outside the
// shortlist score -1.
func ModelMethod(name string, e *Embeddings, docs []Doc) Method {
	votes := make([]int64, len(docs))
	for i, d := range docs {
		votes[i] = d.Votes
	}
	ix := NewIndex(e, votes)
	return Method{Name: name, scores: func(q int, s []float32) {
		for i := range s {
			s[i] = -1
		}
		for _, c := range ix.scan(q, shortlist) {
			s[c.Pos] = e.Exact(q, c.Pos) + ix.prior[c.Pos]
		}
	}}
}

// RandomMethod recommends at random (seeded).
func RandomMethod(seed uint64) Method {
	rng := rand.New(rand.NewPCG(seed, 0x7a4d))
	return Method{Name: "random", scores: func(_ int, s []float32) {
		for i := range s {
			s[i] = rng.Float32()
		}
	}}
}

// PopularMethod recommends the most voted films to everyone.
func PopularMethod(docs []Doc) Method {
	return Method{Name: "most popular", scores: func(_ int, s []float32) {
		for i, d := range docs {
			s[i] = float32(math.Log1p(float64(d.Votes)))
		}
	}}
}

// TextTFIDFMethod is cosine similarity of overview and tagline TF-IDF vectors.
func TextTFIDFMethod(docs []Doc) Method {
	var w [numGroups]float64
	w[Text] = 1
	return sparseCosine("TF-IDF overview", FeatureMatrix(docs, w))
}

// SoupMethod is the "metadata soup": genres, top 3 cast, director and
// keywords as count vectors, cosine similarity.
func SoupMethod(docs []Doc) Method {
	type term struct {
		prefix, v string
	}
	columns := map[term]int32{}
	m := &csr{rows: len(docs), start: make([]int, len(docs)+1)}
	for i, d := range docs {
		counts := map[int32]float64{}
		add := func(prefix string, values []string) {
			for _, v := range values {
				t := term{prefix, v}
				c, ok := columns[t]
				if !ok {
					c = int32(len(columns))
					columns[t] = c
				}
				counts[c]++
			}
		}
		add("g", d.Genres)
		add("a", d.TopCast)
		add("d", d.Directors)
		add("k", d.Keywords)
		cols := make([]int32, 0, len(counts))
		for c := range counts {
			cols = append(cols, c)
		}
		sort.Slice(cols, func(a, b int) bool { return cols[a] < cols[b] })
		var norm float64
		for _, c := range cols {
			norm += counts[c] * counts[c]
		}
		for _, c := range cols {
			m.col = append(m.col, c)
			m.val = append(m.val, counts[c]/math.Sqrt(norm))
		}
		m.start[i+1] = len(m.col)
	}
	m.cols = len(columns)
	return sparseCosine("metadata soup", m)
}

// sparseCosine ranks by the exact cosine of the rows of m (each row scaled
// to unit length here), through an inverted index.
func sparseCosine(name string, m *csr) Method {
	for r := 0; r < m.rows; r++ {
		var norm float64
		for k := m.start[r]; k < m.start[r+1]; k++ {
			norm += m.val[k] * m.val[k]
		}
		for k := m.start[r]; k < m.start[r+1]; k++ {
			m.val[k] /= math.Sqrt(norm)
		}
	}
	inverted := m.transpose()
	return Method{Name: name, scores: func(q int, s []float32) {
		clear(s)
		for k := m.start[q]; k < m.start[q+1]; k++ {
			c, v := m.col[k], m.val[k]
			for j := inverted.start[c]; j < inverted.start[c+1]; j++ {
				s[inverted.col[j]] += float32(v * inverted.val[j])
			}
		}
	}}
}

func shares(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
