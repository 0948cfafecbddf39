package engine

import "database/sql"

// RegisterForProbe is temporary.
func RegisterForProbe(c *sql.Conn) error { return registerLiteralFunctions(c) }
