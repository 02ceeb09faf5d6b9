/*
 * kb: load and check the curated knowledge base (see kb.h).
 *
 * Each file is parsed into a libyaml document, whose nodes carry their line numbers, and then
 * walked field by field. Unknown keys are errors, so a misspelt field never silently vanishes.
 */
#include "kb.h"
#include "text.h"
#include "xmalloc.h"
#include "yload.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

_Static_assert(KB_MAX_ERRORS == YLOAD_MAX_ERRORS, "kb and yload count errors alike");

static int is_soc(const char *s, int with_detail)
{
	/* 29-2052 or, with detail, 29-2052.00 */
	size_t n = strlen(s);
	if (n != (with_detail ? 10u : 7u))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (i == 2) {
			if (s[i] != '-')
				return 0;
		} else if (i == 7) {
			if (s[i] != '.')
				return 0;
		} else if (!isdigit((unsigned char)s[i])) {
			return 0;
		}
	}
	return 1;
}

static char *soc_field(struct yload *ld, yaml_node_t *node, const char *field, int with_detail)
{
	char *s = yload_text(ld, node, field);
	if (s && !is_soc(s, with_detail)) {
		yload_fail(ld, node, "'%s' must look like %s, not '%s'", field,
		     with_detail ? "29-2052.00" : "29-2052", s);
		free(s);
		return NULL;
	}
	return s;
}

/* ---- careers ---- */

enum {
	F_ID, F_TITLE, F_GROUP, F_SOC, F_ONET, F_ALIASES, F_SUMMARY, F_DUTIES, F_WORK, F_INTERESTS,
	F_EDUCATION, F_CERTS, F_REGULATION, F_PAY, F_OUTLOOK, F_INTEREST_PROFILE, F_SOURCES
};
static const struct yload_field career_keys[] = {
	{ "id", 1 }, { "title", 1 }, { "group", 1 }, { "soc", 1 }, { "onet_soc", 1 },
	{ "aliases", 0 }, { "summary", 1 }, { "duties", 1 }, { "work", 0 }, { "interests", 0 },
	{ "education", 0 }, { "certifications", 0 }, { "regulation", 0 }, { "pay", 0 },
	{ "outlook", 0 }, { "interest_profile", 0 }, { "sources", 0 },
};

struct career_ctx {
	struct career *c;
	struct yload_sources *sources;
	yaml_node_t *sources_node;
	enum career_block block;	/* the block being read, for 'source' fields */
};

static void block_sources(struct yload *ld, yaml_node_t *v, struct career_ctx *ctx)
{
	yload_strings(ld, v, "source", &ctx->c->block_sources[ctx->block]);
}

enum { W_CONTACT, W_BLOOD, W_PHYSICAL, W_SHIFTS, W_REMOTE, W_SETTINGS, W_SOURCE };
static const struct yload_field work_keys[] = {
	{ "patient_contact", 0 }, { "blood", 0 }, { "physical", 0 }, { "shifts", 0 },
	{ "remote", 0 }, { "settings", 0 }, { "source", 1 },
};

static void add_shift(struct yload *ld, yaml_node_t *node, void *vctx)
{
	unsigned *mask = vctx;
	int s = yload_scale(ld, node, "shifts", SCALE_SHIFT);
	if (s != CAREER_UNKNOWN)
		*mask |= 1u << s;
}

static void work_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct career_ctx *ctx = vctx;
	struct career *c = ctx->c;
	switch (which) {
	case W_CONTACT:
		c->patient_contact = yload_scale(ld, v, "patient_contact", SCALE_CONTACT);
		break;
	case W_BLOOD:
		c->blood = yload_scale(ld, v, "blood", SCALE_BLOOD);
		break;
	case W_PHYSICAL:
		c->physical = yload_scale(ld, v, "physical", SCALE_PHYSICAL);
		break;
	case W_SHIFTS:
		yload_each(ld, v, "shifts", add_shift, &c->shifts);
		break;
	case W_REMOTE:
		c->remote = yload_scale(ld, v, "remote", SCALE_REMOTE);
		break;
	case W_SETTINGS:
		yload_strings(ld, v, "settings", &c->settings);
		break;
	case W_SOURCE:
		block_sources(ld, v, ctx);
		break;
	}
}

/* months: a number or [min, max] */
static void months_field(struct yload *ld, yaml_node_t *v, int *out_lo, int *out_hi)
{
	int64_t lo, hi;
	if (v && v->type == YAML_SEQUENCE_NODE) {
		yaml_node_item_t *it = v->data.sequence.items.start;
		if (v->data.sequence.items.top - it != 2) {
			yload_fail(ld, v, "'months' must be one number or [min, max]");
			return;
		}
		lo = yload_count(ld, yload_node(ld, it[0]), "months");
		hi = yload_count(ld, yload_node(ld, it[1]), "months");
	} else {
		lo = hi = yload_count(ld, v, "months");
	}
	if (lo == CAREER_UNKNOWN || hi == CAREER_UNKNOWN)
		return;
	if (lo > hi || hi > 240) {
		yload_fail(ld, v, "'months' range [%lld, %lld] is not a range of 0 to 240 months",
		     (long long)lo, (long long)hi);
		return;
	}
	*out_lo = (int)lo;
	*out_hi = (int)hi;
}

enum { P_CREDENTIAL, P_MONTHS, P_NOTE };
static const struct yload_field path_keys[] = { { "credential", 1 }, { "months", 0 }, { "note", 0 } };

