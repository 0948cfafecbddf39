package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// demoRequests are the seed's queries, in the order a reviewer would try them.
var demoRequests = []struct{ what, path string }{
	{"Películas estrenadas en un mes", "/cantidad_filmaciones_mes/" + url.PathEscape("enero")},
	{"Películas estrenadas en un día de la semana (con tilde)", "/cantidad_filmaciones_dia/" + url.PathEscape("sábado")},
	{"Año y popularidad de una película", "/score_titulo/" + url.PathEscape("Toy Story")},
	{"Votos de una película con más de 2000 valoraciones", "/votos_titulo/" + url.PathEscape("Toy Story")},
	{"Votos de una película con menos de 2000 valoraciones", "/votos_titulo/" + url.PathEscape("Heat")},
	{"Retorno de un actor", "/get_actor/" + url.PathEscape("Tom Hanks")},
	{"Películas de un director", "/get_director/" + url.PathEscape("John Lasseter")},
	{"Recomendaciones", "/recomendacion/" + url.PathEscape("Toy Story")},
	{"Un título mal escrito: la búsqueda lo corrige y dice qué encontró", "/score_titulo/" + url.PathEscape("Toy Stroy")},
	{"Una película que no está en los datos: sugerencias", "/score_titulo/" + url.PathEscape("Toy Story 5")},
}

// demoExplanation is the closing paragraph: how the recommender works.
const demoExplanation = `Cómo funciona la recomendación: cada película se describe con rasgos ponderados
(palabras de la sinopsis y del eslogan, géneros, colección, los tres primeros actores, la dirección,
productoras, idioma, década y palabras clave); cada rasgo pesa más cuanto más raro es. Para una película,
se compara su vector con el de todo el catálogo por similitud coseno exacta, se toman las 200 más parecidas
que comparten algún género y se ordenan por su similitud más un término propio de cada una (sus votos y su
valoración ponderada) y un extra para las de su misma época; se devuelven 5 títulos distintos, nunca la
misma película, cada uno con sus motivos.`

func runDemo(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("demo", "demo [--url http://localhost:8000]", stderr)
	base := fs.String("url", "http://localhost:8000", "address of a running `filmoteca serve`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	client := &http.Client{Timeout: 10 * time.Second}
	failures := 0
	for i, q := range demoRequests {
		target := strings.TrimSuffix(*base, "/") + q.path
		fmt.Fprintf(stdout, "%d. %s\n   GET %s\n", i+1, q.what, target)
		status, body, err := demoGet(ctx, client, target)
		if err != nil {
			return fmt.Errorf("demo: %w (is `filmoteca serve` running at %s?)", err, *base)
		}
		if status >= 500 {
			failures++
		}
		fmt.Fprintf(stdout, "   HTTP %d\n%s\n", status, indent(body, "   "))
	}
	fmt.Fprintln(stdout, demoExplanation)
	if failures > 0 {
		return fmt.Errorf("demo: %d requests failed", failures)
	}
	return nil
}

func demoGet(ctx context.Context, client *http.Client, target string) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return 0, "", err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return 0, "", err
	}
	var pretty bytes.Buffer
	if json.Indent(&pretty, raw, "", "  ") != nil {
		return resp.StatusCode, string(raw), nil
	}
	return resp.StatusCode, pretty.String(), nil
}

func indent(s, prefix string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n")
}
