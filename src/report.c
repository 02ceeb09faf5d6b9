/*
 * report: JSON documents shared by the command line and the HTTP API.
 */
#include "report.h"
#include "render.h"
#include "search.h"
#include "text.h"
#include "xmalloc.h"

#include <stdlib.h>
#include <string.h>

const char report_flat_text[] =
	"Your answers rate every interest area about the same, so they cannot tell careers apart: a "
	"ranking built on them would be noise. Take the quiz again and keep the 5s for the activities you "
	"would pick first and the 1s for those you would avoid, or rank careers by the practical questions "
	"alone (allied help match).";

int report_resolve(struct store *st, const char *name, char **id, struct diag *err)
{
	struct diag inner;
	struct strvec ids;
	struct buf msg;
	int rc;

	diag_init(&inner);
	rc = store_resolve(st, name, id, &inner);
	if (rc != ALLIED_ENOTFOUND) {
		if (rc < 0)
			*err = inner;
		return rc;
	}
	strvec_init(&ids);
	if (search_suggest(st, name, 3, &ids, &inner) < 0) {
		*err = inner;
		strvec_release(&ids);
		return inner.code;
	}
	buf_init(&msg, 0);
	buf_addf(&msg, "no career called '%s'", name);
	for (size_t i = 0; i < ids.n; i++)
		buf_addf(&msg, "%s%s", i ? ", " : "; did you mean: ", ids.v[i]);
	if (!ids.n)
		buf_adds(&msg, " (try 'allied search WORDS' or 'allied careers')");
	diag_set(err, ALLIED_ENOTFOUND, "%s", msg.data);
	buf_release(&msg);
	strvec_release(&ids);
	return ALLIED_ENOTFOUND;
}

int report_resolve_node(struct store *st, const struct ladder *l, const char *name, size_t *node,
			struct diag *err)
{
	char norm[256], title[256];
	char *id = NULL;
	long k;

	text_norm(name, norm, sizeof(norm));
	if (strcmp(norm, "none") == 0 || strcmp(norm, "nothing") == 0) {
		*node = LADDER_START;
		return 0;
	}
	if ((k = ladder_find(l, name)) >= 0) {
		*node = (size_t)k;
		return 0;
	}
	for (size_t i = 0; i < l->n_nodes; i++) {
		size_t len = strlen(norm);
		if (!l->nodes[i].based_on)
			continue;
		text_norm(l->nodes[i].title, title, sizeof(title));
		if (len && strncmp(title, norm, len) == 0 && strlen(title) - len <= 1) {
			*node = i;
			return 0;
		}
	}
	int rc = report_resolve(st, name, &id, err);
	if (rc < 0)
		return rc;
	k = ladder_find(l, id);
	free(id);
	if (k < 0)
		return diag_set(err, ALLIED_ENOTFOUND, "'%s' is not in the career ladder", name);
	*node = (size_t)k;
	return 0;
}

int report_career(struct store *st, const struct career *c, const struct catalog *vocab, json_t **doc,
		  struct diag *err)
{
	struct strvec ids;
	struct source *src = NULL;
	size_t n_src = 0;
	int rc;

	strvec_init(&ids);
	career_cited_sources(c, &ids);
	rc = store_get_sources(st, &ids, &src, &n_src, err);
	if (rc == 0)
		*doc = render_career(c, src, n_src, vocab);
	for (size_t i = 0; i < n_src; i++)
		source_release(&src[i]);
	free(src);
	strvec_release(&ids);
	return rc;
}

json_t *report_match(const struct match_prefs *p, const struct catalog *cat, size_t limit)
{
	struct match_hit *hits = xmalloc((cat->n ? cat->n : 1) * sizeof(*hits));
	struct match_result r;
	bool flat = p->has_profile && p->profile.flat;
	size_t n = match_rank(p, cat, hits);	/* counted even for a flat profile, which shows none */
	json_t *list = json_array(), *doc = render_match_query(p, cat);

	for (size_t i = 0; !flat && i < n && i < limit; i++) {
		match_evaluate(p, cat, hits[i].career, &r);
		json_array_append_new(list, render_match(p, cat, &r, i + 1));
	}
	json_object_set_new(doc, "profile", p->has_profile ? render_profile(&p->profile) : json_null());
	json_object_set_new(doc, "ranked", json_boolean(!flat && match_is_ranked(p)));
	json_object_set_new(doc, "explanation", flat ? json_string(report_flat_text) : json_null());
	json_object_set_new(doc, "count", json_integer((json_int_t)n));
	json_object_set_new(doc, "results", list);
	if (p->has_profile)
		json_object_set_new(doc, "attribution", json_string(render_onet_attribution));
	free(hits);
	return doc;
}

int report_compare(struct store *st, const struct career *c, size_t n, const struct catalog *vocab,
		   const struct match_prefs *p, const struct catalog *cat, json_t **doc, struct diag *err)
{
	json_t *list = json_array();
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < n; i++) {
		json_t *o = NULL;
		rc = report_career(st, &c[i], vocab, &o, err);
		if (rc < 0)
			break;
		if (p) {
			const struct career_brief *b = catalog_find(cat, c[i].id);
			struct match_result r;
			if (!b) {
				json_decref(o);
				rc = diag_set(err, ALLIED_ENOTFOUND, "'%s' is not in the catalog", c[i].id);
				break;
			}
			match_evaluate(p, cat, (size_t)(b - cat->v), &r);
			json_object_set_new(o, "match", render_match(p, cat, &r, 0));
		}
		json_array_append_new(list, o);
	}
	if (rc < 0) {
		json_decref(list);
		return rc;
	}
	*doc = json_pack("{s:o}", "careers", list);
	if (p)
		json_object_set_new(*doc, "query", render_match_query(p, cat));
	return 0;
}