static void path_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct career_path *p = vctx;
	switch (which) {
	case P_CREDENTIAL:
		p->credential = yload_scale(ld, v, "credential", SCALE_CREDENTIAL);
		break;
	case P_MONTHS:
		months_field(ld, v, &p->months_min, &p->months_max);
		break;
	case P_NOTE:
		p->note = yload_text(ld, v, "note");
		break;
	}
}

static void add_path(struct yload *ld, yaml_node_t *node, void *vctx)
{
	struct career *c = vctx;
	struct career_path p = { CAREER_UNKNOWN, CAREER_UNKNOWN, CAREER_UNKNOWN, NULL };
	yload_mapping(ld, node, "an education path", path_keys, sizeof(path_keys) / sizeof(path_keys[0]),
		     path_field, &p);
	size_t cap = c->n_paths;
	xgrow((void **)&c->paths, &cap, c->n_paths + 1, sizeof(*c->paths));
	c->paths[c->n_paths++] = p;
}

enum { E_ENTRY, E_PATHS, E_SOURCE };
static const struct yload_field edu_keys[] = { { "entry", 0 }, { "paths", 1 }, { "source", 1 } };

static void edu_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct career_ctx *ctx = vctx;
	switch (which) {
	case E_ENTRY:
		ctx->c->entry_credential = yload_scale(ld, v, "entry", SCALE_CREDENTIAL);
		break;
	case E_PATHS:
		yload_each(ld, v, "paths", add_path, ctx->c);
		break;
	case E_SOURCE:
		block_sources(ld, v, ctx);
		break;
	}
}

enum { C_NAME, C_BODY, C_KIND, C_REQUIRED };
static const struct yload_field cert_keys[] = {
	{ "name", 1 }, { "body", 0 }, { "kind", 1 }, { "required", 1 },
};

static void cert_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct career_cert *cert = vctx;
	switch (which) {
	case C_NAME:
		cert->name = yload_text(ld, v, "name");
		break;
	case C_BODY:
		cert->body = yload_text(ld, v, "body");
		break;
	case C_KIND:
		cert->kind = yload_scale(ld, v, "kind", SCALE_CERT_KIND);
		break;
	case C_REQUIRED:
		cert->required = yload_scale(ld, v, "required", SCALE_REQUIRED);
		break;
	}
}

static void add_cert(struct yload *ld, yaml_node_t *node, void *vctx)
{
	struct career *c = vctx;
	struct career_cert cert = { NULL, NULL, CAREER_UNKNOWN, CAREER_UNKNOWN };
	yload_mapping(ld, node, "a certification", cert_keys, sizeof(cert_keys) / sizeof(cert_keys[0]),
		     cert_field, &cert);
	size_t cap = c->n_certs;
	xgrow((void **)&c->certs, &cap, c->n_certs + 1, sizeof(*c->certs));
	c->certs[c->n_certs++] = cert;
}

enum { CS_LIST, CS_SOURCE };
static const struct yload_field certs_keys[] = { { "list", 1 }, { "source", 1 } };

static void certs_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct career_ctx *ctx = vctx;
	if (which == CS_LIST)
		yload_each(ld, v, "list", add_cert, ctx->c);
	else
		block_sources(ld, v, ctx);
}

enum { R_REGULATED, R_NOTE, R_SOURCE };
static const struct yload_field reg_keys[] = { { "state_regulated", 1 }, { "note", 0 }, { "source", 1 } };

static void reg_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct career_ctx *ctx = vctx;
	switch (which) {
	case R_REGULATED:
		ctx->c->regulated = yload_scale(ld, v, "state_regulated", SCALE_REGULATED);
		break;
	case R_NOTE:
		ctx->c->regulation_note = yload_text(ld, v, "note");
		break;
	case R_SOURCE:
		block_sources(ld, v, ctx);
		break;
	}
}

enum { PAY_SOC, PAY_MEDIAN, PAY_P10, PAY_P90, PAY_P90_CAPPED, PAY_SOURCE };
static const struct yload_field pay_keys[] = {
	{ "soc", 1 }, { "median_usd", 0 }, { "p10_usd", 0 }, { "p90_usd", 0 },
	{ "p90_capped", 0 }, { "source", 1 },
};

static void pay_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct career_ctx *ctx = vctx;
	struct career *c = ctx->c;
	switch (which) {
	case PAY_SOC:
		c->pay_soc = soc_field(ld, v, "soc", 0);
		break;
	case PAY_MEDIAN:
		c->wage_median_usd = yload_count(ld, v, "median_usd");
		break;
	case PAY_P10:
		c->wage_p10_usd = yload_count(ld, v, "p10_usd");
		break;
	case PAY_P90:
		c->wage_p90_usd = yload_count(ld, v, "p90_usd");
		break;
	case PAY_P90_CAPPED: {
		const char *s = yload_scalar(ld, v, "p90_capped");
		if (s && strcmp(s, "true") && strcmp(s, "false"))
			yload_fail(ld, v, "'p90_capped' must be true or false");
		c->wage_p90_capped = s && strcmp(s, "true") == 0;
		break;
	}
	case PAY_SOURCE:
		block_sources(ld, v, ctx);
		break;
	}
}

enum { O_SOC, O_EMP24, O_EMP34, O_CHANGE, O_OPENINGS, O_ENTRY, O_SOURCE };
static const struct yload_field outlook_keys[] = {
	{ "soc", 1 }, { "employment_2024", 0 }, { "employment_2034", 0 }, { "change_pct", 0 },
	{ "openings_per_year", 0 }, { "entry_education", 0 }, { "source", 1 },
};

