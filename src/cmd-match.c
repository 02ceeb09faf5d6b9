/*
 * allied match: rank careers against hard limits, weighted preferences and an interest
 * profile, with the reasons for every score. Also the shared option parsing and printing that
 * `allied quiz` and `allied compare` use.
 */
#include "cmd.h"
#include "render.h"
#include "report.h"
#include "xmalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char cmd_match_usage[] =
	"usage: allied match [LIMITS] [--prefer NAME[=VALUE][:WEIGHT]]... [--answers DIGITS]\n"
	"                    [--part-time] [--limit N] [--json]\n"
	"\n"
	"Rank careers for you. Limits are hard: a career that misses one (or whose value is unknown)\n"
	"is left out. Preferences are soft: each has a weight from 1 to 5 (default 3) and adds up to\n"
	"100 x weight / total weight points to the score, in full when met, half when nearly met.\n"
	"Every result lists the reasons that make up its score. Method: docs/matching.md.\n"
	"\n"
	"Limits (the same as 'allied careers'):\n"
	"  --group GROUP              primary-care, health-promotion or diagnostic\n"
	"  --max-months N             usual training takes at most N months\n"
	"  --education LEVEL          some route needs at most LEVEL (on-the-job ... doctorate)\n"
	"  --patient-contact LEVEL    at most: none, low, some, high, constant\n"
	"  --min-patient-contact LEVEL  at least this much patient contact\n"
	"  --no-blood | --max-blood LEVEL   blood and needles: none / at most occasional, frequent\n"
	"  --physical LEVEL           physical demands at most: sedentary, light, moderate, heavy\n"
	"  --remote                   remote work is possible\n"
	"  --settings LIST            works in at least one of these settings\n"
	"  --avoid-shifts LIST        usual shifts include none of: days, evenings, nights, weekends, on-call\n"
	"  --min-pay USD              national median wage at least USD\n"
	"  --min-growth PCT           projected growth 2024-34 at least PCT percent\n"
	"\n"
	"Preferences:\n"
	"  --interests LIST           interest areas (a preference of weight 3, not a limit)\n"
	"  --prefer NAME[=VALUE][:W]  any limit above as a preference of weight W (1-5, default 3),\n"
	"                             e.g. --prefer max-months=12:5 --prefer no-blood --prefer remote:2\n"
	"  --require NAME[=VALUE]     make a preference a limit, e.g. --require interests=heart\n"
	"  --answers DIGITS           your answers to 'allied quiz' (one digit 1-5 per question):\n"
	"                             adds your interest profile as a preference\n"
	"  --profile-weight W         the weight of the interest profile (default 3)\n"
	"\n"
	"  --part-time                you will study part time: study takes 1.5 times as long\n"
	"  --limit N                  show the best N (default 10)\n"
	"  --json                     print a JSON document (docs/json.md)\n"
	"\n"
	"Fit: strong (score 75 or more), good (50-75), possible (25-50), weak (under 25).\n";

static int has_value(const char *name)
{
	if (strcmp(name, "answers") == 0)
		return 1;
	return match_option_has_value(name);
}

static int set_option(void *vctx, const char *name, const char *value, struct diag *err)
{
	struct match_cli *mc = vctx;
	if (strcmp(name, "answers") == 0) {
		mc->answers = value;
		return 0;
	}
	return match_set(&mc->prefs, mc->cat, name, value, err);
}

int cmd_match_parse(struct cli *cli, const char *command, int argc, char **argv, struct match_cli *mc,
		    long *limit, struct strvec *args)
{
	struct cli_options opts = { has_value, set_option, mc };
	return cli_parse(cli, command, argc, argv, &opts, limit, args);
}

int cmd_match_load(struct cli *cli, struct match_cli *mc, struct diag *err)
{
	struct store *st;
	int rc;

	if ((rc = cli_open_store(cli, STORE_READ_ONLY, &st, err)) < 0)
		return rc;
	rc = store_load_catalog(st, &mc->catalog, err);
	if (rc == 0)
		rc = store_load_quiz(st, &mc->quiz, &mc->n_quiz, err);
	store_close(st);
	return rc;
}

void cmd_match_init(struct match_cli *mc)
{
	memset(mc, 0, sizeof(*mc));
	catalog_init(&mc->catalog);
	mc->cat = &mc->catalog;
	match_prefs_init(&mc->prefs);
}

