package server

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/julienschmidt/httprouter"
)

// Each handler reads its parameters, calls the service and writes what it
// answers (respond). Titles and names are catch-all parameters, which keep
// their leading slash.

func (s *Server) handleReleasesInMonth(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	answer, err := s.service().ReleasesInMonth(ps.ByName("mes"))
	s.respond(w, r, answer, err)
}

func (s *Server) handleReleasesOnWeekday(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	answer, err := s.service().ReleasesOnWeekday(ps.ByName("dia"))
	s.respond(w, r, answer, err)
}

func (s *Server) handleScore(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	if query, ok := s.query(w, r); ok {
		answer, err := s.service().Score(catchAll(ps, "titulo"), query.Get("anio"))
		s.respond(w, r, answer, err)
	}
}

func (s *Server) handleVotes(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	if query, ok := s.query(w, r); ok {
		answer, err := s.service().Votes(catchAll(ps, "titulo"), query.Get("anio"))
		s.respond(w, r, answer, err)
	}
}

func (s *Server) handleActor(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	answer, err := s.service().Actor(catchAll(ps, "nombre_actor"))
	s.respond(w, r, answer, err)
}

func (s *Server) handleDirector(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	answer, err := s.service().Director(catchAll(ps, "nombre_director"))
	s.respond(w, r, answer, err)
}

func (s *Server) handleRecommendation(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	if query, ok := s.query(w, r); ok {
		answer, err := s.service().Recommend(catchAll(ps, "titulo"), query.Get("anio"))
		s.respond(w, r, answer, err)
	}
}

func (s *Server) handleFilm(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	if query, ok := s.query(w, r); ok {
		answer, err := s.service().Film(catchAll(ps, "titulo"), query.Get("anio"))
		s.respond(w, r, answer, err)
	}
}

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {
	if query, ok := s.query(w, r); ok {
		answer, err := s.service().Search(query.Get("q"))
		s.respond(w, r, answer, err)
	}
}

func (s *Server) handleSummary(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {
	s.respond(w, r, s.service().Summary(), nil)
}

// catchAll reads a catch-all path parameter, without its leading slash.
func catchAll(ps httprouter.Params, name string) string {
	return strings.TrimPrefix(ps.ByName(name), "/")
}

// query parses the query string; a malformed one is answered with a 400.
func (s *Server) query(w http.ResponseWriter, r *http.Request) (url.Values, bool) {
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		s.writeError(w, r, http.StatusBadRequest, "La consulta (lo que sigue a '?') no es válida.", nil)
		return nil, false
	}
	return query, true
}
