/*
 * render: JSON documents for careers (see render.h and docs/json.md).
 */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char render_onet_attribution[] =
	"This product includes information from the O*NET 29.3 Database by the U.S. Department of Labor, "
	"Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET(R) is a "
	"trademark of USDOL/ETA. allied has modified all or some of this information. USDOL/ETA has not "
	"approved, endorsed, or tested these modifications.";

static json_t *int_or_null(int64_t v)
{
	return v == CAREER_UNKNOWN ? json_null() : json_integer(v);
}

static json_t *real_or_null(double v)
{
	return isnan(v) ? json_null() : json_real(v);
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *scale_or_null(enum career_scale scale, int v)
{
	const char *id = career_scale_id(scale, v);
	return id ? json_string(id) : json_null();
}

static json_t *labelled(enum career_scale scale, int v)
{
	const char *id = career_scale_id(scale, v);
	if (!id)
		return json_null();
	return json_pack("{s:s, s:s}", "id", id, "label", career_scale_label(scale, v));
}

static json_t *months(int lo, int hi)
{
	if (lo == CAREER_UNKNOWN)
		return json_null();
	return json_pack("{s:i, s:o}", "min", lo, "max", int_or_null(hi));
}

static json_t *shift_list(unsigned shifts)
{
	json_t *a = json_array();
	for (int s = 0; s < SHIFT_COUNT; s++)
		if (shifts & (1u << s))
			json_array_append_new(a, json_string(career_scale_id(SCALE_SHIFT, s)));
	return a;
}

static json_t *vocab_ids(uint64_t bits, const struct vocab_item *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		if (bits & (1ULL << i))
			json_array_append_new(a, json_string(v[i].id));
	return a;
}

static const char *vocab_label(const struct vocab_item *v, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].id, id) == 0)
			return v[i].label;
	return NULL;
}

static json_t *vocab_list(const struct strvec *ids, const struct vocab_item *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < ids->n; i++)
		json_array_append_new(a, json_pack("{s:s, s:o}", "id", ids->v[i], "label",
						   str_or_null(vocab_label(v, n, ids->v[i]))));
	return a;
}

static json_t *strings(const struct strvec *sv)
{
	json_t *a = json_array();
	for (size_t i = 0; i < sv->n; i++)
		json_array_append_new(a, json_string(sv->v[i]));
	return a;
}

static json_t *pay(const char *soc, int64_t median, int64_t p10, int64_t p90, int p90_capped)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:b}", "soc", str_or_null(soc), "median_usd", int_or_null(median),
			 "p10_usd", int_or_null(p10), "p90_usd", int_or_null(p90), "p90_capped", p90_capped);
}

json_t *render_brief(const struct career_brief *b, const struct catalog *vocab)
{
	return json_pack("{s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			 "id", b->id, "title", b->title,
			 "group", scale_or_null(SCALE_GROUP, b->group),
			 "origin", b->origin,
			 "training_months", months(b->months_min, b->months_max),
			 "entry_credential", scale_or_null(SCALE_CREDENTIAL, b->entry_credential),
			 "pay", pay(b->pay_soc, b->wage_median_usd, b->wage_p10_usd, b->wage_p90_usd, b->wage_p90_capped),
			 "growth_pct", real_or_null(b->change_pct),
			 "openings_per_year", int_or_null(b->openings_per_year),
			 "patient_contact", scale_or_null(SCALE_CONTACT, b->patient_contact),
			 "blood", scale_or_null(SCALE_BLOOD, b->blood),
			 "physical", scale_or_null(SCALE_PHYSICAL, b->physical),
			 "remote", scale_or_null(SCALE_REMOTE, b->remote),
			 "regulated", scale_or_null(SCALE_REGULATED, b->regulated),
			 "settings", vocab_ids(b->settings, vocab->settings, vocab->n_settings),
			 "interests", vocab_ids(b->interests, vocab->interests, vocab->n_interests));
}

json_t *render_briefs(const struct catalog *cat, const size_t *idx, size_t n)
{
	json_t *list = json_array();
	for (int g = 0; g <= CAREER_GROUP_COUNT; g++)
		for (size_t i = 0; i < n; i++) {
			int group = cat->v[idx[i]].group;
			if (group == g || (g == CAREER_GROUP_COUNT && (group < 0 || group >= CAREER_GROUP_COUNT)))
				json_array_append_new(list, render_brief(&cat->v[idx[i]], cat));
		}
	return list;
}

