package recommend

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"time"

	"github.com/filmoteca/filmoteca/engine/film"
)

// Method recommends films for a query film; films are positions in the
// evaluation's profiles.
type Method struct {
	Name string
	// Recommend returns the n films recommended for film q, best first.
	Recommend func(q, n int) ([]int, error)
}

// scoreMethod is a method that scores every film for a query (fill s[i]
// with film i's score for q; higher is better) and ranks by the
// recommender's rules (rankDistinct).
func (ev *Evaluation) scoreMethod(name string, scores func(q int, s []float32)) Method {
	s := make([]float32, len(ev.profiles))
	return Method{Name: name, Recommend: func(q, n int) ([]int, error) {
		scores(q, s)
		picked := rankDistinct(len(s), q, n, func(row int) string { return ev.keys[row] }, func(row int) float32 { return s[row] })
		out := make([]int, len(picked))
		for i, c := range picked {
			out[i] = c.Row
		}
		return out, nil
	}}
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
	profiles []film.Profile
	keys     []string // title keys (films with the same key share a title)
	members  map[string]int
	Queries  []int // positions of the query movies
}

// NewEvaluation prepares an evaluation over profiles (keys[i] is the title key
// of profiles[i]) with sample queries drawn (seeded) from all movies; sample <= 0
// or >= len(profiles) uses every movie.
func NewEvaluation(profiles []film.Profile, keys []string, sample int, seed uint64) (*Evaluation, error) {
	if len(keys) != len(profiles) {
		return nil, fmt.Errorf("recommend: %d title keys for %d movies", len(keys), len(profiles))
	}
	ev := &Evaluation{profiles: profiles, keys: keys, members: map[string]int{}}
	for _, d := range profiles {
		if d.Collection != "" {
			ev.members[d.Collection]++
		}
	}
	ev.Queries = make([]int, len(profiles))
	for i := range ev.Queries {
		ev.Queries[i] = i
	}
	if sample > 0 && sample < len(profiles) {
		rng := rand.New(rand.NewPCG(seed, 0xe7a1))
		rng.Shuffle(len(ev.Queries), func(i, j int) { ev.Queries[i], ev.Queries[j] = ev.Queries[j], ev.Queries[i] })
		ev.Queries = ev.Queries[:sample]
		sort.Ints(ev.Queries)
	}
	return ev, nil
}

