package server

import (
	"bytes"
	"encoding/json"
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
// accents are written as they are ("Face/Off", "sábado"). The body is
// encoded before the status is sent, so a value JSON cannot hold (NaN) is
// a 500 with a Spanish message, never a 200 with an empty body.
func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	var body bytes.Buffer
	enc := json.NewEncoder(&body)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		body.Reset()
		body.WriteString(`{"error": "Error interno: la respuesta no se pudo escribir."}` + "\n")
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body.Bytes()) //nolint:errcheck // the client went away
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
