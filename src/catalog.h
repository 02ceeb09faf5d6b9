/*
 * catalog: every career's filterable facts, held in memory.
 *
 * Model layer. The store fills a catalog in one pass; filtering, sorting, listing and (later)
 * matching work on it without touching the database, so they are pure and fast. Strings are
 * owned by the catalog and live until catalog_release.
 */
#ifndef ALLIED_CATALOG_H
#define ALLIED_CATALOG_H

#include "career.h"
#include "kb.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct career_brief {
	int64_t num;
	const char *id, *title, *origin;
	const char *pay_soc, *soc;	/* pay_soc may be NULL */
	int group, patient_contact, blood, physical, remote;	/* CAREER_UNKNOWN when unknown */
	unsigned shifts;		/* 1u << enum career_shift; 0 unknown */
	uint64_t settings;		/* bit i = catalog settings[i] */
	uint64_t interests;		/* bit i = catalog interests[i] */
	int months_min, months_max;	/* usual training time (career_training_months); CAREER_UNKNOWN when unknown */
	int entry_credential, min_credential, regulated;
	int64_t wage_median_usd, wage_p10_usd, wage_p90_usd, openings_per_year;
	bool wage_p90_capped;		/* BLS reports the 90th percentile only as ">= $239,200" */
	double change_pct;		/* NAN when unknown */
	double riasec[RIASEC_COUNT];	/* NAN when unknown */
};

struct catalog {
	struct career_brief *v;		/* sorted by id */
	size_t n;
	struct vocab_item *interests;	/* bit order of career_brief.interests */
	size_t n_interests;
	struct vocab_item *settings;
	size_t n_settings;
	char **strings;			/* every string the briefs point to */
	size_t n_strings, cap_strings;
};

void catalog_init(struct catalog *cat);
void catalog_release(struct catalog *cat);
/* Store a copy of s in the catalog and return it (NULL stays NULL). */
const char *catalog_intern(struct catalog *cat, const char *s);
/* The index of a vocabulary id, or -1. */
int catalog_interest_index(const struct catalog *cat, const char *id);
int catalog_setting_index(const struct catalog *cat, const char *id);
/* The brief with this id, or NULL. */
const struct career_brief *catalog_find(const struct catalog *cat, const char *id);

#endif
