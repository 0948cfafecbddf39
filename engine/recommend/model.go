// Package recommend turns each movie into a unit-length vector from its
// content (overview and tagline words, genres, collection, first-billed cast,
// director, companies, language, era, keywords), and ranks movies by the
// cosine similarity of those vectors. It is pure computation: the store
// package reads its input from the database and writes its output there.
//
// Each feature group is TF-IDF weighted and scaled to a set share of the
// movie's vector, and every feature stays exact (see Build). The same data
// gives the same vectors, whatever the number of CPUs.
package recommend

import (
	"cmp"
	"errors"
	"fmt"
	"hash/fnv"
	"iter"
	"math"
	"slices"
	"sort"
	"strings"
)

// Doc is what the model reads about one movie (the view movie_features).
type Doc struct {
	ID         int64
	Title      string
	Year       int
	Text       string // overview and tagline
	Genres     []string
	Collection string
	TopCast    []string
	Directors  []string
	Companies  []string
	Language   string
	Era        string
	Keywords   []string
	Votes      int64
	Average    float64 // vote average, 0-10
}

// Group is one kind of feature.
type Group int

// The feature groups, in the order of Config.Weights.
const (
	Text Group = iota
	Genres
	Collection
	Cast
	Directors
	Companies
	Language
	Era
	Keywords
	numGroups
)

// Config sets the weight of each feature group.
type Config struct {
	Weights [numGroups]float64
}

// DefaultConfig is the configuration the build uses; docs/recommender.md
// shows the evaluation (MovieLens co-likes, tuning users) that chose the weights.
func DefaultConfig() Config {
	return Config{
		Weights: [numGroups]float64{
			Text: 0.3, Genres: 0.6, Collection: 2.0, Cast: 1.3, Directors: 1.3,
			Companies: 0.3, Language: 0.2, Era: 0.2, Keywords: 0.7,
		},
	}
}

// Embeddings are the unit-length vectors of a set of movies. A movie's
// vector is sparse: a few dozen weighted features (words, genres,
// collection, people, …). The cosine similarity of two movies is the sum of
// the products of the weights of the features they share.
type Embeddings struct {
	IDs      []int64     // ascending
	Features [][]Feature // row i's features, sorted by Term
	// Names are the readable names of the features (genres, collections,
	// people, companies, keywords, languages), for the reasons of a
	// recommendation; nil when unknown.
	Names map[uint64]FeatureName
}

// Feature is one weighted feature of a movie.
type Feature struct {
	Term   uint64 // TermOf(group, value)
	Weight float32
}

// Equal reports whether e and o hold the same vectors: the same movies, and
// for each the same features with the same weights, bit for bit.
func (e *Embeddings) Equal(o *Embeddings) bool {
	if !slices.Equal(e.IDs, o.IDs) || len(e.Features) != len(o.Features) {
		return false
	}
	for i := range e.Features {
		if !slices.Equal(e.Features[i], o.Features[i]) {
			return false
		}
	}
	return true
}

// Len is the number of movies.
func (e *Embeddings) Len() int { return len(e.IDs) }

// Exact returns the exact cosine similarity of rows i and j.
func (e *Embeddings) Exact(i, j int) float32 {
	var s float32
	for fa, fb := range common(e.Features[i], e.Features[j]) {
		s += fa.Weight * fb.Weight
	}
	return s
}

// Build computes the embeddings of docs, which must be sorted by ID: every
// feature group (the words of overview and tagline, genres, collection,
// cast, directors, companies, language, era, keywords) TF-IDF weighted, each
// group scaled to its weight, and the whole vector to unit length. The
// vectors stay sparse and exact: a reduction (an SVD, say) would throw away
// the rare, precise features (a director, a collection) that relate films
// best.
func Build(docs []Doc, cfg Config) (*Embeddings, error) {
	return BuildReporting(docs, cfg, func(float64) {})
}

