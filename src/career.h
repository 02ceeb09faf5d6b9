/*
 * career: the data model of one allied-health career and its fixed scales.
 *
 * Model layer: plain structs and the names of enum values, no I/O. The knowledge-base loader
 * (kb), the store and the JSON renderer all speak this model. Unknown values are explicit:
 * CAREER_UNKNOWN (-1) for scales and counts, NAN for figures that may be negative, NULL for
 * strings. Nothing here ever fills in a value that the data does not give.
 */
#ifndef ALLIED_CAREER_H
#define ALLIED_CAREER_H

#include "buf.h"

#include <stdbool.h>
#include <stdint.h>

#define CAREER_UNKNOWN (-1)

/*
 * Part-time study takes this many times as long as full-time study (a planning rule of thumb,
 * docs/matching.md); on-the-job training and work experience are not stretched.
 */
#define CAREER_PART_TIME_FACTOR 1.5

enum career_group {
	CAREER_GROUP_PRIMARY_CARE,
	CAREER_GROUP_HEALTH_PROMOTION,
	CAREER_GROUP_DIAGNOSTIC,
	CAREER_GROUP_COUNT
};

enum career_contact { CONTACT_NONE, CONTACT_LOW, CONTACT_SOME, CONTACT_HIGH, CONTACT_CONSTANT, CONTACT_COUNT };
enum career_blood { BLOOD_NONE, BLOOD_OCCASIONAL, BLOOD_FREQUENT, BLOOD_COUNT };
enum career_physical { PHYSICAL_SEDENTARY, PHYSICAL_LIGHT, PHYSICAL_MODERATE, PHYSICAL_HEAVY, PHYSICAL_COUNT };
enum career_remote { REMOTE_NONE, REMOTE_SOME, REMOTE_COMMON, REMOTE_COUNT };
enum career_credential {
	CRED_ON_THE_JOB, CRED_CERTIFICATE, CRED_DIPLOMA, CRED_ASSOCIATE,
	CRED_BACHELOR, CRED_MASTER, CRED_DOCTORATE, CRED_COUNT
};
enum career_shift { SHIFT_DAYS, SHIFT_EVENINGS, SHIFT_NIGHTS, SHIFT_WEEKENDS, SHIFT_ON_CALL, SHIFT_COUNT };
enum career_cert_kind { CERT_CERTIFICATION, CERT_LICENSE, CERT_REGISTRATION, CERT_EXAM, CERT_KIND_COUNT };
enum career_required { REQUIRED_STATE, REQUIRED_EMPLOYER, REQUIRED_OPTIONAL, REQUIRED_COUNT };
enum career_regulated { REGULATED_ALL, REGULATED_MOST, REGULATED_SOME, REGULATED_NONE, REGULATED_UNKNOWN, REGULATED_COUNT };

/* Fact blocks that carry their own sources. */
enum career_block {
	BLOCK_WORK, BLOCK_EDUCATION, BLOCK_CERTIFICATIONS, BLOCK_REGULATION,
	BLOCK_PAY, BLOCK_OUTLOOK, BLOCK_INTERESTS, BLOCK_COUNT
};

/* The scales, by name. */
enum career_scale {
	SCALE_GROUP, SCALE_CONTACT, SCALE_BLOOD, SCALE_PHYSICAL, SCALE_REMOTE, SCALE_CREDENTIAL,
	SCALE_SHIFT, SCALE_CERT_KIND, SCALE_REQUIRED, SCALE_REGULATED, SCALE_BLOCK, SCALE_COUNT
};

/* The id of value v on a scale ("primary-care", "low", ...), or NULL when out of range. */
const char *career_scale_id(enum career_scale scale, int v);
/* A label for people ("Primary care", "Low", ...), or "unknown". */
const char *career_scale_label(enum career_scale scale, int v);
/* The value whose id is name (exact, lower case), or CAREER_UNKNOWN. */
int career_scale_parse(enum career_scale scale, const char *name);
/* Number of values on a scale. */
int career_scale_count(enum career_scale scale);
/* All ids of a scale joined with ", " for messages; static storage. */
const char *career_scale_list(enum career_scale scale);

/* O*NET's six interest areas in their usual order R I A S E C. */
enum { RIASEC_COUNT = 6 };
extern const char *const career_riasec_names[RIASEC_COUNT];

struct career_path {
	int credential;		/* enum career_credential */
	int months_min;		/* CAREER_UNKNOWN when not known */
	int months_max;
	char *note;		/* may be NULL */
};

struct career_cert {
	char *name;
	char *body;		/* may be NULL */
	int kind;		/* enum career_cert_kind or CAREER_UNKNOWN */
	int required;		/* enum career_required or CAREER_UNKNOWN */
};

struct source {
	char *id, *title, *publisher, *url;
	char *as_of;		/* date the source states for its content, or NULL */
	char *checked;		/* date we read it, when it states none; may be NULL */
	char *licence;		/* may be NULL */
};

struct career {
	int64_t num;		/* row number in the store; 0 before storing */
	char *id, *title, *soc, *onet_soc, *summary;
	char *origin;		/* "curated", or the importer that made it */
	int group;		/* enum career_group */
	struct strvec aliases, duties, settings, interests;

	int patient_contact, blood, physical, remote;	/* scales, CAREER_UNKNOWN if not given */
	unsigned shifts;	/* bit set of 1u << enum career_shift; 0 = unknown */

	int entry_credential;	/* enum career_credential */
	struct career_path *paths;
	size_t n_paths;

	struct career_cert *certs;
	size_t n_certs;

	int regulated;		/* enum career_regulated */
	char *regulation_note;

	char *pay_soc;
	int64_t wage_median_usd, wage_p10_usd, wage_p90_usd;	/* CAREER_UNKNOWN if not known */
	bool wage_p90_capped;	/* BLS reports the 90th percentile only as ">= $239,200" */

	char *outlook_soc;
	int64_t employment_2024, employment_2034, openings_per_year;
	double change_pct;	/* NAN if not known */
	char *entry_education;	/* BLS typical education needed for entry, or NULL */

	char *interest_onet_soc;
	char interest_code[4];	/* e.g. "CRS"; empty if not known */
	double riasec[RIASEC_COUNT];	/* O*NET occupational interest levels 1-7, NAN if not known */

	struct strvec block_sources[BLOCK_COUNT];	/* source ids for each fact block */
};

/* Caller's storage, every value unknown. */
void career_init(struct career *c);
/* Frees what c owns, leaves it as after career_init. */
void career_release(struct career *c);

/*
 * How long training usually takes, in months from a high-school diploma (docs/data-format.md):
 * the route of the entry credential when its length is known (the shortest such path);
 * otherwise the fastest route with a known length, unless a route of a lower credential has
 * an unknown length, in which case the answer is unknown (*lo = *hi = CAREER_UNKNOWN).
 */
void career_training_months(const struct career_path *paths, size_t n, int entry_credential, int *lo, int *hi);
/* career_training_months for c. */
int career_months_min(const struct career *c);
int career_months_max(const struct career *c);
/* The lowest credential among the paths (CAREER_UNKNOWN if none). */
int career_min_credential(const struct career *c);

/* Append every source id c cites to ids, each once, in block order. */
void career_cited_sources(const struct career *c, struct strvec *ids);

void source_init(struct source *s);
void source_release(struct source *s);

#endif
