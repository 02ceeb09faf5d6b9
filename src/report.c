/*
 * report: JSON documents shared by the command line and the HTTP API.
 */
#include "report.h"
#include "jw.h"
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

void report_match_write(struct buf *out, const struct match_prefs *p, const struct catalog *cat, size_t limit,
			struct match_hit *hits)
{
	struct match_result r;
	struct jw w;
	bool flat = p->has_profile && p->profile.flat;
	size_t n = match_rank(p, cat, hits);	/* counted even for a flat profile, which shows none */

	jw_init(&w, out);
	jw_object_begin(&w);
	render_match_query_members(&w, p, cat);
	jw_key(&w, "profile");
	if (p->has_profile)
		render_profile_write(&w, &p->profile);
	else
		jw_null(&w);
	jw_key(&w, "ranked");
	jw_bool(&w, !flat && match_is_ranked(p));
	jw_key(&w, "explanation");
	jw_string(&w, flat ? report_flat_text : NULL);
	jw_key(&w, "count");
	jw_int(&w, (long long)n);
	jw_key(&w, "results");
	jw_array_begin(&w);
	for (size_t i = 0; !flat && i < n && i < limit; i++) {
		match_evaluate(p, cat, hits[i].career, &r);
		render_match_write(&w, p, cat, &r, i + 1);
	}
	jw_array_end(&w);
	if (p->has_profile) {
		jw_key(&w, "attribution");
		jw_string(&w, render_onet_attribution);
	}
	jw_object_end(&w);
}

json_t *report_match(const struct match_prefs *p, const struct catalog *cat, size_t limit)
{
	struct match_hit *hits = xmalloc((cat->n ? cat->n : 1) * sizeof(*hits));
	struct buf out;
	json_t *doc;

	buf_init(&out, 0);
	report_match_write(&out, p, cat, limit, hits);
	doc = json_loadb(out.data, out.len, 0, NULL);
	if (!doc)
		abort();	/* jw wrote something jansson cannot read: a bug */
	buf_release(&out);
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
			"sources", json_null());
		struct strvec ids;
		json_t *src = NULL;
		strvec_init(&ids);
		for (const char *sl = r->sources; sl && *sl;) {
			size_t len = strcspn(sl, " ");
			if (len)
				strvec_push_owned(&ids, xstrndup(sl, len));
			sl += len + (sl[len] == ' ');
		}
		json_object_set_new(o, "prerequisites", str_or_null(r->prerequisites));
		json_object_set_new(o, "cip", str_or_null(r->cip));
		rc = sources_json(st, &ids, &src, err);
		strvec_release(&ids);
		json_object_set_new(o, "sources", src);
		json_array_append_new(list, o);
		if (rc < 0)
			break;
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

/* ---- verify ---- */

static json_t *accreditor_json(struct store *st, const char *id, struct diag *err, int *rc)
{
	struct accreditor a;
	json_t *rec, *o;
	if (!id)
		return json_null();
	if ((*rc = store_get_accreditor(st, id, &a, err)) < 0) {
		accreditor_release(&a);
		return json_null();
	}
	rec = json_array();
	if (a.recognized_by & RECOGNIZED_USDE)
		json_array_append_new(rec, json_string("usde"));
	if (a.recognized_by & RECOGNIZED_CHEA)
		json_array_append_new(rec, json_string("chea"));
	o = json_pack("{s:s, s:o, s:s, s:s, s:o, s:o, s:o}", "id", a.id, "acronym", str_or_null(a.acronym), "name", a.name,
		      "kind", a.kind == ACCREDITOR_INSTITUTIONAL ? "institutional" : "programmatic", "recognized_by", rec,
		      "grants_through", str_or_null(a.grants_through), "sources", split_json(NULL));
	for (size_t i = 0; i < a.sources.n; i++)
		json_array_append_new(json_object_get(o, "sources"), json_string(a.sources.v[i]));
	accreditor_release(&a);
	return o;
}

/* Does a program accredited by acc count for a route that lists ids (directly or through grants_through)? */
static int accreditor_counts(struct store *st, const char *acc, const struct strvec *ids, struct diag *err)
{
	struct accreditor a;
	int rc, found = strvec_contains(ids, acc);
	if (found)
		return 1;
	if ((rc = store_get_accreditor(st, acc, &a, err)) < 0) {
		accreditor_release(&a);
		return rc;
	}
	found = a.grants_through && strvec_contains(ids, a.grants_through);
	accreditor_release(&a);
	return found;
}

