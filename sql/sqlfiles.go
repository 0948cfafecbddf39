// Package sqlfiles embeds the numbered SQL files that build the database.
//
// Each file NNN_name.sql is one build step, applied in order to a new,
// empty database file; the build records the name and checksum of each in
// etl_steps. A step with a line "-- when: CONDITION" (anywhere in it) runs only
// when the build has that condition (keywords: the optional keywords.csv is
// among the inputs; keep_raw: etl --keep-raw). A step that says
// "-- concurrent: until NNN" runs on a connection of its own beside the
// steps after it, and step NNN waits for it; what the two connections share
// lives in the etl_scratch database (see 004_checks.sql). The
// engine/store package runs them, then the Go steps its caller passes in
// (the recommender's vectors, which fill the tables of 011_embeddings.sql).
package sqlfiles

import "embed"

// FS holds every *.sql file of this folder.
//
//go:embed *.sql
var FS embed.FS
