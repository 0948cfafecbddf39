package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/filmoteca/filmoteca/server"
)

// runRecommend prints what GET /recomendacion/TITLE answers: the service's
// answer, encoded as the API encodes it.
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
	svc, err := loadService(ctx, *dbPath, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	answer, err := svc.Recommend(strings.Join(fs.Args(), " "), *year)
	if err != nil {
		status, body := server.ErrorAnswer(err)
		if encErr := server.EncodeJSON(stdout, body); encErr != nil {
			return encErr
		}
		return fmt.Errorf("HTTP %d", status)
	}
	return server.EncodeJSON(stdout, answer)
}
