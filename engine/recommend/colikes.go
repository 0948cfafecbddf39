package recommend

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Rating is one row of a MovieLens ratings file.
type Rating struct {
	User  int64
	Movie int64 // MovieLens id
	Value float64
}

// ReadRatings reads a MovieLens ratings file (userId,movieId,rating,
// timestamp, with a header); name is the file's name for the errors.
func ReadRatings(r io.Reader, name string) ([]Rating, error) {
	var out []Rating
	err := readCSV(r, name, []string{"userId", "movieId", "rating"}, func(line int, f []string) error {
		user, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return fmt.Errorf("userId %q is not a number", f[0])
		}
		movie, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			return fmt.Errorf("movieId %q is not a number", f[1])
		}
		v, err := strconv.ParseFloat(f[2], 64)
		if err != nil || math.IsNaN(v) {
			return fmt.Errorf("rating %q is not a number", f[2])
		}
		out = append(out, Rating{user, movie, v})
		return nil
	})
	return out, err
}

// ReadLinks reads a MovieLens links file (movieId,imdbId,tmdbId, with a
// header) into MovieLens id → TMDB id; rows without a TMDB id are skipped.
func ReadLinks(r io.Reader, name string) (map[int64]int64, error) {
	out := map[int64]int64{}
	err := readCSV(r, name, []string{"movieId", "tmdbId"}, func(line int, f []string) error {
		movie, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return fmt.Errorf("movieId %q is not a number", f[0])
		}
		if f[1] == "" {
			return nil
		}
		tmdb, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			return fmt.Errorf("tmdbId %q is not a number", f[1])
		}
		out[movie] = tmdb
		return nil
	})
	return out, err
}

// readCSV reads a CSV file with a header holding the columns want, calling
// row with those columns' values (in want's order) for every row. Errors
// are one line naming the file.
func readCSV(r io.Reader, name string, want []string, row func(line int, fields []string) error) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("recommend: %s is empty", name)
	}
	if err != nil {
		return fmt.Errorf("recommend: reading %s: %w", name, err)
	}
	cols := make([]int, len(want))
	for i, w := range want {
		cols[i] = slices.IndexFunc(header, func(h string) bool { return strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")) == w })
		if cols[i] < 0 {
			return fmt.Errorf("recommend: %s has no column %q (header: %s)", name, w, strings.Join(header, ","))
		}
	}
	fields := make([]string, len(want))
	rows := 0
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("recommend: reading %s: %w", name, err)
		}
		for i, c := range cols {
			if c >= len(rec) {
				return fmt.Errorf("recommend: %s line %d: %d columns, want at least %d", name, line, len(rec), c+1)
			}
			fields[i] = strings.TrimSpace(rec[c])
		}
		if err := row(line, fields); err != nil {
			return fmt.Errorf("recommend: %s line %d: %w", name, line, err)
		}
		rows++
	}
	if rows == 0 {
		return fmt.Errorf("recommend: %s has no rows", name)
	}
	return nil
}

// CoLikeConfig says which pairs of films count as co-liked.
type CoLikeConfig struct {
	MinRating float64 // a user likes a film rated at least this
	MinLikers int     // a query film needs this many likers
	MinShared int     // a pair needs this many shared likers
	Top       int     // the query's relevant films: the best this many by lift
}

// DefaultCoLikes is the ground truth evalrec uses.
func DefaultCoLikes() CoLikeConfig {
	return CoLikeConfig{MinRating: 4, MinLikers: 10, MinShared: 3, Top: 20}
}

// CoLikes is the ground truth from user behaviour: for each query film, the
// films the same users liked, by lift (shared likers / (likers of A ×
// likers of B)), with at least MinShared shared likers, the best Top.
type CoLikes struct {
	Queries  []int   // positions of the query films in the evaluation's profiles
	Relevant [][]int // Relevant[i]: the relevant films of Queries[i], best first
	Users    int     // users with at least one like
}

// NewCoLikes computes the co-likes of the films ids (positions are indexes
// of ids) from ratings, mapped to TMDB ids by links; keep selects the users
// (nil: all).
func NewCoLikes(ids []int64, ratings []Rating, links map[int64]int64, keep func(user int64) bool, cfg CoLikeConfig) *CoLikes {
	likers, users := likersOf(ids, ratings, links, keep, cfg.MinRating)
	byUser := map[int64][]int{}
	films := make([]int, 0, len(likers))
	for p, us := range likers {
		films = append(films, p)
		for _, u := range us {
			byUser[u] = append(byUser[u], p)
		}
	}
	sort.Ints(films)
	out := &CoLikes{Users: users}
	shared := map[int]int{}
	for _, q := range films {
		if len(likers[q]) < cfg.MinLikers {
			continue
		}
		clear(shared)
		for _, u := range likers[q] {
			for _, p := range byUser[u] {
				if p != q {
					shared[p]++
				}
			}
		}
		if relevant := bestByLift(q, shared, likers, cfg); len(relevant) > 0 {
			out.Queries = append(out.Queries, q)
			out.Relevant = append(out.Relevant, relevant)
		}
	}
	return out
}