static void outlook_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct career_ctx *ctx = vctx;
	struct career *c = ctx->c;
	switch (which) {
	case O_SOC:
		c->outlook_soc = soc_field(ld, v, "soc", 0);
		break;
	case O_EMP24:
		c->employment_2024 = yload_count(ld, v, "employment_2024");
		break;
	case O_EMP34:
		c->employment_2034 = yload_count(ld, v, "employment_2034");
		break;
	case O_CHANGE:
		c->change_pct = yload_number(ld, v, "change_pct");
		break;
	case O_OPENINGS:
		c->openings_per_year = yload_count(ld, v, "openings_per_year");
		break;
	case O_ENTRY:
		c->entry_education = yload_text(ld, v, "entry_education");
		break;
	case O_SOURCE:
		block_sources(ld, v, ctx);
		break;
	}
}

enum { I_ONET, I_CODE, I_R, I_I, I_A, I_S, I_E, I_C, I_SOURCE };
static const struct yload_field interest_keys[] = {
	{ "onet_soc", 1 }, { "code", 0 }, { "realistic", 1 }, { "investigative", 1 },
	{ "artistic", 1 }, { "social", 1 }, { "enterprising", 1 }, { "conventional", 1 },
	{ "source", 1 },
};

static void interest_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct career_ctx *ctx = vctx;
	struct career *c = ctx->c;
	if (which == I_ONET) {
		c->interest_onet_soc = soc_field(ld, v, "onet_soc", 1);
	} else if (which == I_CODE) {
		const char *s = yload_scalar(ld, v, "code");
		size_t n = s ? strlen(s) : 0;
		if (!s)
			return;
		if (n < 1 || n > 3 || strspn(s, "RIASEC") != n) {
			yload_fail(ld, v, "'code' must be one to three of the letters R I A S E C, not '%s'", s);
			return;
		}
		memcpy(c->interest_code, s, n + 1);
	} else if (which == I_SOURCE) {
		block_sources(ld, v, ctx);
	} else {
		const char *name = interest_keys[which].name;
		double x = yload_number(ld, v, name);
		if (!isnan(x) && (x < 1.0 || x > 7.0)) {
			yload_fail(ld, v, "'%s' must be on O*NET's 1 to 7 scale, not %g", name, x);
			return;
		}
		c->riasec[which - I_R] = x;
	}
}

static void sub_block(struct yload *ld, yaml_node_t *v, struct career_ctx *ctx, enum career_block block,
		      const char *what, const struct yload_field *keys, size_t n, yload_field_fn *fn)
{
	ctx->block = block;
	yload_mapping(ld, v, what, keys, n, fn, ctx);
}

#define SUB(block, what, keys, fn) sub_block(ld, v, ctx, block, what, keys, sizeof(keys) / sizeof(keys[0]), fn)

static void career_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct career_ctx *ctx = vctx;
	struct career *c = ctx->c;
	switch (which) {
	case F_ID:
		c->id = yload_text(ld, v, "id");
		if (c->id && !text_is_slug(c->id))
			yload_fail(ld, v, "'id' must be lower-case letters, digits and '-', not '%s'", c->id);
		break;
	case F_TITLE:
		c->title = yload_text(ld, v, "title");
		break;
	case F_GROUP:
		c->group = yload_scale(ld, v, "group", SCALE_GROUP);
		break;
	case F_SOC:
		c->soc = soc_field(ld, v, "soc", 0);
		break;
	case F_ONET:
		c->onet_soc = soc_field(ld, v, "onet_soc", 1);
		break;
	case F_ALIASES:
		yload_strings(ld, v, "aliases", &c->aliases);
		break;
	case F_SUMMARY:
		c->summary = yload_text(ld, v, "summary");
		break;
	case F_DUTIES:
		yload_strings(ld, v, "duties", &c->duties);
		if (c->duties.n && (c->duties.n < 3 || c->duties.n > 6))
			yload_fail(ld, v, "'duties' lists %zu items; write 3 to 6", c->duties.n);
		break;
	case F_WORK:
		SUB(BLOCK_WORK, "'work'", work_keys, work_field);
		break;
	case F_INTERESTS:
		yload_strings(ld, v, "interests", &c->interests);
		break;
	case F_EDUCATION:
		SUB(BLOCK_EDUCATION, "'education'", edu_keys, edu_field);
		break;
	case F_CERTS:
		SUB(BLOCK_CERTIFICATIONS, "'certifications'", certs_keys, certs_field);
		break;
	case F_REGULATION:
		SUB(BLOCK_REGULATION, "'regulation'", reg_keys, reg_field);
		break;
	case F_PAY:
		SUB(BLOCK_PAY, "'pay'", pay_keys, pay_field);
		break;
	case F_OUTLOOK:
		SUB(BLOCK_OUTLOOK, "'outlook'", outlook_keys, outlook_field);
		break;
	case F_INTEREST_PROFILE:
		SUB(BLOCK_INTERESTS, "'interest_profile'", interest_keys, interest_field);
		break;
	case F_SOURCES:
		ctx->sources_node = v;	/* read after the id is known, for the prefix check */
		break;
	}
}

/* ---- documents ---- */

static void check_career(struct yload *ld, yaml_node_t *root, struct career *c)
{
	if (c->n_paths && c->entry_credential != CAREER_UNKNOWN) {
		size_t i;
		for (i = 0; i < c->n_paths; i++)
			if (c->paths[i].credential == c->entry_credential)
				break;
		if (i == c->n_paths)
			yload_fail(ld, root, "education 'entry' is '%s' but no path has that credential",
			     career_scale_id(SCALE_CREDENTIAL, c->entry_credential));
	}
}

