/*
 * search: rank careers for a query (see search.h).
 */
#include "search.h"
#include "text.h"
#include "xmalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How much a word counts for, by the kind of text it was found in. */
static const double kind_weight[TEXT_KIND_COUNT] = {
	[TEXT_TITLE] = 10, [TEXT_ALIAS] = 8, [TEXT_SUMMARY] = 3, [TEXT_DUTY] = 2,
	[TEXT_IMPORTED_TITLE] = 5, [TEXT_TASK] = 1, [TEXT_INTEREST] = 4,
};
static const char *const kind_names[TEXT_KIND_COUNT] = {
	"title", "alias", "summary", "duty", "imported_title", "task", "interest",
};
#define CORRECTED_FACTOR 0.8
#define NAME_BONUS 100.0

static const char *const stopwords[] = { "a", "an", "and", "the", "of", "or", "in", "for", "to", "with" };

const char *search_kind_name(int kind)
{
	return kind >= 0 && kind < TEXT_KIND_COUNT ? kind_names[kind] : "unknown";
}

void search_result_init(struct search_result *r)
{
	memset(r, 0, sizeof(*r));
	strvec_init(&r->corrections);
}

void search_result_release(struct search_result *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].id);
		free(r->v[i].title);
	}
	free(r->v);
	strvec_release(&r->corrections);
	search_result_init(r);
}

struct words {
	char w[SEARCH_MAX_WORDS][64];
	size_t n;
};

static void collect_word(const char *word, size_t len, void *ctx)
{
	struct words *ws = ctx;
	if (ws->n >= SEARCH_MAX_WORDS || len >= sizeof(ws->w[0]))
		return;
	for (size_t i = 0; i < sizeof(stopwords) / sizeof(stopwords[0]); i++)
		if (strlen(stopwords[i]) == len && memcmp(stopwords[i], word, len) == 0)
			return;
	for (size_t i = 0; i < ws->n; i++)
		if (strlen(ws->w[i]) == len && memcmp(ws->w[i], word, len) == 0)
			return;
	memcpy(ws->w[ws->n], word, len);
	ws->w[ws->n][len] = '\0';
	ws->n++;
}

/* The closest indexed term to a misspelt word. */
struct closest {
	const char *word;
	size_t len;
	int max;
	int best_dist;
	int64_t best_docs;
	char best[64];
};

static void consider_term(const char *term, int64_t docs, void *ctx)
{
	struct closest *c = ctx;
	size_t len = strlen(term);
	if (len >= sizeof(c->best))
		return;
	int d = text_prefix_distance(c->word, c->len, term, len, c->max);
	if (d > c->max)
		return;
	if (d < c->best_dist || (d == c->best_dist && (docs > c->best_docs ||
	    (docs == c->best_docs && strcmp(term, c->best) < 0)))) {
		c->best_dist = d;
		c->best_docs = docs;
		memcpy(c->best, term, len + 1);
	}
}

/* Per-career accumulation, indexed by career number. */
struct tally {
	double score;
	double word_best;	/* best weight for the current word */
	unsigned matched;
	unsigned words;
	int last_word;		/* the last word index that touched this career */
};

static int cmp_hit(const void *pa, const void *pb)
{
	const struct search_hit *a = pa, *b = pb;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return strcmp(a->id, b->id);
}

static int search_words(struct store *st, const char *query, size_t limit, struct search_result *r,
			struct diag *err);

int search_run(struct store *st, const char *query, size_t limit, struct search_result *r, struct diag *err)
{
	int rc = store_begin_read(st, err);
	if (rc < 0)
		return rc;
	rc = search_words(st, query, limit, r, err);
	store_end_read(st);
	return rc;
}

static int search_words(struct store *st, const char *query, size_t limit, struct search_result *r,
			struct diag *err)
{
	char norm[1024], match[160];
	struct words ws = { .n = 0 };
	struct tally *t = NULL;
	size_t cap_t = 0, n_t = 0;
	int rc = 0;

	text_norm(query, norm, sizeof(norm));
	text_words(norm, collect_word, &ws);
	if (ws.n == 0)
		return diag_set(err, ALLIED_EINVAL, "nothing to search for in '%s'", query);
	r->n_words = ws.n;

	for (size_t w = 0; w < ws.n && rc == 0; w++) {
		int64_t *rowids = NULL;
		size_t n = 0;
		double factor = 1.0;
		int nmatched = 0;

		snprintf(match, sizeof(match), "\"%s\"*", ws.w[w]);
		rc = store_search_rowids(st, match, &rowids, &n, err);
		if (rc == 0 && n == 0 && text_typo_allowance(strlen(ws.w[w])) > 0) {
			struct closest c = { ws.w[w], strlen(ws.w[w]), text_typo_allowance(strlen(ws.w[w])),
					     1000, 0, "" };
			rc = store_search_terms(st, consider_term, &c, err);
			if (rc == 0 && c.best[0]) {
				strvec_push_owned(&r->corrections, xasprintf("%s -> %s", ws.w[w], c.best));
				snprintf(match, sizeof(match), "\"%s\"*", c.best);
				rc = store_search_rowids(st, match, &rowids, &n, err);
				factor = CORRECTED_FACTOR;
			}
		}
		/* best field per career for this word */
		for (size_t i = 0; rc == 0 && i < n; i++) {
			int64_t num = STORE_HIT_CAREER(rowids[i]);
			int kind = STORE_HIT_KIND(rowids[i]);
			if (num <= 0 || kind >= TEXT_KIND_COUNT)
				continue;
			if ((size_t)num >= n_t) {
				xgrow((void **)&t, &cap_t, (size_t)num + 1, sizeof(*t));
				memset(t + n_t, 0, (cap_t - n_t) * sizeof(*t));
				for (size_t k = n_t; k < cap_t; k++)
					t[k].last_word = -1;
				n_t = cap_t;
			}
			struct tally *ct = &t[num];
			if (ct->last_word != (int)w) {
				ct->last_word = (int)w;
				ct->word_best = 0;
				ct->words++;
				nmatched++;
			}
			if (kind_weight[kind] > ct->word_best)
				ct->word_best = kind_weight[kind];
			ct->matched |= 1u << kind;
		}
		/* the rarer the word, the more it counts */
		if (nmatched) {
			double idf = log(1.0 + 50.0 / nmatched);
			for (size_t k = 0; k < n_t; k++)
				if (t[k].last_word == (int)w)
					t[k].score += t[k].word_best * idf * factor;
		}
		free(rowids);
	}

