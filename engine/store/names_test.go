package store

import "testing"

// TestSpanishNames: CLDR names a current code; a retired or unknown code
// keeps TMDB's name, or its code, never a name CLDR gives its successor.
func TestSpanishNames(t *testing.T) {
	tests := []struct {
		name string
		got  named
		want named
	}{
		{"a country", countryName("US", "United States of America"), named{"US", "Estados Unidos", "cldr"}},
		{"East Germany, not Germany", countryName("DD", "East Germany"), named{"DD", "East Germany", "tmdb"}},
		{"the Soviet Union", countryName("SU", "Soviet Union"), named{"SU", "Soviet Union", "tmdb"}},
		{"a user-assigned code", countryName("XC", "Czechoslovakia"), named{"XC", "Czechoslovakia", "tmdb"}},
		{"unknown region", countryName("ZZ", ""), named{"ZZ", "ZZ", "code"}},
		{"a language", languageName("fr", "Français"), named{"fr", "francés", "cldr"}},
		{"TMDB's Cantonese", languageName("cn", "广州话 / 廣州話"), named{"cn", "广州话 / 廣州話", "tmdb"}},
		{"TMDB's no language", languageName("xx", "No Language"), named{"xx", "No Language", "tmdb"}},
		{"not a code, no name", languageName("q", ""), named{"q", "q", "code"}},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, tt.got, tt.want)
		}
	}
}
