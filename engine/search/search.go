// Package search finds what people type, the way a film site's search box
// does: films by their title or original title, people by any part of
// their name. It matches whole words and word prefixes, ignores case,
// accents, punctuation and a leading article, tolerates typos, and ranks
// by how well the query matches, then by how known the entry is.
package search

import (
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/filmoteca/filmoteca/engine/lookup"
)

// Entry is what the index finds: a film or a person.
type Entry struct {
	Names []string // what it is found by: a film's title and original title, a person's name
	Known float64  // how known it is (a film's votes, a person's films' votes); 0 or more
}

// Index finds entries by what people type.
type Index struct {
	names    []name    // every name of every entry
	known    []float64 // by entry: log1p(Known) / log1p(the most known)
	raw      []float64 // by entry: Known
	settings Settings
	runes    [][]rune  // by word: its letters
	masks    []uint64  // by word: which letters it has (a cheap filter for typos)
	vocab    []string  // the distinct words, sorted
	postings [][]int32 // by word: the names that have it, ascending
	byLen    [][]int32 // by word length in runes: the words of that length
}

// name is one name of an entry, as words (numbers into the vocabulary).
type name struct {
	entry   int32
	words   []int32
	article bool // its first word is an article (The, La, …): not needed to match
}

// Settings weigh what ranks the hits: how much of a name the query covers,
// and how known the entry is. DefaultSettings are chosen on query sets
// derived from the data (filmoteca evalsearch, dev queries only).
type Settings struct {
	// Coverage is the share of a name's quality that depends on how many of
	// its words the query gives: a surname scores 1-Coverage/2 of a whole
	// name's words.
	Coverage float64
	// Known is how much being known adds to a hit's score, at most: enough
	// for a film everyone knows to come before an obscure one that matches
	// a little better ("knight": The Dark Knight before Knight), not enough
	// to pass one that matches much better.
	Known float64
	// WholeBonus is what giving the whole name, word for word, adds to a
	// match's quality, in proportion to how well the words match (a
	// typo'd whole title still comes before a title it is only part of).
	WholeBonus float64
}

// DefaultSettings are the settings the catalogue's indexes use.
func DefaultSettings() Settings { return Settings{Coverage: 0.1, Known: 1, WholeBonus: 0.1} }

// NewIndex indexes entries, ranking by settings (evalsearch compares
// them); a hit's Entry is a position in entries.
//
// A server builds three indexes each time it loads a build, beside the
// build it serves: words are numbered as they are met (a word already
// known costs no allocation), and each table lives in one array.
func NewIndex(entries []Entry, settings Settings) *Index {
	ix := &Index{known: make([]float64, len(entries)), raw: make([]float64, len(entries)), settings: settings}
	maxKnown := 0.0
	names := 0
	for _, e := range entries {
		maxKnown = max(maxKnown, e.Known)
		names += len(e.Names)
	}
	ix.names = make([]name, 0, names)
	words := map[string]int32{}
	var vocab []string               // by number met
	all := make([]int32, 0, 3*names) // every name's words, name after name
	ends := make([]int, 0, names)    // by name: where its words end in all
	var buf []byte
	meet := func(word []byte) { // numbers a word the first time it is met
		w, ok := words[string(word)]
		if !ok {
			w = int32(len(vocab))
			vocab = append(vocab, string(word))
			words[vocab[w]] = w
		}
		all = append(all, w)
	}
	for i, e := range entries {
		ix.raw[i] = e.Known
		if maxKnown > 0 {
			ix.known[i] = math.Log1p(max(e.Known, 0)) / math.Log1p(maxKnown)
		}
		for _, n := range e.Names {
			first := len(all)
			buf = eachWord(n, buf, meet)
			if len(all) == first {
				continue
			}
			ix.names = append(ix.names, name{entry: int32(i), article: len(all)-first > 1 && articles[vocab[all[first]]]})
			ends = append(ends, len(all))
		}
	}
	ix.number(vocab, all, ends)
	return ix
}

