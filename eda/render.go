package eda

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/render"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/filmoteca/filmoteca/eda/wordcloud"
	"github.com/filmoteca/filmoteca/engine/tabular"
)

// renderer draws a cell's result as its chart kind. outDir is the report's
// folder, for a kind that writes a file beside the page (the word cloud).
type renderer func(c Cell, cols []string, rows [][]any, outDir string) (template.HTML, error)

// renderers is the one list of chart kinds: parseCell accepts exactly these
// names, so a new kind is added here and nowhere else.
var renderers = map[string]renderer{
	"table": func(_ Cell, cols []string, rows [][]any, _ string) (template.HTML, error) {
		return renderTable(cols, rows), nil
	},
	"bar":       echart(renderBar),
	"line":      echart(renderLine),
	"scatter":   echart(renderScatter),
	"boxplot":   echart(renderBoxPlot),
	"heatmap":   echart(renderHeatMap),
	"wordcloud": renderWordCloud,
}

// renderOutput draws the cell's result with the renderer of its kind.
func renderOutput(c Cell, cols []string, rows [][]any, outDir string) (template.HTML, error) {
	draw, ok := renderers[c.Chart]
	if !ok {
		return "", fmt.Errorf("no chart %q", c.Chart)
	}
	return draw(c, cols, rows, outDir)
}

// plot is what every go-echarts kind starts from: the result and where its
// x and y columns are.
type plot struct {
	cell  Cell
	cols  []string
	rows  [][]any
	x, y  int
	chart string // the element's id: chart_ and the cell's name
}

// echart adapts a go-echarts kind to a renderer. The chart's id is the
// cell's name, so the page is the same on every run.
func echart(draw func(plot) (template.HTML, error)) renderer {
	return func(c Cell, cols []string, rows [][]any, _ string) (template.HTML, error) {
		x, y, err := columnIndexes(c, cols)
		if err != nil {
			return "", err
		}
		return draw(plot{cell: c, cols: cols, rows: rows, x: x, y: y, chart: "chart_" + c.Name})
	}
}

// Layout, in pixels. A chart is as wide as the page (1280 px on a desktop,
// 358 px on a 390 px phone) and as tall as its categories need: every
// category keeps its label, drawn whole; the browser check
// (scripts/check-report.mjs) measures them at both widths.
const (
	phonePlotWidth = 326 // a chart's grid on a 390 px phone: 358 px less its margins
	charWidth      = 7   // a 12 px label's mean character width
	labelWidth     = 150 // a category label wider than this wraps onto more lines
	lineHeight     = 15  // one line of a label
)

// esNumber, esValue and esTick are the page's functions (report.go) that
// write a number, a data item's value or an x tick label in Spanish.
var (
	esNumber = opts.FuncOpts("esNumber")
	esValue  = string(opts.FuncOpts("esValue"))
	esTick   = opts.FuncOpts("esTick")
)

// common are the options every chart shares: its size; a tooltip in
// Spanish (esTooltip, given the chart go-echarts names goecharts_ID) shown
// for an item or, trigger "axis", for the point nearest the pointer; no
// legend (one series, named by its axis); and a grid that keeps the axis
// labels inside the chart, with room for the axis names above and below and
// for what right and bottom say (bar values, a colour scale).
func (p plot) common(height, right, bottom int, trigger string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: p.chart, Width: "100%", Height: fmt.Sprintf("%dpx", height)}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: trigger, Formatter: opts.FuncOpts("esTooltip(goecharts_" + p.chart + ")")}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "8", Top: "40", Right: fmt.Sprint(right), Bottom: fmt.Sprint(bottom), ContainLabel: opts.Bool(true)}),
	}
}

// axisType makes an axis logarithmic when the cell's `log` header names it.
func (p plot) axisType(axis string) string {
	if strings.Contains(p.cell.Log, axis) {
		return "log"
	}
	return "value"
}

// valueLabels are a numeric axis's tick labels: in Spanish, and a tick
// whose label would overlap the previous one goes unlabelled (a log axis
// has one a power of ten, too many for a phone).
var valueLabels = &opts.AxisLabel{Formatter: esNumber, HideOverlap: opts.Bool(true)}

// valueXAxis is a numeric x axis, named below its ticks.
func (p plot) valueXAxis(name, axis string) opts.XAxis {
	return opts.XAxis{Name: name, Type: p.axisType(axis),
		NameLocation: "middle", NameGap: 30, AxisLabel: valueLabels}
}