char *render_onet_credit(const struct source *sources, size_t n)
{
	static const char lead[] = "This product includes information from the O*NET 29.3 Database by";
	struct buf names, out;
	size_t count = 0;

	buf_init(&names, 0);
	for (size_t i = 0; i < n; i++) {
		const char *t = sources[i].title, *end = t ? strstr(t, " Database") : NULL;
		char name[64];
		if (!end || strncmp(t, "O*NET ", 6) != 0 || (size_t)(end - t) + 9 >= sizeof(name))
			continue;
		snprintf(name, sizeof(name), "%.*s Database", (int)(end - t), t);
		if (strstr(names.data, name))
			continue;
		buf_addf(&names, "%s%s", count++ ? " and the " : "", name);
	}
	buf_init(&out, 0);
	if (count)
		buf_addf(&out, "This product includes information from the %s by%s", names.data,
			 render_onet_attribution + sizeof(lead) - 1);
	else
		buf_adds(&out, render_onet_attribution);
	char *s = buf_detach(&out, NULL);
	buf_release(&out);
	buf_release(&names);
	return s;
}

json_t *render_source(const struct source *s)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "id", s->id, "title", s->title,
			 "publisher", s->publisher, "url", s->url, "as_of", str_or_null(s->as_of),
			 "checked", str_or_null(s->checked), "licence", str_or_null(s->licence));
}

json_t *render_career(const struct career *c, const struct source *sources, size_t n_sources,
		      const struct catalog *vocab)
{
	const struct strvec *src = c->block_sources;
	json_t *paths = json_array(), *certs = json_array(), *levels = json_object(), *srcs = json_array();
	char *credit = NULL;

	for (size_t i = 0; i < c->n_paths; i++) {
		const struct career_path *p = &c->paths[i];
		json_array_append_new(paths, json_pack("{s:o, s:o, s:o}",
			"credential", labelled(SCALE_CREDENTIAL, p->credential),
			"months", months(p->months_min, p->months_max), "note", str_or_null(p->note)));
	}
	for (size_t i = 0; i < c->n_certs; i++) {
		const struct career_cert *ce = &c->certs[i];
		json_array_append_new(certs, json_pack("{s:s, s:o, s:o, s:o}", "name", ce->name,
			"body", str_or_null(ce->body), "kind", scale_or_null(SCALE_CERT_KIND, ce->kind),
			"required", scale_or_null(SCALE_REQUIRED, ce->required)));
	}
	for (int r = 0; r < RIASEC_COUNT; r++)
		json_object_set_new(levels, career_riasec_names[r], real_or_null(c->riasec[r]));
	for (size_t i = 0; i < n_sources; i++)
		json_array_append_new(srcs, render_source(&sources[i]));

	int has_interests = c->interest_onet_soc != NULL;
	int from_onet = has_interests || (c->origin && strncmp(c->origin, "onet", 4) == 0);

	json_t *doc = json_pack(
		"{s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o,"
		" s:o, s:o, s:o, s:o, s:o, s:o}",
		"id", c->id, "title", c->title,
		"group", labelled(SCALE_GROUP, c->group),
		"origin", c->origin ? c->origin : "curated",
		"soc", str_or_null(c->soc), "onet_soc", str_or_null(c->onet_soc),
		"aliases", strings(&c->aliases),
		"summary", str_or_null(c->summary),
		"duties", strings(&c->duties),
		"training_months", months(career_months_min(c), career_months_max(c)),
		"interests", vocab_list(&c->interests, vocab->interests, vocab->n_interests),
		"work", json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			"patient_contact", scale_or_null(SCALE_CONTACT, c->patient_contact),
			"blood", scale_or_null(SCALE_BLOOD, c->blood),
			"physical", scale_or_null(SCALE_PHYSICAL, c->physical),
			"shifts", c->shifts ? shift_list(c->shifts) : json_null(),
			"remote", scale_or_null(SCALE_REMOTE, c->remote),
			"settings", vocab_list(&c->settings, vocab->settings, vocab->n_settings),
			"sources", strings(&src[BLOCK_WORK])),
		"education", json_pack("{s:o, s:o, s:o}",
			"entry", labelled(SCALE_CREDENTIAL, c->entry_credential),
			"paths", paths, "sources", strings(&src[BLOCK_EDUCATION])),
		"certifications", json_pack("{s:o, s:o}", "list", certs,
			"sources", strings(&src[BLOCK_CERTIFICATIONS])),
		"regulation", json_pack("{s:o, s:o, s:o}",
			"state_regulated", scale_or_null(SCALE_REGULATED, c->regulated),
			"note", str_or_null(c->regulation_note),
			"sources", strings(&src[BLOCK_REGULATION])),
		"pay", pay(c->pay_soc, c->wage_median_usd, c->wage_p10_usd, c->wage_p90_usd, c->wage_p90_capped),
		"outlook", json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			"soc", str_or_null(c->outlook_soc),
			"employment_2024", int_or_null(c->employment_2024),
			"employment_2034", int_or_null(c->employment_2034),
			"change_pct", real_or_null(c->change_pct),
			"openings_per_year", int_or_null(c->openings_per_year),
			"entry_education", str_or_null(c->entry_education),
			"sources", strings(&src[BLOCK_OUTLOOK])));
	json_object_set_new(json_object_get(doc, "pay"), "sources", strings(&src[BLOCK_PAY]));
	json_object_set_new(doc, "interest_profile", has_interests ?
		json_pack("{s:s, s:o, s:o, s:o}", "onet_soc", c->interest_onet_soc,
			  "code", c->interest_code[0] ? json_string(c->interest_code) : json_null(),
			  "levels", levels, "sources", strings(&src[BLOCK_INTERESTS])) : json_null());
	if (!has_interests)
		json_decref(levels);
	json_object_set_new(doc, "sources", srcs);
	json_object_set_new(doc, "attribution", from_onet ? json_string(credit = render_onet_credit(sources, n_sources))
								  : json_null());
	free(credit);
	return doc;
}

