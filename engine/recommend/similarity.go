package recommend

import (
	"fmt"
	"iter"
	"sort"

	"github.com/filmoteca/filmoteca/engine/film"
)

// exact returns the exact cosine similarity of films i and j of v: the sum
// of the products of the weights of the features they share.
func exact(v *film.Vectors, i, j int) float32 {
	var s float32
	for fa, fb := range common(v.Features[i], v.Features[j]) {
		s += fa.Weight * fb.Weight
	}
	return s
}

// common yields the features two term-sorted lists share, as the pair of
// each list's own feature.
func common(a, b []film.Feature) iter.Seq2[film.Feature, film.Feature] {
	return func(yield func(film.Feature, film.Feature) bool) {
		for x, y := 0, 0; x < len(a) && y < len(b); {
			switch {
			case a[x].Term < b[y].Term:
				x++
			case a[x].Term > b[y].Term:
				y++
			default:
				if !yield(a[x], b[y]) {
					return
				}
				x++
				y++
			}
		}
	}
}

// namedFeature is the group and readable name of a feature.
type namedFeature struct {
	Group Group
	Name  string
}

// featureNames maps the terms of v's features to their names: each named
// value of a group (groups[g].names) becomes that group's term. Terms no
// film of v has are left out. A name of a group no feature group reads is
// an error: the SQL and this package disagree on the groups' names.
func featureNames(v *film.Vectors, names []film.FeatureName) (map[uint64]namedFeature, error) {
	used := map[uint64]bool{}
	for _, fs := range v.Features {
		for _, f := range fs {
			used[f.Term] = true
		}
	}
	out := map[uint64]namedFeature{}
	for _, n := range names {
		known := false
		for g := range numGroups {
			if groups[g].names == "" || groups[g].names != n.Group {
				continue
			}
			known = true
			if term := termOf(g, n.Value); used[term] {
				out[term] = namedFeature{Group: g, Name: n.Name}
			}
		}
		if !known {
			return nil, fmt.Errorf("recommend: feature name %q of group %q: no feature group reads that group", n.Name, n.Group)
		}
	}
	return out, nil
}

// SharedFeature is a named feature two films share, with its share of
// their cosine similarity (the product of its weights in the two vectors).
type SharedFeature struct {
	Group        Group
	Name         string
	Contribution float32
	term         uint64 // the feature's Term, which tells apart two people of one name
}

// sharedFeatures returns the named features films i and j of v share, the
// largest contribution first (ties: by group, then name). Features without
// a name are left out.
func sharedFeatures(v *film.Vectors, names map[uint64]namedFeature, i, j int) []SharedFeature {
	var out []SharedFeature
	for fa, fb := range common(v.Features[i], v.Features[j]) {
		if name, ok := names[fa.Term]; ok {
			out = append(out, SharedFeature{Group: name.Group, Name: name.Name, Contribution: fa.Weight * fb.Weight, term: fa.Term})
		}
	}
	sort.Slice(out, func(p, q int) bool {
		if out[p].Contribution != out[q].Contribution {
			return out[p].Contribution > out[q].Contribution
		}
		if out[p].Group != out[q].Group {
			return out[p].Group < out[q].Group
		}
		return out[p].Name < out[q].Name
	})
	return out
}
