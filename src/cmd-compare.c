/*
 * allied compare: two or three careers side by side.
 */
#include "cmd.h"
#include "match.h"
#include "render.h"
#include "report.h"
#include "xmalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char cmd_compare_usage[] =
	"usage: allied compare CAREER CAREER [CAREER] [MATCH OPTIONS] [--json]\n"
	"\n"
	"Show two or three careers side by side: training, pay, outlook, the work itself and\n"
	"regulation. Each CAREER is an id, a title or any alias.\n"
	"\n"
	"With any option of 'allied match' (limits, --prefer, --answers ...) it adds the match view:\n"
	"each of your limits and preferences marked met or not for each career, and each career's\n"
	"score and fit, e.g. allied compare phlebotomist medical-assistant --no-blood --prefer min-pay=40k\n";

#define MAX_COMPARE 3

static void print_compare(FILE *f, const struct career *c, size_t n)
{
	struct cli_table t;
	char cell[MAX_COMPARE][160];
	const char *row[MAX_COMPARE + 1];

	cli_table_init(&t, n + 1, 0);
	row[0] = "";
	for (size_t i = 0; i < n; i++)
		row[i + 1] = c[i].id;
	cli_table_add(&t, row);

#define ROW(label, ...) do { \
		row[0] = label; \
		for (size_t i = 0; i < n; i++) { snprintf(cell[i], sizeof(cell[i]), __VA_ARGS__); row[i + 1] = cell[i]; } \
		cli_table_add(&t, row); \
	} while (0)
	char a[48], b[48];
	ROW("Group", "%s", career_scale_label(SCALE_GROUP, c[i].group));
	ROW("Usual training", "%s", cli_months(career_months_min(&c[i]), career_months_max(&c[i]), a, sizeof(a)));
	ROW("Most start with", "%s", career_scale_label(SCALE_CREDENTIAL, c[i].entry_credential));
	ROW("Median pay", "%s", cli_money(c[i].wage_median_usd, a, sizeof(a)));
	ROW("Pay 10th-90th pct", "%s - %s", cli_money(c[i].wage_p10_usd, a, sizeof(a)),
	    c[i].wage_p90_capped ? ">= $239,200" : cli_money(c[i].wage_p90_usd, b, sizeof(b)));
	ROW("Growth 2024-34", isnan(c[i].change_pct) ? "unknown" : "%+.1f%%", c[i].change_pct);
	ROW("Openings a year", "%s", cli_count(c[i].openings_per_year, a, sizeof(a)));
	ROW("Patient contact", "%s", career_scale_label(SCALE_CONTACT, c[i].patient_contact));
	ROW("Blood and needles", "%s", career_scale_label(SCALE_BLOOD, c[i].blood));
	ROW("Physical demands", "%s", career_scale_label(SCALE_PHYSICAL, c[i].physical));
	ROW("Remote work", "%s", career_scale_label(SCALE_REMOTE, c[i].remote));
	ROW("Nights", "%s", !c[i].shifts ? "unknown" : (c[i].shifts & (1u << SHIFT_NIGHTS)) ? "yes" : "no");
	ROW("Weekends", "%s", !c[i].shifts ? "unknown" : (c[i].shifts & (1u << SHIFT_WEEKENDS)) ? "yes" : "no");
	ROW("On call", "%s", !c[i].shifts ? "unknown" : (c[i].shifts & (1u << SHIFT_ON_CALL)) ? "yes" : "no");
	ROW("State regulation", "%s", career_scale_label(SCALE_REGULATED, c[i].regulated));
	ROW("Interest code", "%s", c[i].interest_code[0] ? c[i].interest_code : "unknown");
#undef ROW
	cli_table_print(&t, f, 0);
	cli_table_release(&t);
	fputs("\nPay: BLS OEWS May 2024. Outlook: BLS Employment Projections 2024-34. Details and sources: allied show ID\n", f);
	for (size_t i = 0; i < n; i++)
		if (c[i].interest_code[0]) {
			fputc('\n', f);
			cli_wrap(f, 0, 0, render_onet_attribution, 78);
			break;
		}
}

