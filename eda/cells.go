// Package eda writes the exploratory analysis as a notebook-style HTML
// report: one cell per file of cells/, each with a heading, why it matters,
// the SQL it ran, its chart or table, and a finding computed from the data.
package eda

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:embed cells/*.sql
var cellFiles embed.FS

// Cell is one analysis, read from a file of cells/:
//
//	-- title: <heading, in Spanish>
//	-- why: <one or two sentences, in Spanish>
//	-- chart: <a kind of renderers, in render.go: table, bar, heatmap…>
//	-- x: <column>        (charts)
//	-- y: <column>        (charts; heatmaps take their value from a third column;
//	                       a boxplot's row is x then min, q1, median, q3, max)
//	-- log: x | y | xy    (optional, logarithmic axes)
//	-- finding: <SQL returning one row: a sentence with a {} for each further
//	             column, or the sentence alone; the cell's result is the table `cell`>
//	<the cell's SQL>
//
// Column names are what the reader sees (table headers, axis names): words
// in Spanish, quoted when they hold spaces. The report writes numbers in
// Spanish itself (format.go), so the SQL returns them as numbers, not text;
// a column named año, or starting "año ", holds years.
type Cell struct {
	Name, Title, Why, Chart, X, Y, Log, Finding, SQL string
}

// Cells returns the embedded cells, in file name order.
func Cells() ([]Cell, error) { return LoadCells(cellFiles, "cells") }

// LoadCells reads every .sql file of dir in fsys as a cell.
func LoadCells(fsys fs.FS, dir string) ([]Cell, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("eda: read cells: %w", err)
	}
	var cells []Cell
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".sql" {
			continue
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("eda: read %s: %w", e.Name(), err)
		}
		c, err := parseCell(strings.TrimSuffix(e.Name(), ".sql"), string(b))
		if err != nil {
			return nil, err
		}
		cells = append(cells, c)
	}
	sort.Slice(cells, func(i, j int) bool { return cells[i].Name < cells[j].Name })
	return cells, nil
}

func parseCell(name, text string) (Cell, error) {
	c := Cell{Name: name}
	var body []string
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(nil, 1<<20)
	header := true
	for sc.Scan() {
		line := sc.Text()
		if header {
			if rest, ok := strings.CutPrefix(line, "-- "); ok {
				key, value, found := strings.Cut(rest, ":")
				if found {
					if err := c.set(strings.TrimSpace(key), strings.TrimSpace(value)); err != nil {
						return c, fmt.Errorf("eda: %s: %w", name, err)
					}
					continue
				}
			}
			header = false
		}
		body = append(body, line)
	}
	c.SQL = strings.TrimSpace(strings.Join(body, "\n"))
	switch {
	case c.Title == "" || c.Why == "" || c.Finding == "" || c.SQL == "":
		return c, fmt.Errorf("eda: %s: a cell needs title, why, finding and a query", name)
	case renderers[c.Chart] == nil:
		return c, fmt.Errorf("eda: %s: unknown chart %q", name, c.Chart)
	case c.Chart != "table" && (c.X == "" || c.Y == ""):
		return c, fmt.Errorf("eda: %s: a %s needs x and y", name, c.Chart)
	}
	return c, nil
}

func (c *Cell) set(key, value string) error {
	switch key {
	case "title":
		c.Title = value
	case "why":
		c.Why = value
	case "chart":
		c.Chart = value
	case "x":
		c.X = value
	case "y":
		c.Y = value
	case "log":
		c.Log = value
	case "finding":
		c.Finding = value
	default:
		return fmt.Errorf("unknown header %q", key)
	}
	return nil
}
