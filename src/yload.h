/*
 * yload: the YAML loading primitives of the knowledge base (libyaml documents walked field by
 * field, with "file:line: message" errors).
 *
 * Model layer, used by kb (careers, ladders, quiz) and training (programs, accreditors, state
 * rules). Every function that reads a field reports a problem through yload_fail and returns a
 * "missing" value (NULL, CAREER_UNKNOWN, NAN); the caller checks ld->n_errors at the end, so
 * one pass reports every mistake in a file, up to YLOAD_MAX_ERRORS.
 */
#ifndef ALLIED_YLOAD_H
#define ALLIED_YLOAD_H

#include "buf.h"
#include "career.h"
#include "diag.h"

#include <stddef.h>
#include <stdint.h>
#include <yaml.h>

#define YLOAD_MAX_ERRORS 20

/* One file being loaded. doc is filled by yload_parse and freed with yaml_document_delete. */
struct yload {
	const char *path;		/* for messages */
	yaml_document_t doc;
	struct diag *err;		/* problems are appended here */
	int n_errors;
};

/* Record a problem at node's line (or the whole file when node is NULL). */
void yload_fail(struct yload *ld, const yaml_node_t *node, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Parse yaml (len bytes) into ld->doc. -1 (problem recorded) when it is not YAML or empty. */
int yload_parse(struct yload *ld, const char *yaml, size_t len);

/* Read a whole file; *data is malloc'ed. ALLIED_EIO when it cannot be read. */
int yload_read_file(const char *path, char **data, size_t *len, struct diag *err);

yaml_node_t *yload_node(struct yload *ld, int index);

/* The scalar text of node (borrowed), or NULL with a problem naming field. */
const char *yload_scalar(struct yload *ld, yaml_node_t *node, const char *field);
/* A trimmed, non-empty copy (malloc'ed) of a scalar, or NULL with a problem. */
char *yload_text(struct yload *ld, yaml_node_t *node, const char *field);
/* A value of scale by id, or CAREER_UNKNOWN with a problem listing the allowed ids. */
int yload_scale(struct yload *ld, yaml_node_t *node, const char *field, enum career_scale scale);
/* A whole number >= 0, or CAREER_UNKNOWN with a problem. */
int64_t yload_count(struct yload *ld, yaml_node_t *node, const char *field);
/* A finite number, or NAN with a problem. */
double yload_number(struct yload *ld, yaml_node_t *node, const char *field);
/* Is s a date: YYYY, YYYY-MM or YYYY-MM-DD? */
int yload_is_date(const char *s);

/* Call fn for every item of a sequence node; a single scalar counts as a one-item list. */
void yload_each(struct yload *ld, yaml_node_t *node, const char *field,
		void (*fn)(struct yload *, yaml_node_t *, void *), void *ctx);
/* Append the strings of a list (or a single scalar) to out; repeats are problems. */
void yload_strings(struct yload *ld, yaml_node_t *node, const char *field, struct strvec *out);

/* A key a mapping may have. */
struct yload_field {
	const char *name;
	int required;
};

typedef void yload_field_fn(struct yload *ld, int which, yaml_node_t *value, void *ctx);

/*
 * For each key of a mapping node, find it in keys[] (at most 32) and call handle(index, value).
 * Unknown and repeated keys are problems; so are missing required keys. what names the mapping
 * in messages ("a career").
 */
void yload_mapping(struct yload *ld, yaml_node_t *node, const char *what, const struct yload_field *keys,
		   size_t n_keys, yload_field_fn *handle, void *ctx);

/* A growing list of sources; with a prefix, every id must start with it ("career-id/"). */
struct yload_sources {
	struct source *v;
	size_t n, cap;
	const char *prefix;
};

/* yload_each callback: parse one source mapping into the struct yload_sources ctx. */
void yload_add_source(struct yload *ld, yaml_node_t *node, void *ctx);

#endif
