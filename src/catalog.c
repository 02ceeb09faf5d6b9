/*
 * catalog: in-memory career facts for filtering and ranking (see catalog.h).
 */
#include "catalog.h"
#include "xmalloc.h"

#include <stdlib.h>
#include <string.h>

void catalog_init(struct catalog *cat)
{
	memset(cat, 0, sizeof(*cat));
}

void catalog_release(struct catalog *cat)
{
	for (size_t i = 0; i < cat->n_strings; i++)
		free(cat->strings[i]);
	free(cat->strings);
	for (size_t i = 0; i < cat->n_interests; i++) {
		free(cat->interests[i].id);
		free(cat->interests[i].label);
	}
	for (size_t i = 0; i < cat->n_settings; i++) {
		free(cat->settings[i].id);
		free(cat->settings[i].label);
	}
	free(cat->interests);
	free(cat->settings);
	free(cat->v);
	catalog_init(cat);
}

const char *catalog_intern(struct catalog *cat, const char *s)
{
	if (!s)
		return NULL;
	xgrow((void **)&cat->strings, &cat->cap_strings, cat->n_strings + 1, sizeof(*cat->strings));
	cat->strings[cat->n_strings] = xstrdup(s);
	return cat->strings[cat->n_strings++];
}

static int vocab_index(const struct vocab_item *v, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].id, id) == 0)
			return (int)i;
	return -1;
}

int catalog_interest_index(const struct catalog *cat, const char *id)
{
	return vocab_index(cat->interests, cat->n_interests, id);
}

int catalog_setting_index(const struct catalog *cat, const char *id)
{
	return vocab_index(cat->settings, cat->n_settings, id);
}

static int cmp_id(const void *key, const void *elem)
{
	return strcmp(key, ((const struct career_brief *)elem)->id);
}

const struct career_brief *catalog_find(const struct catalog *cat, const char *id)
{
	return bsearch(id, cat->v, cat->n, sizeof(*cat->v), cmp_id);
}
