package recommend

import "github.com/filmoteca/filmoteca/engine/film"

// Exact exposes the pairwise cosine similarity to the tests.
func Exact(v *film.Vectors, i, j int) float32 { return exact(v, i, j) }

// Similarities exposes the inverted index's scan to the tests.
func Similarities(v *film.Vectors) func(q int, sims []float32) { return newIndex(v).similarities }

// BanikRerank exposes Banik's re-rank to the tests.
func BanikRerank(profiles []film.Profile, rows []int, n int) []int {
	return banikRerank(profiles, rows, n)
}

// TermOf exposes the features' terms to the tests.
func TermOf(g Group, value string) uint64 { return termOf(g, value) }
