// Package lookup matches names the way Spanish-speaking users type them:
// ignoring case, accents and repeated spaces, and suggesting the closest
// names when there is no match.
package lookup

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Key normalises s for matching: accents removed, lower case, runs of
// white space folded to one space, surrounding space trimmed.
// "  SÁBADO " and "sabado" have the same key.
func Key(s string) string {
	if isPlainASCII(s) {
		return strings.Join(strings.Fields(strings.ToLower(s)), " ")
	}
	// Invalid bytes first become U+FFFD: the normaliser would otherwise
	// swallow the characters after them (found by FuzzKey).
	s = strings.ToValidUTF8(s, "\uFFFD")
	stripped, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		stripped = s
	}
	return strings.Join(strings.Fields(strings.ToLower(stripped)), " ")
}

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Index finds entries by name. Entries are numbered by their position in the
// slice given to NewIndex; several entries may share a key.
type Index struct {
	keys   []string         // key of each entry
	names  []string         // name of each entry, as given
	exact  map[string][]int // key -> entries
	grams  map[string][]int32
	counts sync.Pool // *[]uint16, one counter per entry, for Suggest
}

// NewIndex indexes names. Give the most important entries first: equal
// suggestions are returned in that order.
func NewIndex(names []string) *Index {
	ix := &Index{
		keys:  make([]string, len(names)),
		names: names,
		exact: make(map[string][]int, len(names)),
		grams: make(map[string][]int32),
	}
	for i, name := range names {
		k := Key(name)
		ix.keys[i] = k
		if _, seen := ix.exact[k]; !seen {
			for _, g := range trigrams(k) {
				ix.grams[g] = append(ix.grams[g], int32(i))
			}
		}
		ix.exact[k] = append(ix.exact[k], i)
	}
	ix.counts.New = func() any { c := make([]uint16, len(names)); return &c }
	return ix
}

// Key returns the key of entry i.
func (ix *Index) Key(i int) string { return ix.keys[i] }

// Find returns the entries whose key equals name's key, in index order.
func (ix *Index) Find(name string) []int {
	return ix.exact[Key(name)]
}

// Prefix returns up to n entries whose key starts with name's key, in index
// order (most important first).
func (ix *Index) Prefix(name string, n int) []int {
	key := Key(name)
	if key == "" || n <= 0 {
		return nil
	}
	var out []int
	for i, k := range ix.keys {
		if strings.HasPrefix(k, key) {
			out = append(out, i)
			if len(out) == n {
				break
			}
		}
	}
	return out
}

// Suggest returns up to n distinct names closest to name, best first:
// candidates share the most trigrams with it, then are ranked by
// Jaro-Winkler similarity of the keys.
func (ix *Index) Suggest(name string, n int) []string {
	key := Key(name)
	if key == "" || n <= 0 || len(ix.keys) == 0 {
		return nil
	}
	countsPtr := ix.counts.Get().(*[]uint16)
	counts := *countsPtr
	var touched []int32
	for _, g := range uniq(trigrams(key)) {
		for _, e := range ix.grams[g] {
			if counts[e] == 0 {
				touched = append(touched, e)
			}
			if counts[e] < 0xffff {
				counts[e]++
			}
		}
	}
	// Keep the candidates sharing the most trigrams (at least `pool` of them,
	// found through a histogram of the counts rather than a sort), then rank
	// them properly.
	const pool = 64
	threshold := minSharedCount(counts, touched, pool)
	type scored struct {
		entry int32
		score float64
	}
	ranked := make([]scored, 0, pool)
	if len(touched) > 8*pool {
		slices.Sort(touched) // so that the cap below keeps the most important entries
	}
	for _, e := range touched {
		// The cap bounds the work when many entries tie (a one-word query):
		// entries come in index order, most important first.
		if counts[e] >= threshold && len(ranked) < 8*pool {
			ranked = append(ranked, scored{e, jaroWinkler(key, ix.keys[e])})
		}
		counts[e] = 0
	}
	ix.counts.Put(countsPtr)
	sort.SliceStable(ranked, func(a, b int) bool {
		if ranked[a].score != ranked[b].score {
			return ranked[a].score > ranked[b].score
		}
		return ranked[a].entry < ranked[b].entry
	})
	var out []string
	seen := map[string]bool{}
	for _, r := range ranked {
		k := ix.keys[r.entry]
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, ix.names[r.entry])
		if len(out) == n {
			break
		}
	}
	return out
}

// minSharedCount returns the largest count c such that at least want of the
// touched entries share c or more trigrams with the query (1 when fewer
// entries were touched).
func minSharedCount(counts []uint16, touched []int32, want int) uint16 {
	if len(touched) <= want {
		return 1
	}
	var hist [256]int
	for _, e := range touched {
		hist[min(int(counts[e]), len(hist)-1)]++
	}
	total := 0
	for c := len(hist) - 1; c > 1; c-- {
		total += hist[c]
		if total >= want {
			return uint16(c)
		}
	}
	return 1
}

// trigrams returns the three-rune windows of " key ", so that short keys and
// word starts count too.
func trigrams(key string) []string {
	r := []rune(" " + key + " ")
	if len(r) < 3 {
		return nil
	}
	out := make([]string, 0, len(r)-2)
	for i := 0; i+3 <= len(r); i++ {
		out = append(out, string(r[i:i+3]))
	}
	return out
}

func uniq(s []string) []string {
	seen := make(map[string]bool, len(s))
	out := s[:0:0]
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// jaroWinkler returns the Jaro-Winkler similarity of a and b, from 0 to 1.
func jaroWinkler(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 && len(rb) == 0 {
		return 1
	}
	if len(ra) == 0 || len(rb) == 0 {
		return 0
	}
	window := max(len(ra), len(rb))/2 - 1
	if window < 0 {
		window = 0
	}
	matchedA := make([]bool, len(ra))
	matchedB := make([]bool, len(rb))
	matches := 0
	for i := range ra {
		lo, hi := max(0, i-window), min(len(rb), i+window+1)
		for j := lo; j < hi; j++ {
			if !matchedB[j] && ra[i] == rb[j] {
				matchedA[i], matchedB[j] = true, true
				matches++
				break
			}
		}
	}
	if matches == 0 {
		return 0
	}
	transpositions, j := 0, 0
	for i := range ra {
		if !matchedA[i] {
			continue
		}
		for !matchedB[j] {
			j++
		}
		if ra[i] != rb[j] {
			transpositions++
		}
		j++
	}
	m := float64(matches)
	jaro := (m/float64(len(ra)) + m/float64(len(rb)) + (m-float64(transpositions)/2)/m) / 3
	prefix := 0
	for prefix < min(4, len(ra), len(rb)) && ra[prefix] == rb[prefix] {
		prefix++
	}
	return jaro + float64(prefix)*0.1*(1-jaro)
}
