/*
 * report: whole JSON documents, assembled from the store and the model, that the command
 * line's --json output and the HTTP API both print, so the two can never differ.
 *
 * Core layer: reads the store, never prints, never exits. The shapes are in docs/json.md.
 */
#ifndef ALLIED_REPORT_H
#define ALLIED_REPORT_H

#include "buf.h"
#include "catalog.h"
#include "diag.h"
#include "ladder.h"
#include "match.h"
#include "programs.h"
#include "store.h"

#include <jansson.h>

/* Why a flat interest profile gives no ranking (shown in place of one). */
extern const char report_flat_text[];

/*
 * The career that name (an id, title or alias) names: *id is malloc'ed. When there is none,
 * ALLIED_ENOTFOUND with a message that suggests up to three close careers.
 */
int report_resolve(struct store *st, const char *name, char **id, struct diag *err);

/* The ladder node that name names: "none", a node id, a specialty's title or any career name. */
int report_resolve_node(struct store *st, const struct ladder *l, const char *name, size_t *node,
			struct diag *err);

/* One career in full with the sources it cites (*doc: new reference), as `show --json`. */
int report_career(struct store *st, const struct career *c, const struct catalog *vocab, json_t **doc,
		  struct diag *err);

/*
 * The match document for p over cat, with at most limit results, appended to out as compact
 * JSON (jw: the bytes jansson's json_dumps would print). hits is the caller's scratch space for
 * cat->n ranked careers, so that a server can keep one per thread; nothing of p is kept.
 */
void report_match_write(struct buf *out, const struct match_prefs *p, const struct catalog *cat, size_t limit,
			struct match_hit *hits);

/* The same document read back (new reference), as `match --json` prints it. */
json_t *report_match(const struct match_prefs *p, const struct catalog *cat, size_t limit);

/*
 * The compare document (new reference) for careers c[0..n), as `compare --json`. With a
 * non-NULL p (the match view), each career also gets its match result and the document a query.
 */
int report_compare(struct store *st, const struct career *c, size_t n, const struct catalog *vocab,
		   const struct match_prefs *p, const struct catalog *cat, json_t **doc, struct diag *err);

/*
 * What it takes to work as career_id (titled title) in a state: the state rules (every state's,
 * or only state's when not NULL), the career's exam routes, and the states allied has rules for
 * (*doc: new reference; the shape is in docs/json.md, "allied rules").
 */
int report_rules(struct store *st, const char *career_id, const char *title, const char *state, json_t **doc,
		 struct diag *err);

/* The centroid of zip; when unknown, ALLIED_ENOTFOUND with the closest codes in the message. */
int report_zip_location(struct store *st, const char *zip, double *lat, double *lon, struct diag *err);

/*
 * The programs document (*doc: new reference) for hits[0..n) of l found with q, at most limit of
 * them; near_zip is the ZIP code q->lat/lon came from (or NULL), unlocated the count of programs
 * left out for want of a location. Shape: docs/json.md, "allied programs".
 */
int report_programs(struct store *st, const struct program_list *l, const struct program_query *q,
		    const char *near_zip, const struct program_hit *hits, size_t n, size_t limit, size_t unlocated,
		    json_t **doc, struct diag *err);

/*
 * The accreditation check (`allied verify`): the institution (or program) that name names, its
 * institutional accreditor and that body's recognition, and for each of its programs (for
 * career_id only, when not NULL) whether its programmatic accreditation meets what the usual
 * exam or licence asks, with a warning when it does not and "unknown" when allied does not know.
 * *doc: new reference (docs/json.md, "allied verify"). ALLIED_ENOTFOUND (with close names) when
 * no institution matches, ALLIED_EINVAL when several do.
 */
int report_verify(struct store *st, const struct program_list *programs, const char *name, const char *career_id,
		  json_t **doc, struct diag *err);

#endif
