package recommend

import (
	"container/heap"
	"math"
	"runtime"
	"sort"
	"sync"
)

// Index ranks movies by the cosine similarity of their vectors, plus a small
// popularity prior so that obscure zero-vote films do not crowd out the
// answer: score = cosine + PriorWeight · log(1 + votes) / log(1 + max votes).
type Index struct {
	emb   *Embeddings
	pos   map[int64]int
	prior []float32
}

// PriorWeight is the weight of the popularity prior. A film with the most
// votes gains 0.05 over one with none: enough to break near-ties, too little
// to lift an unrelated film above a related one.
const PriorWeight = 0.05

// NewIndex indexes e; votes[i] is the vote count of e.IDs[i].
func NewIndex(e *Embeddings, votes []int64) *Index {
	ix := &Index{emb: e, pos: make(map[int64]int, len(e.IDs)), prior: make([]float32, len(e.IDs))}
	var maxVotes int64
	for _, v := range votes {
		maxVotes = max(maxVotes, v)
	}
	for i, id := range e.IDs {
		ix.pos[id] = i
		if maxVotes > 0 {
			ix.prior[i] = float32(PriorWeight * math.Log1p(float64(max(votes[i], 0))) / math.Log1p(float64(maxVotes)))
		}
	}
	return ix
}

// Len is the number of movies indexed.
func (ix *Index) Len() int { return len(ix.emb.IDs) }

// Position returns the row of movie id.
func (ix *Index) Position(id int64) (int, bool) {
	p, ok := ix.pos[id]
	return p, ok
}

// Neighbor is one ranked movie.
type Neighbor struct {
	Pos        int
	ID         int64
	Similarity float32 // exact cosine similarity
	Score      float32 // similarity plus the popularity prior
}

// shortlist is how many movies the dense scan keeps for exact ranking.
const shortlist = 256

// Nearest returns up to n movies by descending score for the movie at row
// pos, leaving out pos itself and every row accept rejects (called in
// ranking order, so it can reject repeats of what it already accepted).
//
// Two stages: a scan of the stored dense vectors (the categorical part is a
// hashed sketch there) keeps the best `shortlist` movies; those are then
// ranked by the exact cosine similarity plus the popularity prior.
func (ix *Index) Nearest(pos, n int, accept func(Neighbor) bool) []Neighbor {
	pool := max(shortlist, 4*n)
	for {
		candidates := ix.scan(pos, pool)
		for i := range candidates {
			c := &candidates[i]
			c.Similarity = ix.emb.Exact(pos, c.Pos)
			c.Score = c.Similarity + ix.prior[c.Pos]
		}
		sortNeighbors(candidates)
		var out []Neighbor
		for _, nb := range candidates {
			if accept == nil || accept(nb) {
				out = append(out, nb)
				if len(out) == n {
					return out
				}
			}
		}
		if len(candidates) < pool {
			return out // every movie was looked at
		}
		pool *= 4
	}
}

// scan returns the k rows other than skip with the best dense score
// (stored-vector inner product plus prior), in no particular order. The
// rows are split between the CPUs; the merge is deterministic.
func (ix *Index) scan(skip, k int) []Neighbor {
	query := ix.emb.Vector(skip)
	dim := ix.emb.Dim
	rows := len(ix.emb.IDs)
	parts := min(runtime.GOMAXPROCS(0), 4, max(1, rows/4096))
	heaps := make([]minHeap, parts)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := make(minHeap, 0, k+1)
			for i := rows * p / parts; i < rows*(p+1)/parts; i++ {
				if i == skip {
					continue
				}
				score := dot(query, ix.emb.Vectors[i*dim:(i+1)*dim]) + ix.prior[i]
				if len(h) == k && score <= h[0].Score {
					continue
				}
				heap.Push(&h, Neighbor{Pos: i, ID: ix.emb.IDs[i], Score: score})
				if len(h) > k {
					heap.Pop(&h)
				}
			}
			heaps[p] = h
		}()
	}
	wg.Wait()
	var all []Neighbor
	for _, h := range heaps {
		all = append(all, h...)
	}
	sortNeighbors(all)
	return all[:min(k, len(all))]
}

// sortNeighbors orders by descending score, then ascending id.
func sortNeighbors(ns []Neighbor) {
	sort.Slice(ns, func(a, b int) bool {
		if ns[a].Score != ns[b].Score {
			return ns[a].Score > ns[b].Score
		}
		return ns[a].ID < ns[b].ID
	})
}

// dot is the inner product of two vectors of the same length.
func dot(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}

type minHeap []Neighbor

func (h minHeap) Len() int { return len(h) }
func (h minHeap) Less(i, j int) bool {
	if h[i].Score != h[j].Score {
		return h[i].Score < h[j].Score
	}
	return h[i].ID > h[j].ID
}
func (h minHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *minHeap) Push(x any)   { *h = append(*h, x.(Neighbor)) }
func (h *minHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
