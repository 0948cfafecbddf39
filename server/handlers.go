package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/julienschmidt/httprouter"

	"github.com/filmoteca/filmoteca/engine/catalog"
	"github.com/filmoteca/filmoteca/engine/lookup"
)

type releasesInMonth struct {
	Mes      string `json:"mes"`
	Cantidad int64  `json:"cantidad"`
	Mensaje  string `json:"mensaje"`
}

func (s *Server) handleReleasesInMonth(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	month, err := vocabularyParam(ps, "mes", "el mes", "un mes", monthNumbers, monthNames)
	if err != nil {
		writeError(w, r, err)
		return
	}
	name, n := monthNames[month-1], s.catalog.ReleasesInMonth(month)
	writeJSON(w, r, http.StatusOK, releasesInMonth{
		Mes:      name,
		Cantidad: n,
		Mensaje:  fmt.Sprintf("%d cantidad de películas fueron estrenadas en el mes de %s", n, name),
	})
}

type releasesOnWeekday struct {
	Dia      string `json:"dia"`
	Cantidad int64  `json:"cantidad"`
	Mensaje  string `json:"mensaje"`
}

func (s *Server) handleReleasesOnWeekday(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	day, err := vocabularyParam(ps, "dia", "el día", "un día de la semana", weekdayNumbers, weekdayNames)
	if err != nil {
		writeError(w, r, err)
		return
	}
	name, n := weekdayNames[day-1], s.catalog.ReleasesOnWeekday(day)
	writeJSON(w, r, http.StatusOK, releasesOnWeekday{
		Dia:      name,
		Cantidad: n,
		Mensaje:  fmt.Sprintf("%d cantidad de películas fueron estrenadas en los días %s", n, name),
	})
}

// match is one of several films that share a title.
type match struct {
	ID     int64  `json:"id"`
	Titulo string `json:"titulo"`
	Anio   int    `json:"anio"`
}

type scoreAnswer struct {
	Titulo        string  `json:"titulo"`
	Anio          int     `json:"anio"`
	Score         float64 `json:"score"`
	Mensaje       string  `json:"mensaje"`
	Coincidencias []match `json:"coincidencias,omitempty"`
}

func (s *Server) handleScore(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	m, matches, err := s.resolveMovie(r, ps)
	if err != nil {
		writeError(w, r, err)
		return
	}
	writeJSON(w, r, http.StatusOK, scoreAnswer{
		Titulo:        m.Title,
		Anio:          m.Year,
		Score:         m.Popularity,
		Mensaje:       fmt.Sprintf("La película %s fue estrenada en el año %d con un score/popularidad de %s", m.Title, m.Year, round2(m.Popularity)),
		Coincidencias: matches,
	})
}

type votesAnswer struct {
	Titulo          string   `json:"titulo"`
	Anio            int      `json:"anio"`
	Votos           *int64   `json:"votos,omitempty"`
	Promedio        *float64 `json:"promedio,omitempty"`
	CumpleCondicion bool     `json:"cumple_condicion"`
	Mensaje         string   `json:"mensaje"`
	Coincidencias   []match  `json:"coincidencias,omitempty"`
}

func (s *Server) handleVotes(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	m, matches, err := s.resolveMovie(r, ps)
	if err != nil {
		writeError(w, r, err)
		return
	}
	answer := votesAnswer{Titulo: m.Title, Anio: m.Year, Coincidencias: matches}
	if m.VoteCount >= minVotes {
		answer.Votos, answer.Promedio, answer.CumpleCondicion = &m.VoteCount, &m.VoteAverage, true
		answer.Mensaje = fmt.Sprintf("La película %s fue estrenada en el año %d. La misma cuenta con un total de %d valoraciones, con un promedio de %s",
			m.Title, m.Year, m.VoteCount, round2(m.VoteAverage))
	} else {
		answer.Mensaje = fmt.Sprintf("La película %s (%d) cuenta con menos de %d valoraciones, por lo que no se devuelve ningún valor.",
			m.Title, m.Year, minVotes)
	}
	writeJSON(w, r, http.StatusOK, answer)
}

