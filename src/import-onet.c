/*
 * import-onet: the O*NET importer (see import.h): the releases from their Read Me files, the
 * files through onet_parse, then store_import_onet. No I/O: the front end reads the files.
 */
#include "import.h"
#include "onet.h"
#include "xmalloc.h"

#include <stdlib.h>
#include <string.h>

int import_onet(struct store *st, const struct import_readme *readmes, size_t n_readmes,
		const struct onet_input in[ONET_FILE_COUNT], const struct import_options *opt,
		struct import_result *res, struct diag *err)
{
	struct onet_input files[ONET_FILE_COUNT];
	struct onet_data d;
	int rc = 0;

	memset(res, 0, sizeof(*res));
	onet_data_init(&d);
	memcpy(files, in, sizeof(files));
	for (size_t i = 0; rc >= 0 && i < n_readmes; i++) {
		if (!readmes[i].data)
			continue;	/* a directory no file was taken from */
		rc = onet_add_release(&d, readmes[i].path, readmes[i].data, readmes[i].len, err);
		for (int f = 0; rc >= 0 && f < ONET_FILE_COUNT; f++)
			if (in[f].release == (int)i)
				files[f].release = rc;
	}
	if (rc >= 0)
		rc = onet_parse(&d, files, opt->progress.fn, opt->progress.ctx, err);
	if (rc == 0) {
		res->rows = d.n;
		if (!opt->dry_run)
			rc = store_import_onet(st, &d, opt->progress.fn, opt->progress.ctx, &res->changed, err);
	}
	onet_data_release(&d);
	return rc < 0 ? rc : 0;
}
