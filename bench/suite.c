/*
 * allied-bench: the in-process benchmark suite of `make bench` (bench/run runs it).
 *
 * usage: allied-bench [--only NAME,...] [--shared DIR] DB [ONET_DB]
 *
 * Every case works on fixed inputs or on inputs generated from a fixed seed, times each call
 * (or each small batch of calls) and prints one line: runs, median and p99 microseconds per
 * call, and a 64-bit FNV-1a hash of the answers (ids, scores, bytes), so that a speed-up that
 * changes an answer shows as a changed hash (SQLite's speedtest1 does the same). DB is a
 * database of the default data (bench/run installs one); ONET_DB an O*NET-scale copy
 * (bench/run makes it with allied import onet), searched and ranked too when given. --shared DIR is ../shared/refdata:
 * the import cases need its official files and are skipped (with a notice) without it.
 *
 * Adding a case: write a function taking the struct bench context and add a row to cases[]
 * below. It calls bench_report once per line it prints.
 *
 * Linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc so that the allocations made by
 * allied's code during ranking are counted (issue 3 asks for none per candidate).
 */
#include "api.h"
#include "buf.h"
#include "import.h"
#include "ladder.h"
#include "match.h"
#include "profile.h"
#include "report.h"
#include "search.h"
#include "store.h"
#include "xmalloc.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);

static unsigned long allocations;
void *__wrap_malloc(size_t n) { allocations++; return __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t size) { allocations++; return __real_calloc(n, size); }
void *__wrap_realloc(void *p, size_t n) { allocations++; return __real_realloc(p, n); }

#define SEED 20261126u

/* What every case gets. */
struct bench {
	const char *db;		/* the default database */
	const char *onet_db;	/* an O*NET-scale database, or NULL */
	const char *shared;	/* ../shared/refdata, or NULL when absent */
	char tmp[64];		/* a temporary directory, removed at the end */
	struct store *st;	/* db, read only */
	struct catalog cat;	/* db's careers */
	struct profile_item *quiz;
	size_t n_quiz;
};

/* ---- helpers ---- */

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h;
}
#define FNV_INIT 14695981039346656037ULL

static uint64_t fnv_str(uint64_t h, const char *s)
{
	return fnv(h, s, strlen(s) + 1);
}

static uint64_t fnv_long(uint64_t h, long long v)
{
	return fnv(h, &v, sizeof(v));
}

/* A score hashed to a millionth, so that the hash does not depend on the last bits of a double. */
static uint64_t fnv_score(uint64_t h, double v)
{
	return fnv_long(h, llround(v * 1e6));
}

/* A small deterministic generator (xorshift32): the same inputs on every machine. */
static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static const char *pick(uint32_t *s, const char *const *v, size_t n)
{
	return v[rnd(s) % n];
}
#define PICK(s, v) pick(s, v, sizeof(v) / sizeof(v[0]))

static void die(const char *what, const struct diag *err)
{
	fprintf(stderr, "allied-bench: %s: %s\n", what, err ? err->msg : strerror(errno));
	exit(1);
}

/*
 * Print one line: ns[0..n) are per-call times of n samples (each the mean of calls_per_sample
 * calls); runs counts every call.
 */
static void bench_report(const char *name, double *ns, size_t n, size_t calls_per_sample, uint64_t hash,
			 const char *note)
{
	qsort(ns, n, sizeof(*ns), cmp_double);
	double med = ns[n / 2] / 1000, p99 = ns[n * 99 / 100] / 1000;
	printf("%-62s runs %7zu  median %10.2f us  p99 %10.2f us  hash %016llx%s%s\n", name, n * calls_per_sample,
	       med, p99, (unsigned long long)hash, note ? "  " : "", note ? note : "");
	fflush(stdout);
}

static void bench_skip(const char *name, const char *why)
{
	printf("%-62s SKIPPED: %s\n", name, why);
	fflush(stdout);
}

