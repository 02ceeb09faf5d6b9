/*
 * response: the checks every fuzzed API answer must pass (fuzz.h).
 */
#include "fuzz.h"

#include <assert.h>
#include <jansson.h>

void fuzz_check_response(const struct api_response *res)
{
	static const int allowed[] = { 200, 400, 404, 405, 413, 415 };
	size_t i;

	for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]) && allowed[i] != res->status; i++)
		;
	if (i == sizeof(allowed) / sizeof(allowed[0])) {
		fprintf(stderr, "fuzz: status %d (%s): %.*s\n", res->status, res->log, (int)res->len, res->body);
		abort();
	}
	assert(res->content_type && res->body);
	assert((res->status == 405) == (res->allow != NULL));
	if (strncmp(res->content_type, "application/json", 16) == 0) {
		json_error_t jerr;
		json_t *doc = json_loadb(res->body, res->len, 0, &jerr);
		if (!doc) {
			fprintf(stderr, "fuzz: the answer is not JSON: %s: %.*s\n", jerr.text, (int)res->len, res->body);
			abort();
		}
		assert(res->status == 200 || json_is_string(json_object_get(json_object_get(doc, "error"), "message")));
		json_decref(doc);
	}
}