/* The verdict on one program for one route, and the sentence for people. */
static int judge(struct store *st, const struct program_row *p, const struct exam_route *r, const char **verdict,
		 struct buf *why, struct diag *err)
{
	char names[256] = "";
	for (size_t i = 0; i < r->accreditors.n; i++) {
		char *acronym = NULL, *name = NULL;
		if (store_accreditor_name(st, r->accreditors.v[i], &acronym, &name, err) < 0)
			return err->code;
		snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s", i ? " or " : "", acronym ? acronym : name);
		free(acronym);
		free(name);
	}
	if (r->requires == ROUTE_NONE) {
		*verdict = "not-required";
		buf_addf(why, "%s does not need a particular program.", r->exam);
		return 0;
	}
	if (r->requires == ROUTE_APPROVED_PROGRAM) {
		*verdict = p->status == STATUS_NOT_ACCREDITED ? "does-not-meet" : "unknown";
		buf_addf(why, "%s needs a program approved by the exam body or the state; allied cannot check that approval%s.",
			 r->exam, p->status == STATUS_NOT_ACCREDITED ? ", and the program's own pages say it is not accredited" : "");
		return 0;
	}
	if (!r->accreditors.n) {
		*verdict = "unknown";
		buf_addf(why, "%s asks for an accredited program, but allied's sources name no accreditor.", r->exam);
		return 0;
	}
	int counts = p->accreditor ? accreditor_counts(st, p->accreditor, &r->accreditors, err) : 0;
	if (counts < 0)
		return counts;
	if (p->status == STATUS_ACCREDITED && counts) {
		*verdict = "meets";
		buf_addf(why, "Accredited by %s, which %s accepts%s.", names, r->exam,
			 r->requires == ROUTE_ONE_OF ? " (one of its routes)" : "");
	} else if (p->status == STATUS_NOT_ACCREDITED) {
		*verdict = "does-not-meet";
		buf_addf(why, "WARNING: this program is not accredited by %s. %s %s", names, r->exam,
			 r->requires == ROUTE_PROGRAMMATIC ? "needs a program accredited by it: graduates may not be able to sit the exam."
							  : "has other routes, but this one is closed: ask the exam body before you enrol.");
	} else {
		*verdict = "unknown";
		buf_addf(why, "Unknown: allied's sources do not say that this program is accredited by %s, which %s %s. "
			 "Check %s's own directory before you enrol.", names, r->exam,
			 r->requires == ROUTE_PROGRAMMATIC ? "requires" : "is one route to", names);
	}
	return 0;
}

/* The institution name names: its index in v, or -1 with err set. */
static int find_institution(const struct institution *v, size_t n, const char *name, struct diag *err)
{
	char want[256], have[256];
	size_t hits[8], n_hits = 0;

	text_norm(name, want, sizeof(want));
	for (size_t i = 0; i < n; i++) {
		text_norm(v[i].name, have, sizeof(have));
		if (strcmp(v[i].id, name) == 0 || strcmp(have, want) == 0)
			return (int)i;
	}
	for (size_t i = 0; i < n && want[0]; i++) {	/* every word of the query in the name */
		char *copy = xstrdup(want), *save = NULL;
		bool all = true;
		text_norm(v[i].name, have, sizeof(have));
		for (char *w = strtok_r(copy, " ", &save); w && all; w = strtok_r(NULL, " ", &save))
			all = strstr(have, w) != NULL;
		free(copy);
		if (all && n_hits < sizeof(hits) / sizeof(hits[0]))
			hits[n_hits++] = i;
	}
	if (n_hits == 1)
		return (int)hits[0];
	struct buf msg;
	buf_init(&msg, 0);
	if (n_hits > 1) {
		buf_addf(&msg, "'%s' matches %zu schools: ", name, n_hits);
		for (size_t k = 0; k < n_hits; k++)
			buf_addf(&msg, "%s%s", k ? "; " : "", v[hits[k]].name);
		diag_set(err, ALLIED_EINVAL, "%s", msg.data);
	} else {
		buf_addf(&msg, "no school called '%s' in allied's list", name);
		diag_set(err, ALLIED_ENOTFOUND, "%s (try a shorter part of its name, or allied programs)", msg.data);
	}
	buf_release(&msg);
	return -1;
}