json_t *render_search(const char *query, const struct search_result *r)
{
	json_t *results = json_array(), *corr = json_array();
	for (size_t i = 0; i < r->n; i++) {
		json_t *matched = json_array();
		for (int k = 0; k < TEXT_KIND_COUNT; k++)
			if (r->v[i].matched & (1u << k))
				json_array_append_new(matched, json_string(search_kind_name(k)));
		json_array_append_new(results, json_pack("{s:s, s:s, s:f, s:o, s:b}", "id", r->v[i].id,
			"title", r->v[i].title, "score", r->v[i].score, "matched", matched,
			"all_words", r->v[i].words_matched == r->n_words));
	}
	for (size_t i = 0; i < r->corrections.n; i++) {
		const char *arrow = strstr(r->corrections.v[i], " -> ");
		if (!arrow)
			continue;
		json_array_append_new(corr, json_pack("{s:s%, s:s}", "typed", r->corrections.v[i],
			(int)(arrow - r->corrections.v[i]), "used", arrow + 4));
	}
	return json_pack("{s:s, s:I, s:o, s:o}", "query", query, "total", (json_int_t)r->total,
			 "corrections", corr, "results", results);
}

/* ---- matching ---- */

/*
 * The match documents are written with jw (every POST /api/v1/match prints one, and building
 * a jansson document first cost most of the request); the json_t versions read those bytes
 * back, so that compare's match view is the very same text.
 */
static json_t *parsed(struct buf *b)
{
	json_t *doc = json_loadb(b->data, b->len, 0, NULL);
	if (!doc)
		abort();	/* jw wrote something jansson cannot read: a bug */
	buf_release(b);
	return doc;
}

void render_profile_write(struct jw *w, const struct profile *p)
{
	jw_object_begin(w);
	jw_key(w, "areas");
	jw_array_begin(w);
	for (int a = 0; a < RIASEC_COUNT; a++) {
		jw_object_begin(w);
		jw_key(w, "area");
		jw_string(w, career_riasec_names[a]);
		jw_key(w, "score");
		jw_int(w, p->score[a]);
		jw_key(w, "min");
		jw_int(w, p->min_score[a]);
		jw_key(w, "max");
		jw_int(w, p->max_score[a]);
		jw_object_end(w);
	}
	jw_array_end(w);
	jw_key(w, "code");
	jw_string(w, p->code);
	jw_key(w, "order");
	jw_array_begin(w);
	for (int k = 0; k < RIASEC_COUNT; k++)
		jw_string(w, career_riasec_names[p->order[k]]);
	jw_array_end(w);
	jw_key(w, "tied");
	jw_bool(w, p->tied);
	jw_key(w, "flat");
	jw_bool(w, p->flat);
	jw_key(w, "range");
	jw_int(w, p->range);
	jw_object_end(w);
}

