/*
 * Unit tests for jw, the streaming JSON writer, against jansson itself: every real, string and
 * integer jw writes must be the bytes json_dumps prints with allied's flags; and the match
 * document that report.c writes with jw must be, byte for byte, the document that the former
 * jansson code built (kept below as the reference), over many generated preference sets on the
 * real data.
 */
#include "testutil.h"
#include "jw.h"
#include "match.h"
#include "profile.h"
#include "render.h"
#include "report.h"

#include <float.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>

#define FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10))

static uint64_t rng_state = 88172645463325252ULL;

static uint64_t rnd64(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static unsigned rnd(unsigned n)
{
	return (unsigned)(rnd64() % n);
}

/* jansson's text for one value (taken: v is decref'ed) */
static char *jansson_text(json_t *v)
{
	assert_non_null(v);
	char *s = json_dumps(v, FLAGS | JSON_ENCODE_ANY);
	assert_non_null(s);
	json_decref(v);
	return s;
}

static void check_real(double v)
{
	char ours[32], *theirs = jansson_text(json_real(v));
	size_t len = jw_format_real(v, ours);
	if (strcmp(ours, theirs) != 0 || len != strlen(theirs))
		fail_msg("real %.17g: jw wrote \"%s\", jansson \"%s\"", v, ours, theirs);
	free(theirs);
}

static void test_reals(void **state)
{
	static const double edge[] = {
		0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 0.2, 0.3, 1.5, 2.5, 45.0, 66.7, 33.3, 100.0, 0.001, 0.0005, 0.0001,
		0.00001, 1e-7, 123456.789, 999999.999, 1e6, 9999999.0, 1e7, 1e7 + 0.5, 12345678.9, 1e9, 1e10, 1e15, 1e16,
		1e20, 1e100, 1e300, -1e300, DBL_MAX, DBL_MIN, 5e-324, 1.0 / 3, 2.0 / 3, -2.0 / 3, 0.333, 0.667, 0.999,
		0.9999999999, 0.99999999999, 3.14159265358979, -0.001, -45.5, 1234567.891, 0.1 + 0.2, 1.005, 2.675,
	};
	(void)state;
	for (size_t i = 0; i < sizeof(edge) / sizeof(edge[0]); i++)
		check_real(edge[i]);
	/* tenths and thousandths, as scores, points and correlations are */
	for (long k = -20000; k <= 20000; k++) {
		check_real(k / 10.0);
		check_real(k / 1000.0);
		check_real(round(k * 0.0731 * 1000) / 1000);
	}
	/* random doubles of every size and random fractions */
	for (int i = 0; i < 200000; i++) {
		uint64_t bits = rnd64();
		double v;
		memcpy(&v, &bits, sizeof(v));
		if (isfinite(v))
			check_real(v);
		check_real((double)rnd(1000000) / (1 + rnd(100000)));
		check_real(ldexp((double)rnd(1 << 30), (int)rnd(80) - 60));
	}
}

static void check_string(const char *s, size_t len)
{
	struct buf b;
	struct jw w;
	char *theirs = jansson_text(json_stringn(s, len));
	buf_init(&b, 0);
	jw_init(&w, &b);
	jw_stringn(&w, s, len);
	if (strcmp(b.data, theirs) != 0)
		fail_msg("string of %zu bytes: jw wrote %s, jansson %s", len, b.data, theirs);
	free(theirs);
	buf_release(&b);
}

static void test_strings(void **state)
{
	static const char *const texts[] = {
		"", "plain", "quote \" and backslash \\", "slash / stays", "tab\tnew\nline\rcr\bbs\fff",
		"caf\xc3\xa9 \xe2\x80\x94 \xe2\x82\xac 10", "emoji \xf0\x9f\x98\x80!", "\x7f del", "\x01\x02\x1f",
		"median pay $67,310, at least your $45,000",
	};
	char all[128];
	(void)state;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		check_string(texts[i], strlen(texts[i]));
	for (int c = 1; c < 128; c++) {	/* every ASCII byte alone and inside text */
		char one[4] = { 'a', (char)c, 'z', 0 };
		check_string(one + 1, 1);
		check_string(one, 3);
		all[c - 1] = (char)c;
	}
	check_string(all, 127);
}

static void test_integers_and_document(void **state)
{
	static const long long ints[] = { 0, 1, -1, 9, 10, -10, 12345, -987654321, LLONG_MAX, LLONG_MIN, INT_MAX, INT_MIN };
	struct buf b;
	struct jw w;
	(void)state;
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		char *theirs = jansson_text(json_integer(ints[i]));
		buf_init(&b, 0);
		jw_init(&w, &b);
		jw_int(&w, ints[i]);
		assert_string_equal(b.data, theirs);
		free(theirs);
		buf_release(&b);
	}

	/* nesting, empty containers, every kind of value, commas in the right places */
	json_t *doc = json_pack("{s:[], s:{}, s:[i, f, s, b, b, n, {s:[[], {}]}], s:{s:{s:i}}, s:o, s:s}",
				"empty", "none", "list", 1, 2.5, "x", 1, 0, "k", "deep", "a", "b", 3, "nothing", json_null(),
				"last", "end");
	char *theirs = json_dumps(doc, FLAGS);
	json_decref(doc);
	buf_init(&b, 0);
	jw_init(&w, &b);
	jw_object_begin(&w);
	jw_key(&w, "empty");
	jw_array_begin(&w);
	jw_array_end(&w);
	jw_key(&w, "none");
	jw_object_begin(&w);
	jw_object_end(&w);
	jw_key(&w, "list");
	jw_array_begin(&w);
	jw_int(&w, 1);
	jw_real(&w, 2.5);
	jw_string(&w, "x");
	jw_bool(&w, true);
	jw_bool(&w, false);
	jw_string(&w, NULL);
	jw_object_begin(&w);
	jw_key(&w, "k");
	jw_array_begin(&w);
	jw_array_begin(&w);
	jw_array_end(&w);
	jw_raw(&w, "{}", 2);
	jw_array_end(&w);
	jw_object_end(&w);
	jw_array_end(&w);
	jw_key(&w, "deep");
	jw_object_begin(&w);
	jw_key(&w, "a");
	jw_object_begin(&w);
	jw_key(&w, "b");
	jw_int(&w, 3);
	jw_object_end(&w);
	jw_object_end(&w);
	jw_key(&w, "nothing");
	jw_null(&w);
	jw_key(&w, "last");
	jw_string(&w, "end");
	jw_object_end(&w);
	assert_string_equal(b.data, theirs);
	free(theirs);
	buf_release(&b);
}