// valueYAxis is a numeric y axis, named above its top.
func (p plot) valueYAxis(name, axis string) opts.YAxis {
	return opts.YAxis{Name: name, Type: p.axisType(axis), AxisLabel: valueLabels}
}

// categoryYAxis lists categories down the left, the first at the top, each
// labelled and wrapped to labelWidth; its name sits above them.
func categoryYAxis(name string, labels []string) opts.YAxis {
	return opts.YAxis{Name: name, Type: "category", Data: labels, Inverse: opts.Bool(true), NameLocation: "start",
		AxisLabel: &opts.AxisLabel{Width: labelWidth, Overflow: "break"}}
}

// axisKind says how fullLabels labels an axis.
type axisKind int

const (
	everyCategory axisKind = iota // a category axis: every category labelled
	numeric                       // a numeric axis
	someYears                     // a category axis of years: ECharts labels as many as fit
)

// fullLabels sets what go-echarts has no field for, merged into the chart
// once drawn. A category axis labels every category (interval 0, a number:
// go-echarts writes its Interval as a string), the lines of a wrapped label
// lineHeight apart. A numeric x axis keeps a gap between the tick labels it
// shows (esTick) and ends its last label at the axis, not past the chart's
// edge (containLabel misjudges a log axis's labels); so do the years, whose
// first label would meet the y axis's 0. A y axis name starts at
// the axis and runs right, so it is never cut at the chart's left edge.
func fullLabels(chart interface{ AddJSFuncStrs(...types.FuncStr) }, x, y axisKind) {
	axis := func(kind axisKind, horizontal bool) map[string]any {
		switch {
		case kind == everyCategory:
			return map[string]any{"axisLabel": map[string]any{"interval": 0, "lineHeight": lineHeight}}
		case kind == numeric && horizontal:
			return map[string]any{"axisLabel": map[string]any{"formatter": esTick, "alignMaxLabel": "right"}}
		case kind == someYears:
			return map[string]any{"axisLabel": map[string]any{"alignMinLabel": "left", "alignMaxLabel": "right"}}
		}
		return map[string]any{}
	}
	yAxis := axis(y, false)
	yAxis["nameTextStyle"] = map[string]any{"align": "left"}
	option, _ := json.Marshal(map[string]any{"xAxis": []any{axis(x, true)}, "yAxis": []any{yAxis}})
	chart.AddJSFuncStrs(types.FuncStr("%MY_ECHARTS%.setOption(" + string(option) + ");"))
}

// labelLines is how many lines the longest label takes at labelWidth.
func labelLines(labels []string) int {
	most := 1
	for _, l := range labels {
		lines, line := 1, 0
		for _, word := range strings.Fields(l) {
			n := len([]rune(word))
			if line > 0 && (line+1+n)*charWidth > labelWidth {
				lines, line = lines+1, 0
			}
			if line > 0 {
				line++
			}
			line += n
		}
		most = max(most, lines)
	}
	return most
}

// rowsHeight is the height of one row per label, each tall enough for its
// wrapped label.
func rowsHeight(labels []string) int {
	return len(labels) * max(24, labelLines(labels)*lineHeight+8)
}

// labels are the x column's values as text, one a row.
func (p plot) labels() []string {
	labels := make([]string, len(p.rows))
	for i, row := range p.rows {
		labels[i] = formatValue(p.cols[p.x], row[p.x])
	}
	return labels
}

// snippet is a chart's element followed by the script that draws it.
func snippet(chart interface{ RenderSnippet() render.ChartSnippet }) template.HTML {
	s := chart.RenderSnippet()
	return template.HTML(s.Element + s.Script)
}

