package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"

	"github.com/filmoteca/filmoteca/engine"
)

// runRecommend prints what GET /recomendacion/TITLE answers, by asking the
// API's own handler in-process: the command and the endpoint cannot differ.
func runRecommend(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("recommend", `recommend [--db FILE] [--anio YYYY] TITLE`, stderr)
	dbPath := fs.String("db", defaultDBPath, "database file (opened read-only)")
	year := fs.String("anio", "", "among films sharing the title, the one of this year")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	db, err := engine.OpenReadOnly(*dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	handler, err := loadHandler(ctx, db, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	target := "/recomendacion/" + url.PathEscape(strings.Join(fs.Args(), " "))
	if *year != "" {
		target += "?anio=" + url.QueryEscape(*year)
	}
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, httptest.NewRequestWithContext(ctx, http.MethodGet, target, nil))
	fmt.Fprint(stdout, rec.Body.String())
	if rec.Code != http.StatusOK {
		return fmt.Errorf("HTTP %d", rec.Code)
	}
	return nil
}