int kb_parse_career(const char *name, const char *yaml, size_t len, struct career *c,
		    struct source **sources, size_t *n_sources, struct diag *err)
{
	struct yload ld = { .path = name, .err = err };
	struct yload_sources list = { NULL, 0, 0, NULL };
	struct career_ctx ctx = { c, &list, NULL, BLOCK_WORK };

	if (yload_parse(&ld, yaml, len) < 0)
		return ALLIED_EINVAL;
	yaml_node_t *root = yaml_document_get_root_node(&ld.doc);
	yload_mapping(&ld, root, "a career", career_keys, sizeof(career_keys) / sizeof(career_keys[0]),
		     career_field, &ctx);
	if (ctx.sources_node && c->id) {
		char *prefix = xasprintf("%s/", c->id);
		list.prefix = prefix;
		yload_each(&ld, ctx.sources_node, "sources", yload_add_source, &list);
		free(prefix);
	}
	check_career(&ld, root, c);
	yaml_document_delete(&ld.doc);
	*sources = list.v;
	*n_sources = list.n;
	if (ld.n_errors > KB_MAX_ERRORS)
		diag_append(err, ALLIED_EINVAL, "%s: %d more errors", name, ld.n_errors - KB_MAX_ERRORS);
	return ld.n_errors ? ALLIED_EINVAL : 0;
}

/* ---- files ---- */

static uint64_t fnv1a(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static void hash_file(struct kb *kb, const char *name, const char *data, size_t len)
{
	kb->content_hash = fnv1a(kb->content_hash, name, strlen(name) + 1);
	kb->content_hash = fnv1a(kb->content_hash, data, len);
}

enum { V_INTERESTS, V_SETTINGS };
static const struct yload_field vocab_keys[] = { { "interests", 1 }, { "settings", 1 } };
static const struct yload_field item_keys[] = { { "id", 1 }, { "label", 1 } };

struct vocab_list {
	struct vocab_item **v;
	size_t *n;
	size_t cap;
};

static void item_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct vocab_item *it = vctx;
	if (which == 0) {
		it->id = yload_text(ld, v, "id");
		if (it->id && !text_is_slug(it->id))
			yload_fail(ld, v, "'id' must be lower-case letters, digits and '-', not '%s'", it->id);
	} else {
		it->label = yload_text(ld, v, "label");
	}
}

static void add_vocab_item(struct yload *ld, yaml_node_t *node, void *vctx)
{
	struct vocab_list *list = vctx;
	struct vocab_item it = { NULL, NULL };
	yload_mapping(ld, node, "a vocabulary entry", item_keys, 2, item_field, &it);
	for (size_t i = 0; it.id && i < *list->n; i++)
		if ((*list->v)[i].id && strcmp((*list->v)[i].id, it.id) == 0)
			yload_fail(ld, node, "id '%s' appears twice", it.id);
	xgrow((void **)list->v, &list->cap, *list->n + 1, sizeof(**list->v));
	(*list->v)[(*list->n)++] = it;
}

static void vocab_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct kb *kb = vctx;
	struct vocab_list list;
	if (which == V_INTERESTS)
		list = (struct vocab_list){ &kb->interests, &kb->n_interests, 0 };
	else
		list = (struct vocab_list){ &kb->settings, &kb->n_settings, 0 };
	yload_each(ld, v, vocab_keys[which].name, add_vocab_item, &list);
	if (*list.n > 64)
		yload_fail(ld, v, "at most 64 %s are supported", vocab_keys[which].name);
}

static int load_vocabulary(const char *dir, struct kb *kb, struct diag *err, int *n_errors)
{
	char *path = xasprintf("%s/vocabulary.yaml", dir), *data;
	size_t len;
	struct yload ld = { .path = path, .err = err };

	if (yload_read_file(path, &data, &len, err) < 0) {
		free(path);
		return ALLIED_EIO;
	}
	hash_file(kb, "vocabulary.yaml", data, len);
	if (yload_parse(&ld, data, len) == 0) {
		yload_mapping(&ld, yaml_document_get_root_node(&ld.doc), "vocabulary.yaml", vocab_keys, 2,
			     vocab_field, kb);
		yaml_document_delete(&ld.doc);
	}
	free(data);
	free(path);
	*n_errors += ld.n_errors;
	return 0;
}

static int load_sources(const char *dir, struct kb *kb, struct diag *err, int *n_errors)
{
	char *path = xasprintf("%s/sources.yaml", dir), *data;
	size_t len;
	struct yload ld = { .path = path, .err = err };
	struct yload_sources list = { NULL, 0, 0, NULL };

	if (yload_read_file(path, &data, &len, err) < 0) {
		free(path);
		return ALLIED_EIO;
	}
	hash_file(kb, "sources.yaml", data, len);
	if (yload_parse(&ld, data, len) == 0) {
		yload_each(&ld, yaml_document_get_root_node(&ld.doc), "sources.yaml", yload_add_source, &list);
		yaml_document_delete(&ld.doc);
	}
	kb->sources = list.v;
	kb->n_sources = list.n;
	free(data);
	free(path);
	*n_errors += ld.n_errors;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_careers(const char *dir, struct strvec *names, struct diag *err)
{
	char *path = xasprintf("%s/careers", dir);
	DIR *d = opendir(path);
	struct dirent *e;

	if (!d) {
		diag_set(err, ALLIED_EIO, "cannot open '%s': %s", path, strerror(errno));
		free(path);
		return ALLIED_EIO;
	}
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0 && e->d_name[0] != '.')
			strvec_push(names, e->d_name);
	}
	closedir(d);
	free(path);
	qsort(names->v, names->n, sizeof(*names->v), cmp_str);
	return 0;
}

