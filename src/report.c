/*
 * report: JSON documents shared by the command line and the HTTP API.
 */
#include "report.h"
#include "render.h"
#include "search.h"
#include "text.h"
#include "training.h"
#include "xmalloc.h"

#include <math.h>
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

/* The sources with these ids, rendered in order (a missing one is left out). */
static int sources_json(struct store *st, const struct strvec *ids, json_t **out, struct diag *err)
{
	struct source *src = NULL;
	size_t n = 0;
	int rc = store_get_sources(st, ids, &src, &n, err);
	*out = json_array();
	for (size_t i = 0; i < n; i++) {
		if (rc == 0)
			json_array_append_new(*out, render_source(&src[i]));
		source_release(&src[i]);
	}
	free(src);
	return rc;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* [{"id", "acronym", "name"}] for accreditor ids. */
static int accreditors_json(struct store *st, const struct strvec *ids, json_t **out, struct diag *err)
{
	*out = json_array();
	for (size_t i = 0; i < ids->n; i++) {
		char *acronym = NULL, *name = NULL;
		int rc = store_accreditor_name(st, ids->v[i], &acronym, &name, err);
		if (rc < 0)
			return rc;
		json_array_append_new(*out, json_pack("{s:s, s:o, s:s}", "id", ids->v[i], "acronym", str_or_null(acronym),
						      "name", name));
		free(acronym);
		free(name);
	}
	return 0;
}

int report_rules(struct store *st, const char *career_id, const char *title, const char *state, json_t **doc,
		 struct diag *err)
{
	struct state_rule *rules = NULL, *all = NULL;
	struct exam_route *routes = NULL;
	size_t n_rules = 0, n_all = 0, n_routes = 0;
	json_t *jrules = json_array(), *jroutes = json_array(), *known = json_array(), *src = NULL;
	int rc = store_get_rules(st, career_id, state, &rules, &n_rules, err);

	if (rc == 0)
		rc = store_get_rules(st, career_id, NULL, &all, &n_all, err);
	if (rc == 0)
		rc = store_get_exam_routes(st, career_id, &routes, &n_routes, err);
	for (size_t i = 0; rc == 0 && i < n_all; i++) {
		size_t k;
		for (k = 0; k < i; k++)
			if (strcmp(all[k].state, all[i].state) == 0)
				break;
		if (k == i)
			json_array_append_new(known, json_string(all[i].state));
	}
	for (size_t i = 0; rc == 0 && i < n_rules; i++) {
		const struct state_rule *r = &rules[i];
		src = NULL;
		if ((rc = sources_json(st, &r->sources, &src, err)) < 0) {
			json_decref(src);
			break;
		}
		json_array_append_new(jrules, json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o}",
			"state", r->state, "state_name", training_state_name(r->state),
			"requirement", training_requirement_id(r->requirement),
			"requirement_label", training_requirement_label(r->requirement),
			"authority", str_or_null(r->authority), "credential", str_or_null(r->credential),
			"legal_basis", str_or_null(r->legal_basis), "note", str_or_null(r->note),
			"as_of", str_or_null(r->as_of), "sources", src));
	}
	for (size_t i = 0; rc == 0 && i < n_routes; i++) {
		const struct exam_route *r = &routes[i];
		if (state && r->state[0] && strcmp(r->state, state) != 0)
			continue;	/* another state's licence route */
		json_t *acc = NULL;
		src = NULL;
		if ((rc = accreditors_json(st, &r->accreditors, &acc, err)) < 0 ||
		    (rc = sources_json(st, &r->sources, &src, err)) < 0) {
			json_decref(acc);
			json_decref(src);
			break;
		}
		json_array_append_new(jroutes, json_pack("{s:o, s:s, s:s, s:o, s:o, s:o, s:o}",
			"state", r->state[0] ? json_string(r->state) : json_null(), "exam", r->exam,
			"requires", training_route_id(r->requires), "accreditors", acc,
			"effective", str_or_null(r->effective), "note", str_or_null(r->note), "sources", src));
	}
	if (rc == 0)
		*doc = json_pack("{s:{s:s, s:s}, s:o, s:o, s:o, s:o}", "career", "id", career_id, "title", title,
				 "state", str_or_null(state), "rules", jrules, "exam_routes", jroutes, "states_known",
				 known);
	else {
		json_decref(jrules);
		json_decref(jroutes);
		json_decref(known);
	}
	for (size_t i = 0; i < n_rules; i++)
		state_rule_release(&rules[i]);
	for (size_t i = 0; i < n_all; i++)
		state_rule_release(&all[i]);
	for (size_t i = 0; i < n_routes; i++)
		exam_route_release(&routes[i]);
	free(rules);
	free(all);
	free(routes);
	return rc;
}

static json_t *real_or_null(double v, double scale)
{
	return isnan(v) ? json_null() : json_real(round(v * scale) / scale);
}