// renderBar draws horizontal bars: the categories down the left, each one
// labelled whole however long, the value at the end of each bar.
func renderBar(p plot) (template.HTML, error) {
	labels := p.labels()
	data := make([]opts.BarData, len(p.rows))
	for i, row := range p.rows {
		data[i] = opts.BarData{Value: toFloat(row[p.y])}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(p.common(rowsHeight(labels)+90, 56, 40, "item"),
		charts.WithXAxisOpts(p.valueXAxis(p.cols[p.y], "x")),
		charts.WithYAxisOpts(categoryYAxis(p.cols[p.x], labels)))...)
	bar.SetXAxis(labels).XYReversal()
	bar.AddSeries(p.cols[p.y], data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right", Formatter: esValue}))
	fullLabels(bar, numeric, everyCategory)
	return snippet(bar), nil
}

// renderLine draws x's values (years) as categories along a numeric y.
func renderLine(p plot) (template.HTML, error) {
	data := make([]opts.LineData, len(p.rows))
	for i, row := range p.rows {
		data[i] = opts.LineData{Value: toFloat(row[p.y])}
	}
	line := charts.NewLine()
	line.SetGlobalOptions(append(p.common(420, 24, 40, "axis"),
		charts.WithXAxisOpts(opts.XAxis{Name: p.cols[p.x], Type: "category", NameLocation: "middle", NameGap: 30}),
		charts.WithYAxisOpts(p.valueYAxis(p.cols[p.y], "y")))...)
	line.SetXAxis(p.labels()).AddSeries(p.cols[p.y], data)
	fullLabels(line, someYears, numeric)
	return snippet(line), nil
}

func renderScatter(p plot) (template.HTML, error) {
	data := make([]opts.ScatterData, len(p.rows))
	for i, row := range p.rows {
		data[i] = opts.ScatterData{Value: []any{toFloat(row[p.x]), toFloat(row[p.y])}, SymbolSize: 4}
	}
	scatter := charts.NewScatter()
	scatter.SetGlobalOptions(append(p.common(440, 24, 40, "item"),
		charts.WithXAxisOpts(p.valueXAxis(p.cols[p.x], "x")),
		charts.WithYAxisOpts(p.valueYAxis(p.cols[p.y], "y")))...)
	scatter.AddSeries(p.cols[p.y], data)
	fullLabels(scatter, numeric, numeric)
	return snippet(scatter), nil
}

// renderBoxPlot reads min, q1, median, q3 and max (as log10) after the
// label column and draws the boxes across, one row per label.
func renderBoxPlot(p plot) (template.HTML, error) {
	labels := make([]string, len(p.rows))
	data := make([]opts.BoxPlotData, len(p.rows))
	for i, row := range p.rows {
		if len(row) < p.x+6 {
			return "", fmt.Errorf("a boxplot row needs a label then min, q1, median, q3, max")
		}
		labels[i] = formatValue(p.cols[p.x], row[p.x])
		data[i] = opts.BoxPlotData{Value: []float64{toFloat(row[p.x+1]), toFloat(row[p.x+2]), toFloat(row[p.x+3]), toFloat(row[p.x+4]), toFloat(row[p.x+5])}}
	}
	box := charts.NewBoxPlot()
	box.SetGlobalOptions(append(p.common(rowsHeight(labels)+110, 24, 40, "item"),
		charts.WithXAxisOpts(p.valueXAxis("log₁₀ del valor", "x")),
		charts.WithYAxisOpts(categoryYAxis(p.cols[p.x], labels)))...)
	box.AddSeries("log₁₀ del valor", data)
	fullLabels(box, numeric, everyCategory)
	return snippet(box), nil
}

// renderHeatMap colours the x × y grid by the value in the third column,
// written in each cell; the first y category is at the top. x's labels
// turn upright when side by side they would not fit a phone.
func renderHeatMap(p plot) (template.HTML, error) {
	if len(p.cols) < 3 {
		return "", fmt.Errorf("a heatmap needs a third column with the value")
	}
	vi := 3 - p.x - p.y // the remaining one of the first three columns
	xs, ys := categories(p.rows, p.cols[p.x], p.x), categories(p.rows, p.cols[p.y], p.y)
	data := make([]opts.HeatMapData, len(p.rows))
	lo, hi := 0.0, 0.0
	for i, row := range p.rows {
		v := toFloat(row[vi])
		if i == 0 || v < lo {
			lo = v
		}
		if i == 0 || v > hi {
			hi = v
		}
		data[i] = opts.HeatMapData{Value: [3]any{xs.index[formatValue(p.cols[p.x], row[p.x])], ys.index[formatValue(p.cols[p.y], row[p.y])], v}}
	}
	yLabels := (longest(ys.names)+1)*charWidth + 8 // the width of y's labels
	rotate, xLabels := 0.0, 20                     // x's labels' angle and height
	if len(xs.names)*(longest(xs.names)+1)*charWidth > phonePlotWidth-yLabels {
		rotate, xLabels = 90, longest(xs.names)*charWidth+8
	}
	loText, _ := spanishNumber(lo)
	hiText, _ := spanishNumber(hi)
	hm := charts.NewHeatMap()
	hm.SetGlobalOptions(append(p.common(len(ys.names)*32+xLabels+110, 24, 76, "item"),
		charts.WithXAxisOpts(opts.XAxis{Name: p.cols[p.x], Type: "category", Data: xs.names, NameLocation: "middle",
			NameGap: xLabels + 14, AxisLabel: &opts.AxisLabel{Rotate: rotate}}),
		charts.WithYAxisOpts(opts.YAxis{Name: p.cols[p.y], Type: "category", Data: ys.names, Inverse: opts.Bool(true), NameLocation: "start"}),
		charts.WithVisualMapOpts(opts.VisualMap{Min: float32(lo), Max: float32(hi), Text: []string{hiText, loText},
			Orient: "horizontal", Left: "center", Bottom: "0",
			InRange: &opts.VisualMapInRange{Color: []string{"#f7fbff", "#6baed6", "#08306b"}}}))...)
	hm.AddSeries(p.cols[vi], data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(len(p.rows) <= 100), Formatter: esValue}))
	fullLabels(hm, everyCategory, everyCategory)
	return snippet(hm), nil
}

