package server

import (
	"encoding/json"
	"log/slog"
	"net/http"
)

// apiError is an error a client can act on: an HTTP status, a Spanish
// sentence, and optional extra fields (valid values, suggestions).
type apiError struct {
	status  int
	message string
	extra   map[string]any
}

func (e *apiError) Error() string { return e.message }

func badRequest(message string, extra map[string]any) *apiError {
	return &apiError{status: http.StatusBadRequest, message: message, extra: extra}
}

func notFound(message string, extra map[string]any) *apiError {
	return &apiError{status: http.StatusNotFound, message: message, extra: extra}
}

// writeJSON writes v as UTF-8 JSON with the given status. Slashes and
// accents are written as they are ("Face/Off", "sábado").
func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		slog.Warn("write response", "path", r.URL.Path, "err", err)
	}
}

// writeError writes {"error": message, ...extra} with the error's status.
func writeError(w http.ResponseWriter, r *http.Request, e *apiError) {
	body := make(map[string]any, len(e.extra)+1)
	for k, v := range e.extra {
		body[k] = v
	}
	body["error"] = e.message
	writeJSON(w, r, e.status, body)
}
