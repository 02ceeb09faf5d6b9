/*
 * api: the HTTP API (docs/api.md), as a function from a request to a response.
 *
 * Core layer, independent of any HTTP library: the server (server.c) turns a connection's
 * request into a struct api_request and sends the struct api_response back. Reads the store,
 * never prints, never exits, never keeps anything of a request once it has answered it.
 * Thread-safe: any number of threads may call api_handle on the same struct api at once.
 */
#ifndef ALLIED_API_H
#define ALLIED_API_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

#define API_MAX_BODY_BYTES (64 * 1024)
#define API_MAX_PARAMS 64

struct api;

/*
 * Open the database at db_path for serving: loads the catalog, quiz and ladders once, and
 * opens store connections as threads need them. *out is freed with api_close.
 */
int api_open(const char *db_path, struct api **out, struct diag *err);
void api_close(struct api *api);

/* One query parameter; value is NULL when the parameter has no '=' ("?no-blood"). */
struct api_param {
	const char *name, *value;
};

/* A request; every pointer is borrowed for the duration of api_handle. */
struct api_request {
	const char *method;		/* "GET", "POST", ... */
	const char *path;		/* decoded, without the query string */
	const struct api_param *params;
	size_t n_params;
	const char *content_type;	/* NULL when absent */
	const char *body;		/* NULL when none */
	size_t body_len;
};

struct api_response {
	int status;			/* HTTP status */
	const char *content_type;	/* static */
	const char *cache_control;	/* static */
	const char *allow;		/* static; the Allow header of a 405, else NULL */
	char *body;			/* malloc'ed unless body_static; release with api_response_release */
	size_t len;
	bool body_static;
	char log[512];			/* why a 500 happened, for the server's log only; "" otherwise */
};

/* Answer req into res (which needs no initialisation). Never fails: errors are responses. */
void api_handle(struct api *api, const struct api_request *req, struct api_response *res);

/*
 * Fill res with the error document {"error": {"code", "message"}} for status (400, 404, 405,
 * 413, 415, 429, 500, 503). message is shown to the client: never put paths or SQL in it.
 */
void api_error(struct api_response *res, int status, const char *message);

void api_response_release(struct api_response *res);

/* The number of careers loaded (for the server's start-up line). */
size_t api_career_count(const struct api *api);

#endif
