/*
 * import: official data files into the database (docs/importers.md).
 *
 * Core layer. Each importer parses a whole file in memory and checks every row first; only a
 * file without a single problem is written, in one transaction, so a failed import leaves the
 * database exactly as it was. Re-importing the same file changes nothing. Problems are
 * "file:line:column: message" lines in err, up to IMPORT_MAX_ERRORS, then a count.
 */
#ifndef ALLIED_IMPORT_H
#define ALLIED_IMPORT_H

#include "diag.h"
#include "store.h"

#include <stdbool.h>
#include <stddef.h>

#define IMPORT_MAX_ERRORS 20

/*
 * Progress of a long import, for a front end's progress bar: fn(ctx, stage, done, total) is
 * called now and then while reading and writing (stage names what is being done, e.g.
 * "reading Task Statements.txt"; total may be 0 when unknown). fn may be NULL.
 */
struct import_progress {
	void (*fn)(void *ctx, const char *stage, size_t done, size_t total);
	void *ctx;
};

struct import_options {
	bool dry_run;			/* check only: write nothing */
	struct import_progress progress;
};

struct import_result {
	size_t rows;		/* data rows read */
	size_t changed;		/* rows added or changed in the database (0 with dry_run) */
};

/*
 * The Census Bureau's ZCTA gazetteer (Gaz_zcta_national.txt, 2010 to 2020 layouts, read by
 * the column names GEOID, INTPTLAT and INTPTLONG): ZIP code centroids for `programs --near`.
 * name is the file name for messages, data/len its bytes.
 */
int import_zcta(struct store *st, const char *name, const char *data, size_t len,
		const struct import_options *opt, struct import_result *res, struct diag *err);

/*
 * NCES IPEDS HD directory (hd2024.csv), read by the column names UNITID, INSTNM, ADDR, CITY,
 * STABBR, ZIP, LATITUDE, LONGITUD, WEBADDR and CYACTIVE: institutions "ipeds-UNITID" with
 * address, coordinates and website. Closed institutions (CYACTIVE other than 1) are checked but
 * not imported; a school of data/training with the same UNITID is kept as it is (store.h).
 */
int import_ipeds_hd(struct store *st, const char *name, const char *data, size_t len,
		    const struct import_options *opt, struct import_result *res, struct diag *err);

/*
 * The NCES CIP 2020 - SOC 2018 crosswalk (CIP2020Code, CIP2020Title, SOC2018Code; "99-9999"
 * means no occupation) and, when codes_name is not NULL, the CIP 2020 code list (CIPCode2020.csv:
 * CIPCode, CIPTitle, values written ="51.0801"), whose titles then win.
 */
int import_cip_soc(struct store *st, const char *name, const char *data, size_t len, const char *codes_name,
		   const char *codes, size_t codes_len, const struct import_options *opt, struct import_result *res,
		   struct diag *err);

/*
 * A school's own program file (docs/program-format.md): CSV, or JSON (an array of objects) when
 * the name ends in ".json". Replaces the programs an earlier import of the same file made.
 */
int import_programs(struct store *st, const char *name, const char *data, size_t len,
		    const struct import_options *opt, struct import_result *res, struct diag *err);

#endif
