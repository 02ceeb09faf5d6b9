/*
 * ladder: career ladders (data/ladders.yaml) and the path planner.
 *
 * Model and core layers, pure. A ladder step leads from a job a person has (or from no
 * healthcare job: "none") to a next one through a bridge program or on-the-job training. The
 * planner searches a graph whose nodes are careers and specialties and whose edges are the
 * ladder steps plus every career's own education paths (open to anyone, from the start node).
 * "Fastest" minimises the typical total months (the middle of each range); "cheapest"
 * minimises the months spent in school, since allied has no tuition figures: study is what
 * costs money, on-the-job training and work experience are counted as free. Both are
 * documented in docs/matching.md.
 */
#ifndef ALLIED_LADDER_H
#define ALLIED_LADDER_H

#include "buf.h"
#include "career.h"
#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

enum ladder_step_kind { STEP_STUDY, STEP_WORK, STEP_KIND_COUNT };

/* One step as written in data/ladders.yaml; every pointer is owned. */
struct ladder_step {
	char *from;		/* career or specialty id, or "none" */
	char *to;
	char *bridge;		/* the bridge credential or program */
	int credential;		/* enum career_credential */
	int kind;		/* enum ladder_step_kind */
	int months_min, months_max;	/* length of the bridge; CAREER_UNKNOWN when unknown */
	int experience_months;	/* months to work in `from` first; 0 when none is stated */
	char *accreditation, *exam, *licence, *note;	/* may be NULL */
	struct strvec sources;
};

/* A role reached by ladders that has no career (SOC code) of its own, e.g. CT technologist. */
struct specialty {
	char *id, *title;
	char *based_on;		/* the career whose pay and outlook figures apply */
	char *summary;
	struct strvec sources;
};

void ladder_step_init(struct ladder_step *s);
void ladder_step_release(struct ladder_step *s);
void specialty_init(struct specialty *s);
void specialty_release(struct specialty *s);

/* ---- the planner's graph ---- */

#define LADDER_START 0		/* node 0: no healthcare job yet */
#define LADDER_MAX_STEPS 8

struct ladder_node {
	const char *id, *title;
	const char *based_on;	/* a specialty's career id, or NULL for a career */
};

struct ladder_edge {
	size_t from, to;	/* node indexes */
	bool entry;		/* a career's own education path, rather than a ladder step */
	int kind, credential, months_min, months_max, experience_months;
	const char *bridge, *accreditation, *exam, *licence, *note;	/* may be NULL */
	const char *sources;	/* source ids separated by spaces, or NULL */
};

/* Owns copies of every string it is given. */
struct ladder {
	struct ladder_node *nodes;	/* nodes[LADDER_START] is the start */
	size_t n_nodes, cap_nodes;
	struct ladder_edge *edges;	/* sorted by from after ladder_finish */
	size_t n_edges, cap_edges;
	size_t *first;			/* edges of node i: first[i] to first[i + 1] - 1 */
	struct strvec strings;
};

void ladder_init(struct ladder *l);
void ladder_release(struct ladder *l);
/* Add a node (ids must be unique); returns its index. */
size_t ladder_add_node(struct ladder *l, const char *id, const char *title, const char *based_on);
/* The node with this id ("none" is the start), or -1. */
long ladder_find(const struct ladder *l, const char *id);
/* Add an edge; its strings are copied. */
void ladder_add_edge(struct ladder *l, const struct ladder_edge *e);
/* Index the edges; call once after the last ladder_add_edge and before planning. */
void ladder_finish(struct ladder *l);

struct ladder_options {
	bool part_time;		/* study steps take CAREER_PART_TIME_FACTOR times as long */
	bool cheapest;		/* fewest months in school rather than fewest months in all */
	int experience_months;	/* months already worked in the starting job */
};

struct ladder_plan_step {
	size_t edge;
	int experience_months;	/* months still to work in the step's `from` job first */
	int months_min, months_max;	/* the step itself, stretched when part time */
	int total_min, total_max;	/* cumulative from the start of the plan */
};

struct ladder_plan {
	size_t n_steps;
	struct ladder_plan_step steps[LADDER_MAX_STEPS];
	int total_min, total_max;	/* CAREER_UNKNOWN when a step's length is unknown */
	int school_min, school_max;	/* months of study (unstretched) */
	bool known;			/* every step's length is known */
	/* steps straight from the starting job to the target whose length is unknown, so they
	 * could not be timed against the plan (e.g. on-the-job MRI training for a radiographer) */
	size_t n_untimed;
	size_t untimed[4];		/* edge indexes */
};

/*
 * Plan the fastest (or cheapest) route from node from to node to. Routes open to anyone (from
 * the start node) are always considered; on a tie, a route that builds on the starting job
 * wins. Steps of unknown length are used only when no route of known length exists, and
 * then plan->known is false. Returns 0, ALLIED_EINVAL (from == to) or ALLIED_ENOTFOUND (no
 * route at all), with a message.
 */
int ladder_plan(const struct ladder *l, size_t from, size_t to, const struct ladder_options *o,
		struct ladder_plan *plan, struct diag *err);

#endif
