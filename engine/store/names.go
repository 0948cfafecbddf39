package store

import (
	"context"
	"database/sql"
	"fmt"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// The Spanish names of the countries and languages the data holds, from
// CLDR (golang.org/x/text/language/display): the build's Go step "names"
// writes them into country_names and language_names (sql/009_views.sql),
// so that the file needs no Go function to show them.

// namesStep is the Go step every build runs last. Its version names the
// CLDR data, so a newer CLDR rebuilds.
func namesStep() GoStep {
	return GoStep{Name: "names", Version: "cldr " + display.CLDRVersion + " 1", Run: writeNames}
}

// A named code: the Spanish name a code is shown with, and where it came from.
type named struct {
	code, name, source string
}

// countryName is the Spanish name of an ISO 3166-1 code: CLDR's, for a
// current country code only (CLDR names a retired code by its successor,
// East Germany's DD as "Alemania"), else TMDB's name, else the code.
func countryName(code, tmdb string) named {
	if r, err := language.ParseRegion(code); err == nil && r.IsCountry() && r.Canonicalize() == r && r.String() == code {
		if name := display.Spanish.Regions().Name(r); name != "" {
			return named{code, name, "cldr"}
		}
	}
	return fallback(code, tmdb)
}

// languageName is the Spanish name of an ISO 639-1 code: CLDR's, else
// TMDB's name, else the code (TMDB's "cn" and "xx" are not ISO codes).
func languageName(code, tmdb string) named {
	if b, err := language.ParseBase(code); err == nil && b.String() == code {
		if name := display.Spanish.Languages().Name(b); name != "" {
			return named{code, name, "cldr"}
		}
	}
	return fallback(code, tmdb)
}

func fallback(code, tmdb string) named {
	if tmdb != "" {
		return named{code, tmdb, "tmdb"}
	}
	return named{code, code, "code"}
}

// writeNames names every country and language code of the clean tables.
func writeNames(ctx context.Context, db *BuildDB) error {
	if err := nameCodes(ctx, db.conn, "country_names", countryName,
		`SELECT iso_3166_1, coalesce(max(name), '') FROM countries GROUP BY 1 ORDER BY 1`); err != nil {
		return err
	}
	return nameCodes(ctx, db.conn, "language_names", languageName, `
		SELECT code, coalesce(max(nullif(trim(name), '')), '') FROM (
			SELECT iso_639_1 AS code, name FROM languages
			UNION ALL
			SELECT DISTINCT original_language, NULL FROM movies WHERE nullif(original_language, '') IS NOT NULL)
		GROUP BY 1 ORDER BY 1`)
}

// nameCodes reads (code, TMDB's name) pairs with query and writes each
// code's Spanish name into table.
func nameCodes(ctx context.Context, conn *sql.Conn, table string, name func(code, tmdb string) named, query string) error {
	rows, err := conn.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("store: read the codes for %s: %w", table, err)
	}
	var all []named
	for rows.Next() {
		var code, tmdb string
		if err := rows.Scan(&code, &tmdb); err != nil {
			rows.Close()
			return fmt.Errorf("store: read the codes for %s: %w", table, err)
		}
		all = append(all, name(code, tmdb))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: read the codes for %s: %w", table, err)
	}
	for _, n := range all {
		if _, err := conn.ExecContext(ctx, `INSERT INTO `+table+` VALUES (?, ?, ?)`, n.code, n.name, n.source); err != nil {
			return fmt.Errorf("store: write %s: %w", table, err)
		}
	}
	return nil
}
