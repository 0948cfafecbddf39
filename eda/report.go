package eda

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/filmoteca/filmoteca/engine/tabular"
)

// Options says where the report goes and where ECharts comes from.
type Options struct {
	OutDir  string // the report's folder (index.html, PNGs, assets/)
	ECharts string // path of echarts.min.js from the npm package (node_modules/echarts/dist/echarts.min.js)
	Logger  *slog.Logger
}

// Result is one cell, run.
type Result struct {
	Cell
	Columns []string
	Rows    [][]any
	Finding string
	Output  template.HTML // the chart's element and script, the table, or the image
}

// Report is what Run wrote.
type Report struct {
	Results  []Result
	Duration time.Duration
}

// Querier runs the cells' queries: store.DB.
type Querier interface {
	Query(ctx context.Context, query string, args ...any) (*tabular.Table, error)
	// QueryOver runs query with base's result as the table name.
	QueryOver(ctx context.Context, name, base, query string) (*tabular.Table, error)
}

// Run executes every cell against db and writes the report into opts.OutDir.
// The output depends only on the database: two runs write the same bytes.
func Run(ctx context.Context, db Querier, opts Options) (*Report, error) {
	start := time.Now()
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cells, err := Cells()
	if err != nil {
		return nil, err
	}
	echarts, err := os.ReadFile(opts.ECharts)
	if err != nil {
		return nil, fmt.Errorf("eda: ECharts is needed to view the report offline (run `npm ci` first): %w", err)
	}
	if err := os.MkdirAll(filepath.Join(opts.OutDir, "assets"), 0o755); err != nil {
		return nil, fmt.Errorf("eda: create %s: %w", opts.OutDir, err)
	}
	if err := os.WriteFile(filepath.Join(opts.OutDir, "assets", "echarts.min.js"), echarts, 0o644); err != nil {
		return nil, fmt.Errorf("eda: write ECharts: %w", err)
	}
	report := &Report{}
	for _, c := range cells {
		cellStart := time.Now()
		r, err := runCell(ctx, db, c, opts.OutDir)
		if err != nil {
			return nil, err
		}
		report.Results = append(report.Results, r)
		log.Info("cell", "name", c.Name, "rows", len(r.Rows), "seconds", fmt.Sprintf("%.2f", time.Since(cellStart).Seconds()))
	}
	var page bytes.Buffer
	if err := pageTemplate.Execute(&page, report.Results); err != nil {
		return nil, fmt.Errorf("eda: render page: %w", err)
	}
	if err := os.WriteFile(filepath.Join(opts.OutDir, "index.html"), page.Bytes(), 0o644); err != nil {
		return nil, fmt.Errorf("eda: write index.html: %w", err)
	}
	report.Duration = time.Since(start)
	return report, nil
}

// runCell runs a cell's query and finding and renders its output.
func runCell(ctx context.Context, db Querier, c Cell, outDir string) (Result, error) {
	r := Result{Cell: c}
	table, err := db.Query(ctx, c.SQL)
	if err != nil {
		return r, fmt.Errorf("eda: cell %s: %w", c.Name, err)
	}
	r.Columns, r.Rows = table.Columns, table.Rows
	// The finding reads the cell's own result as the table `cell`.
	finding, err := db.QueryOver(ctx, "cell", c.SQL, c.Finding)
	if err != nil {
		return r, fmt.Errorf("eda: cell %s: finding: %w", c.Name, err)
	}
	if len(finding.Rows) != 1 {
		return r, fmt.Errorf("eda: cell %s: finding: want one row, got %d", c.Name, len(finding.Rows))
	}
	if r.Finding, err = spanishSentence(finding.Columns, finding.Rows[0]); err != nil {
		return r, fmt.Errorf("eda: cell %s: finding: %w", c.Name, err)
	}
	r.Output, err = renderOutput(c, r.Columns, r.Rows, outDir)
	if err != nil {
		return r, fmt.Errorf("eda: cell %s: %w", c.Name, err)
	}
	return r, nil
}