void cmd_match_release(struct match_cli *mc)
{
	catalog_release(&mc->catalog);
	for (size_t i = 0; i < mc->n_quiz; i++)
		free(mc->quiz[i].text);
	free(mc->quiz);
}

int cmd_match_score_answers(const char *command, struct match_cli *mc)
{
	struct profile p;
	struct diag err;

	if (!mc->answers)
		return 0;
	diag_init(&err);
	if (mc->n_quiz == 0) {
		fprintf(stderr, "allied %s: this database has no quiz questions (data/quiz.yaml)\n", command);
		return EXIT_FAILURE;
	}
	if (profile_score(mc->quiz, mc->n_quiz, mc->answers, &p, &err) < 0) {
		fprintf(stderr, "allied %s: %s\n", command, err.msg);
		return EXIT_REJECTED;
	}
	match_set_profile(&mc->prefs, &p);
	return 0;
}

void cmd_match_print_profile(struct cli *cli, const struct profile *p)
{
	fprintf(cli->out, "Your interest profile (allied's own short inventory; not the O*NET Interest Profiler):\n");
	for (int k = 0; k < RIASEC_COUNT; k++) {
		int a = p->order[k], width = p->max_score[a] - p->min_score[a];
		int bar = width ? (p->score[a] - p->min_score[a]) * 20 / width : 0;
		char name[32];
		snprintf(name, sizeof(name), "%s", career_riasec_names[a]);
		name[0] = (char)(name[0] - 32);
		fprintf(cli->out, "  %-14s %2d of %2d  %.*s\n", name, p->score[a], p->max_score[a], bar,
			"####################");
	}
	fprintf(cli->out, "  Your code: %s%s\n", p->code,
		p->tied ? " (some areas tie; ties go to the area with more 5s, then R-I-A-S-E-C order)" : "");
	if (p->flat) {
		fputc('\n', cli->out);
		cli_wrap(cli->out, 0, 0, report_flat_text, 90);
	}
}

static void print_query(struct cli *cli, const struct match_prefs *p, const struct catalog *cat)
{
	char text[512];
	for (int hard = 1; hard >= 0; hard--) {
		int any = 0;
		fprintf(cli->out, "%s", hard ? "Limits:      " : "Preferences: ");
		for (int f = 0; f < MATCH_FACTOR_COUNT; f++) {
			if (!match_factor_is_set(p, f, hard))
				continue;
			match_describe(p, cat, f, hard, text, sizeof(text));
			fprintf(cli->out, "%s%s", any++ ? "; " : "", text);
			if (!hard)
				fprintf(cli->out, " (weight %d)", p->weight[f]);
		}
		fprintf(cli->out, "%s\n", any ? "" : "none");
	}
}

static void print_result(struct cli *cli, const struct match_prefs *p, const struct catalog *cat,
			 const struct match_result *r, size_t rank)
{
	const struct career_brief *b = &cat->v[r->career];
	char text[512], head[160];
	static const char marks[MATCH_STATUS_COUNT] = { '+', '~', '-', '?' };

	if (r->fit == FIT_UNRANKED)
		snprintf(head, sizeof(head), "%2zu. %s (%s)", rank, b->title, b->id);
	else
		snprintf(head, sizeof(head), "%2zu. %-12s %5.1f  %s (%s)", rank, match_fit_label(r->fit),
			 r->score_tenths / 10.0, b->title, b->id);
	fprintf(cli->out, "%s\n", head);
	for (size_t i = 0; i < r->n_reasons; i++) {
		const struct match_reason *x = &r->reasons[i];
		if (x->hard)
			continue;
		match_explain(p, cat, b, x, text, sizeof(text));
		fprintf(cli->out, "    %c %5.1f  ", marks[x->status], x->points_tenths / 10.0);
		cli_wrap(cli->out, 0, 13, text, 87);
	}
	int n_limits = 0;
	for (size_t i = 0; i < r->n_reasons; i++)
		if (r->reasons[i].hard)
			n_limits++;
	if (n_limits) {
		struct buf line;
		buf_init(&line, 0);
		buf_adds(&line, "meets your limits: ");
		for (size_t i = 0, k = 0; i < r->n_reasons; i++)
			if (r->reasons[i].hard) {
				match_explain(p, cat, b, &r->reasons[i], text, sizeof(text));
				buf_addf(&line, "%s%s", k++ ? "; " : "", text);
			}
		cli_wrap(cli->out, 4, 2, line.data, 100);
		buf_release(&line);
	}
}

