/*
 * render: careers, search results and sources as JSON documents (jansson).
 *
 * Core layer, pure: builds json_t values from the model, never prints. The command line's
 * --json output and the HTTP API use these same functions, so their shapes are identical; the
 * shapes are documented in docs/json.md. Unknown values are JSON null, never a made-up default.
 */
#ifndef ALLIED_RENDER_H
#define ALLIED_RENDER_H

#include "catalog.h"
#include "career.h"
#include "jw.h"
#include "ladder.h"
#include "match.h"
#include "profile.h"
#include "search.h"

#include <jansson.h>

/* The O*NET attribution that must accompany O*NET data (CC BY 4.0). */
extern const char render_onet_attribution[];

/* A career's summary fields, as listed by `allied careers` (new reference). */
json_t *render_brief(const struct career_brief *b, const struct catalog *vocab);
/*
 * The briefs of cat->v[idx[0..n)] in group order, careers without a group (imported from O*NET)
 * last: a new JSON array.
 */
json_t *render_briefs(const struct catalog *cat, const size_t *idx, size_t n);
/*
 * O*NET's attribution naming the O*NET releases among sources (by their titles, "O*NET 29.0
 * Database"), or render_onet_attribution when none is named. malloc'ed.
 */
char *render_onet_credit(const struct source *sources, size_t n);

/*
 * Everything known about one career (new reference): the brief fields plus every block, with
 * the sources it cites (sources[0..n_sources)). vocab supplies the labels of settings and
 * interests.
 */
json_t *render_career(const struct career *c, const struct source *sources, size_t n_sources,
		      const struct catalog *vocab);

/* A search result (new reference). */
json_t *render_search(const char *query, const struct search_result *r);

/* A source (new reference). */
json_t *render_source(const struct source *s);

/*
 * The match documents (report_match's parts) are written with jw, which prints what jansson
 * prints (jw.h); the json_t versions below read those bytes back, so there is one definition.
 */

/* An interest profile's scores, code and flags, as one object. */
void render_profile_write(struct jw *w, const struct profile *p);

/*
 * The limits and preferences of a match, each with a sentence: the members "limits",
 * "preferences", "part_time" and "part_time_factor", without the braces around them (the
 * match document goes on with more members).
 */
void render_match_query_members(struct jw *w, const struct match_prefs *p, const struct catalog *cat);

/* The same members as one object (new reference). */
json_t *render_match_query(const struct match_prefs *p, const struct catalog *cat);

/*
 * One career with its score, fit and reasons, as one object; rank counts from 1, 0 for none
 * (the compare view). A career that misses a limit has fit "fails-limits".
 */
void render_match_write(struct jw *w, const struct match_prefs *p, const struct catalog *cat,
			const struct match_result *r, size_t rank);

/* The same object (new reference). */
json_t *render_match(const struct match_prefs *p, const struct catalog *cat, const struct match_result *r,
		     size_t rank);

/* A planned route from node from to node to (new reference). */
json_t *render_plan(const struct ladder *l, size_t from, size_t to, const struct ladder_options *o,
		    const struct ladder_plan *plan);

/*
 * The ladder steps (not education paths) out of node ("next") and into it ("previous"), each
 * with its length, credential, exam, licence and sources (new reference).
 */
json_t *render_ladder(const struct ladder *l, size_t node);

#endif
