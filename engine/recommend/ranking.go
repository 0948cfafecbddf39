package recommend

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/filmoteca/filmoteca/engine/film"
)

// Ranking is how the recommender orders films once it has their similarity
// with the query: the Pool most similar films (distinct titles) are
// re-ranked by similarity plus a standing prior, a film's recognisability
// and quality, which it owns whatever the query:
//
//	prior = Votes·log(1+v)/log(1+vmax) + Rating·WR/10
//
// where WR = v/(v+m)·R + m/(v+m)·C is the IMDB weighted rating of a film
// with v votes averaging R (m: the RatingQuantile-quantile of the vote
// counts of films with votes, C: their mean average). Pool 0 ranks all films.
//
// Before the re-rank, the pool's films with fewer votes than its
// PoolVotesQuantile-quantile are dropped (0: none), as Banik's re-rank does;
// with SameGenre, so are those that share no genre with the query (unless
// fewer than n would be left).
//
// After the re-rank, a film is passed over when the cast member who mainly
// earned it (diversity.go) already earned CastLimit of the picks (0: no
// limit). The limit needs the feature names and a pool (Pool > 0).
type Ranking struct {
	Pool              int
	Votes             float64
	Rating            float64
	RatingQuantile    float64 // the quantile of vote counts that sets m, 0-1
	PoolVotesQuantile float64 // the quantile of the pool's vote counts below which films leave it, 0-1
	SameGenre         bool
	Year              float64 // weight of exp(-|year difference|/10), a bonus for films of the query's time
	CastLimit         int     // picks one cast member may earn, unless they share the director or the collection; 0: any
}

// DefaultRanking is the ranking /recomendacion uses; docs/recommender.md
// shows the evaluation that chose it.
func DefaultRanking() Ranking {
	return Ranking{Pool: 200, Votes: 0.5, Rating: 0.6, RatingQuantile: 0.8, SameGenre: true, Year: 0.45, CastLimit: 2}
}

// String is the ranking's settings, as evalrec's flag reads them.
func (rk Ranking) String() string {
	g := 0
	if rk.SameGenre {
		g = 1
	}
	return fmt.Sprintf("pool=%d,votes=%g,rating=%g,m=%g,q=%g,g=%d,year=%g,cast=%d",
		rk.Pool, rk.Votes, rk.Rating, rk.RatingQuantile, rk.PoolVotesQuantile, g, rk.Year, rk.CastLimit)
}

// ParseRanking reads "pool=200,votes=0.5,rating=0.6,m=0.8,q=0,g=1,year=0.45,cast=2" over the
// default ranking (settings not named keep their default).
func ParseRanking(s string) (Ranking, error) {
	rk := DefaultRanking()
	for _, part := range strings.Split(s, ",") {
		name, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return rk, fmt.Errorf("recommend: ranking %q: want name=value, got %q", s, part)
		}
		x, err := strconv.ParseFloat(value, 64)
		if err != nil {
			return rk, fmt.Errorf("recommend: ranking %q: %s is not a number", s, value)
		}
		switch name {
		case "pool":
			rk.Pool = int(x)
		case "votes":
			rk.Votes = x
		case "rating":
			rk.Rating = x
		case "m":
			rk.RatingQuantile = x
		case "q":
			rk.PoolVotesQuantile = x
		case "g":
			rk.SameGenre = x != 0
		case "year":
			rk.Year = x
		case "cast":
			rk.CastLimit = int(x)
		default:
			return rk, fmt.Errorf("recommend: ranking %q: unknown setting %q (pool, votes, rating, m, q, g, year, cast)", s, name)
		}
	}
	return rk, nil
}

// prior returns each film's standing prior under the ranking.
func (rk Ranking) prior(movies []film.Movie) []float32 {
	prior := make([]float32, len(movies))
	var maxVotes int64
	var voted []float64
	var sum float64
	for _, m := range movies {
		maxVotes = max(maxVotes, m.VoteCount)
		if m.VoteCount > 0 {
			voted = append(voted, float64(m.VoteCount))
			sum += m.VoteAverage
		}
	}
	if maxVotes <= 0 {
		return prior
	}
	m := quantile(voted, min(max(rk.RatingQuantile, 0), 1))
	c := sum / float64(len(voted))
	for i, movie := range movies {
		v := float64(max(movie.VoteCount, 0))
		wr := weightedRating(v, movie.VoteAverage, m, c)
		prior[i] = float32(rk.Votes*math.Log1p(v)/math.Log1p(float64(maxVotes)) + rk.Rating*wr/10)
	}
	return prior
}
