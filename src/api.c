/*
 * api: routing, parameter and body parsing, and the handlers of the HTTP API (see api.h).
 */
#include "api.h"
#include "assets.h"
#include "buf.h"
#include "filter.h"
#include "geo.h"
#include "programs.h"
#include "ladder.h"
#include "match.h"
#include "profile.h"
#include "render.h"
#include "report.h"
#include "search.h"
#include "store.h"
#include "text.h"
#include "training.h"
#include "xmalloc.h"

#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_COMPARE 3
#define MAX_LIMIT 1000

struct api {
	char *db_path;
	struct catalog cat;		/* every career and the vocabulary */
	struct profile_item *quiz;
	size_t n_quiz;
	struct ladder ladder;
	struct program_list programs;	/* every program with its school, for the finder */
	char *kb_hash;			/* may be NULL */
	long schema_version;

	pthread_mutex_t lock;		/* guards the idle connections below */
	struct store **idle;
	size_t n_idle, cap_idle;
};

/* ---- opening, and store connections for the handlers ---- */

int api_open(const char *db_path, struct api **out, struct diag *err)
{
	struct api *api = xcalloc(1, sizeof(*api));
	struct store *st = NULL;
	char *version = NULL;
	int rc;

	api->db_path = xstrdup(db_path);
	catalog_init(&api->cat);
	ladder_init(&api->ladder);
	program_list_init(&api->programs);
	pthread_mutex_init(&api->lock, NULL);
	rc = store_open(db_path, STORE_READ_ONLY, &st, err);
	if (rc == 0)
		rc = store_load_catalog(st, &api->cat, err);
	if (rc == 0)
		rc = store_load_quiz(st, &api->quiz, &api->n_quiz, err);
	if (rc == 0)
		rc = store_load_ladder(st, &api->ladder, err);
	if (rc == 0)
		rc = store_load_programs(st, &api->programs, err);
	if (rc == 0 && api->programs.n) {
		/* the finder builds its index on its first find: now, not on a visitor's request */
		struct program_query q;
		struct program_hit *hits = xmalloc(api->programs.n * sizeof(*hits));
		programs_query_init(&q);
		programs_find(&api->programs, &q, hits, NULL);
		free(hits);
	}
	if (rc == 0)
		rc = store_meta_get(st, "kb_hash", &api->kb_hash, err);
	if (rc == 0)
		rc = store_meta_get(st, "schema_version", &version, err);
	if (rc < 0) {
		if (st)
			store_close(st);
		free(version);
		api_close(api);
		return rc;
	}
	api->schema_version = version ? strtol(version, NULL, 10) : 0;
	free(version);
	api->idle = xmalloc(sizeof(*api->idle));
	api->cap_idle = 1;
	api->idle[api->n_idle++] = st;
	*out = api;
	return 0;
}

void api_close(struct api *api)
{
	if (!api)
		return;
	for (size_t i = 0; i < api->n_idle; i++)
		store_close(api->idle[i]);
	free(api->idle);
	catalog_release(&api->cat);
	for (size_t i = 0; i < api->n_quiz; i++)
		free(api->quiz[i].text);
	free(api->quiz);
	ladder_release(&api->ladder);
	program_list_release(&api->programs);
	pthread_mutex_destroy(&api->lock);
	free(api->kb_hash);
	free(api->db_path);
	free(api);
}

size_t api_career_count(const struct api *api)
{
	return api->cat.n;
}

/* A store connection for this request: an idle one, or a new one. Give it back with put_store. */
static int get_store(struct api *api, struct store **st, struct diag *err)
{
	pthread_mutex_lock(&api->lock);
	*st = api->n_idle ? api->idle[--api->n_idle] : NULL;
	pthread_mutex_unlock(&api->lock);
	return *st ? 0 : store_open(api->db_path, STORE_READ_ONLY, st, err);
}

/* A connection that failed with a database error is closed rather than reused. */
static void put_store(struct api *api, struct store *st, int rc)
{
	if (!st)
		return;
	if (rc == ALLIED_EDB || rc == ALLIED_EIO) {
		store_close(st);
		return;
	}
	pthread_mutex_lock(&api->lock);
	if (api->n_idle == api->cap_idle) {
		api->cap_idle *= 2;
		api->idle = xrealloc(api->idle, api->cap_idle * sizeof(*api->idle));
	}
	api->idle[api->n_idle++] = st;
	pthread_mutex_unlock(&api->lock);
}

/* ---- responses ---- */

static const char *status_code_id(int status)
{
	switch (status) {
	case 400: return "bad-request";
	case 404: return "not-found";
	case 405: return "method-not-allowed";
	case 413: return "too-large";
	case 415: return "unsupported-media-type";
	case 429: return "too-many-requests";
	case 503: return "unavailable";
	default: return "internal";
	}
}

