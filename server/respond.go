package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/filmoteca/filmoteca/engine/service"
)

// respond writes the service's answer, or its error.
func (s *Server) respond(w http.ResponseWriter, r *http.Request, answer any, err error) {
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, answer)
}

// fail maps an error to its status and writes it; internal errors, whose
// cause a client must not see, are logged here.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, body := errorAnswer(err)
	if status >= 500 {
		s.log.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	s.writeJSON(w, r, status, body)
}

// errorAnswer is what the API answers for err: its status, and the body
// {"error": message, ...details}.
func errorAnswer(err error) (int, map[string]any) {
	var e *service.Error
	if !errors.As(err, &e) {
		e = &service.Error{Kind: service.Internal, Message: "Error interno del servidor.", Cause: err}
	}
	return statusOf(e.Kind), errorBody(e.Message, e.Details)
}

// statusOf is the HTTP status of a kind of service error.
func statusOf(k service.Kind) int {
	switch k {
	case service.Invalid:
		return http.StatusBadRequest
	case service.NotFound:
		return http.StatusNotFound
	default:
		return http.StatusInternalServerError
	}
}

// writeError writes {"error": message, ...details} with the status.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, status int, message string, details map[string]any) {
	s.writeJSON(w, r, status, errorBody(message, details))
}

func errorBody(message string, details map[string]any) map[string]any {
	body := make(map[string]any, len(details)+1)
	for k, v := range details {
		body[k] = v
	}
	body["error"] = message
	return body
}

// writeJSON writes v as JSON with the given status. The body is encoded
// before the status is sent, so a value JSON cannot hold (NaN) is a logged
// 500 with a Spanish message, never a 200 with an empty body.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	var body bytes.Buffer
	if err := encodeJSON(&body, v); err != nil {
		s.log.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
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

// encodeJSON writes v as the API writes its answers: indented UTF-8, with
// slashes and accents as they are ("Face/Off", "sábado").
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
