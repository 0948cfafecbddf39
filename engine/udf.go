package engine

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"sync"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/filmoteca/filmoteca/engine/pyliteral"
)

// literalFunc is a DuckDB scalar function VARCHAR -> VARCHAR over a Python literal.
type literalFunc func(string) any

func (f literalFunc) Config() duckdb.ScalarFuncConfig {
	varchar, err := duckdb.NewTypeInfo(duckdb.TYPE_VARCHAR)
	if err != nil {
		panic(err) // a built-in type always has a TypeInfo
	}
	return duckdb.ScalarFuncConfig{
		InputTypeInfos: []duckdb.TypeInfo{varchar},
		ResultTypeInfo: varchar,
	}
}

func (f literalFunc) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(values []driver.Value) (any, error) {
		s, ok := values[0].(string)
		if !ok {
			return nil, fmt.Errorf("expected VARCHAR, got %T", values[0])
		}
		return f(s), nil
	}}
}

// buffers recycles conversion buffers across the rows DuckDB's threads convert.
var buffers = sync.Pool{New: func() any { return new([]byte) }}

// registerLiteralFunctions adds, on one connection, the two functions the
// build's SQL uses: py_literal_to_json(s) (NULL when s is not a valid literal)
// and py_literal_error(s) (why not, or NULL).
func registerLiteralFunctions(conn *sql.Conn) error {
	toJSON := literalFunc(func(s string) any {
		buf := buffers.Get().(*[]byte)
		defer buffers.Put(buf)
		out, err := pyliteral.AppendJSON((*buf)[:0], s)
		*buf = out
		if err != nil {
			return nil
		}
		return string(out)
	})
	why := literalFunc(func(s string) any {
		if _, err := pyliteral.ToJSON(s); err != nil {
			return err.Error()
		}
		return nil
	})
	if err := duckdb.RegisterScalarUDF(conn, "py_literal_to_json", toJSON); err != nil {
		return fmt.Errorf("engine: register py_literal_to_json: %w", err)
	}
	if err := duckdb.RegisterScalarUDF(conn, "py_literal_error", why); err != nil {
		return fmt.Errorf("engine: register py_literal_error: %w", err)
	}
	return nil
}