static void respond_json(struct api_response *res, int status, json_t *doc)
{
	res->status = status;
	res->content_type = "application/json; charset=utf-8";
	res->cache_control = "no-store";
	res->body = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	json_decref(doc);
	if (!res->body)
		abort();	/* jansson fails only when out of memory; xmalloc aborts then too */
	res->len = strlen(res->body);
	res->body_static = false;
}

void api_error(struct api_response *res, int status, const char *message)
{
	/* messages quote what the client sent, perhaps cut mid-character: jansson takes only UTF-8 */
	char *text = xstrdup(message);
	text_utf8_repair(text);
	respond_json(res, status, json_pack("{s:{s:s, s:s}}", "error", "code", status_code_id(status), "message",
					    text));
	free(text);
}

static void errorf(struct api_response *res, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void errorf(struct api_response *res, int status, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	api_error(res, status, msg);
}

/*
 * A core message reworded for the API: the core names options as on the command line
 * ("--max-months: ..."), the API as parameters ("max-months: ...").
 */
static void api_words(const char *msg, char *out, size_t size)
{
	size_t k = 0;
	for (size_t i = 0; msg[i] && k + 1 < size; i++) {
		bool at_start = i == 0 || msg[i - 1] == ' ' || msg[i - 1] == '\'' || msg[i - 1] == '(';
		if (at_start && msg[i] == '-' && msg[i + 1] == '-' && msg[i + 2] >= 'a' && msg[i + 2] <= 'z') {
			i++;
			continue;
		}
		out[k++] = msg[i];
	}
	out[k] = '\0';
}

/*
 * Turn a failure from the core into a response: the client's fault, not found, the database
 * unusable for now (503: locked by a writer, corrupt, gone; what is in memory still answers),
 * or ours.
 */
static void fail(struct api_response *res, const struct diag *err)
{
	char msg[sizeof(err->msg)];
	switch (err->code) {
	case ALLIED_EINVAL:
	case ALLIED_EUSAGE:
		api_words(err->msg, msg, sizeof(msg));
		api_error(res, 400, msg);
		break;
	case ALLIED_ENOTFOUND:
		api_words(err->msg, msg, sizeof(msg));
		api_error(res, 404, msg);
		break;
	case ALLIED_EDB:
	case ALLIED_EIO:
		snprintf(res->log, sizeof(res->log), "%.500s", err->msg);
		api_error(res, 503, "the database cannot be read just now; try again later (the cause has been logged)");
		break;
	default:
		snprintf(res->log, sizeof(res->log), "%.500s", err->msg);
		api_error(res, 500, "something went wrong on the server; it has been logged");
		break;
	}
}

void api_response_release(struct api_response *res)
{
	if (!res->body_static)
		free(res->body);
	res->body = NULL;
}

/* ---- query parameters ---- */

/* The only value of parameter name, or NULL; *present says whether it was given at all. */
static const char *param(const struct api_request *req, const char *name, bool *present)
{
	for (size_t i = 0; i < req->n_params; i++)
		if (strcmp(req->params[i].name, name) == 0) {
			if (present)
				*present = true;
			return req->params[i].value;
		}
	if (present)
		*present = false;
	return NULL;
}

/* Reject repeated parameters and parameters not in allowed (NULL-terminated), unless extra accepts them. */
static int check_params(const struct api_request *req, const char *const *allowed, int (*extra)(const char *),
			struct api_response *res)
{
	if (req->n_params > API_MAX_PARAMS) {
		errorf(res, 400, "too many query parameters (at most %d)", API_MAX_PARAMS);
		return -1;
	}
	for (size_t i = 0; i < req->n_params; i++) {
		const char *name = req->params[i].name;
		bool ok = extra && extra(name) >= 0;
		for (size_t k = 0; !ok && allowed[k]; k++)
			ok = strcmp(allowed[k], name) == 0;
		if (!ok) {
			errorf(res, 400, "unknown parameter '%.100s'; see /api/v1/openapi.json", name);
			return -1;
		}
		for (size_t k = 0; k < i; k++)
			if (strcmp(req->params[k].name, name) == 0) {
				errorf(res, 400, "parameter '%.100s' is given twice", name);
				return -1;
			}
	}
	return 0;
}

/* A flag's value: 1 set, 0 unset, -1 bad (and res filled). */
static int flag_value(const char *name, const char *value, struct api_response *res)
{
	if (!value || !*value || strcmp(value, "1") == 0 || strcmp(value, "true") == 0)
		return 1;
	if (strcmp(value, "0") == 0 || strcmp(value, "false") == 0)
		return 0;
	errorf(res, 400, "parameter '%s' is a flag: give it without a value, or as true or false", name);
	return -1;
}

/*
 * The value to pass on for an option parameter (has_value: 1 takes a value, 0 is a flag): 1 with
 * *out set (NULL for a flag that is on), 0 for a flag that is off, -1 with res filled.
 */
static int option_param(const char *name, const char *value, int has_value, const char **out,
			struct api_response *res)
{
	if (has_value == 0) {
		int set = flag_value(name, value, res);
		*out = NULL;
		return set;
	}
	if (!value || !*value) {
		errorf(res, 400, "parameter '%s' needs a value", name);
		return -1;
	}
	*out = value;
	return 1;
}

/* A flag parameter: *out is whether it is set. -1 and res filled when its value is bad. */
static int flag_param(const struct api_request *req, const char *name, bool *out, struct api_response *res)
{
	bool present;
	const char *v = param(req, name, &present);
	int set = present ? flag_value(name, v, res) : 0;
	*out = set == 1;
	return set < 0 ? -1 : 0;
}

/* An integer parameter in [lo, hi]; def when absent. -1 and res filled when bad. */
static int int_param(const struct api_request *req, const char *name, long lo, long hi, long def, long *out,
		     struct api_response *res)
{
	bool present;
	const char *v = param(req, name, &present);
	char *end;

	*out = def;
	if (!present)
		return 0;
	long n = v ? strtol(v, &end, 10) : 0;
	if (!v || !*v || *end || n < lo || n > hi) {
		errorf(res, 400, "parameter '%s' must be a whole number from %ld to %ld", name, lo, hi);
		return -1;
	}
	*out = n;
	return 0;
}

/* ---- the handlers ---- */

static void h_health(struct api *api, const struct api_request *req, struct api_response *res)
{
	static const char *const none[] = { NULL };
	if (check_params(req, none, NULL, res) < 0)
		return;
	respond_json(res, 200, json_pack("{s:s, s:s, s:i, s:o, s:I}", "status", "ok", "version", ALLIED_VERSION,
					 "schema_version", (int)api->schema_version, "kb_hash",
					 api->kb_hash ? json_string(api->kb_hash) : json_null(), "careers",
					 (json_int_t)api->cat.n));
}

static json_t *scale_json(enum career_scale scale)
{
	json_t *a = json_array();
	for (int i = 0; i < career_scale_count(scale); i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "id", career_scale_id(scale, i), "label",
						   career_scale_label(scale, i)));
	return a;
}

