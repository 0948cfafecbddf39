package store

import (
	"context"
	"database/sql"
	"fmt"
	"unsafe"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/filmoteca/filmoteca/engine/pyliteral"
)

// literalFunc is a DuckDB scalar function VARCHAR -> VARCHAR over Python
// literals, run a whole vector at a time: convert returns the result for one
// literal (appending to buf, which it may reuse) and whether there is one
// (false: NULL).
type literalFunc func(buf []byte, literal string) (out []byte, ok bool)

func (f literalFunc) Config() duckdb.ScalarFuncConfig {
	varchar, err := duckdb.NewTypeInfo(duckdb.TYPE_VARCHAR)
	if err != nil {
		panic(err) // a built-in type always has a TypeInfo
	}
	return duckdb.ScalarFuncConfig{InputTypeInfos: []duckdb.TypeInfo{varchar}, ResultTypeInfo: varchar}
}

func (f literalFunc) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{ScalarBinder: bindContext, ChunkContextExecutor: func(_ context.Context, state *duckdb.ChunkIteratorState) error {
		vector, err := state.GetInputChunk().GetVector(0)
		if err != nil {
			return err
		}
		input, err := duckdb.GetVectorView[string](vector)
		if err != nil {
			return err
		}
		output, err := duckdb.GetVectorWriter[string](state.GetResultVector())
		if err != nil {
			return err
		}
		var buf []byte
		for row := range input.Len() {
			literal, valid, err := input.GetValueBorrowed(row)
			if err != nil {
				return err
			}
			if !valid {
				continue // NULL in, NULL out (set by the driver after this call)
			}
			out, ok := f(buf[:0], literal)
			if !ok {
				if err := output.SetNull(row); err != nil {
					return err
				}
				continue
			}
			buf = out
			// Set copies the bytes before returning, so the string may share buf.
			//
			// NOTE: it copies them into DuckDB's memory, which counts against
			// memory_limit, and duckdb_vector_assign_string_element_len has no
			// error return: when DuckDB is out of memory there, its exception
			// unwinds through this Go frame and aborts the process (the same
			// class of crash as https://github.com/duckdb/duckdb/pull/23566,
			// fixed there for binding only). The build keeps its default limit
			// far from what it needs (docs/data.md, "How the build grows"); only
			// a --memory-limit too small for the build can still get here.
			if err := output.Set(row, unsafe.String(unsafe.SliceData(out), len(out))); err != nil {
				return err
			}
		}
		return nil
	}}
}

// bindContext gives the function its query's context at bind time.
//
// NOTE: without a binder, duckdb-go v2.10506.0 stores the context in the
// bind data lazily, from every DuckDB thread running the chunk executor at
// once: a data race (go test -race). Binding stores it once, before the
// threads start. The chunk API came with duckdb-go#159.
func bindContext(ctx context.Context, _ []duckdb.ScalarUDFArg) (context.Context, error) {
	if ctx == nil {
		return context.Background(), nil
	}
	return ctx, nil
}

// registerLiteralFunctions adds, on one connection, the two functions the
// build's SQL uses: py_literal_to_json(s) (NULL when s is not a valid
// literal) and py_literal_error(s) (why not, or NULL).
func registerLiteralFunctions(conn *sql.Conn) error {
	toJSON := literalFunc(func(buf []byte, s string) ([]byte, bool) {
		out, err := pyliteral.AppendJSON(buf, s)
		return out, err == nil
	})
	why := literalFunc(func(buf []byte, s string) ([]byte, bool) {
		if _, err := pyliteral.AppendJSON(buf, s); err != nil {
			return append(buf, err.Error()...), true
		}
		return nil, false
	})
	if err := duckdb.RegisterScalarUDF(conn, "py_literal_to_json", toJSON); err != nil {
		return fmt.Errorf("store: register py_literal_to_json: %w", err)
	}
	if err := duckdb.RegisterScalarUDF(conn, "py_literal_error", why); err != nil {
		return fmt.Errorf("store: register py_literal_error: %w", err)
	}
	return nil
}