void render_match_query_members(struct jw *w, const struct match_prefs *p, const struct catalog *cat)
{
	char text[512];

	for (int hard = 1; hard >= 0; hard--) {
		if (hard)
			jw_key(w, "limits");
		else
			jw_key(w, "preferences");
		jw_array_begin(w);
		for (int f = 0; f < MATCH_FACTOR_COUNT; f++) {
			if (!match_factor_is_set(p, f, hard))
				continue;
			match_describe(p, cat, f, hard, text, sizeof(text));
			jw_object_begin(w);
			jw_key(w, "factor");
			jw_string(w, match_factor_id(f));
			if (!hard) {
				jw_key(w, "weight");
				jw_int(w, p->weight[f]);
			}
			jw_key(w, "text");
			jw_string(w, text);
			jw_object_end(w);
		}
		jw_array_end(w);
	}
	jw_key(w, "part_time");
	jw_bool(w, p->part_time);
	jw_key(w, "part_time_factor");
	jw_real(w, CAREER_PART_TIME_FACTOR);
}

json_t *render_match_query(const struct match_prefs *p, const struct catalog *cat)
{
	struct buf b;
	struct jw w;
	buf_init(&b, 0);
	jw_init(&w, &b);
	jw_object_begin(&w);
	render_match_query_members(&w, p, cat);
	jw_object_end(&w);
	return parsed(&b);
}

void render_match_write(struct jw *w, const struct match_prefs *p, const struct catalog *cat,
			const struct match_result *r, size_t rank)
{
	const struct career_brief *b = &cat->v[r->career];
	char text[512];

	jw_object_begin(w);
	jw_key(w, "rank");
	if (rank)
		jw_int(w, (long long)rank);
	else
		jw_null(w);
	jw_key(w, "id");
	jw_string(w, b->id);
	jw_key(w, "title");
	jw_string(w, b->title);
	jw_key(w, "score");
	if (r->fit == FIT_UNRANKED)
		jw_null(w);
	else
		jw_real(w, r->score_tenths / 10.0);
	jw_key(w, "fit");
	jw_string(w, r->passes ? match_fit_id(r->fit) : "fails-limits");
	jw_key(w, "fit_label");
	jw_string(w, r->passes ? match_fit_label(r->fit) : "fails a limit");
	jw_key(w, "passes_limits");
	jw_bool(w, r->passes);
	jw_key(w, "reasons");
	jw_array_begin(w);
	for (size_t i = 0; i < r->n_reasons; i++) {
		const struct match_reason *x = &r->reasons[i];
		match_explain(p, cat, b, x, text, sizeof(text));
		jw_object_begin(w);
		jw_key(w, "factor");
		jw_string(w, match_factor_id(x->factor));
		jw_key(w, "kind");
		jw_string(w, x->hard ? "limit" : "preference");
		jw_key(w, "status");
		jw_string(w, match_status_id(x->status));
		jw_key(w, "satisfaction");
		jw_real(w, x->satisfaction);
		jw_key(w, "points");
		jw_real(w, x->points_tenths / 10.0);
		jw_key(w, "text");
		jw_string(w, text);
		if (!x->hard) {
			jw_key(w, "weight");
			jw_int(w, p->weight[x->factor]);
		}
		jw_object_end(w);
	}
	jw_array_end(w);
	if (!isnan(r->profile_r)) {
		jw_key(w, "profile_correlation");
		jw_real(w, round(r->profile_r * 1000) / 1000);
	}
	jw_object_end(w);
}

json_t *render_match(const struct match_prefs *p, const struct catalog *cat, const struct match_result *r,
		     size_t rank)
{
	struct buf b;
	struct jw w;
	buf_init(&b, 0);
	jw_init(&w, &b);
	render_match_write(&w, p, cat, r, rank);
	return parsed(&b);
}

/* ---- paths ---- */

static json_t *node_json(const struct ladder *l, size_t node)
{
	const struct ladder_node *n = &l->nodes[node];
	json_t *o = json_pack("{s:s, s:s}", "id", n->id, "title", n->title);
	if (n->based_on)
		json_object_set_new(o, "based_on", json_string(n->based_on));
	return o;
}

