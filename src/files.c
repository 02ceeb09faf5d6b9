/*
 * files: small file-system helpers (see files.h).
 */
#include "files.h"
#include "xmalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int files_make_dirs(const char *dir, struct diag *err)
{
	char *p = xstrdup(dir);
	int rc = 0;

	for (char *s = p + 1; *p; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST) {
			rc = diag_set(err, ALLIED_EIO, "cannot create directory '%s': %s", p, strerror(errno));
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}
