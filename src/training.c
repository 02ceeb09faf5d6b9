/*
 * training: the training model and its loader (see training.h).
 *
 * The four files are parsed first, keeping their YAML documents, and then every reference
 * (careers, accreditors, sources) is checked with the line of the entry that makes it, since
 * any file may cite a source defined in another.
 */
#include "training.h"
#include "xmalloc.h"
#include "yload.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const schedule_ids[SCHEDULE_COUNT] = { "day", "evening", "weekend", "part-time", "online", "hybrid" };
static const char *const status_ids[STATUS_COUNT] = { "accredited", "candidate", "letter-of-review", "not-accredited",
						      "unknown" };
static const char *const admission_ids[ADMISSION_COUNT] = { "open", "selective", "lottery", "waitlist" };
static const char *const requirement_ids[REQUIRE_COUNT] = { "licence", "certification", "registration", "varies",
							    "none", "unknown" };
static const char *const requirement_labels[REQUIRE_COUNT] = {
	"a state licence", "state certification", "state registration", "rules that vary by duty or setting",
	"no state credential", "unknown",
};
static const char *const route_ids[ROUTE_COUNT] = { "programmatic", "one-of-routes", "approved-program", "none" };
static const char *const kind_ids[ACCREDITOR_KIND_COUNT] = { "programmatic", "institutional" };

static const struct {
	const char *code, *name;
} states[] = {
	{ "AL", "Alabama" }, { "AK", "Alaska" }, { "AZ", "Arizona" }, { "AR", "Arkansas" }, { "CA", "California" },
	{ "CO", "Colorado" }, { "CT", "Connecticut" }, { "DE", "Delaware" }, { "DC", "District of Columbia" },
	{ "FL", "Florida" }, { "GA", "Georgia" }, { "HI", "Hawaii" }, { "ID", "Idaho" }, { "IL", "Illinois" },
	{ "IN", "Indiana" }, { "IA", "Iowa" }, { "KS", "Kansas" }, { "KY", "Kentucky" }, { "LA", "Louisiana" },
	{ "ME", "Maine" }, { "MD", "Maryland" }, { "MA", "Massachusetts" }, { "MI", "Michigan" }, { "MN", "Minnesota" },
	{ "MS", "Mississippi" }, { "MO", "Missouri" }, { "MT", "Montana" }, { "NE", "Nebraska" }, { "NV", "Nevada" },
	{ "NH", "New Hampshire" }, { "NJ", "New Jersey" }, { "NM", "New Mexico" }, { "NY", "New York" },
	{ "NC", "North Carolina" }, { "ND", "North Dakota" }, { "OH", "Ohio" }, { "OK", "Oklahoma" }, { "OR", "Oregon" },
	{ "PA", "Pennsylvania" }, { "PR", "Puerto Rico" }, { "RI", "Rhode Island" }, { "SC", "South Carolina" },
	{ "SD", "South Dakota" }, { "TN", "Tennessee" }, { "TX", "Texas" }, { "UT", "Utah" }, { "VT", "Vermont" },
	{ "VA", "Virginia" }, { "WA", "Washington" }, { "WV", "West Virginia" }, { "WI", "Wisconsin" }, { "WY", "Wyoming" },
};

#define ID_OF(table, v) ((v) >= 0 && (size_t)(v) < sizeof(table) / sizeof(table[0]) ? table[v] : NULL)
const char *training_schedule_id(int v) { return ID_OF(schedule_ids, v); }
const char *training_status_id(int v) { return ID_OF(status_ids, v); }
const char *training_admission_id(int v) { return ID_OF(admission_ids, v); }
const char *training_requirement_id(int v) { return ID_OF(requirement_ids, v); }
const char *training_requirement_label(int v) { return ID_OF(requirement_labels, v); }
const char *training_route_id(int v) { return ID_OF(route_ids, v); }

const char *training_credential_id(int v)
{
	return v == CREDENTIAL_NONCREDIT ? "noncredit" : career_scale_id(SCALE_CREDENTIAL, v);
}