static json_t *vocab_json(const struct vocab_item *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "id", v[i].id, "label", v[i].label));
	return a;
}

static void h_vocabulary(struct api *api, const struct api_request *req, struct api_response *res)
{
	static const char *const none[] = { NULL };
	static const char *const sorts[] = { "title", "pay", "months", "growth", "openings" };

	if (check_params(req, none, NULL, res) < 0)
		return;
	json_t *sort = json_array(), *areas = json_array(), *filters = json_array();
	for (size_t i = 0; i < sizeof(sorts) / sizeof(sorts[0]); i++)
		json_array_append_new(sort, json_string(sorts[i]));
	for (int i = 0; i < RIASEC_COUNT; i++)
		json_array_append_new(areas, json_string(career_riasec_names[i]));
	for (size_t i = 0; filter_option_names[i]; i++)
		json_array_append_new(filters, json_pack("{s:s, s:b}", "name", filter_option_names[i], "takes_value",
							 filter_option_has_value(filter_option_names[i]) > 0));
	respond_json(res, 200, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
					 "groups", scale_json(SCALE_GROUP), "credentials", scale_json(SCALE_CREDENTIAL),
					 "patient_contact", scale_json(SCALE_CONTACT), "blood", scale_json(SCALE_BLOOD),
					 "physical", scale_json(SCALE_PHYSICAL), "remote", scale_json(SCALE_REMOTE),
					 "shifts", scale_json(SCALE_SHIFT), "settings",
					 vocab_json(api->cat.settings, api->cat.n_settings), "interests",
					 vocab_json(api->cat.interests, api->cat.n_interests), "sort", sort,
					 "interest_areas", areas, "filters", filters));
}

static int careers_extra(const char *name)
{
	return strcmp(name, "q") == 0 ? 1 : filter_option_has_value(name);
}

