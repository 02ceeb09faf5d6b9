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
#include "onet.h"
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
 * BLS Occupational Employment and Wage Statistics, the national file (national_M2024_dl.xlsx):
 * the first sheet, read by the column names OCC_CODE, OCC_TITLE, TOT_EMP, A_MEAN, A_PCT10,
 * A_PCT25, A_MEDIAN, A_PCT75 and A_PCT90; only national cross-industry rows of all ownerships.
 * The release ("M2024": May 2024) comes from the sheet or file name. Careers whose pay SOC has
 * a row get its wages and cite the release (docs/importers.md). data/len: the .xlsx bytes.
 */
int import_oews(struct store *st, const char *name, const char *data, size_t len, const struct import_options *opt,
		struct import_result *res, struct diag *err);

/*
 * BLS Employment Projections, the occupation workbook (occupation.xlsx), sheet "Table 1.2",
 * read by column names whose years give the release ("Employment, 2024", "Employment, 2034").
 * Employment and openings are in thousands there and stored as jobs. Careers whose outlook
 * SOC has a row get its figures and cite the release.
 */
int import_projections(struct store *st, const char *name, const char *data, size_t len,
		       const struct import_options *opt, struct import_result *res, struct diag *err);

/* The Read Me.txt of one directory of an O*NET release, for import_onet. */
struct import_readme {
	const char *path;		/* for messages */
	const char *data;
	size_t len;
};

/*
 * An O*NET text release (docs/importers.md): in[ONET_FILE_COUNT] are its files by enum
 * onet_file (data NULL when absent; Occupation Data is required), each in[f].release the index
 * into readmes of the directory it came from. res->rows counts occupations, res->changed the
 * careers added or changed. See store_import_onet for what is written.
 */
int import_onet(struct store *st, const struct import_readme *readmes, size_t n_readmes,
		const struct onet_input in[ONET_FILE_COUNT], const struct import_options *opt,
		struct import_result *res, struct diag *err);

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
 * CIPCode, CIPTitle, values written ="51.0801"), whose titles then win. Each file is CSV, or an
 * .xlsx workbook when its bytes start with the zip signature "PK\3\4" (whatever its name): then
 * the first sheet in workbook order whose first row has those column names is read (in NCES's
 * CIP2020_SOC2018_Crosswalk.xlsx, "CIP-SOC", the second of 8), and problems are
 * "file:row:column: message (cell C12)".
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
