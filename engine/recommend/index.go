package recommend

import (
	"container/heap"
	"runtime"
	"sort"
	"sync"

	"github.com/filmoteca/filmoteca/engine/film"
)

// index computes the exact cosine similarity of one movie with every other:
// the products of the weights of the features they share, through an
// inverted index from each feature to the movies that have it.
type index struct {
	vectors  *film.Vectors
	postings map[uint64][]posting
}

type posting struct {
	row    int32
	weight float32
}

// newIndex indexes v.
func newIndex(v *film.Vectors) *index {
	counts := map[uint64]int{}
	for _, fs := range v.Features {
		for _, f := range fs {
			counts[f.Term]++
		}
	}
	ix := &index{vectors: v, postings: make(map[uint64][]posting, len(counts))}
	for row, fs := range v.Features {
		for _, f := range fs {
			p := ix.postings[f.Term]
			if p == nil {
				p = make([]posting, 0, counts[f.Term])
			}
			ix.postings[f.Term] = append(p, posting{int32(row), f.Weight})
		}
	}
	return ix
}

// similarities fills sims[j] with the exact cosine similarity of rows q and
// j, for every row j (sims has one entry per film).
func (ix *index) similarities(q int, sims []float32) {
	clear(sims)
	for _, f := range ix.vectors.Features[q] {
		for _, p := range ix.postings[f.Term] {
			sims[p.row] += f.Weight * p.weight
		}
	}
}

// candidate is a film ranked for a query.
type candidate struct {
	Row   int
	Score float32 // what the ranking orders by
}

// topK returns the k rows other than skip with the highest value of
// score(row), best first (ties: the lower row first).
func topK(n, k, skip int, score func(row int) float32) []candidate {
	h := make(candidateHeap, 0, k+1)
	for row := 0; row < n; row++ {
		if row == skip {
			continue
		}
		s := score(row)
		if len(h) == k && !better(candidate{Row: row, Score: s}, h[0]) {
			continue
		}
		heap.Push(&h, candidate{Row: row, Score: s})
		if len(h) > k {
			heap.Pop(&h)
		}
	}
	sortCandidates(h)
	return h
}

// better reports whether a ranks before b.
func better(a, b candidate) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	return a.Row < b.Row
}

// sortCandidates orders best first.
func sortCandidates(cs []candidate) {
	sort.Slice(cs, func(a, b int) bool { return better(cs[a], cs[b]) })
}

// candidateHeap is a min-heap: the worst candidate on top.
type candidateHeap []candidate

func (h candidateHeap) Len() int           { return len(h) }
func (h candidateHeap) Less(i, j int) bool { return better(h[j], h[i]) }
func (h candidateHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *candidateHeap) Push(x any)        { *h = append(*h, x.(candidate)) }
func (h *candidateHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// parallelRows splits [0, n) into contiguous ranges of at least grain rows,
// at most one per CPU, and works on them at once. Each row is computed the
// same way whatever the split, so results do not depend on scheduling.
func parallelRows(n, grain int, work func(lo, hi int)) {
	parallelParts(n, grain, func(lo, hi int) struct{} {
		work(lo, hi)
		return struct{}{}
	})
}

// parallelParts is parallelRows returning each range's result, in row order.
func parallelParts[T any](n, grain int, work func(lo, hi int) T) []T {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/grain))
	out := make([]T, workers)
	if workers == 1 {
		out[0] = work(0, n)
		return out
	}
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[w] = work(lo, hi)
		}()
	}
	wg.Wait()
	return out
}
