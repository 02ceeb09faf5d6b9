/*
 * store: allied's SQLite database — the only module that includes sqlite3.h.
 *
 * Core layer. Opens databases, creates the schema, compiles a loaded knowledge base into a new
 * database file, and answers the queries the front ends need. Writers never change a database
 * in place when building: they write a temporary file beside it and rename it over the old one,
 * so a failure leaves the previous database exactly as it was. Never prints, never exits.
 */
#ifndef ALLIED_STORE_H
#define ALLIED_STORE_H

#include "catalog.h"
#include "career.h"
#include "diag.h"
#include "geo.h"
#include "kb.h"
#include "ladder.h"
#include "onet.h"
#include "profile.h"
#include "programs.h"
#include "training.h"

#include <stddef.h>
#include <stdint.h>

#define STORE_SCHEMA_VERSION 6

/* Kinds of text in the search index; a hit's rowid encodes career, kind and sequence. */
enum store_text_kind {
	TEXT_TITLE, TEXT_ALIAS, TEXT_SUMMARY, TEXT_DUTY, TEXT_IMPORTED_TITLE, TEXT_TASK, TEXT_INTEREST,
	TEXT_KIND_COUNT
};
#define STORE_HIT_CAREER(rowid) ((rowid) >> 12)
#define STORE_HIT_KIND(rowid) ((int)(((rowid) >> 9) & 7))

struct store;

enum { STORE_READ_ONLY = 0, STORE_READ_WRITE = 1, STORE_ANY_VERSION = 2 };

/*
 * Open the database at path (which must exist). *out is freed with store_close. A database
 * of another schema version is refused unless mode includes STORE_ANY_VERSION (for reading
 * its meta table only).
 */
int store_open(const char *path, int mode, struct store **out, struct diag *err);
void store_close(struct store *st);

/*
 * Compile kb into a new database at path, replacing any file there only once the new one is
 * complete (temporary file + rename). meta: origin = "build".
 */
int store_build(const char *path, const struct kb *kb, struct diag *err);

/*
 * Write image (a complete database file) to path the same atomic way, creating its directory;
 * with origin not NULL, the meta key origin is set in the new file before it replaces the old.
 */
int store_install_image(const char *path, const void *image, size_t len, const char *origin, struct diag *err);

/* A meta value (schema_version, kb_hash, origin, built_at, ...); *value is malloc'ed, or NULL if absent. */
int store_meta_get(struct store *st, const char *key, char **value, struct diag *err);
int store_meta_set(struct store *st, const char *key, const char *value, struct diag *err);

/* Fill only the vocabulary of cat (catalog_init'ed): interest areas and settings with labels. */
int store_load_vocab(struct store *st, struct catalog *cat, struct diag *err);

/* Fill cat (catalog_init'ed) with every career and the vocabulary. */
int store_load_catalog(struct store *st, struct catalog *cat, struct diag *err);

/* Load the career with this id into c (career_init'ed). ALLIED_ENOTFOUND if there is none. */
int store_get_career(struct store *st, const char *id, struct career *c, struct diag *err);

/*
 * The career that name (an id, title or alias, any case and punctuation) names exactly:
 * *id is malloc'ed. ALLIED_ENOTFOUND if none; curated careers win over imported ones.
 */
int store_resolve(struct store *st, const char *name, char **id, struct diag *err);

/* Every known name: calls fn(normalised name, career id, ctx) for each. */
int store_each_name(struct store *st, void (*fn)(const char *norm, const char *id, void *ctx), void *ctx,
		    struct diag *err);

/*
 * Rowids of search-index entries matching an FTS5 query expression, unranked. *rowids is
 * malloc'ed (free it), *n its length. A malformed expression gives ALLIED_EINVAL.
 */
int store_search_rowids(struct store *st, const char *match, int64_t **rowids, size_t *n, struct diag *err);

/* Every distinct word in the search index (for typo correction), with its document count. */
int store_search_terms(struct store *st, void (*fn)(const char *term, int64_t docs, void *ctx), void *ctx,
		       struct diag *err);

/*
 * Rebuild the list of indexed words that typo correction reads (store_search_terms) from the
 * search index. Whoever changes the index calls this in the same transaction.
 */
int store_refresh_search_terms(struct store *st, struct diag *err);