// BuildReporting is Build, telling report how much of the work is done (0 to 1).
func BuildReporting(docs []Doc, cfg Config, report func(done float64)) (*Embeddings, error) {
	if len(docs) == 0 {
		return nil, errors.New("recommend: no movies")
	}
	for i := 1; i < len(docs); i++ {
		if docs[i-1].ID >= docs[i].ID {
			return nil, fmt.Errorf("recommend: movies not sorted by id (%d before %d)", docs[i-1].ID, docs[i].ID)
		}
	}
	e := &Embeddings{IDs: make([]int64, len(docs)), Features: make([][]Feature, len(docs))}
	cat := FeatureMatrix(docs, cfg.Weights)
	report(0.9)
	parallelRows(len(docs), 1024, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			e.IDs[i] = docs[i].ID
			var norm2 float64
			for k := cat.start[i]; k < cat.start[i+1]; k++ {
				norm2 += cat.val[k] * cat.val[k]
			}
			if norm2 == 0 {
				continue // a movie with no usable feature stays at zero: similar to nothing
			}
			norm := math.Sqrt(norm2)
			features := make([]Feature, 0, cat.start[i+1]-cat.start[i])
			for k := cat.start[i]; k < cat.start[i+1]; k++ {
				features = append(features, Feature{Term: cat.colHash[cat.col[k]], Weight: float32(cat.val[k] / norm)})
			}
			slices.SortFunc(features, func(a, b Feature) int { return cmp.Compare(a.Term, b.Term) })
			e.Features[i] = features
		}
	})
	return e, nil
}

// prefixes tells the groups' terms apart: "d:7879" is a director.
var prefixes = [numGroups]string{Genres: "g:", Collection: "c:", Cast: "a:", Directors: "d:",
	Companies: "p:", Language: "l:", Era: "e:", Keywords: "k:"}

// TermOf is the Term of a categorical feature: the FNV-64a hash of its
// group's prefix and its value (a genre's name, a person's id, …).
func TermOf(g Group, value string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(prefixes[g]))
	h.Write([]byte(value))
	return h.Sum64()
}

// groupValues lists the values of one group for one doc: the words of the
// text, a genre's name, a person's id, …
func groupValues(d Doc, g Group) []string {
	switch g {
	case Text:
		return tokens(d.Text)
	case Genres:
		return d.Genres
	case Collection:
		return []string{d.Collection}
	case Cast:
		return d.TopCast
	case Directors:
		return d.Directors
	case Companies:
		return d.Companies
	case Language:
		return []string{d.Language}
	case Era:
		return []string{d.Era}
	case Keywords:
		return d.Keywords
	}
	return nil
}

// maxTextTerms is how many words of a movie's overview and tagline (those of
// highest TF-IDF) its vector keeps.
const maxTextTerms = 40

