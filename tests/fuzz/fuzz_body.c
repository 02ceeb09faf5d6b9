/*
 * fuzz_body: JSON request bodies, through api_handle (src/api.c): POST /api/v1/match and
 * POST /api/v1/compare, whose bodies carry match options, quiz answers and career ids.
 *
 * The input: the first byte picks the route (even: match, odd: compare); the rest is the body,
 * sent as application/json.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct api *api = fuzz_api();
	struct api_response res;

	if (size == 0)
		return 0;
	struct api_request req = {
		.method = "POST",
		.path = data[0] % 2 ? "/api/v1/compare" : "/api/v1/match",
		.content_type = "application/json",
		.body = (const char *)data + 1,
		.body_len = size - 1,
	};
	api_handle(api, &req, &res);
	fuzz_check_response(&res);
	api_response_release(&res);
	return 0;
}
