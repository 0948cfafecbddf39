// Package lookup normalises names the way Spanish-speaking users type
// them: ignoring case, accents and repeated spaces (engine/search finds
// films and people by the words of these keys).
package lookup

import (
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
	if ASCII(s) {
		return strings.Join(strings.Fields(strings.ToLower(s)), " ")
	}
	// Invalid bytes first become U+FFFD: the normaliser would otherwise
	// swallow the characters after them (found by FuzzKey).
	s = strings.ToValidUTF8(s, "\uFFFD")
	strip := stripAccents.Get().(transform.Transformer)
	stripped, _, err := transform.String(strip, s) // resets strip first
	stripAccents.Put(strip)
	if err != nil {
		stripped = s
	}
	return strings.Join(strings.Fields(strings.ToLower(stripped)), " ")
}

// stripAccents holds transformers that remove accents: a chain allocates
// its buffers (kilobytes) when made, and a catalogue's load keys every
// name, so they are reused.
var stripAccents = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// ASCII reports whether s is plain ASCII: its key is only lower-cased and
// its spaces folded.
func ASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