// FeatureMatrix returns the sparse movie × term matrix of the groups with a
// weight: within each group a term weighs (1 + log tf) × log(N / df), and the
// group is scaled to unit length times its weight. Terms found in a single
// movie are dropped (they relate it to nothing), and so are words found in
// more than half of the movies, and words beyond a movie's maxTextTerms
// strongest. Each column carries the hash of its term.
//
// The work is split among the CPUs: each part of the docs numbers its own
// terms, the parts' numbers are then joined, and each part weighs its rows.
// Each row is computed the same way whatever the split.
func FeatureMatrix(docs []Doc, weights [numGroups]float64) *csr {
	n := len(docs)
	// Pass 1: each doc's terms as (term, tf) pairs, group by group, the
	// terms numbered by the doc's part.
	perDoc := make([][numGroups][]termCount, n)
	parts := parallelParts(n, 1024, func(lo, hi int) *docPart {
		p := &docPart{lo: lo, hi: hi, terms: newTerms()}
		var scratch []int32
		for i := lo; i < hi; i++ {
			for g := Group(0); g < numGroups; g++ {
				if weights[g] != 0 {
					perDoc[i][g], scratch = p.terms.count(g, groupValues(docs[i], g), scratch)
				}
			}
		}
		return p
	})
	// One numbering for all the parts, then each term's document frequency.
	t := newTerms()
	for _, p := range parts {
		p.global = make([]int32, len(p.terms.keys))
		for id, k := range p.terms.keys {
			p.global[id] = t.intern(k.g, k.value)
		}
		p.terms = nil
	}
	t.df = make([]int32, len(t.keys))
	for _, p := range parts {
		for i := p.lo; i < p.hi; i++ {
			for g := range perDoc[i] {
				for j := range perDoc[i][g] {
					term := p.global[perDoc[i][g][j].term]
					perDoc[i][g][j].term = term
					t.df[term]++
				}
			}
		}
	}
	column, colHash := t.columns(n)
	// Pass 2: each row's weights, each part written to its own slices and
	// joined in row order.
	type rowPart struct {
		lo, hi int
		length []int // entries of each row
		col    []int32
		val    []float64
	}
	rowParts := parallelParts(n, 1024, func(lo, hi int) *rowPart {
		p := &rowPart{lo: lo, hi: hi, length: make([]int, hi-lo)}
		var row, group []entry
		for i := lo; i < hi; i++ {
			row = row[:0]
			for g := Group(0); g < numGroups; g++ {
				group = group[:0]
				for _, tc := range perDoc[i][g] {
					if c := column[tc.term]; c >= 0 {
						group = append(group, entry{c, (1 + math.Log(float64(tc.tf))) * math.Log(float64(n)/float64(t.df[tc.term]))})
					}
				}
				row = appendScaled(row, group, g, weights[g])
			}
			slices.SortFunc(row, byColumn)
			for _, e := range row {
				p.col = append(p.col, e.col)
				p.val = append(p.val, e.val)
			}
			p.length[i-lo] = len(row)
			perDoc[i] = [numGroups][]termCount{} // done with this doc
		}
		return p
	})
	m := &csr{rows: n, cols: len(colHash), start: make([]int, n+1), colHash: colHash}
	for _, p := range rowParts {
		for i := p.lo; i < p.hi; i++ {
			m.start[i+1] = m.start[i] + p.length[i-p.lo]
		}
		m.col = append(m.col, p.col...)
		m.val = append(m.val, p.val...)
	}
	return m
}

// entry is one weighted term of a row: its column and its value.
type entry struct {
	col int32
	val float64
}

func byColumn(a, b entry) int { return int(a.col) - int(b.col) }

// appendScaled appends one group's entries to a row, scaled so that the
// group has unit length times its weight; the text keeps only its
// maxTextTerms strongest words (a long overview costs no more memory or
// time than an ordinary one). group is reordered.
func appendScaled(row, group []entry, g Group, weight float64) []entry {
	if g == Text && len(group) > maxTextTerms {
		slices.SortFunc(group, func(a, b entry) int {
			if c := cmp.Compare(b.val, a.val); c != 0 {
				return c
			}
			return byColumn(a, b)
		})
		group = group[:maxTextTerms]
	}
	// Sorted by column before summing, so the last bits never vary.
	slices.SortFunc(group, byColumn)
	var norm float64
	for _, e := range group {
		norm += e.val * e.val
	}
	if norm == 0 {
		return row
	}
	scale := weight / math.Sqrt(norm)
	for _, e := range group {
		row = append(row, entry{e.col, e.val * scale})
	}
	return row
}

// termCount is a term of a doc (its number) and how often the doc has it.
type termCount struct {
	term int32
	tf   int32
}

// terms numbers the distinct (group, value) terms met.
type terms struct {
	ids  [numGroups]map[string]int32 // value -> term, by group
	keys []termKey
	df   []int32 // the docs that have each term, once counted
}

type termKey struct {
	g     Group
	value string
}