// number sorts the vocabulary and fills the tables that number words: the
// names' words (all, each name's ending at ends), the postings, the
// letters and the words by length.
func (ix *Index) number(vocab []string, all []int32, ends []int) {
	order := make([]int32, len(vocab)) // sorted position -> number met
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(vocab[a], vocab[b]) })
	sorted := make([]int32, len(vocab)) // number met -> sorted position
	ix.vocab = make([]string, len(vocab))
	for pos, w := range order {
		sorted[w] = int32(pos)
		ix.vocab[pos] = vocab[w]
	}
	count := make([]int32, len(vocab)) // by word: the names that have it
	start := 0
	for i, end := range ends {
		ix.names[i].words = all[start:end:end]
		for j := start; j < end; j++ {
			all[j] = sorted[all[j]]
			if !slices.Contains(all[start:j], all[j]) {
				count[all[j]]++
			}
		}
		start = end
	}
	postings := make([]int32, 0, len(all))
	ix.postings = make([][]int32, len(vocab))
	for w, c := range count {
		ix.postings[w] = postings[len(postings) : len(postings) : len(postings)+int(c)]
		postings = postings[:len(postings)+int(c)]
	}
	for i, nm := range ix.names {
		for j, w := range nm.words {
			if !slices.Contains(nm.words[:j], w) {
				ix.postings[w] = append(ix.postings[w], int32(i))
			}
		}
	}
	letterCount := 0
	for _, w := range ix.vocab {
		letterCount += utf8.RuneCountInString(w)
	}
	letters := make([]rune, 0, letterCount)
	ix.runes = make([][]rune, len(ix.vocab))
	ix.masks = make([]uint64, len(ix.vocab))
	for i, w := range ix.vocab {
		from := len(letters)
		for _, r := range w {
			letters = append(letters, r)
		}
		ix.runes[i], ix.masks[i] = letters[from:len(letters):len(letters)], lettersOf(w)
		n := len(ix.runes[i])
		for len(ix.byLen) <= n {
			ix.byLen = append(ix.byLen, nil)
		}
		ix.byLen[n] = append(ix.byLen[n], int32(i))
	}
}

// lettersOf is the set of letters of a word, as bits (a letter's code
// modulo 64): a word one edit away differs in at most two of them.
func lettersOf(w string) uint64 {
	var m uint64
	for _, r := range w {
		m |= 1 << (uint(r) % 64)
	}
	return m
}

// articles are the words a title may start with that a person may leave out.
var articles = map[string]bool{
	"the": true, "a": true, "an": true, "el": true, "la": true, "los": true, "las": true,
	"lo": true, "le": true, "les": true, "l": true, "il": true, "gli": true, "i": true,
	"un": true, "una": true, "der": true, "die": true, "das": true,
}

// Tokens splits s into the words the index matches: lower case, accents
// removed, apostrophes dropped ("Schindler's" is "schindlers"), any other
// punctuation a separator; in scripts written without spaces (Chinese,
// Japanese, Korean, Thai), every character is a word.
func Tokens(s string) []string {
	var out []string
	eachWord(s, nil, func(word []byte) { out = append(out, string(word)) })
	return out
}

// eachWord calls emit with each of Tokens(s), as UTF-8 in buf (which it
// returns, perhaps grown, for the next call): emit must not keep it.
func eachWord(s string, buf []byte, emit func(word []byte)) []byte {
	word := buf[:0]
	key := s
	if !lookup.ASCII(s) {
		key = lookup.Key(s)
	}
	for _, r := range key {
		if 'A' <= r && r <= 'Z' { // as lookup.Key would, without a copy
			r += 'a' - 'A'
		}
		switch {
		case r == '\'' || r == '’' || r == '`':
			// inside a word: dropped
		case r >= 0x0E00 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Thai): // Thai starts at U+0E00
			if len(word) > 0 {
				emit(word)
			}
			word = utf8.AppendRune(word[:0], r)
			emit(word)
			word = word[:0]
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word = utf8.AppendRune(word, r)
		case len(word) > 0:
			emit(word)
			word = word[:0]
		}
	}
	if len(word) > 0 {
		emit(word)
	}
	return word
}

// Words are the words of s a search matches: its Tokens, without a
// leading article when other words follow ("The Matrix": matrix). Two
// queries with the same Words find the same hits.
func Words(s string) []string {
	t := Tokens(s)
	if len(t) > 1 && articles[t[0]] {
		return t[1:]
	}
	return t
}

func runeCount(s string) int { return len([]rune(s)) }