/*
 * One read transaction around many small queries (search reads a name per hit): SQLite then
 * takes its file lock once instead of once per statement. store_end_read ends it (always call it
 * after a successful store_begin_read, whatever happened between).
 */
int store_begin_read(struct store *st, struct diag *err);
void store_end_read(struct store *st);

/* The career id and title for a career number; strings are malloc'ed. */
int store_career_name(struct store *st, int64_t num, char **id, char **title, struct diag *err);

/*
 * Every institution (schools of data/training and imports), with its sources; *out has *n
 * entries without programs (institution: free each field as training_release does; use
 * store_free_institutions).
 */
int store_load_institutions(struct store *st, struct institution **out, size_t *n, struct diag *err);
void store_free_institutions(struct institution *v, size_t n);
/* One accreditor by id (*a: training.h fields, free with accreditor_release). ALLIED_ENOTFOUND if unknown. */
int store_get_accreditor(struct store *st, const char *id, struct accreditor *a, struct diag *err);
/* An accreditor's acronym (NULL when it has none) and name, malloc'ed; ALLIED_ENOTFOUND if unknown. */
int store_accreditor_name(struct store *st, const char *id, char **acronym, char **name, struct diag *err);
/*
 * Fill l (program_list_init'ed) with every program and its school. A school without
 * coordinates of its own is placed at its ZIP code's centroid (located_by_zip), when known.
 */
int store_load_programs(struct store *st, struct program_list *l, struct diag *err);
/* Up to max ZIP codes next to zip in numeric order (for "did you mean"), appended to out. */
int store_zip_neighbours(struct store *st, const char *zip, size_t max, struct strvec *out, struct diag *err);
/*
 * Add or update ZIP centroids in one transaction (BEGIN IMMEDIATE ... COMMIT; rolled back on
 * any failure); *changed counts the rows really added or changed. When any changed, the meta
 * keys imports (a count) and zips_source (source) record it, so that the database is no longer
 * replaced by a newer embedded default.
 */
int store_import_zips(struct store *st, const struct zip_table *z, const char *source, size_t *changed,
		      struct diag *err);
/* One occupation of a BLS OEWS release (wages in whole dollars a year; CAREER_UNKNOWN = not published). */
struct wage_row {
	char soc[8];			/* "31-9092" */
	char *title;
	int64_t employment, mean_usd, p10_usd, p25_usd, median_usd, p75_usd, p90_usd;
	bool p90_capped;		/* the 90th percentile is at or above the top of BLS's range (p90_usd unknown) */
};

/* One occupation of a BLS Employment Projections release (jobs, not thousands; CAREER_UNKNOWN / NAN = none). */
struct projection_row {
	char soc[8];
	char *title;
	int64_t employment_base, employment_target, openings_per_year;
	double change_pct;
	char *entry_education;		/* NULL when not given */
};

/*
 * Import a BLS release in one transaction (rolled back on any failure): add or update the
 * source row src, the rows of the wage (or projection) table, citing src->id; then apply the
 * table to the careers (store-internal.h: store_apply_wages, store_apply_projections).
 * *changed counts the source, table and career rows really added or changed; rows of other
 * codes already in the table are kept. When any changed, the meta keys imports and
 * oews_source (projections_source) record it.
 */
int store_import_wages(struct store *st, const struct source *src, const struct wage_row *v, size_t n,
		       size_t *changed, struct diag *err);
int store_import_projections(struct store *st, const struct source *src, const struct projection_row *v, size_t n,
			     size_t *changed, struct diag *err);
/*
 * Write an O*NET release (onet.h) in one transaction (rolled back on any failure). An
 * occupation that a curated career names (career.onet_soc, origin curated) only adds its
 * alternate titles (career_name kind 3, search TEXT_IMPORTED_TITLE) and tasks (search
 * TEXT_TASK) to it; any other becomes or updates a career of origin 'onet' with the release's
 * title, description, interests, job zone, tasks and alternate titles, the wages and
 * projections of its SOC code when the tables wage and projection have them, and a citation of
 * the release. Related occupations and education levels go to onet_related and onet_education.
 * Rows equal to the release are not rewritten. progress (may be NULL) is called now and then;
 * *changed counts the careers added or changed.
 */
