/*
 * match-bench: in-process timings of ranking (match_rank) and path planning (ladder_plan),
 * and a count of the allocations they make, for `make bench` (bench/run).
 *
 * usage: match-bench DB...   For each database: load the catalog and the ladder once, then time
 * a set of realistic queries many times over; also a worst case of 1,026 careers with every
 * field known (the database's careers repeated). Targets (issue 3): ranking every career for
 * one profile under 100 microseconds, planning a path under 1 ms.
 *
 * Built with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc so that allocations made by
 * allied's code (not libc's own) are counted.
 */
#include "ladder.h"
#include "match.h"
#include "store.h"
#include "xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/* Median and 95th percentile of per-call times over batches of calls. */
#define BATCHES 200
static void report(const char *what, double *per_call, double target_us)
{
	qsort(per_call, BATCHES, sizeof(*per_call), cmp_double);
	double med = per_call[BATCHES / 2] / 1000, p95 = per_call[BATCHES * 95 / 100] / 1000;
	printf("  %-58s median %8.2f us  p95 %8.2f us  (target < %g us: %s)\n", what, med, p95, target_us,
	       p95 < target_us ? "met" : "MISSED");
}

static void set(struct match_prefs *p, const struct catalog *cat, const char *name, const char *value)
{
	struct diag err;
	diag_init(&err);
	if (match_set(p, cat, name, value, &err) < 0) {
		fprintf(stderr, "match-bench: %s\n", err.msg);
		exit(1);
	}
}

static void bench_rank(const char *label, const struct catalog *cat)
{
	struct match_prefs q[3];
	struct match_hit *out = xmalloc(cat->n * sizeof(*out));
	struct profile prof = { 0 };
	int scores[RIASEC_COUNT] = { 12, 21, 9, 24, 11, 17 };
	double t[BATCHES];
	int batch = 50;

	/* the two examples, and a profile with five weighted preferences */
	match_prefs_init(&q[0]);
	set(&q[0], cat, "patient-contact", "low");
	set(&q[0], cat, "no-blood", NULL);
	set(&q[0], cat, "max-months", "12");
	set(&q[0], cat, "settings", "remote,office");
	set(&q[0], cat, "min-pay", "40000");
	match_prefs_init(&q[1]);
	set(&q[1], cat, "interests", "heart,imaging");
	set(&q[1], cat, "max-months", "36");
	match_prefs_init(&q[2]);
	memcpy(prof.score, scores, sizeof(scores));
	match_set_profile(&q[2], &prof);
	set(&q[2], cat, "prefer", "max-months=24:4");
	set(&q[2], cat, "prefer", "min-pay=45000:3");
	set(&q[2], cat, "prefer", "no-blood:2");
	set(&q[2], cat, "prefer", "avoid-shifts=nights,on-call:2");
	set(&q[2], cat, "part-time", NULL);

	static const char *const names[3] = { "limits only (issue example 1)", "interests + limit (example 2)",
					      "profile + 4 weighted preferences, part time" };
	for (int k = 0; k < 3; k++) {
		size_t n = 0;
		unsigned long before = allocations;
		n = match_rank(&q[k], cat, out);
		unsigned long allocs = allocations - before;
		for (int b = 0; b < BATCHES; b++) {
			double t0 = now_ns();
			for (int i = 0; i < batch; i++)
				n += match_rank(&q[k], cat, out);
			t[b] = (now_ns() - t0) / batch;
		}
		char what[160];
		snprintf(what, sizeof(what), "rank %zu careers: %s", cat->n, names[k]);
		report(what, t, 100);
		printf("    %lu allocations by allied per query (%zu results)\n", allocs, n / (BATCHES * batch + 1));
	}
	(void)label;
	free(out);
}

static void bench_path(struct store *st)
{
	struct ladder l;
	struct ladder_plan plan;
	struct diag err;
	double t[BATCHES];
	static const char *const routes[][2] = {
		{ "dental-assistant", "dental-hygienist" }, { "none", "paramedic" },
		{ "phlebotomist", "medical-laboratory-scientist" }, { "radiologic-technologist", "mri-technologist" },
		{ "medical-records-specialist", "health-information-manager" },
	};

	ladder_init(&l);
	diag_init(&err);
	if (store_load_ladder(st, &l, &err) < 0) {
		fprintf(stderr, "match-bench: %s\n", err.msg);
		exit(1);
	}
	for (size_t r = 0; r < sizeof(routes) / sizeof(routes[0]); r++) {
		long from = ladder_find(&l, routes[r][0]), to = ladder_find(&l, routes[r][1]);
		struct ladder_options o = { .part_time = r % 2 == 1 };
		if (from < 0 || to < 0)
			continue;
		for (int b = 0; b < BATCHES; b++) {
			double t0 = now_ns();
			for (int i = 0; i < 20; i++)
				ladder_plan(&l, (size_t)from, (size_t)to, &o, &plan, &err);
			t[b] = (now_ns() - t0) / 20;
		}
		char what[160];
		snprintf(what, sizeof(what), "path %s -> %s%s (%zu nodes)", routes[r][0], routes[r][1],
			 o.part_time ? ", part time" : "", l.n_nodes);
		report(what, t, 1000);
	}
	ladder_release(&l);
}

int main(int argc, char **argv)
{
	for (int a = 1; a < argc; a++) {
		struct store *st;
		struct catalog cat;
		struct diag err;

		diag_init(&err);
		catalog_init(&cat);
		if (store_open(argv[a], STORE_READ_ONLY, &st, &err) < 0 || store_load_catalog(st, &cat, &err) < 0) {
			fprintf(stderr, "match-bench: %s\n", err.msg);
			return 1;
		}
		printf("%s: %zu careers\n", argv[a], cat.n);
		bench_rank(argv[a], &cat);
		if (a == 1) {
			/* worst case: every career fully known, repeated to O*NET size */
			struct catalog big = cat;
			size_t n = 0, copies = (1026 + cat.n - 1) / cat.n;
			big.v = xmalloc(copies * cat.n * sizeof(*big.v));
			for (size_t c = 0; c < copies; c++)
				for (size_t i = 0; i < cat.n && n < 1026; i++)
					big.v[n++] = cat.v[i];
			big.n = n;
			printf("%s repeated to %zu careers, every field known:\n", argv[a], big.n);
			bench_rank(argv[a], &big);
			free(big.v);
		}
		bench_path(st);
		store_close(st);
		catalog_release(&cat);
	}
	return 0;
}
