/*
 * allied compare: two or three careers side by side.
 */
#include "cmd.h"
#include "render.h"
#include "xmalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char cmd_compare_usage[] =
	"usage: allied compare CAREER CAREER [CAREER] [--json]\n"
	"\n"
	"Show two or three careers side by side: training, pay, outlook, the work itself and\n"
	"regulation. Each CAREER is an id, a title or any alias.\n";

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

int cmd_compare(struct cli *cli, int argc, char **argv)
{
	struct store *st;
	struct strvec args;
	struct career c[MAX_COMPARE];
	struct catalog vocab;
	struct diag err;
	size_t n = 0;
	int rc;

	diag_init(&err);
	strvec_init(&args);
	rc = cli_parse_options(cli, "compare", argc, argv, NULL, NULL, NULL, &args);
	if (rc == 0 && (args.n < 2 || args.n > MAX_COMPARE))
		rc = cli_usage_error("compare", "give two or three careers, not %zu", args.n);
	if (rc) {
		strvec_release(&args);
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
		rc = cli_resolve(st, args.v[i], &id, &err);
		if (rc == 0)
			rc = store_get_career(st, id, &c[n], &err);
		if (rc == 0)
			n++;
		free(id);
	}
	if (rc == 0)
		rc = store_load_vocab(st, &vocab, &err);
	if (rc == 0 && cli->json) {
		json_t *list = json_array();
		for (size_t i = 0; rc == 0 && i < n; i++) {
			struct strvec ids;
			struct source *src = NULL;
			size_t n_src = 0;
			strvec_init(&ids);
			career_cited_sources(&c[i], &ids);
			rc = store_get_sources(st, &ids, &src, &n_src, &err);
			if (rc == 0)
				json_array_append_new(list, render_career(&c[i], src, n_src, &vocab));
			for (size_t k = 0; k < n_src; k++)
				source_release(&src[k]);
			free(src);
			strvec_release(&ids);
		}
		if (rc == 0)
			cli_print_json(cli, json_pack("{s:o}", "careers", list));
		else
			json_decref(list);
	} else if (rc == 0) {
		print_compare(cli->out, c, n);
	}
	store_close(st);
	for (size_t i = 0; i < n; i++)
		career_release(&c[i]);
	catalog_release(&vocab);
	strvec_release(&args);
	return rc < 0 ? cli_fail(&err) : 0;
}
