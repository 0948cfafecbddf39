// Package film is filmoteca's domain: the movies, the people credited in
// them, recommendations, and the catalogue that holds them all in memory,
// keyed by movie id. It knows nothing of the database or of HTTP: the store
// package loads it, the service package answers questions with it.
package film

import "time"

// Movie is one film of the clean dataset (table movies).
type Movie struct {
	ID            int64
	Title         string
	OriginalTitle string // when it differs from Title; "" otherwise
	Year          int
	ReleaseDate   time.Time // a calendar date, at midnight UTC
	Popularity    float64
	VoteCount     int64
	VoteAverage   float64
	Budget        int64    // 0 when unknown (TMDB writes 0 for unknown)
	Revenue       int64    // 0 when unknown
	Return        float64  // revenue / budget, 0 when the budget is 0
	Genres        []string // Spanish names, in TMDB's order
	Runtime       float64  // minutes; 0 when unknown
	Overview      string   // the start of its synopsis
	Directors     []string // names
	Cast          []string // the first billed, at most three names
}

// Gender is a person's gender as TMDB records it.
type Gender int8

// TMDB's genders: 0 unknown, 1 female, 2 male.
const (
	GenderUnknown Gender = 0
	GenderFemale  Gender = 1
	GenderMale    Gender = 2
)

// Person is someone credited in a cast or a crew.
type Person struct {
	ID     int64 // TMDB's person id; 0 when the data gives none
	Name   string
	Gender Gender
}

// Actor is a person's record in the casts: the films they appear in, in
// release order, and their return (table person_credits, from the views
// actor_films and actor_returns).
type Actor struct {
	Person
	Films       []Credit
	TotalReturn float64 // the sum of the films' return
	MeanReturn  float64 // TotalReturn / len(Films)
}

// Director is a person with the films they directed, in release order
// (table person_credits, from the views director_films and
// director_returns).
type Director struct {
	Person
	Films       []Credit
	TotalReturn float64
}

// Credit is one film in a person's record.
type Credit struct {
	Movie *Movie
}

// MoneyKnown reports whether both a film's budget and revenue are known
// (TMDB writes 0 for unknown): only then can its return and profit be
// computed.
func (m *Movie) MoneyKnown() bool { return m.Budget > 0 && m.Revenue > 0 }

// Profit is a film's revenue minus its budget, when both are known (see
// MoneyKnown). ok is false when it cannot be computed; never an invented
// loss.
func (m *Movie) Profit() (profit int64, ok bool) {
	if !m.MoneyKnown() {
		return 0, false
	}
	return m.Revenue - m.Budget, true
}

// Recommendation is a film recommended for another one.
type Recommendation struct {
	MovieID    int64
	Similarity float32 // cosine similarity of the two films' features, -1 to 1
	Score      float32 // what the ranking orders by
}

// Releases counts the films released in each month and on each weekday,
// over all years.
type Releases struct {
	ByMonth   [13]int64 // 1 = January … 12
	ByWeekday [8]int64  // ISO: 1 = Monday … 7 = Sunday
}

// Calendar holds the Spanish names the API speaks of months and weekdays.
type Calendar struct {
	Months   [12]string // January first
	Weekdays [7]string  // Monday first
	Aliases  map[string]int
	// Aliases are other accepted spellings of a month ("setiembre"), by
	// month number; names are matched with lookup.Key.
}
