/*
 * fuzz_data: the YAML loaders of the knowledge base in data/ (src/kb.c, src/training.c,
 * src/yload.c), through kb_load, the only way they are called.
 *
 * The first byte of the input picks a file (its value modulo FILE_COUNT, in the order of
 * files[] below); the rest becomes that file's bytes in a small knowledge base made at start-up
 * from the real vocabulary.yaml, sources.yaml and careers/phlebotomist.yaml, with no quiz or
 * ladders and empty lists in the four training files (training_load wants all four when the
 * directory exists). The file is put back after each run.
 */
#include "fuzz.h"
#include "yload.h"

#include <assert.h>
#include <sys/stat.h>

static const char *const files[] = {
	"vocabulary.yaml", "sources.yaml", "careers/phlebotomist.yaml", "quiz.yaml", "ladders.yaml",
	"training/accreditors.yaml", "training/institutions.yaml", "training/rules.yaml",
	"training/exam-routes.yaml",
};
#define FILE_COUNT (sizeof(files) / sizeof(files[0]))
#define BASE_COUNT 3	/* the files copied from data/ */

/* What each file holds between runs: a copy from data/, nothing (NULL), or an empty list. */
static char *original[FILE_COUNT] = {
	[5] = "accreditors: []\n", [6] = "institutions: []\n", [7] = "rules: []\n", [8] = "routes: []\n",
};
static size_t original_len[FILE_COUNT];
static char dir[128];

static void write_file(const char *name, const void *data, size_t len)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0)
		fuzz_die(path, NULL);
	free(path);
}

static void setup(void)
{
	struct diag err;
	diag_init(&err);
	snprintf(dir, sizeof(dir), "%s/data", fuzz_dir());
	char *careers = xasprintf("%s/careers", dir), *training = xasprintf("%s/training", dir);
	if (mkdir(dir, 0700) != 0 || mkdir(careers, 0700) != 0 || mkdir(training, 0700) != 0)
		fuzz_die("mkdir", NULL);
	free(careers);
	free(training);
	for (size_t i = 0; i < BASE_COUNT; i++) {
		char *path = xasprintf("data/%s", files[i]);
		if (yload_read_file(path, &original[i], &original_len[i], &err) != 0)
			fuzz_die("reading data/ (run from the repository root)", &err);
		free(path);
	}
	for (size_t i = 0; i < FILE_COUNT; i++)
		if (original[i]) {
			if (i >= BASE_COUNT)
				original_len[i] = strlen(original[i]);
			write_file(files[i], original[i], original_len[i]);
		}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kb kb;
	struct diag err;

	if (!dir[0])
		setup();
	if (size == 0)
		return 0;
	size_t which = data[0] % FILE_COUNT;
	write_file(files[which], data + 1, size - 1);
	diag_init(&err);
	int rc = kb_load(dir, &kb, &err);
	assert(rc == 0 || rc == ALLIED_EINVAL);
	assert(rc == 0 || err.msg[0]);
	kb_release(&kb);
	if (original[which]) {
		write_file(files[which], original[which], original_len[which]);
	} else {
		char *path = xasprintf("%s/%s", dir, files[which]);
		unlink(path);
		free(path);
	}
	return 0;
}
