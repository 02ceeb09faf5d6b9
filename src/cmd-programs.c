/*
 * allied programs: training programs near a ZIP code, for a career, by schedule, length,
 * credential and accreditation.
 */
#include "cmd.h"
#include "geo.h"
#include "programs.h"
#include "report.h"
#include "training.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char cmd_programs_usage[] =
	"usage: allied programs [--career CAREER] [--near ZIP [--radius MILES]] [--day] [--evening]\n"
	"                       [--weekend] [--part-time] [--online] [--hybrid] [--schedule LIST] [--max-months N]\n"
	"                       [--credential LEVEL] [--accredited] [--limit N] [--json]\n"
	"\n"
	"Find training programs: with --near, those within --radius miles (default 25) of a ZIP code,\n"
	"nearest first; otherwise by state and school. Each shows the school, the program, its\n"
	"credential, length, schedule and programmatic accreditation. A program whose value for a\n"
	"limit is unknown does not pass it. allied's own list covers New Jersey; schools' own lists\n"
	"can be imported (docs/training-data.md).\n"
	"\n"
	"  --career CAREER      programs that prepare for this career (id, title or alias)\n"
	"  --near ZIP           a five-digit ZIP code; distances are straight lines between ZIP and\n"
	"                       school (Census 2021 ZIP code centroids)\n"
	"  --radius MILES       how far from --near, 1 to 500 (default 25)\n"
	"  --day, --evening, --weekend, --part-time, --online, --hybrid\n"
	"                       offered at that time or in that form (any of those given)\n"
	"  --schedule LIST      the same as a comma-separated list: evening,weekend\n"
	"  --max-months N       the program takes at most N months\n"
	"  --credential LEVEL   ends in this credential: on-the-job, certificate, diploma, associate,\n"
	"                       bachelor, master, doctorate or noncredit\n"
	"  --accredited         only programs whose programmatic accreditation is stated\n"
	"  --limit N            show at most N programs (default 20)\n"
	"  --json               print a JSON document (docs/json.md)\n";

struct programs_opts {
	const char *career, *near;
	struct program_query q;
};

static int has_value(const char *name)
{
	if (strcmp(name, "career") == 0 || strcmp(name, "near") == 0)
		return 1;
	return programs_option_has_value(name);
}

static int set_option(void *vctx, const char *name, const char *value, struct diag *err)
{
	struct programs_opts *o = vctx;
	if (strcmp(name, "career") == 0)
		o->career = value;
	else if (strcmp(name, "near") == 0)
		o->near = value;
	else
		return programs_set(&o->q, name, value, err);
	return 0;
}

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static void print_programs(struct cli *cli, json_t *doc, const char *title)
{
	json_t *q = json_object_get(doc, "query"), *p;
	size_t count = (size_t)json_integer_value(json_object_get(doc, "count")), i;
	size_t shown = json_array_size(json_object_get(doc, "programs"));
	struct cli_table t;
	bool near = json_is_string(json_object_get(q, "near"));

	if (near)
		fprintf(cli->out, "%s within %g miles of ZIP %s, nearest first:\n\n", title ? title : "Training programs",
			json_real_value(json_object_get(q, "radius_miles")), str(q, "near"));
	else
		fprintf(cli->out, "%s:\n\n", title ? title : "Training programs");
	if (!count) {
		fprintf(cli->out, "No program passes these limits.%s\n", near ? " Try a larger --radius, or fewer limits." : "");
	} else {
		cli_table_init(&t, 7, 1u << 0 | 1u << 4);
		const char *head[] = { "MILES", "SCHOOL", "PROGRAM", "CREDENTIAL", "MONTHS", "SCHEDULE", "ACCREDITATION" };
		cli_table_add(&t, head);
		json_array_foreach(json_object_get(doc, "programs"), i, p) {
			char miles[16] = "-", months[16] = "unknown", school[64], program[64], sched[64] = "", acc[48];
			json_t *inst = json_object_get(p, "institution"), *s, *a = json_object_get(p, "accreditor");
			size_t k;
			if (json_is_number(json_object_get(p, "distance_miles")))
				snprintf(miles, sizeof(miles), "%.1f", json_number_value(json_object_get(p, "distance_miles")));
			if (json_is_number(json_object_get(p, "months")))
				snprintf(months, sizeof(months), "%g", json_number_value(json_object_get(p, "months")));
			snprintf(school, sizeof(school), "%s%s%s%s", str(inst, "name"), str(inst, "city") ? " (" : "",
				 str(inst, "city") ? str(inst, "city") : "", str(inst, "city") ? ")" : "");
			snprintf(program, sizeof(program), "%s", str(p, "name"));
			if (strlen(str(inst, "name")) + 3 >= 44 && strlen(school) > 40)
				memcpy(school + 37, "...", 4);
			if (strlen(program) > 40)
				memcpy(program + 37, "...", 4);
			json_array_foreach(json_object_get(p, "schedule"), k, s)
				snprintf(sched + strlen(sched), sizeof(sched) - strlen(sched), "%s%s", k ? ", " : "",
					 json_string_value(s));
			const char *status = str(p, "accreditation_status");
			if (strcmp(status, "accredited") == 0 && json_is_object(a))
				snprintf(acc, sizeof(acc), "%s", str(a, "acronym") ? str(a, "acronym") : str(a, "name"));
			else if (strcmp(status, "not-accredited") == 0)
				snprintf(acc, sizeof(acc), "NOT accredited");
			else
				snprintf(acc, sizeof(acc), "%s", status);
			const char *row[] = { miles, school, program, str(p, "credential") ? str(p, "credential") : "unknown",
					      months, sched[0] ? sched : "unknown", acc };
			cli_table_add(&t, row);
		}
		cli_table_print(&t, cli->out, 0);
		cli_table_release(&t);
		if (count > shown)
			fprintf(cli->out, "%zu more: --limit %zu shows them all.\n", count - shown, count);
	}
	size_t unlocated = (size_t)json_integer_value(json_object_get(doc, "unlocated"));
	if (near && unlocated)
		fprintf(cli->out, "%zu more program%s pass%s your other limits but allied does not know where %s taught.\n",
			unlocated, unlocated == 1 ? "" : "s", unlocated == 1 ? "es" : "", unlocated == 1 ? "it is" : "they are");
	fputc('\n', cli->out);
	cli_wrap(cli->out, 0, 0,
		 "unknown: the school's pages we read did not say. Accreditation is what the source said at its date: "
		 "check with the accreditor before you enrol (allied verify). Distances are straight lines from the "
		 "ZIP code's centre. Details and sources: --json.", 92);
}

