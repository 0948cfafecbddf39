// Package service answers the questions of the API: it resolves titles and
// names the way users type them, picks a year among films sharing a title,
// suggests close names when nothing matches, and writes each answer with
// its Spanish sentence. It returns domain errors (Error); the HTTP server
// and the commands are thin layers over it.
package service

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/filmoteca/filmoteca/engine/film"
	"github.com/filmoteca/filmoteca/engine/lookup"
	"github.com/filmoteca/filmoteca/engine/lru"
	"github.com/filmoteca/filmoteca/engine/recommend"
	"github.com/filmoteca/filmoteca/engine/spanish"
)

// Limits of the answers and of what a request may send.
const (
	MaxInputRunes   = 200  // every text parameter
	MaxSuggestions  = 5    // close names offered for an unknown one
	Recommendations = 5    // films /recomendacion returns
	MaxSearchHits   = 10   // films /buscar returns
	MinVotes        = 2000 // votos_titulo answers with values from this many votes
)

// Service answers from a catalogue and a recommender.
type Service struct {
	catalog     *film.Catalog
	recommender *recommend.Recommender
	months      map[string]int             // lookup.Key of each month's names -> 1-12
	weekdays    map[string]int             // lookup.Key of each weekday's name -> 1-7
	searches    *lru.Cache[searchKey, any] // recent searches: []film.Found[T] of their kind (cache.go)
}

// New returns a service over catalog, recommending with rec (nil: no
// recommendations), a recommender over the catalogue's films.
func New(catalog *film.Catalog, rec *recommend.Recommender) *Service {
	cal := catalog.Calendar
	s := &Service{catalog: catalog, recommender: rec, months: keysOf(cal.Months[:]), weekdays: keysOf(cal.Weekdays[:]),
		searches: lru.New[searchKey, any](searchCacheSize)}
	for alias, month := range cal.Aliases {
		s.months[alias] = month
	}
	return s
}

// keysOf maps the lookup key of each name to its 1-based number.
func keysOf(names []string) map[string]int {
	m := make(map[string]int, len(names))
	for i, name := range names {
		m[lookup.Key(name)] = i + 1
	}
	return m
}

// CacheStats says how many recommendations came from the recommender's
// cache, and how many were computed.
func (s *Service) CacheStats() (hits, misses uint64) {
	if s.recommender == nil {
		return 0, 0
	}
	return s.recommender.CacheStats()
}

// Method is what /recomendacion answers, as a method the recommender's
// evaluation measures (profiles[i] is the film at position i).
func (s *Service) Method(name string, profiles []film.Profile) recommend.Method {
	pos := make(map[int64]int, len(profiles))
	for i, p := range profiles {
		pos[p.ID] = i
	}
	return recommend.Method{Name: name, Recommend: func(q, n int) ([]int, error) {
		answer, err := s.RecommendMovie(profiles[q].ID)
		if err != nil {
			return nil, err
		}
		out := make([]int, 0, n)
		for _, d := range answer.Detalle[:min(n, len(answer.Detalle))] {
			out = append(out, pos[d.ID])
		}
		return out, nil
	}}
}

// Catalog is the catalogue the service answers from.
func (s *Service) Catalog() *film.Catalog { return s.catalog }

// ReleasesInMonth counts the films released in a month (a Spanish name, any
// case, with or without accents).
func (s *Service) ReleasesInMonth(name string) (MonthAnswer, error) {
	month, err := calendarNumber(name, "el mes", "un mes", s.months, s.catalog.Calendar.Months[:])
	if err != nil {
		return MonthAnswer{}, err
	}
	mes, n := s.catalog.Calendar.Months[month-1], s.catalog.Releases.ByMonth[month]
	return MonthAnswer{Mes: mes, Cantidad: n,
		Mensaje: fmt.Sprintf("%d cantidad de películas fueron estrenadas en el mes de %s", n, mes)}, nil
}

// ReleasesOnWeekday counts the films released on a weekday (a Spanish
// name, any case, with or without accents).
func (s *Service) ReleasesOnWeekday(name string) (WeekdayAnswer, error) {
	day, err := calendarNumber(name, "el día", "un día de la semana", s.weekdays, s.catalog.Calendar.Weekdays[:])
	if err != nil {
		return WeekdayAnswer{}, err
	}
	dia, n := s.catalog.Calendar.Weekdays[day-1], s.catalog.Releases.ByWeekday[day]
	return WeekdayAnswer{Dia: dia, Cantidad: n,
		Mensaje: fmt.Sprintf("%d cantidad de películas fueron estrenadas en los días %s", n, dia)}, nil
}