/* ---- the interest inventory: quiz.yaml ---- */

/* Parse a whole optional file under dir; *present is 0 when it does not exist. */
static int load_optional(const char *dir, const char *name, struct kb *kb, struct yload *ld, char **path,
			 int *present, struct diag *err)
{
	char *data;
	size_t len;

	*path = xasprintf("%s/%s", dir, name);
	ld->path = *path;
	ld->err = err;
	*present = 0;
	if (access(*path, F_OK) != 0)
		return 0;
	if (yload_read_file(*path, &data, &len, err) < 0)
		return ALLIED_EIO;
	hash_file(kb, name, data, len);
	*present = yload_parse(ld, data, len) == 0;
	free(data);
	return 0;
}

enum { Q_AREA, Q_TEXT };
static const struct yload_field quiz_item_keys[] = { { "area", 1 }, { "text", 1 } };

static void quiz_item_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct profile_item *it = vctx;
	if (which == Q_TEXT) {
		it->text = yload_text(ld, v, "text");
		return;
	}
	const char *s = yload_scalar(ld, v, "area");
	if (s && (it->area = profile_area_parse(s)) < 0)
		yload_fail(ld, v, "'area' has unknown value '%s' (allowed: realistic, investigative, artistic, social, "
		     "enterprising, conventional)", s);
}

static void add_quiz_item(struct yload *ld, yaml_node_t *node, void *vctx)
{
	struct kb *kb = vctx;
	struct profile_item it = { -1, NULL };
	size_t cap = kb->n_quiz;

	yload_mapping(ld, node, "a quiz item", quiz_item_keys, 2, quiz_item_field, &it);
	if (kb->n_quiz == PROFILE_MAX_ITEMS)
		yload_fail(ld, node, "the quiz can have at most %d items", PROFILE_MAX_ITEMS);
	if (it.area < 0 || !it.text || kb->n_quiz == PROFILE_MAX_ITEMS) {
		free(it.text);
		return;
	}
	xgrow((void **)&kb->quiz, &cap, kb->n_quiz + 1, sizeof(*kb->quiz));
	kb->quiz[kb->n_quiz++] = it;
}

static void quiz_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	(void)which;
	yload_each(ld, v, "items", add_quiz_item, vctx);
}

static int load_quiz(const char *dir, struct kb *kb, struct diag *err, int *n_errors)
{
	static const struct yload_field keys[] = { { "items", 1 } };
	struct yload ld = { 0 };
	char *path;
	int present, rc = load_optional(dir, "quiz.yaml", kb, &ld, &path, &present, err);

	if (rc == 0 && present) {
		yaml_node_t *root = yaml_document_get_root_node(&ld.doc);
		yload_mapping(&ld, root, "quiz.yaml", keys, 1, quiz_field, kb);
		for (int a = 0; a < RIASEC_COUNT && ld.n_errors == 0; a++) {
			size_t k;
			for (k = 0; k < kb->n_quiz && kb->quiz[k].area != a; k++)
				;
			if (k == kb->n_quiz)
				yload_fail(&ld, root, "the quiz has no item for the %s area", career_riasec_names[a]);
		}
		yaml_document_delete(&ld.doc);
	}
	free(path);
	*n_errors += ld.n_errors;
	return rc;
}

/* ---- career ladders: ladders.yaml ---- */

enum { SP_ID, SP_TITLE, SP_BASED_ON, SP_SUMMARY, SP_SOURCE };
static const struct yload_field specialty_keys[] = {
	{ "id", 1 }, { "title", 1 }, { "based_on", 1 }, { "summary", 1 }, { "source", 1 },
};

static void specialty_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct specialty *s = vctx;
	switch (which) {
	case SP_ID:
		s->id = yload_text(ld, v, "id");
		if (s->id && (!text_is_slug(s->id) || strcmp(s->id, "none") == 0))
			yload_fail(ld, v, "'id' must be lower-case letters, digits and '-' (and not 'none'), not '%s'", s->id);
		break;
	case SP_TITLE:
		s->title = yload_text(ld, v, "title");
		break;
	case SP_BASED_ON:
		s->based_on = yload_text(ld, v, "based_on");
		break;
	case SP_SUMMARY:
		s->summary = yload_text(ld, v, "summary");
		break;
	case SP_SOURCE:
		yload_strings(ld, v, "source", &s->sources);
		break;
	}
}

struct ladder_lists {
	struct kb *kb;
	size_t cap_specialties, cap_steps;
	struct yload_sources sources;
	yaml_node_t **step_nodes;	/* each step's node, for messages */
	yaml_node_t **specialty_nodes;
	size_t cap_step_nodes, cap_specialty_nodes;
};

static void add_specialty(struct yload *ld, yaml_node_t *node, void *vctx)
{
	struct ladder_lists *lists = vctx;
	struct kb *kb = lists->kb;
	struct specialty s;
	int before = ld->n_errors;

	specialty_init(&s);
	yload_mapping(ld, node, "a specialty", specialty_keys, sizeof(specialty_keys) / sizeof(specialty_keys[0]),
		     specialty_field, &s);
	if (ld->n_errors != before) {
		specialty_release(&s);
		return;
	}
	xgrow((void **)&kb->specialties, &lists->cap_specialties, kb->n_specialties + 1, sizeof(*kb->specialties));
	xgrow((void **)&lists->specialty_nodes, &lists->cap_specialty_nodes, kb->n_specialties + 1,
	      sizeof(*lists->specialty_nodes));
	lists->specialty_nodes[kb->n_specialties] = node;
	kb->specialties[kb->n_specialties++] = s;
}

