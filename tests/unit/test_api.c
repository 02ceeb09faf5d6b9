/* Unit tests for api: routing, parameters, bodies and errors, in process, on the real data/. */
#include "testutil.h"
#include "api.h"
#include "kb.h"
#include "store.h"

#include <jansson.h>
#include <pthread.h>

static char *dir;
static char db_path[512];
static struct api *api;

static int setup(void **state)
{
	(void)state;
	struct diag err;
	dir = tu_tmpdir();
	snprintf(db_path, sizeof(db_path), "%s/allied.db", dir);
	diag_init(&err);
	if (tu_build_db(db_path) < 0)
		return -1;
	if (api_open(db_path, &api, &err) != 0) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	api_close(api);
	tu_rmdir(dir);
	return 0;
}

/* Answer one request; returns the parsed body (or NULL when it is not JSON) and sets *status. */
static json_t *call(const char *method, const char *path, const struct api_param *params, size_t n,
		    const char *body, int *status)
{
	struct api_request req = { method, path, params, n, body ? "application/json" : NULL, body,
				   body ? strlen(body) : 0 };
	struct api_response res;
	json_t *doc;

	api_handle(api, &req, &res);
	*status = res.status;
	doc = json_loadb(res.body, res.len, 0, NULL);
	api_response_release(&res);
	return doc;
}

static const char *error_message(json_t *doc)
{
	return json_string_value(json_object_get(json_object_get(doc, "error"), "message"));
}

static void test_routes_and_methods(void **state)
{
	(void)state;
	int status;
	json_t *doc = call("GET", "/api/v1/health", NULL, 0, NULL, &status);
	assert_int_equal(status, 200);
	assert_int_equal(json_integer_value(json_object_get(doc, "careers")), api_career_count(api));
	json_decref(doc);

	/* found by fuzz_api: a refused parameter leaked the document begun (LeakSanitizer, make check) */
	struct api_param near[] = { { "near", "07102" } };
	doc = call("GET", "/api/v1/vocabulary", near, 1, NULL, &status);
	assert_int_equal(status, 400);
	json_decref(doc);

	doc = call("POST", "/api/v1/careers", NULL, 0, "{}", &status);
	assert_int_equal(status, 405);
	json_decref(doc);
	doc = call("GET", "/api/v1/careers/phlebotomist/nothing", NULL, 0, NULL, &status);
	assert_int_equal(status, 404);
	json_decref(doc);
	doc = call("GET", "/api/v1/careers/", NULL, 0, NULL, &status);
	assert_int_equal(status, 404);
	json_decref(doc);

	struct api_request req = { "GET", "/", NULL, 0, NULL, NULL, 0 };
	struct api_response res;
	api_handle(api, &req, &res);
	assert_int_equal(res.status, 200);
	assert_true(res.body_static);
	assert_string_equal(res.content_type, "text/html; charset=utf-8");
	api_response_release(&res);
}

static void test_careers_filters_and_errors(void **state)
{
	(void)state;
	int status;
	struct api_param p[] = { { "group", "health-promotion" }, { "no-blood", NULL } };
	json_t *doc = call("GET", "/api/v1/careers", p, 2, NULL, &status);
	assert_int_equal(status, 200);
	json_t *list = json_object_get(doc, "careers");
	assert_true(json_array_size(list) > 0);
	for (size_t i = 0; i < json_array_size(list); i++) {
		json_t *c = json_array_get(list, i);
		assert_string_equal(json_string_value(json_object_get(c, "group")), "health-promotion");
		assert_string_equal(json_string_value(json_object_get(c, "blood")), "none");
	}
	json_decref(doc);

	struct api_param twice[] = { { "group", "diagnostic" }, { "group", "primary-care" } };
	doc = call("GET", "/api/v1/careers", twice, 2, NULL, &status);
	assert_int_equal(status, 400);
	assert_contains(error_message(doc), "twice");
	json_decref(doc);

	struct api_param unknown[] = { { "salary", "5" } };
	doc = call("GET", "/api/v1/careers", unknown, 1, NULL, &status);
	assert_int_equal(status, 400);
	assert_contains(error_message(doc), "'salary'");
	json_decref(doc);

	/* found by fuzz_api: a message quotes at most 100 bytes of a name, which may cut a character */
	char name[128], quoted[128];
	memset(name, 'a', 99);
	strcpy(name + 99, "\xc3\xa9");
	struct api_param long_name[] = { { name, "x" } };
	doc = call("GET", "/api/v1/careers", long_name, 1, NULL, &status);
	assert_int_equal(status, 400);
	snprintf(quoted, sizeof(quoted), "'%.99s?'", name);
	assert_contains(error_message(doc), quoted);
	json_decref(doc);

	/* found by fuzz_api: search echoes q in its document */
	struct api_param bad_q[] = { { "q", "son\xea" "ographer" } };
	doc = call("GET", "/api/v1/search", bad_q, 1, NULL, &status);
	assert_int_equal(status, 400);
	assert_contains(error_message(doc), "not UTF-8");
	json_decref(doc);

	struct api_param no_value[] = { { "max-months", NULL } };
	doc = call("GET", "/api/v1/careers", no_value, 1, NULL, &status);
	assert_int_equal(status, 400);
	assert_contains(error_message(doc), "needs a value");
	json_decref(doc);

	struct api_param off[] = { { "no-blood", "false" } };
	doc = call("GET", "/api/v1/careers", off, 1, NULL, &status);
	assert_int_equal(status, 200);
	assert_int_equal(json_integer_value(json_object_get(doc, "count")), api_career_count(api));
	json_decref(doc);
}