/* ---- the match document: the former jansson code, as the reference ---- */

static json_t *ref_profile(const struct profile *p)
{
	json_t *areas = json_array(), *order = json_array();
	for (int a = 0; a < RIASEC_COUNT; a++)
		json_array_append_new(areas, json_pack("{s:s, s:i, s:i, s:i}", "area", career_riasec_names[a], "score",
						       p->score[a], "min", p->min_score[a], "max", p->max_score[a]));
	for (int k = 0; k < RIASEC_COUNT; k++)
		json_array_append_new(order, json_string(career_riasec_names[p->order[k]]));
	return json_pack("{s:o, s:s, s:o, s:b, s:b, s:i}", "areas", areas, "code", p->code, "order", order, "tied",
			 p->tied, "flat", p->flat, "range", p->range);
}

static json_t *ref_query(const struct match_prefs *p, const struct catalog *cat)
{
	json_t *limits = json_array(), *prefs = json_array();
	char text[512];
	for (int f = 0; f < MATCH_FACTOR_COUNT; f++) {
		if (match_factor_is_set(p, f, true)) {
			match_describe(p, cat, f, true, text, sizeof(text));
			json_array_append_new(limits, json_pack("{s:s, s:s}", "factor", match_factor_id(f), "text", text));
		}
		if (match_factor_is_set(p, f, false)) {
			match_describe(p, cat, f, false, text, sizeof(text));
			json_array_append_new(prefs, json_pack("{s:s, s:i, s:s}", "factor", match_factor_id(f), "weight",
							       p->weight[f], "text", text));
		}
	}
	return json_pack("{s:o, s:o, s:b, s:f}", "limits", limits, "preferences", prefs, "part_time", p->part_time,
			 "part_time_factor", CAREER_PART_TIME_FACTOR);
}

