package recommend

import "github.com/filmoteca/filmoteca/engine/film"

// Exact exposes the pairwise cosine similarity to the tests.
func Exact(v *film.Vectors, i, j int) float32 { return exact(v, i, j) }

// Similarities exposes the inverted index's scan to the tests.
func Similarities(v *film.Vectors) func(q int, sims []float32) { return newIndex(v).similarities }