// calendarNumber reads a month or day name and returns its number (1-based);
// an unknown name is Invalid and lists the valid ones.
func calendarNumber(text, what, kind string, numbers map[string]int, valid []string) (int, error) {
	text, err := validText(text, what)
	if err != nil {
		return 0, err
	}
	if n, ok := numbers[lookup.Key(text)]; ok {
		return n, nil
	}
	return 0, invalid(fmt.Sprintf("'%s' no es %s válido.", text, kind), map[string]any{"valores_validos": valid})
}

// Score answers the popularity of the film titled title (see Movie).
func (s *Service) Score(title, year string) (ScoreAnswer, error) {
	m, matches, err := s.Movie(title, year)
	if err != nil {
		return ScoreAnswer{}, err
	}
	return ScoreAnswer{
		Consulta: strings.TrimSpace(title), Titulo: m.Title, Anio: m.Year, Score: m.Popularity, Coincidencias: matches,
		Mensaje: fmt.Sprintf("La película %s fue estrenada en el año %d con un score/popularidad de %s", m.Title, m.Year, round2(m.Popularity)),
	}, nil
}

// Votes answers the votes of the film titled title (see Movie): with
// values only from MinVotes votes.
func (s *Service) Votes(title, year string) (VotesAnswer, error) {
	m, matches, err := s.Movie(title, year)
	if err != nil {
		return VotesAnswer{}, err
	}
	answer := VotesAnswer{Consulta: strings.TrimSpace(title), Titulo: m.Title, Anio: m.Year, Coincidencias: matches}
	if m.VoteCount >= MinVotes {
		votes, average := m.VoteCount, m.VoteAverage
		answer.Votos, answer.Promedio, answer.CumpleCondicion = &votes, &average, true
		answer.Mensaje = fmt.Sprintf("La película %s fue estrenada en el año %d. La misma cuenta con un total de %d valoraciones, con un promedio de %s",
			m.Title, m.Year, m.VoteCount, round2(m.VoteAverage))
	} else {
		answer.Mensaje = fmt.Sprintf("La película %s (%d) cuenta con menos de %d valoraciones, por lo que no se devuelve ningún valor.",
			m.Title, m.Year, MinVotes)
	}
	return answer, nil
}

// Actor answers an actor's films (cast credits only, in release order)
// and return; the name may be any part of it (see Movie's resolution).
func (s *Service) Actor(name string) (ActorAnswer, error) {
	name, err := validText(name, "el nombre del actor")
	if err != nil {
		return ActorAnswer{}, err
	}
	hits := s.searchActors(name, candidates)
	a, others, ok := person(hits, actorOf)
	if !ok {
		return ActorAnswer{}, s.personNotFound(fmt.Sprintf("No se encontró ningún actor ni actriz llamado '%s'.", name), names(hits, actorOf))
	}
	return ActorAnswer{
		Consulta: name, Actor: a.Name, Genero: gender(a.Gender), CantidadFilmaciones: len(a.Films),
		RetornoTotal: a.TotalReturn, RetornoPromedio: a.MeanReturn, Peliculas: credits(a.Films),
		Mensaje: fmt.Sprintf("%s ha participado en %d %s", a.Name, len(a.Films), plural(len(a.Films), "película", "películas")) +
			returnSentence(a.Films, fmt.Sprintf(", con un retorno total de %s y un promedio de %s por película", spanish2(a.TotalReturn), spanish2(a.MeanReturn))),
		Coincidencias: others,
	}, nil
}

// Director answers a director's films, in release order, and return; the
// name may be any part of it (see Movie's resolution).
func (s *Service) Director(name string) (DirectorAnswer, error) {
	name, err := validText(name, "el nombre del director")
	if err != nil {
		return DirectorAnswer{}, err
	}
	hits := s.searchDirectors(name, candidates)
	d, others, ok := person(hits, directorOf)
	if !ok {
		return DirectorAnswer{}, s.personNotFound(fmt.Sprintf("No se encontró ningún director ni directora llamado '%s'.", name), names(hits, directorOf))
	}
	films := credits(d.Films)
	return DirectorAnswer{
		Consulta: name, Director: d.Name, Genero: gender(d.Gender), RetornoTotal: d.TotalReturn,
		CantidadFilmaciones: len(films), Peliculas: films,
		Mensaje: fmt.Sprintf("%s ha dirigido %d %s", d.Name, len(films), plural(len(films), "película", "películas")) +
			returnSentence(d.Films, fmt.Sprintf(", con un retorno total de %s", spanish2(d.TotalReturn))),
		Coincidencias: others,
	}, nil
}