static void h_careers(struct api *api, const struct api_request *req, struct api_response *res)
{
	static const char *const none[] = { NULL };
	struct career_filter f;
	struct diag err;
	const char *q = NULL;
	bool has_q = false;
	json_t *list;
	size_t n = 0;

	if (check_params(req, none, careers_extra, res) < 0)
		return;
	diag_init(&err);
	filter_init(&f);
	for (size_t i = 0; i < req->n_params; i++) {
		const char *name = req->params[i].name, *value = req->params[i].value;
		if (strcmp(name, "q") == 0) {
			q = value ? value : "";
			has_q = true;
			continue;
		}
		int use = option_param(name, value, filter_option_has_value(name), &value, res);
		if (use < 0)
			return;
		if (use == 0)
			continue;
		if (filter_set(&f, &api->cat, name, value, &err) < 0) {
			fail(res, &err);
			return;
		}
	}
	list = json_array();
	if (has_q) {
		struct search_result r;
		struct store *st = NULL;
		int rc;
		if (!q[strspn(q, " \t")]) {
			json_decref(list);
			api_error(res, 400, "parameter 'q' is empty: give one or more words, or leave q out");
			return;
		}
		size_t *idx = xmalloc((api->cat.n ? api->cat.n : 1) * sizeof(*idx));
		search_result_init(&r);
		rc = get_store(api, &st, &err);
		if (rc == 0)
			rc = search_run(st, q, api->cat.n, &r, &err);
		put_store(api, st, rc);
		for (size_t i = 0; rc == 0 && i < r.n; i++) {
			const struct career_brief *b = catalog_find(&api->cat, r.v[i].id);
			if (b && filter_match(&f, b))
				idx[n++] = (size_t)(b - api->cat.v);
		}
		if (param(req, "sort", NULL))	/* most relevant first, unless a sort is asked for */
			filter_sort(&f, &api->cat, idx, n);
		for (size_t i = 0; i < n; i++)
			json_array_append_new(list, render_brief(&api->cat.v[idx[i]], &api->cat));
		free(idx);
		search_result_release(&r);
		if (rc < 0) {
			json_decref(list);
			fail(res, &err);
			return;
		}
		respond_json(res, 200, json_pack("{s:I, s:o, s:s}", "count", (json_int_t)n, "careers", list, "query", q));
		return;
	}
	size_t *idx = xmalloc((api->cat.n ? api->cat.n : 1) * sizeof(*idx));
	n = filter_apply(&f, &api->cat, idx);
	json_decref(list);
	list = render_briefs(&api->cat, idx, n);
	free(idx);
	respond_json(res, 200, json_pack("{s:I, s:o}", "count", (json_int_t)n, "careers", list));
}

static void h_career(struct api *api, const struct api_request *req, struct api_response *res, const char *name)
{
	static const char *const none[] = { NULL };
	struct store *st = NULL;
	struct career c;
	struct diag err;
	json_t *doc = NULL;
	char *id = NULL;
	int rc;

	if (check_params(req, none, NULL, res) < 0)
		return;
	diag_init(&err);
	career_init(&c);
	rc = get_store(api, &st, &err);
	if (rc == 0)
		rc = report_resolve(st, name, &id, &err);
	if (rc == 0)
		rc = store_get_career(st, id, &c, &err);
	if (rc == 0)
		rc = report_career(st, &c, &api->cat, &doc, &err);
	put_store(api, st, rc);
	if (rc < 0)
		fail(res, &err);
	else
		respond_json(res, 200, doc);
	career_release(&c);
	free(id);
}

static void h_ladder(struct api *api, const struct api_request *req, struct api_response *res, const char *name)
{
	static const char *const none[] = { NULL };
	struct store *st = NULL;
	struct diag err;
	size_t node = 0;
	int rc;

	if (check_params(req, none, NULL, res) < 0)
		return;
	diag_init(&err);
	rc = get_store(api, &st, &err);
	if (rc == 0)
		rc = report_resolve_node(st, &api->ladder, name, &node, &err);
	put_store(api, st, rc);
	if (rc < 0)
		fail(res, &err);
	else
		respond_json(res, 200, render_ladder(&api->ladder, node));
}

static void h_search(struct api *api, const struct api_request *req, struct api_response *res)
{
	static const char *const names[] = { "q", "limit", NULL };
	struct search_result r;
	struct store *st = NULL;
	struct diag err;
	long limit;
	int rc;

	if (check_params(req, names, NULL, res) < 0 || int_param(req, "limit", 1, MAX_LIMIT, 10, &limit, res) < 0)
		return;
	const char *q = param(req, "q", NULL);
	if (!q || !q[strspn(q, " \t")]) {
		api_error(res, 400, "what should I search for? give one or more words as q");
		return;
	}
	diag_init(&err);
	search_result_init(&r);
	rc = get_store(api, &st, &err);
	if (rc == 0)
		rc = search_run(st, q, (size_t)limit, &r, &err);
	put_store(api, st, rc);
	if (rc < 0)
		fail(res, &err);
	else
		respond_json(res, 200, render_search(q, &r));
	search_result_release(&r);
}

static void h_quiz(struct api *api, const struct api_request *req, struct api_response *res)
{
	static const char *const none[] = { NULL };
	static const char *const labels[] = { "strongly dislike", "dislike", "not sure", "like", "strongly like" };
	json_t *items = json_array(), *scale = json_array();

	if (check_params(req, none, NULL, res) < 0) {
		json_decref(items);
		json_decref(scale);
		return;
	}
	for (size_t i = 0; i < api->n_quiz; i++)
		json_array_append_new(items, json_pack("{s:I, s:s, s:s}", "number", (json_int_t)(i + 1), "area",
						       career_riasec_names[api->quiz[i].area], "text", api->quiz[i].text));
	for (int v = 1; v <= 5; v++)
		json_array_append_new(scale, json_pack("{s:i, s:s}", "value", v, "label", labels[v - 1]));
	respond_json(res, 200, json_pack("{s:o, s:o, s:s}", "items", items, "scale", scale, "note",
					 "allied's own short interest inventory, scored as in docs/matching.md; it is "
					 "not the O*NET Interest Profiler. Answers are not stored."));
}

