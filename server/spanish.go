package server

import "github.com/filmoteca/filmoteca/engine/lookup"

// monthNames are the months as the API writes them; index 0 is January.
var monthNames = []string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
	"agosto", "septiembre", "octubre", "noviembre", "diciembre"}

// weekdayNames are the ISO weekdays as the API writes them; index 0 is Monday.
var weekdayNames = []string{"lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"}

// monthNumbers maps a month's key (lookup.Key) to its number, 1-12.
// "setiembre" is accepted as well: it is common in Latin America.
var monthNumbers = func() map[string]int {
	m := map[string]int{"setiembre": 9}
	for i, name := range monthNames {
		m[lookup.Key(name)] = i + 1
	}
	return m
}()

// weekdayNumbers maps a day's key (lookup.Key) to its ISO number, 1-7.
var weekdayNumbers = func() map[string]int {
	m := map[string]int{}
	for i, name := range weekdayNames {
		m[lookup.Key(name)] = i + 1
	}
	return m
}()
