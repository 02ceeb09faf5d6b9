/*
 * kb: the curated knowledge base in data/, parsed and checked.
 *
 * Model layer. kb_load reads data/vocabulary.yaml, data/sources.yaml, data/careers/<id>.yaml
 * and, when present, data/quiz.yaml (the interest inventory), data/ladders.yaml (career
 * ladders) and data/training/ (programs, accreditors, state rules: training.h) with libyaml and checks every field: allowed values, required fields, references between
 * files (source ids, vocabulary ids), unique ids and names. It never touches the database; the
 * store compiles a loaded kb into SQLite. Errors name the file and line ("file:line: message");
 * up to KB_MAX_ERRORS are collected before giving up.
 */
#ifndef ALLIED_KB_H
#define ALLIED_KB_H

#include "career.h"
#include "diag.h"
#include "geo.h"
#include "ladder.h"
#include "profile.h"
#include "training.h"

#include <stddef.h>
#include <stdint.h>

#define KB_MAX_ERRORS 20

struct vocab_item {
	char *id;
	char *label;
};

struct kb {
	struct vocab_item *interests;
	size_t n_interests;
	struct vocab_item *settings;
	size_t n_settings;
	struct source *sources;		/* shared and career-local sources, in file order */
	size_t n_sources;
	struct career *careers;		/* sorted by id */
	size_t n_careers;
	struct profile_item *quiz;	/* the interest inventory (quiz.yaml), in question order */
	size_t n_quiz;
	struct specialty *specialties;	/* ladders.yaml */
	size_t n_specialties;
	struct ladder_step *steps;	/* ladders.yaml, in file order */
	size_t n_steps;
	struct training training;	/* data/training/: programs, accreditors, state rules; sources in sources */
	struct zip_table zips;		/* ZIP centroids, when the builder was given them (not from data/) */
	uint64_t content_hash;		/* FNV-1a over every file's name and bytes */
};

void kb_init(struct kb *kb);
void kb_release(struct kb *kb);

/*
 * Load and check the knowledge base under dir (normally "data"). On success kb owns
 * everything and 0 is returned. On failure returns ALLIED_EINVAL (bad contents; err holds one
 * "file:line: message" line per problem) or ALLIED_EIO (unreadable), and kb is left empty.
 */
int kb_load(const char *dir, struct kb *kb, struct diag *err);

/*
 * Parse one career from YAML text (for tests and fuzzing); name is used in messages. Checks
 * the fields of this file only, not references to other files. c must be career_init'ed;
 * returns 0 or ALLIED_EINVAL.
 */
int kb_parse_career(const char *name, const char *yaml, size_t len, struct career *c,
		    struct source **sources, size_t *n_sources, struct diag *err);

/* Fold more bytes (data compiled in beside data/, such as ZIP centroids) into kb->content_hash. */
void kb_hash_more(struct kb *kb, const char *name, const void *data, size_t len);

const struct source *kb_source(const struct kb *kb, const char *id);
const struct specialty *kb_specialty(const struct kb *kb, const char *id);

#endif