// person is one of several people who share a name.
type person struct {
	ID                  *int64 `json:"id"`
	Nombre              string `json:"nombre"`
	CantidadFilmaciones int    `json:"cantidad_filmaciones"`
}

type actorAnswer struct {
	Actor               string   `json:"actor"`
	CantidadFilmaciones int64    `json:"cantidad_filmaciones"`
	RetornoTotal        float64  `json:"retorno_total"`
	RetornoPromedio     float64  `json:"retorno_promedio"`
	Mensaje             string   `json:"mensaje"`
	Coincidencias       []person `json:"coincidencias,omitempty"`
}

func (s *Server) handleActor(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	name, err := textParam(ps, "nombre_actor", "el nombre del actor")
	if err != nil {
		writeError(w, r, err)
		return
	}
	actors := s.catalog.ActorsNamed(name)
	if len(actors) == 0 {
		writeError(w, r, notFound(fmt.Sprintf("No se encontró ningún actor llamado '%s'.", name),
			map[string]any{"sugerencias": orEmpty(s.catalog.SuggestActors(name, maxSuggestions))}))
		return
	}
	a := actors[0]
	var others []person
	if len(actors) > 1 {
		for _, x := range actors {
			others = append(others, person{ID: nullableID(x.PersonID.Int64, x.PersonID.Valid), Nombre: x.Name, CantidadFilmaciones: int(x.Films)})
		}
	}
	writeJSON(w, r, http.StatusOK, actorAnswer{
		Actor:               a.Name,
		CantidadFilmaciones: a.Films,
		RetornoTotal:        a.TotalReturn,
		RetornoPromedio:     a.MeanReturn,
		Mensaje: fmt.Sprintf("El actor %s ha participado de %d cantidad de filmaciones, el mismo ha conseguido un retorno de %s con un promedio de %s por filmación",
			a.Name, a.Films, round2(a.TotalReturn), round2(a.MeanReturn)),
		Coincidencias: others,
	})
}

type directorFilm struct {
	Titulo       string  `json:"titulo"`
	FechaEstreno string  `json:"fecha_estreno"`
	Retorno      float64 `json:"retorno"`
	Costo        int64   `json:"costo"`
	Recaudacion  int64   `json:"recaudacion"`
	Ganancia     int64   `json:"ganancia"`
}

type directorAnswer struct {
	Director            string         `json:"director"`
	RetornoTotal        float64        `json:"retorno_total"`
	CantidadFilmaciones int            `json:"cantidad_filmaciones"`
	Peliculas           []directorFilm `json:"peliculas"`
	Mensaje             string         `json:"mensaje"`
	Coincidencias       []person       `json:"coincidencias,omitempty"`
}

func (s *Server) handleDirector(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	name, err := textParam(ps, "nombre_director", "el nombre del director")
	if err != nil {
		writeError(w, r, err)
		return
	}
	directors := s.catalog.DirectorsNamed(name)
	if len(directors) == 0 {
		writeError(w, r, notFound(fmt.Sprintf("No se encontró ningún director llamado '%s'.", name),
			map[string]any{"sugerencias": orEmpty(s.catalog.SuggestDirectors(name, maxSuggestions))}))
		return
	}
	d := directors[0]
	films := make([]directorFilm, len(d.Films))
	for i, f := range d.Films {
		films[i] = directorFilm{
			Titulo:       f.Title,
			FechaEstreno: f.ReleaseDate.Format("2006-01-02"),
			Retorno:      f.Return,
			Costo:        f.Budget,
			Recaudacion:  f.Revenue,
			Ganancia:     f.Profit,
		}
	}
	var others []person
	if len(directors) > 1 {
		for _, x := range directors {
			others = append(others, person{ID: nullableID(x.PersonID.Int64, x.PersonID.Valid), Nombre: x.Name, CantidadFilmaciones: len(x.Films)})
		}
	}
	writeJSON(w, r, http.StatusOK, directorAnswer{
		Director:            d.Name,
		RetornoTotal:        d.TotalReturn,
		CantidadFilmaciones: len(films),
		Peliculas:           films,
		Mensaje: fmt.Sprintf("El director %s ha dirigido %d %s, con un retorno total de %s",
			d.Name, len(films), plural(len(films), "película", "películas"), round2(d.TotalReturn)),
		Coincidencias: others,
	})
}