bool training_state_parse(const char *s, char out[3])
{
	if (!s || strlen(s) != 2)
		return false;
	char up[3] = { (char)toupper((unsigned char)s[0]), (char)toupper((unsigned char)s[1]), '\0' };
	for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		if (strcmp(states[i].code, up) == 0) {
			memcpy(out, up, 3);
			return true;
		}
	return false;
}

const char *training_state_name(const char *code)
{
	for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		if (strcmp(states[i].code, code) == 0)
			return states[i].name;
	return NULL;
}

/* ---- init and release ---- */

void training_init(struct training *t)
{
	memset(t, 0, sizeof(*t));
}

static void program_release(struct program *p)
{
	free(p->id);
	free(p->name);
	strvec_release(&p->careers);
	free(p->career_name);
	free(p->accreditor);
	free(p->note);
	free(p->as_of);
	strvec_release(&p->sources);
	free(p->prerequisites);
	free(p->cip);
}

void accreditor_release(struct accreditor *a)
{
	free(a->id);
	free(a->name);
	free(a->acronym);
	free(a->grants_through);
	strvec_release(&a->scope);
	free(a->note);
	strvec_release(&a->sources);
}

void institution_release(struct institution *in)
{
	free(in->id);
	free(in->name);
	free(in->campus);
	free(in->city);
	free(in->state);
	free(in->zip);
	free(in->accreditor);
	free(in->note);
	free(in->address);
	free(in->website);
	free(in->as_of);
	free(in->origin);
	strvec_release(&in->sources);
	for (size_t k = 0; k < in->n_programs; k++)
		program_release(&in->programs[k]);
	free(in->programs);
}

void state_rule_init(struct state_rule *r)
{
	memset(r, 0, sizeof(*r));
	strvec_init(&r->careers);
	strvec_init(&r->sources);
	r->requirement = REQUIRE_UNKNOWN;
}

void state_rule_release(struct state_rule *r)
{
	strvec_release(&r->careers);
	free(r->career_name);
	free(r->authority);
	free(r->credential);
	free(r->legal_basis);
	free(r->note);
	free(r->as_of);
	strvec_release(&r->sources);
}

void exam_route_init(struct exam_route *r)
{
	memset(r, 0, sizeof(*r));
	strvec_init(&r->accreditors);
	strvec_init(&r->sources);
}

void exam_route_release(struct exam_route *r)
{
	free(r->career);
	free(r->exam);
	strvec_release(&r->accreditors);
	free(r->effective);
	free(r->note);
	strvec_release(&r->sources);
}

void training_release(struct training *t)
{
	for (size_t i = 0; i < t->n_accreditors; i++)
		accreditor_release(&t->accreditors[i]);
	for (size_t i = 0; i < t->n_institutions; i++)
		institution_release(&t->institutions[i]);
	for (size_t i = 0; i < t->n_rules; i++)
		state_rule_release(&t->rules[i]);
	for (size_t i = 0; i < t->n_routes; i++)
		exam_route_release(&t->routes[i]);
	for (size_t i = 0; i < t->n_sources; i++)
		source_release(&t->sources[i]);
	free(t->accreditors);
	free(t->institutions);
	free(t->rules);
	free(t->routes);
	free(t->sources);
	training_init(t);
}

/* ---- field helpers ---- */

/* The index of a scalar in ids[0..n), or -1 with a problem listing them. */
static int enum_field(struct yload *ld, yaml_node_t *v, const char *field, const char *const *ids, size_t n)
{
	const char *s = yload_scalar(ld, v, field);
	if (!s)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(ids[i], s) == 0)
			return (int)i;
	char allowed[256] = "";
	for (size_t i = 0; i < n; i++)
		snprintf(allowed + strlen(allowed), sizeof(allowed) - strlen(allowed), "%s%s", i ? ", " : "", ids[i]);
	yload_fail(ld, v, "'%s' has unknown value '%s' (allowed: %s)", field, s, allowed);
	return -1;
}

static char *date_field(struct yload *ld, yaml_node_t *v, const char *field)
{
	char *d = yload_text(ld, v, field);
	if (d && !yload_is_date(d)) {
		yload_fail(ld, v, "'%s' must be a date like 2024-05 or 2024-05-31, not '%s'", field, d);
		free(d);
		return NULL;
	}
	return d;
}

