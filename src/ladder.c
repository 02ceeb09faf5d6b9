/*
 * ladder: ladder data and the path planner (see ladder.h).
 *
 * The planner is Dijkstra's algorithm with a binary heap over a cost tuple compared in order:
 * the quantity minimised (total or school months, in half-months so the middle of a range
 * stays whole), then the other one, then the number of steps, then whether the route starts
 * over from nothing rather than building on the person's job.
 */
#include "ladder.h"
#include "xmalloc.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void ladder_step_init(struct ladder_step *s)
{
	memset(s, 0, sizeof(*s));
	s->credential = s->kind = CAREER_UNKNOWN;
	s->months_min = s->months_max = CAREER_UNKNOWN;
	strvec_init(&s->sources);
}

void ladder_step_release(struct ladder_step *s)
{
	free(s->from);
	free(s->to);
	free(s->bridge);
	free(s->accreditation);
	free(s->exam);
	free(s->licence);
	free(s->note);
	strvec_release(&s->sources);
	ladder_step_init(s);
}

void specialty_init(struct specialty *s)
{
	memset(s, 0, sizeof(*s));
	strvec_init(&s->sources);
}

void specialty_release(struct specialty *s)
{
	free(s->id);
	free(s->title);
	free(s->based_on);
	free(s->summary);
	strvec_release(&s->sources);
	specialty_init(s);
}

void ladder_init(struct ladder *l)
{
	memset(l, 0, sizeof(*l));
	strvec_init(&l->strings);
	ladder_add_node(l, "none", "No healthcare job yet", NULL);
}

void ladder_release(struct ladder *l)
{
	free(l->nodes);
	free(l->edges);
	free(l->first);
	strvec_release(&l->strings);
	memset(l, 0, sizeof(*l));
}

static const char *keep(struct ladder *l, const char *s)
{
	if (!s)
		return NULL;
	strvec_push(&l->strings, s);
	return l->strings.v[l->strings.n - 1];
}

size_t ladder_add_node(struct ladder *l, const char *id, const char *title, const char *based_on)
{
	xgrow((void **)&l->nodes, &l->cap_nodes, l->n_nodes + 1, sizeof(*l->nodes));
	l->nodes[l->n_nodes] = (struct ladder_node){ keep(l, id), keep(l, title), keep(l, based_on) };
	return l->n_nodes++;
}

long ladder_find(const struct ladder *l, const char *id)
{
	for (size_t i = 0; i < l->n_nodes; i++)
		if (strcmp(l->nodes[i].id, id) == 0)
			return (long)i;
	return -1;
}

void ladder_add_edge(struct ladder *l, const struct ladder_edge *e)
{
	struct ladder_edge c = *e;
	c.bridge = keep(l, e->bridge);
	c.accreditation = keep(l, e->accreditation);
	c.exam = keep(l, e->exam);
	c.licence = keep(l, e->licence);
	c.note = keep(l, e->note);
	c.sources = keep(l, e->sources);
	xgrow((void **)&l->edges, &l->cap_edges, l->n_edges + 1, sizeof(*l->edges));
	l->edges[l->n_edges++] = c;
}

void ladder_finish(struct ladder *l)
{
	/* a stable counting sort by from: edges of one node keep the order they were added in */
	struct ladder_edge *sorted = xmalloc((l->n_edges ? l->n_edges : 1) * sizeof(*sorted));
	size_t *next = xcalloc(l->n_nodes + 1, sizeof(*next));

	free(l->first);
	l->first = xcalloc(l->n_nodes + 1, sizeof(*l->first));
	for (size_t e = 0; e < l->n_edges; e++)
		l->first[l->edges[e].from + 1]++;
	for (size_t i = 0; i < l->n_nodes; i++)
		l->first[i + 1] += l->first[i];
	memcpy(next, l->first, (l->n_nodes + 1) * sizeof(*next));
	for (size_t e = 0; e < l->n_edges; e++)
		sorted[next[l->edges[e].from]++] = l->edges[e];
	free(next);
	free(l->edges);
	l->edges = sorted;
	l->cap_edges = l->n_edges ? l->n_edges : 1;
}

/* ---- planning ---- */

struct cost {
	long main, other;	/* half-months */
	int steps;
	int fresh;		/* the route starts over from the start node */
};

static int cmp_cost(const struct cost *a, const struct cost *b)
{
	if (a->main != b->main)
		return a->main < b->main ? -1 : 1;
	if (a->other != b->other)
		return a->other < b->other ? -1 : 1;
	if (a->steps != b->steps)
		return a->steps < b->steps ? -1 : 1;
	return (a->fresh > b->fresh) - (a->fresh < b->fresh);
}

struct heap_item {
	struct cost cost;
	size_t node;
};

struct heap {
	struct heap_item *v;
	size_t n;
};

static void heap_push(struct heap *h, struct heap_item it)
{
	size_t i = h->n++;
	while (i > 0) {
		size_t parent = (i - 1) / 2;
		if (cmp_cost(&h->v[parent].cost, &it.cost) <= 0)
			break;
		h->v[i] = h->v[parent];
		i = parent;
	}
	h->v[i] = it;
}

static struct heap_item heap_pop(struct heap *h)
{
	struct heap_item top = h->v[0], last = h->v[--h->n];
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= h->n)
			break;
		if (c + 1 < h->n && cmp_cost(&h->v[c + 1].cost, &h->v[c].cost) < 0)
			c++;
		if (cmp_cost(&last.cost, &h->v[c].cost) <= 0)
			break;
		h->v[i] = h->v[c];
		i = c;
	}
	if (h->n)
		h->v[i] = last;
	return top;
}

