/*
 * yload: YAML loading primitives (see yload.h).
 */
#include "yload.h"
#include "xmalloc.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void yload_fail(struct yload *ld, const yaml_node_t *node, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ld->n_errors++;
	if (ld->n_errors > YLOAD_MAX_ERRORS)
		return;
	if (node)
		diag_append(ld->err, ALLIED_EINVAL, "%s:%lu: %s", ld->path,
			    (unsigned long)node->start_mark.line + 1, msg);
	else
		diag_append(ld->err, ALLIED_EINVAL, "%s: %s", ld->path, msg);
}

yaml_node_t *yload_node(struct yload *ld, int index)
{
	return yaml_document_get_node(&ld->doc, index);
}

/* The scalar text of node, or NULL (with an error naming field) when it is not a scalar. */
const char *yload_scalar(struct yload *ld, yaml_node_t *node, const char *field)
{
	if (!node || node->type != YAML_SCALAR_NODE) {
		yload_fail(ld, node, "'%s' must be a single value", field);
		return NULL;
	}
	return (const char *)node->data.scalar.value;
}

/* Copy of a non-empty scalar with surrounding whitespace trimmed, or NULL after an error. */
char *yload_text(struct yload *ld, yaml_node_t *node, const char *field)
{
	const char *s = yload_scalar(ld, node, field);
	if (!s)
		return NULL;
	while (isspace((unsigned char)*s))
		s++;
	size_t len = strlen(s);
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (!len) {
		yload_fail(ld, node, "'%s' is empty", field);
		return NULL;
	}
	return xstrndup(s, len);
}

int yload_scale(struct yload *ld, yaml_node_t *node, const char *field, enum career_scale scale)
{
	const char *s = yload_scalar(ld, node, field);
	if (!s)
		return CAREER_UNKNOWN;
	int v = career_scale_parse(scale, s);
	if (v == CAREER_UNKNOWN)
		yload_fail(ld, node, "'%s' has unknown value '%s' (allowed: %s)", field, s, career_scale_list(scale));
	return v;
}

static int parse_int64(const char *s, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < 0)
		return -1;
	*out = v;
	return 0;
}

int64_t yload_count(struct yload *ld, yaml_node_t *node, const char *field)
{
	const char *s = yload_scalar(ld, node, field);
	int64_t v;
	if (!s)
		return CAREER_UNKNOWN;
	if (parse_int64(s, &v) < 0) {
		yload_fail(ld, node, "'%s' must be a whole number of 0 or more, not '%s'", field, s);
		return CAREER_UNKNOWN;
	}
	return v;
}

double yload_number(struct yload *ld, yaml_node_t *node, const char *field)
{
	const char *s = yload_scalar(ld, node, field);
	char *end;
	if (!s)
		return NAN;
	double v = strtod(s, &end);
	if (end == s || *end || !isfinite(v)) {
		yload_fail(ld, node, "'%s' must be a number, not '%s'", field, s);
		return NAN;
	}
	return v;
}

int yload_is_date(const char *s)
{
	/* YYYY, YYYY-MM or YYYY-MM-DD */
	size_t n = strlen(s);
	if (n != 4 && n != 7 && n != 10)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (!isdigit((unsigned char)s[i])) {
			return 0;
		}
	}
	return 1;
}

/* Calls fn for every item of a sequence node (a single scalar counts as a one-item list). */
void yload_each(struct yload *ld, yaml_node_t *node, const char *field,
		      void (*fn)(struct yload *, yaml_node_t *, void *), void *ctx)
{
	if (node && node->type == YAML_SCALAR_NODE) {
		fn(ld, node, ctx);
		return;
	}
	if (!node || node->type != YAML_SEQUENCE_NODE) {
		yload_fail(ld, node, "'%s' must be a list", field);
		return;
	}
	for (yaml_node_item_t *it = node->data.sequence.items.start; it < node->data.sequence.items.top; it++)
		fn(ld, yload_node(ld, *it), ctx);
}

struct strlist_ctx {
	struct strvec *out;
	const char *field;
};

static void add_string(struct yload *ld, yaml_node_t *node, void *vctx)
{
	struct strlist_ctx *ctx = vctx;
	char *s = yload_text(ld, node, ctx->field);
	if (!s)
		return;
	if (strvec_contains(ctx->out, s)) {
		yload_fail(ld, node, "'%s' lists '%s' twice", ctx->field, s);
		free(s);
		return;
	}
	strvec_push_owned(ctx->out, s);
}

void yload_strings(struct yload *ld, yaml_node_t *node, const char *field, struct strvec *out)
{
	struct strlist_ctx ctx = { out, field };
	yload_each(ld, node, field, add_string, &ctx);
}

/*
 * Mapping walker: for each key of a mapping node, find it in keys[] and call handle(index,
 * value). Unknown and repeated keys are errors; required keys are checked at the end.
 */