static bool bool_field(struct yload *ld, yaml_node_t *v, const char *field)
{
	const char *s = yload_scalar(ld, v, field);
	if (s && strcmp(s, "true") == 0)
		return true;
	if (s && strcmp(s, "false") != 0)
		yload_fail(ld, v, "'%s' must be true or false, not '%s'", field, s);
	return false;
}

static double pct_field(struct yload *ld, yaml_node_t *v, const char *field)
{
	double x = yload_number(ld, v, field);
	if (!isnan(x) && (x < 0 || x > 100)) {
		yload_fail(ld, v, "'%s' must be a percentage from 0 to 100", field);
		return NAN;
	}
	return x;
}

/* A reference to check once every file is parsed. */
enum ref_kind { REF_CAREER, REF_SOURCE, REF_ACCREDITOR, REF_PROGRAMMATIC, REF_INSTITUTIONAL };
struct ref {
	struct yload *ld;
	yaml_node_t *node;
	int kind;
	const char *id;		/* borrowed from the model */
};

struct loading {
	struct training *t;
	struct ref *refs;
	size_t n_refs, cap_refs;
	struct yload_sources sources;
	size_t cap_accreditors, cap_institutions, cap_rules, cap_routes;
	struct institution *institution;	/* the one whose programs are being read */
};

static void refer(struct loading *L, struct yload *ld, yaml_node_t *node, int kind, const char *id)
{
	if (!id)
		return;
	xgrow((void **)&L->refs, &L->cap_refs, L->n_refs + 1, sizeof(*L->refs));
	L->refs[L->n_refs++] = (struct ref){ ld, node, kind, id };
}

static void refer_all(struct loading *L, struct yload *ld, yaml_node_t *node, int kind, const struct strvec *ids)
{
	for (size_t i = 0; i < ids->n; i++)
		refer(L, ld, node, kind, ids->v[i]);
}

/* ---- accreditors.yaml ---- */

enum { A_ID, A_NAME, A_ACRONYM, A_KIND, A_RECOGNIZED, A_GRANTS, A_SCOPE, A_NOTE, A_SOURCE };
static const struct yload_field accreditor_keys[] = {
	{ "id", 1 }, { "name", 1 }, { "acronym", 0 }, { "kind", 1 }, { "recognized_by", 1 },
	{ "grants_through", 0 }, { "scope", 0 }, { "note", 0 }, { "source", 1 },
};

static void accreditor_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct accreditor *a = vctx;
	struct strvec rec;
	switch (which) {
	case A_ID: a->id = yload_text(ld, v, "id"); break;
	case A_NAME: a->name = yload_text(ld, v, "name"); break;
	case A_ACRONYM: a->acronym = yload_text(ld, v, "acronym"); break;
	case A_KIND: a->kind = enum_field(ld, v, "kind", kind_ids, ACCREDITOR_KIND_COUNT); break;
	case A_RECOGNIZED:
		strvec_init(&rec);
		yload_strings(ld, v, "recognized_by", &rec);
		for (size_t i = 0; i < rec.n; i++) {
			if (strcmp(rec.v[i], "usde") == 0)
				a->recognized_by |= RECOGNIZED_USDE;
			else if (strcmp(rec.v[i], "chea") == 0)
				a->recognized_by |= RECOGNIZED_CHEA;
			else
				yload_fail(ld, v, "'recognized_by' has unknown value '%s' (allowed: usde, chea)", rec.v[i]);
		}
		strvec_release(&rec);
		break;
	case A_GRANTS: a->grants_through = yload_text(ld, v, "grants_through"); break;
	case A_SCOPE: yload_strings(ld, v, "scope", &a->scope); break;
	case A_NOTE: a->note = yload_text(ld, v, "note"); break;
	case A_SOURCE: yload_strings(ld, v, "source", &a->sources); break;
	}
}

