/*
 * allied show: everything the knowledge base knows about one career, with its sources.
 */
#include "cmd.h"
#include "render.h"
#include "report.h"
#include "xmalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char cmd_show_usage[] =
	"usage: allied show CAREER [--json]\n"
	"\n"
	"Show one career: what the work is like, training routes, certifications, regulation, pay\n"
	"and outlook, each with its sources. CAREER is an id, a title or any alias, in any case\n"
	"(\"EKG tech\", \"rad tech\", \"SPT\").\n"
	"\n"
	"Usual training is the length of the route most people take (the entry credential), in months\n"
	"from a high-school diploma; when that is not known, the fastest route with a known length,\n"
	"unless a route of a lower credential has an unknown length (then: unknown).\n";

#define WIDTH 78

/* " [1,3]" references into the numbered source list. */
static void refs(FILE *f, const struct strvec *ids, const struct strvec *all)
{
	if (!ids->n)
		return;
	fputs(" [", f);
	for (size_t i = 0; i < ids->n; i++)
		for (size_t k = 0; k < all->n; k++)
			if (strcmp(ids->v[i], all->v[k]) == 0)
				fprintf(f, "%s%zu", i ? "," : "", k + 1);
	fputc(']', f);
}

static void print_vocab(FILE *f, const char *what, const struct strvec *ids, const struct vocab_item *v, size_t n)
{
	struct buf b;
	buf_init(&b, 0);
	buf_addf(&b, "%s: ", what);
	if (!ids->n)
		buf_adds(&b, "unknown");
	for (size_t i = 0; i < ids->n; i++) {
		const char *label = ids->v[i];
		for (size_t k = 0; k < n; k++)
			if (strcmp(v[k].id, ids->v[i]) == 0)
				label = v[k].label;
		buf_addf(&b, "%s%s", i ? ", " : "", label);
	}
	cli_wrap(f, 2, 2, b.data, WIDTH);
	buf_release(&b);
}

