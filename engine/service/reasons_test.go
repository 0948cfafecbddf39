package service_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/filmoteca/filmoteca/engine/enginetest"
	"github.com/filmoteca/filmoteca/engine/film"
)

// TestMotivosAreShared checks every motivo of every recommendation on the
// shipped data: each name it gives is a feature both films really have
// (read back from movie_features and feature_names, not from the vectors).
func TestMotivosAreShared(t *testing.T) {
	db := enginetest.Open(t, "../../testdata/quirks")
	svc := enginetest.Service(t, db)
	ctx := context.Background()
	profiles, err := db.Profiles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]film.Profile{}
	for _, p := range profiles {
		byID[p.ID] = p
	}
	// Genres are named in Spanish (genre_translations); collections
	// without TMDB's " Collection" (collection_es, the macro that agrees
	// with displayName in reasons.go).
	names, err := db.Query(ctx, `SELECT feature_group, value, CASE feature_group WHEN 'collection' THEN collection_es(name) ELSE name END FROM feature_names
		UNION ALL SELECT 'genre', name, name_es FROM genre_translations`)
	if err != nil {
		t.Fatal(err)
	}
	// valuesOf["person"]["John Lasseter"]: the values (ids) with that name.
	valuesOf := map[string]map[string][]string{}
	for _, r := range names.Rows {
		g, v, n := fmt.Sprint(r[0]), fmt.Sprint(r[1]), fmt.Sprint(r[2])
		if valuesOf[g] == nil {
			valuesOf[g] = map[string][]string{}
		}
		valuesOf[g][n] = append(valuesOf[g][n], v)
	}
	// has reports whether doc d has a feature of this label named name.
	has := func(d film.Profile, label, name string) bool {
		any := func(group string, list []string) bool {
			for _, v := range valuesOf[group][name] {
				if slices.Contains(list, v) {
					return true
				}
			}
			return false
		}
		switch label {
		case "género", "géneros":
			return any("genre", d.Genres)
		case "misma colección", "mismas colecciones":
			return any("collection", []string{d.Collection})
		case "misma dirección":
			return any("person", d.Directors)
		case "reparto":
			return any("person", d.TopCast)
		case "palabra clave", "palabras clave":
			return any("keyword", d.Keywords)
		case "productora", "productoras":
			return any("company", d.Companies)
		}
		t.Errorf("unknown motivo label %q", label)
		return false
	}
	withReasons := 0
	for _, q := range profiles {
		answer, err := svc.RecommendMovie(q.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range answer.Detalle {
			if r.Motivos == nil {
				t.Fatalf("%s → %s: motivos is null, want a list", q.Title, r.Titulo)
			}
			if len(r.Motivos) > 0 {
				withReasons++
			}
			for _, m := range r.Motivos {
				label, list, ok := strings.Cut(m, ": ")
				if !ok {
					t.Errorf("%s → %s: motivo %q has no label", q.Title, r.Titulo, m)
					continue
				}
				for _, name := range strings.Split(list, ", ") {
					if !has(q, label, name) || !has(byID[r.ID], label, name) {
						t.Errorf("%s → %s: motivo %q names %q, which the two films do not share", q.Title, r.Titulo, m, name)
					}
				}
			}
		}
	}
	if withReasons == 0 {
		t.Error("no recommendation has a motivo")
	}
	// Toy Story's sequels are not in the fixture, but its genres are shared.
	answer, _ := svc.RecommendMovie(862)
	found := false
	for _, r := range answer.Detalle {
		for _, m := range r.Motivos {
			found = found || strings.HasPrefix(m, "género")
		}
	}
	if !found {
		t.Errorf("Toy Story's picks name no shared genre: %+v", answer.Detalle)
	}
}