static void add_accreditor(struct yload *ld, yaml_node_t *node, void *vctx)
{
	struct loading *L = vctx;
	struct training *t = L->t;
	xgrow((void **)&t->accreditors, &L->cap_accreditors, t->n_accreditors + 1, sizeof(*t->accreditors));
	struct accreditor *a = &t->accreditors[t->n_accreditors++];
	memset(a, 0, sizeof(*a));
	strvec_init(&a->scope);
	strvec_init(&a->sources);
	yload_mapping(ld, node, "an accreditor", accreditor_keys, sizeof(accreditor_keys) / sizeof(accreditor_keys[0]),
		      accreditor_field, a);
	for (size_t i = 0; a->id && i + 1 < t->n_accreditors; i++)
		if (t->accreditors[i].id && strcmp(t->accreditors[i].id, a->id) == 0)
			yload_fail(ld, node, "accreditor id '%s' appears twice", a->id);
	refer(L, ld, node, REF_ACCREDITOR, a->grants_through);
	refer_all(L, ld, node, REF_SOURCE, &a->sources);
}

/* ---- institutions.yaml ---- */

enum {
	P_ID, P_NAME, P_CAREERS, P_CAREER_NAME, P_CREDENTIAL, P_MONTHS, P_SCHEDULE, P_ACCREDITOR, P_STATUS,
	P_ADMISSION, P_COST, P_CLINICAL, P_CAMPUS_UNKNOWN, P_OUTCOMES, P_NOTE, P_AS_OF, P_SOURCE
};
static const struct yload_field program_keys[] = {
	{ "id", 1 }, { "name", 1 }, { "careers", 0 }, { "career_name", 0 }, { "credential", 0 }, { "months", 0 },
	{ "schedule", 0 }, { "accreditor", 0 }, { "accreditation_status", 1 }, { "admission", 0 }, { "cost_usd", 0 },
	{ "clinical_hours", 0 }, { "campus_unknown", 0 }, { "outcomes", 0 }, { "note", 0 }, { "as_of", 0 },
	{ "source", 1 },
};

enum { O_EXAM, O_COMPLETION, O_PLACEMENT, O_YEAR };
static const struct yload_field outcome_keys[] = {
	{ "exam_pass_pct", 0 }, { "completion_pct", 0 }, { "placement_pct", 0 }, { "year", 1 },
};

static void outcome_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct program *p = vctx;
	switch (which) {
	case O_EXAM: p->exam_pass_pct = pct_field(ld, v, "exam_pass_pct"); break;
	case O_COMPLETION: p->completion_pct = pct_field(ld, v, "completion_pct"); break;
	case O_PLACEMENT: p->placement_pct = pct_field(ld, v, "placement_pct"); break;
	case O_YEAR: p->outcomes_year = yload_count(ld, v, "year"); break;
	}
}

static void program_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct program *p = vctx;
	struct strvec sched;
	switch (which) {
	case P_ID: p->id = yload_text(ld, v, "id"); break;
	case P_NAME: p->name = yload_text(ld, v, "name"); break;
	case P_CAREERS: yload_strings(ld, v, "careers", &p->careers); break;
	case P_CAREER_NAME: p->career_name = yload_text(ld, v, "career_name"); break;
	case P_CREDENTIAL: {
		const char *s = yload_scalar(ld, v, "credential");
		if (s && strcmp(s, "noncredit") == 0)
			p->credential = CREDENTIAL_NONCREDIT;
		else if (s)
			p->credential = yload_scale(ld, v, "credential", SCALE_CREDENTIAL);
		break;
	}
	case P_MONTHS:
		p->months = yload_number(ld, v, "months");
		if (!isnan(p->months) && (p->months <= 0 || p->months > 120)) {
			yload_fail(ld, v, "'months' must be more than 0 and at most 120");
			p->months = NAN;
		}
		break;
	case P_SCHEDULE:
		strvec_init(&sched);
		yload_strings(ld, v, "schedule", &sched);
		for (size_t i = 0; i < sched.n; i++) {
			size_t k;
			for (k = 0; k < SCHEDULE_COUNT; k++)
				if (strcmp(schedule_ids[k], sched.v[i]) == 0)
					break;
			if (k == SCHEDULE_COUNT)
				yload_fail(ld, v, "'schedule' has unknown value '%s' (allowed: day, evening, weekend, "
					   "part-time, online, hybrid)", sched.v[i]);
			else
				p->schedule |= 1u << k;
		}
		strvec_release(&sched);
		break;
	case P_ACCREDITOR: p->accreditor = yload_text(ld, v, "accreditor"); break;
	case P_STATUS: p->status = enum_field(ld, v, "accreditation_status", status_ids, STATUS_COUNT); break;
	case P_ADMISSION: p->admission = enum_field(ld, v, "admission", admission_ids, ADMISSION_COUNT); break;
	case P_COST: p->cost_usd = yload_count(ld, v, "cost_usd"); break;
	case P_CLINICAL: p->clinical_hours = yload_count(ld, v, "clinical_hours"); break;
	case P_CAMPUS_UNKNOWN: p->campus_unknown = bool_field(ld, v, "campus_unknown"); break;
	case P_OUTCOMES:
		yload_mapping(ld, v, "'outcomes'", outcome_keys, sizeof(outcome_keys) / sizeof(outcome_keys[0]),
			      outcome_field, p);
		break;
	case P_NOTE: p->note = yload_text(ld, v, "note"); break;
	case P_AS_OF: p->as_of = date_field(ld, v, "as_of"); break;
	case P_SOURCE: yload_strings(ld, v, "source", &p->sources); break;
	}
}