/* ---- POST bodies ---- */

/* The request's body as a JSON object, or NULL with res filled (415 or 400). */
static json_t *body_object(const struct api_request *req, struct api_response *res)
{
	json_error_t jerr;
	const char *ct = req->content_type;
	size_t len = strlen("application/json");

	if (!ct || strncasecmp(ct, "application/json", len) != 0 || (ct[len] && ct[len] != ';' && ct[len] != ' ')) {
		api_error(res, 415, "send the body as JSON, with Content-Type: application/json");
		return NULL;
	}
	if (req->body_len > API_MAX_BODY_BYTES) {
		errorf(res, 413, "the body is larger than %d bytes", API_MAX_BODY_BYTES);
		return NULL;
	}
	json_t *doc = json_loadb(req->body ? req->body : "", req->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (!doc) {
		errorf(res, 400, "the body is not valid JSON: %s (line %d, column %d)", jerr.text, jerr.line, jerr.column);
		return NULL;
	}
	if (!json_is_object(doc)) {
		json_decref(doc);
		api_error(res, 400, "the body must be a JSON object whose keys are option names, e.g. {\"no-blood\": true}");
		return NULL;
	}
	return doc;
}

/* Is name an option whose value is a comma-separated list? */
static bool is_list_option(const char *name)
{
	return strcmp(name, "settings") == 0 || strcmp(name, "interests") == 0 || strcmp(name, "avoid-shifts") == 0;
}

/* Set one match option from a JSON value. -1 with res filled when it is not acceptable. */
static int set_match_value(struct api *api, struct match_prefs *p, const char *key, json_t *v,
			   struct api_response *res)
{
	struct diag err;
	char num[64];
	const char *s = NULL;
	int has = match_option_has_value(key);

	diag_init(&err);
	if (has < 0) {
		errorf(res, 400, "unknown option '%.100s'; the options are those of 'allied match' (docs/api.md)", key);
		return -1;
	}
	if (has == 0) {
		if (!json_is_boolean(v) && !json_is_null(v)) {
			errorf(res, 400, "option '%s' is a flag: give true or false", key);
			return -1;
		}
		if (!json_is_true(v))
			return 0;
	} else if (json_is_null(v)) {
		return 0;
	} else if (json_is_string(v)) {
		s = json_string_value(v);
	} else if (json_is_integer(v)) {
		snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
		s = num;
	} else if (json_is_real(v)) {
		snprintf(num, sizeof(num), "%.10g", json_real_value(v));
		s = num;
	} else if (json_is_array(v) && (is_list_option(key) || strcmp(key, "prefer") == 0 || strcmp(key, "require") == 0)) {
		size_t i;
		json_t *e;
		struct buf joined;
		json_array_foreach(v, i, e) {
			if (!json_is_string(e)) {
				errorf(res, 400, "option '%s': every item of the list must be a string", key);
				return -1;
			}
		}
		if (!is_list_option(key)) {
			json_array_foreach(v, i, e) {
				if (match_set(p, &api->cat, key, json_string_value(e), &err) < 0) {
					fail(res, &err);
					return -1;
				}
			}
			return 0;
		}
		buf_init(&joined, 0);
		json_array_foreach(v, i, e)
			buf_addf(&joined, "%s%s", i ? "," : "", json_string_value(e));
		int rc = match_set(p, &api->cat, key, joined.data, &err);
		buf_release(&joined);
		if (rc < 0)
			fail(res, &err);
		return rc < 0 ? -1 : 0;
	} else {
		errorf(res, 400, "option '%s' needs a string or a number", key);
		return -1;
	}
	if (match_set(p, &api->cat, key, s, &err) < 0) {
		fail(res, &err);
		return -1;
	}
	return 0;
}

/*
 * Fill p from a match body. "limit" goes to *limit, "ids" (accepted only when ids is non-NULL)
 * is left in the object for the caller. -1 with res filled on bad input.
 */
static int parse_match_body(struct api *api, json_t *body, struct match_prefs *p, long *limit, bool with_ids,
			    struct api_response *res)
{
	const char *key;
	json_t *v;
	const char *answers = NULL;

	match_prefs_init(p);
	json_object_foreach(body, key, v) {
		if (strcmp(key, "limit") == 0) {
			json_int_t n = json_is_integer(v) ? json_integer_value(v) : 0;
			if (n < 1 || n > MAX_LIMIT) {
				errorf(res, 400, "'limit' must be a whole number from 1 to %d", MAX_LIMIT);
				return -1;
			}
			*limit = (long)n;
		} else if (strcmp(key, "answers") == 0) {
			if (!json_is_string(v)) {
				api_error(res, 400, "'answers' must be a string of digits 1-5, one per quiz question");
				return -1;
			}
			answers = json_string_value(v);
		} else if (strcmp(key, "ids") == 0 && with_ids) {
			continue;
		} else if (set_match_value(api, p, key, v, res) < 0) {
			return -1;
		}
	}
	if (answers) {
		struct profile prof;
		struct diag err;
		diag_init(&err);
		if (api->n_quiz == 0) {
			api_error(res, 400, "this database has no quiz questions");
			return -1;
		}
		if (profile_score(api->quiz, api->n_quiz, answers, &prof, &err) < 0) {
			fail(res, &err);
			return -1;
		}
		match_set_profile(p, &prof);
	}
	return 0;
}

static void h_match(struct api *api, const struct api_request *req, struct api_response *res)
{
	static const char *const none[] = { NULL };
	struct match_prefs p;
	long limit = 10;
	json_t *body;

	if (check_params(req, none, NULL, res) < 0 || !(body = body_object(req, res)))
		return;
	if (parse_match_body(api, body, &p, &limit, false, res) == 0) {
		/* written straight into the answer: no jansson document (docs/performance.md) */
		struct match_hit *hits = xmalloc((api->cat.n ? api->cat.n : 1) * sizeof(*hits));
		struct buf out;
		buf_init(&out, 0);
		buf_grow(&out, 8192);	/* a usual answer is 3-10 KB */
		report_match_write(&out, &p, &api->cat, (size_t)limit, hits);
		free(hits);
		res->status = 200;
		res->content_type = "application/json; charset=utf-8";
		res->cache_control = "no-store";
		res->body = buf_detach(&out, &res->len);
		buf_release(&out);
	}
	json_decref(body);
}

/* Compare the careers named names[0..n), with the match view when p is not NULL. */
static void compare(struct api *api, const char *const *names, size_t n, const struct match_prefs *p,
		    struct api_response *res)
{
	struct career c[MAX_COMPARE];
	struct store *st = NULL;
	struct diag err;
	json_t *doc = NULL;
	size_t loaded = 0;
	int rc;

	if (n < 2 || n > MAX_COMPARE) {
		errorf(res, 400, "give two or three careers to compare, not %zu", n);
		return;
	}
	diag_init(&err);
	rc = get_store(api, &st, &err);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		char *id = NULL;
		career_init(&c[loaded]);
		rc = report_resolve(st, names[i], &id, &err);
		if (rc == 0)
			rc = store_get_career(st, id, &c[loaded], &err);
		if (rc == 0)
			loaded++;
		else
			career_release(&c[loaded]);
		free(id);
	}
	if (rc == 0)
		rc = report_compare(st, c, loaded, &api->cat, p, &api->cat, &doc, &err);
	put_store(api, st, rc);
	for (size_t i = 0; i < loaded; i++)
		career_release(&c[i]);
	if (rc < 0)
		fail(res, &err);
	else
		respond_json(res, 200, doc);
}