int report_verify(struct store *st, const struct program_list *programs, const char *name, const char *career_id,
		  json_t **doc, struct diag *err)
{
	struct institution *inst = NULL;
	struct exam_route *routes = NULL;
	size_t n_inst = 0, n_routes = 0;
	const char *only_program = NULL;
	int rc = store_load_institutions(st, &inst, &n_inst, err), at = -1;

	for (size_t i = 0; rc == 0 && i < programs->n && at < 0; i++)	/* a program id names its school */
		if (strcmp(programs->v[i].id, name) == 0) {
			only_program = programs->v[i].id;
			for (size_t k = 0; k < n_inst; k++)
				if (strcmp(inst[k].id, programs->v[i].institution_id) == 0)
					at = (int)k;
		}
	if (rc == 0 && at < 0 && (at = find_institution(inst, n_inst, name, err)) < 0)
		rc = err->code;
	if (rc == 0 && career_id)
		rc = store_get_exam_routes(st, career_id, &routes, &n_routes, err);
	json_t *list = json_array(), *jroutes = json_array(), *acc = json_null();
	if (rc == 0)
		acc = accreditor_json(st, inst[at].accreditor, err, &rc);
	for (size_t i = 0; rc == 0 && i < n_routes; i++) {
		const struct exam_route *r = &routes[i];
		json_t *a = NULL;
		if (r->state[0] && strcmp(r->state, inst[at].state) != 0)
			continue;
		if ((rc = accreditors_json(st, &r->accreditors, &a, err)) < 0) {
			json_decref(a);
			break;
		}
		json_array_append_new(jroutes, json_pack("{s:o, s:s, s:s, s:o, s:o}", "state",
			r->state[0] ? json_string(r->state) : json_null(), "exam", r->exam, "requires",
			training_route_id(r->requires), "accreditors", a, "effective", str_or_null(r->effective)));
	}
	for (size_t i = 0; rc == 0 && i < programs->n; i++) {
		const struct program_row *p = &programs->v[i];
		json_t *checks = json_array(), *pacc;
		const char *overall = career_id ? "no-rule" : "not-checked";
		if (strcmp(p->institution_id, inst[at].id) != 0 || (only_program && strcmp(p->id, only_program) != 0) ||
		    (career_id && !programs_has_career(p, career_id))) {
			json_decref(checks);
			continue;
		}
		for (size_t k = 0; rc == 0 && career_id && k < n_routes; k++) {
			const struct exam_route *r = &routes[k];
			const char *verdict = NULL;
			struct buf why;
			if (r->state[0] && strcmp(r->state, inst[at].state) != 0)
				continue;
			buf_init(&why, 0);
			if ((rc = judge(st, p, r, &verdict, &why, err)) == 0) {
				json_array_append_new(checks, json_pack("{s:s, s:s, s:s}", "exam", r->exam, "verdict", verdict,
									"text", why.data));
				/* the worst verdict wins: does-not-meet > unknown > meets > not-required */
				static const char *const order[] = { "no-rule", "not-required", "meets", "unknown", "does-not-meet" };
				int was = 0, now = 0;
				for (int o = 0; o < 5; o++) {
					if (strcmp(order[o], overall) == 0)
						was = o;
					if (strcmp(order[o], verdict) == 0)
						now = o;
				}
				if (now > was)
					overall = order[now];
			}
			buf_release(&why);
		}
		pacc = accreditor_json(st, p->accreditor, err, &rc);
		json_array_append_new(list, json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:s, s:s, s:o, s:o, s:o}", "id", p->id,
			"name", p->name, "careers", split_json(p->careers), "credential",
			str_or_null(training_credential_id(p->credential)), "months", real_or_null(p->months, 10),
			"accreditor", pacc, "accreditation_status", training_status_id(p->status), "verdict", overall,
			"checks", checks, "as_of", str_or_null(p->as_of), "sources", split_json(p->sources)));
	}
	if (rc == 0) {
		const struct institution *in = &inst[at];
		*doc = json_pack("{s:{s:s, s:s, s:o, s:o, s:s, s:o, s:o, s:o}, s:o, s:o, s:o}",
			"institution", "id", in->id, "name", in->name, "campus", str_or_null(in->campus), "city",
			str_or_null(in->city), "state", in->state, "zip", str_or_null(in->zip), "accreditor", acc, "sources",
			split_json(NULL), "career", str_or_null(career_id), "exam_routes", jroutes, "programs", list);
		json_t *jin = json_object_get(*doc, "institution");
		json_object_set_new(jin, "address", str_or_null(in->address));
		json_object_set_new(jin, "website", str_or_null(in->website));
		json_object_set_new(jin, "origin", json_string(in->origin ? in->origin : "curated"));
		json_object_set_new(jin, "as_of", str_or_null(in->as_of));
		json_t *srcs = json_object_get(jin, "sources");
		for (size_t i = 0; i < in->sources.n; i++)
			json_array_append_new(srcs, json_string(in->sources.v[i]));
	} else {
		json_decref(list);
		json_decref(jroutes);
		json_decref(acc);
	}
	for (size_t i = 0; i < n_routes; i++)
		exam_route_release(&routes[i]);
	free(routes);
	store_free_institutions(inst, n_inst);
	return rc;
}