int cmd_programs(struct cli *cli, int argc, char **argv)
{
	struct programs_opts o = { NULL, NULL, { 0 } };
	struct cli_options opts = { has_value, set_option, &o };
	struct program_list list;
	struct strvec args;
	struct store *st;
	struct diag err;
	char *id = NULL, *title = NULL;
	long limit = 20;
	int rc;

	programs_query_init(&o.q);
	diag_init(&err);
	strvec_init(&args);
	rc = cli_parse(cli, "programs", argc, argv, &opts, &limit, &args);
	if (rc == 0 && args.n)
		rc = cli_usage_error("programs", "unexpected argument '%s'", args.v[0]);
	if (rc == 0 && !o.near && o.q.radius_miles != PROGRAMS_DEFAULT_RADIUS_MILES)
		rc = cli_usage_error("programs", "--radius needs --near ZIP: a distance from where?");
	if (rc == 0 && o.near && !geo_is_zip(o.near))
		rc = cli_usage_error("programs", "--near: '%s' is not a five-digit ZIP code", o.near);
	strvec_release(&args);
	if (rc)
		return rc;
	if (cli_open_store(cli, STORE_READ_ONLY, &st, &err) < 0)
		return cli_fail(&err);
	program_list_init(&list);
	if (o.career && (rc = report_resolve(st, o.career, &id, &err)) == 0)
		rc = store_career_title(st, id, &title, &err);
	o.q.career = id;
	if (rc == 0 && o.near) {
		o.q.near = true;
		rc = report_zip_location(st, o.near, &o.q.lat, &o.q.lon, &err);
	}
	if (rc == 0)
		rc = store_load_programs(st, &list, &err);
	if (rc == 0) {
		struct program_hit *hits = malloc((list.n ? list.n : 1) * sizeof(*hits));
		size_t unlocated = 0, n;
		json_t *doc = NULL;
		char heading[256];
		n = programs_find(&list, &o.q, hits, &unlocated);
		rc = report_programs(st, &list, &o.q, o.near, hits, n, (size_t)limit, unlocated, &doc, &err);
		snprintf(heading, sizeof(heading), "Programs for %s", title ? title : "");
		if (rc == 0 && cli->json)
			cli_print_json(cli, doc);
		else if (rc == 0) {
			print_programs(cli, doc, title ? heading : NULL);
			json_decref(doc);
		}
		free(hits);
	}
	store_close(st);
	program_list_release(&list);
	free(id);
	free(title);
	return rc < 0 ? cli_fail(&err) : 0;
}