static void h_compare_get(struct api *api, const struct api_request *req, struct api_response *res)
{
	static const char *const names[] = { "ids", NULL };
	const char *parts[MAX_COMPARE + 1];
	char *copy, *save = NULL;
	size_t n = 0;

	if (check_params(req, names, NULL, res) < 0)
		return;
	const char *ids = param(req, "ids", NULL);
	if (!ids) {
		api_error(res, 400, "say which careers to compare: ids=A,B or ids=A,B,C");
		return;
	}
	copy = xstrdup(ids);
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save))
		if (n <= MAX_COMPARE)
			parts[n++] = t;
		else
			n++;
	compare(api, parts, n, NULL, res);
	free(copy);
}

static void h_compare_post(struct api *api, const struct api_request *req, struct api_response *res)
{
	static const char *const none[] = { NULL };
	const char *parts[MAX_COMPARE];
	struct match_prefs p;
	long limit = 10;
	json_t *body, *ids;
	size_t i, n = 0;
	json_t *e;

	if (check_params(req, none, NULL, res) < 0 || !(body = body_object(req, res)))
		return;
	ids = json_object_get(body, "ids");
	if (!json_is_array(ids)) {
		api_error(res, 400, "'ids' must be a list of two or three career names");
	} else if (parse_match_body(api, body, &p, &limit, true, res) == 0) {
		json_array_foreach(ids, i, e) {
			if (!json_is_string(e)) {
				api_error(res, 400, "'ids' must be a list of two or three career names");
				json_decref(body);
				return;
			}
			if (n < MAX_COMPARE)
				parts[n] = json_string_value(e);
			n++;
		}
		compare(api, parts, n, &p, res);
	}
	json_decref(body);
}

