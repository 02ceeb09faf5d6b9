/*
 * fuzz_api: the whole API request handler, api_handle (src/api.c): any method, path, query
 * string, content type and body, on a database built from data/.
 *
 * The input is a small text request:
 *     METHOD PATH[?QUERY]\n CONTENT-TYPE\n BODY
 * The second line (an empty one means no Content-Type) and the body are optional: without a
 * second newline there is no body. PATH and QUERY are decoded as the server's HTTP library
 * does it: %XX escapes, '+' as a space in the query, '&' between parameters, a parameter
 * without '=' has no value, and at most API_MAX_PARAMS + 1 parameters are passed on.
 */
#include "fuzz.h"

static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode %XX escapes (and '+' when plus) in place. */
static void unescape(char *s, int plus)
{
	char *w = s;
	for (char *r = s; *r; r++) {
		if (*r == '%' && hex(r[1]) >= 0 && hex(r[2]) >= 0) {
			*w++ = (char)(hex(r[1]) * 16 + hex(r[2]));
			r += 2;
		} else {
			*w++ = plus && *r == '+' ? ' ' : *r;
		}
	}
	*w = '\0';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct api *api = fuzz_api();
	struct api_param params[API_MAX_PARAMS + 1];
	struct api_response res;
	struct api_request req = { .params = params };
	char *text = fuzz_cstr(data, size), *save = NULL, root[] = "/";
	char *line = text, *rest = memchr(text, '\n', size);

	if (rest) {
		*rest++ = '\0';
		char *body = memchr(rest, '\n', size - (size_t)(rest - text));
		if (body) {
			*body++ = '\0';
			req.body = body;
			req.body_len = size - (size_t)(body - text);
		}
		req.content_type = *rest ? rest : NULL;
	}
	char *sp = strchr(line, ' ');
	req.method = line;
	req.path = sp ? sp + 1 : root;
	if (sp)
		*sp = '\0';
	char *query = strchr(req.path, '?');
	if (query) {
		*query++ = '\0';
		for (char *p = strtok_r(query, "&", &save); p && req.n_params < API_MAX_PARAMS + 1;
		     p = strtok_r(NULL, "&", &save)) {
			char *eq = strchr(p, '=');
			if (eq) {
				*eq++ = '\0';
				unescape(eq, 1);
			}
			unescape(p, 1);
			params[req.n_params++] = (struct api_param){ p, eq };
		}
	}
	unescape((char *)req.path, 0);
	api_handle(api, &req, &res);
	fuzz_check_response(&res);
	api_response_release(&res);
	free(text);
	return 0;
}