static json_t *ref_result(const struct match_prefs *p, const struct catalog *cat, const struct match_result *r,
			  size_t rank)
{
	const struct career_brief *b = &cat->v[r->career];
	json_t *reasons = json_array();
	char text[512];
	for (size_t i = 0; i < r->n_reasons; i++) {
		const struct match_reason *x = &r->reasons[i];
		match_explain(p, cat, b, x, text, sizeof(text));
		json_t *o = json_pack("{s:s, s:s, s:s, s:f, s:f, s:s}", "factor", match_factor_id(x->factor), "kind",
				      x->hard ? "limit" : "preference", "status", match_status_id(x->status),
				      "satisfaction", x->satisfaction, "points", x->points_tenths / 10.0, "text", text);
		if (!x->hard)
			json_object_set_new(o, "weight", json_integer(p->weight[x->factor]));
		json_array_append_new(reasons, o);
	}
	json_t *o = json_pack("{s:o, s:s, s:s, s:o, s:s, s:s, s:b, s:o}", "rank",
			      rank ? json_integer((json_int_t)rank) : json_null(), "id", b->id, "title", b->title,
			      "score", r->fit == FIT_UNRANKED ? json_null() : json_real(r->score_tenths / 10.0),
			      "fit", r->passes ? match_fit_id(r->fit) : "fails-limits",
			      "fit_label", r->passes ? match_fit_label(r->fit) : "fails a limit", "passes_limits", r->passes,
			      "reasons", reasons);
	if (!isnan(r->profile_r))
		json_object_set_new(o, "profile_correlation", json_real(round(r->profile_r * 1000) / 1000));
	return o;
}

static json_t *ref_match(const struct match_prefs *p, const struct catalog *cat, size_t limit)
{
	struct match_hit *hits = malloc((cat->n ? cat->n : 1) * sizeof(*hits));
	struct match_result r;
	bool flat = p->has_profile && p->profile.flat;
	size_t n = match_rank(p, cat, hits);
	json_t *list = json_array(), *doc = ref_query(p, cat);
	for (size_t i = 0; !flat && i < n && i < limit; i++) {
		match_evaluate(p, cat, hits[i].career, &r);
		json_array_append_new(list, ref_result(p, cat, &r, i + 1));
	}
	json_object_set_new(doc, "profile", p->has_profile ? ref_profile(&p->profile) : json_null());
	json_object_set_new(doc, "ranked", json_boolean(!flat && match_is_ranked(p)));
	json_object_set_new(doc, "explanation", flat ? json_string(report_flat_text) : json_null());
	json_object_set_new(doc, "count", json_integer((json_int_t)n));
	json_object_set_new(doc, "results", list);
	if (p->has_profile)
		json_object_set_new(doc, "attribution", json_string(render_onet_attribution));
	free(hits);
	return doc;
}

/* One random option for the generated preference sets; *value is "" for a flag. */
static const char *random_option(char *value, size_t size)
{
	static const char *const names[] = { "max-months", "min-pay", "min-growth", "no-blood", "remote", "settings",
					     "avoid-shifts", "group", "interests", "patient-contact", "physical",
					     "education", "max-blood", "min-patient-contact" };
	static const char *const settings[] = { "hospital", "lab", "office", "remote", "clinic", "school" };
	static const char *const interests[] = { "heart", "imaging", "teeth", "lab", "records", "brain" };
	static const char *const levels[] = { "none", "low", "some", "high" };
	const char *name = names[rnd(sizeof(names) / sizeof(names[0]))];
	value[0] = '\0';
	if (!strcmp(name, "max-months"))
		snprintf(value, size, "%u", 1 + rnd(60));
	else if (!strcmp(name, "min-pay"))
		snprintf(value, size, "%u", 25000 + 1000 * rnd(60));
	else if (!strcmp(name, "min-growth"))
		snprintf(value, size, "%d", (int)rnd(15) - 3);
	else if (!strcmp(name, "settings"))
		snprintf(value, size, "%s,%s", settings[rnd(6)], settings[rnd(6)]);
	else if (!strcmp(name, "interests"))
		snprintf(value, size, "%s,%s", interests[rnd(6)], interests[rnd(6)]);
	else if (!strcmp(name, "avoid-shifts"))
		snprintf(value, size, "%s", rnd(2) ? "nights,on-call" : "weekends");
	else if (!strcmp(name, "group"))
		snprintf(value, size, "%s", rnd(2) ? "diagnostic" : "primary-care");
	else if (!strcmp(name, "patient-contact") || !strcmp(name, "min-patient-contact"))
		snprintf(value, size, "%s", levels[rnd(4)]);
	else if (!strcmp(name, "physical"))
		snprintf(value, size, "%s", rnd(2) ? "light" : "moderate");
	else if (!strcmp(name, "education"))
		snprintf(value, size, "%s", rnd(2) ? "associate" : "certificate");
	else if (!strcmp(name, "max-blood"))
		snprintf(value, size, "%s", rnd(2) ? "none" : "occasional");
	return name;
}

