package service

// The answers of the API, as it writes them in JSON: field names in Spanish,
// as the brief defines them.

// MonthAnswer answers /cantidad_filmaciones_mes.
type MonthAnswer struct {
	Mes      string `json:"mes"`
	Cantidad int64  `json:"cantidad"`
	Mensaje  string `json:"mensaje"`
}

// WeekdayAnswer answers /cantidad_filmaciones_dia.
type WeekdayAnswer struct {
	Dia      string `json:"dia"`
	Cantidad int64  `json:"cantidad"`
	Mensaje  string `json:"mensaje"`
}

// Match is one of several films that share a title.
type Match struct {
	ID     int64  `json:"id"`
	Titulo string `json:"titulo"`
	Anio   int    `json:"anio"`
}

// ScoreAnswer answers /score_titulo. Consulta is what was asked: every
// answer about a film or a person says it beside what it found.
type ScoreAnswer struct {
	Consulta      string  `json:"consulta"`
	Titulo        string  `json:"titulo"`
	Anio          int     `json:"anio"`
	Score         float64 `json:"score"`
	Mensaje       string  `json:"mensaje"`
	Coincidencias []Match `json:"coincidencias,omitempty"`
}

// VotesAnswer answers /votos_titulo: the votes only for films with enough of them.
type VotesAnswer struct {
	Consulta        string   `json:"consulta"`
	Titulo          string   `json:"titulo"`
	Anio            int      `json:"anio"`
	Votos           *int64   `json:"votos,omitempty"`
	Promedio        *float64 `json:"promedio,omitempty"`
	CumpleCondicion bool     `json:"cumple_condicion"`
	Mensaje         string   `json:"mensaje"`
	Coincidencias   []Match  `json:"coincidencias,omitempty"`
}

// PersonMatch is one of several people who share a name.
type PersonMatch struct {
	ID                  *int64  `json:"id"`
	Nombre              string  `json:"nombre"`
	Genero              *string `json:"genero"`
	CantidadFilmaciones int     `json:"cantidad_filmaciones"`
}

// ActorAnswer answers /get_actor.
type ActorAnswer struct {
	Consulta            string         `json:"consulta"`
	Actor               string         `json:"actor"`
	Genero              *string        `json:"genero"`
	CantidadFilmaciones int            `json:"cantidad_filmaciones"`
	RetornoTotal        float64        `json:"retorno_total"`
	RetornoPromedio     float64        `json:"retorno_promedio"`
	Peliculas           []CreditedFilm `json:"peliculas"`
	Mensaje             string         `json:"mensaje"`
	Coincidencias       []PersonMatch  `json:"coincidencias,omitempty"`
}

// CreditedFilm is one film of an actor's or a director's answer. Costo and
// Recaudacion are the brief's 0-filled budget and revenue: 0 is unknown
// (TMDB writes 0 for unknown); Retorno is 0 when it cannot be computed;
// Ganancia (revenue - budget) is null then, never an invented loss.
type CreditedFilm struct {
	Titulo       string  `json:"titulo"`
	Anio         int     `json:"anio"`
	FechaEstreno string  `json:"fecha_estreno"`
	Retorno      float64 `json:"retorno"`
	Costo        int64   `json:"costo"`
	Recaudacion  int64   `json:"recaudacion"`
	Ganancia     *int64  `json:"ganancia"`
}

// DirectorAnswer answers /get_director.
type DirectorAnswer struct {
	Consulta            string         `json:"consulta"`
	Director            string         `json:"director"`
	Genero              *string        `json:"genero"`
	RetornoTotal        float64        `json:"retorno_total"`
	CantidadFilmaciones int            `json:"cantidad_filmaciones"`
	Peliculas           []CreditedFilm `json:"peliculas"`
	Mensaje             string         `json:"mensaje"`
	Coincidencias       []PersonMatch  `json:"coincidencias,omitempty"`
}

// FilmAnswer answers /pelicula: what the data knows of a film, for its
// page. What it does not know is null: a runtime, budget or revenue of 0,
// a return or profit that cannot be computed.
type FilmAnswer struct {
	Consulta       string   `json:"consulta"`
	ID             int64    `json:"id"`
	Titulo         string   `json:"titulo"`
	TituloOriginal *string  `json:"titulo_original"`
	Anio           int      `json:"anio"`
	FechaEstreno   string   `json:"fecha_estreno"`
	Generos        []string `json:"generos"`
	DuracionMin    *float64 `json:"duracion_minutos"`
	Sinopsis       string   `json:"sinopsis"`
	Direccion      []string `json:"direccion"`
	Reparto        []string `json:"reparto"`
	Promedio       float64  `json:"promedio"`
	Votos          int64    `json:"votos"`
	Popularidad    float64  `json:"popularidad"`
	Presupuesto    *int64   `json:"presupuesto"`
	Recaudacion    *int64   `json:"recaudacion"`
	Retorno        *float64 `json:"retorno"`
	Ganancia       *int64   `json:"ganancia"`
	Coincidencias  []Match  `json:"coincidencias,omitempty"`
}

// Recommended is one film of RecommendationAnswer.
type Recommended struct {
	ID         int64    `json:"id"`
	Titulo     string   `json:"titulo"`
	Anio       int      `json:"anio"`
	Generos    []string `json:"generos"`
	Similitud  float32  `json:"similitud"`
	Puntuacion float32  `json:"puntuacion"`
	Motivos    []string `json:"motivos"` // the shared features that earned it, e.g. "misma dirección: John Lasseter"
}

// RecommendationAnswer answers /recomendacion.
type RecommendationAnswer struct {
	Consulta        string        `json:"consulta,omitempty"`
	Titulo          string        `json:"titulo"`
	Anio            int           `json:"anio"`
	Recomendaciones []string      `json:"recomendaciones"`
	Detalle         []Recommended `json:"detalle"`
	Coincidencias   []Match       `json:"coincidencias,omitempty"`
}

// SearchHit is one film of SearchAnswer.
type SearchHit struct {
	ID             int64  `json:"id"`
	Titulo         string `json:"titulo"`
	TituloOriginal string `json:"titulo_original,omitempty"` // when it differs: what may have matched
	Anio           int    `json:"anio"`
	Votos          int64  `json:"votos"`
}

// SearchAnswer answers /buscar, the web page's search box.
type SearchAnswer struct {
	Consulta   string      `json:"consulta"`
	Resultados []SearchHit `json:"resultados"`
}

// SummaryAnswer answers /resumen: what the data holds, and how much of it
// has cast and crew.
type SummaryAnswer struct {
	Peliculas            int `json:"peliculas"`
	PeliculasConReparto  int `json:"peliculas_con_reparto"`
	PeliculasConDirector int `json:"peliculas_con_director"`
	Actores              int `json:"actores"`
	Directores           int `json:"directores"`
}