/* ---- search ---- */

static const char *const queries[] = {
	"heart imaging", "flebotomist" /* a typo, corrected */, "technician", "EKG tech", "dental",
	"x-ray", "blood draw", "medical records", "physical therapy assistant", "sonografer heart",
};

static void search_queries(const char *label, struct store *st)
{
	enum { ROUNDS = 200 };
	double *t = xmalloc(ROUNDS * sizeof(*t)), *all = xmalloc(ROUNDS * sizeof(queries) / sizeof(queries[0]) * sizeof(*all));
	size_t n_all = 0;
	uint64_t total = FNV_INIT;
	struct diag err;

	diag_init(&err);
	for (size_t q = 0; q < sizeof(queries) / sizeof(queries[0]); q++) {
		uint64_t h = FNV_INIT;
		for (int round = 0; round < ROUNDS; round++) {
			struct search_result r;
			search_result_init(&r);
			double t0 = now_ns();
			if (search_run(st, queries[q], 10, &r, &err) < 0)
				die(queries[q], &err);
			t[round] = now_ns() - t0;
			all[n_all++] = t[round];
			if (round == 0) {
				h = fnv_long(h, (long long)r.total);
				for (size_t i = 0; i < r.n; i++)
					h = fnv_score(fnv_str(h, r.v[i].id), r.v[i].score);
				for (size_t i = 0; i < r.corrections.n; i++)
					h = fnv_str(h, r.corrections.v[i]);
			}
			search_result_release(&r);
		}
		char name[128];
		snprintf(name, sizeof(name), "%ssearch '%s'", label, queries[q]);
		total = fnv_long(total, (long long)h);
		bench_report(name, t, ROUNDS, 1, h, NULL);
	}
	char name[128];
	snprintf(name, sizeof(name), "%ssearch: all %zu queries", label, sizeof(queries) / sizeof(queries[0]));
	bench_report(name, all, n_all, 1, total, NULL);
	free(t);
	free(all);
}

static void case_search(struct bench *b)
{
	search_queries("", b->st);
	if (b->onet_db) {
		struct store *st;
		struct diag err;
		diag_init(&err);
		if (store_open(b->onet_db, STORE_READ_ONLY, &st, &err) < 0)
			die(b->onet_db, &err);
		search_queries("[O*NET scale] ", st);
		store_close(st);
	}
}

/* ---- ranking ---- */

#define N_PREFS 200

static const char *const settings[] = { "ambulance", "clinic", "hospital", "lab", "office", "remote", "research",
					"school", "pharmacy", "dental-office" };
static const char *const interests[] = { "brain", "cancer", "heart", "imaging", "lab", "lungs", "teeth", "surgery",
					 "records", "rehab", "emergencies" };

/* One generated option: name and value (NULL for a flag). */
static const char *gen_option(uint32_t *s, char *value, size_t size)
{
	static const char *const names[] = { "max-months", "min-pay", "min-growth", "no-blood", "remote", "settings",
					     "avoid-shifts", "group", "interests", "patient-contact", "physical",
					     "education" };
	static const char *const months[] = { "3", "6", "12", "18", "24", "36", "48" };
	static const char *const pay[] = { "30000", "40000", "45000", "55000", "70000" };
	static const char *const growth[] = { "0", "3", "5", "8" };
	static const char *const shifts[] = { "nights", "weekends", "on-call", "evenings,nights" };
	static const char *const groups[] = { "primary-care", "health-promotion", "diagnostic" };
	static const char *const contact[] = { "none", "low", "some", "high" };
	static const char *const physical[] = { "sedentary", "light", "moderate", "heavy" };
	static const char *const education[] = { "certificate", "associate", "bachelor", "master" };
	const char *name = PICK(s, names);

	value[0] = '\0';
	if (!strcmp(name, "max-months"))
		snprintf(value, size, "%s", PICK(s, months));
	else if (!strcmp(name, "min-pay"))
		snprintf(value, size, "%s", PICK(s, pay));
	else if (!strcmp(name, "min-growth"))
		snprintf(value, size, "%s", PICK(s, growth));
	else if (!strcmp(name, "settings"))
		snprintf(value, size, "%s,%s", PICK(s, settings), PICK(s, settings));
	else if (!strcmp(name, "interests"))
		snprintf(value, size, "%s,%s", PICK(s, interests), PICK(s, interests));
	else if (!strcmp(name, "avoid-shifts"))
		snprintf(value, size, "%s", PICK(s, shifts));
	else if (!strcmp(name, "group"))
		snprintf(value, size, "%s", PICK(s, groups));
	else if (!strcmp(name, "patient-contact"))
		snprintf(value, size, "%s", PICK(s, contact));
	else if (!strcmp(name, "physical"))
		snprintf(value, size, "%s", PICK(s, physical));
	else if (!strcmp(name, "education"))
		snprintf(value, size, "%s", PICK(s, education));
	return name;
}