/* The match view: each limit and preference, met or not, for each career. */
static void print_match_view(FILE *f, const struct match_cli *mc, const struct career *c,
			     const struct match_result *r, size_t n)
{
	const struct match_prefs *p = &mc->prefs;
	struct cli_table t;
	char cell[MAX_COMPARE][64], label[256];
	const char *row[MAX_COMPARE + 1];

	fprintf(f, "\nYour limits and preferences\n");
	cli_table_init(&t, n + 1, 0);
	row[0] = "";
	for (size_t i = 0; i < n; i++)
		row[i + 1] = c[i].id;
	cli_table_add(&t, row);
	for (int hard = 1; hard >= 0; hard--)
		for (int fct = 0; fct < MATCH_FACTOR_COUNT; fct++) {
			if (!match_factor_is_set(p, fct, hard))
				continue;
			char what[200];
			match_describe(p, mc->cat, fct, hard, what, sizeof(what));
			if (hard)
				snprintf(label, sizeof(label), "Limit: %s", what);
			else
				snprintf(label, sizeof(label), "Wish (weight %d): %s", p->weight[fct], what);
			row[0] = label;
			for (size_t i = 0; i < n; i++) {
				snprintf(cell[i], sizeof(cell[i]), "?");
				for (size_t k = 0; k < r[i].n_reasons; k++) {
					const struct match_reason *x = &r[i].reasons[k];
					if (x->factor != fct || x->hard != (hard != 0))
						continue;
					if (hard)
						snprintf(cell[i], sizeof(cell[i]), "%s", x->status == MATCH_MET ? "met" :
							 x->status == MATCH_UNKNOWN ? "unknown" : "NOT MET");
					else
						snprintf(cell[i], sizeof(cell[i]), "%s %+.1f", match_status_id(x->status),
							 x->points_tenths / 10.0);
				}
				row[i + 1] = cell[i];
			}
			cli_table_add(&t, row);
		}
	row[0] = "Score and fit";
	for (size_t i = 0; i < n; i++) {
		if (!r[i].passes)
			snprintf(cell[i], sizeof(cell[i]), "fails a limit");
		else if (r[i].fit == FIT_UNRANKED)
			snprintf(cell[i], sizeof(cell[i]), "meets limits");
		else
			snprintf(cell[i], sizeof(cell[i]), "%.1f %s", r[i].score_tenths / 10.0, match_fit_label(r[i].fit));
		row[i + 1] = cell[i];
	}
	cli_table_add(&t, row);
	cli_table_print(&t, f, 0);
	cli_table_release(&t);
	for (size_t i = 0; i < n; i++) {
		const struct career_brief *b = &mc->cat->v[r[i].career];
		int header = 0;
		for (size_t k = 0; k < r[i].n_reasons; k++) {
			const struct match_reason *x = &r[i].reasons[k];
			char text[512];
			if (x->status == MATCH_MET)
				continue;
			if (!header++)
				fprintf(f, "\n%s falls short:\n", c[i].id);
			match_explain(p, mc->cat, b, x, text, sizeof(text));
			fprintf(f, "  %s ", x->hard ? "limit:" : "wish: ");
			cli_wrap(f, 0, 10, text, 80);
		}
	}
}

static bool has_match_options(const struct match_cli *mc)
{
	for (int f = 0; f < MATCH_FACTOR_COUNT; f++)
		if (match_factor_is_set(&mc->prefs, f, true) || match_factor_is_set(&mc->prefs, f, false))
			return true;
	return false;
}

int cmd_compare(struct cli *cli, int argc, char **argv)
{
	struct store *st;
	struct strvec args;
	struct career c[MAX_COMPARE];
	struct catalog vocab;
	struct match_cli mc;
	struct match_result r[MAX_COMPARE];
	struct diag err;
	size_t n = 0;
	int rc;

	diag_init(&err);
	strvec_init(&args);
	cmd_match_init(&mc);
	if (cmd_match_load(cli, &mc, &err) < 0) {
		cmd_match_release(&mc);
		return cli_fail(&err);
	}
	rc = cmd_match_parse(cli, "compare", argc, argv, &mc, NULL, &args);
	if (rc == 0 && (args.n < 2 || args.n > MAX_COMPARE))
		rc = cli_usage_error("compare", "give two or three careers, not %zu", args.n);
	if (rc == 0)
		rc = cmd_match_score_answers("compare", &mc);
	bool view = rc == 0 && (has_match_options(&mc) || mc.prefs.has_profile);
	if (rc) {
		strvec_release(&args);
		cmd_match_release(&mc);
		return rc;
	}
	if (cli_open_store(cli, STORE_READ_ONLY, &st, &err) < 0) {
		strvec_release(&args);
		return cli_fail(&err);
	}
	catalog_init(&vocab);
	for (size_t i = 0; rc == 0 && i < args.n; i++) {
		char *id = NULL;
		career_init(&c[n]);
		rc = report_resolve(st, args.v[i], &id, &err);
		if (rc == 0)
			rc = store_get_career(st, id, &c[n], &err);
		if (rc == 0)
			n++;
		free(id);
	}
	if (rc == 0)
		rc = store_load_vocab(st, &vocab, &err);
	for (size_t i = 0; rc == 0 && view && i < n; i++) {
		const struct career_brief *b = catalog_find(mc.cat, c[i].id);
		match_evaluate(&mc.prefs, mc.cat, (size_t)(b - mc.cat->v), &r[i]);
	}
	if (rc == 0 && cli->json) {
		json_t *doc = NULL;
		rc = report_compare(st, c, n, &vocab, view ? &mc.prefs : NULL, mc.cat, &doc, &err);
		if (rc == 0)
			cli_print_json(cli, doc);
	} else if (rc == 0) {
		print_compare(cli->out, c, n);
		if (view)
			print_match_view(cli->out, &mc, c, r, n);
	}
	store_close(st);
	for (size_t i = 0; i < n; i++)
		career_release(&c[i]);
	catalog_release(&vocab);
	cmd_match_release(&mc);
	strvec_release(&args);
	return rc < 0 ? cli_fail(&err) : 0;
}