type recommended struct {
	ID         int64    `json:"id"`
	Titulo     string   `json:"titulo"`
	Anio       int      `json:"anio"`
	Generos    []string `json:"generos"`
	Similitud  float32  `json:"similitud"`
	Puntuacion float32  `json:"puntuacion"`
}

type recommendationAnswer struct {
	Titulo          string        `json:"titulo"`
	Anio            int           `json:"anio"`
	Recomendaciones []string      `json:"recomendaciones"`
	Detalle         []recommended `json:"detalle"`
	Coincidencias   []match       `json:"coincidencias,omitempty"`
}

func (s *Server) handleRecommendation(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	m, matches, err := s.resolveMovie(r, ps)
	if err != nil {
		writeError(w, r, err)
		return
	}
	answer, recErr := recommendFor(s.recommender, m, recommendations)
	if recErr != nil {
		s.log.Error("recommend", "movie", m.ID, "err", recErr)
		writeError(w, r, &apiError{status: http.StatusInternalServerError, message: "No se pudieron calcular las recomendaciones."})
		return
	}
	answer.Coincidencias = matches
	writeJSON(w, r, http.StatusOK, answer)
}

// recommendFor builds the /recomendacion answer for movie m.
func recommendFor(rec Recommender, m catalog.Movie, n int) (recommendationAnswer, error) {
	list, err := rec.Recommend(m.ID, n)
	if err != nil {
		return recommendationAnswer{}, err
	}
	answer := recommendationAnswer{Titulo: m.Title, Anio: m.Year, Recomendaciones: []string{}, Detalle: []recommended{}}
	for _, x := range list {
		answer.Recomendaciones = append(answer.Recomendaciones, x.Title)
		genres := x.Genres
		if genres == nil {
			genres = []string{}
		}
		answer.Detalle = append(answer.Detalle, recommended{ID: x.ID, Titulo: x.Title, Anio: x.Year, Generos: genres, Similitud: x.Similarity, Puntuacion: x.Score})
	}
	return answer, nil
}

type searchHit struct {
	ID     int64  `json:"id"`
	Titulo string `json:"titulo"`
	Anio   int    `json:"anio"`
	Votos  int64  `json:"votos"`
}

type searchAnswer struct {
	Consulta   string      `json:"consulta"`
	Resultados []searchHit `json:"resultados"`
}

// maxSearchHits is how many films /buscar returns.
const maxSearchHits = 10

// handleSearch answers the web page's search box: titles starting with q,
// then close ones, with their year.
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		writeError(w, r, badRequest("La consulta (lo que sigue a '?') no es válida.", nil))
		return
	}
	q := strings.TrimSpace(query.Get("q"))
	switch {
	case q == "":
		writeError(w, r, badRequest("Falta el texto a buscar: /buscar?q=…", nil))
		return
	case !utf8.ValidString(q) || utf8.RuneCountInString(q) > maxInputRunes:
		writeError(w, r, badRequest(fmt.Sprintf("El texto a buscar debe ser UTF-8 y tener como mucho %d caracteres.", maxInputRunes), nil))
		return
	}
	answer := searchAnswer{Consulta: q, Resultados: []searchHit{}}
	for _, m := range s.catalog.SearchTitles(q, maxSearchHits) {
		answer.Resultados = append(answer.Resultados, searchHit{ID: m.ID, Titulo: m.Title, Anio: m.Year, Votos: m.VoteCount})
	}
	writeJSON(w, r, http.StatusOK, answer)
}