var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>filmoteca — análisis exploratorio</title>
<script src="assets/echarts.min.js"></script>
<script>
  // Numbers in Spanish, as eda/format.go writes them: 8.000.000, 30,7.
  // The charts' ticks, labels and tooltips call these (eda/render.go).
  const esFormat = new Intl.NumberFormat("es-ES", { useGrouping: "always", maximumFractionDigits: 20 });
  function esNumber(v) { return typeof v === "number" ? esFormat.format(v) : v; }
  function esValue(p) { return esNumber(Array.isArray(p.value) ? p.value[p.value.length - 1] : p.value); }
  // An x tick label with room either side: ECharts measures the text alone
  // when it hides overlapping labels, and the ones it keeps could touch.
  function esTick(v) { return "\u2009" + esNumber(v) + "\u2009"; }
  // A chart's tooltip, with its own names: a scatter's point gives both
  // axes, a heat map's cell its row and column, a box its five numbers.
  function esTooltip(chart) {
    const h = echarts.format.encodeHTML;
    let axes;
    return (params) => {
      const p = Array.isArray(params) ? params[0] : params; // an "axis" tooltip gets a list
      axes ??= { x: chart.getOption().xAxis[0], y: chart.getOption().yAxis[0] };
      const v = p.value, last = Array.isArray(v) ? v[v.length - 1] : v;
      switch (p.seriesType) {
        case "scatter":
          return h(axes.x.name) + ": " + esNumber(v[0]) + "<br>" + h(axes.y.name) + ": " + esNumber(v[1]);
        case "heatmap":
          return p.marker + h(axes.x.data[v[0]]) + " · " + h(axes.y.data[v[1]]) + ": " + esNumber(last);
        case "boxplot":
          return h(p.name) + ["mínimo", "primer cuartil", "mediana", "tercer cuartil", "máximo"]
            .map((name, i) => "<br>" + name + ": " + esNumber(v[v.length - 5 + i])).join("");
      }
      return h(p.seriesName) + "<br>" + p.marker + h(p.name) + ": " + esNumber(last);
    };
  }
</script>
<style>
  body { font-family: system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
  section { border-top: 1px solid #ddd; padding: 1rem 0 2rem; }
  details pre { background: #f6f6f6; padding: .75rem; overflow-x: auto; }
  .finding { background: #eef6ff; border-left: 4px solid #1f4e79; padding: .5rem .75rem; }
  .table-wrap { max-width: 100%; overflow-x: auto; }
  table { border-collapse: collapse; font-size: .9rem; }
  .back { margin: 0 0 1rem; }
  @media (max-width: 40rem) {
    body { margin: 1rem auto; }
    table { font-size: .8rem; }
    th, td { padding: .2rem .3rem; max-width: 12rem; overflow-wrap: break-word; }
    td.num { white-space: nowrap; }
  }
  th, td { border: 1px solid #ddd; padding: .25rem .5rem; text-align: left; }
  td.num { text-align: right; }
  img.wordcloud { max-width: 100%; height: auto; }
</style>
</head>
<body>
<p class="back"><a href="/">← Volver a filmoteca</a></p>
<h1>filmoteca — análisis exploratorio</h1>
<p>Informe generado con <code>filmoteca eda</code> sobre la base limpia (una fila por película). Cada celda muestra por qué importa, la consulta SQL que la produjo, su resultado y un hallazgo calculado a partir de los datos.</p>
<nav><ol>{{range .}}<li><a href="#{{.Name}}">{{.Title}}</a></li>{{end}}</ol></nav>
{{range .}}<section id="{{.Name}}" class="cell" data-chart="{{.Chart}}">
<h2>{{.Title}}</h2>
<p>{{.Why}}</p>
<details><summary>SQL</summary><pre><code>{{.SQL}}</code></pre></details>
{{.Output}}
<p class="finding"><strong>Hallazgo:</strong> {{.Finding}}</p>
</section>
{{end}}<script>
  // A phone turned on its side: the charts take the new width.
  addEventListener("resize", () => document.querySelectorAll("div.item").forEach((el) => echarts.getInstanceByDom(el)?.resize()));
</script>
</body>
</html>
`))
