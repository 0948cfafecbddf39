//go:build ignore

// funclen lists every Go function or method longer than the limit, counted
// from its `func` line to its closing brace inclusive; test files,
// node_modules and dot-directories are skipped. Exits 1 if any is too long.
//
//	go run .ci/funclen.go [-limit 80] [DIR]
package main

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type offender struct {
	file  string
	line  int
	name  string
	lines int
}

func main() {
	limit := flag.Int("limit", 80, "the most lines a function may have")
	flag.Parse()
	root := "."
	if flag.NArg() > 0 {
		root = flag.Arg(0)
	}
	found, err := scan(root, *limit)
	if err != nil {
		fmt.Fprintln(os.Stderr, "funclen:", err)
		os.Exit(2)
	}
	sort.Slice(found, func(i, j int) bool {
		if found[i].file != found[j].file {
			return found[i].file < found[j].file
		}
		return found[i].line < found[j].line
	})
	for _, o := range found {
		fmt.Printf("%s:%d: %s is %d lines (limit %d)\n", o.file, o.line, o.name, o.lines, *limit)
	}
	if len(found) > 0 {
		os.Exit(1)
	}
}

// scan parses every non-test .go file under root and returns the functions
// longer than limit.
func scan(root string, limit int) ([]offender, error) {
	var found []offender
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		file, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, decl := range file.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			first := fset.Position(fn.Type.Func).Line
			last := fset.Position(fn.Body.Rbrace).Line
			if n := last - first + 1; n > limit {
				found = append(found, offender{path, first, funcName(fn), n})
			}
		}
		return nil
	})
	return found, err
}

// funcName is Name for a function, (T).Name or (*T).Name for a method.
func funcName(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return fn.Name.Name
	}
	return "(" + typeName(fn.Recv.List[0].Type) + ")." + fn.Name.Name
}

func typeName(t ast.Expr) string {
	switch t := t.(type) {
	case *ast.StarExpr:
		return "*" + typeName(t.X)
	case *ast.IndexExpr: // a generic receiver: T[E]
		return typeName(t.X)
	case *ast.IndexListExpr: // T[K, V]
		return typeName(t.X)
	case *ast.Ident:
		return t.Name
	}
	return "?"
}
