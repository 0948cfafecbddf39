package lifecycle

import (
	"archive/zip"
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/filmoteca/filmoteca/engine/film"
	"github.com/filmoteca/filmoteca/engine/pipeline"
	"github.com/filmoteca/filmoteca/engine/recommend"
	"github.com/filmoteca/filmoteca/engine/service"
	"github.com/filmoteca/filmoteca/server"
)

// evalQueries is how many films the content figures are measured on: the
// same films for the two builds the gate compares (sharedQueries).
const evalQueries = 2000

// ratings are the MovieLens files a data folder may hold, to measure a
// build against what people liked.
type ratings struct {
	ratings []recommend.Rating
	links   map[int64]int64
}

// gated is a build loaded as a server would load it, to be measured.
type gated struct {
	loaded   *pipeline.Loaded
	profiles []film.Profile
	svc      *service.Service
}

// loadGated loads the database at path.
func loadGated(ctx context.Context, dbPath string) (*gated, error) {
	loaded, profiles, err := pipeline.OpenWithProfiles(ctx, dbPath)
	if err != nil {
		return nil, err
	}
	svc, err := loaded.Service()
	if err != nil {
		return nil, err
	}
	return &gated{loaded: loaded, profiles: profiles, svc: svc}, nil
}

// sharedQueries are the films the content figures are measured on: among
// the films both builds have, those first by a hash of their id, so that
// adding or removing a film changes no other film's place (a sample drawn
// by position would shift, and its figure with it).
func sharedQueries(a, b []film.Profile) []int64 {
	in := make(map[int64]bool, len(b))
	for _, p := range b {
		in[p.ID] = true
	}
	var ids []int64
	for _, p := range a {
		if in[p.ID] {
			ids = append(ids, p.ID)
		}
	}
	hash := func(id int64) uint64 {
		h := fnv.New64a()
		binary.Write(h, binary.LittleEndian, id) //nolint:errcheck // a hash's Write never fails
		return h.Sum64()
	}
	slices.SortFunc(ids, func(x, y int64) int { return cmp.Compare(hash(x), hash(y)) })
	return ids[:min(len(ids), evalQueries)]
}

// measure measures the build: its films, the recommender's content
// figures on the films queries, co-likes (when r is not nil), and the
// smoke set through the API's own handler.
func (g *gated) measure(queries []int64, r *ratings) (measures, error) {
	m := measures{Films: int64(g.loaded.Catalog.Len()), CoLikeHit: math.NaN(), Smoke: smoke(g.svc)}
	ev, err := recommend.NewEvaluation(g.profiles, g.loaded.Catalog.TitleKeys(), 0, 1)
	if err != nil {
		return m, err
	}
	pos := make(map[int64]int, len(g.profiles))
	for i, p := range g.profiles {
		pos[p.ID] = i
	}
	ev.Queries = ev.Queries[:0]
	for _, id := range queries {
		if p, ok := pos[id]; ok {
			ev.Queries = append(ev.Queries, p)
		}
	}
	slices.Sort(ev.Queries)
	model := g.svc.Method("model", g.profiles)
	content, err := ev.Run(model)
	if err != nil {
		return m, err
	}
	m.CollectionHit, m.GenrePrecision = content.CollectionHit, content.GenrePrecision
	if r != nil {
		cl := recommend.NewCoLikes(g.loaded.Vectors.IDs, r.ratings, r.links, nil, recommend.DefaultCoLikes())
		users, err := ev.RunCoLikes(model, cl)
		if err != nil {
			return m, err
		}
		m.CoLikeHit = users.Hit
	}
	return m, nil
}

// smokePaths is one request for every route of the API, made from the
// catalogue: its most voted film, its most credited actor and director.
func smokePaths(cat *film.Catalog) []string {
	paths := []string{"/cantidad_filmaciones_mes/enero", "/cantidad_filmaciones_dia/lunes", "/resumen", "/readyz"}
	movies := slices.Clone(cat.Movies())
	if len(movies) > 0 {
		top := slices.MaxFunc(movies, func(a, b film.Movie) int { return int(a.VoteCount - b.VoteCount) })
		title := url.PathEscape(top.Title) + "?anio=" + strconv.Itoa(top.Year)
		word := strings.Fields(top.Title + " x")[0]
		paths = append(paths, "/score_titulo/"+title, "/votos_titulo/"+title, "/recomendacion/"+title,
			"/buscar?q="+url.QueryEscape(word))
	}
	if actors := cat.Actors(); len(actors) > 0 {
		paths = append(paths, "/get_actor/"+url.PathEscape(actors[0].Name))
	}
	if directors := cat.Directors(); len(directors) > 0 {
		paths = append(paths, "/get_director/"+url.PathEscape(directors[0].Name))
	}
	return paths
}

// smoke asks svc every smokePaths request through the API's handler.
func smoke(svc *service.Service) []probe {
	h := server.New(svc, slog.New(slog.DiscardHandler))
	var out []probe
	for _, p := range smokePaths(svc.Catalog()) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		out = append(out, probe{Path: p, Status: rec.Code})
	}
	return out
}

// findRatings reads the MovieLens ratings and links a data folder or
// archive holds (ratings_small.csv or ratings.csv, links_small.csv or
// links.csv, as Kaggle ships them); nil when it holds none.
func findRatings(data string) (*ratings, error) {
	open := openerOf(data)
	ratingsFile, rr, err := open("ratings_small.csv", "ratings.csv")
	if err != nil || rr == nil {
		return nil, err
	}
	defer rr.Close()
	linksFile, lr, err := open("links_small.csv", "links.csv")
	if err != nil {
		return nil, err
	}
	if lr == nil {
		return nil, fmt.Errorf("lifecycle: %s has %s but no links file (links_small.csv or links.csv) to map it to TMDB ids", data, ratingsFile)
	}
	defer lr.Close()
	out := &ratings{}
	if out.ratings, err = recommend.ReadRatings(rr, ratingsFile); err != nil {
		return nil, err
	}
	if out.links, err = recommend.ReadLinks(lr, linksFile); err != nil {
		return nil, err
	}
	return out, nil
}

// openerOf opens the first of names found in data (a folder, or a zip
// archive in any folder of it); a nil reader when none is there.
func openerOf(data string) func(names ...string) (string, io.ReadCloser, error) {
	return func(names ...string) (string, io.ReadCloser, error) {
		if info, err := os.Stat(data); err == nil && info.IsDir() {
			for _, name := range names {
				p := filepath.Join(data, name)
				if f, err := os.Open(p); err == nil {
					return p, f, nil
				}
			}
			return "", nil, nil
		}
		archive, err := zip.OpenReader(data)
		if err != nil {
			return "", nil, nil // the build has checked what data is
		}
		for _, name := range names {
			for _, f := range archive.File {
				if path.Base(f.Name) == name {
					r, err := f.Open()
					if err != nil {
						archive.Close()
						return "", nil, fmt.Errorf("lifecycle: %s!%s: %w", data, f.Name, err)
					}
					return data + "!" + f.Name, closeBoth{r, archive}, nil
				}
			}
		}
		archive.Close()
		return "", nil, nil
	}
}

// closeBoth is a member's reader that also closes its archive.
type closeBoth struct {
	io.ReadCloser
	archive io.Closer
}

func (c closeBoth) Close() error {
	c.ReadCloser.Close()
	return c.archive.Close()
}
