/*
 * assets: the table of embedded files (the bytes come from assets.S).
 */
#include "assets.h"

#include <string.h>

#define ASSET(name) extern const unsigned char asset_##name[], asset_##name##_end[]
ASSET(index_html);
ASSET(app_js);
ASSET(app_css);
ASSET(favicon_svg);
ASSET(openapi_json);

static const struct asset table[] = {
	{ "/", "web/index.html", "text/html; charset=utf-8", asset_index_html, asset_index_html_end },
	{ "/app.js", "web/app.js", "text/javascript; charset=utf-8", asset_app_js, asset_app_js_end },
	{ "/app.css", "web/app.css", "text/css; charset=utf-8", asset_app_css, asset_app_css_end },
	{ "/favicon.svg", "web/favicon.svg", "image/svg+xml", asset_favicon_svg, asset_favicon_svg_end },
	{ "/api/v1/openapi.json", "docs/openapi.json", "application/json; charset=utf-8", asset_openapi_json, asset_openapi_json_end },
};

const struct asset *assets_all(size_t *n)
{
	*n = sizeof(table) / sizeof(table[0]);
	return table;
}

const struct asset *assets_find(const char *path)
{
	size_t n;
	const struct asset *a = assets_all(&n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(a[i].path, path) == 0)
			return &a[i];
	if (strcmp(path, "/index.html") == 0)
		return &a[0];
	return NULL;
}
