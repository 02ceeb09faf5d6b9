/*
 * training: where to train and what it takes — accreditors, institutions and their programs,
 * state licensing rules, and which exams need an accredited program (the YAML files in data/training/,
 * format in docs/training-data.md).
 *
 * Model layer: plain structs and their loader (libyaml through yload), no database. Unknown
 * values stay unknown: NULL strings, CAREER_UNKNOWN numbers, NAN for decimals.
 */
#ifndef ALLIED_TRAINING_H
#define ALLIED_TRAINING_H

#include "buf.h"
#include "career.h"
#include "diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum accreditor_kind { ACCREDITOR_PROGRAMMATIC, ACCREDITOR_INSTITUTIONAL, ACCREDITOR_KIND_COUNT };
enum { RECOGNIZED_USDE = 1u << 0, RECOGNIZED_CHEA = 1u << 1 };

struct accreditor {
	char *id, *name, *acronym;
	int kind;			/* enum accreditor_kind */
	unsigned recognized_by;		/* RECOGNIZED_* bits; 0 = none found */
	char *grants_through;		/* accreditor id, or NULL */
	struct strvec scope;
	char *note;
	struct strvec sources;
};

enum program_schedule {
	SCHEDULE_DAY, SCHEDULE_EVENING, SCHEDULE_WEEKEND, SCHEDULE_PART_TIME, SCHEDULE_ONLINE, SCHEDULE_HYBRID,
	SCHEDULE_COUNT
};
enum program_status {
	STATUS_ACCREDITED, STATUS_CANDIDATE, STATUS_LETTER_OF_REVIEW, STATUS_NOT_ACCREDITED, STATUS_UNKNOWN,
	STATUS_COUNT
};
enum program_admission { ADMISSION_OPEN, ADMISSION_SELECTIVE, ADMISSION_LOTTERY, ADMISSION_WAITLIST, ADMISSION_COUNT };
/* A program's credential: the career credentials plus noncredit. */
#define CREDENTIAL_NONCREDIT CRED_COUNT

struct program {
	char *id, *name;
	struct strvec careers;		/* career ids; empty when only career_name is known */
	char *career_name;		/* a career allied has no file for, or NULL */
	int credential;			/* enum career_credential, CREDENTIAL_NONCREDIT, or CAREER_UNKNOWN */
	double months;			/* NAN when unknown */
	unsigned schedule;		/* 1u << enum program_schedule bits; 0 = unknown */
	char *accreditor;		/* programmatic accreditor id, or NULL */
	int status;			/* enum program_status */
	int admission;			/* enum program_admission or CAREER_UNKNOWN */
	int64_t cost_usd, clinical_hours;	/* CAREER_UNKNOWN when unknown */
	double exam_pass_pct, completion_pct, placement_pct;	/* NAN when unpublished */
	int64_t outcomes_year;		/* CAREER_UNKNOWN */
	bool campus_unknown;
	char *note, *as_of;
	struct strvec sources;
	char *prerequisites;		/* what admission asks first, in the school's words, or NULL */
	char *cip;			/* CIP 2020 code ("51.0801"), or NULL */
};

struct institution {
	char *id, *name, *campus, *city, *state, *zip;
	int64_t ipeds_unitid;		/* CAREER_UNKNOWN when unknown */
	double latitude, longitude;	/* NAN when unknown */
	char *accreditor;		/* institutional accreditor id, or NULL (unknown) */
	char *note;
	struct strvec sources;
	struct program *programs;
	size_t n_programs;
	/* imported schools (NULL in data/training): IPEDS street address, website, release date */
	char *address, *website, *as_of;
	char *origin;			/* NULL or "curated"; "ipeds"; or the school file that added it */
};

enum rule_requirement {
	REQUIRE_LICENCE, REQUIRE_CERTIFICATION, REQUIRE_REGISTRATION, REQUIRE_VARIES, REQUIRE_NONE, REQUIRE_UNKNOWN,
	REQUIRE_COUNT
};

struct state_rule {
	char state[3];
	struct strvec careers;
	char *career_name;
	int requirement;		/* enum rule_requirement */
	char *authority, *credential, *legal_basis, *note, *as_of;
	struct strvec sources;
};

enum route_requires { ROUTE_PROGRAMMATIC, ROUTE_ONE_OF, ROUTE_APPROVED_PROGRAM, ROUTE_NONE, ROUTE_COUNT };

struct exam_route {
	char *career;
	char state[3];			/* "" when national */
	char *exam;
	int requires;			/* enum route_requires */
	struct strvec accreditors;
	char *effective, *note;
	struct strvec sources;
};

struct training {
	struct accreditor *accreditors;
	size_t n_accreditors;
	struct institution *institutions;
	size_t n_institutions;
	struct state_rule *rules;
	size_t n_rules;
	struct exam_route *routes;
	size_t n_routes;
	struct source *sources;		/* the sources these files define */
	size_t n_sources;
};

void training_init(struct training *t);
void training_release(struct training *t);
void accreditor_release(struct accreditor *a);
void institution_release(struct institution *in);
void state_rule_init(struct state_rule *r);
void state_rule_release(struct state_rule *r);
void exam_route_init(struct exam_route *r);
void exam_route_release(struct exam_route *r);

/* What the loader asks about the rest of the knowledge base, and tells it. */
struct training_refs {
	bool (*has_career)(const char *id, void *ctx);
	bool (*has_source)(const char *id, void *ctx);	/* a source defined outside data/training */
	void (*on_file)(const char *path, const char *data, size_t len, void *ctx);	/* each file read; may be NULL */
	void *ctx;
};

/*
 * Load the YAML files in dir/training/ into t (training_init'ed). A missing directory is not an error: t
 * stays empty. Problems are appended to err as "file:line: message" and counted in *n_errors
 * (the return value is 0 then); ALLIED_EIO when a file cannot be read. References to careers,
 * accreditors and sources are checked once every file is parsed.
 */
int training_load(const char *dir, struct training *t, const struct training_refs *refs, struct diag *err,
		  int *n_errors);

/* Ids and names of the enumerations (NULL for out of range), and parsing (-1 when unknown). */
const char *training_schedule_id(int v);
const char *training_status_id(int v);
const char *training_admission_id(int v);
const char *training_requirement_id(int v);
const char *training_requirement_label(int v);
const char *training_route_id(int v);
const char *training_credential_id(int v);

/* The state a two-letter code names ("NJ", "nj"), written to out[3]; false when it is not a state. */
bool training_state_parse(const char *s, char out[3]);
/* The state's name ("New Jersey"), or NULL. */
const char *training_state_name(const char *code);

#endif
