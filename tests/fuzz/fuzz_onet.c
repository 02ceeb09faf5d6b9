/*
 * fuzz_onet: the O*NET text release parser (src/onet.c) and import_onet as a dry run on a
 * database opened read-only.
 *
 * The first byte picks which file the rest is: its value modulo 8 is an enum onet_file (0
 * Occupation Data ... 6 Education, Training, and Experience) or 7 the Read Me. The other files
 * are a small fixed release: a Read Me and, unless it is the input, an Occupation Data. Bit 0x08
 * puts the input in a second directory with a Read Me of its own (29.0 beside 29.3), as when
 * files are taken from two releases. A parse that succeeds is checked against onet.h.
 */
#include "fuzz.h"
#include "import.h"
#include "onet.h"

#include <assert.h>
#include <math.h>

static const char readme_new[] = "O*NET 29.3 Database\nMay 2025 Release\n";
static const char readme_old[] = "O*NET 29.0 Database\nAugust 2024 Release\n";
static const char occupations[] =
	"O*NET-SOC Code\tTitle\tDescription\n"
	"31-9092.00\tMedical Assistants\tPerform administrative and clinical duties.\n"
	"29-2052.00\tPharmacy Technicians\tPrepare medications under the direction of a pharmacist.\n"
	"99-9999.01\tTest Makers, Dr.\t\n";

static void check_data(const struct onet_data *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct onet_occupation *o = &d->occ[i];
		assert(i == 0 || strcmp(d->occ[i - 1].code, o->code) < 0);
		assert(onet_find(d, o->code) == o);
		assert(o->title && o->title[0]);
		assert(strlen(o->interest_code) <= 3 && strspn(o->interest_code, "RIASEC") == strlen(o->interest_code));
		assert(o->job_zone == CAREER_UNKNOWN || (o->job_zone >= 1 && o->job_zone <= 5));
		for (int a = 0; a < RIASEC_COUNT; a++)
			assert(isnan(o->riasec[a]) || (o->riasec[a] >= 1 && o->riasec[a] <= 7));
		for (int c = 0; c <= ONET_EDUCATION_MAX; c++)
			assert(isnan(o->education_pct[c]) || (c >= 1 && o->education_pct[c] >= 0 && o->education_pct[c] <= 100));
		for (size_t k = 0; k < o->n_related; k++)
			assert(k == 0 || o->related[k - 1].index < o->related[k].index);
	}
	for (int f = 0; f < ONET_FILE_COUNT; f++)
		assert(d->file_release[f] < (int)d->n_releases);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store *st = fuzz_store();
	struct import_options opt = { .dry_run = true };
	struct import_readme readmes[2] = {
		{ "new/Read Me.txt", readme_new, sizeof(readme_new) - 1 },
		{ "old/Read Me.txt", readme_old, sizeof(readme_old) - 1 },
	};
	struct onet_input in[ONET_FILE_COUNT];
	struct import_result res;
	struct diag err;
	char path[96];

	if (size < 1)
		return 0;
	int which = data[0] % 8, dir = (data[0] & 0x08) ? 1 : 0;
	const char *text = (const char *)data + 1;
	size_t len = size - 1;

	memset(in, 0, sizeof(in));
	in[ONET_OCCUPATIONS] = (struct onet_input){ "new/Occupation Data.txt", occupations, sizeof(occupations) - 1, 0 };
	if (which == 7) {
		readmes[dir] = (struct import_readme){ dir ? "old/Read Me.txt" : "new/Read Me.txt", text, len };
		in[ONET_OCCUPATIONS].release = dir;
	} else {
		snprintf(path, sizeof(path), "%s/%s", dir ? "old" : "new", onet_file_names[which]);
		in[which] = (struct onet_input){ path, text, len, dir };
	}
	diag_init(&err);
	memset(&res, 0xa5, sizeof(res));
	int rc = import_onet(st, readmes, 2, in, &opt, &res, &err);
	assert(rc == 0 || (rc == ALLIED_EINVAL && err.msg[0]));
	assert(rc != 0 || res.rows > 0);
	assert(res.changed == 0);

	/* the parser alone, with the releases import_onet would have added */
	struct onet_data d;
	onet_data_init(&d);
	diag_init(&err);
	int r0 = onet_add_release(&d, readmes[0].path, readmes[0].data, readmes[0].len, &err);
	int r1 = r0 >= 0 ? onet_add_release(&d, readmes[1].path, readmes[1].data, readmes[1].len, &err) : r0;
	if (r0 >= 0 && r1 >= 0) {
		assert((size_t)r0 < d.n_releases && (size_t)r1 < d.n_releases);
		for (size_t i = 0; i < d.n_releases; i++) {
			assert(strncmp(d.releases[i].source_id, "import-onet-", 12) == 0);
			assert(strlen(d.releases[i].as_of) == 7 && d.releases[i].as_of[4] == '-');
		}
		for (int f = 0; f < ONET_FILE_COUNT; f++)
			if (in[f].data)
				in[f].release = in[f].release ? r1 : r0;
		if (onet_parse(&d, in, NULL, NULL, &err) == 0) {
			assert(rc == 0 && d.n == res.rows);
			check_data(&d);
		}
	} else {
		assert(rc == ALLIED_EINVAL);
	}
	onet_data_release(&d);
	return 0;
}