// docPart is a contiguous part of the docs, the terms it met and, once
// joined, their numbers in the joined terms.
type docPart struct {
	lo, hi int
	terms  *terms
	global []int32
}

func newTerms() *terms {
	t := &terms{}
	for g := range t.ids {
		t.ids[g] = map[string]int32{}
	}
	return t
}

// intern returns the number of value in group g, numbering it when new.
func (t *terms) intern(g Group, value string) int32 {
	id, ok := t.ids[g][value]
	if !ok {
		id = int32(len(t.keys))
		t.ids[g][value] = id
		t.keys = append(t.keys, termKey{g, value})
	}
	return id
}

// count numbers a doc's values of group g and returns them as (term, tf)
// pairs, each term once; scratch is reused.
func (t *terms) count(g Group, values []string, scratch []int32) ([]termCount, []int32) {
	scratch = scratch[:0]
	for _, v := range values {
		if v != "" {
			scratch = append(scratch, t.intern(g, v))
		}
	}
	if len(scratch) == 0 {
		return nil, scratch
	}
	slices.Sort(scratch)
	pairs := make([]termCount, 0, len(scratch))
	for j, id := range scratch {
		if j > 0 && id == scratch[j-1] {
			pairs[len(pairs)-1].tf++
			continue
		}
		pairs = append(pairs, termCount{id, 1})
	}
	return pairs, scratch
}

// columns chooses the matrix's columns among the terms of n docs: those
// found in at least two docs (and, for words, in at most half), ordered by
// group then value so that the matrix does not depend on the order terms
// were met in. It returns each term's column (-1: dropped) and each
// column's hash.
func (t *terms) columns(n int) (column []int32, colHash []uint64) {
	var kept []int32
	for id, k := range t.keys {
		if c := int(t.df[id]); c >= 2 && !(k.g == Text && c > n/2) {
			kept = append(kept, int32(id))
		}
	}
	slices.SortFunc(kept, func(i, j int32) int {
		a, b := t.keys[i], t.keys[j]
		if a.g != b.g {
			return int(a.g) - int(b.g)
		}
		return strings.Compare(a.value, b.value)
	})
	column = make([]int32, len(t.keys))
	for i := range column {
		column[i] = -1
	}
	colHash = make([]uint64, len(kept))
	for c, id := range kept {
		column[id] = int32(c)
		colHash[c] = TermOf(t.keys[id].g, t.keys[id].value)
	}
	return column, colHash
}

// common yields the features two term-sorted lists share, as the pair of
// each list's own feature.
func common(a, b []Feature) iter.Seq2[Feature, Feature] {
	return func(yield func(Feature, Feature) bool) {
		for x, y := 0, 0; x < len(a) && y < len(b); {
			switch {
			case a[x].Term < b[y].Term:
				x++
			case a[x].Term > b[y].Term:
				y++
			default:
				if !yield(a[x], b[y]) {
					return
				}
				x++
				y++
			}
		}
	}
}

// FeatureName is the readable name of a categorical feature.
type FeatureName struct {
	Group Group
	Name  string
}

// Shared is a categorical feature two movies share, with its share of
// their cosine similarity (the product of its weights in the two vectors).
type Shared struct {
	FeatureName
	Contribution float32
}

// Shared returns the named categorical features rows i and j share, the
// largest contribution first (ties: by group, then name). Features without
// a name in e.Names are left out.
func (e *Embeddings) Shared(i, j int) []Shared {
	var out []Shared
	for fa, fb := range common(e.Features[i], e.Features[j]) {
		if name, ok := e.Names[fa.Term]; ok {
			out = append(out, Shared{name, fa.Weight * fb.Weight})
		}
	}
	sort.Slice(out, func(p, q int) bool {
		if out[p].Contribution != out[q].Contribution {
			return out[p].Contribution > out[q].Contribution
		}
		if out[p].Group != out[q].Group {
			return out[p].Group < out[q].Group
		}
		return out[p].Name < out[q].Name
	})
	return out
}
