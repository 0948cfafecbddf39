// Package spanish writes numbers the way Spanish readers expect them: a
// point between thousands from four digits up and a decimal comma
// (8.000.000; 1.234,57; 30,7). The report and the API's sentences both
// write numbers through it; the web page's esNumber does the same in
// JavaScript.
package spanish

import "strings"

// Number rewrites a decimal number as Go's strconv writes it ("-1234.5",
// digits, an optional sign and an optional point) the Spanish way
// ("-1.234,5").
func Number(decimal string) string {
	sign, digits := "", decimal
	if rest, found := strings.CutPrefix(digits, "-"); found {
		sign, digits = "-", rest
	}
	whole, frac, hasFrac := strings.Cut(digits, ".")
	var b strings.Builder
	b.WriteString(sign)
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(d)
	}
	if hasFrac {
		b.WriteString("," + frac)
	}
	return b.String()
}