// likersOf returns, for each film (its position in ids), the users who
// liked it (rated it at least minRating), ascending and once each, and the
// number of users with a like.
func likersOf(ids []int64, ratings []Rating, links map[int64]int64, keep func(user int64) bool, minRating float64) (map[int][]int64, int) {
	pos := make(map[int64]int, len(ids))
	for i, id := range ids {
		pos[id] = i
	}
	likers := map[int][]int64{}
	users := map[int64]bool{}
	for _, r := range ratings {
		if r.Value < minRating || (keep != nil && !keep(r.User)) {
			continue
		}
		tmdb, ok := links[r.Movie]
		if !ok {
			continue
		}
		p, ok := pos[tmdb]
		if !ok {
			continue
		}
		likers[p] = append(likers[p], r.User)
		users[r.User] = true
	}
	for p, us := range likers {
		slices.Sort(us)
		likers[p] = slices.Compact(us)
	}
	return likers, len(users)
}

// bestByLift returns the films co-liked with q (shared[p]: the likers they
// share) with at least MinShared shared likers, the best Top by lift, then
// by shared likers, then by position.
func bestByLift(q int, shared map[int]int, likers map[int][]int64, cfg CoLikeConfig) []int {
	type scored struct {
		p      int
		shared int
		lift   float64
	}
	var rel []scored
	for p, s := range shared {
		if s >= cfg.MinShared {
			rel = append(rel, scored{p, s, float64(s) / (float64(len(likers[q])) * float64(len(likers[p])))})
		}
	}
	sort.Slice(rel, func(a, b int) bool {
		if rel[a].lift != rel[b].lift {
			return rel[a].lift > rel[b].lift
		}
		if rel[a].shared != rel[b].shared {
			return rel[a].shared > rel[b].shared
		}
		return rel[a].p < rel[b].p
	})
	rel = rel[:min(len(rel), cfg.Top)]
	relevant := make([]int, len(rel))
	for i, r := range rel {
		relevant[i] = r.p
	}
	return relevant
}

// UserMetrics are one method's results against the co-likes.
type UserMetrics struct {
	Method      string
	Hit         float64 // share of queries whose top 5 holds a relevant film
	Recall      float64 // mean share of the relevant films found in the top 5
	NDCG        float64 // mean nDCG@5, binary relevance
	MedianVotes int64   // median vote count of the recommended films
	Coverage    float64 // share of all films recommended to some query
	Queries     int
}

// RunCoLikes evaluates one method's top 5 against the co-likes.
func (ev *Evaluation) RunCoLikes(m Method, cl *CoLikes) (UserMetrics, error) {
	const n = 5
	out := UserMetrics{Method: m.Name, Queries: len(cl.Queries)}
	recommended := make([]bool, len(ev.profiles))
	var votes []int64
	var hits, recall, ndcg float64
	for i, q := range cl.Queries {
		top, err := m.Recommend(q, n)
		if err != nil {
			return out, fmt.Errorf("recommend: %s for movie %d: %w", m.Name, ev.profiles[q].ID, err)
		}
		relevant := cl.Relevant[i]
		var found int
		var dcg, ideal float64
		for rank, p := range top {
			recommended[p] = true
			votes = append(votes, ev.profiles[p].Votes)
			if slices.Contains(relevant, p) {
				found++
				dcg += 1 / math.Log2(float64(rank+2))
			}
		}
		for rank := 0; rank < min(n, len(relevant)); rank++ {
			ideal += 1 / math.Log2(float64(rank+2))
		}
		if found > 0 {
			hits++
		}
		recall += float64(found) / float64(len(relevant))
		ndcg += dcg / ideal
	}
	if q := float64(len(cl.Queries)); q > 0 {
		out.Hit, out.Recall, out.NDCG = hits/q, recall/q, ndcg/q
	}
	if len(votes) > 0 {
		slices.Sort(votes)
		out.MedianVotes = votes[len(votes)/2]
	}
	covered := 0
	for _, r := range recommended {
		if r {
			covered++
		}
	}
	out.Coverage = ratio(covered, len(ev.profiles))
	return out, nil
}