	char *named = NULL;
	if (rc == 0) {
		struct diag ignore;
		diag_init(&ignore);
		if (store_resolve(st, query, &named, &ignore) != 0)
			named = NULL;
	}

	size_t cap = 0;
	for (size_t k = 0; rc == 0 && k < n_t; k++) {
		if (!t[k].words)
			continue;
		struct search_hit h = { NULL, NULL, 0, t[k].matched, t[k].words };
		rc = store_career_name(st, (int64_t)k, &h.id, &h.title, err);
		if (rc < 0)
			break;
		/* careers that match every word first: scale by the share of words matched */
		double share = (double)t[k].words / (double)ws.n;
		h.score = t[k].score * share * share;
		if (named && strcmp(named, h.id) == 0)
			h.score += NAME_BONUS;
		h.score = round(h.score * 1000.0) / 1000.0;
		xgrow((void **)&r->v, &cap, r->n + 1, sizeof(*r->v));
		r->v[r->n++] = h;
	}
	free(named);
	free(t);
	if (rc < 0)
		return rc;
	if (r->n)
		qsort(r->v, r->n, sizeof(*r->v), cmp_hit);
	r->total = r->n;
	while (r->n > limit) {
		r->n--;
		free(r->v[r->n].id);
		free(r->v[r->n].title);
	}
	return 0;
}

/* ---- suggestions ---- */

struct suggestion {
	char id[80];
	int dist;
};

struct suggest_ctx {
	char norm[256];
	size_t len;
	int max;
	struct suggestion best[8];
	size_t n;
};

static void consider_name(const char *norm, const char *id, void *vctx)
{
	struct suggest_ctx *s = vctx;
	size_t len = strlen(norm);
	int d = text_distance(s->norm, s->len, norm, len, s->max);
	/* a name that starts with what was typed is a good guess too ("dental" -> dental-*) */
	if (d > s->max && len > s->len && s->len >= 3 && strncmp(norm, s->norm, s->len) == 0)
		d = s->max;
	if (d > s->max || strlen(id) >= sizeof(s->best[0].id))
		return;
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->best[i].id, id) == 0) {
			if (d < s->best[i].dist)
				s->best[i].dist = d;
			return;
		}
	if (s->n < sizeof(s->best) / sizeof(s->best[0])) {
		strcpy(s->best[s->n].id, id);
		s->best[s->n++].dist = d;
		return;
	}
	size_t worst = 0;
	for (size_t i = 1; i < s->n; i++)
		if (s->best[i].dist > s->best[worst].dist ||
		    (s->best[i].dist == s->best[worst].dist && strcmp(s->best[i].id, s->best[worst].id) > 0))
			worst = i;
	if (d < s->best[worst].dist || (d == s->best[worst].dist && strcmp(id, s->best[worst].id) < 0)) {
		strcpy(s->best[worst].id, id);
		s->best[worst].dist = d;
	}
}

static int cmp_suggestion(const void *pa, const void *pb)
{
	const struct suggestion *a = pa, *b = pb;
	if (a->dist != b->dist)
		return a->dist - b->dist;
	return strcmp(a->id, b->id);
}

int search_suggest(struct store *st, const char *name, size_t max, struct strvec *ids, struct diag *err)
{
	struct suggest_ctx *s = xcalloc(1, sizeof(*s));
	int rc;

	s->len = text_norm(name, s->norm, sizeof(s->norm));
	s->max = s->len < 8 ? 2 : (int)(s->len / 4);
	if (s->len == 0) {
		free(s);
		return 0;
	}
	rc = store_each_name(st, consider_name, s, err);
	if (rc == 0 && s->n) {
		qsort(s->best, s->n, sizeof(s->best[0]), cmp_suggestion);
		for (size_t i = 0; i < s->n && i < max; i++)
			strvec_push(ids, s->best[i].id);
	} else if (rc == 0) {
		/* no name is close: fall back to the best search results */
		struct search_result r;
		struct diag ignore;
		search_result_init(&r);
		diag_init(&ignore);
		if (search_run(st, name, max, &r, &ignore) == 0)
			for (size_t i = 0; i < r.n; i++)
				strvec_push(ids, r.v[i].id);
		search_result_release(&r);
	}
	free(s);
	return rc;
}