static void add_program(struct yload *ld, yaml_node_t *node, void *vctx)
{
	struct loading *L = vctx;
	struct institution *in = L->institution;
	size_t cap = in->n_programs;
	int before = ld->n_errors;

	xgrow((void **)&in->programs, &cap, in->n_programs + 1, sizeof(*in->programs));
	struct program *p = &in->programs[in->n_programs++];
	memset(p, 0, sizeof(*p));
	strvec_init(&p->careers);
	strvec_init(&p->sources);
	p->credential = p->admission = CAREER_UNKNOWN;
	p->status = STATUS_UNKNOWN;
	p->cost_usd = p->clinical_hours = p->outcomes_year = CAREER_UNKNOWN;
	p->months = p->exam_pass_pct = p->completion_pct = p->placement_pct = NAN;
	yload_mapping(ld, node, "a program", program_keys, sizeof(program_keys) / sizeof(program_keys[0]),
		      program_field, p);
	if (ld->n_errors == before && !p->careers.n == !p->career_name)
		yload_fail(ld, node, "a program needs 'careers' (our career ids) or 'career_name', not both");
	if (ld->n_errors == before && in->id && strncmp(p->id, in->id, strlen(in->id)) != 0)
		yload_fail(ld, node, "program id '%s' must start with its institution's id '%s/'", p->id, in->id);
	refer_all(L, ld, node, REF_CAREER, &p->careers);
	refer(L, ld, node, REF_PROGRAMMATIC, p->accreditor);
	refer_all(L, ld, node, REF_SOURCE, &p->sources);
}

enum {
	I_ID, I_NAME, I_CAMPUS, I_CITY, I_STATE, I_ZIP, I_IPEDS, I_LAT, I_LON, I_ACCREDITOR, I_NOTE, I_SOURCE,
	I_PROGRAMS
};
static const struct yload_field institution_keys[] = {
	{ "id", 1 }, { "name", 1 }, { "campus", 0 }, { "city", 0 }, { "state", 1 }, { "zip", 0 },
	{ "ipeds_unitid", 0 }, { "latitude", 0 }, { "longitude", 0 }, { "accreditor", 0 }, { "note", 0 },
	{ "source", 1 }, { "programs", 1 },
};