/*
 * N_PREFS generated preference sets: up to two limits, one to four weighted preferences, quiz
 * answers (an interest profile) in about a third, part time in about a quarter.
 */
static void gen_prefs(const struct bench *b, const struct catalog *cat, struct match_prefs *p)
{
	uint32_t s = SEED;
	struct diag err;
	char value[96], pref[160];

	diag_init(&err);
	for (size_t i = 0; i < N_PREFS; i++) {
		match_prefs_init(&p[i]);
		for (uint32_t k = rnd(&s) % 3; k > 0; k--) {
			const char *name = gen_option(&s, value, sizeof(value));
			if (!strcmp(name, "interests"))
				continue;	/* a preference, not a limit */
			if (match_set(&p[i], cat, name, value[0] ? value : NULL, &err) < 0)
				die(name, &err);
		}
		for (uint32_t k = 1 + rnd(&s) % 4; k > 0; k--) {
			const char *name = gen_option(&s, value, sizeof(value));
			snprintf(pref, sizeof(pref), "%s%s%s:%u", name, value[0] ? "=" : "", value, 1 + rnd(&s) % 5);
			if (match_set(&p[i], cat, "prefer", pref, &err) < 0)
				die(pref, &err);
		}
		if (b->n_quiz && rnd(&s) % 3 == 0) {
			char answers[256];
			struct profile prof;
			size_t n = b->n_quiz < sizeof(answers) - 1 ? b->n_quiz : sizeof(answers) - 1;
			for (size_t q = 0; q < n; q++)
				answers[q] = (char)('1' + rnd(&s) % 5);
			answers[n] = '\0';
			if (profile_score(b->quiz, b->n_quiz, answers, &prof, &err) < 0)
				die("answers", &err);
			match_set_profile(&p[i], &prof);
		}
		if (rnd(&s) % 4 == 0)
			match_set(&p[i], cat, "part-time", NULL, &err);
	}
}

static void rank_catalog(const struct bench *b, const char *label, const struct catalog *cat)
{
	enum { CYCLES = 10, BATCH = 20 };
	struct match_prefs *p = xmalloc(N_PREFS * sizeof(*p));
	struct match_hit *out = xmalloc((cat->n ? cat->n : 1) * sizeof(*out));
	double *t = xmalloc(CYCLES * N_PREFS * sizeof(*t));
	size_t n_t = 0;
	uint64_t h = FNV_INIT;
	unsigned long allocs = 0;

	gen_prefs(b, cat, p);
	for (int c = 0; c < CYCLES; c++)
		for (size_t i = 0; i < N_PREFS; i++) {
			size_t n = 0;
			unsigned long before = allocations;
			double t0 = now_ns();
			for (int k = 0; k < BATCH; k++)
				n = match_rank(&p[i], cat, out);
			t[n_t++] = (now_ns() - t0) / BATCH;
			allocs += allocations - before;
			if (c == 0) {
				h = fnv_long(h, (long long)n);
				for (size_t k = 0; k < n; k++)
					h = fnv_score(fnv_long(h, (long long)out[k].career), out[k].score);
			}
		}
	char name[160], note[64];
	snprintf(name, sizeof(name), "rank %zu careers%s: %d generated preference sets", cat->n, label, N_PREFS);
	snprintf(note, sizeof(note), "%lu allocations", allocs);
	bench_report(name, t, n_t, BATCH, h, note);
	free(t);
	free(out);
	free(p);
}