static void test_match_body(void **state)
{
	(void)state;
	int status;
	json_t *doc = call("POST", "/api/v1/match", NULL, 0,
			   "{\"max-months\": 12, \"prefer\": [\"min-pay=40k:5\"], \"settings\": [\"hospital\"], \"limit\": 3}",
			   &status);
	assert_int_equal(status, 200);
	assert_true(json_array_size(json_object_get(doc, "results")) <= 3);
	assert_true(json_is_true(json_object_get(doc, "ranked")));
	json_decref(doc);

	const char *bad[] = { "[]", "{\"limit\": 0}", "{\"no-blood\": 1}", "{\"answers\": \"9\"}", "{\"x\": 1}",
			      "{\"prefer\": [1]}", "{\"max-months\": {}}", "{\"a\":1,\"a\":2}", "{" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		doc = call("POST", "/api/v1/match", NULL, 0, bad[i], &status);
		if (status != 400)
			fail_msg("body %s gave %d, not 400", bad[i], status);
		assert_non_null(error_message(doc));
		json_decref(doc);
	}

	struct api_request req = { "POST", "/api/v1/match", NULL, 0, "text/plain", "{}", 2 };
	struct api_response res;
	api_handle(api, &req, &res);
	assert_int_equal(res.status, 415);
	api_response_release(&res);
}

static void test_path_and_ladder(void **state)
{
	(void)state;
	int status;
	struct api_param p[] = { { "to", "paramedic" }, { "from", "emt" }, { "part-time", "true" } };
	json_t *doc = call("GET", "/api/v1/path", p, 3, NULL, &status);
	assert_int_equal(status, 200);
	assert_true(json_is_true(json_object_get(doc, "part_time")));
	assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "to"), "id")), "paramedic");
	json_decref(doc);

	struct api_param unknown[] = { { "to", "astronaut" } };
	doc = call("GET", "/api/v1/path", unknown, 1, NULL, &status);
	assert_int_equal(status, 404);
	json_decref(doc);

	doc = call("GET", "/api/v1/careers/emt/ladder", NULL, 0, NULL, &status);
	assert_int_equal(status, 200);
	assert_true(json_array_size(json_object_get(doc, "next")) > 0);
	json_decref(doc);
}

/* Many threads at once on one struct api give the same answers as one thread. */
static void *worker(void *arg)
{
	const char *want = arg;
	struct api_param p[] = { { "q", "heart" }, { "sort", "pay" } };
	for (int i = 0; i < 50; i++) {
		struct api_request req = { "GET", "/api/v1/careers", p, 2, NULL, NULL, 0 };
		struct api_response res;
		api_handle(api, &req, &res);
		int same = res.status == 200 && strcmp(res.body, want) == 0;
		api_response_release(&res);
		if (!same)
			return (void *)1;
	}
	return NULL;
}

static void test_threads(void **state)
{
	(void)state;
	struct api_param p[] = { { "q", "heart" }, { "sort", "pay" } };
	struct api_request req = { "GET", "/api/v1/careers", p, 2, NULL, NULL, 0 };
	struct api_response res;
	pthread_t t[4];
	void *result;

	api_handle(api, &req, &res);
	assert_int_equal(res.status, 200);
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, worker, res.body), 0);
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], &result);
		assert_null(result);
	}
	api_response_release(&res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_routes_and_methods),
		cmocka_unit_test(test_careers_filters_and_errors),
		cmocka_unit_test(test_match_body),
		cmocka_unit_test(test_path_and_ladder),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests_name("api", tests, setup, teardown);
}