void yload_mapping(struct yload *ld, yaml_node_t *node, const char *what,
			 const struct yload_field *keys, size_t n_keys, yload_field_fn *handle, void *ctx)
{
	unsigned char seen[32] = { 0 };

	if (!node || node->type != YAML_MAPPING_NODE) {
		yload_fail(ld, node, "%s must be a mapping of 'key: value' lines", what);
		return;
	}
	for (yaml_node_pair_t *p = node->data.mapping.pairs.start; p < node->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yload_node(ld, p->key), *v = yload_node(ld, p->value);
		const char *name = yload_scalar(ld, k, "key");
		size_t i;
		if (!name)
			continue;
		for (i = 0; i < n_keys; i++)
			if (strcmp(keys[i].name, name) == 0)
				break;
		if (i == n_keys) {
			yload_fail(ld, k, "unknown field '%s' in %s", name, what);
			continue;
		}
		if (seen[i]++) {
			yload_fail(ld, k, "field '%s' appears twice in %s", name, what);
			continue;
		}
		handle(ld, (int)i, v, ctx);
	}
	for (size_t i = 0; i < n_keys; i++)
		if (keys[i].required && !seen[i])
			yload_fail(ld, node, "%s has no '%s'", what, keys[i].name);
}

/* ---- sources ---- */

enum { SRC_ID, SRC_TITLE, SRC_PUBLISHER, SRC_URL, SRC_AS_OF, SRC_CHECKED, SRC_LICENCE };
static const struct yload_field source_keys[] = {
	{ "id", 1 }, { "title", 1 }, { "publisher", 1 }, { "url", 1 },
	{ "as_of", 0 }, { "checked", 0 }, { "licence", 0 },
};

static void source_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct source *s = vctx;
	switch (which) {
	case SRC_ID:
		s->id = yload_text(ld, v, "id");
		break;
	case SRC_TITLE:
		s->title = yload_text(ld, v, "title");
		break;
	case SRC_PUBLISHER:
		s->publisher = yload_text(ld, v, "publisher");
		break;
	case SRC_URL:
		s->url = yload_text(ld, v, "url");
		if (s->url && strncmp(s->url, "https://", 8) && strncmp(s->url, "http://", 7))
			yload_fail(ld, v, "'url' must start with https:// or http://");
		break;
	case SRC_AS_OF:
	case SRC_CHECKED: {
		char *d = yload_text(ld, v, source_keys[which].name);
		if (d && !yload_is_date(d)) {
			yload_fail(ld, v, "'%s' must be a date like 2024-05 or 2024-05-31, not '%s'",
			     source_keys[which].name, d);
			free(d);
			d = NULL;
		}
		if (which == SRC_AS_OF)
			s->as_of = d;
		else
			s->checked = d;
		break;
	}
	case SRC_LICENCE:
		s->licence = yload_text(ld, v, "licence");
		break;
	}
}


void yload_add_source(struct yload *ld, yaml_node_t *node, void *vctx)
{
	struct yload_sources *list = vctx;
	struct source s;
	int before = ld->n_errors;

	source_init(&s);
	yload_mapping(ld, node, "a source", source_keys, sizeof(source_keys) / sizeof(source_keys[0]),
		     source_field, &s);
	if (ld->n_errors == before && !s.as_of && !s.checked)
		yload_fail(ld, node, "source '%s' needs 'as_of' (the date it gives) or 'checked' (the day we read it)", s.id);
	if (ld->n_errors == before && list->prefix && strncmp(s.id, list->prefix, strlen(list->prefix)))
		yload_fail(ld, node, "a career's own source id must start with '%s', not '%s'", list->prefix, s.id);
	if (ld->n_errors != before) {
		source_release(&s);
		return;
	}
	xgrow((void **)&list->v, &list->cap, list->n + 1, sizeof(*list->v));
	list->v[list->n++] = s;
}

int yload_parse(struct yload *ld, const char *yaml, size_t len)
{
	yaml_parser_t parser;
	int ok;

	if (!yaml_parser_initialize(&parser))
		xoom("starting the YAML parser");	/* its only failure */
	yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
	ok = yaml_parser_load(&parser, &ld->doc);
	if (!ok && parser.error == YAML_MEMORY_ERROR)
		xoom("reading YAML");	/* not a problem of the file: say so rather than "invalid YAML" */
	if (!ok) {
		ld->n_errors++;
		diag_append(ld->err, ALLIED_EINVAL, "%s:%lu:%lu: %s%s%s", ld->path,
			    (unsigned long)parser.problem_mark.line + 1,
			    (unsigned long)parser.problem_mark.column + 1,
			    parser.problem ? parser.problem : "invalid YAML",
			    parser.context ? " " : "", parser.context ? parser.context : "");
	}
	yaml_parser_delete(&parser);
	if (!ok)
		return -1;
	if (!yaml_document_get_root_node(&ld->doc)) {
		yload_fail(ld, NULL, "the file is empty");
		yaml_document_delete(&ld->doc);
		return -1;
	}
	return 0;
}

int yload_read_file(const char *path, char **data, size_t *len, struct diag *err)
{
	FILE *f = fopen(path, "rb");
	struct stat sb;
	struct buf b;
	char chunk[8192];
	size_t n;

	if (!f)
		return diag_set(err, ALLIED_EIO, "cannot open '%s': %s", path, strerror(errno));
	/* the size now, so that a regular file cut short while it is read is noticed */
	bool sized = fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode);
	buf_init(&b, 0);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	int failed = ferror(f), read_errno = errno;
	fclose(f);
	if (failed) {
		buf_release(&b);
		return diag_set(err, ALLIED_EIO, "cannot read '%s': %s", path, strerror(read_errno));
	}
	if (sized && (off_t)b.len != sb.st_size) {
		size_t got = b.len;
		buf_release(&b);
		return diag_set(err, ALLIED_EIO, "'%s' changed while it was being read (%zu of %lld bytes read)",
				path, got, (long long)sb.st_size);
	}
	*data = buf_detach(&b, len);
	buf_release(&b);
	return 0;
}

