#!/usr/bin/env node
/*
 * Browser tests of allied's web application: real headless Chromium (Debian's /usr/bin/chromium)
 * driven by playwright-core, against the real `allied serve`.
 *
 * usage: node tests/browser/run.mjs path/to/allied RESULTS_DIR
 *
 * Starts `allied serve --listen 127.0.0.1:0` with a fresh database (ALLIED_DB) and HOME in a
 * temporary directory, reads the address from its first line on standard output, runs every
 * scenario in one browser, and stops the server with SIGTERM. Prints "ok - NAME" or
 * "not ok - NAME: why" per test and "browser: N passed, N failed"; RESULTS_DIR/browser gets
 * "PASSED FAILED 0" and RESULTS_DIR/screens/ the screenshots (phone 390x844, desktop 1280x800).
 *
 * Expected values come from the API's JSON (fetched by this script), never from numbers written
 * here, so the tests keep passing when the knowledge base changes and fail when the page shows
 * something else. Every test also fails on a console error, an uncaught page error, or a
 * request to any host but the server.
 *
 * Environment: CHROMIUM (default /usr/bin/chromium); ALLIED_ASSETS=DIR serves the web files
 * from DIR (allied serve --assets) instead of the copies embedded in the binary, for working
 * on web/ without rebuilding.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const [alliedArg, resultsArg] = process.argv.slice(2);
if (!alliedArg || !resultsArg) {
	console.error('usage: node tests/browser/run.mjs path/to/allied RESULTS_DIR');
	process.exit(2);
}
const ALLIED = resolve(alliedArg);
const RESULTS = resolve(resultsArg);
const SCREENS = join(RESULTS, 'screens');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };
/* The quiz answers used throughout: one digit 1-5 per item. */
const ANSWERS = '145413245411142512143512245311';
/* The state codes the rules picker offers (src/training.c), in its order. */
const STATE_CODES = ['AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA',
	'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'PR', 'RI',
	'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY'];

mkdirSync(SCREENS, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), 'allied-browser-'));
mkdirSync(join(tmp, 'home'));

/* ---- the server ---- */

function startServer(db = join(tmp, 'allied.db')) {
	const args = ['serve', '--listen', '127.0.0.1:0'];
	if (process.env.ALLIED_ASSETS)
		args.push('--assets', resolve(process.env.ALLIED_ASSETS));
	const env = { ...process.env, HOME: join(tmp, 'home'), ALLIED_DB: db };
	delete env.XDG_DATA_HOME;
	const child = spawn(ALLIED, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
	const log = [];
	child.stderr.on('data', (d) => log.push(String(d)));
	return new Promise((resolveStart, rejectStart) => {
		const timer = setTimeout(() => rejectStart(new Error(`allied serve printed no address in 10 s; stderr: ${log.join('').slice(-400)}`)), 10000);
		child.on('exit', (code) => rejectStart(new Error(`allied serve exited (${code}) before it served; stderr: ${log.join('').slice(-400)}`)));
		const lines = createInterface({ input: child.stdout });
		lines.once('line', (line) => {
			clearTimeout(timer);
			const m = /(http:\/\/[^\s/]+)\//.exec(line);
			if (!m)
				rejectStart(new Error(`unexpected first line from allied serve: ${line}`));
			else
				resolveStart({ child, origin: m[1], log });
		});
	});
}

function stopServer(child) {
	return new Promise((done) => {
		if (child.exitCode !== null)
			return done(child.exitCode);
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
		}, 5000);
		child.once('exit', (code) => {
			clearTimeout(timer);
			done(code);
		});
		child.kill('SIGTERM');
	});
}

/* ---- helpers ---- */

class Failure extends Error {}

function check(condition, message) {
	if (!condition)
		throw new Failure(message);
}

function same(actual, expected, what) {
	const a = JSON.stringify(actual);
	const e = JSON.stringify(expected);
	check(a === e, `${what}: got ${a}, expected ${e}`);
}

const usdFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const usd = (n) => usdFormat.format(n);
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
/* How the training page names schedules and credentials (LABELS in web/app.js). */
const SCHEDULE_LABELS = { day: 'Day', evening: 'Evening', weekend: 'Weekend', 'part-time': 'Part time', online: 'Online', hybrid: 'Hybrid' };
const CREDENTIAL_LABELS = { certificate: 'Certificate', diploma: 'Diploma', associate: 'Associate degree', bachelor: "Bachelor's degree",
	master: "Master's degree", doctorate: 'Doctoral degree', noncredit: 'Noncredit course (no college credit)', 'on-the-job': 'On-the-job training' };

/* How the page writes {min, max} months: "12–24 months", "24–36 months (2–3 years)". */
function monthsText(m) {
	if (!m)
		return 'unknown';
	const max = m.max === undefined ? m.min : m.max;
	if (max === null)
		return `at least ${m.min} ${m.min === 1 ? 'month' : 'months'}`;
	const text = m.min === max ? `${m.min} ${m.min === 1 ? 'month' : 'months'}` : `${m.min}–${max} months`;
	if (m.min >= 12 && m.min % 12 === 0 && max % 12 === 0)
		return `${text} (${m.min === max ? `${m.min / 12} ${m.min === 12 ? 'year' : 'years'}` : `${m.min / 12}–${max / 12} years`})`;
	return text;
}

/* ---- the run ---- */

const results = [];
let skipped = 0;
let server;
let importedServer; /* the second server, on the database with the official data imported */
const servers = []; /* the origins the page may talk to */
let context;
const foreign = []; /* every request to another origin, with the test it happened in */
let currentTest = '(setup)';

