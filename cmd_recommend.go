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

	"github.com/filmoteca/filmoteca/server"
)

// runRecommend prints what GET /recomendacion/TITLE answers: the request
// is answered in-process by the API's own handler, so the command and the
// API cannot differ.
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
	log := slog.New(slog.DiscardHandler)
	svc, _, err := loadService(ctx, *dbPath, log)
	if err != nil {
		return err
	}
	target := "/recomendacion/" + url.PathEscape(strings.Join(fs.Args(), " "))
	if *year != "" {
		target += "?anio=" + url.QueryEscape(*year)
	}
	answer := httptest.NewRecorder()
	server.New(svc, log).ServeHTTP(answer, httptest.NewRequestWithContext(ctx, http.MethodGet, target, nil))
	if _, err := stdout.Write(answer.Body.Bytes()); err != nil {
		return err
	}
	if answer.Code != http.StatusOK {
		return fmt.Errorf("HTTP %d", answer.Code)
	}
	return nil
}
