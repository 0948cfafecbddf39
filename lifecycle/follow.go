package lifecycle

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"github.com/filmoteca/filmoteca/engine/pipeline"
	"github.com/filmoteca/filmoteca/engine/registry"
	"github.com/filmoteca/filmoteca/engine/service"
	"github.com/filmoteca/filmoteca/server"
)

// PollEvery is how often a server reads the store's pointer: a promotion
// is served within this and the time the new build takes to load.
const PollEvery = 250 * time.Millisecond

// LoadBuild loads build id of reg off to the side, as a server swaps it
// in: its database opened read-only and read into memory, then every
// endpoint of the smoke set asked; a build that fails either is not served.
func LoadBuild(ctx context.Context, reg *registry.Registry, id, code string) (*service.Service, server.BuildInfo, error) {
	// Two builds are in memory while the new one loads: let the heap grow
	// past the usual soft limit meanwhile rather than collect all the time.
	if limit := debug.SetMemoryLimit(-1); limit < 1<<40 {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(2 * limit))
	}
	loaded, err := pipeline.Open(ctx, reg.DatabasePath(id))
	if err != nil {
		return nil, server.BuildInfo{}, err
	}
	svc, err := loaded.Service()
	if err != nil {
		return nil, server.BuildInfo{}, err
	}
	if failed := failedProbes(smoke(svc)); len(failed) > 0 {
		return nil, server.BuildInfo{}, fmt.Errorf("lifecycle: build %s does not answer its smoke set: %s", id, strings.Join(failed, ", "))
	}
	return svc, server.BuildInfo{ID: id, DataSHA256: loaded.Build.DataSHA256, Code: code}, nil
}

// Follow keeps srv serving the store's current build: it reads the pointer
// every PollEvery, and at once when reload receives (SIGHUP); a build newly
// named is loaded and checked off to the side (LoadBuild) and swapped in,
// requests in flight finishing on the build they began with. A build that
// fails to load is not swapped in: the server keeps its build, and says
// why once per build. served is the id srv serves when Follow starts.
func Follow(ctx context.Context, reg *registry.Registry, srv *server.Server, served, code string, reload <-chan struct{}, log *slog.Logger) {
	ticker := time.NewTicker(PollEvery)
	defer ticker.Stop()
	failed := "" // the last build that failed to load: not retried until named again or reload
	for {
		forced := false
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		case <-reload:
			forced, failed = true, ""
		}
		id, err := reg.CurrentID()
		if err != nil {
			if failed != "pointer" {
				log.Error("not following the store: its pointer cannot be read; serving the build as it is", "build", served, "err", err)
				srv.SwapFailed()
			}
			failed = "pointer"
			continue
		}
		if id == "" || (id == served && !forced) || id == failed {
			continue
		}
		start := time.Now()
		svc, info, err := LoadBuild(ctx, reg, id, code)
		if err != nil {
			log.Error("not swapped in: the build cannot be served; serving the previous one", "build", id, "serving", served, "err", err)
			srv.SwapFailed()
			failed = id
			continue
		}
		srv.Swap(svc, info)
		log.Info("swapped in", "build", id, "was", served, "seconds", fmt.Sprintf("%.2f", time.Since(start).Seconds()))
		served, failed = id, ""
	}
}