static void test_match_document(void **state)
{
	char *dir = tu_tmpdir(), path[512];
	struct store *st;
	struct catalog cat;
	struct profile_item *quiz = NULL;
	size_t n_quiz = 0, profiles = 0, results = 0;
	struct diag err;
	(void)state;

	snprintf(path, sizeof(path), "%s/allied.db", dir);
	assert_int_equal(tu_build_db(path), 0);
	diag_init(&err);
	catalog_init(&cat);
	assert_int_equal(store_open(path, STORE_READ_ONLY, &st, &err), 0);
	assert_int_equal(store_load_catalog(st, &cat, &err), 0);
	assert_int_equal(store_load_quiz(st, &quiz, &n_quiz, &err), 0);
	assert_true(n_quiz > 0);
	for (int i = 0; i < 400; i++) {
		struct match_prefs p;
		char value[96], pref[160];
		size_t limit = 1 + rnd(i % 10 == 0 ? 80 : 12);
		match_prefs_init(&p);
		for (unsigned k = rnd(3); k > 0; k--) {
			const char *name = random_option(value, sizeof(value));
			match_set(&p, &cat, name, value[0] ? value : NULL, &err);	/* a refused value is just left out */
		}
		for (unsigned k = rnd(5); k > 0; k--) {
			const char *name = random_option(value, sizeof(value));
			snprintf(pref, sizeof(pref), "%s%s%s:%u", name, value[0] ? "=" : "", value, 1 + rnd(5));
			match_set(&p, &cat, "prefer", pref, &err);
		}
		if (rnd(3) == 0) {	/* quiz answers; now and then all the same (a flat profile) */
			char answers[256];
			struct profile prof;
			int same = rnd(6) == 0;
			for (size_t q = 0; q < n_quiz; q++)
				answers[q] = same ? '3' : (char)('1' + rnd(5));
			answers[n_quiz] = '\0';
			assert_int_equal(profile_score(quiz, n_quiz, answers, &prof, &err), 0);
			match_set_profile(&p, &prof);
			profiles++;
		}
		if (rnd(4) == 0)
			match_set(&p, &cat, "part-time", NULL, &err);

		json_t *ref = ref_match(&p, &cat, limit);
		char *want = json_dumps(ref, FLAGS), *want_cli = json_dumps(ref, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
									  JSON_REAL_PRECISION(10));
		results += json_array_size(json_object_get(ref, "results"));
		struct buf out;
		struct match_hit *hits = malloc(cat.n * sizeof(*hits));
		buf_init(&out, 0);
		report_match_write(&out, &p, &cat, limit, hits);
		if (strcmp(out.data, want) != 0)
			fail_msg("preference set %d: jw wrote\n%s\njansson\n%s", i, out.data, want);
		/* what the command line prints: the document read back, indented */
		json_t *doc = report_match(&p, &cat, limit);
		char *cli = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
		assert_string_equal(cli, want_cli);
		free(cli);
		json_decref(doc);
		free(hits);
		buf_release(&out);
		free(want);
		free(want_cli);
		json_decref(ref);
	}
	assert_true(profiles > 50 && results > 1000);	/* the sets did exercise the document */
	for (size_t i = 0; i < n_quiz; i++)
		free(quiz[i].text);
	free(quiz);
	catalog_release(&cat);
	store_close(st);
	tu_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reals),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_integers_and_document),
		cmocka_unit_test(test_match_document),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
