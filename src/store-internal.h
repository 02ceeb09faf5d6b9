/*
 * store-internal: what the files of the store module share (store.c, store-import*.c).
 *
 * Private to the store module: no other module includes this header or sqlite3.h.
 */
#ifndef ALLIED_STORE_INTERNAL_H
#define ALLIED_STORE_INTERNAL_H

#include "diag.h"
#include "store.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

struct store {
	sqlite3 *db;
	char *path;		/* for messages */
	sqlite3_stmt *career_name_q;	/* store_career_name's query, prepared once (search asks per hit) */
};

/* err = ALLIED_EDB "database 'path': what: sqlite's message"; returns ALLIED_EDB. */
int store_fail(struct store *st, struct diag *err, const char *what);
/* Run one or more statements without results. */
int store_exec(struct store *st, const char *sql, struct diag *err);
int store_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt, struct diag *err);
/* Step q to completion, then reset it and clear its bindings; what names the failure. */
int store_step_done(struct store *st, sqlite3_stmt *q, struct diag *err, const char *what);
/* Bind a value, or NULL for NULL / CAREER_UNKNOWN / NaN. Text is copied (SQLITE_TRANSIENT). */
void store_bind_text(sqlite3_stmt *q, int i, const char *s);
void store_bind_int(sqlite3_stmt *q, int i, int64_t v);
void store_bind_real(sqlite3_stmt *q, int i, double v);
/* Bind the strings of sv joined by spaces ("" when empty). */
void store_bind_joined(sqlite3_stmt *q, int i, const struct strvec *sv);
/*
 * The columns the curated training data (store.c) and the imports (store-import-schools.c)
 * write alike, bound from parameter i on; each returns the next parameter's index.
 * Institution: id, name, campus, city, state, zip, ipeds_unitid, latitude, longitude (9).
 * Program: name, careers, career_name, credential, months, schedule, accreditor, status,
 * admission, cost_usd, clinical_hours, exam_pass_pct, completion_pct, placement_pct,
 * outcomes_year (15).
 */
int store_bind_institution(sqlite3_stmt *q, int i, const struct institution *in);
int store_bind_program(sqlite3_stmt *q, int i, const struct program *p);
/* Column values: CAREER_UNKNOWN / NaN / NULL for NULL; the string is malloc'ed. */
int64_t store_col_int(sqlite3_stmt *q, int i);
double store_col_real(sqlite3_stmt *q, int i);
char *store_col_str(sqlite3_stmt *q, int i);
/*
 * Run sql with key bound to its one parameter: 1 with *q on the first row (read it, then
 * sqlite3_finalize), 0 when there is none, or the failure; *q is finalized in both of those cases.
 */
int store_one_row(struct store *st, const char *sql, const char *key, sqlite3_stmt **q, const char *what,
		  struct diag *err);

/*
 * The frame of every import: store_import_begin starts a write transaction (BEGIN IMMEDIATE);
 * store_import_end commits it when rc is 0, after recording, if changed, one more import in the
 * meta key "imports" and source under meta key source_key (NULL: none); on any failure it rolls
 * back, so the database is exactly as before. Returns rc or the failure.
 */
int store_import_begin(struct store *st, struct diag *err);
int store_import_end(struct store *st, int rc, bool changed, const char *source_key, const char *source,
		     struct diag *err);

/*
 * Inside an import's transaction: give every career whose pay_soc has a row in the wage table
 * that row's median, 10th and 90th percentile (and the capped flag), and make its pay sources
 * (BLOCK_PAY) that row's source alone; likewise every career whose outlook_soc has a row in the
 * projection table gets its employment, change, openings and entry education, and its outlook
 * sources (BLOCK_OUTLOOK) that row's source. Careers that already agree are not rewritten;
 * *changed is increased by the careers changed. For every importer that adds careers or figures.
 */
int store_apply_wages(struct store *st, size_t *changed, struct diag *err);
int store_apply_projections(struct store *st, size_t *changed, struct diag *err);
/* Add or update a source row (inside a transaction); *changed is increased when it changed. */
int store_put_source(struct store *st, const struct source *src, size_t *changed, struct diag *err);

#endif
