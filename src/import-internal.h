/*
 * import-internal: what the importers (import*.c) share.
 */
#ifndef ALLIED_IMPORT_INTERNAL_H
#define ALLIED_IMPORT_INTERNAL_H

#include "diag.h"
#include "tsv.h"

#include <stdbool.h>
#include <stddef.h>

#include <stdbool.h>

/*
 * Count a problem in *n and, for the first IMPORT_MAX_ERRORS, append the message (a
 * "file:line:column: message" line) to err with ALLIED_EINVAL.
 */
void import_problem(struct diag *err, int *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * Is the row t last read whole: a field for each of the n_idx column indexes idx (tsv_columns),
 * and a line end after it? When it is not,
 * count the problem ("is the file cut short?") as import_problem does and return false.
 */
bool import_row_complete(const struct tsv *t, const size_t *idx, size_t n_idx, struct diag *err, int *n);

/* A decimal number of degrees from -limit to limit (trailing spaces allowed). */
bool import_parse_degrees(const char *s, double limit, double *out);

/*
 * The end of checking: rc < 0 is a failure already in err (a line the reader could not read
 * counts as a problem); with problems, the "N problems in all" line when over the limit.
 * Returns 0 when the rows may be written, else ALLIED_EINVAL or rc.
 */
int import_checked(struct diag *err, const char *name, int n_errors, int rc);

/* The file name without its directories and its last extension ("data/hd2024.csv" -> "hd2024"), malloc'ed. */
char *import_stem(const char *name);

#endif