// resolveMovie finds the film a request names: by title (ignoring case,
// accents and spaces), then by ?anio= when given; among several, the most
// voted. It also returns every film sharing the title when there are several.
func (s *Server) resolveMovie(r *http.Request, ps httprouter.Params) (catalog.Movie, []match, *apiError) {
	title, err := textParam(ps, "titulo", "el título")
	if err != nil {
		return catalog.Movie{}, nil, err
	}
	movies := s.catalog.MoviesTitled(title)
	if len(movies) == 0 {
		return catalog.Movie{}, nil, notFound(fmt.Sprintf("No se encontró la película '%s'.", title),
			map[string]any{"sugerencias": orEmpty(s.catalog.SuggestTitles(title, maxSuggestions))})
	}
	var matches []match
	if len(movies) > 1 {
		for _, m := range movies {
			matches = append(matches, match{ID: m.ID, Titulo: m.Title, Anio: m.Year})
		}
	}
	query, queryErr := url.ParseQuery(r.URL.RawQuery)
	if queryErr != nil {
		return catalog.Movie{}, nil, badRequest("La consulta (lo que sigue a '?') no es válida.", nil)
	}
	yearText := query.Get("anio")
	if yearText == "" {
		return movies[0], matches, nil
	}
	year, convErr := strconv.Atoi(strings.TrimSpace(yearText))
	if convErr != nil || year < 1800 || year > 2200 {
		return catalog.Movie{}, nil, badRequest(fmt.Sprintf("El año '%s' no es válido: use cuatro cifras, por ejemplo ?anio=1995.", truncate(yearText)), nil)
	}
	for _, m := range movies {
		if m.Year == year {
			return m, matches, nil
		}
	}
	all := matches
	if all == nil {
		all = []match{{ID: movies[0].ID, Titulo: movies[0].Title, Anio: movies[0].Year}}
	}
	return catalog.Movie{}, nil, notFound(fmt.Sprintf("No hay ninguna película '%s' del año %d.", title, year),
		map[string]any{"coincidencias": all})
}

// vocabularyParam reads a month or day name (any case, with or without
// accents) and returns its number; an unknown name is a 400 that lists the
// valid ones.
func vocabularyParam(ps httprouter.Params, param, what, kind string, numbers map[string]int, valid []string) (int, *apiError) {
	text, err := textParam(ps, param, what)
	if err != nil {
		return 0, err
	}
	n, ok := numbers[lookup.Key(text)]
	if !ok {
		return 0, badRequest(fmt.Sprintf("'%s' no es %s válido.", text, kind), map[string]any{"valores_validos": valid})
	}
	return n, nil
}

// textParam reads a path parameter: catch-all parameters lose their leading
// slash; the result must be non-empty UTF-8 of at most maxInputRunes runes.
func textParam(ps httprouter.Params, name, what string) (string, *apiError) {
	v := strings.TrimPrefix(ps.ByName(name), "/")
	switch {
	case !utf8.ValidString(v):
		return "", badRequest(fmt.Sprintf("El parámetro %s no es texto UTF-8 válido.", what), nil)
	case utf8.RuneCountInString(v) > maxInputRunes:
		return "", badRequest(fmt.Sprintf("El parámetro %s supera los %d caracteres.", what, maxInputRunes), nil)
	case strings.TrimSpace(v) == "":
		return "", badRequest(fmt.Sprintf("Falta %s en la ruta.", what), nil)
	}
	return strings.TrimSpace(v), nil
}

// round2 writes a number for reading: two decimals.
func round2(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func nullableID(id int64, valid bool) *int64 {
	if !valid {
		return nil
	}
	return &id
}

// orEmpty makes a nil list encode as [] rather than null.
func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// truncate shortens user text quoted back in a message.
func truncate(s string) string {
	if utf8.RuneCountInString(s) <= 20 {
		return s
	}
	return string([]rune(s)[:20]) + "…"
}