static void print_career(FILE *f, const struct career *c, const struct source *src, size_t n_src,
			 const struct strvec *all, const struct catalog *vocab)
{
	char a[48], b2[48], c2[48];

	fprintf(f, "%s  (%s)\n", c->title, c->id);
	fprintf(f, "%s | SOC %s | O*NET-SOC %s\n", career_scale_label(SCALE_GROUP, c->group),
		c->soc ? c->soc : "unknown", c->onet_soc ? c->onet_soc : "unknown");
	if (c->aliases.n) {
		struct buf b;
		buf_init(&b, 0);
		buf_adds(&b, "Also called: ");
		for (size_t i = 0; i < c->aliases.n; i++)
			buf_addf(&b, "%s%s", i ? ", " : "", c->aliases.v[i]);
		cli_wrap(f, 0, 2, b.data, WIDTH);
		buf_release(&b);
	}
	fputc('\n', f);
	if (c->summary)
		cli_wrap(f, 0, 0, c->summary, WIDTH);
	if (c->duties.n) {
		fputs("\nWhat the work involves\n", f);
		for (size_t i = 0; i < c->duties.n; i++) {
			char *line = xasprintf("- %s", c->duties.v[i]);
			cli_wrap(f, 2, 2, line, WIDTH);
			free(line);
		}
	}

	fputs("\nWork", f);
	refs(f, &c->block_sources[BLOCK_WORK], all);
	fputc('\n', f);
	fprintf(f, "  Patient contact: %s   Blood and needles: %s   Physical demands: %s\n",
		career_scale_label(SCALE_CONTACT, c->patient_contact), career_scale_label(SCALE_BLOOD, c->blood),
		career_scale_label(SCALE_PHYSICAL, c->physical));
	fputs("  Usual shifts: ", f);
	if (!c->shifts)
		fputs("unknown", f);
	for (int s = 0, first = 1; s < SHIFT_COUNT; s++)
		if (c->shifts & (1u << s)) {
			fprintf(f, "%s%s", first ? "" : ", ", career_scale_id(SCALE_SHIFT, s));
			first = 0;
		}
	fprintf(f, "   Remote work: %s\n", career_scale_label(SCALE_REMOTE, c->remote));
	print_vocab(f, "Settings", &c->settings, vocab->settings, vocab->n_settings);
	print_vocab(f, "Interest areas", &c->interests, vocab->interests, vocab->n_interests);

	fputs("\nTraining", f);
	refs(f, &c->block_sources[BLOCK_EDUCATION], all);
	fprintf(f, "\n  Usual training: %s; most start with: %s\n",
		cli_months(career_months_min(c), career_months_max(c), a, sizeof(a)),
		career_scale_label(SCALE_CREDENTIAL, c->entry_credential));
	for (size_t i = 0; i < c->n_paths; i++) {
		const struct career_path *p = &c->paths[i];
		char *line = xasprintf("- %s: %s%s%s", career_scale_label(SCALE_CREDENTIAL, p->credential),
				       cli_months(p->months_min, p->months_max, a, sizeof(a)),
				       p->note ? ". " : "", p->note ? p->note : "");
		cli_wrap(f, 2, 2, line, WIDTH);
		free(line);
	}
	if (c->entry_education)
		fprintf(f, "  BLS typical education for entry: %s [BLS EP 2024-34]\n", c->entry_education);

	fputs("\nCertifications and exams", f);
	refs(f, &c->block_sources[BLOCK_CERTIFICATIONS], all);
	fputc('\n', f);
	if (!c->n_certs)
		fputs("  unknown\n", f);
	for (size_t i = 0; i < c->n_certs; i++) {
		const struct career_cert *ce = &c->certs[i];
		char *line = xasprintf("- %s%s%s (%s; %s)", ce->name, ce->body ? ", " : "", ce->body ? ce->body : "",
				       career_scale_id(SCALE_CERT_KIND, ce->kind) ? career_scale_id(SCALE_CERT_KIND, ce->kind) : "unknown kind",
				       career_scale_label(SCALE_REQUIRED, ce->required));
		cli_wrap(f, 2, 2, line, WIDTH);
		free(line);
	}

	fputs("\nState regulation", f);
	refs(f, &c->block_sources[BLOCK_REGULATION], all);
	fprintf(f, "\n  %s\n", career_scale_label(SCALE_REGULATED, c->regulated));
	if (c->regulation_note)
		cli_wrap(f, 2, 0, c->regulation_note, WIDTH);

	fputs("\nPay", f);
	refs(f, &c->block_sources[BLOCK_PAY], all);
	fputc('\n', f);
	if (c->pay_soc) {
		fprintf(f, "  Median %s a year; 10th percentile %s; 90th percentile %s%s\n",
			cli_money(c->wage_median_usd, a, sizeof(a)), cli_money(c->wage_p10_usd, b2, sizeof(b2)),
			c->wage_p90_capped ? ">= " : "",
			c->wage_p90_capped ? "$239,200" : cli_money(c->wage_p90_usd, c2, sizeof(c2)));
		if (c->soc && strcmp(c->pay_soc, c->soc) != 0)
			fprintf(f, "  (figures for the broader BLS occupation %s, which includes this career)\n", c->pay_soc);
	} else {
		fputs("  unknown\n", f);
	}

	fputs("\nOutlook 2024-34", f);
	refs(f, &c->block_sources[BLOCK_OUTLOOK], all);
	fputc('\n', f);
	if (c->outlook_soc && (c->employment_2024 != CAREER_UNKNOWN || c->openings_per_year != CAREER_UNKNOWN)) {
		fprintf(f, "  Jobs: %s in 2024, %s projected for 2034", cli_count(c->employment_2024, a, sizeof(a)),
			cli_count(c->employment_2034, b2, sizeof(b2)));
		if (!isnan(c->change_pct))
			fprintf(f, " (%+.1f%%)", c->change_pct);
		fprintf(f, "\n  Openings: about %s a year\n", cli_count(c->openings_per_year, a, sizeof(a)));
		if (c->soc && strcmp(c->outlook_soc, c->soc) != 0)
			fprintf(f, "  (figures for the broader BLS occupation %s)\n", c->outlook_soc);
	} else {
		fputs("  unknown\n", f);
	}

	if (c->interest_onet_soc) {
		fputs("\nInterest profile", f);
		refs(f, &c->block_sources[BLOCK_INTERESTS], all);
		fprintf(f, "\n  Code %s:", c->interest_code[0] ? c->interest_code : "unknown");
		for (int r = 0; r < RIASEC_COUNT; r++)
			fprintf(f, " %c %.1f", "RIASEC"[r], c->riasec[r]);
		fputs(" (O*NET, 1-7)\n", f);
	}

	fputs("\nSources\n", f);
	for (size_t i = 0; i < n_src; i++) {
		const struct source *s = &src[i];
		char *line = xasprintf("[%zu] %s. %s. %s (%s %s)", i + 1, s->title, s->publisher, s->url,
				       s->as_of ? "as of" : "checked", s->as_of ? s->as_of : s->checked);
		cli_wrap(f, 2, 2, line, WIDTH);
		free(line);
	}
	if (c->interest_onet_soc || (c->origin && strcmp(c->origin, "onet") == 0)) {
		char *credit = render_onet_credit(src, n_src);
		fputc('\n', f);
		cli_wrap(f, 0, 0, credit, WIDTH);
		free(credit);
	}
}

int cmd_show(struct cli *cli, int argc, char **argv)
{
	struct store *st;
	struct catalog vocab;
	struct strvec args, ids;
	struct career c;
	struct source *src = NULL;
	size_t n_src = 0;
	struct diag err;
	char *id = NULL;
	int rc;

	diag_init(&err);
	strvec_init(&args);
	rc = cli_parse_options(cli, "show", argc, argv, NULL, NULL, NULL, &args);
	if (rc == 0 && args.n != 1)
		rc = cli_usage_error("show", args.n ? "give one career, not %zu" : "which career? give an id, title or alias",
				     args.n);
	if (rc) {
		strvec_release(&args);
		return rc;
	}
	if (cli_open_store(cli, STORE_READ_ONLY, &st, &err) < 0) {
		strvec_release(&args);
		return cli_fail(&err);
	}
	catalog_init(&vocab);
	career_init(&c);
	strvec_init(&ids);
	rc = report_resolve(st, args.v[0], &id, &err);
	if (rc == 0)
		rc = store_get_career(st, id, &c, &err);
	if (rc == 0)
		rc = store_load_vocab(st, &vocab, &err);
	if (rc == 0) {
		career_cited_sources(&c, &ids);
		rc = store_get_sources(st, &ids, &src, &n_src, &err);
	}
	store_close(st);
	if (rc == 0) {
		if (cli->json)
			cli_print_json(cli, render_career(&c, src, n_src, &vocab));
		else
			print_career(cli->out, &c, src, n_src, &ids, &vocab);
	}
	for (size_t i = 0; i < n_src; i++)
		source_release(&src[i]);
	free(src);
	free(id);
	career_release(&c);
	catalog_release(&vocab);
	strvec_release(&ids);
	strvec_release(&args);
	return rc < 0 ? cli_fail(&err) : 0;
}
