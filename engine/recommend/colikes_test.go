package recommend_test

import (
	"strings"
	"testing"

	"github.com/filmoteca/filmoteca/engine/film"
	"github.com/filmoteca/filmoteca/engine/recommend"
)

// TestBanikRerank works Banik's re-rank out by hand on five candidates:
// votes 10…50 → the 60th percentile is 30 + 0.4·10 = 34, so only the films
// with 40 and 50 votes stay; C = mean(9, 8, 7, 6, 5) = 7; WR(40 votes,
// 6.0) = (40·6 + 34·7)/74 = 6.46 beats WR(50 votes, 5.0) = (50·5 + 34·7)/84 = 5.81.
func TestBanikRerank(t *testing.T) {
	profiles := []film.Profile{
		{ID: 1, Votes: 10, Average: 9},
		{ID: 2, Votes: 20, Average: 8},
		{ID: 3, Votes: 30, Average: 7},
		{ID: 4, Votes: 40, Average: 6},
		{ID: 5, Votes: 50, Average: 5},
	}
	got := recommend.BanikRerank(profiles, []int{0, 1, 2, 3, 4}, 5)
	if len(got) != 2 || got[0] != 3 || got[1] != 4 {
		t.Fatalf("re-rank = %v, want [3 4] (the films with 40 and 50 votes)", got)
	}
	// With the vote averages swapped, the film with more votes wins.
	profiles[3].Average, profiles[4].Average = 5, 6
	if got := recommend.BanikRerank(profiles, []int{0, 1, 2, 3, 4}, 1); len(got) != 1 || got[0] != 4 {
		t.Fatalf("re-rank = %v, want [4]", got)
	}
}

// TestCoLikes works the ground truth out by hand: users 1 and 2 like films
// 0 and 1; users 3 and 4 like films 2 and 3; user 5's 3.5 is no like, and
// film 4 has a single liker.
func TestCoLikes(t *testing.T) {
	ratings := []recommend.Rating{
		{1, 10, 5}, {1, 11, 4}, {2, 10, 4}, {2, 11, 4.5},
		{3, 12, 5}, {3, 13, 4}, {4, 12, 4}, {4, 13, 5},
		{5, 10, 3.5}, {5, 14, 5}, {1, 99, 5}, // movie 99 has no link
	}
	links := map[int64]int64{10: 100, 11: 101, 12: 102, 13: 103, 14: 104}
	ids := []int64{100, 101, 102, 103, 104}
	cfg := recommend.CoLikeConfig{MinRating: 4, MinLikers: 2, MinShared: 2, Top: 20}
	cl := recommend.NewCoLikes(ids, ratings, links, nil, cfg)
	if len(cl.Queries) != 4 || cl.Users != 5 {
		t.Fatalf("queries %v, users %d; want 4 queries, 5 users", cl.Queries, cl.Users)
	}
	want := map[int]int{0: 1, 1: 0, 2: 3, 3: 2}
	for i, q := range cl.Queries {
		if len(cl.Relevant[i]) != 1 || cl.Relevant[i][0] != want[q] {
			t.Errorf("film %d: relevant %v, want [%d]", q, cl.Relevant[i], want[q])
		}
	}
	odd := recommend.NewCoLikes(ids, ratings, links, func(u int64) bool { return u%2 == 1 }, cfg)
	if len(odd.Queries) != 0 {
		t.Errorf("users 1, 3, 5 share no two likes, yet %d queries", len(odd.Queries))
	}
}

func TestReadRatingsAndLinks(t *testing.T) {
	r, err := recommend.ReadRatings(strings.NewReader("userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,4.0,1\n"), "r.csv")
	if err != nil || len(r) != 2 || r[1] != (recommend.Rating{User: 1, Movie: 1029, Value: 4}) {
		t.Fatalf("ratings %v, %v", r, err)
	}
	l, err := recommend.ReadLinks(strings.NewReader("movieId,imdbId,tmdbId\n1,0114709,862\n2,0113497,\n"), "l.csv")
	if err != nil || len(l) != 1 || l[1] != 862 {
		t.Fatalf("links %v, %v", l, err)
	}
	bad := []struct{ name, text string }{
		{"empty.csv", ""},
		{"header-only.csv", "userId,movieId,rating,timestamp\n"},
		{"no-rating.csv", "userId,movieId,timestamp\n1,2,3\n"},
		{"text-id.csv", "userId,movieId,rating,timestamp\nann,2,4,1\n"},
		{"text-rating.csv", "userId,movieId,rating,timestamp\n1,2,good,1\n"},
		{"short-row.csv", "userId,movieId,rating,timestamp\n1,2\n"},
	}
	for _, b := range bad {
		_, err := recommend.ReadRatings(strings.NewReader(b.text), b.name)
		if err == nil || !strings.Contains(err.Error(), b.name) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %v, want one line naming the file", b.name, err)
		}
	}
	for _, b := range []struct{ name, text string }{
		{"empty.csv", ""},
		{"no-tmdb.csv", "movieId,imdbId\n1,0114709\n"},
		{"text-tmdb.csv", "movieId,imdbId,tmdbId\n1,0114709,toy\n"},
	} {
		_, err := recommend.ReadLinks(strings.NewReader(b.text), b.name)
		if err == nil || !strings.Contains(err.Error(), b.name) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %v, want one line naming the file", b.name, err)
		}
	}
}