static json_t *int_or_null(int64_t v)
{
	return v == CAREER_UNKNOWN ? json_null() : json_integer((json_int_t)v);
}

static json_t *split_json(const char *list)
{
	json_t *a = json_array();
	while (list && *list) {
		size_t len = strcspn(list, " ");
		if (len)
			json_array_append_new(a, json_stringn(list, len));
		list += len + (list[len] == ' ');
	}
	return a;
}

static json_t *schedule_json(unsigned bits)
{
	json_t *a = json_array();
	for (int k = 0; k < SCHEDULE_COUNT; k++)
		if (bits & 1u << k)
			json_array_append_new(a, json_string(training_schedule_id(k)));
	return a;
}

int report_programs(struct store *st, const struct program_list *l, const struct program_query *q,
		    const char *near_zip, const struct program_hit *hits, size_t n, size_t limit, size_t unlocated,
		    json_t **doc, struct diag *err)
{
	json_t *list = json_array();
	int rc = 0;

	for (size_t i = 0; i < n && i < limit; i++) {
		const struct program_row *r = &l->v[hits[i].row];
		json_t *acc = json_null(), *outcomes = json_null();
		if (r->accreditor) {
			char *acronym = NULL, *name = NULL;
			if ((rc = store_accreditor_name(st, r->accreditor, &acronym, &name, err)) < 0)
				break;
			acc = json_pack("{s:s, s:o, s:s}", "id", r->accreditor, "acronym", str_or_null(acronym), "name", name);
			free(acronym);
			free(name);
		}
		if (r->outcomes_year != CAREER_UNKNOWN)
			outcomes = json_pack("{s:I, s:o, s:o, s:o}", "year", (json_int_t)r->outcomes_year, "exam_pass_pct",
					     real_or_null(r->exam_pass_pct, 10), "completion_pct", real_or_null(r->completion_pct, 10),
					     "placement_pct", real_or_null(r->placement_pct, 10));
		json_t *inst = json_pack("{s:s, s:s, s:o, s:o, s:s, s:o, s:s}", "id", r->institution_id, "name",
					 r->institution, "campus", str_or_null(r->campus), "city", str_or_null(r->city),
					 "state", r->state, "zip", str_or_null(r->zip), "location",
					 isnan(r->lat) ? "unknown" : r->located_by_zip ? "zip-centroid" : "institution");
		const char *cred = training_credential_id(r->credential);
		json_t *o = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:b, s:o, s:o, s:o}",
			"id", r->id, "name", r->name, "institution", inst,
			"distance_miles", real_or_null(hits[i].miles, 10), "careers", split_json(r->careers),
			"career_name", str_or_null(r->career_name), "credential", str_or_null(cred),
			"months", real_or_null(r->months, 10), "schedule", schedule_json(r->schedule), "accreditor", acc,
			"accreditation_status", training_status_id(r->status),
			"admission", str_or_null(training_admission_id(r->admission)), "cost_usd", int_or_null(r->cost_usd),
			"clinical_hours", int_or_null(r->clinical_hours), "outcomes", outcomes,
			"campus_unknown", r->campus_unknown, "note", str_or_null(r->note), "as_of", str_or_null(r->as_of),
			"sources", split_json(r->sources));
		json_array_append_new(list, o);
	}
	if (rc < 0) {
		json_decref(list);
		return rc;
	}
	json_t *query = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:b}", "career", str_or_null(q->career),
				  "near", str_or_null(near_zip), "radius_miles", q->near ? json_real(q->radius_miles) : json_null(),
				  "schedule", schedule_json(q->schedule_any), "max_months", real_or_null(q->max_months, 10),
				  "credential", q->credential >= 0 ? json_string(training_credential_id(q->credential)) : json_null(),
				  "accredited", q->accredited);
	*doc = json_pack("{s:o, s:I, s:I, s:o}", "query", query, "count", (json_int_t)n, "unlocated",
			 (json_int_t)unlocated, "programs", list);
	return 0;
}

int report_zip_location(struct store *st, const char *zip, double *lat, double *lon, struct diag *err)
{
	struct strvec near;
	struct buf msg;
	int rc = store_zip_location(st, zip, lat, lon, err);

	if (rc != ALLIED_ENOTFOUND)
		return rc;
	strvec_init(&near);
	if ((rc = store_zip_neighbours(st, zip, 4, &near, err)) < 0) {
		strvec_release(&near);
		return rc;
	}
	buf_init(&msg, 0);
	buf_addf(&msg, "no ZIP code %s in allied's list of ZIP codes", zip);
	for (size_t i = 0; i < near.n; i++)
		buf_addf(&msg, "%s %s", i ? "," : "; the closest are", near.v[i]);
	if (!near.n)
		buf_adds(&msg, " (this database has no ZIP code centroids)");
	diag_set(err, ALLIED_ENOTFOUND, "%s", msg.data);
	buf_release(&msg);
	strvec_release(&near);
	return ALLIED_ENOTFOUND;
}