// Run evaluates one method: its top 5 for each query.
func (ev *Evaluation) Run(m Method) (Metrics, error) {
	const n = 5
	out := Metrics{Method: m.Name, Queries: len(ev.Queries)}
	recommended := make([]bool, len(ev.profiles))
	var latencies []time.Duration
	var genreHits, genreTotal, peopleHits, peopleTotal, collectionHits int
	for _, q := range ev.Queries {
		start := time.Now()
		top, err := m.Recommend(q, n)
		if err != nil {
			return out, fmt.Errorf("recommend: %s for movie %d: %w", m.Name, ev.profiles[q].ID, err)
		}
		latencies = append(latencies, time.Since(start))
		d := ev.profiles[q]
		if d.Collection != "" && ev.members[d.Collection] >= 2 {
			out.CollectionCount++
			for _, p := range top {
				if ev.profiles[p].Collection == d.Collection {
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
				if shares(d.Genres, ev.profiles[p].Genres) {
					genreHits++
				}
			}
			if len(people) > 0 {
				peopleTotal++
				if shares(people, append(append([]string(nil), ev.profiles[p].Directors...), ev.profiles[p].TopCast...)) {
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
	out.Coverage = ratio(covered, len(ev.profiles))
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	if len(latencies) > 0 {
		out.P50 = latencies[len(latencies)/2]
		out.P99 = latencies[min(len(latencies)-1, len(latencies)*99/100)]
	}
	return out, nil
}

// RandomMethod recommends at random (seeded).
func (ev *Evaluation) RandomMethod(seed uint64) Method {
	rng := rand.New(rand.NewPCG(seed, 0x7a4d))
	return ev.scoreMethod("random", func(_ int, s []float32) {
		for i := range s {
			s[i] = rng.Float32()
		}
	})
}

// PopularMethod recommends the most voted films to everyone.
func (ev *Evaluation) PopularMethod() Method {
	return ev.scoreMethod("most popular", func(_ int, s []float32) {
		for i, d := range ev.profiles {
			s[i] = float32(math.Log1p(float64(d.Votes)))
		}
	})
}

// TextTFIDFMethod is cosine similarity of overview and tagline TF-IDF vectors.
func (ev *Evaluation) TextTFIDFMethod() Method {
	var w [numGroups]float64
	w[Text] = 1
	return ev.scoreMethod("TF-IDF overview", sparseCosine(featureMatrix(ev.profiles, w)))
}

// SoupMethod is the "metadata soup": genres, top 3 cast, director and
// keywords as count vectors, cosine similarity.
func (ev *Evaluation) SoupMethod() Method {
	return ev.scoreMethod("metadata soup", sparseCosine(soupMatrix(ev.profiles, 1)))
}

// BanikName is the name of BanikMethod's method: evalrec compares the
// model with it.
const BanikName = "Banik's re-rank"

// BanikMethod is the "improved" recommender of Rounak Banik's tutorial on
// this dataset: the metadata soup (keywords, top 3 cast, the director three
// times, genres) as count vectors, the 25 most similar films by cosine,
// those with fewer votes than the 60th percentile of the 25 dropped, the
// rest ranked by the IMDB weighted rating v/(v+m)·R + m/(v+m)·C (m: that
// percentile, C: the mean vote average of the 25).
func (ev *Evaluation) BanikMethod() Method {
	sims := sparseCosine(soupMatrix(ev.profiles, 3))
	s := make([]float32, len(ev.profiles))
	return Method{Name: BanikName, Recommend: func(q, n int) ([]int, error) {
		sims(q, s)
		pool := rankDistinct(len(s), q, 25, func(row int) string { return ev.keys[row] }, func(row int) float32 { return s[row] })
		rows := make([]int, len(pool))
		for i, c := range pool {
			rows[i] = c.Row
		}
		return banikRerank(ev.profiles, rows, n), nil
	}}
}

// banikRerank applies Banik's re-rank to the candidates rows (positions in
// profiles, most similar first) and returns the best n.
func banikRerank(profiles []film.Profile, rows []int, n int) []int {
	if len(rows) == 0 {
		return nil
	}
	votes := make([]float64, len(rows))
	var c float64
	for i, r := range rows {
		votes[i] = float64(profiles[r].Votes)
		c += profiles[r].Average
	}
	c /= float64(len(rows))
	m := quantile(votes, 0.6)
	type scored struct {
		row, order int
		wr         float64
	}
	var kept []scored
	for i, r := range rows {
		v := float64(profiles[r].Votes)
		if v < m {
			continue
		}
		kept = append(kept, scored{r, i, weightedRating(v, profiles[r].Average, m, c)})
	}
	sort.SliceStable(kept, func(a, b int) bool { return kept[a].wr > kept[b].wr })
	out := make([]int, 0, n)
	for _, k := range kept[:min(n, len(kept))] {
		out = append(out, k.row)
	}
	return out
}

// weightedRating is IMDB's weighted rating of a film with v votes averaging
// r: v/(v+m)·r + m/(v+m)·c, where m is a vote count and c a mean average.
func weightedRating(v, r, m, c float64) float64 {
	return v/(v+m)*r + m/(v+m)*c
}

// quantile is pandas' default quantile (linear interpolation) of xs.
func quantile(xs []float64, p float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	pos := p * float64(len(s)-1)
	lo := int(math.Floor(pos))
	hi := min(lo+1, len(s)-1)
	return s[lo] + (s[hi]-s[lo])*(pos-float64(lo))
}

// soupMatrix is the metadata soup's count vectors: genres, top 3 cast,
// directors (each counted directorTimes), keywords.
func soupMatrix(profiles []film.Profile, directorTimes int) *csr {
	type term struct {
		prefix, v string
	}
	columns := map[term]int32{}
	m := &csr{rows: len(profiles), start: make([]int, len(profiles)+1)}
	for i, d := range profiles {
		counts := map[int32]float64{}
		add := func(prefix string, values []string, times int) {
			for _, v := range values {
				t := term{prefix, v}
				c, ok := columns[t]
				if !ok {
					c = int32(len(columns))
					columns[t] = c
				}
				counts[c] += float64(times)
			}
		}
		add("g", d.Genres, 1)
		add("a", d.TopCast[:min(3, len(d.TopCast))], 1)
		add("d", d.Directors, directorTimes)
		add("k", d.Keywords, 1)
		cols := make([]int32, 0, len(counts))
		for c := range counts {
			cols = append(cols, c)
		}
		slices.Sort(cols)
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
	return m
}

// sparseCosine scores by the exact cosine of the rows of m (each row scaled
// to unit length here), through an inverted index.
func sparseCosine(m *csr) func(q int, s []float32) {
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
	return func(q int, s []float32) {
		clear(s)
		for k := m.start[q]; k < m.start[q+1]; k++ {
			c, v := m.col[k], m.val[k]
			for j := inverted.start[c]; j < inverted.start[c+1]; j++ {
				s[inverted.col[j]] += float32(v * inverted.val[j])
			}
		}
	}
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

// MostVoted returns the positions of the n most-voted films, the most
// voted first (ties: the lower position first).
func (ev *Evaluation) MostVoted(n int) []int {
	order := make([]int, len(ev.profiles))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return ev.profiles[order[a]].Votes > ev.profiles[order[b]].Votes })
	return order[:min(n, len(order))]
}

// OneActor is how many lists of a method are one actor's filmography.
type OneActor struct {
	Method   string
	Lists    int      // lists read (one per query)
	Crowded  int      // lists with more than the limit of picks earned mainly by one cast member
	Examples []string // the first few, "Titanic → Kate Winslet ×3"
}

// Share is the share of the lists that are one actor's filmography.
func (o OneActor) Share() float64 { return ratio(o.Crowded, o.Lists) }

// RunOneActor reads m's top 5 for each of queries and counts the lists in
// which more than limit picks were earned mainly by one cast member, as
// judge's vectors and feature names tell (Recommender.MostCastPicks): the
// measure of the rule Ranking.CastLimit applies.
func (ev *Evaluation) RunOneActor(m Method, queries []int, judge *Recommender, limit int) (OneActor, error) {
	const n, maxExamples = 5, 5
	out := OneActor{Method: m.Name, Lists: len(queries)}
	for _, q := range queries {
		top, err := m.Recommend(q, n)
		if err != nil {
			return out, fmt.Errorf("recommend: %s for movie %d: %w", m.Name, ev.profiles[q].ID, err)
		}
		ids := make([]int64, len(top))
		for i, p := range top {
			ids[i] = ev.profiles[p].ID
		}
		name, count := judge.MostCastPicks(ev.profiles[q].ID, ids)
		if count <= limit {
			continue
		}
		out.Crowded++
		if len(out.Examples) < maxExamples {
			out.Examples = append(out.Examples, fmt.Sprintf("%s → %s ×%d", ev.profiles[q].Title, name, count))
		}
	}
	return out, nil
}
