/*
 * import-internal: what the importers (import*.c) share.
 */
#ifndef ALLIED_IMPORT_INTERNAL_H
#define ALLIED_IMPORT_INTERNAL_H

#include "diag.h"
#include "tsv.h"

#include <stdbool.h>
#include <stddef.h>

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

#endif
