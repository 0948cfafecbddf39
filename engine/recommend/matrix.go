package recommend

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/filmoteca/filmoteca/engine/film"
)

// maxTextTerms is how many words of a movie's overview and tagline (those of
// highest TF-IDF) its vector keeps.
const maxTextTerms = 40

// featureMatrix returns the sparse film × term matrix of the groups with a
// weight: within each group a term weighs (1 + log tf) × log(N / df), and the
// group is scaled to unit length times its weight. Terms found in a single
// film are dropped (they relate it to nothing), and so are words found in
// more than half of the films, and words beyond a film's maxTextTerms
// strongest. Each column carries the hash of its term.
//
// The work is split among the CPUs: each part of the profiles numbers its
// own terms (countTerms), the parts' numbers are then joined (joinTerms),
// and each part weighs its rows (weighRows). Each row is computed the same
// way whatever the split.
func featureMatrix(profiles []film.Profile, weights [numGroups]float64) *csr {
	n := len(profiles)
	perFilm := make([][numGroups][]termCount, n)
	parts := parallelParts(n, 1024, func(lo, hi int) *filmPart {
		return countTerms(profiles, weights, perFilm, lo, hi)
	})
	t := joinTerms(parts, perFilm)
	column, colHash := t.columns(n)
	rows := parallelParts(n, 1024, func(lo, hi int) *rowPart {
		return weighRows(perFilm, t.df, column, weights, lo, hi)
	})
	m := &csr{rows: n, cols: len(colHash), start: make([]int, n+1), colHash: colHash}
	for _, p := range rows {
		for i := p.lo; i < p.hi; i++ {
			m.start[i+1] = m.start[i] + p.length[i-p.lo]
		}
		m.col = append(m.col, p.col...)
		m.val = append(m.val, p.val...)
	}
	return m
}

// countTerms is the first pass over films lo to hi: each film's terms as
// (term, tf) pairs, group by group, into perFilm, the terms numbered by the
// part.
func countTerms(profiles []film.Profile, weights [numGroups]float64, perFilm [][numGroups][]termCount, lo, hi int) *filmPart {
	p := &filmPart{lo: lo, hi: hi, terms: newTerms()}
	var scratch []int32
	for i := lo; i < hi; i++ {
		for g := Group(0); g < numGroups; g++ {
			if weights[g] != 0 {
				perFilm[i][g], scratch = p.terms.count(g, groups[g].values(&profiles[i]), scratch)
			}
		}
	}
	return p
}

// joinTerms numbers the terms of all the parts once, renumbers perFilm's
// terms accordingly, and counts each term's document frequency.
func joinTerms(parts []*filmPart, perFilm [][numGroups][]termCount) *terms {
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
			for g := range perFilm[i] {
				for j := range perFilm[i][g] {
					term := p.global[perFilm[i][g][j].term]
					perFilm[i][g][j].term = term
					t.df[term]++
				}
			}
		}
	}
	return t
}

// rowPart is the weighed rows of films lo to hi, joined in row order later.
type rowPart struct {
	lo, hi int
	length []int // entries of each row
	col    []int32
	val    []float64
}

// weighRows is the second pass over films lo to hi: each row's TF-IDF
// weights, each group scaled to its weight (appendScaled).
func weighRows(perFilm [][numGroups][]termCount, df, column []int32, weights [numGroups]float64, lo, hi int) *rowPart {
	n := float64(len(perFilm))
	p := &rowPart{lo: lo, hi: hi, length: make([]int, hi-lo)}
	var row, group []entry
	for i := lo; i < hi; i++ {
		row = row[:0]
		for g := Group(0); g < numGroups; g++ {
			group = group[:0]
			for _, tc := range perFilm[i][g] {
				if c := column[tc.term]; c >= 0 {
					group = append(group, entry{c, (1 + math.Log(float64(tc.tf))) * math.Log(n/float64(df[tc.term]))})
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
		perFilm[i] = [numGroups][]termCount{} // done with this film
	}
	return p
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

// termCount is a term of a film (its number) and how often the film has it.
type termCount struct {
	term int32
	tf   int32
}

// terms numbers the distinct (group, value) terms met.
type terms struct {
	ids  [numGroups]map[string]int32 // value -> term, by group
	keys []termKey
	df   []int32 // the films that have each term, once counted
}

type termKey struct {
	g     Group
	value string
}

// filmPart is a contiguous part of the films, the terms it met and, once
// joined, their numbers in the joined terms.
type filmPart struct {
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

// count numbers a film's values of group g and returns them as (term, tf)
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

// columns chooses the matrix's columns among the terms of n films: those
// found in at least two films (and, for words, in at most half), ordered by
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
		colHash[c] = termOf(t.keys[id].g, t.keys[id].value)
	}
	return column, colHash
}