static void institution_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct loading *L = vctx;
	struct institution *in = L->institution;
	char code[3];
	switch (which) {
	case I_ID: in->id = yload_text(ld, v, "id"); break;
	case I_NAME: in->name = yload_text(ld, v, "name"); break;
	case I_CAMPUS: in->campus = yload_text(ld, v, "campus"); break;
	case I_CITY: in->city = yload_text(ld, v, "city"); break;
	case I_STATE:
		in->state = yload_text(ld, v, "state");
		if (in->state && !training_state_parse(in->state, code))
			yload_fail(ld, v, "'state' must be a two-letter state code such as NJ, not '%s'", in->state);
		break;
	case I_ZIP:
		in->zip = yload_text(ld, v, "zip");
		if (in->zip && (strlen(in->zip) != 5 || strspn(in->zip, "0123456789") != 5))
			yload_fail(ld, v, "'zip' must be five digits in quotes (\"07102\"), not '%s'", in->zip);
		break;
	case I_IPEDS: in->ipeds_unitid = yload_count(ld, v, "ipeds_unitid"); break;
	case I_LAT:
		in->latitude = yload_number(ld, v, "latitude");
		if (fabs(in->latitude) > 90)
			yload_fail(ld, v, "'latitude' must be from -90 to 90");
		break;
	case I_LON:
		in->longitude = yload_number(ld, v, "longitude");
		if (fabs(in->longitude) > 180)
			yload_fail(ld, v, "'longitude' must be from -180 to 180");
		break;
	case I_ACCREDITOR: in->accreditor = yload_text(ld, v, "accreditor"); break;
	case I_NOTE: in->note = yload_text(ld, v, "note"); break;
	case I_SOURCE: yload_strings(ld, v, "source", &in->sources); break;
	case I_PROGRAMS: yload_each(ld, v, "programs", add_program, L); break;
	}
}

static void add_institution(struct yload *ld, yaml_node_t *node, void *vctx)
{
	struct loading *L = vctx;
	struct training *t = L->t;
	xgrow((void **)&t->institutions, &L->cap_institutions, t->n_institutions + 1, sizeof(*t->institutions));
	struct institution *in = &t->institutions[t->n_institutions++];
	memset(in, 0, sizeof(*in));
	strvec_init(&in->sources);
	in->ipeds_unitid = CAREER_UNKNOWN;
	in->latitude = in->longitude = NAN;
	L->institution = in;
	/* id first, so that programs can check their prefix whatever the key order */
	yload_mapping(ld, node, "an institution", institution_keys, sizeof(institution_keys) / sizeof(institution_keys[0]),
		      institution_field, L);
	if (isnan(in->latitude) != isnan(in->longitude))
		yload_fail(ld, node, "give both 'latitude' and 'longitude', or neither");
	refer(L, ld, node, REF_INSTITUTIONAL, in->accreditor);
	refer_all(L, ld, node, REF_SOURCE, &in->sources);
}

/* ---- rules.yaml ---- */

enum { R_STATE, R_CAREERS, R_CAREER_NAME, R_REQUIREMENT, R_AUTHORITY, R_CREDENTIAL, R_LEGAL, R_NOTE, R_AS_OF, R_SOURCE };
static const struct yload_field rule_keys[] = {
	{ "state", 1 }, { "careers", 0 }, { "career_name", 0 }, { "requirement", 1 }, { "authority", 0 },
	{ "credential", 0 }, { "legal_basis", 0 }, { "note", 0 }, { "as_of", 0 }, { "source", 0 },
};

static void rule_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct state_rule *r = vctx;
	const char *s;
	switch (which) {
	case R_STATE:
		s = yload_scalar(ld, v, "state");
		if (s && !training_state_parse(s, r->state))
			yload_fail(ld, v, "'state' must be a two-letter state code such as NJ, not '%s'", s);
		break;
	case R_CAREERS: yload_strings(ld, v, "careers", &r->careers); break;
	case R_CAREER_NAME: r->career_name = yload_text(ld, v, "career_name"); break;
	case R_REQUIREMENT: r->requirement = enum_field(ld, v, "requirement", requirement_ids, REQUIRE_COUNT); break;
	case R_AUTHORITY: r->authority = yload_text(ld, v, "authority"); break;
	case R_CREDENTIAL: r->credential = yload_text(ld, v, "credential"); break;
	case R_LEGAL: r->legal_basis = yload_text(ld, v, "legal_basis"); break;
	case R_NOTE: r->note = yload_text(ld, v, "note"); break;
	case R_AS_OF: r->as_of = date_field(ld, v, "as_of"); break;
	case R_SOURCE: yload_strings(ld, v, "source", &r->sources); break;
	}
}