static void case_rank(struct bench *b)
{
	rank_catalog(b, "", &b->cat);
	/* worst case: the careers repeated to O*NET size, every field known */
	struct catalog big = b->cat;
	size_t n = 0, copies = (1026 + b->cat.n - 1) / (b->cat.n ? b->cat.n : 1);
	big.v = xmalloc(copies * b->cat.n * sizeof(*big.v));
	for (size_t c = 0; c < copies; c++)
		for (size_t i = 0; i < b->cat.n && n < 1026; i++)
			big.v[n++] = b->cat.v[i];
	big.n = n;
	rank_catalog(b, " (repeated, all known)", &big);
	free(big.v);
	if (b->onet_db) {
		struct store *st;
		struct catalog cat;
		struct diag err;
		diag_init(&err);
		catalog_init(&cat);
		if (store_open(b->onet_db, STORE_READ_ONLY, &st, &err) < 0 || store_load_catalog(st, &cat, &err) < 0)
			die(b->onet_db, &err);
		rank_catalog(b, " (O*NET scale)", &cat);
		catalog_release(&cat);
		store_close(st);
	}
}

/* ---- the match document and POST /api/v1/match in process ---- */

static void case_match_doc(struct bench *b)
{
	enum { CYCLES = 10 };
	struct match_prefs *p = xmalloc(N_PREFS * sizeof(*p));
	struct match_hit *hits = xmalloc((b->cat.n ? b->cat.n : 1) * sizeof(*hits));
	double *t = xmalloc(CYCLES * N_PREFS * sizeof(*t));
	size_t n_t = 0;
	uint64_t h = FNV_INIT;
	struct buf out;

	gen_prefs(b, &b->cat, p);
	buf_init(&out, 0);
	for (int c = 0; c < CYCLES; c++)
		for (size_t i = 0; i < N_PREFS; i++) {
			buf_reset(&out);
			double t0 = now_ns();
			report_match_write(&out, &p[i], &b->cat, 10, hits);
			t[n_t++] = now_ns() - t0;
			if (c == 0)
				h = fnv(h, out.data, out.len + 1);
		}
	bench_report("match document (report_match_write, limit 10): 200 sets", t, n_t, 1, h, NULL);
	buf_release(&out);
	free(t);
	free(hits);
	free(p);
}

static void case_api_match(struct bench *b)
{
	enum { RUNS = 5000 };
	static const char *const bodies[] = {
		/* bench/http's body */
		"{\"max-months\":24,\"prefer\":[\"min-pay=45000:4\",\"no-blood:2\"],\"limit\":5}",
		/* tests/api/run's body: limits, preferences, quiz answers, part time */
		"{\"max-months\":24,\"prefer\":[\"min-pay=45000:4\",\"no-blood:2\"],\"settings\":[\"hospital\",\"lab\"],"
		"\"answers\":\"543215432154321543215432154321\",\"part-time\":true,\"limit\":5}",
	};
	static const char *const names[] = { "POST /api/v1/match in process (bench/http's body)",
					     "POST /api/v1/match in process (tests/api/run's body)" };
	struct api *api;
	struct diag err;
	double *t = xmalloc(RUNS * sizeof(*t));

	diag_init(&err);
	if (api_open(b->db, &api, &err) < 0)
		die(b->db, &err);
	for (size_t k = 0; k < sizeof(bodies) / sizeof(bodies[0]); k++) {
		struct api_request req = { .method = "POST", .path = "/api/v1/match", .content_type = "application/json",
					   .body = bodies[k], .body_len = strlen(bodies[k]) };
		uint64_t h = FNV_INIT;
		for (int i = 0; i < RUNS; i++) {
			struct api_response res;
			double t0 = now_ns();
			api_handle(api, &req, &res);
			t[i] = now_ns() - t0;
			if (res.status != 200) {
				fprintf(stderr, "allied-bench: %s: status %d: %.*s\n", names[k], res.status, (int)res.len, res.body);
				exit(1);
			}
			if (i == 0)
				h = fnv(h, res.body, res.len);
			api_response_release(&res);
		}
		bench_report(names[k], t, RUNS, 1, h, NULL);
	}
	api_close(api);
	free(t);
}

