/*
 * fetch-releases: the official releases `allied data fetch` downloads, one row per import kind
 * (see fetch.h and docs/importers.md, where each address is sourced).
 *
 * No SHA-256 is pinned: the files could not be downloaded when this table was written (no
 * network), and an unverified hash would be an invented fact. `allied data fetch` prints the
 * hash of each file it downloads; pass them back with --manifest to pin them.
 */
#include "fetch.h"

#include <string.h>

const struct fetch_release fetch_releases[] = {
	{ "onet", "O*NET 29.3 Database (May 2025), text files",
	  "https://www.onetcenter.org/database.html", 1, {
		{ "https://www.onetcenter.org/dl_files/database/db_29_3_text.zip", NULL,
		  "Occupation Data.txt", true, FETCH_TEXT, "O*NET-SOC Code\tTitle\tDescription" },
	} },
	{ "oews", "Occupational Employment and Wage Statistics, national, May 2024",
	  "https://www.bls.gov/oes/tables.htm", 1, {
		{ "https://www.bls.gov/oes/special-requests/oesm24nat.zip", NULL,
		  "national_M2024_dl.xlsx", false, FETCH_XLSX, NULL },
	} },
	/* this address always serves the current projections cycle (2024-34 when written) */
	{ "projections", "Employment Projections, occupation workbook (2024-34)",
	  "https://www.bls.gov/emp/tables.htm", 1, {
		{ "https://www.bls.gov/emp/ind-occ-matrix/occupation.xlsx", NULL, NULL, false, FETCH_XLSX, NULL },
	} },
	{ "ipeds-hd", "IPEDS HD2024: institutional characteristics, directory information (2024-25)",
	  "https://nces.ed.gov/ipeds/datacenter/DataFiles.aspx", 1, {
		{ "https://nces.ed.gov/ipeds/datacenter/data/HD2024.zip", NULL, "hd2024.csv", false, FETCH_TEXT,
		  "UNITID,INSTNM" },
	} },
	{ "cip-soc", "CIP 2020 to SOC 2018 crosswalk, and the CIP 2020 codes",
	  "https://nces.ed.gov/ipeds/cipcode/resources.aspx?y=56", 2, {
		{ "https://nces.ed.gov/ipeds/cipcode/Files/CIP2020_SOC2018_Crosswalk.xlsx", NULL, NULL, false,
		  FETCH_XLSX, NULL },
		{ "https://nces.ed.gov/ipeds/cipcode/Files/CIPCode2020.csv", NULL, NULL, false, FETCH_TEXT,
		  "CIPFamily,CIPCode" },
	} },
	{ "zcta", "2020 Census Gazetteer Files: ZIP Code Tabulation Areas",
	  "https://www.census.gov/geographies/reference-files/time-series/geo/gazetteer-files.html", 1, {
		{ "https://www2.census.gov/geo/docs/maps-data/data/gazetteer/2020_Gazetteer/2020_Gaz_zcta_national.zip",
		  NULL, "2020_Gaz_zcta_national.txt", false, FETCH_TEXT, "GEOID" },
	} },
};

const size_t fetch_n_releases = sizeof(fetch_releases) / sizeof(fetch_releases[0]);

const struct fetch_release *fetch_release_find(const char *kind)
{
	for (size_t i = 0; i < fetch_n_releases; i++)
		if (strcmp(fetch_releases[i].kind, kind) == 0)
			return &fetch_releases[i];
	return NULL;
}
