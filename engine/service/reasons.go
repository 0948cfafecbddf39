package service

import (
	"sort"
	"strings"

	"github.com/filmoteca/filmoteca/engine/recommend"
)

// Reasons are at most maxReasons lines, each naming at most maxNames
// shared features of one kind.
const (
	maxReasons = 4
	maxNames   = 3
)

// reasonLabels is how a reason line starts, by feature group: singular,
// plural. Language and decade are shared by too many films to explain a
// pick, so they are never named.
var reasonLabels = map[recommend.Group][2]string{
	recommend.Collection: {"misma colección", "mismas colecciones"},
	recommend.Directors:  {"misma dirección", "misma dirección"}, // whoever directs: a director or a directora
	recommend.Cast:       {"reparto", "reparto"},
	recommend.Genres:     {"género", "géneros"},
	recommend.Keywords:   {"palabra clave", "palabras clave"},
	recommend.Companies:  {"productora", "productoras"},
}

// reasons writes the motivos of a recommendation from the features the two
// films share (largest contribution first): one line per kind of feature,
// the kinds that contributed most first, e.g. "misma dirección: John
// Lasseter", "géneros: Animación, Familia".
func reasons(shared []recommend.SharedFeature) []string {
	type line struct {
		group recommend.Group
		names []string
		total float32
	}
	var lines []*line
	byGroup := map[recommend.Group]*line{}
	for _, f := range shared {
		if _, ok := reasonLabels[f.Group]; !ok {
			continue
		}
		l := byGroup[f.Group]
		if l == nil {
			l = &line{group: f.Group}
			byGroup[f.Group] = l
			lines = append(lines, l)
		}
		l.total += f.Contribution
		if len(l.names) < maxNames {
			l.names = append(l.names, displayName(f))
		}
	}
	sort.SliceStable(lines, func(a, b int) bool {
		if lines[a].total != lines[b].total {
			return lines[a].total > lines[b].total
		}
		return lines[a].group < lines[b].group
	})
	out := []string{}
	for _, l := range lines[:min(len(lines), maxReasons)] {
		label := reasonLabels[l.group][0]
		if len(l.names) > 1 {
			label = reasonLabels[l.group][1]
		}
		out = append(out, label+": "+strings.Join(l.names, ", "))
	}
	return out
}

// displayName is how a reason names a feature: a collection without
// TMDB's English " Collection" ("Toy Story Collection" is "Toy Story"):
// the rule of collection_es() in sql/009_views.sql, which the report uses.
func displayName(f recommend.SharedFeature) string {
	if f.Group == recommend.Collection {
		return strings.TrimSuffix(f.Name, " Collection")
	}
	return f.Name
}