// returnSentence ends a person's sentence: with their return (known, the
// words that say it) when some film's return can be computed, else saying
// that it cannot.
func returnSentence(films []film.Credit, known string) string {
	for _, c := range films {
		if c.Movie.MoneyKnown() {
			return known
		}
	}
	n := len(films)
	return plural(n, "; su retorno no se puede calcular, porque no se conocen a la vez su presupuesto y su recaudación",
		"; su retorno no se puede calcular, porque de ninguna se conocen a la vez el presupuesto y la recaudación")
}

// credits are a person's films as the answers list them.
func credits(cs []film.Credit) []CreditedFilm {
	out := make([]CreditedFilm, len(cs))
	for i, c := range cs {
		m := c.Movie
		out[i] = CreditedFilm{
			Titulo: m.Title, Anio: m.Year, FechaEstreno: m.ReleaseDate.Format("2006-01-02"), Retorno: m.Return,
			Costo: m.Budget, Recaudacion: m.Revenue, Ganancia: profit(m),
		}
	}
	return out
}

// profit is a film's profit, nil when its budget or revenue is unknown.
func profit(m *film.Movie) *int64 {
	if p, ok := m.Profit(); ok {
		return &p
	}
	return nil
}

// personNotFound is the answer for an unknown actor or director: close
// names, and how many films have credits at all (only some do in the
// shipped sample).
func (s *Service) personNotFound(message string, suggestions []string) *Error {
	cov := s.catalog.Coverage()
	return notFound(message, map[string]any{
		"sugerencias":           orEmpty(suggestions),
		"peliculas_con_reparto": cov.WithCast,
		"peliculas":             cov.Movies,
	})
}

func personMatch(p film.Person, films int) PersonMatch {
	m := PersonMatch{Nombre: p.Name, Genero: gender(p.Gender), CantidadFilmaciones: films}
	if p.ID != 0 {
		id := p.ID
		m.ID = &id
	}
	return m
}

// gender names a person's gender as the API writes it, or nil when unknown.
func gender(g film.Gender) *string {
	var s string
	switch g {
	case film.GenderFemale:
		s = "femenino"
	case film.GenderMale:
		s = "masculino"
	default:
		return nil
	}
	return &s
}

// Film answers what the data knows of the film titled title (see Movie),
// for its page.
func (s *Service) Film(title, year string) (FilmAnswer, error) {
	m, matches, err := s.Movie(title, year)
	if err != nil {
		return FilmAnswer{}, err
	}
	a := FilmAnswer{
		Consulta: strings.TrimSpace(title), ID: m.ID, Titulo: m.Title, Anio: m.Year, FechaEstreno: m.ReleaseDate.Format("2006-01-02"),
		Generos: orEmpty(m.Genres), Sinopsis: synopsis(m.Overview), Direccion: orEmpty(m.Directors), Reparto: orEmpty(m.Cast),
		Promedio: m.VoteAverage, Votos: m.VoteCount, Popularidad: m.Popularity, Ganancia: profit(m), Coincidencias: matches,
	}
	if m.OriginalTitle != "" {
		a.TituloOriginal = &m.OriginalTitle
	}
	if m.Runtime > 0 {
		a.DuracionMin = &m.Runtime
	}
	if m.Budget > 0 {
		a.Presupuesto = &m.Budget
	}
	if m.Revenue > 0 {
		a.Recaudacion = &m.Revenue
	}
	if m.MoneyKnown() {
		a.Retorno = &m.Return
	}
	return a, nil
}

// synopsisRunes is how much of a synopsis a film's answer gives.
const synopsisRunes = 300

// synopsis is the start of an overview: whole when short, else cut at a
// word before synopsisRunes, with an ellipsis.
func synopsis(overview string) string {
	r := []rune(strings.TrimSpace(overview))
	if len(r) <= synopsisRunes {
		return string(r)
	}
	cut := synopsisRunes
	for cut > synopsisRunes/2 && !unicode.IsSpace(r[cut]) {
		cut--
	}
	return strings.TrimRightFunc(string(r[:cut]), func(c rune) bool { return unicode.IsSpace(c) || unicode.IsPunct(c) }) + "…"
}

