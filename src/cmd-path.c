/*
 * allied path: the fastest (or cheapest) route from where a person is to a target career, as a
 * timeline of steps with credentials, exams and licences.
 */
#include "cmd.h"
#include "render.h"
#include "report.h"
#include "text.h"
#include "xmalloc.h"

#include <stdlib.h>
#include <string.h>

const char cmd_path_usage[] =
	"usage: allied path --to CAREER [--from CAREER] [--part-time] [--cheapest]\n"
	"                   [--experience MONTHS] [--json]\n"
	"\n"
	"Plan the route to a career as a timeline: each step, its length, the credential, the\n"
	"accreditation the program needs for the exam, the exam and the licence, and the running total.\n"
	"Steps come from career ladders (data/ladders.yaml, e.g. dental assistant -> dental hygienist)\n"
	"and from each career's own education paths, which anyone can take from the start.\n"
	"\n"
	"  --to CAREER          the target: a career or specialty id, title or alias (ct-technologist)\n"
	"  --from CAREER        your current job (default: none, no healthcare job yet)\n"
	"  --part-time          you will study part time: school steps take 1.5 times as long\n"
	"  --cheapest           fewest months in school rather than fewest months in all (allied has\n"
	"                       no tuition figures; on-the-job steps count as free)\n"
	"  --experience MONTHS  months you have already worked in your current job\n"
	"  --json               print a JSON document (docs/json.md)\n"
	"\n"
	"Months are typical full-time lengths; a range's middle decides which route is fastest.\n";

struct path_opts {
	const char *to, *from;
	struct ladder_options o;
};

static int has_value(const char *name)
{
	if (strcmp(name, "to") == 0 || strcmp(name, "from") == 0 || strcmp(name, "experience") == 0)
		return 1;
	if (strcmp(name, "part-time") == 0 || strcmp(name, "cheapest") == 0)
		return 0;
	return -1;
}

static int set_option(void *vctx, const char *name, const char *value, struct diag *err)
{
	struct path_opts *p = vctx;
	if (strcmp(name, "to") == 0) {
		p->to = value;
	} else if (strcmp(name, "from") == 0) {
		p->from = value;
	} else if (strcmp(name, "part-time") == 0) {
		p->o.part_time = true;
	} else if (strcmp(name, "cheapest") == 0) {
		p->o.cheapest = true;
	} else {
		char *end;
		long m = strtol(value, &end, 10);
		if (end == value || *end || m < 0 || m > 600)
			return diag_set(err, ALLIED_EINVAL, "--experience: '%s' is not a number of months from 0 to 600",
					value);
		p->o.experience_months = (int)m;
	}
	return 0;
}

/* A node for a name: "none", a node id, a specialty title, or any career name the store knows. */
/* Add each id of a space-separated list (may be NULL) to ids, once. */
static void add_source_ids(struct strvec *ids, const char *list)
{
	char *copy = list ? xstrdup(list) : NULL, *save = NULL;
	for (char *t = copy ? strtok_r(copy, " ", &save) : NULL; t; t = strtok_r(NULL, " ", &save))
		if (!strvec_contains(ids, t))
			strvec_push(ids, t);
	free(copy);
}