/* ---- path planning ---- */

static void case_path(struct bench *b)
{
	enum { PAIRS = 300, CYCLES = 10, BATCH = 5 };
	struct ladder l;
	struct ladder_plan plan;
	struct diag err;
	double *t = xmalloc(PAIRS * CYCLES * sizeof(*t));
	size_t n_t = 0, found = 0;
	uint64_t h = FNV_INIT;
	uint32_t s = SEED;
	size_t from[PAIRS], to[PAIRS];
	struct ladder_options o[PAIRS];

	ladder_init(&l);
	diag_init(&err);
	if (store_load_ladder(b->st, &l, &err) < 0)
		die("ladder", &err);
	for (size_t i = 0; i < PAIRS; i++) {	/* a third from "none", the rest from a job */
		from[i] = rnd(&s) % 3 == 0 ? LADDER_START : rnd(&s) % l.n_nodes;
		to[i] = 1 + rnd(&s) % (l.n_nodes - 1);
		o[i] = (struct ladder_options){ .part_time = rnd(&s) % 2, .cheapest = rnd(&s) % 4 == 0,
						.experience_months = (int)(rnd(&s) % 3) * 12 };
	}
	for (int c = 0; c < CYCLES; c++)
		for (size_t i = 0; i < PAIRS; i++) {
			int rc = 0;
			double t0 = now_ns();
			for (int k = 0; k < BATCH; k++)
				rc = ladder_plan(&l, from[i], to[i], &o[i], &plan, &err);
			t[n_t++] = (now_ns() - t0) / BATCH;
			if (c == 0) {
				h = fnv_long(h, rc);
				found += rc == 0;
				for (size_t k = 0; rc == 0 && k < plan.n_steps; k++)
					h = fnv_long(fnv_long(h, (long long)plan.steps[k].edge), plan.steps[k].total_max);
				if (rc == 0)
					h = fnv_long(fnv_long(h, plan.total_min), plan.school_min);
			}
		}
	char name[128], note[64];
	snprintf(name, sizeof(name), "path: %d generated from/to pairs (%zu nodes)", PAIRS, l.n_nodes);
	snprintf(note, sizeof(note), "%zu routes found", found);
	bench_report(name, t, n_t, BATCH, h, note);
	ladder_release(&l);
	free(t);
}

/* ---- imports ---- */

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[65536];
	size_t n;
	if (!f)
		return NULL;
	buf_init(&b, 0);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_detach(&b, len);
}

static void copy_file(const char *from, const char *to)
{
	size_t len;
	char *data = read_file(from, &len);
	FILE *f = fopen(to, "wb");
	if (!data || !f || fwrite(data, 1, len, f) != len || fclose(f) != 0)
		die(to, NULL);
	free(data);
}