static void h_path(struct api *api, const struct api_request *req, struct api_response *res)
{
	static const char *const names[] = { "to", "from", "part-time", "cheapest", "experience", NULL };
	struct ladder_options o = { false, false, 0 };
	struct ladder_plan plan;
	struct store *st = NULL;
	struct diag err;
	size_t from = LADDER_START, to = 0;
	long experience;
	int rc;

	if (check_params(req, names, NULL, res) < 0 || int_param(req, "experience", 0, 600, 0, &experience, res) < 0)
		return;
	o.experience_months = (int)experience;
	if (flag_param(req, "part-time", &o.part_time, res) < 0 || flag_param(req, "cheapest", &o.cheapest, res) < 0)
		return;
	const char *target = param(req, "to", NULL), *start = param(req, "from", NULL);
	if (!target || !*target) {
		api_error(res, 400, "say where you want to go: to=CAREER");
		return;
	}
	diag_init(&err);
	rc = get_store(api, &st, &err);
	if (rc == 0)
		rc = report_resolve_node(st, &api->ladder, target, &to, &err);
	if (rc == 0 && start && *start)
		rc = report_resolve_node(st, &api->ladder, start, &from, &err);
	put_store(api, st, rc);
	if (rc == 0)
		rc = ladder_plan(&api->ladder, from, to, &o, &plan, &err);
	if (rc < 0)
		fail(res, &err);
	else
		respond_json(res, 200, render_plan(&api->ladder, from, to, &o, &plan));
}

static void h_rules(struct api *api, const struct api_request *req, struct api_response *res)
{
	static const char *const names[] = { "career", "state", NULL };
	struct store *st = NULL;
	struct diag err;
	char code[3], *id = NULL, *title = NULL;
	json_t *doc = NULL;
	int rc;

	if (check_params(req, names, NULL, res) < 0)
		return;
	const char *career = param(req, "career", NULL), *state = param(req, "state", NULL);
	if (!career || !*career) {
		api_error(res, 400, "which career? give career=CAREER");
		return;
	}
	if (state && !training_state_parse(state, code)) {
		errorf(res, 400, "state: '%.20s' is not a two-letter US state code (NJ, NY, PA, CA, TX, FL ...)", state);
		return;
	}
	diag_init(&err);
	rc = get_store(api, &st, &err);
	if (rc == 0)
		rc = report_resolve(st, career, &id, &err);
	if (rc == 0)
		rc = store_career_title(st, id, &title, &err);
	if (rc == 0)
		rc = report_rules(st, id, title, state ? code : NULL, &doc, &err);
	put_store(api, st, rc);
	if (rc < 0)
		fail(res, &err);
	else
		respond_json(res, 200, doc);
	free(id);
	free(title);
}

static int programs_extra(const char *name)
{
	if (strcmp(name, "career") == 0 || strcmp(name, "near") == 0 || strcmp(name, "limit") == 0)
		return 1;
	return programs_option_has_value(name);
}

static void h_programs(struct api *api, const struct api_request *req, struct api_response *res)
{
	static const char *const none[] = { NULL };
	struct program_query q;
	const struct program_list *list = &api->programs;
	struct store *st = NULL;
	struct diag err;
	char *id = NULL;
	long limit;
	json_t *doc = NULL;
	int rc;

	if (check_params(req, none, programs_extra, res) < 0 || int_param(req, "limit", 1, MAX_LIMIT, 20, &limit, res) < 0)
		return;
	programs_query_init(&q);
	diag_init(&err);
	for (size_t i = 0; i < req->n_params; i++) {
		const char *name = req->params[i].name, *value = req->params[i].value;
		if (strcmp(name, "career") == 0 || strcmp(name, "near") == 0 || strcmp(name, "limit") == 0)
			continue;
		int use = option_param(name, value, programs_option_has_value(name), &value, res);
		if (use < 0)
			return;
		if (use == 0)
			continue;
		if (programs_set(&q, name, value, &err) < 0) {
			fail(res, &err);
			return;
		}
	}
	const char *career = param(req, "career", NULL), *near = param(req, "near", NULL);
	if (!near && param(req, "radius", NULL)) {
		api_error(res, 400, "radius needs near=ZIP: a distance from where?");
		return;
	}
	if (near && !geo_is_zip(near)) {
		errorf(res, 400, "near: '%.20s' is not a five-digit ZIP code", near);
		return;
	}
	rc = get_store(api, &st, &err);
	if (rc == 0 && career && *career)
		rc = report_resolve(st, career, &id, &err);
	q.career = id;
	if (rc == 0 && near) {
		q.near = true;
		rc = report_zip_location(st, near, &q.lat, &q.lon, &err);
	}
	if (rc == 0) {
		struct program_hit *hits = xmalloc((list->n ? list->n : 1) * sizeof(*hits));
		size_t unlocated = 0, n = programs_find(list, &q, hits, &unlocated);
		rc = report_programs(st, list, &q, near, hits, n, (size_t)limit, unlocated, &doc, &err);
		free(hits);
	}
	put_store(api, st, rc);
	if (rc < 0)
		fail(res, &err);
	else
		respond_json(res, 200, doc);
	free(id);
}

