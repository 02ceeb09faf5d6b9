/*
 * programs-radius: in-process timing of the program finder's radius search (programs_find),
 * for `make bench`. Target (issue 5): under 1 ms per query over every IPEDS institution and
 * 100,000 programs.
 *
 * usage: programs-radius DB HD.csv   DB is copied nowhere: pass a scratch copy of the default
 * database. The IPEDS directory (hd2024.csv) is imported into it, then 100,000 programs
 * generated with a fixed seed (careers, credentials, months, schedules, accreditation spread
 * like real ones) are imported as one school file; then 2,000 queries (a random institution's
 * ZIP, radius 10-100 miles, random filters) are timed. Prints median and p99 microseconds and
 * a hash of every answer, so that a speed-up that changes results shows. The first
 * programs_find, which builds the list's index, is timed apart; each query's thread CPU time is
 * reported besides its wall-clock time, as the latter also counts time other processes ran.
 */
#include "import.h"
#include "programs.h"
#include "store.h"
#include "xmalloc.h"
#include "yload.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N_PROGRAMS 100000
#define N_QUERIES 2000

static unsigned long long rng = 20250901;
static unsigned rnd(unsigned n)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng >> 33) % n);
}

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* This thread's CPU time: what a query costs when other processes take turns on the cores. */
static double cpu_now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void die(const char *what, const struct diag *err)
{
	fprintf(stderr, "programs-radius: %s: %s\n", what, err->msg);
	exit(1);
}

int main(int argc, char **argv)
{
	static const char *const careers[] = { "medical-assistant", "phlebotomist", "pharmacy-technician",
		"dental-assistant", "radiologic-technologist", "surgical-technologist", "diagnostic-medical-sonographer",
		"paramedic", "emergency-medical-technician", "sterile-processing-technician", "medical-laboratory-technician",
		"physical-therapist-assistant", "respiratory-therapist", "dental-hygienist", "massage-therapist" };
	static const char *const credentials[] = { "certificate", "certificate", "noncredit", "associate", "diploma",
		"bachelor" };
	static const char *const schedules[] = { "day", "evening", "day;evening", "weekend", "part-time;evening", "online",
		"hybrid", "day;part-time" };
	static const char *const accreditors[] = { "", "", "caahep", "jrcert", "coda" };
	struct import_options opt = { .dry_run = false };
	struct import_result res;
	struct institution *inst;
	struct program_list list;
	struct store *st;
	struct diag err;
	size_t n_inst, len;
	char *data;

	if (argc != 3) {
		fprintf(stderr, "usage: programs-radius SCRATCH.db hd2024.csv\n");
		return 2;
	}
	diag_init(&err);
	if (store_open(argv[1], STORE_READ_WRITE, &st, &err) < 0)
		die("open", &err);
	if (yload_read_file(argv[2], &data, &len, &err) < 0)
		die("read", &err);
	double t0 = now_us();
	if (import_ipeds_hd(st, argv[2], data, len, &opt, &res, &err) < 0)
		die("import ipeds-hd", &err);
	free(data);
	printf("import ipeds-hd: %zu rows in %.0f ms\n", res.rows, (now_us() - t0) / 1e3);
	if (store_load_institutions(st, &inst, &n_inst, &err) < 0)
		die("load institutions", &err);

	struct buf csv;
	buf_init(&csv, 0);
	buf_adds(&csv, "institution,program,careers,credential,months,schedule,accreditor,accreditation_status,source_url,as_of\n");
	for (size_t i = 0; i < N_PROGRAMS;) {
		const struct institution *in = &inst[rnd((unsigned)n_inst)];
		unsigned k = 1 + rnd(30);	/* a school has 1-30 programs, in a row */
		for (unsigned j = 0; j < k && i < N_PROGRAMS; j++, i++) {
			const char *acc = accreditors[rnd(5)];
			buf_addf(&csv, "%s,Program %zu,%s,%s,%u,%s,%s,%s,https://example.org/p/%zu,2025-09\n", in->id, i,
				 careers[rnd(15)], credentials[rnd(6)], 2 + rnd(47), schedules[rnd(8)], acc,
				 *acc ? "accredited" : "unknown", i);
		}
	}
	t0 = now_us();
	if (import_programs(st, "bench-programs.csv", csv.data, csv.len, &opt, &res, &err) < 0)
		die("import programs", &err);
	printf("import programs: %zu rows in %.0f ms\n", res.rows, (now_us() - t0) / 1e3);
	buf_release(&csv);

	program_list_init(&list);
	if (store_load_programs(st, &list, &err) < 0)
		die("load programs", &err);
	struct program_hit *hits = xmalloc(list.n * sizeof(*hits));
	double *us = xmalloc(N_QUERIES * sizeof(*us)), *cpu_us = xmalloc(N_QUERIES * sizeof(*cpu_us));
	{
		/* the first programs_find builds the list's index: timed apart, outside the queries */
		struct program_query q;
		programs_query_init(&q);
		t0 = now_us();
		programs_find(&list, &q, hits, NULL);
		printf("first programs_find (builds the index, lists all): %.1f ms\n", (now_us() - t0) / 1e3);
	}
	unsigned long long hash = 1469598103934665603ULL;
	size_t total = 0, queries = 0;
	while (queries < N_QUERIES) {
		const struct institution *in = &inst[rnd((unsigned)n_inst)];
		struct program_query q;
		programs_query_init(&q);
		if (!in->zip || store_zip_location(st, in->zip, &q.lat, &q.lon, &err) < 0) {
			diag_init(&err);
			continue;
		}
		q.near = true;
		q.radius_miles = 10 + rnd(91);
		if (rnd(3) == 0)
			q.schedule_any = 1u << SCHEDULE_EVENING;
		if (rnd(3) == 0)
			q.max_months = 12;
		if (rnd(4) == 0)
			q.credential = CRED_CERTIFICATE;
		q.accredited = rnd(4) == 0;
		double c = cpu_now_us(), a = now_us();
		size_t unlocated, n = programs_find(&list, &q, hits, &unlocated);
		us[queries] = now_us() - a;
		cpu_us[queries++] = cpu_now_us() - c;
		total += n;
		for (size_t i = 0; i < n; i++) {
			hash = (hash ^ hits[i].row) * 1099511628211ULL;
			hash = (hash ^ (unsigned long long)llround(hits[i].miles * 1000)) * 1099511628211ULL;
		}
		hash = (hash ^ unlocated) * 1099511628211ULL;
	}
	qsort(us, N_QUERIES, sizeof(*us), cmp_double);
	qsort(cpu_us, N_QUERIES, sizeof(*cpu_us), cmp_double);
	printf("programs_find radius search: %zu programs, %zu institutions, %d queries, %.1f results each\n", list.n,
	       n_inst, N_QUERIES, (double)total / N_QUERIES);
	printf("  median %.1f us, p99 %.1f us, max %.1f us; result hash %016llx\n", us[N_QUERIES / 2],
	       us[N_QUERIES * 99 / 100], us[N_QUERIES - 1], hash);
	printf("  thread CPU time (less disturbed by other processes): median %.1f us, p99 %.1f us, max %.1f us\n",
	       cpu_us[N_QUERIES / 2], cpu_us[N_QUERIES * 99 / 100], cpu_us[N_QUERIES - 1]);
	free(cpu_us);
	free(us);
	free(hits);
	program_list_release(&list);
	store_free_institutions(inst, n_inst);
	store_close(st);
	return 0;
}
