package pipeline_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/filmoteca/filmoteca/engine/enginetest"
)

// TestSpanishNames: the shipped sample's countries, languages and
// collections are named in Spanish, and every code in the data has a name.
func TestSpanishNames(t *testing.T) {
	db := enginetest.Open(t, "../../data")
	ctx := context.Background()
	want := map[string]string{
		"SELECT country_es('US')":  "Estados Unidos",
		"SELECT country_es('FR')":  "Francia",
		"SELECT country_es('GB')":  "Reino Unido",
		"SELECT language_es('en')": "inglés",
		"SELECT language_es('fr')": "francés",
		"SELECT language_es('ja')": "japonés",
		// TMDB's Cantonese code is not ISO 639-1: TMDB's own name stays.
		"SELECT language_es('cn')": "广州话 / 廣州話",
		"SELECT collection_es(name) FROM collections WHERE name = 'Toy Story Collection'": "Toy Story",
		// Only a trailing " Collection" goes.
		"SELECT collection_es('The Collection Collection')": "The Collection",
	}
	for query, name := range want {
		r, err := db.Query(ctx, query)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Rows) != 1 || fmt.Sprint(r.Rows[0][0]) != name {
			t.Errorf("%s = %v, want %q", query, r.Rows, name)
		}
	}
	missing, err := db.Query(ctx, `
		SELECT 'country', iso_3166_1 FROM countries WHERE iso_3166_1 NOT IN (SELECT code FROM country_names)
		UNION ALL SELECT 'language', iso_639_1 FROM languages WHERE iso_639_1 NOT IN (SELECT code FROM language_names)
		UNION ALL SELECT 'language', original_language FROM movies WHERE original_language NOT IN (SELECT code FROM language_names)`)
	if err != nil {
		t.Fatal(err)
	}
	if len(missing.Rows) > 0 {
		t.Errorf("codes without a name: %v", missing.Rows)
	}
	counts, err := db.Query(ctx, `SELECT (SELECT count(*) FROM country_names WHERE source = 'cldr'), (SELECT count(*) FROM countries),
		(SELECT count(*) FROM language_names WHERE source = 'cldr')`)
	if err != nil {
		t.Fatal(err)
	}
	// Every country of the sample is a current code CLDR knows; of its 68
	// language codes, TMDB's "cn" and "xx" are not ISO 639-1.
	if got := fmt.Sprint(counts.Rows[0]); got != "[67 67 66]" {
		t.Errorf("named by CLDR: %s, want [67 67 66] (countries, of countries, languages)", got)
	}
}
