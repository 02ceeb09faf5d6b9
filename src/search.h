/*
 * search: full-text search over careers, and "did you mean" suggestions.
 *
 * Core layer. The store's FTS5 index returns the matching entries unranked (cheap); this
 * module ranks careers in C: for every query word, the best kind of field it matched (title,
 * alias, summary, duty ...) weighted by how rare the word is, summed over the words, with a
 * bonus when the whole query is a career's name. A word with no match at all is corrected to
 * the closest indexed word within a small edit distance ("flebotomist" -> "phlebotomist").
 * Deterministic: equal scores are ordered by career id.
 */
#ifndef ALLIED_SEARCH_H
#define ALLIED_SEARCH_H

#include "diag.h"
#include "store.h"

#include <stddef.h>

#define SEARCH_MAX_WORDS 16

struct search_hit {
	char *id, *title;
	double score;
	unsigned matched;		/* bit set of 1u << enum store_text_kind */
	unsigned words_matched;		/* how many query words this career matched */
};

struct search_result {
	struct search_hit *v;		/* best first */
	size_t n;
	size_t total;			/* careers matched before the limit */
	size_t n_words;			/* words in the normalised query */
	struct strvec corrections;	/* "typed -> used" for each corrected word */
};

void search_result_init(struct search_result *r);
void search_result_release(struct search_result *r);

/*
 * Search for query, keeping the best limit careers in r (search_result_init'ed). An empty
 * query gives ALLIED_EINVAL. No match is not an error: r->n is 0.
 */
int search_run(struct store *st, const char *query, size_t limit, struct search_result *r, struct diag *err);

/*
 * Up to max career ids whose names are closest to name (for "did you mean"), best first,
 * appended to ids.
 */
int search_suggest(struct store *st, const char *name, size_t max, struct strvec *ids, struct diag *err);

/* Text-kind names as used in JSON ("title", "alias", ...). */
const char *search_kind_name(int kind);

#endif