// Recommend answers the films most similar to the one titled title (see Movie).
func (s *Service) Recommend(title, year string) (RecommendationAnswer, error) {
	m, matches, err := s.Movie(title, year)
	if err != nil {
		return RecommendationAnswer{}, err
	}
	answer, err := s.RecommendMovie(m.ID)
	answer.Consulta, answer.Coincidencias = strings.TrimSpace(title), matches
	return answer, err
}

// RecommendMovie answers the films most similar to movie id: what
// /recomendacion answers once the title is resolved, and what the
// evaluation measures.
func (s *Service) RecommendMovie(id int64) (RecommendationAnswer, error) {
	m, ok := s.catalog.Movie(id)
	if !ok {
		return RecommendationAnswer{}, notFound(fmt.Sprintf("No hay ninguna película con id %d.", id), nil)
	}
	if s.recommender == nil {
		return RecommendationAnswer{}, internal("No se pudieron calcular las recomendaciones.", fmt.Errorf("service: no recommender"))
	}
	list, err := s.recommender.Recommend(id, Recommendations)
	if err != nil {
		return RecommendationAnswer{}, internal("No se pudieron calcular las recomendaciones.", err)
	}
	answer := RecommendationAnswer{Titulo: m.Title, Anio: m.Year, Recomendaciones: []string{}, Detalle: []Recommended{}}
	for _, r := range list {
		rec, ok := s.catalog.Movie(r.MovieID)
		if !ok {
			return RecommendationAnswer{}, internal("No se pudieron calcular las recomendaciones.", fmt.Errorf("service: recommended movie %d is not in the catalogue", r.MovieID))
		}
		answer.Recomendaciones = append(answer.Recomendaciones, rec.Title)
		answer.Detalle = append(answer.Detalle, Recommended{ID: rec.ID, Titulo: rec.Title, Anio: rec.Year,
			Generos: orEmpty(rec.Genres), Similitud: r.Similarity, Puntuacion: r.Score,
			Motivos: reasons(s.recommender.SharedFeatures(id, rec.ID))})
	}
	return answer, nil
}

// Search answers the web page's search box: the films the query names,
// best first (by how well they match, then by votes), with their year.
func (s *Service) Search(q string) (SearchAnswer, error) {
	q, err := validText(q, "el texto a buscar")
	if err != nil {
		return SearchAnswer{}, err
	}
	answer := SearchAnswer{Consulta: q, Resultados: []SearchHit{}}
	for _, h := range s.searchMovies(q, MaxSearchHits) {
		m := h.Item
		answer.Resultados = append(answer.Resultados, SearchHit{ID: m.ID, Titulo: m.Title, TituloOriginal: m.OriginalTitle, Anio: m.Year, Votos: m.VoteCount})
	}
	return answer, nil
}

// Summary answers what the data holds.
func (s *Service) Summary() SummaryAnswer {
	cov := s.catalog.Coverage()
	return SummaryAnswer{Peliculas: cov.Movies, PeliculasConReparto: cov.WithCast, PeliculasConDirector: cov.WithDirector,
		Actores: cov.Actors, Directores: cov.Directors}
}

// validText checks a text parameter: non-empty UTF-8 of at most
// MaxInputRunes runes; it returns it trimmed.
func validText(v, what string) (string, error) {
	switch {
	case !utf8.ValidString(v):
		return "", invalid(fmt.Sprintf("%s no es texto UTF-8 válido.", capitalized(what)), nil)
	case utf8.RuneCountInString(v) > MaxInputRunes:
		return "", invalid(fmt.Sprintf("%s supera los %d caracteres.", capitalized(what), MaxInputRunes), nil)
	case strings.TrimSpace(v) == "":
		return "", invalid(fmt.Sprintf("Falta %s.", what), nil)
	}
	return strings.TrimSpace(v), nil
}

// capitalized is s with its first letter upper case ("el título" → "El título").
func capitalized(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// round2 writes a number for reading: two decimals, as the brief's title
// sentences do (21.95).
func round2(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

// spanish2 writes a number for reading in Spanish: two decimals after a
// comma, a point between thousands from four digits up (1.234,57).
func spanish2(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return round2(f)
	}
	s := round2(f)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-") // no "-0,00"
	}
	return spanish.Number(s)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
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
