/*
 * career: scale names and the career model's lifecycle (see career.h).
 */
#include "career.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct scale_def {
	const char *const *ids;
	const char *const *labels;
	int count;
	char list[256];
};

#define DEF(ids_, labels_) { ids_, labels_, (int)(sizeof(ids_) / sizeof(ids_[0])), "" }

static const char *const group_ids[] = { "primary-care", "health-promotion", "diagnostic" };
static const char *const group_labels[] = {
	"Primary care", "Health promotion, administrative and rehabilitative", "Diagnostic"
};
static const char *const contact_ids[] = { "none", "low", "some", "high", "constant" };
static const char *const contact_labels[] = { "None", "Low", "Some", "High", "Constant" };
static const char *const blood_ids[] = { "none", "occasional", "frequent" };
static const char *const blood_labels[] = { "None", "Occasional", "Frequent" };
static const char *const physical_ids[] = { "sedentary", "light", "moderate", "heavy" };
static const char *const physical_labels[] = { "Sedentary", "Light", "Moderate", "Heavy" };
static const char *const remote_ids[] = { "none", "some", "common" };
static const char *const remote_labels[] = { "No", "Some jobs", "Common" };
static const char *const cred_ids[] = {
	"on-the-job", "certificate", "diploma", "associate", "bachelor", "master", "doctorate"
};
static const char *const cred_labels[] = {
	"On-the-job training", "Certificate", "Diploma", "Associate degree", "Bachelor's degree",
	"Master's degree", "Doctoral degree"
};
static const char *const shift_ids[] = { "days", "evenings", "nights", "weekends", "on-call" };
static const char *const shift_labels[] = { "Days", "Evenings", "Nights", "Weekends", "On call" };
static const char *const kind_ids[] = { "certification", "license", "registration", "exam" };
static const char *const kind_labels[] = { "Certification", "License", "Registration", "Exam" };
static const char *const required_ids[] = { "state", "employer", "optional" };
static const char *const required_labels[] = {
	"Required by law in some or all states", "Expected by most employers", "Optional"
};
static const char *const regulated_ids[] = { "all", "most", "some", "none", "unknown" };
static const char *const regulated_labels[] = {
	"Regulated in every state", "Regulated in most states", "Regulated in some states",
	"Not state-regulated", "Unknown"
};
static const char *const block_ids[] = {
	"work", "education", "certifications", "regulation", "pay", "outlook", "interest_profile"
};
static const char *const block_labels[] = {
	"Work", "Education", "Certifications", "Regulation", "Pay", "Outlook", "Interest profile"
};

static struct scale_def scales[SCALE_COUNT] = {
	[SCALE_GROUP] = DEF(group_ids, group_labels),
	[SCALE_CONTACT] = DEF(contact_ids, contact_labels),
	[SCALE_BLOOD] = DEF(blood_ids, blood_labels),
	[SCALE_PHYSICAL] = DEF(physical_ids, physical_labels),
	[SCALE_REMOTE] = DEF(remote_ids, remote_labels),
	[SCALE_CREDENTIAL] = DEF(cred_ids, cred_labels),
	[SCALE_SHIFT] = DEF(shift_ids, shift_labels),
	[SCALE_CERT_KIND] = DEF(kind_ids, kind_labels),
	[SCALE_REQUIRED] = DEF(required_ids, required_labels),
	[SCALE_REGULATED] = DEF(regulated_ids, regulated_labels),
	[SCALE_BLOCK] = DEF(block_ids, block_labels),
};

const char *const career_riasec_names[RIASEC_COUNT] = {
	"realistic", "investigative", "artistic", "social", "enterprising", "conventional"
};

const char *career_scale_id(enum career_scale scale, int v)
{
	if (v < 0 || v >= scales[scale].count)
		return NULL;
	return scales[scale].ids[v];
}

const char *career_scale_label(enum career_scale scale, int v)
{
	if (v < 0 || v >= scales[scale].count)
		return "unknown";
	return scales[scale].labels[v];
}

int career_scale_parse(enum career_scale scale, const char *name)
{
	for (int i = 0; i < scales[scale].count; i++)
		if (strcmp(scales[scale].ids[i], name) == 0)
			return i;
	return CAREER_UNKNOWN;
}

int career_scale_count(enum career_scale scale)
{
	return scales[scale].count;
}