static void add_rule(struct yload *ld, yaml_node_t *node, void *vctx)
{
	struct loading *L = vctx;
	struct training *t = L->t;
	int before = ld->n_errors;
	xgrow((void **)&t->rules, &L->cap_rules, t->n_rules + 1, sizeof(*t->rules));
	struct state_rule *r = &t->rules[t->n_rules++];
	state_rule_init(r);
	yload_mapping(ld, node, "a rule", rule_keys, sizeof(rule_keys) / sizeof(rule_keys[0]), rule_field, r);
	if (ld->n_errors == before && !r->careers.n == !r->career_name)
		yload_fail(ld, node, "a rule needs 'careers' (our career ids) or 'career_name', not both");
	if (ld->n_errors == before && r->requirement != REQUIRE_UNKNOWN && !r->sources.n)
		yload_fail(ld, node, "a rule that states a requirement needs a 'source'");
	refer_all(L, ld, node, REF_CAREER, &r->careers);
	refer_all(L, ld, node, REF_SOURCE, &r->sources);
}

/* ---- exam-routes.yaml ---- */

enum { X_CAREER, X_STATE, X_EXAM, X_REQUIRES, X_ACCREDITORS, X_EFFECTIVE, X_NOTE, X_SOURCE };
static const struct yload_field route_keys[] = {
	{ "career", 1 }, { "state", 0 }, { "exam", 1 }, { "requires", 1 }, { "accreditors", 1 },
	{ "effective", 0 }, { "note", 0 }, { "source", 1 },
};

static void route_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct exam_route *r = vctx;
	const char *s;
	switch (which) {
	case X_CAREER: r->career = yload_text(ld, v, "career"); break;
	case X_STATE:
		s = yload_scalar(ld, v, "state");
		if (s && !training_state_parse(s, r->state))
			yload_fail(ld, v, "'state' must be a two-letter state code such as NJ, not '%s'", s);
		break;
	case X_EXAM: r->exam = yload_text(ld, v, "exam"); break;
	case X_REQUIRES: r->requires = enum_field(ld, v, "requires", route_ids, ROUTE_COUNT); break;
	case X_ACCREDITORS:
		if (v && v->type == YAML_SEQUENCE_NODE && v->data.sequence.items.start == v->data.sequence.items.top)
			break;	/* [] : no accreditor named */
		yload_strings(ld, v, "accreditors", &r->accreditors);
		break;
	case X_EFFECTIVE: r->effective = date_field(ld, v, "effective"); break;
	case X_NOTE: r->note = yload_text(ld, v, "note"); break;
	case X_SOURCE: yload_strings(ld, v, "source", &r->sources); break;
	}
}

static void add_route(struct yload *ld, yaml_node_t *node, void *vctx)
{
	struct loading *L = vctx;
	struct training *t = L->t;
	xgrow((void **)&t->routes, &L->cap_routes, t->n_routes + 1, sizeof(*t->routes));
	struct exam_route *r = &t->routes[t->n_routes++];
	exam_route_init(r);
	yload_mapping(ld, node, "an exam route", route_keys, sizeof(route_keys) / sizeof(route_keys[0]), route_field, r);
	refer(L, ld, node, REF_CAREER, r->career);
	refer_all(L, ld, node, REF_PROGRAMMATIC, &r->accreditors);
	refer_all(L, ld, node, REF_SOURCE, &r->sources);
}

/* ---- files ---- */

struct file_spec {
	const char *name, *list;	/* file name, and its list key */
	void (*add)(struct yload *, yaml_node_t *, void *);
};

static const struct file_spec files[] = {
	{ "accreditors.yaml", "accreditors", add_accreditor },
	{ "institutions.yaml", "institutions", add_institution },
	{ "rules.yaml", "rules", add_rule },
	{ "exam-routes.yaml", "routes", add_route },
};
#define N_FILES (sizeof(files) / sizeof(files[0]))

struct file_ctx {
	struct loading *L;
	const struct file_spec *spec;
};