static void print_near_misses(struct cli *cli, const struct match_prefs *p, const struct catalog *cat)
{
	size_t counts[MATCH_FACTOR_COUNT];
	char text[512];
	int any = 0;

	match_near_misses(p, cat, counts);
	for (int f = 0; f < MATCH_FACTOR_COUNT; f++) {
		if (!counts[f])
			continue;
		if (!any++)
			fprintf(cli->out, "Limits that rule out careers meeting all your other limits:\n");
		match_describe(p, cat, f, true, text, sizeof(text));
		fprintf(cli->out, "  %-50s would add %zu career%s\n", text, counts[f], counts[f] == 1 ? "" : "s");
	}
	if (!any)
		fprintf(cli->out, "No single limit is to blame; loosen two or more (allied help match).\n");
}

int cmd_match_print(struct cli *cli, const struct match_cli *mc, long limit)
{
	const struct catalog *cat = mc->cat;
	const struct match_prefs *p = &mc->prefs;
	struct match_hit *hits = xmalloc((cat->n ? cat->n : 1) * sizeof(*hits));
	struct match_result r;
	size_t n = 0;
	bool flat = p->has_profile && p->profile.flat;

	if (cli->json) {
		cli_print_json(cli, report_match(p, cat, (size_t)limit));
		free(hits);
		return 0;
	}
	n = match_rank(p, cat, hits);
	if (p->has_profile) {
		cmd_match_print_profile(cli, &p->profile);
		fputc('\n', cli->out);
	}
	if (flat) {
		free(hits);
		return 0;
	}
	print_query(cli, p, cat);
	fputc('\n', cli->out);
	if (n == 0) {
		fprintf(cli->out, "No career meets all your limits.\n");
		print_near_misses(cli, p, cat);
		free(hits);
		return 0;
	}
	if (!match_is_ranked(p))
		fprintf(cli->out, "%zu of %zu careers meet your limits%s. Add preferences (--prefer) or your quiz answers "
			"(--answers) to rank them.\n\n", n, cat->n, n > (size_t)limit ? "; the first by id" : "");
	else
		fprintf(cli->out, "%zu of %zu careers meet your limits%s:\n\n", n, cat->n,
			n > (size_t)limit ? ", best first" : ", ranked");
	for (size_t i = 0; i < n && i < (size_t)limit; i++) {
		match_evaluate(p, cat, hits[i].career, &r);
		print_result(cli, p, cat, &r, i + 1);
		fputc('\n', cli->out);
	}
	if (n > (size_t)limit)
		fprintf(cli->out, "%zu more: --limit %zu shows them all.\n", n - (size_t)limit, n);
	fprintf(cli->out, "Marks: + met, ~ nearly met (half points), - not met, ? unknown (no points). Details: allied show ID\n");
	if (p->has_profile) {
		fputc('\n', cli->out);
		cli_wrap(cli->out, 0, 0, render_onet_attribution, 90);
	}
	free(hits);
	return 0;
}

int cmd_match_start(struct cli *cli, const char *command, int argc, char **argv, struct match_cli *mc, long *limit)
{
	struct strvec args;
	struct diag err;
	int rc;

	diag_init(&err);
	cmd_match_init(mc);
	if (cmd_match_load(cli, mc, &err) < 0)
		return cli_fail(&err);
	strvec_init(&args);
	rc = cmd_match_parse(cli, command, argc, argv, mc, limit, &args);
	if (rc == 0 && args.n)
		rc = cli_usage_error(command, "unexpected argument '%s'", args.v[0]);
	strvec_release(&args);
	return rc;
}

int cmd_match(struct cli *cli, int argc, char **argv)
{
	struct match_cli mc;
	long limit = 10;
	int rc = cmd_match_start(cli, "match", argc, argv, &mc, &limit);

	if (rc == 0)
		rc = cmd_match_score_answers("match", &mc);
	if (rc == 0)
		rc = cmd_match_print(cli, &mc, limit);
	cmd_match_release(&mc);
	return rc;
}
