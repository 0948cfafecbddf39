// Package sqlfiles embeds the numbered SQL files that build the database.
//
// Each file NNN_name.sql is one step, applied in order in its own
// transaction; engine records the version and checksum of each.
package sqlfiles

import "embed"

// FS holds every *.sql file of this folder.
//
//go:embed *.sql
var FS embed.FS