// longest is the length, in characters, of the longest name.
func longest(names []string) int {
	n := 0
	for _, s := range names {
		n = max(n, len([]rune(s)))
	}
	return n
}

// renderWordCloud draws the (word, weight) rows as a PNG beside the page.
func renderWordCloud(c Cell, cols []string, rows [][]any, outDir string) (template.HTML, error) {
	xi, yi, err := columnIndexes(c, cols)
	if err != nil {
		return "", err
	}
	words := make([]wordcloud.Word, 0, len(rows))
	for _, row := range rows {
		words = append(words, wordcloud.Word{Text: fmt.Sprint(row[xi]), Weight: toFloat(row[yi])})
	}
	img, _, err := wordcloud.Draw(words, wordcloud.DefaultOptions())
	if err != nil {
		return "", err
	}
	var png bytes.Buffer
	if err := wordcloud.WritePNG(&png, img); err != nil {
		return "", err
	}
	name := c.Name + ".png"
	if err := os.WriteFile(filepath.Join(outDir, name), png.Bytes(), 0o644); err != nil {
		return "", err
	}
	return template.HTML(fmt.Sprintf(`<img class="wordcloud" src="%s" alt="%s" width="1200" height="700">`,
		template.HTMLEscapeString(name), template.HTMLEscapeString(c.Title))), nil
}

type categoryList struct {
	names []string
	index map[string]int
}

// categories lists the distinct values of column i, named col, in order of
// appearance.
func categories(rows [][]any, col string, i int) categoryList {
	cl := categoryList{index: map[string]int{}}
	for _, row := range rows {
		v := formatValue(col, row[i])
		if _, ok := cl.index[v]; !ok {
			cl.index[v] = len(cl.names)
			cl.names = append(cl.names, v)
		}
	}
	return cl
}

func columnIndexes(c Cell, cols []string) (x, y int, err error) {
	x, y = -1, -1
	for i, name := range cols {
		switch name {
		case c.X:
			x = i
		case c.Y:
			y = i
		}
	}
	if x < 0 || y < 0 {
		return 0, 0, fmt.Errorf("columns %q and %q not both in the result %v", c.X, c.Y, cols)
	}
	return x, y, nil
}

// renderTable writes rows as an HTML table (numbers right-aligned, in Spanish).
func renderTable(cols []string, rows [][]any) template.HTML {
	var b strings.Builder
	// The wrapper scrolls a wide table on its own, so the page fits a phone.
	b.WriteString(`<div class="table-wrap" tabindex="0" role="region" aria-label="Tabla de resultados"><table><thead><tr>`)
	for _, c := range cols {
		b.WriteString("<th>" + template.HTMLEscapeString(c) + "</th>")
	}
	b.WriteString("</tr></thead><tbody>")
	for _, row := range rows {
		b.WriteString("<tr>")
		for i, v := range row {
			class := ""
			if tabular.IsNumber(v) {
				class = ` class="num"`
			}
			text := formatValue(cols[i], v)
			if r := []rune(text); len(r) > 80 {
				text = string(r[:80]) + "…"
			}
			b.WriteString("<td" + class + ">" + template.HTMLEscapeString(text) + "</td>")
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody></table></div>")
	return template.HTML(b.String())
}

// toFloat reads a numeric value; anything else is 0.
func toFloat(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case float32:
		return float64(x)
	case int64:
		return float64(x)
	case int32:
		return float64(x)
	case int:
		return float64(x)
	case uint64:
		return float64(x)
	case *big.Int:
		f, _ := new(big.Float).SetInt(x).Float64()
		return f
	}
	f, _ := strconv.ParseFloat(fmt.Sprint(v), 64)
	return f
}