enum {
	ST_FROM, ST_TO, ST_BRIDGE, ST_CREDENTIAL, ST_KIND, ST_MONTHS, ST_EXPERIENCE, ST_ACCREDITATION, ST_EXAM,
	ST_LICENCE, ST_NOTE, ST_SOURCE
};
static const struct yload_field step_keys[] = {
	{ "from", 1 }, { "to", 1 }, { "bridge", 1 }, { "credential", 1 }, { "kind", 1 }, { "months", 0 },
	{ "experience_months", 0 }, { "accreditation", 0 }, { "exam", 0 }, { "licence", 0 }, { "note", 0 },
	{ "source", 1 },
};

static void step_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct ladder_step *s = vctx;
	switch (which) {
	case ST_FROM:
		s->from = yload_text(ld, v, "from");
		break;
	case ST_TO:
		s->to = yload_text(ld, v, "to");
		break;
	case ST_BRIDGE:
		s->bridge = yload_text(ld, v, "bridge");
		break;
	case ST_CREDENTIAL:
		s->credential = yload_scale(ld, v, "credential", SCALE_CREDENTIAL);
		break;
	case ST_KIND: {
		const char *k = yload_scalar(ld, v, "kind");
		if (k && strcmp(k, "study") == 0)
			s->kind = STEP_STUDY;
		else if (k && strcmp(k, "work") == 0)
			s->kind = STEP_WORK;
		else if (k)
			yload_fail(ld, v, "'kind' has unknown value '%s' (allowed: study, work)", k);
		break;
	}
	case ST_MONTHS:
		months_field(ld, v, &s->months_min, &s->months_max);
		break;
	case ST_EXPERIENCE: {
		int64_t m = yload_count(ld, v, "experience_months");
		if (m > 240)
			yload_fail(ld, v, "'experience_months' must be 0 to 240, not %lld", (long long)m);
		else if (m != CAREER_UNKNOWN)
			s->experience_months = (int)m;
		break;
	}
	case ST_ACCREDITATION:
		s->accreditation = yload_text(ld, v, "accreditation");
		break;
	case ST_EXAM:
		s->exam = yload_text(ld, v, "exam");
		break;
	case ST_LICENCE:
		s->licence = yload_text(ld, v, "licence");
		break;
	case ST_NOTE:
		s->note = yload_text(ld, v, "note");
		break;
	case ST_SOURCE:
		yload_strings(ld, v, "source", &s->sources);
		break;
	}
}

static void add_step(struct yload *ld, yaml_node_t *node, void *vctx)
{
	struct ladder_lists *lists = vctx;
	struct kb *kb = lists->kb;
	struct ladder_step s;
	int before = ld->n_errors;

	ladder_step_init(&s);
	yload_mapping(ld, node, "a ladder step", step_keys, sizeof(step_keys) / sizeof(step_keys[0]), step_field, &s);
	if (ld->n_errors == before && strcmp(s.from, s.to) == 0)
		yload_fail(ld, node, "a step cannot lead from '%s' to itself", s.from);
	if (ld->n_errors != before) {
		ladder_step_release(&s);
		return;
	}
	xgrow((void **)&kb->steps, &lists->cap_steps, kb->n_steps + 1, sizeof(*kb->steps));
	xgrow((void **)&lists->step_nodes, &lists->cap_step_nodes, kb->n_steps + 1, sizeof(*lists->step_nodes));
	lists->step_nodes[kb->n_steps] = node;
	kb->steps[kb->n_steps++] = s;
}

enum { L_SPECIALTIES, L_STEPS, L_SOURCES };
static const struct yload_field ladders_keys[] = { { "specialties", 0 }, { "steps", 1 }, { "sources", 0 } };

static void ladders_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct ladder_lists *lists = vctx;
	if (which == L_SPECIALTIES) {
		yload_each(ld, v, "specialties", add_specialty, lists);
	} else if (which == L_STEPS) {
		yload_each(ld, v, "steps", add_step, lists);
	} else {
		yload_each(ld, v, "sources", yload_add_source, &lists->sources);
	}
}

static const struct career *find_career(const struct kb *kb, const char *id)
{
	for (size_t i = 0; i < kb->n_careers; i++)
		if (kb->careers[i].id && strcmp(kb->careers[i].id, id) == 0)
			return &kb->careers[i];
	return NULL;
}

const struct specialty *kb_specialty(const struct kb *kb, const char *id)
{
	for (size_t i = 0; i < kb->n_specialties; i++)
		if (strcmp(kb->specialties[i].id, id) == 0)
			return &kb->specialties[i];
	return NULL;
}

static void check_cited(struct yload *ld, const struct kb *kb, yaml_node_t *node, const struct strvec *ids)
{
	for (size_t k = 0; k < ids->n; k++)
		if (!kb_source(kb, ids->v[k]))
			yload_fail(ld, node, "cites unknown source '%s'", ids->v[k]);
}