async function main() {
	server = await startServer();
	const { origin } = server;
	servers.push(origin);
	const apiGet = async (path) => {
		const r = await fetch(`${origin}/api/v1/${path}`);
		const body = await r.json();
		return { status: r.status, body };
	};
	const api = async (path) => {
		const { status, body } = await apiGet(path);
		if (status !== 200)
			throw new Error(`GET /api/v1/${path} answered ${status}: ${JSON.stringify(body)}`);
		return body;
	};
	const apiPost = async (path, payload) => {
		const r = await fetch(`${origin}/api/v1/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) });
		const body = await r.json();
		if (r.status !== 200)
			throw new Error(`POST /api/v1/${path} answered ${r.status}: ${JSON.stringify(body)}`);
		return body;
	};

	context = await chromium.launchPersistentContext(join(tmp, 'chromium-profile'), {
		executablePath: CHROMIUM,
		headless: true,
		viewport: VIEWPORTS.desktop,
		args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
			'--no-first-run', '--disable-default-apps', '--disable-extensions', '--no-default-browser-check'],
	});
	/* Record and block every request that leaves the server. */
	await context.route('**/*', (route) => {
		const url = route.request().url();
		if (servers.some((o) => url.startsWith(`${o}/`)) || url.startsWith('data:'))
			return route.continue();
		foreign.push(`${currentTest}: ${url}`);
		return route.abort('blockedbyclient');
	});
	context.on('request', (request) => {
		const url = request.url();
		if (!servers.some((o) => url.startsWith(`${o}/`)) && !url.startsWith('data:') && !foreign.some((f) => f.endsWith(url)))
			foreign.push(`${currentTest}: ${url}`);
	});

	const allCareers = (await api('careers')).careers;
	const titleOf = Object.fromEntries(allCareers.map((c) => [c.id, c.title]));

	/*
	 * test(name, fn): fn(page, expectConsole) runs in a fresh tab. Console errors, page errors
	 * and foreign requests fail the test; expectConsole(regexp) allows console errors matching
	 * it (the browser logs every 4xx answer as an error, which the error-path tests cause).
	 */
	async function test(name, fn, viewport = VIEWPORTS.desktop) {
		currentTest = name;
		const page = await context.newPage();
		await page.setViewportSize(viewport);
		page.setDefaultTimeout(15000);
		const problems = [];
		const allowed = [];
		page.on('console', (msg) => {
			if (msg.type() === 'error' && !allowed.some((re) => re.test(msg.text())))
				problems.push(`console error: ${msg.text()}`);
		});
		page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
		const foreignBefore = foreign.length;
		const started = Date.now();
		try {
			await fn(page, (re) => allowed.push(re));
			check(problems.length === 0, problems.join('; '));
			check(foreign.length === foreignBefore, `requests to other hosts: ${foreign.slice(foreignBefore).join(', ')}`);
			results.push({ name, ok: true });
			console.log(`ok - ${name} (${Date.now() - started} ms)`);
		} catch (error) {
			const why = (error instanceof Failure ? error.message : `${error.message}`.split('\n')[0]) +
				(problems.length && !(error instanceof Failure) ? `; also ${problems.join('; ')}` : '');
			results.push({ name, ok: false });
			console.log(`not ok - ${name}: ${why}`);
		} finally {
			await page.close();
		}
	}

	const open = async (page, hash) => {
		await page.goto(`${origin}/${hash}`);
		await see(page, '#view h1');
	};
	const text = (page, selector) => page.locator(selector).first().innerText();
	/* Wait until fn(arg) is true in the page; a timeout fails the test saying what was awaited. */
	const until = async (page, what, fn, arg) => {
		try {
			await page.waitForFunction(fn, arg);
		} catch (error) {
			throw /Timeout/.test(error.message) ? new Failure(`timed out waiting for ${what}`) : error;
		}
	};
	const idle = (page, selector) => until(page, `${selector} to finish loading`, (s) => {
		const el = document.querySelector(s);
		return el && !el.hasAttribute('aria-busy');
	}, selector);
	const see = async (page, selector) => {
		try {
			await page.waitForSelector(selector);
		} catch (error) {
			throw /Timeout/.test(error.message) ? new Failure(`timed out waiting for ${selector}`) : error;
		}
	};
	const hashHas = (page, ...parts) => until(page, `the address to have ${parts.join(' and ')}`,
		(ps) => ps.every((p) => location.hash.includes(p)), parts);
	const cardIds = (page) => page.locator('#career-list > li').evaluateAll((els) => els.map((el) => el.dataset.id));

	/* -- home ------------------------------------------------------------------------------ */

	await test('home: what allied health is, the three groups with their counts, the ways in', async (page) => {
		await open(page, '#/');
		const body = await page.locator('main').innerText();
		check(/60% of US healthcare jobs are allied health/.test(body), 'the 60% sentence is missing');
		check(/doctors, nurses, pharmacists and dentists/.test(body), 'what allied health is not is missing');
		check(!/coming soon/i.test(body), 'the page says "coming soon"');
		await see(page, '.group-card');
		const short = allCareers.filter((c) => c.training_months && c.training_months.max !== null && c.training_months.max <= 24).length;
		const facts = await text(page, '.lead-facts');
		check(facts.includes(`describes ${allCareers.length} of these careers`) && facts.includes(`For ${short} of them`), `home facts: "${facts}"`);
		const cards = page.locator('.group-card');
		same(await cards.count(), 3, 'group cards');
		for (const group of ['primary-care', 'health-promotion', 'diagnostic']) {
			const doc = await api(`careers?group=${group}`);
			const link = page.locator(`.group-card a[href="#/careers?group=${group}"]`);
			same((await link.innerText()).match(/\d+/)[0], String(doc.count), `careers in ${group}`);
		}
		for (const href of ['#/quiz', '#/careers', '#/path', '#/training'])
			check(await page.locator(`main a[href="${href}"]`).count() > 0, `no link to ${href}`);
		check(await page.locator('main input[type=search]').count() === 1, 'no search box');
		same(await page.locator('link[rel=icon]').getAttribute('href'), '/favicon.svg', 'favicon');
	});

	/* -- browse and search ------------------------------------------------------------------ */

	await test('filter careers: group diagnostic and at most 12 months equals the API', async (page, expectConsole) => {
		expectConsole(/400/);
		await open(page, '#/careers');
		await see(page, '#career-list');
		same((await cardIds(page)).length, allCareers.length, 'cards with no filter');
		await page.selectOption('select[name=group]', 'diagnostic');
		await page.fill('input[name="max-months"]', '12');
		await page.press('input[name="max-months"]', 'Enter');
		await hashHas(page, 'max-months=12', 'group=diagnostic');
		await idle(page, '.results');
		const doc = await api('careers?group=diagnostic&max-months=12');
		same(await cardIds(page), doc.careers.map((c) => c.id), 'cards for group=diagnostic&max-months=12');
		check((await text(page, '.status')).includes(String(doc.count)), `status line does not say ${doc.count}`);

		/* more filters: no blood, pay at least 60000, remote possible */
		await page.click('text=Clear all');
		await page.click('.more-filters summary');
		await page.selectOption('select[name=blood]', 'none');
		await page.fill('input[name="min-pay"]', '60000');
		await page.check('input[name=remote]');
		await hashHas(page, 'remote', 'no-blood', 'min-pay=60000');
		await page.waitForTimeout(600); /* the number field waits for typing to stop */
		await idle(page, '.results');
		const doc2 = await api('careers?no-blood&min-pay=60000&remote');
		same(await cardIds(page), doc2.careers.map((c) => c.id), 'cards for no-blood&min-pay=60000&remote');

		/* a bad value: the API's message in the alert, no cards */
		await page.click('text=Clear all');
		const bad = await apiGet('careers?max-months=-5');
		same(bad.status, 400, 'API status for max-months=-5');
		await page.fill('input[name="max-months"]', '-5');
		await page.press('input[name="max-months"]', 'Enter');
		await see(page, '#alert:not([hidden])');
		check((await text(page, '#alert')).toLowerCase().includes(bad.body.error.message.toLowerCase()), `alert lacks "${bad.body.error.message}"`);
		same(await page.locator('#career-list > li').count(), 0, 'cards after a bad value');
	});

	await test('search: words from the home page give the API\'s careers in its order', async (page) => {
		await open(page, '#/');
		await page.fill('#home-search', 'heart');
		await page.press('#home-search', 'Enter');
		await see(page, '#career-list');
		await idle(page, '.results');
		const doc = await api('careers?q=heart');
		check(doc.count > 0, 'the API finds nothing for "heart"');
		same(await cardIds(page), doc.careers.map((c) => c.id), 'cards for q=heart');
		same(await page.inputValue('input[name=q]'), 'heart', 'search box');

		await page.fill('input[name=q]', 'flebotomist');
		await page.press('input[name=q]', 'Enter');
		await hashHas(page, 'q=flebotomist');
		await idle(page, '.results');
		const typo = await api('careers?q=flebotomist');
		same(await cardIds(page), typo.careers.map((c) => c.id), 'cards for q=flebotomist');
	});

	await test('chart: one point per career with known training and pay; clicking one opens it', async (page) => {
		await open(page, '#/careers?group=diagnostic');
		await see(page, '.chart-point');
		const doc = await api('careers?group=diagnostic');
		const plotted = doc.careers.filter((c) => c.training_months && c.pay.median_usd !== null);
		const points = await page.locator('.chart-point').evaluateAll((els) => els.map((el) => el.dataset.id));
		same([...points].sort(), plotted.map((c) => c.id).sort(), 'chart points');

		await open(page, '#/careers');
		await see(page, '.chart-point');
		const leftOut = allCareers.filter((c) => !c.training_months || c.pay.median_usd === null);
		const note = await text(page, '.chart-left-out');
		if (leftOut.length) {
			check(note.includes(`${leftOut.length} career`), `left-out note does not say ${leftOut.length}: "${note}"`);
			for (const c of leftOut)
				check(note.includes(c.title), `left-out note lacks ${c.title}`);
		}
		/* the best-paid career: its point is at the top, where nothing covers it */
		const top = allCareers.filter((c) => c.training_months && c.pay.median_usd !== null).sort((a, b) => b.pay.median_usd - a.pay.median_usd)[0];
		const id = top.id;
		const point = page.locator(`.chart-point[data-id="${id}"]`);
		await point.click();
		await until(page, `the page of ${id}`, (t) => document.querySelector('#view h1').textContent === t, titleOf[id]);
		same(await page.evaluate(() => location.hash), `#/career/${id}`, 'address after the click');
	});

	/* -- one career ------------------------------------------------------------------------- */

	await test('career page: title, pay, range bar, sources, ladder and related careers', async (page) => {
		const c = await api('careers/phlebotomist');
		await open(page, '#/career/phlebotomist');
		await see(page, '[data-block=sources]');
		same(await text(page, '#view h1'), c.title, 'title');
		const pay = await text(page, '[data-block=pay]');
		for (const v of [c.pay.median_usd, c.pay.p10_usd, c.pay.p90_usd].filter((x) => x !== null))
			check(pay.includes(usd(v)), `pay block lacks ${usd(v)}`);
		check(await page.locator('[data-block=pay] svg.pay-bar rect.pay-range').count() === 1, 'no pay range bar');
		const links = await page.locator('ol.sources a').evaluateAll((els) => els.map((a) => [a.textContent, a.getAttribute('href')]));
		same(links, c.sources.map((s) => [s.title, s.url]), 'source links');
		const sourcesText = await text(page, 'ol.sources');
		for (const s of c.sources)
			check(sourcesText.includes(s.publisher) && sourcesText.includes(s.as_of || s.checked), `source ${s.id}: publisher or date missing`);
		for (const d of c.duties)
			check((await text(page, '[data-block=duties]')).includes(d), `duty missing: ${d}`);

		const ladder = await api('careers/phlebotomist/ladder');
		same(await page.locator('[data-block=ladder] .ladder-step').count(), ladder.next.length + ladder.previous.length, 'ladder steps');
		for (const s of [...ladder.next, ...ladder.previous]) {
			const href = `#/path?to=${encodeURIComponent(s.to.id)}&from=${encodeURIComponent(s.from.id)}`;
			check(await page.locator(`[data-block=ladder] a[href="${href}"]`).count() === 1, `no path link ${href}`);
		}
		const mine = new Set(c.interests.map((i) => i.id));
		const related = allCareers.filter((o) => o.id !== c.id && o.group === c.group.id && o.interests.some((i) => mine.has(i)));
		same((await page.locator('[data-block=related] a').allInnerTexts()).sort(), related.map((o) => o.title).sort(), 'related careers');
		check((await text(page, '#s-related')) === 'In the same group with shared interests', 'related heading');
	});

	await test('career page: an unknown value is shown as "unknown"', async (page) => {
		const brief = allCareers.find((c) => c.training_months === null);
		check(brief, 'no career with unknown training in the API (nothing to check)');
		await open(page, `#/career/${brief.id}`);
		await see(page, '[data-block=glance]');
		const cell = page.locator('[data-block=glance] .fact', { hasText: 'Usual training' }).locator('dd');
		same(await cell.innerText(), 'unknown', `usual training of ${brief.id}`);
		const full = await api(`careers/${brief.id}`);
		const unknownPaths = full.education.paths.filter((p) => p.months === null).length;
		check(await page.locator('[data-block=education] .unknown').count() >= unknownPaths, 'an unknown route length is not shown as unknown');
	});

	await test('an unknown career shows the API\'s error message', async (page, expectConsole) => {
		expectConsole(/404/);
		const { status, body } = await apiGet('careers/no-such-job-xyz');
		same(status, 404, 'API status');
		await open(page, '#/career/no-such-job-xyz');
		await see(page, '#alert:not([hidden])');
		check((await text(page, '#alert')).toLowerCase().includes(body.error.message.toLowerCase()), `alert lacks "${body.error.message}"`);
	});

	/* -- compare ---------------------------------------------------------------------------- */

	await test('compare three: chosen from cards, side by side as the API says', async (page) => {
		await open(page, '#/careers?group=primary-care');
		await see(page, '#career-list');
		const ids = (await cardIds(page)).slice(0, 3);
		for (const id of ids)
			await page.click(`#career-list > li[data-id="${id}"] .compare-toggle`);
		same(await text(page, '#nav-compare'), 'Compare (3)', 'nav');
		check(await page.locator('#career-list .compare-toggle:disabled').count() > 0, 'a fourth career can still be added');
		await page.click('.compare-tray a');
		await see(page, '#compare-table');
		const doc = await api(`compare?ids=${ids.join(',')}`);
		same(await page.locator('#compare-table thead th').allInnerTexts(), doc.careers.map((c) => c.title), 'columns');
		const medians = await page.locator('#compare-table tbody tr', { hasText: 'Median pay' }).locator('td').allInnerTexts();
		same(medians, doc.careers.map((c) => (c.pay.median_usd === null ? 'unknown' : usd(c.pay.median_usd))), 'median pay row');
		same(await page.locator('#compare-table svg.pay-bar').count(), doc.careers.filter((c) => c.pay.median_usd !== null || c.pay.p10_usd !== null).length, 'pay bars');
		const training = await page.locator('#compare-table tbody tr', { hasText: 'Usual training' }).locator('td').allInnerTexts();
		same(training, doc.careers.map((c) => monthsText(c.training_months)), 'training row');

		/* and with the select boxes */
		await open(page, '#/compare');
		const pick = ['phlebotomist', 'medical-assistant', 'dental-assistant'];
		for (const [i, id] of pick.entries())
			await page.selectOption(`select[name=career-${i + 1}]`, id);
		await page.click('.compare-form button[type=submit]');
		await hashHas(page, `#/compare?ids=${pick.join(',')}`);
		await idle(page, '.compare-results');
		same(await page.locator('#compare-table thead th').allInnerTexts(), pick.map((id) => titleOf[id]), 'columns from the selects');
	});

	/* -- path ------------------------------------------------------------------------------- */

	await test('plan a path: to paramedic from EMT, total and steps as the API says', async (page) => {
		const doc = await api('path?to=paramedic&from=emergency-medical-technician');
		await open(page, '#/path');
		await page.fill('input[name=to]', titleOf.paramedic);
		await page.fill('input[name=from]', 'emt');
		await page.click('.path-form button[type=submit]');
		await see(page, '#path-total');
		same(await text(page, '#path-total strong'), monthsText(doc.total_months), 'total months');
		same(await page.locator('#path-steps > li').count(), doc.steps.length, 'steps');
		const stepTotals = await page.locator('#path-steps > li .fact', { hasText: 'Running total' }).locator('dd').allInnerTexts();
		same(stepTotals, doc.steps.map((s) => monthsText(s.total_months)), 'running totals');
		for (const s of doc.steps) {
			for (const v of [s.exam, s.licence, s.accreditation].filter(Boolean))
				check((await text(page, '#path-steps')).includes(v), `step ${s.step} lacks "${v}"`);
		}
		const hash = await page.evaluate(() => location.hash);
		check(hash.includes('to=paramedic') && hash.includes('from=emt'), `address is ${hash}`);

		/* part time stretches study; the page follows the API */
		await page.check('input[name=part-time]');
		await page.click('.path-form button[type=submit]');
		const part = await api('path?to=paramedic&from=emergency-medical-technician&part-time');
		await until(page, `the part-time total ${monthsText(part.total_months)}`, (t) => document.querySelector('#path-total strong')?.textContent === t, monthsText(part.total_months));
	});

	await test('plan a path: a target that does not exist shows the API\'s message', async (page, expectConsole) => {
		expectConsole(/404|400/);
		const { status, body } = await apiGet('path?to=no-such-job-xyz');
		check(status === 404 || status === 400, `API status ${status}`);
		await open(page, '#/path?to=no-such-job-xyz');
		await see(page, '#alert:not([hidden])');
		check((await text(page, '#alert')).toLowerCase().includes(body.error.message.toLowerCase()), `alert lacks "${body.error.message}"`);
	});

	/* -- find training ---------------------------------------------------------------------- */

	const programIds = (page) => page.locator('#program-list > li').evaluateAll((els) => els.map((el) => el.dataset.id));
	/* What the accreditation box of a program must say. */
	const accreditationOk = (shown, p) => {
		const who = p.accreditor ? p.accreditor.acronym : null;
		switch (p.accreditation_status) {
		case 'not-accredited': return shown.startsWith('NOT accredited') && (!who || shown.includes(who));
		case 'unknown': return shown.endsWith('unknown') && (!who || shown.startsWith(who));
		case 'accredited': return /accredited/.test(shown) && !/NOT/.test(shown) && (!who || shown.startsWith(`${who}: accredited`));
		case 'candidate': return shown.includes('candidate') && (!who || shown.startsWith(who));
		default: return shown.includes('Letter of Review') && (!who || shown.startsWith(who));
		}
	};
	/*
	 * The programs on the page equal the API's document: the same ids in the same order, the
	 * distances, the count and the unlocated note, and on each card its school, sources,
	 * schedule, length, cost, credential and accreditation.
	 */
	const samePrograms = async (page, doc, what) => {
		same(await programIds(page), doc.programs.map((p) => p.id), `programs for ${what}`);
		const cards = await page.locator('#program-list > li').evaluateAll((els) => els.map((el) => ({
			miles: el.querySelector('.distance-value')?.innerText ?? null,
			glance: [...el.querySelectorAll('.program-glance dd')].map((dd) => dd.innerText),
			text: el.innerText,
		})));
		same(cards.map((c) => c.miles), doc.programs.map((p) => (doc.query.near ? p.distance_miles.toFixed(1) : null)), `distances for ${what}`);
		for (const [i, p] of doc.programs.entries()) {
			const card = cards[i];
			for (const v of [p.name, p.institution.name, p.institution.city, ...p.sources.map((s) => s.title)].filter(Boolean))
				check(card.text.includes(v), `card of ${p.id} lacks "${v}"`);
			same(card.glance.slice(0, 4), [
				p.schedule.length ? p.schedule.map((x) => SCHEDULE_LABELS[x]).join(', ') : 'unknown',
				p.months === null ? 'unknown' : `${oneDecimal.format(p.months)} ${p.months === 1 ? 'month' : 'months'}`,
				p.cost_usd === null ? 'unknown' : usd(p.cost_usd),
				p.credential ? CREDENTIAL_LABELS[p.credential] : 'unknown',
			], `schedule, length, cost and credential of ${p.id}`);
			check(accreditationOk(card.glance[4], p), `accreditation of ${p.id}: "${card.glance[4]}" for ${p.accreditation_status}`);
		}
		const status = await text(page, '#training-status');
		if (doc.count)
			check(status.startsWith(`${doc.count} program`), `status for ${what} does not give the count ${doc.count}: "${status}"`);
		else
			check(status.startsWith('No program'), `status for ${what}: "${status}"`);
		const unlocated = await page.locator('#unlocated').allInnerTexts();
		if (doc.query.near && doc.unlocated)
			check(unlocated.length === 1 && unlocated[0].startsWith(`${doc.unlocated} more program`), `the unlocated note does not say ${doc.unlocated}: ${JSON.stringify(unlocated)}`);
		else
			same(unlocated.length, 0, `unlocated note for ${what}`);
	};

	await test('find training: medical assistant near 07102 within 40 miles, then filters, as the API says', async (page) => {
		const base = 'career=medical-assistant&near=07102&radius=40';
		const doc = await api(`programs?${base}`);
		check(doc.count > 0, 'the API knows no medical-assistant program near 07102 (nothing to check)');
		await open(page, '#/training');
		await see(page, '#program-list');
		await page.selectOption('select[name=career]', 'medical-assistant');
		await page.fill('input[name=near]', '07102');
		await page.fill('input[name=radius]', '40');
		await page.click('.training-form button[type=submit]');
		await hashHas(page, 'career=medical-assistant', 'near=07102', 'radius=40');
		await idle(page, '#training-results');
		await samePrograms(page, doc, base);
		const notes = await text(page, '.training-notes');
		check(notes.includes('straight lines from the centre of ZIP code 07102'), 'no note on straight-line distances');
		check(/Accreditation is what the source said at its date/.test(notes), 'no note on the date of accreditation');

		/* accredited only: the rows follow the API */
		await page.check('input[name=accredited]');
		await hashHas(page, 'accredited');
		await idle(page, '#training-results');
		const accredited = await api(`programs?${base}&accredited`);
		await samePrograms(page, accredited, `${base}&accredited`);

		/* another career with the filter still on, then the filter off: the filter must change the rows */
		await page.selectOption('select[name=career]', 'radiologic-technologist');
		await hashHas(page, 'career=radiologic-technologist', 'accredited');
		await idle(page, '#training-results');
		const rtBase = 'career=radiologic-technologist&near=07102&radius=40';
		const rtAccredited = await api(`programs?${rtBase}&accredited`);
		await samePrograms(page, rtAccredited, `${rtBase}&accredited`);
		for (const acc of await page.locator('#program-list .fact-acc dd').allInnerTexts())
			check(/accredited/.test(acc) && !/NOT/.test(acc), `an "accredited only" row says "${acc}"`);
		await page.uncheck('input[name=accredited]');
		await until(page, 'accredited to leave the address', () => !location.hash.includes('accredited'));
		await idle(page, '#training-results');
		const rtAll = await api(`programs?${rtBase}`);
		await samePrograms(page, rtAll, rtBase);
		check(rtAll.count > rtAccredited.count, 'the accredited filter changes nothing for radiologic technologists near 07102 (the test would prove nothing)');
	});

	await test('find training: schedule, "show all", and a shared address give the API\'s programs', async (page) => {
		await open(page, '#/training?near=07102&radius=40');
		await see(page, '#program-list');
		await idle(page, '#training-results');
		const all = await api('programs?near=07102&radius=40');
		await samePrograms(page, all, 'near=07102&radius=40');
		if (all.count > all.programs.length) {
			await page.click('#show-all');
			await hashHas(page, `limit=${all.count}`);
			await idle(page, '#training-results');
			const every = await api(`programs?near=07102&radius=40&limit=${all.count}`);
			await samePrograms(page, every, 'show all');
			check(every.programs.some((p) => p.accreditation_status === 'not-accredited'), 'no program near 07102 is "not accredited" (the flag goes unchecked)');
			same(await page.evaluate(() => document.activeElement.textContent), every.programs[all.programs.length].name, 'focus after "show all"');
			same(await page.locator('#show-all').count(), 0, '"show all" after showing all');
		}
		await page.click('.training-form .more-filters summary');
		await page.check('input[name=evening]');
		await hashHas(page, 'evening');
		await idle(page, '#training-results');
		const evening = await api('programs?near=07102&radius=40&evening');
		await samePrograms(page, evening, 'near=07102&radius=40&evening');
		for (const p of evening.programs)
			check(p.schedule.includes('evening'), `API: ${p.id} has no evening schedule`);
		/* the address can be shared: opened afresh, it shows the same search and programs */
		const hash = await page.evaluate(() => location.hash);
		await open(page, hash);
		await see(page, '#program-list');
		await idle(page, '#training-results');
		await samePrograms(page, evening, `the shared address ${hash}`);
		check(await page.isChecked('input[name=evening]'), 'evening is not ticked after opening the shared address');
		same(await page.inputValue('input[name=near]'), '07102', 'ZIP code after opening the shared address');
		/* without a ZIP code, no distances and no radius in the address */
		await page.fill('input[name=near]', '');
		await page.press('input[name=near]', 'Enter');
		await until(page, 'the ZIP code to leave the address', () => !location.hash.includes('near='));
		await idle(page, '#training-results');
		check(!(await page.evaluate(() => location.hash)).includes('radius'), 'radius stays in the address without a ZIP code');
		await samePrograms(page, await api('programs?evening'), 'evening');
	});

	await test('find training: an unknown ZIP code shows the API\'s message with the closest codes', async (page, expectConsole) => {
		expectConsole(/404/);
		const bad = await apiGet('programs?career=medical-assistant&near=99999&radius=40');
		same(bad.status, 404, 'API status for ZIP 99999');
		check(/closest/.test(bad.body.error.message), `the API's message names no closest ZIP codes: ${bad.body.error.message}`);
		await open(page, '#/training');
		await see(page, '#program-list');
		await page.selectOption('select[name=career]', 'medical-assistant');
		await page.fill('input[name=near]', '99999');
		await page.fill('input[name=radius]', '40');
		await page.press('input[name=radius]', 'Enter');
		await see(page, '#alert:not([hidden])');
		check((await text(page, '#alert')).toLowerCase().includes(bad.body.error.message.toLowerCase()), `alert lacks "${bad.body.error.message}"`);
		check(await page.locator('#zip-error').isVisible() && (await text(page, '#zip-error')).toLowerCase().includes(bad.body.error.message.toLowerCase()),
			'the ZIP field does not show the message');
		same(await page.getAttribute('input[name=near]', 'aria-invalid'), 'true', 'aria-invalid on the ZIP field');
		same(await page.locator('#program-list > li').count(), 0, 'programs after an unknown ZIP code');
		/* a good ZIP code clears the error */
		await page.fill('input[name=near]', '07102');
		await page.press('input[name=near]', 'Enter');
		await see(page, '#program-list');
		check(await page.locator('#alert').isHidden(), 'the alert stays after a good ZIP code');
		check(await page.locator('#zip-error').isHidden(), 'the ZIP field keeps its error after a good ZIP code');
		same(await page.getAttribute('input[name=near]', 'aria-invalid'), null, 'aria-invalid after a good ZIP code');
	});

	/* -- state rules ------------------------------------------------------------------------ */

	await test('state rules: New Jersey, then New York, as the API says; a state without a rule is "unknown"', async (page) => {
		const id = 'radiologic-technologist';
		const nj = await api(`rules?career=${id}&state=NJ`);
		const ny = await api(`rules?career=${id}&state=NY`);
		check(nj.rules.length && ny.rules.length, 'the API has no NJ or NY rule for radiologic technologists (nothing to check)');
		await open(page, `#/career/${id}`);
		await see(page, '#state-rules .rule');
		same(await page.inputValue('#rules-state'), 'NJ', 'the state chosen first');
		const firstOptions = await page.locator('#rules-state option').evaluateAll((els, n) => els.slice(0, n).map((o) => o.value), nj.states_known.length);
		same(firstOptions, nj.states_known, 'the states allied knows, listed first');
		const showsRule = async (doc, st) => {
			const r = doc.rules[0];
			same(await text(page, `#state-rules .rule[data-state=${st}] .rule-requirement`), r.requirement_label, `requirement in ${st}`);
			same(await text(page, `#state-rules .rule[data-state=${st}] .rule-authority`), r.authority ?? 'unknown', `authority in ${st}`);
			const rule = await text(page, `#state-rules .rule[data-state=${st}]`);
			for (const v of [r.credential, r.legal_basis, r.note, r.as_of].filter(Boolean))
				check(rule.includes(v), `the ${st} rule lacks "${v}"`);
			const links = await page.locator(`#state-rules .rule[data-state=${st}] .source-list a`).evaluateAll((els) => els.map((a) => [a.textContent, a.getAttribute('href')]));
			same(links, r.sources.filter((s) => /^https?:/.test(s.url || '')).map((s) => [s.title, s.url]), `sources of the ${st} rule`);
			same(await page.locator('#state-rules .exam-route').count(), doc.exam_routes.length, `exam routes in ${st}`);
		};
		await showsRule(nj, 'NJ');
		await page.selectOption('#rules-state', 'NY');
		await see(page, '#state-rules .rule[data-state=NY]');
		await idle(page, '#state-rules');
		await showsRule(ny, 'NY');
		await hashHas(page, `#/career/${id}?state=NY`);

		/* a state allied has no rule for */
		const none = STATE_CODES.find((s) => !nj.states_known.includes(s));
		const noneDoc = await api(`rules?career=${id}&state=${none}`);
		same(noneDoc.rules.length, 0, `API rules for ${none}`);
		await page.selectOption('#rules-state', none);
		await see(page, '#state-rules .rule-unknown');
		await idle(page, '#state-rules');
		const said = await text(page, '#state-rules .rule-unknown');
		check(/does not know .*rule: unknown — check with the state board/.test(said), `no-rule message: "${said}"`);
		same(await page.locator('#state-rules .rule').count(), 0, `rules shown for ${none}`);
		same(await page.locator('#state-rules .states-known button').allInnerTexts(), await Promise.all(noneDoc.states_known.map(async (s) => (await api(`rules?career=${id}&state=${s}`)).rules[0].state_name)), 'the states allied knows, as buttons');
		/* the address keeps the state */
		await open(page, `#/career/${id}?state=NY`);
		await see(page, '#state-rules .rule[data-state=NY]');
		same(await page.inputValue('#rules-state'), 'NY', 'state from the address');

		/* exam routes: what program each needs, naming accreditors by acronym */
		const para = await api('rules?career=paramedic&state=NJ');
		check(para.exam_routes.length > 0, 'the API has no exam route for paramedics (nothing to check)');
		await open(page, '#/career/paramedic');
		await see(page, '#state-rules .exam-route');
		const needs = await page.locator('#state-rules .route-requires').allInnerTexts();
		same(needs.length, para.exam_routes.length, 'paramedic exam routes');
		for (const [i, r] of para.exam_routes.entries()) {
			for (const a of r.accreditors)
				check(needs[i].includes(a.acronym), `route ${i + 1} does not name ${a.acronym}: "${needs[i]}"`);
			check(r.requires !== 'programmatic' || needs[i].startsWith('A program accredited by'), `route ${i + 1}: "${needs[i]}"`);
		}
		/* the career page links to finding training */
		check(await page.locator('[data-block=training] a[href="#/training?career=paramedic"]').count() === 1, 'no "where to train" link');
		const count = (await api('programs?career=paramedic&limit=1')).count;
		check((await text(page, '[data-block=training]')).includes(count === 1 ? 'one program' : `${count} programs`), `"where to train" does not say ${count}`);
	});

	/* -- quiz ------------------------------------------------------------------------------- */

	/*
	 * Answer the 30 items by clicking, the blood question as a must and training as a wish of
	 * weight 4; with `more`, also interest areas as a must and settings as a wish of weight 2.
	 */
	async function takeQuiz(page, answers = ANSWERS, more = false) {
		await open(page, '#/quiz');
		await see(page, '.quiz-item');
		for (const [i, digit] of [...answers].entries())
			await page.click(`label[for="item-${i + 1}-${digit}"]`);
		const blood = page.locator('[data-question=blood]');
		await blood.locator('label', { hasText: 'I would rather not see them' }).click();
		await blood.locator('select').selectOption('must');
		const months = page.locator('[data-question=months]');
		await months.locator('input').fill('24');
		await months.locator('select').selectOption('4');
		if (more) {
			const interests = page.locator('[data-question=interests]');
			await interests.locator('input[value=heart]').check();
			await interests.locator('input[value=lab]').check();
			await interests.locator('select').selectOption('must');
			const settings = page.locator('[data-question=settings]');
			await settings.locator('input[value=hospital]').check();
			await settings.locator('select').selectOption('2');
		}
		await page.click('.quiz-submit button');
		await see(page, '#quiz-results-title');
		await idle(page, '.quiz-results');
	}
	const quizBody = (answers = ANSWERS, more = false) => (more
		? { answers, limit: 10, 'no-blood': true, prefer: ['settings=hospital:2', 'max-months=24:4'], require: ['interests=heart,lab'] }
		: { answers, limit: 10, 'no-blood': true, prefer: ['max-months=24:4'] });
	/* Record the bodies of the page's POST requests. */
	const recordPosts = (page) => {
		const posts = [];
		page.on('request', (r) => {
			if (r.method() === 'POST')
				posts.push({ url: r.url(), body: r.postData() });
		});
		return posts;
	};

	await test('quiz: 30 items and a practical question give ranked results with every reason', async (page) => {
		const quiz = await api('quiz');
		const posts = recordPosts(page);
		await open(page, '#/quiz');
		await see(page, '.quiz-item');
		same(await page.locator('.quiz-item').count(), quiz.items.length, 'quiz items');
		same(await page.locator('.quiz-item legend').first().innerText(), `1. ${quiz.items[0].text}`, 'first item');
		await takeQuiz(page);
		const doc = await apiPost('match', quizBody());
		await see(page, '#match-list');
		const cards = page.locator('#match-list > li');
		same(await cards.evaluateAll((els) => els.map((el) => el.dataset.id)), doc.results.map((r) => r.id), 'ranked results');
		for (const [i, r] of doc.results.entries()) {
			const card = cards.nth(i);
			same(await card.locator('.score strong').innerText(), r.score.toFixed(1), `score of ${r.id}`);
			same(await card.locator('.fit').innerText(), r.fit_label, `fit of ${r.id}`);
			same(await card.locator('.reason-text').allInnerTexts(), r.reasons.map((x) => x.text), `reasons of ${r.id}`);
			same(await card.locator('.reason').evaluateAll((els) => els.map((el) => el.className.replace('reason reason-', ''))), r.reasons.map((x) => x.status), `marks of ${r.id}`);
		}
		same(await page.locator('.profile .bars li').count(), 6, 'profile bars');
		check((await text(page, '.profile')).includes(doc.profile.code), `profile lacks the code ${doc.profile.code}`);
		/* privacy: answers went in a POST body, not the address, and nothing was stored */
		check(posts.length >= 1 && posts.every((p) => p.url.endsWith('/api/v1/match')), 'answers were not POSTed to /api/v1/match');
		same(JSON.parse(posts.at(-1).body), quizBody(), 'the POST body');
		const href = await page.evaluate(() => location.href);
		check(!href.includes(ANSWERS) && !/answers/.test(href), `answers in the address: ${href}`);
		same(await page.evaluate(() => localStorage.length + sessionStorage.length + document.cookie.length), 0, 'stored items');
		/* the answers survive a visit to a result and back, in memory */
		await cards.first().locator('.card-title a').click();
		await see(page, '[data-block=glance]');
		await page.goBack();
		await see(page, '.quiz-item');
		same(await page.locator('.quiz-item input:checked').count(), 30, 'answers kept after going back');
	});

	await test('quiz: a flat profile shows the explanation; musts and wishes of lists', async (page) => {
		const flat = '3'.repeat(ANSWERS.length);
		const doc = await apiPost('match', quizBody(flat, true));
		check(doc.explanation, 'the API gives no explanation for a flat profile (nothing to check)');
		const posts = recordPosts(page);
		await takeQuiz(page, flat, true);
		same(JSON.parse(posts.at(-1).body), quizBody(flat, true), 'the POST body');
		await see(page, '#match-explanation');
		same(await text(page, '#match-explanation'), doc.explanation, 'explanation');
		same(await page.locator('#match-list > li').count(), doc.results.length, 'results');
	});

	await test('quiz: unanswered items are named and focused, nothing is sent', async (page) => {
		let posted = 0;
		page.on('request', (r) => {
			if (r.method() === 'POST')
				posted++;
		});
		await open(page, '#/quiz');
		await see(page, '.quiz-item');
		await page.click('label[for="item-1-4"]');
		await page.click('.quiz-submit button');
		await see(page, '#alert:not([hidden])');
		check((await text(page, '#alert')).includes('29 are still open'), `alert: ${await text(page, '#alert')}`);
		same(await page.evaluate(() => document.activeElement.name), 'item-2', 'focus');
		same(posted, 0, 'POST requests');
	});

	/* -- keyboard --------------------------------------------------------------------------- */

	await test('keyboard only: skip link, navigate, open a career, answer the quiz', async (page) => {
		const tabTo = async (predicate, arg, most = 250) => {
			for (let i = 0; i < most; i++) {
				await page.keyboard.press('Tab');
				if (await page.evaluate(predicate, arg))
					return;
			}
			throw new Failure(`Tab never reached ${predicate.toString().slice(0, 80)} ${arg ?? ''}`);
		};
		await page.goto(`${origin}/`);
		await see(page, '.group-card');
		await page.keyboard.press('Tab');
		same(await page.evaluate(() => document.activeElement.className), 'skip-link', 'first Tab');
		const box = await page.locator('.skip-link').boundingBox();
		check(box && box.y >= 0 && box.height > 10, 'the focused skip link is not visible');
		await page.keyboard.press('Enter');
		same(await page.evaluate(() => document.activeElement.id), 'main', 'focus after the skip link');
		await tabTo(() => document.activeElement.matches('main a[href="#/careers"]'));
		const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
		check(ring !== 'none', 'no visible focus ring on a link');
		await page.keyboard.press('Enter');
		await see(page, '#career-list');
		same(await page.evaluate(() => document.activeElement.tagName), 'H1', 'focus after opening a page');
		await tabTo(() => document.activeElement.matches('.skip-inline'));
		check(await page.locator('.skip-inline').isVisible(), 'the focused "skip the chart" button is not visible');
		await page.keyboard.press('Enter');
		same(await page.evaluate(() => document.activeElement.id), 'careers-list-title', 'focus after skipping the chart');
		await page.keyboard.press('Tab');
		check(await page.evaluate(() => document.activeElement.matches('#career-list > li:first-child a')), 'Tab after the list title does not reach the first career');
		const title = await page.evaluate(() => document.activeElement.textContent);
		await page.keyboard.press('Enter');
		await until(page, `the page of ${title}`, (t) => document.querySelector('#view h1').textContent === t && document.querySelector('[data-block=glance]'), title);

		/* the quiz: Tab to each item, Space picks the first answer, arrows move to the one wanted */
		await page.evaluate(() => { location.hash = '#/quiz'; });
		await see(page, '.quiz-item');
		await tabTo(() => document.activeElement.name === 'item-1');
		for (const [i, digit] of [...ANSWERS].entries()) {
			same(await page.evaluate(() => document.activeElement.name), `item-${i + 1}`, 'focused item');
			await page.keyboard.press('Space');
			for (let k = 1; k < Number(digit); k++)
				await page.keyboard.press('ArrowRight');
			await page.keyboard.press('Tab');
		}
		const chosen = await page.evaluate(() => [...document.querySelectorAll('.quiz-item input:checked')].map((el) => el.value).join(''));
		same(chosen, ANSWERS, 'answers typed with the keyboard');
		await tabTo(() => document.activeElement.matches('.quiz-submit button'));
		await page.keyboard.press('Enter');
		await see(page, '#match-list');
		same(await page.evaluate(() => document.activeElement.id), 'quiz-results-title', 'focus on the results');
		const doc = await apiPost('match', { answers: ANSWERS, limit: 10 });
		same(await page.locator('#match-list > li').evaluateAll((els) => els.map((el) => el.dataset.id)), doc.results.map((r) => r.id), 'results');
	});

	await test('keyboard only: find training, then the state picker on a career page', async (page) => {
		const tabTo = async (predicate, arg, most = 120) => {
			for (let i = 0; i < most; i++) {
				await page.keyboard.press('Tab');
				if (await page.evaluate(predicate, arg))
					return;
			}
			throw new Failure(`Tab never reached ${predicate.toString().slice(0, 80)} ${arg ?? ''}`);
		};
		const focused = () => page.evaluate(() => document.activeElement.name || document.activeElement.id || document.activeElement.tagName);
		await page.goto(`${origin}/`);
		await see(page, '.group-card');
		await tabTo(() => document.activeElement.matches('.site-nav a[href="#/training"]'));
		await page.keyboard.press('Enter');
		await see(page, '#program-list');
		same(await page.evaluate(() => document.activeElement.tagName), 'H1', 'focus after opening Find training');
		await tabTo(() => document.activeElement.name === 'career');
		await page.keyboard.type(titleOf['medical-assistant']); /* type-ahead picks the option */
		same(await page.inputValue('select[name=career]'), 'medical-assistant', 'career chosen by typing');
		await page.keyboard.press('Tab');
		same(await focused(), 'near', 'Tab after the career');
		await page.keyboard.type('07102');
		await page.keyboard.press('Tab');
		same(await focused(), 'radius', 'Tab after the ZIP code');
		await page.keyboard.press('Control+A');
		await page.keyboard.type('40');
		await page.keyboard.press('Enter');
		await hashHas(page, 'career=medical-assistant', 'near=07102', 'radius=40');
		await idle(page, '#training-results');
		const doc = await api('programs?career=medical-assistant&near=07102&radius=40');
		same(await programIds(page), doc.programs.map((p) => p.id), 'programs chosen with the keyboard');
		/* the limits behind "More limits" open with Enter and take Space */
		await tabTo(() => document.activeElement.matches('.training-form summary'));
		const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
		check(ring !== 'none', 'no visible focus ring on "More limits"');
		await page.keyboard.press('Enter');
		await page.keyboard.press('Tab');
		same(await focused(), 'day', 'first control under "More limits"');
		await tabTo(() => document.activeElement.name === 'accredited');
		await page.keyboard.press('Space');
		await hashHas(page, 'accredited');
		await idle(page, '#training-results');
		same(await programIds(page), (await api('programs?career=medical-assistant&near=07102&radius=40&accredited')).programs.map((p) => p.id), 'accredited, ticked with Space');
		await page.keyboard.press('Space');
		await until(page, 'accredited to leave the address', () => !location.hash.includes('accredited'));
		await idle(page, '#training-results');
		/* on to a program's career page, and its state picker */
		await tabTo(() => document.activeElement.matches('#program-list a'));
		await page.keyboard.press('Enter');
		await see(page, '#state-rules');
		await tabTo(() => document.activeElement.id === 'rules-state');
		const before = await page.inputValue('#rules-state');
		await page.keyboard.press('ArrowDown');
		const after = await page.inputValue('#rules-state');
		check(after !== before, 'ArrowDown did not change the state');
		await hashHas(page, `state=${after}`);
		await idle(page, '#state-rules');
		const career = await page.evaluate(() => location.hash.match(/#\/career\/([^?]+)/)[1]);
		const rules = await api(`rules?career=${career}&state=${after}`);
		if (rules.rules.length)
			same(await text(page, '#state-rules .rule-requirement'), rules.rules[0].requirement_label, `rule in ${after}`);
		else
			check((await text(page, '#state-rules .rule-unknown')).includes('unknown'), `${after} is not shown as unknown`);
	});

	/* -- screenshots and layout ------------------------------------------------------------- */

	for (const [size, viewport] of Object.entries(VIEWPORTS)) {
		await test(`screenshots at ${viewport.width}x${viewport.height} (${size}), nothing wider than the screen`, async (page, expectConsole) => {
			expectConsole(/404/); /* training-error: the unknown ZIP code */
			const shots = [
				['home', '#/', '.group-card'],
				['careers', '#/careers', '.chart-point'],
				['career', '#/career/phlebotomist', '[data-block=sources]'],
				['compare', '#/compare?ids=phlebotomist,medical-assistant,dental-assistant', '#compare-table'],
				['path', '#/path?to=paramedic&from=emergency-medical-technician', '#path-total'],
				['training', '#/training?career=radiologic-technologist&near=07102&radius=40', '#program-list'],
				['training-error', '#/training?career=medical-assistant&near=99999&radius=40', '#alert:not([hidden])'],
				/* the state rules section alone (the whole career page is in "career") */
				['rules', '#/career/radiologic-technologist?state=NY', '#state-rules .rule', '[data-block=state-rules]'],
				['rules-unknown', '#/career/radiologic-technologist?state=PA', '#state-rules .rule-unknown', '[data-block=state-rules]'],
			];
			const shoot = async (name, only) => {
				const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
				check(wide <= 0, `${name}: the page is ${wide}px wider than the screen`);
				const file = join(SCREENS, `${name}-${size}.png`);
				if (only)
					await page.locator(only).screenshot({ path: file });
				else
					await page.screenshot({ path: file, fullPage: true });
				check(statSync(file).size > 5000, `${name}: screenshot is empty`);
			};
			for (const [name, hash, ready, only] of shots) {
				await open(page, hash);
				await see(page, ready);
				await page.evaluate(() => document.activeElement && document.activeElement.blur());
				await shoot(name, only);
			}
			await takeQuiz(page);
			await page.locator('#quiz-results-title').scrollIntoViewIfNeeded();
			await shoot('quiz-results');
		}, viewport);
	}

	await importedData({ test, see, until, idle, text });

	currentTest = '(after the tests)';
	await test('no request went to any host but the server', async () => {
		check(foreign.length === 0, foreign.join(', '));
	});
}

/*
 * The web application on a database with the official data imported, as `allied import` builds
 * it from ../shared/refdata (relative to the repository root, the working directory of `make`)
 * and docs/examples/programs.csv: ~960 O*NET occupations with BLS pay and outlook, the IPEDS
 * institutions, the CIP-SOC crosswalk and one school's program file. Without ../shared/refdata
 * these tests are skipped with a notice, unless CI is set, when that is a failure.
 */
const REFDATA = resolve('../shared/refdata');
const IMPORTS = [
	['onet', `${REFDATA}/onet-29.3`, `${REFDATA}/onet-29.0`],
	['oews', `${REFDATA}/bls-oews-national-may2024/national_M2024_dl.xlsx`],
	['projections', `${REFDATA}/bls-ep-2024-34/occupation.xlsx`],
	['ipeds-hd', `${REFDATA}/ipeds-hd2024/hd2024.csv`],
	['cip-soc', `${REFDATA}/nces-cip2020-soc2018/CIP2020_SOC2018_Crosswalk.csv`, `${REFDATA}/nces-cip2020-soc2018/CIPCode2020.csv`],
	['programs', resolve('docs/examples/programs.csv')],
];
/* What no page may show: a value the script failed to format. */
const GARBAGE = /\b(undefined|NaN|null)\b|\[object /;

async function importedData({ test, see, until, idle, text }) {
	const missing = IMPORTS.flatMap(([, ...files]) => files).filter((f) => !existsSync(f));
	if (missing.length) {
		if (process.env.CI) {
			await test('imported data: the official files are there', async () => {
				check(false, `../shared/refdata is missing and CI is set: ${missing.join(', ')}`);
			});
		} else {
			skipped++;
			console.log(`browser: SKIPPED the imported-data tests: ../shared/refdata is not here (missing ${missing[0]})`);
		}
		return;
	}
	currentTest = '(imported data: setup)';
	const db = join(tmp, 'imported.db');
	const started = Date.now();
	for (const [kind, ...files] of IMPORTS) {
		const r = spawnSync(ALLIED, ['--db', db, 'import', kind, ...files],
			{ env: { ...process.env, HOME: join(tmp, 'home') }, encoding: 'utf8' });
		if (r.status !== 0)
			throw new Error(`allied import ${kind} exited ${r.status}: ${(r.stderr || '').slice(-400)}`);
	}
	console.log(`# imported data: database built in ${Date.now() - started} ms`);
	importedServer = await startServer(db);
	const origin = importedServer.origin;
	servers.push(origin);
	const api = async (path, init) => {
		const r = await fetch(`${origin}/api/v1/${path}`, init);
		const body = await r.json();
		if (r.status !== 200)
			throw new Error(`${init ? 'POST' : 'GET'} /api/v1/${path} answered ${r.status}: ${JSON.stringify(body)}`);
		return body;
	};
	const open = async (page, hash) => {
		await page.goto(`${origin}/${hash}`);
		await see(page, '#view h1');
	};
	const ids = (page, list) => page.locator(`${list} > li`).evaluateAll((els) => els.map((el) => el.dataset.id));
	const noGarbage = async (page, what) => {
		const shown = await page.locator('main').innerText();
		const m = GARBAGE.exec(shown);
		check(!m, `${what} shows "${m && shown.slice(Math.max(0, m.index - 40), m.index + 40).replace(/\n/g, ' ')}"`);
	};

	const all = (await api('careers')).careers;
	const grouped = all.filter((c) => c.group !== null);
	const others = all.filter((c) => c.group === null);
	check(others.length > 500 && others.every((c) => c.origin === 'onet'), `the import gave ${others.length} careers without a group`);

	await test('imported data: the careers list keeps the three groups, then pages the O*NET occupations', async (page) => {
		await open(page, '#/careers');
		await see(page, '#other-list');
		same(await ids(page, '#career-list'), grouped.map((c) => c.id), 'allied-health cards');
		const heading = await text(page, '#other-list-title');
		check(heading.includes('O*NET') && heading.includes(`(${others.length.toLocaleString('en-US')})`), `other occupations heading: "${heading}"`);
		const first = await ids(page, '#other-list');
		check(first.length > 0 && first.length < others.length, `${first.length} of ${others.length} other occupations shown at first`);
		same(first, others.slice(0, first.length).map((c) => c.id), 'the first other occupations, in the API\'s order');
		await page.click('#show-more-other');
		const more = await ids(page, '#other-list');
		same(more, others.slice(0, 2 * first.length).map((c) => c.id), 'after "Show more"');
		same(await page.evaluate(() => document.activeElement.closest('li')?.dataset.id), others[first.length].id, 'focus after "Show more"');
		/* the chart plots only careers whose training and pay are known, and counts the rest */
		const plotted = all.filter((c) => c.training_months && c.pay.median_usd !== null);
		const points = await page.locator('.chart-point').evaluateAll((els) => els.map((el) => el.dataset.id));
		same([...points].sort(), plotted.map((c) => c.id).sort(), 'chart points');
		const leftOut = all.filter((c) => !plotted.includes(c));
		const note = await text(page, '.chart-left-out');
		const otherLeft = leftOut.filter((c) => c.group === null).length;
		check(note.includes(`${leftOut.length.toLocaleString('en-US')} careers`) && note.includes(`${otherLeft.toLocaleString('en-US')} other occupations`),
			`left-out note: "${note.slice(0, 200)}"`);
		for (const c of leftOut.filter((x) => x.group !== null))
			check(note.includes(c.title), `left-out note lacks ${c.title}`);
		await noGarbage(page, 'the careers list');

		/* a filter on a fact O*NET does not give leaves the imported careers out; a pay filter keeps those it fits */
		await page.selectOption('select[name=group]', 'diagnostic');
		await hashHas(page, 'group=diagnostic');
		await idle(page, '.results');
		same(await ids(page, '#career-list'), (await api('careers?group=diagnostic')).careers.map((c) => c.id), 'cards for group=diagnostic');
		same(await page.locator('#other-list').count(), 0, 'other occupations with group=diagnostic');
		await open(page, '#/careers?min-pay=150000');
		await see(page, '#other-list');
		await idle(page, '.results');
		const rich = (await api('careers?min-pay=150000')).careers;
		same(await ids(page, '#career-list, #other-list'), rich.map((c) => c.id).slice(0, (await ids(page, '#career-list, #other-list')).length), 'cards for min-pay=150000');
		check(rich.some((c) => c.group === null), 'no O*NET occupation pays a median of $150,000 (nothing to check)');
	});
	/* hashHas for this server's pages (the same check as the main tests') */
	async function hashHas(page, ...parts) {
		await until(page, `the address to have ${parts.join(' and ')}`, (ps) => ps.every((p) => location.hash.includes(p)), parts);
	}

	const onet = others.find((c) => c.pay.median_usd !== null && c.growth_pct !== null);
	await test(`imported data: an O*NET occupation's page (${onet.id}) says what it is, credits O*NET, shows no garbage`, async (page) => {
		const c = await api(`careers/${onet.id}`);
		await open(page, `#/career/${onet.id}`);
		await see(page, '[data-block=sources]');
		same(await text(page, '#view h1'), c.title, 'title');
		check((await text(page, '.career-head .badge')).includes('O*NET'), 'the badge does not say O*NET');
		check((await text(page, '.imported-note')).includes('O*NET'), 'no note that it was imported from O*NET');
		check(c.attribution && c.attribution.includes('O*NET'), 'the API gives no O*NET attribution (nothing to check)');
		same(await text(page, '[data-block=sources] .attribution'), c.attribution, 'the O*NET credit');
		const links = await page.locator('ol.sources a').evaluateAll((els) => els.map((a) => [a.textContent, a.getAttribute('href')]));
		same(links, c.sources.map((s) => [s.title, s.url]), 'source links');
		check((await text(page, '[data-block=pay]')).includes(usd(c.pay.median_usd)), `pay lacks ${usd(c.pay.median_usd)}`);
		same(await page.locator('[data-block=glance] .fact', { hasText: 'Usual training' }).locator('dd').innerText(), 'unknown', 'usual training');
		for (const d of c.duties.slice(0, 3))
			check((await text(page, '[data-block=duties]')).includes(d), `duty missing: ${d}`);
		/* every section says something besides its heading */
		const empty = await page.locator('section.block').evaluateAll((els) => els.filter((el) => {
			const heading = el.querySelector('h2');
			return el.innerText.trim().length <= (heading ? heading.innerText.trim().length : 0) + 5;
		}).map((el) => el.dataset.block));
		same(empty, [], 'empty sections');
		await noGarbage(page, `the page of ${c.id}`);
	});

	await test('imported data: search finds an O*NET occupation by its title, compare shows it', async (page) => {
		const target = others.find((c) => /^[A-Za-z ]+$/.test(c.title) && c.title.split(' ').length >= 2);
		const doc = await api(`careers?q=${encodeURIComponent(target.title)}`);
		check(doc.careers.some((c) => c.id === target.id), `the API does not find ${target.title}`);
		await open(page, `#/careers?q=${encodeURIComponent(target.title)}`);
		await see(page, '#other-list');
		await idle(page, '.results');
		const shown = [...await ids(page, '#career-list'), ...await ids(page, '#other-list')];
		check(shown.includes(target.id), `${target.id} is not on the page`);
		same(shown, [...doc.careers.filter((c) => c.group !== null), ...doc.careers.filter((c) => c.group === null)].map((c) => c.id).slice(0, shown.length), 'search results');
		await noGarbage(page, 'the search results');
		await open(page, `#/compare?ids=phlebotomist,${target.id}`);
		await see(page, '#compare-table');
		same(await page.inputValue('select[name=career-2]'), target.id, 'the second career chosen');
		same(await page.locator('#compare-table thead th').allInnerTexts(), [all.find((c) => c.id === 'phlebotomist').title, target.title], 'compare columns');
		await noGarbage(page, 'compare');
	});

	await test('imported data: the quiz ranks the careers as the API does, imported ones among them', async (page) => {
		await open(page, '#/quiz');
		await see(page, '.quiz-item');
		for (const [i, digit] of [...ANSWERS].entries())
			await page.click(`label[for="item-${i + 1}-${digit}"]`);
		await page.click('.quiz-submit button');
		await see(page, '#match-list');
		const doc = await api('match', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ answers: ANSWERS, limit: 10 }) });
		same(await ids(page, '#match-list'), doc.results.map((r) => r.id), 'ranked results');
		check(doc.results.some((r) => others.some((c) => c.id === r.id)), 'no imported occupation among the first ten (nothing to check)');
		check((await text(page, '.quiz-results')).includes('O*NET'), 'the results do not credit O*NET');
		await noGarbage(page, 'the quiz results');
	});

	await test('imported data: a school\'s imported program near 07102 with its distance, schedule, cost and credential', async (page) => {
		const doc = await api('programs?career=medical-assistant&near=07102&radius=10');
		const p = doc.programs.find((x) => x.sources.some((s) => s.id.startsWith('import-')));
		check(p, 'the API has no imported program near 07102 (nothing to check)');
		await open(page, '#/training?career=medical-assistant&near=07102&radius=10');
		await see(page, '#program-list');
		await idle(page, '#training-results');
		same(await ids(page, '#program-list'), doc.programs.map((x) => x.id), 'programs');
		const card = page.locator(`#program-list > li[data-id="${p.id}"]`);
		same(await card.locator('.distance-value').innerText(), p.distance_miles.toFixed(1), 'distance');
		check((await card.innerText()).includes(p.institution.name), `the card lacks ${p.institution.name}`);
		same((await card.locator('.program-glance dd').allInnerTexts()).slice(0, 4), [
			p.schedule.map((x) => SCHEDULE_LABELS[x]).join(', '), `${oneDecimal.format(p.months)} months`, usd(p.cost_usd), CREDENTIAL_LABELS[p.credential],
		], 'schedule, length, cost and credential');
		await noGarbage(page, 'the programs');
		/* a program that prepares for an imported occupation: the finder keeps that career chosen */
		const forOther = doc.programs.flatMap((x) => x.careers).find((id) => others.some((c) => c.id === id));
		if (forOther) {
			await open(page, `#/training?career=${forOther}&near=07102`);
			await see(page, '#program-list');
			same(await page.inputValue('select[name=career]'), forOther, 'career chosen in the finder');
		}
	});

	for (const [size, viewport] of Object.entries(VIEWPORTS)) {
		await test(`imported data: screenshots at ${viewport.width}x${viewport.height} (${size}), nothing wider than the screen`, async (page) => {
			for (const [name, hash, ready] of [['careers', '#/careers', '#other-list'], ['career', `#/career/${onet.id}`, '[data-block=sources]'],
				['training', '#/training?career=medical-assistant&near=07102&radius=10', '#program-list']]) {
				await open(page, hash);
				await see(page, ready);
				const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
				check(wide <= 0, `${name}: the page is ${wide}px wider than the screen`);
				await page.screenshot({ path: join(SCREENS, `imported-${name}-${size}.png`) });
			}
		}, viewport);
	}
}

let exitCode = 0;
try {
	await main();
} catch (error) {
	results.push({ name: 'setup', ok: false });
	console.log(`not ok - setup: ${error.message}`);
} finally {
	if (context)
		await context.close().catch(() => {});
	if (importedServer) {
		const code = await stopServer(importedServer.child);
		if (code !== 0) {
			results.push({ name: 'the imported-data server stops cleanly on SIGTERM', ok: false });
			console.log(`not ok - the imported-data server stops cleanly on SIGTERM: exit ${code}`);
		}
	}
	if (server) {
		const code = await stopServer(server.child);
		if (code !== 0) {
			results.push({ name: 'server stops cleanly on SIGTERM', ok: false });
			console.log(`not ok - server stops cleanly on SIGTERM: exit ${code}`);
		}
	}
	rmSync(tmp, { recursive: true, force: true });
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`browser: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
writeFileSync(join(RESULTS, 'browser'), `${passed} ${failed} ${skipped}\n`);
if (failed)
	exitCode = 1;
process.exit(exitCode);