// Hit is an entry found for a query.
type Hit struct {
	Entry   int     // its position in the entries given to NewIndex
	Quality float64 // how well the query matches its best name: Whole for the whole name exactly, less for parts, prefixes and typos (a long name given whole with a prefix or a typo may reach Whole too: Exact tells)
	Score   float64 // what hits are ranked by: Quality plus how known it is
	Known   float64 // the entry's Known
	// Exact is set when the query gives one of the entry's names whole,
	// every word exactly (its leading article aside), word for word by
	// position: "la la land" is La La Land, "godfather part ii" is not
	// The Godfather: Part III.
	Exact bool
	// Partial is set when some query word matched no word of any name,
	// even with a typo: the hit matches the other words (or that word
	// with one more typo) and is only a suggestion.
	Partial bool
}

// Whole is the Quality of a hit whose name the query gives whole (its
// leading article aside), every word exactly; without the whole bonus, no
// hit reaches it.
const Whole = 1.0

// Search returns up to n entries for query, best first: every word of the
// query must match a word of one of the entry's names (whole, as a prefix,
// or with a typo). When no entry matches so, the hits are Partial
// suggestions: entries matching the query's words with one more typo
// ("Tom Hanx": Tom Hanks), or only some of them.
func (ix *Index) Search(query string, n int) []Hit {
	q := Words(query)
	if len(q) == 0 || n <= 0 {
		return nil
	}
	if hits := ix.search(q, n, false); len(hits) > 0 {
		return hits
	}
	return ix.search(q, n, true)
}

// search finds the entries matching query words q; loose, those matching
// them with one more typo, or matching only some of them, as Partial hits
// whose quality is scaled by the share of the words they match.
func (ix *Index) search(q []string, n int, loose bool) []Hit {
	matches := make([]map[int32]float64, 0, len(q)) // by query word: the vocabulary words it matches, and how well
	for i, t := range q {
		m := ix.matchWord(t, i == len(q)-1)
		if loose {
			ix.typos(t, m, 1)
		}
		if len(m) == 0 && !loose {
			return nil
		}
		if len(m) > 0 {
			matches = append(matches, m)
		}
	}
	if len(matches) == 0 {
		return nil
	}
	share := float64(len(matches)) / float64(len(q)) // of the query's words, those that match
	type best struct {
		quality float64
		exact   bool
	}
	bests := map[int32]best{} // by entry: its best name's quality; whether some name is exact
	for _, nm := range ix.candidates(matches, loose) {
		quality, exact := ix.names[nm].quality(matches, len(matches), loose, ix.settings)
		if quality == 0 {
			continue
		}
		e := ix.names[nm].entry
		b := bests[e]
		bests[e] = best{max(b.quality, share*quality), b.exact || exact && !loose}
	}
	hits := make([]Hit, 0, len(bests))
	for e, b := range bests {
		hits = append(hits, Hit{Entry: int(e), Quality: b.quality, Score: b.quality + ix.settings.Known*ix.known[e], Known: ix.raw[e], Exact: b.exact, Partial: loose})
	}
	sort.Slice(hits, func(a, b int) bool {
		if hits[a].Score != hits[b].Score {
			return hits[a].Score > hits[b].Score
		}
		return hits[a].Entry < hits[b].Entry
	})
	return hits[:min(n, len(hits))]
}

// How well a query word matches a word of a name.
const (
	exactWord  = 1.0
	prefixWord = 0.8 // the query word starts the name's word ("godfat")
	typoWord   = 0.6 // one letter wrong, missing, extra, or two swapped
	typo2Word  = 0.45
	typo3Word  = 0.3 // only in Partial hits
)

// matchWord returns the vocabulary words query word t matches, with how
// well: itself; words it starts (a word of at least two letters, or the
// query's last word, which may be cut short as one types); and words one
// typo away (two for words of eight letters or more): a typo may make
// another real word ("The Loin King"), so they are looked for even when t
// is one.
func (ix *Index) matchWord(t string, last bool) map[int32]float64 {
	out := map[int32]float64{}
	i := sort.SearchStrings(ix.vocab, t)
	if i < len(ix.vocab) && ix.vocab[i] == t {
		out[int32(i)] = exactWord
	}
	if runeCount(t) >= 2 || last {
		for j := i; j < len(ix.vocab) && strings.HasPrefix(ix.vocab[j], t); j++ {
			if _, ok := out[int32(j)]; !ok {
				out[int32(j)] = prefixWord
			}
		}
	}
	ix.typos(t, out, 0)
	return out
}