static void print_plan(struct cli *cli, struct store *st, const struct ladder *l, size_t from, size_t to,
		       const struct ladder_options *o, const struct ladder_plan *plan)
{
	char a[64], b[64];
	struct strvec ids;

	strvec_init(&ids);
	fprintf(cli->out, "%s route from %s to %s: %s%s\n\n", o->cheapest ? "Cheapest" : "Fastest",
		from == LADDER_START ? "no healthcare job" : l->nodes[from].title, l->nodes[to].title,
		plan->known ? cli_months(plan->total_min, plan->total_max, a, sizeof(a)) : "length unknown",
		o->part_time ? ", studying part time" : ", full time");
	for (size_t i = 0; i < plan->n_steps; i++) {
		const struct ladder_plan_step *s = &plan->steps[i];
		const struct ladder_edge *e = &l->edges[s->edge];
		char head[200];
		snprintf(head, sizeof(head), "%zu. %s -> %s", i + 1,
			 e->from == LADDER_START ? "Start" : l->nodes[e->from].title, l->nodes[e->to].title);
		fprintf(cli->out, "%-58s %14s   total %s\n", head, cli_months(s->months_min, s->months_max, a, sizeof(a)),
			cli_months(s->total_min, s->total_max, b, sizeof(b)));
		if (s->experience_months)
			fprintf(cli->out, "   First work as %s for at least %d months (counted in the total).\n",
				l->nodes[e->from].title, s->experience_months);
		char line[600];
		const char *cred = career_scale_label(SCALE_CREDENTIAL, e->credential);
		bool named = strcasestr(e->bridge, cred) != NULL;
		snprintf(line, sizeof(line), "%s%s (%s%s%s%s)", e->entry ? "Education path: " : "", e->bridge,
			 named ? "" : cred, named ? "" : ", ", e->kind == STEP_WORK ? "on the job" : "school",
			 e->kind == STEP_STUDY && o->part_time ? ", part time" : "");
		cli_wrap(cli->out, 3, 2, line, 90);
		if (e->accreditation) {
			snprintf(line, sizeof(line), "Program accreditation needed for the exam: %s", e->accreditation);
			cli_wrap(cli->out, 3, 2, line, 90);
		}
		if (e->exam) {
			snprintf(line, sizeof(line), "%s: %s", e->entry ? "Credentials" : "Exam", e->exam);
			cli_wrap(cli->out, 3, 2, line, 90);
		}
		if (e->licence) {
			snprintf(line, sizeof(line), "Licence: %s", e->licence);
			cli_wrap(cli->out, 3, 2, line, 90);
		}
		if (e->note) {
			struct buf n;
			buf_init(&n, 0);
			buf_addf(&n, "Note: %s", e->note);
			cli_wrap(cli->out, 3, 2, n.data, 90);
			buf_release(&n);
		}
		if (e->entry)
			fprintf(cli->out, "   Sources: allied show %s\n", l->nodes[e->to].id);
		else
			add_source_ids(&ids, e->sources);
		fputc('\n', cli->out);
	}
	for (size_t i = 0; i < plan->n_untimed; i++) {
		const struct ladder_edge *e = &l->edges[plan->untimed[i]];
		struct buf alt;
		buf_init(&alt, 0);
		buf_addf(&alt, "Also possible from your job, but allied does not know how long it takes: %s", e->bridge);
		if (e->exam)
			buf_addf(&alt, "; exam: %s", e->exam);
		if (e->note)
			buf_addf(&alt, ". %s", e->note);
		cli_wrap(cli->out, 0, 2, alt.data, 90);
		fputc('\n', cli->out);
		buf_release(&alt);
		add_source_ids(&ids, e->sources);
	}
	if (!plan->known)
		fprintf(cli->out, "allied knows no route of known length; some steps above have an unknown length.\n");
	else
		fprintf(cli->out, "In all %s, of which %s in school%s.\n", cli_months(plan->total_min, plan->total_max, a, sizeof(a)),
			cli_months(plan->school_min, plan->school_max, b, sizeof(b)),
			o->part_time ? " (full-time equivalent)" : "");
	if (ids.n) {
		struct source *src = NULL;
		size_t n = 0;
		struct diag err;
		diag_init(&err);
		if (store_get_sources(st, &ids, &src, &n, &err) == 0) {
			fprintf(cli->out, "\nSources for the ladder steps:\n");
			for (size_t i = 0; i < n; i++) {
				fprintf(cli->out, "  %s, %s (%s %s) %s\n", src[i].title, src[i].publisher,
					src[i].as_of ? "as of" : "checked", src[i].as_of ? src[i].as_of : src[i].checked,
					src[i].url);
				source_release(&src[i]);
			}
			free(src);
		}
	}
	fprintf(cli->out, "\nMonths are typical full-time lengths%s; programs and schools differ.\n",
		o->part_time ? " stretched by 1.5 for part-time school" : "");
	strvec_release(&ids);
}

int cmd_path(struct cli *cli, int argc, char **argv)
{
	struct path_opts p = { NULL, NULL, { false, false, 0 } };
	struct cli_options opts = { has_value, set_option, &p };
	struct strvec args;
	struct store *st = NULL;
	struct ladder l;
	struct ladder_plan plan;
	struct diag err;
	size_t from = LADDER_START, to = 0;
	int rc;

	diag_init(&err);
	strvec_init(&args);
	rc = cli_parse(cli, "path", argc, argv, &opts, NULL, &args);
	if (rc == 0 && args.n)
		rc = cli_usage_error("path", "unexpected argument '%s'; give the target with --to", args.v[0]);
	if (rc == 0 && !p.to)
		rc = cli_usage_error("path", "say where you want to go: --to CAREER");
	strvec_release(&args);
	if (rc)
		return rc;
	if (cli_open_store(cli, STORE_READ_ONLY, &st, &err) < 0)
		return cli_fail(&err);
	ladder_init(&l);
	rc = store_load_ladder(st, &l, &err);
	if (rc == 0)
		rc = report_resolve_node(st, &l, p.to, &to, &err);
	if (rc == 0 && p.from)
		rc = report_resolve_node(st, &l, p.from, &from, &err);
	if (rc == 0)
		rc = ladder_plan(&l, from, to, &p.o, &plan, &err);
	if (rc == 0 && cli->json)
		cli_print_json(cli, render_plan(&l, from, to, &p.o, &plan));
	else if (rc == 0)
		print_plan(cli, st, &l, from, to, &p.o, &plan);
	ladder_release(&l);
	store_close(st);
	return rc < 0 ? cli_fail(&err) : 0;
}
