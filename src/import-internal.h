/*
 * import-internal: what the importers (import*.c) share.
 */
#ifndef ALLIED_IMPORT_INTERNAL_H
#define ALLIED_IMPORT_INTERNAL_H

#include "diag.h"

/*
 * Count a problem in *n and, for the first IMPORT_MAX_ERRORS, append the message (a
 * "file:line:column: message" line) to err with ALLIED_EINVAL.
 */
void import_problem(struct diag *err, int *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
