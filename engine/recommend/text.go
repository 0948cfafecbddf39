package recommend

import (
	"strings"
	"unicode"
)

// tokens splits text into lower-case words of at least three letters or
// digits, without English stop words.
func tokens(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	}) {
		w = strings.Trim(w, "'")
		w = strings.TrimSuffix(w, "'s")
		if len([]rune(w)) < 3 || stopWords[w] {
			continue
		}
		out = append(out, w)
	}
	return out
}

// stopWords are common English words that say nothing about a film's content.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		a about above after again against all also am an and any are aren't as at be because been
		before being below between both but by can can't cannot could couldn't did didn't do does
		doesn't doing don't down during each even ever every few for from further get gets getting
		had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself
		him himself his how how's however i i'd i'll i'm i've if in into is isn't it it's its itself
		just let's like made make makes many may me more most much must mustn't my myself new no
		nor not now of off on once one only or other ought our ours ourselves out over own same
		she she'd she'll she's should shouldn't so some such than that that's the their theirs them
		themselves then there there's these they they'd they'll they're they've this those though
		through to too two under until up upon us very was wasn't we we'd we'll we're we've were
		weren't what what's when when's where where's whether which while who who's whom whose why
		why's will with within without won't would wouldn't yet you you'd you'll you're you've your
		yours yourself yourselves film films movie movies story stories life world time years year
		find finds found takes take back way becomes become must well`) {
		m[w] = true
	}
	return m
}()
