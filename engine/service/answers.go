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

// ScoreAnswer answers /score_titulo.
type ScoreAnswer struct {
	Titulo        string  `json:"titulo"`
	Anio          int     `json:"anio"`
	Score         float64 `json:"score"`
	Mensaje       string  `json:"mensaje"`
	Coincidencias []Match `json:"coincidencias,omitempty"`
}

// VotesAnswer answers /votos_titulo: the votes only for films with enough of them.
type VotesAnswer struct {
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
	Actor               string        `json:"actor"`
	Genero              *string       `json:"genero"`
	CantidadFilmaciones int           `json:"cantidad_filmaciones"`
	RetornoTotal        float64       `json:"retorno_total"`
	RetornoPromedio     float64       `json:"retorno_promedio"`
	Mensaje             string        `json:"mensaje"`
	Coincidencias       []PersonMatch `json:"coincidencias,omitempty"`
}

// DirectedFilm is one film of DirectorAnswer.
type DirectedFilm struct {
	Titulo       string  `json:"titulo"`
	FechaEstreno string  `json:"fecha_estreno"`
	Retorno      float64 `json:"retorno"`
	Costo        int64   `json:"costo"`
	Recaudacion  int64   `json:"recaudacion"`
	Ganancia     int64   `json:"ganancia"`
}

// DirectorAnswer answers /get_director.
type DirectorAnswer struct {
	Director            string         `json:"director"`
	Genero              *string        `json:"genero"`
	RetornoTotal        float64        `json:"retorno_total"`
	CantidadFilmaciones int            `json:"cantidad_filmaciones"`
	Peliculas           []DirectedFilm `json:"peliculas"`
	Mensaje             string         `json:"mensaje"`
	Coincidencias       []PersonMatch  `json:"coincidencias,omitempty"`
}

// Recommended is one film of RecommendationAnswer.
type Recommended struct {
	ID         int64    `json:"id"`
	Titulo     string   `json:"titulo"`
	Anio       int      `json:"anio"`
	Generos    []string `json:"generos"`
	Similitud  float32  `json:"similitud"`
	Puntuacion float32  `json:"puntuacion"`
	Motivos    []string `json:"motivos"` // the shared features that earned it, e.g. "mismo director: John Lasseter"
}

// RecommendationAnswer answers /recomendacion.
type RecommendationAnswer struct {
	Titulo          string        `json:"titulo"`
	Anio            int           `json:"anio"`
	Recomendaciones []string      `json:"recomendaciones"`
	Detalle         []Recommended `json:"detalle"`
	Coincidencias   []Match       `json:"coincidencias,omitempty"`
}

// SearchHit is one film of SearchAnswer.
type SearchHit struct {
	ID     int64  `json:"id"`
	Titulo string `json:"titulo"`
	Anio   int    `json:"anio"`
	Votos  int64  `json:"votos"`
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