const char *career_scale_list(enum career_scale scale)
{
	struct scale_def *s = &scales[scale];
	if (!s->list[0]) {
		size_t n = 0;
		for (int i = 0; i < s->count; i++) {
			size_t len = strlen(s->ids[i]);
			if (n + len + 3 >= sizeof(s->list))
				break;
			if (i) {
				memcpy(s->list + n, ", ", 2);
				n += 2;
			}
			memcpy(s->list + n, s->ids[i], len);
			n += len;
		}
		s->list[n] = '\0';
	}
	return s->list;
}

void career_init(struct career *c)
{
	memset(c, 0, sizeof(*c));
	c->group = CAREER_UNKNOWN;
	c->patient_contact = c->blood = c->physical = c->remote = CAREER_UNKNOWN;
	c->entry_credential = CAREER_UNKNOWN;
	c->regulated = CAREER_UNKNOWN;
	c->wage_median_usd = c->wage_p10_usd = c->wage_p90_usd = CAREER_UNKNOWN;
	c->employment_2024 = c->employment_2034 = c->openings_per_year = CAREER_UNKNOWN;
	c->change_pct = NAN;
	for (int i = 0; i < RIASEC_COUNT; i++)
		c->riasec[i] = NAN;
	strvec_init(&c->aliases);
	strvec_init(&c->duties);
	strvec_init(&c->settings);
	strvec_init(&c->interests);
	for (int i = 0; i < BLOCK_COUNT; i++)
		strvec_init(&c->block_sources[i]);
}

void career_release(struct career *c)
{
	free(c->id);
	free(c->title);
	free(c->soc);
	free(c->onet_soc);
	free(c->summary);
	free(c->origin);
	strvec_release(&c->aliases);
	strvec_release(&c->duties);
	strvec_release(&c->settings);
	strvec_release(&c->interests);
	for (size_t i = 0; i < c->n_paths; i++)
		free(c->paths[i].note);
	free(c->paths);
	for (size_t i = 0; i < c->n_certs; i++) {
		free(c->certs[i].name);
		free(c->certs[i].body);
	}
	free(c->certs);
	free(c->regulation_note);
	free(c->pay_soc);
	free(c->outlook_soc);
	free(c->entry_education);
	free(c->interest_onet_soc);
	for (int i = 0; i < BLOCK_COUNT; i++)
		strvec_release(&c->block_sources[i]);
	career_init(c);
}

void career_training_months(const struct career_path *paths, size_t n, int entry_credential, int *lo, int *hi)
{
	const struct career_path *best = NULL;
	for (int pass = 0; pass < 2 && !best; pass++)
	for (size_t i = 0; i < n; i++) {
		const struct career_path *p = &paths[i];
		if (p->months_min == CAREER_UNKNOWN || (pass == 0 && p->credential != entry_credential))
			continue;
		if (!best || p->months_min < best->months_min ||
		    (p->months_min == best->months_min && p->months_max < best->months_max))
			best = p;
	}
	for (size_t i = 0; best && best->credential != entry_credential && i < n; i++)
		if (paths[i].months_min == CAREER_UNKNOWN && paths[i].credential < best->credential)
			best = NULL;
	*lo = best ? best->months_min : CAREER_UNKNOWN;
	*hi = best ? best->months_max : CAREER_UNKNOWN;
}

int career_months_min(const struct career *c)
{
	int lo, hi;
	career_training_months(c->paths, c->n_paths, c->entry_credential, &lo, &hi);
	return lo;
}

int career_months_max(const struct career *c)
{
	int lo, hi;
	career_training_months(c->paths, c->n_paths, c->entry_credential, &lo, &hi);
	return hi;
}

int career_min_credential(const struct career *c)
{
	int best = CAREER_UNKNOWN;
	for (size_t i = 0; i < c->n_paths; i++)
		if (best == CAREER_UNKNOWN || c->paths[i].credential < best)
			best = c->paths[i].credential;
	return best;
}

void career_cited_sources(const struct career *c, struct strvec *ids)
{
	for (int b = 0; b < BLOCK_COUNT; b++)
		for (size_t i = 0; i < c->block_sources[b].n; i++)
			if (!strvec_contains(ids, c->block_sources[b].v[i]))
				strvec_push(ids, c->block_sources[b].v[i]);
}

void source_init(struct source *s)
{
	memset(s, 0, sizeof(*s));
}

void source_release(struct source *s)
{
	free(s->id);
	free(s->title);
	free(s->publisher);
	free(s->url);
	free(s->as_of);
	free(s->checked);
	free(s->licence);
	source_init(s);
}