static void file_field(struct yload *ld, int which, yaml_node_t *v, void *vctx)
{
	struct file_ctx *f = vctx;
	if (which == 0)
		yload_each(ld, v, f->spec->list, f->spec->add, f->L);
	else
		yload_each(ld, v, "sources", yload_add_source, &f->L->sources);
}

static const struct accreditor *find_accreditor(const struct training *t, const char *id)
{
	for (size_t i = 0; i < t->n_accreditors; i++)
		if (t->accreditors[i].id && strcmp(t->accreditors[i].id, id) == 0)
			return &t->accreditors[i];
	return NULL;
}

static bool has_own_source(const struct training *t, const char *id)
{
	for (size_t i = 0; i < t->n_sources; i++)
		if (strcmp(t->sources[i].id, id) == 0)
			return true;
	return false;
}

static void check_refs(struct loading *L, const struct training_refs *refs)
{
	struct training *t = L->t;
	for (size_t i = 0; i < L->n_refs; i++) {
		const struct ref *r = &L->refs[i];
		const struct accreditor *a;
		switch (r->kind) {
		case REF_CAREER:
			if (!refs->has_career(r->id, refs->ctx))
				yload_fail(r->ld, r->node, "names unknown career '%s'", r->id);
			break;
		case REF_SOURCE:
			if (!has_own_source(t, r->id) && !refs->has_source(r->id, refs->ctx))
				yload_fail(r->ld, r->node, "cites unknown source '%s'", r->id);
			break;
		default:
			a = find_accreditor(t, r->id);
			if (!a)
				yload_fail(r->ld, r->node, "names unknown accreditor '%s'", r->id);
			else if (r->kind == REF_PROGRAMMATIC && a->kind != ACCREDITOR_PROGRAMMATIC)
				yload_fail(r->ld, r->node, "'%s' is not a programmatic accreditor", r->id);
			else if (r->kind == REF_INSTITUTIONAL && a->kind != ACCREDITOR_INSTITUTIONAL)
				yload_fail(r->ld, r->node, "'%s' is not an institutional accreditor", r->id);
			break;
		}
	}
}

int training_load(const char *dir, struct training *t, const struct training_refs *refs, struct diag *err,
		  int *n_errors)
{
	struct yload ld[N_FILES];
	char *paths[N_FILES] = { NULL };
	bool loaded[N_FILES] = { false };
	struct loading L = { .t = t, .sources = { NULL, 0, 0, "training/" } };
	char *tdir = xasprintf("%s/training", dir);
	struct stat sb;
	int rc = 0;

	memset(ld, 0, sizeof(ld));
	if (stat(tdir, &sb) != 0) {
		free(tdir);
		return 0;	/* no training data: nothing to load */
	}
	for (size_t i = 0; i < N_FILES && rc == 0; i++) {
		char *data = NULL;
		size_t len = 0;
		paths[i] = xasprintf("%s/%s", tdir, files[i].name);
		ld[i].path = paths[i];
		ld[i].err = err;
		if ((rc = yload_read_file(paths[i], &data, &len, err)) < 0)
			break;
		if (refs->on_file)
			refs->on_file(paths[i], data, len, refs->ctx);
		loaded[i] = yload_parse(&ld[i], data, len) == 0;
		free(data);
		if (loaded[i]) {
			const struct yload_field keys[] = { { files[i].list, 1 }, { "sources", 0 } };
			struct file_ctx f = { &L, &files[i] };
			yload_mapping(&ld[i], yaml_document_get_root_node(&ld[i].doc), files[i].name, keys, 2, file_field, &f);
		}
	}
	t->sources = L.sources.v;
	t->n_sources = L.sources.n;
	if (rc == 0) {
		int errors = 0;
		for (size_t i = 0; i < N_FILES; i++)
			errors += ld[i].n_errors;
		if (errors == 0)
			check_refs(&L, refs);
	}
	for (size_t i = 0; i < N_FILES; i++) {
		if (loaded[i])
			yaml_document_delete(&ld[i].doc);
		*n_errors += ld[i].n_errors;
		free(paths[i]);
	}
	free(L.refs);
	free(tdir);
	return rc;
}