static int stretch(int months, const struct ladder_edge *e, const struct ladder_options *o)
{
	if (months == CAREER_UNKNOWN || !o->part_time || e->kind != STEP_STUDY)
		return months;
	return (int)ceil(months * CAREER_PART_TIME_FACTOR);
}

/* Months still to work in the job before edge e, given where the person starts. */
static int experience_needed(const struct ladder_edge *e, size_t from, const struct ladder_options *o)
{
	int need = e->experience_months;
	if (e->from == from && from != LADDER_START)
		need -= o->experience_months;
	return need > 0 ? need : 0;
}

static bool edge_known(const struct ladder_edge *e)
{
	return e->months_min != CAREER_UNKNOWN;
}

static void edge_cost(const struct ladder_edge *e, size_t from, const struct ladder_options *o,
		      const struct cost *at, struct cost *out)
{
	int exp = experience_needed(e, from, o);
	long total = 0, school = 0;
	if (edge_known(e)) {
		total = 2L * exp + stretch(e->months_min, e, o) + stretch(e->months_max, e, o);
		if (e->kind == STEP_STUDY)
			school = (long)e->months_min + e->months_max;
	}
	*out = *at;
	out->main += o->cheapest ? school : total;
	out->other += o->cheapest ? total : school;
	out->steps++;
}

static int search(const struct ladder *l, size_t from, size_t to, const struct ladder_options *o,
		  bool allow_unknown, size_t *via)
{
	size_t n = l->n_nodes;
	struct cost *best = xmalloc(n * sizeof(*best));
	bool *done = xcalloc(n, sizeof(*done));
	struct heap h = { xmalloc((l->n_edges + 2) * sizeof(*h.v)), 0 };
	int found = 0;

	for (size_t i = 0; i < n; i++) {
		best[i].main = LONG_MAX;
		via[i] = SIZE_MAX;
	}
	best[from] = (struct cost){ 0, 0, 0, 0 };
	heap_push(&h, (struct heap_item){ best[from], from });
	if (from != LADDER_START) {
		best[LADDER_START] = (struct cost){ 0, 0, 0, 1 };
		heap_push(&h, (struct heap_item){ best[LADDER_START], LADDER_START });
	}
	while (h.n) {
		struct heap_item it = heap_pop(&h);
		if (done[it.node])
			continue;
		done[it.node] = true;
		if (it.node == to) {
			found = 1;
			break;
		}
		for (size_t k = l->first[it.node]; k < l->first[it.node + 1]; k++) {
			const struct ladder_edge *e = &l->edges[k];
			struct cost c;
			if (done[e->to] || (!allow_unknown && !edge_known(e)))
				continue;
			if (it.cost.steps + 1 > LADDER_MAX_STEPS)
				continue;
			edge_cost(e, from, o, &it.cost, &c);
			if (best[e->to].main == LONG_MAX || cmp_cost(&c, &best[e->to]) < 0) {
				best[e->to] = c;
				via[e->to] = k;
				heap_push(&h, (struct heap_item){ c, e->to });
			}
		}
	}
	free(h.v);
	free(done);
	free(best);
	return found;
}

int ladder_plan(const struct ladder *l, size_t from, size_t to, const struct ladder_options *o,
		struct ladder_plan *plan, struct diag *err)
{
	size_t *via, chain[LADDER_MAX_STEPS];
	size_t n = 0;
	bool known = true;

	memset(plan, 0, sizeof(*plan));
	if (from >= l->n_nodes || to >= l->n_nodes)
		return diag_set(err, ALLIED_EINVAL, "no such career in the ladder");
	if (from == to)
		return diag_set(err, ALLIED_EINVAL, "'%s' is where you start; choose another target", l->nodes[to].id);
	via = xmalloc(l->n_nodes * sizeof(*via));
	if (!search(l, from, to, o, false, via)) {
		known = false;
		if (!search(l, from, to, o, true, via)) {
			free(via);
			return diag_set(err, ALLIED_ENOTFOUND,
					"allied knows no route to %s: it has no education path or ladder step that "
					"leads there", l->nodes[to].title);
		}
	}
	for (size_t at = to; at != from && via[at] != SIZE_MAX && n < LADDER_MAX_STEPS; at = l->edges[via[at]].from)
		chain[n++] = via[at];
	free(via);

	plan->known = known;
	plan->n_steps = n;
	for (size_t k = l->first[from]; k < l->first[from + 1] && plan->n_untimed < 4; k++)
		if (l->edges[k].to == to && !edge_known(&l->edges[k]) && (n != 1 || chain[0] != k))
			plan->untimed[plan->n_untimed++] = k;
	int lo = 0, hi = 0, slo = 0, shi = 0;
	for (size_t i = 0; i < n; i++) {
		const struct ladder_edge *e = &l->edges[chain[n - 1 - i]];
		struct ladder_plan_step *s = &plan->steps[i];
		s->edge = chain[n - 1 - i];
		s->experience_months = experience_needed(e, from, o);
		s->months_min = stretch(e->months_min, e, o);
		s->months_max = stretch(e->months_max, e, o);
		if (edge_known(e) && lo != CAREER_UNKNOWN) {
			lo += s->experience_months + s->months_min;
			hi += s->experience_months + s->months_max;
		} else {
			lo = hi = CAREER_UNKNOWN;
		}
		if (edge_known(e) && e->kind == STEP_STUDY && slo != CAREER_UNKNOWN) {
			slo += e->months_min;
			shi += e->months_max;
		} else if (!edge_known(e)) {
			slo = shi = CAREER_UNKNOWN;
		}
		s->total_min = lo;
		s->total_max = hi;
	}
	plan->total_min = lo;
	plan->total_max = hi;
	plan->school_min = slo;
	plan->school_max = shi;
	return 0;
}