static void h_institution(struct api *api, const struct api_request *req, struct api_response *res, const char *name)
{
	static const char *const names[] = { "career", NULL };
	struct store *st = NULL;
	struct diag err;
	char *id = NULL;
	json_t *doc = NULL;
	int rc;

	if (check_params(req, names, NULL, res) < 0)
		return;
	const char *career = param(req, "career", NULL);
	diag_init(&err);
	rc = get_store(api, &st, &err);
	if (rc == 0 && career && *career)
		rc = report_resolve(st, career, &id, &err);
	if (rc == 0)
		rc = report_verify(st, &api->programs, name, id, &doc, &err);
	put_store(api, st, rc);
	if (rc < 0)
		fail(res, &err);
	else
		respond_json(res, 200, doc);
	free(id);
}

/* ---- routing ---- */

static bool is(const struct api_request *req, const char *method)
{
	return strcmp(req->method, method) == 0;
}

static void not_allowed(struct api_response *res, const char *allow)
{
	errorf(res, 405, "this address answers only %s", allow);
	res->allow = allow;
}

static void serve_asset(const struct asset *a, const struct api_request *req, struct api_response *res)
{
	if (!is(req, "GET") && !is(req, "HEAD")) {
		not_allowed(res, "GET, HEAD");
		return;
	}
	res->status = 200;
	res->content_type = a->content_type;
	res->cache_control = "no-cache";
	res->body = (char *)a->data;
	res->len = (size_t)(a->end - a->data);
	res->body_static = true;
}

/* A GET-only route: answer with fn, or 405. */
#define GET_ONLY(fn)                                                        \
	do {                                                                \
		if (is(req, "GET") || is(req, "HEAD"))                      \
			fn;                                                 \
		else                                                        \
			not_allowed(res, "GET, HEAD");                      \
		return;                                                     \
	} while (0)

/* The routes that answer GET (and HEAD) only, with no part of the path as an argument. */
static const struct {
	const char *path;
	void (*handle)(struct api *, const struct api_request *, struct api_response *);
} get_routes[] = {
	{ "/api/v1/health", h_health },
	{ "/api/v1/vocabulary", h_vocabulary },
	{ "/api/v1/careers", h_careers },
	{ "/api/v1/search", h_search },
	{ "/api/v1/quiz", h_quiz },
	{ "/api/v1/path", h_path },
	{ "/api/v1/rules", h_rules },
	{ "/api/v1/programs", h_programs },
};

void api_handle(struct api *api, const struct api_request *req, struct api_response *res)
{
	static const char careers_prefix[] = "/api/v1/careers/", institutions_prefix[] = "/api/v1/institutions/";
	const char *path = req->path;
	const struct asset *a;

	memset(res, 0, sizeof(*res));
	/* documents echo what was asked (search's query), and JSON holds only UTF-8 */
	if (!text_is_utf8(path)) {
		api_error(res, 400, "the address is not UTF-8 text");
		return;
	}
	for (size_t i = 0; i < req->n_params; i++)
		if (!text_is_utf8(req->params[i].name) || (req->params[i].value && !text_is_utf8(req->params[i].value))) {
			api_error(res, 400, "the query string is not UTF-8 text");
			return;
		}
	if ((a = assets_find(path))) {
		serve_asset(a, req, res);
		return;
	}
	for (size_t i = 0; i < sizeof(get_routes) / sizeof(get_routes[0]); i++)
		if (strcmp(path, get_routes[i].path) == 0)
			GET_ONLY(get_routes[i].handle(api, req, res));
	if (strcmp(path, "/api/v1/match") == 0) {
		if (is(req, "POST"))
			h_match(api, req, res);
		else
			not_allowed(res, "POST");
		return;
	}
	if (strcmp(path, "/api/v1/compare") == 0) {
		if (is(req, "POST"))
			h_compare_post(api, req, res);
		else if (is(req, "GET") || is(req, "HEAD"))
			h_compare_get(api, req, res);
		else
			not_allowed(res, "GET, HEAD, POST");
		return;
	}
	if (strncmp(path, institutions_prefix, sizeof(institutions_prefix) - 1) == 0) {
		const char *name = path + sizeof(institutions_prefix) - 1;
		if (!*name || strlen(name) > 255) {
			api_error(res, 404, "no such address; see /api/v1/openapi.json");
			return;
		}
		GET_ONLY(h_institution(api, req, res, name));
	}
	if (strncmp(path, careers_prefix, sizeof(careers_prefix) - 1) == 0) {
		const char *rest = path + sizeof(careers_prefix) - 1;
		const char *slash = strchr(rest, '/');
		char name[256];
		size_t len = slash ? (size_t)(slash - rest) : strlen(rest);
		if (len == 0 || len >= sizeof(name) || (slash && strcmp(slash, "/ladder") != 0)) {
			api_error(res, 404, "no such address; see /api/v1/openapi.json");
			return;
		}
		memcpy(name, rest, len);
		name[len] = '\0';
		if (slash)
			GET_ONLY(h_ladder(api, req, res, name));
		GET_ONLY(h_career(api, req, res, name));
	}
	api_error(res, 404, "no such address; see /api/v1/openapi.json");
}