int store_import_onet(struct store *st, const struct onet_data *d,
		      void (*progress)(void *ctx, const char *stage, size_t done, size_t total), void *ctx,
		      size_t *changed, struct diag *err);
/*
 * Imported schools and programs (store-import-schools.c). Each writes in one transaction like
 * store_import_zips, adds or updates the source row src (or sources), and counts in *changed
 * the rows really added, changed or removed, so that importing the same file again counts 0.
 */
/* A CIP 2020 code ("51.0801") with its title, and one crosswalk pair (soc "31-9092"). */
struct store_cip {
	const char *code, *title;
};
struct store_cip_soc {
	const char *cip, *soc;
};
/* Add or update CIP codes; make the crosswalk exactly pairs (pairs no longer given are removed). */
int store_import_cip(struct store *st, const struct source *src, const struct store_cip *codes, size_t n_codes,
		     const struct store_cip_soc *pairs, size_t n_pairs, size_t *changed, struct diag *err);
/*
 * Add or update IPEDS institutions (v[i].id "ipeds-UNITID", origin "ipeds"). An institution of
 * data/training (origin curated) with the same ipeds_unitid wins: no second row is made, and
 * only its address and website are filled in where it has none. *kept counts those.
 */
int store_import_institutions(struct store *st, const struct source *src, const struct institution *v, size_t n,
			      size_t *changed, size_t *kept, struct diag *err);
/*
 * Make the programs of origin (a school file's key) exactly those of v: each v[i] with origin
 * equal to origin is a school the file adds (written too); the others must already exist (only
 * their id is used). sources[k] is the source of the k-th program in v order. Programs and
 * schools of origin that the file no longer has are removed; other origins are never touched.
 */
int store_import_programs(struct store *st, const char *origin, const struct institution *v, size_t n,
			  const struct source *sources, size_t *changed, struct diag *err);
/* The institution with this id, or else (id NULL) with this IPEDS UNITID, curated first: *id_out and *origin malloc'ed. */
int store_find_institution(struct store *st, const char *id, int64_t unitid, char **id_out, char **origin,
			   struct diag *err);
/* The origin of the program with this id (*origin malloc'ed), ALLIED_ENOTFOUND if none. */
int store_program_origin(struct store *st, const char *id, char **origin, struct diag *err);
/* The ids of the programmatic accreditors, in id order, appended to out. */
int store_accreditor_ids(struct store *st, struct strvec *out, struct diag *err);
/*
 * The careers (ids, in id order) whose SOC code the CIP-SOC crosswalk maps cip to, appended to
 * out. ALLIED_ENOTFOUND when cip is not a code of the cip table.
 */
int store_cip_careers(struct store *st, const char *cip, struct strvec *out, struct diag *err);
/* The centroid of a five-digit ZIP code; ALLIED_ENOTFOUND when the database has none for it. */
int store_zip_location(struct store *st, const char *zip, double *lat, double *lon, struct diag *err);
/* The title of the career with this id (*title malloc'ed); ALLIED_ENOTFOUND if there is none. */
int store_career_title(struct store *st, const char *id, char **title, struct diag *err);
/* The sources with these ids, in the same order; *out has n entries (source_release each, free). */
int store_get_sources(struct store *st, const struct strvec *ids, struct source **out, size_t *n,
		      struct diag *err);

/* The interest inventory in question order; *items is malloc'ed, as is each text. */
int store_load_quiz(struct store *st, struct profile_item **items, size_t *n, struct diag *err);

/*
 * Fill l (ladder_init'ed) with the planner's graph: every career and specialty as a node, every
 * career's education paths as routes from the start, and every ladder step; then ladder_finish.
 */
int store_load_ladder(struct store *st, struct ladder *l, struct diag *err);

/*
 * The state licensing rules that name career_id, for every state or only for state (a
 * two-letter code) when it is not NULL, in the knowledge base's order. *out is malloc'ed:
 * state_rule_release each of the *n, then free it.
 */
int store_get_rules(struct store *st, const char *career_id, const char *state, struct state_rule **out,
		    size_t *n, struct diag *err);

/* The exam routes of career_id (national ones and every state's); free like store_get_rules. */
int store_get_exam_routes(struct store *st, const char *career_id, struct exam_route **out, size_t *n,
			  struct diag *err);

#endif