/* References from ladders to careers, specialties and sources (the careers are loaded). */
static void check_ladders(struct yload *ld, const struct kb *kb, struct ladder_lists *lists)
{
	for (size_t i = 0; i < kb->n_specialties; i++) {
		const struct specialty *s = &kb->specialties[i];
		yaml_node_t *node = lists->specialty_nodes[i];
		if (find_career(kb, s->id))
			yload_fail(ld, node, "specialty id '%s' is also a career id", s->id);
		if (kb_specialty(kb, s->id) != s)
			yload_fail(ld, node, "specialty id '%s' appears twice", s->id);
		if (!find_career(kb, s->based_on))
			yload_fail(ld, node, "'based_on' names unknown career '%s'", s->based_on);
		check_cited(ld, kb, node, &s->sources);
	}
	for (size_t i = 0; i < kb->n_steps; i++) {
		const struct ladder_step *s = &kb->steps[i];
		yaml_node_t *node = lists->step_nodes[i];
		if (strcmp(s->from, "none") && !find_career(kb, s->from) && !kb_specialty(kb, s->from))
			yload_fail(ld, node, "'from' names unknown career or specialty '%s'", s->from);
		if (!find_career(kb, s->to) && !kb_specialty(kb, s->to))
			yload_fail(ld, node, "'to' names unknown career or specialty '%s'", s->to);
		check_cited(ld, kb, node, &s->sources);
	}
}

static int load_ladders(const char *dir, struct kb *kb, struct diag *err, int *n_errors)
{
	struct yload ld = { 0 };
	struct ladder_lists lists = { .kb = kb, .sources = { NULL, 0, 0, "ladder/" } };
	char *path;
	int present, rc = load_optional(dir, "ladders.yaml", kb, &ld, &path, &present, err);

	if (rc == 0 && present) {
		yload_mapping(&ld, yaml_document_get_root_node(&ld.doc), "ladders.yaml", ladders_keys, 3, ladders_field,
			     &lists);
		if (lists.sources.n) {
			size_t cap = kb->n_sources;
			xgrow((void **)&kb->sources, &cap, kb->n_sources + lists.sources.n, sizeof(*kb->sources));
			memcpy(kb->sources + kb->n_sources, lists.sources.v, lists.sources.n * sizeof(*lists.sources.v));
			kb->n_sources += lists.sources.n;
		}
		if (ld.n_errors == 0)
			check_ladders(&ld, kb, &lists);
		yaml_document_delete(&ld.doc);
	}
	free(lists.sources.v);
	free(lists.step_nodes);
	free(lists.specialty_nodes);
	free(path);
	*n_errors += ld.n_errors;
	return rc;
}

void kb_hash_more(struct kb *kb, const char *name, const void *data, size_t len)
{
	hash_file(kb, name, data, len);
}

/* ---- training (data/training/, see training.c) ---- */

static bool has_career(const char *id, void *ctx)
{
	return find_career(ctx, id) != NULL;
}

static bool has_source(const char *id, void *ctx)
{
	return kb_source(ctx, id) != NULL;
}

static void hash_training_file(const char *path, const char *data, size_t len, void *ctx)
{
	const char *name = strstr(path, "training/");
	hash_file(ctx, name ? name : path, data, len);
}

static int load_training(const char *dir, struct kb *kb, struct diag *err, int *n_errors)
{
	struct training_refs refs = { has_career, has_source, hash_training_file, kb };
	struct training *t = &kb->training;
	int rc = training_load(dir, t, &refs, err, n_errors);

	if (t->n_sources) {	/* the kb lists every source; the training model keeps none of its own */
		size_t cap = kb->n_sources;
		xgrow((void **)&kb->sources, &cap, kb->n_sources + t->n_sources, sizeof(*kb->sources));
		memcpy(kb->sources + kb->n_sources, t->sources, t->n_sources * sizeof(*t->sources));
		kb->n_sources += t->n_sources;
		free(t->sources);
		t->sources = NULL;
		t->n_sources = 0;
	}
	return rc;
}

static int has_vocab(const struct vocab_item *v, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].id && strcmp(v[i].id, id) == 0)
			return 1;
	return 0;
}

const struct source *kb_source(const struct kb *kb, const char *id)
{
	for (size_t i = 0; i < kb->n_sources; i++)
		if (kb->sources[i].id && strcmp(kb->sources[i].id, id) == 0)
			return &kb->sources[i];
	return NULL;
}

/* Checks across files: references, and that every name leads to one career. */
static void check_references(struct kb *kb, const struct strvec *files, const char *dir,
			     struct diag *err, int *n_errors)
{
#define XFAIL(...) do { if (++*n_errors <= KB_MAX_ERRORS) diag_append(err, ALLIED_EINVAL, __VA_ARGS__); } while (0)
	for (size_t i = 0; i < kb->n_sources; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(kb->sources[i].id, kb->sources[j].id) == 0)
				XFAIL("%s: source id '%s' is defined twice", dir, kb->sources[i].id);