static json_t *source_ids(const char *list)
{
	json_t *a = json_array();
	char *copy = list ? strdup(list) : NULL, *save = NULL;
	for (char *t = copy ? strtok_r(copy, " ", &save) : NULL; t; t = strtok_r(NULL, " ", &save))
		json_array_append_new(a, json_string(t));
	free(copy);
	return a;
}

json_t *render_plan(const struct ladder *l, size_t from, size_t to, const struct ladder_options *o,
		    const struct ladder_plan *plan)
{
	json_t *steps = json_array(), *untimed = json_array();

	for (size_t i = 0; i < plan->n_untimed; i++) {
		const struct ladder_edge *e = &l->edges[plan->untimed[i]];
		json_array_append_new(untimed, json_pack("{s:o, s:o, s:s, s:o, s:o, s:o, s:o}", "from", node_json(l, e->from),
							 "to", node_json(l, e->to), "bridge", e->bridge ? e->bridge : "",
							 "exam", str_or_null(e->exam), "licence", str_or_null(e->licence),
							 "note", str_or_null(e->note), "sources", source_ids(e->sources)));
	}

	for (size_t i = 0; i < plan->n_steps; i++) {
		const struct ladder_plan_step *s = &plan->steps[i];
		const struct ladder_edge *e = &l->edges[s->edge];
		json_array_append_new(steps, json_pack(
			"{s:I, s:o, s:o, s:s, s:s, s:s, s:s, s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			"step", (json_int_t)(i + 1), "from", node_json(l, e->from), "to", node_json(l, e->to),
			"route", e->entry ? "education-path" : "ladder-step", "kind", e->kind == STEP_WORK ? "work" : "study",
			"bridge", e->bridge ? e->bridge : "",
			"credential", career_scale_id(SCALE_CREDENTIAL, e->credential) ? career_scale_id(SCALE_CREDENTIAL, e->credential) : "",
			"experience_months", s->experience_months, "months", months(s->months_min, s->months_max),
			"total_months", months(s->total_min, s->total_max), "accreditation", str_or_null(e->accreditation),
			"exam", str_or_null(e->exam), "licence", str_or_null(e->licence), "note", str_or_null(e->note),
			"sources", source_ids(e->sources)));
	}
	return json_pack("{s:o, s:o, s:s, s:b, s:f, s:i, s:b, s:o, s:o, s:o, s:o}", "from", node_json(l, from), "to",
			 node_json(l, to), "goal", o->cheapest ? "cheapest" : "fastest", "part_time", o->part_time,
			 "part_time_factor", CAREER_PART_TIME_FACTOR, "experience_months", o->experience_months,
			 "lengths_known", plan->known, "total_months", months(plan->total_min, plan->total_max),
			 "school_months", months(plan->school_min, plan->school_max), "steps", steps,
			 "untimed_alternatives", untimed);
}

static json_t *ladder_step_json(const struct ladder *l, const struct ladder_edge *e)
{
	const char *cred = career_scale_id(SCALE_CREDENTIAL, e->credential);
	json_t *m = e->months_min == CAREER_UNKNOWN ? json_null() : months(e->months_min, e->months_max);
	return json_pack("{s:o, s:o, s:s, s:s, s:o, s:o, s:i, s:o, s:o, s:o, s:o, s:o}", "from", node_json(l, e->from),
			 "to", node_json(l, e->to), "kind", e->kind == STEP_WORK ? "work" : "study",
			 "bridge", e->bridge ? e->bridge : "", "credential", str_or_null(cred), "months", m,
			 "experience_months", e->experience_months, "accreditation", str_or_null(e->accreditation),
			 "exam", str_or_null(e->exam), "licence", str_or_null(e->licence), "note", str_or_null(e->note),
			 "sources", source_ids(e->sources));
}

json_t *render_ladder(const struct ladder *l, size_t node)
{
	json_t *next = json_array(), *prev = json_array();
	for (size_t i = 0; i < l->n_edges; i++) {
		const struct ladder_edge *e = &l->edges[i];
		if (e->entry)
			continue;
		if (e->from == node)
			json_array_append_new(next, ladder_step_json(l, e));
		if (e->to == node)
			json_array_append_new(prev, ladder_step_json(l, e));
	}
	return json_pack("{s:o, s:o, s:o}", "career", node_json(l, node), "next", next, "previous", prev);
}
