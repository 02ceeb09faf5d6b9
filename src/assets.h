/*
 * assets: the files the server sends as they are (the web application, the OpenAPI
 * document), compiled into the binary from web/ and docs/ at build time.
 */
#ifndef ALLIED_ASSETS_H
#define ALLIED_ASSETS_H

#include <stddef.h>

struct asset {
	const char *path;		/* the URL path, e.g. "/app.js" */
	const char *file;		/* the file it was built from, relative to the repository root */
	const char *content_type;
	const unsigned char *data, *end;	/* static; the file is data..end, and *end is a NUL byte */
};

/* The asset served at path, or NULL. "/" is the web application's page. */
const struct asset *assets_find(const char *path);

/* Every asset, in a fixed order; *n is set to the count. */
const struct asset *assets_all(size_t *n);

#endif