	struct strvec names;	/* "normalised-name\tcareer-id" */
	strvec_init(&names);
	for (size_t i = 0; i < kb->n_careers; i++) {
		struct career *c = &kb->careers[i];
		const char *file = files->v[i];
		char norm[256];

		for (int b = 0; b < BLOCK_COUNT; b++)
			for (size_t k = 0; k < c->block_sources[b].n; k++)
				if (!kb_source(kb, c->block_sources[b].v[k]))
					XFAIL("%s/careers/%s: '%s' cites unknown source '%s'", dir, file,
					      career_scale_id(SCALE_BLOCK, b), c->block_sources[b].v[k]);
		for (size_t k = 0; k < c->interests.n; k++)
			if (!has_vocab(kb->interests, kb->n_interests, c->interests.v[k]))
				XFAIL("%s/careers/%s: unknown interest '%s' (see vocabulary.yaml)", dir, file,
				      c->interests.v[k]);
		for (size_t k = 0; k < c->settings.n; k++)
			if (!has_vocab(kb->settings, kb->n_settings, c->settings.v[k]))
				XFAIL("%s/careers/%s: unknown setting '%s' (see vocabulary.yaml)", dir, file,
				      c->settings.v[k]);

		/* id, title and aliases must each lead to exactly one career */
		const char *own[2] = { c->id, c->title };
		for (size_t k = 0; k < 2 + c->aliases.n; k++) {
			const char *name = k < 2 ? own[k] : c->aliases.v[k - 2];
			text_norm(name, norm, sizeof(norm));
			for (size_t m = 0; m < names.n; m++) {
				const char *tab = strchr(names.v[m], '\t');
				if ((size_t)(tab - names.v[m]) == strlen(norm) &&
				    strncmp(names.v[m], norm, strlen(norm)) == 0 && strcmp(tab + 1, c->id))
					XFAIL("%s/careers/%s: the name '%s' also names career '%s'", dir, file,
					      name, tab + 1);
			}
			strvec_push_owned(&names, xasprintf("%s\t%s", norm, c->id));
		}
	}
	strvec_release(&names);
#undef XFAIL
}

static int cmp_career(const void *a, const void *b)
{
	return strcmp(((const struct career *)a)->id, ((const struct career *)b)->id);
}

int kb_load(const char *dir, struct kb *kb, struct diag *err)
{
	struct strvec files;
	int n_errors = 0, rc;

	kb_init(kb);
	strvec_init(&files);
	if ((rc = load_vocabulary(dir, kb, err, &n_errors)) < 0 ||
	    (rc = load_sources(dir, kb, err, &n_errors)) < 0 ||
	    (rc = list_careers(dir, &files, err)) < 0)
		goto fail;
	kb->careers = xcalloc(files.n ? files.n : 1, sizeof(*kb->careers));
	for (size_t i = 0; i < files.n; i++) {
		char *path = xasprintf("%s/careers/%s", dir, files.v[i]), *data;
		size_t len, n_src = 0;
		struct source *src = NULL;
		struct career *c = &kb->careers[kb->n_careers++];
		struct diag one;

		career_init(c);
		if ((rc = yload_read_file(path, &data, &len, err)) < 0) {
			free(path);
			goto fail;
		}
		hash_file(kb, files.v[i], data, len);
		diag_init(&one);
		if (kb_parse_career(path, data, len, c, &src, &n_src, &one) < 0) {
			n_errors++;
			if (n_errors <= KB_MAX_ERRORS)
				diag_append(err, ALLIED_EINVAL, "%s", one.msg);
		} else {
			size_t stem = strlen(files.v[i]) - 5;
			if (strlen(c->id) != stem || strncmp(c->id, files.v[i], stem)) {
				n_errors++;
				diag_append(err, ALLIED_EINVAL, "%s:1: 'id' is '%s' but the file is named '%s'",
					    path, c->id, files.v[i]);
			}
		}
		free(data);
		free(path);
		if (n_src) {
			size_t cap = kb->n_sources;
			xgrow((void **)&kb->sources, &cap, kb->n_sources + n_src, sizeof(*kb->sources));
			memcpy(kb->sources + kb->n_sources, src, n_src * sizeof(*src));
			kb->n_sources += n_src;
		}
		free(src);
	}
	if ((rc = load_quiz(dir, kb, err, &n_errors)) < 0 || (rc = load_ladders(dir, kb, err, &n_errors)) < 0 ||
	    (rc = load_training(dir, kb, err, &n_errors)) < 0)
		goto fail;
	if (n_errors == 0)
		check_references(kb, &files, dir, err, &n_errors);
	if (n_errors) {
		if (n_errors > KB_MAX_ERRORS)
			diag_append(err, ALLIED_EINVAL, "%s: %d errors in all", dir, n_errors);
		rc = ALLIED_EINVAL;
		goto fail;
	}
	qsort(kb->careers, kb->n_careers, sizeof(*kb->careers), cmp_career);
	strvec_release(&files);
	return 0;
fail:
	strvec_release(&files);
	kb_release(kb);
	err->code = rc;
	return rc;
}

void kb_init(struct kb *kb)
{
	memset(kb, 0, sizeof(*kb));
	kb->content_hash = 14695981039346656037ULL;
}

static void release_vocab(struct vocab_item *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].label);
	}
	free(v);
}

void kb_release(struct kb *kb)
{
	release_vocab(kb->interests, kb->n_interests);
	release_vocab(kb->settings, kb->n_settings);
	for (size_t i = 0; i < kb->n_sources; i++)
		source_release(&kb->sources[i]);
	free(kb->sources);
	for (size_t i = 0; i < kb->n_careers; i++)
		career_release(&kb->careers[i]);
	free(kb->careers);
	for (size_t i = 0; i < kb->n_quiz; i++)
		free(kb->quiz[i].text);
	free(kb->quiz);
	for (size_t i = 0; i < kb->n_specialties; i++)
		specialty_release(&kb->specialties[i]);
	free(kb->specialties);
	for (size_t i = 0; i < kb->n_steps; i++)
		ladder_step_release(&kb->steps[i]);
	free(kb->steps);
	training_release(&kb->training);
	zip_table_release(&kb->zips);
	kb_init(kb);
}