// typos adds to out the vocabulary words one typo from t (two when t has
// eight letters or more; extra more), those of three letters or more.
func (ix *Index) typos(t string, out map[int32]float64, extra int) {
	tr := []rune(t)
	n := len(tr)
	if n < 3 {
		return
	}
	limit := 1 + extra
	if n >= 8 {
		limit++
	}
	mask := lettersOf(t)
	var d editDistance
	for l := max(1, n-limit); l <= n+limit && l < len(ix.byLen); l++ {
		for _, w := range ix.byLen[l] {
			if bits.OnesCount64(mask^ix.masks[w]) > 2*limit {
				continue // too many letters differ
			}
			if _, ok := out[w]; ok {
				continue
			}
			switch k := d.within(tr, ix.runes[w], limit); {
			case k > limit:
				// too far
			case k == 1:
				out[w] = typoWord
			case k == 2:
				out[w] = typo2Word
			default:
				out[w] = typo3Word
			}
		}
	}
}

// candidates are the names that may match every query word: those having
// a word matched by the query word whose matches are fewest; any, those
// having a word matched by any query word.
func (ix *Index) candidates(matches []map[int32]float64, any bool) []int32 {
	rarest, fewest := 0, math.MaxInt
	for i, m := range matches {
		total := 0
		for w := range m {
			total += len(ix.postings[w])
		}
		if total < fewest {
			rarest, fewest = i, total
		}
	}
	var out []int32
	for i, m := range matches {
		if i != rarest && !any {
			continue
		}
		for w := range m {
			out = append(out, ix.postings[w]...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// quality is how well a name matches the query (matches by query word; q
// query words): 0 when some query word matches none of its words (any: all
// of them; those that match none add 0 to the mean); otherwise the mean of
// the query words' matches, weighed by how much of the name the query
// covers (as settings say), or, for the whole name word for word, raised
// by the whole bonus. Words are counted by position: each query word
// takes a word of the name no other has taken when it can ("tora tora
// tora" covers Tora! Tora! Tora!, "la la land" La La Land). exact reports whether the query is the
// whole name, every word exactly (a leading article may be left out).
func (nm name) quality(matches []map[int32]float64, q int, any bool, settings Settings) (quality float64, exact bool) {
	var stack [16]bool
	used := stack[:]
	if len(nm.words) > len(used) {
		used = make([]bool, len(nm.words))
	}
	var sum float64
	covered, exactWords := 0, 0
	for _, m := range matches {
		best, at := nm.bestWord(m, used)
		if best == 0 && !any {
			return 0, false
		}
		if best > 0 {
			sum += best
			if !used[at] {
				used[at] = true
				covered++
				if best == exactWord {
					exactWords++
				}
			}
		}
	}
	if covered == 0 {
		return 0, false
	}
	words := len(nm.words)
	if nm.article && !used[0] {
		words-- // the article need not be typed
	}
	mean := sum / float64(q)
	if covered == words && q == words {
		// the whole name, word for word, exactly or with typos
		return mean * (1 + settings.WholeBonus), exactWords == words
	}
	return mean * (1 - settings.Coverage + settings.Coverage*min(float64(covered)/float64(max(words, 1)), 1)), false
}

// bestWord is the position of the name's word that query word's matches m
// take: the best match; as good, a word not yet used before a used one,
// and a later word before the first (which may be an article the query
// left out).
func (nm name) bestWord(m map[int32]float64, used []bool) (best float64, at int) {
	for i := range nm.words {
		p := (i + 1) % len(nm.words) // the first word last
		if s := m[nm.words[p]]; s > best || s == best && s > 0 && used[at] && !used[p] {
			best, at = s, p
		}
	}
	return best, at
}

// editDistance computes optimal string alignment distances (edits:
// insert, delete, substitute, swap two neighbours), reusing its rows.
type editDistance struct{ prev2, prev, cur []int }

// within is the distance of a and b, or limit+1 when it is larger than limit.
func (d *editDistance) within(a, b []rune, limit int) int {
	if diff := len(a) - len(b); diff > limit || -diff > limit {
		return limit + 1
	}
	if cap(d.cur) < len(b)+1 {
		d.prev2, d.prev, d.cur = make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	}
	prev2, prev, cur := d.prev2[:len(b)+1], d.prev[:len(b)+1], d.cur[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if prev[len(b)] > limit {
		return limit + 1
	}
	return prev[len(b)]
}