static void case_import_zcta(struct bench *b)
{
	enum { RUNS = 10 };
	static const char name[] = "import zcta: Census 2010 gazetteer into a copy of DB";
	char path[512], copy[128];
	double t[RUNS];
	uint64_t h = FNV_INIT;
	size_t len;
	char *data;

	if (!b->shared) {
		bench_skip(name, "no ../shared/refdata");
		return;
	}
	snprintf(path, sizeof(path), "%s/census-zcta2010-gazetteer/Gaz_zcta_national.txt", b->shared);
	if (!(data = read_file(path, &len))) {
		bench_skip(name, "no census-zcta2010-gazetteer/Gaz_zcta_national.txt in ../shared/refdata");
		return;
	}
	snprintf(copy, sizeof(copy), "%s/zcta.db", b->tmp);
	for (int i = 0; i < RUNS; i++) {
		struct import_options opt = { 0 };
		struct import_result res = { 0 };
		struct store *st;
		struct diag err;
		diag_init(&err);
		copy_file(b->db, copy);	/* a fresh copy each run, outside the timing */
		if (store_open(copy, STORE_READ_WRITE, &st, &err) < 0)
			die(copy, &err);
		double t0 = now_ns();
		if (import_zcta(st, "Gaz_zcta_national.txt", data, len, &opt, &res, &err) < 0)
			die("import zcta", &err);
		t[i] = now_ns() - t0;
		store_close(st);
		if (i == 0)
			h = fnv_long(fnv_long(h, (long long)res.rows), (long long)res.changed);
	}
	unlink(copy);
	free(data);
	bench_report(name, t, RUNS, 1, h, NULL);
}

/* ---- the cases ---- */

static const struct {
	const char *name;
	void (*run)(struct bench *b);
} cases[] = {
	{ "search", case_search },
	{ "rank", case_rank },
	{ "match-doc", case_match_doc },
	{ "api-match", case_api_match },
	{ "path", case_path },
	{ "import-zcta", case_import_zcta },
	/* more cases (programs-radius, import-onet, import-bls ...): one function and one row */
};

static bool selected(const char *only, const char *name)
{
	size_t len = strlen(name);
	for (const char *p = only; p && *p;) {
		size_t n = strcspn(p, ",");
		if (n == len && strncmp(p, name, n) == 0)
			return true;
		p += n + (p[n] == ',');
	}
	return !only;
}

int main(int argc, char **argv)
{
	struct bench b = { 0 };
	const char *only = NULL;
	struct diag err;
	int a = 1;

	for (; a + 1 < argc && argv[a][0] == '-'; a += 2) {
		if (!strcmp(argv[a], "--only"))
			only = argv[a + 1];
		else if (!strcmp(argv[a], "--shared"))
			b.shared = argv[a + 1];
		else
			break;
	}
	if (argc - a < 1 || argc - a > 2 || argv[a][0] == '-') {
		fprintf(stderr, "usage: allied-bench [--only NAME,...] [--shared DIR] DB [ONET_DB]\ncases:");
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
			fprintf(stderr, " %s", cases[i].name);
		fprintf(stderr, "\n");
		return 2;
	}
	b.db = argv[a];
	b.onet_db = argc - a == 2 ? argv[a + 1] : NULL;
	struct stat sb;
	if (b.shared && stat(b.shared, &sb) != 0)
		b.shared = NULL;
	snprintf(b.tmp, sizeof(b.tmp), "/tmp/allied-bench-XXXXXX");
	if (!mkdtemp(b.tmp))
		die("mkdtemp", NULL);
	diag_init(&err);
	catalog_init(&b.cat);
	if (store_open(b.db, STORE_READ_ONLY, &b.st, &err) < 0 || store_load_catalog(b.st, &b.cat, &err) < 0 ||
	    store_load_quiz(b.st, &b.quiz, &b.n_quiz, &err) < 0)
		die(b.db, &err);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (selected(only, cases[i].name))
			cases[i].run(&b);
	for (size_t i = 0; i < b.n_quiz; i++)
		free(b.quiz[i].text);
	free(b.quiz);
	catalog_release(&b.cat);
	store_close(b.st);
	rmdir(b.tmp);
	return 0;
}
