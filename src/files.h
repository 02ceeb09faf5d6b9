/*
 * files: small file-system helpers of the base layer (used by store and fetch).
 */
#ifndef ALLIED_FILES_H
#define ALLIED_FILES_H

#include "diag.h"

/* Create the directory dir and its missing parents (mkdir -p). ALLIED_EIO naming it on failure. */
int files_make_dirs(const char *dir, struct diag *err);

#endif
