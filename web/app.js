/*
 * allied: the web application.
 *
 * One plain script: no build step, no framework, no dependencies. `allied serve` embeds it with
 * index.html, app.css and favicon.svg and answers its questions under /api/v1/ (docs/api.md).
 *
 * Two rules shape everything below:
 *
 * - The server sends a strict Content-Security-Policy: no inline scripts, no inline style
 *   attributes, and no requests to any other host. So every element is made with
 *   document.createElement through h() and svg(), every piece of data is set as text (never as
 *   HTML), and sizes are set through the CSSOM (el.style.width) or SVG attributes.
 * - `null` in the API means unknown. It is shown as "unknown" (unknown()), never hidden and
 *   never replaced by a guess.
 *
 * Privacy: quiz answers and preferences go to the server in a POST body, never in the URL, and
 * are never stored; they live in this tab's memory only (quizPage below) until it is closed.
 * The training finder keeps its search in the address, ZIP code included, like the careers
 * filters: the person typed it into that search form to get a shareable search (viewTraining).
 *
 * The file reads top to bottom:
 *   1. Helpers: building the DOM, formatting, labels
 *   2. The server: api() and the shared careers list and vocabulary
 *   3. Shared pieces: career cards, compare choice, pay range bar, bars, the chart
 *   4. The router: #/name/arg?params -> a view
 *   5. The views: home, careers, career (with state rules), quiz, compare, path, training
 *   6. Start
 */
(() => {
	'use strict';

	/* ------------------------------------------------------------------------------------ */
	/* 1. Helpers                                                                             */
	/* ------------------------------------------------------------------------------------ */

	const SVG_NS = 'http://www.w3.org/2000/svg';

	/*
	 * h('a', { href: '#/', class: 'x', onclick: fn }, 'text', child, [more, children])
	 * makes an HTML element. Attributes whose value is null, undefined or false are left out,
	 * true gives an empty attribute, on* functions become event listeners. Children may be
	 * nodes, strings (always inserted as text), arrays, or null/false (skipped).
	 */
	function h(tag, attrs, ...children) {
		return build(document.createElement(tag), attrs, children);
	}

	/* svg('circle', { cx: 1 }) makes an SVG element, the same way. */
	function svg(tag, attrs, ...children) {
		return build(document.createElementNS(SVG_NS, tag), attrs, children);
	}

	function build(el, attrs, children) {
		for (const [name, value] of Object.entries(attrs || {})) {
			if (value === null || value === undefined || value === false)
				continue;
			if (name.startsWith('on') && typeof value === 'function')
				el.addEventListener(name.slice(2), value);
			else
				el.setAttribute(name, value === true ? '' : String(value));
		}
		for (const child of children.flat(Infinity)) {
			if (child === null || child === undefined || child === false || child === '')
				continue;
			el.append(child instanceof Node ? child : String(child));
		}
		return el;
	}

	/* A unique id for pairing labels, hints and controls. */
	let idCounter = 0;
	function uid(prefix) {
		return `${prefix}-${++idCounter}`;
	}

	/* The one way an unknown value looks. */
	function unknown() {
		return h('span', { class: 'unknown' }, 'unknown');
	}

	/* format(value), or "unknown" when the value is null. */
	function known(value, format = String) {
		return value === null || value === undefined ? unknown() : format(value);
	}

	const usdFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
	const intFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

	function usd(n) {
		return usdFormat.format(n);
	}

	function num(n) {
		return intFormat.format(n);
	}

	/* "$58k" for chart axes. */
	function usdShort(n) {
		return n >= 1000 ? `$${Math.round(n / 1000)}k` : usd(n);
	}

	/* A growth percentage with its sign: "+5.6%", "−2.0%", "0.0%". */
	function pct(n) {
		return `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n).toFixed(1)}%`;
	}

	function plural(n, one, many) {
		return `${num(n)} ${n === 1 ? one : many}`;
	}

	/*
	 * A length in months, {min, max} in the API, as people say it: "9–12 months",
	 * "24–36 months (2–3 years)", "at least 6 months" (the longer end unknown).
	 * Returns null for null, so callers write monthsText(m) ?? unknown().
	 */
	function monthsText(m) {
		if (!m)
			return null;
		const { min } = m;
		const max = m.max === undefined ? min : m.max;
		if (max === null)
			return `at least ${plural(min, 'month', 'months')}`;
		const text = min === max ? plural(min, 'month', 'months') : `${num(min)}–${num(max)} months`;
		if (min >= 12 && min % 12 === 0 && max % 12 === 0) {
			const years = min === max ? plural(min / 12, 'year', 'years') : `${min / 12}–${max / 12} years`;
			return `${text} (${years})`;
		}
		return text;
	}

	/* Capitalise a message from the API ("no career called 'x'" -> "No career called 'x'"). */
	function sentence(text) {
		const s = String(text);
		return s.charAt(0).toUpperCase() + s.slice(1);
	}

	/* "Medical assistants" -> "medical assistants", for use inside a sentence; "MRI technologists" stays. */
	function lowerFirst(text) {
		const s = String(text);
		return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
	}

	/* Only http(s) addresses become links; anything else stays text. */
	function safeUrl(url) {
		return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
	}

	/*
	 * The wording people see for the API's fixed ids (docs/json.md, Enumerations). Settings and
	 * interest areas come from the knowledge base instead: see vocabularyLabel().
	 */
	const LABELS = {
		group: {
			'primary-care': 'Primary care',
			'health-promotion': 'Health promotion, administrative and rehabilitative',
			diagnostic: 'Diagnostic',
		},
		credential: {
			'on-the-job': 'On-the-job training',
			certificate: 'Certificate',
			diploma: 'Diploma',
			associate: 'Associate degree',
			bachelor: "Bachelor's degree",
			master: "Master's degree",
			doctorate: 'Doctoral degree',
		},
		contact: { none: 'None', low: 'Occasional', some: 'Some', high: 'Most of the day', constant: 'Hands-on, all day' },
		blood: { none: 'None', occasional: 'Now and then', frequent: 'Often' },
		physical: { sedentary: 'Mostly sitting', light: 'Light', moderate: 'Moderate', heavy: 'Heavy' },
		remote: { none: 'No', some: 'In some jobs', common: 'Common' },
		shift: { days: 'Days', evenings: 'Evenings', nights: 'Nights', weekends: 'Weekends', 'on-call': 'On call' },
		certKind: { certification: 'Certification', license: 'License', registration: 'Registration', exam: 'Exam' },
		required: {
			state: 'Required by law in some or all states',
			employer: 'Expected by most employers',
			optional: 'Optional',
		},
		regulated: {
			all: 'Regulated in every state',
			most: 'Regulated in most states',
			some: 'Regulated in some states',
			none: 'Not state-regulated',
			unknown: 'Not settled by our sources',
		},
		kind: { study: 'Study', work: 'Work' },
		sort: { title: 'Title (A–Z)', pay: 'Median pay', months: 'Training time', growth: 'Growth', openings: 'Openings a year' },
		/* Training programs (GET /programs) and state rules (GET /rules) */
		schedule: { day: 'Day', evening: 'Evening', weekend: 'Weekend', 'part-time': 'Part time', online: 'Online', hybrid: 'Hybrid' },
		programCredential: {
			certificate: 'Certificate',
			diploma: 'Diploma',
			associate: 'Associate degree',
			bachelor: "Bachelor's degree",
			master: "Master's degree",
			doctorate: 'Doctoral degree',
			noncredit: 'Noncredit course (no college credit)',
			'on-the-job': 'On-the-job training',
		},
		admission: { open: 'Open admission', selective: 'Selective', lottery: 'Lottery', waitlist: 'Waiting list' },
	};

	/* The two-letter codes GET /rules accepts (src/training.c), with their names. */
	const STATES = [
		['AL', 'Alabama'], ['AK', 'Alaska'], ['AZ', 'Arizona'], ['AR', 'Arkansas'], ['CA', 'California'],
		['CO', 'Colorado'], ['CT', 'Connecticut'], ['DE', 'Delaware'], ['DC', 'District of Columbia'],
		['FL', 'Florida'], ['GA', 'Georgia'], ['HI', 'Hawaii'], ['ID', 'Idaho'], ['IL', 'Illinois'],
		['IN', 'Indiana'], ['IA', 'Iowa'], ['KS', 'Kansas'], ['KY', 'Kentucky'], ['LA', 'Louisiana'],
		['ME', 'Maine'], ['MD', 'Maryland'], ['MA', 'Massachusetts'], ['MI', 'Michigan'], ['MN', 'Minnesota'],
		['MS', 'Mississippi'], ['MO', 'Missouri'], ['MT', 'Montana'], ['NE', 'Nebraska'], ['NV', 'Nevada'],
		['NH', 'New Hampshire'], ['NJ', 'New Jersey'], ['NM', 'New Mexico'], ['NY', 'New York'],
		['NC', 'North Carolina'], ['ND', 'North Dakota'], ['OH', 'Ohio'], ['OK', 'Oklahoma'], ['OR', 'Oregon'],
		['PA', 'Pennsylvania'], ['PR', 'Puerto Rico'], ['RI', 'Rhode Island'], ['SC', 'South Carolina'],
		['SD', 'South Dakota'], ['TN', 'Tennessee'], ['TX', 'Texas'], ['UT', 'Utah'], ['VT', 'Vermont'],
		['VA', 'Virginia'], ['WA', 'Washington'], ['WV', 'West Virginia'], ['WI', 'Wisconsin'], ['WY', 'Wyoming'],
	];
	/* The state whose rules allied covers best: the one shown first. */
	const DEFAULT_STATE = 'NJ';

	function stateName(code) {
		const found = STATES.find(([c]) => c === code);
		return found ? found[1] : code;
	}

	/* The six interest areas of the quiz profile and of O*NET interest levels, in order. */
	const AREAS = [
		['realistic', 'Realistic', 'hands-on work with tools, equipment and machines'],
		['investigative', 'Investigative', 'science, puzzles and finding out why'],
		['artistic', 'Artistic', 'creating, designing and expressing'],
		['social', 'Social', 'helping, teaching and caring for people'],
		['enterprising', 'Enterprising', 'leading, persuading and organising others'],
		['conventional', 'Conventional', 'records, rules, detail and order'],
	];
	const GROUP_IDS = Object.keys(LABELS.group);

	/* label('contact', 'high') -> "Most of the day"; an id with no wording is shown as it is. */
	function label(kind, id) {
		if (id === null || id === undefined)
			return unknown();
		return (LABELS[kind] && LABELS[kind][id]) || id;
	}

	/* A list of ids as words, or "unknown" when the list is null or empty. */
	function labelList(kind, ids) {
		return ids && ids.length ? ids.map((id) => label(kind, id)).join(', ') : unknown();
	}

	/* ------------------------------------------------------------------------------------ */
	/* 2. The server                                                                          */
	/* ------------------------------------------------------------------------------------ */

	/* An error whose message is meant for people (the API's own message, or ours). */
	class AppError extends Error {
		constructor(message, status = 0) {
			super(message);
			this.status = status;
		}
	}

	/*
	 * api('careers?group=diagnostic') fetches /api/v1/careers?group=diagnostic and returns the
	 * parsed JSON. A failure throws an AppError carrying the server's message
	 * ({"error": {"code", "message"}}) and status.
	 */
	async function api(path, init) {
		let response;
		try {
			response = await fetch(`/api/v1/${path}`, { headers: { Accept: 'application/json' }, ...init });
		} catch (e) {
			throw new AppError('allied could not reach its server. Please check that it is still running, then try again.');
		}
		let body = null;
		try {
			body = await response.json();
		} catch (e) {
			body = null;
		}
		if (!response.ok) {
			const message = body && body.error && body.error.message;
			throw new AppError(message ? sentence(message) : `The server answered ${response.status} ${response.statusText}.`,
				response.status);
		}
		if (body === null)
			throw new AppError('The server sent an answer allied could not read.');
		return body;
	}

	/* POST a JSON body. */
	function apiPost(path, body) {
		return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
	}

	/*
	 * A query string from [name, value] pairs in the API's style: a flag (value true) is just
	 * its name, empty values are left out. queryString([['group', 'diagnostic'], ['no-blood', true]])
	 * -> "group=diagnostic&no-blood".
	 */
	function queryString(pairs) {
		return pairs
			.filter(([, v]) => v !== null && v !== undefined && v !== '' && v !== false)
			.map(([k, v]) => (v === true ? encodeURIComponent(k) : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`))
			.join('&');
	}

	/* Things every page may need, fetched once per visit. A failed fetch is retried next time. */
	const shared = {};

	function once(key, load) {
		if (!shared[key]) {
			shared[key] = load().catch((e) => {
				delete shared[key];
				throw e;
			});
		}
		return shared[key];
	}

	/* Every career, as briefs (GET /api/v1/careers). */
	function allCareers() {
		return once('careers', () => api('careers').then((doc) => doc.careers));
	}

	/*
	 * Settings and interest areas with their labels (GET /api/v1/vocabulary: each a list of
	 * {id, label}). They come from the knowledge base, so they are fetched, not written here.
	 */
	function vocabulary() {
		return once('vocabulary', () => api('vocabulary').then((doc) => ({ settings: doc.settings || [], interests: doc.interests || [] })));
	}

	function vocabularyLabel(list, id) {
		const item = list.find((v) => v.id === id);
		return item ? item.label : id;
	}

	/* ------------------------------------------------------------------------------------ */
	/* 3. Shared pieces                                                                       */
	/* ------------------------------------------------------------------------------------ */

	const viewEl = document.getElementById('view');
	const alertEl = document.getElementById('alert');
	const announceEl = document.getElementById('announce');

	/* Show an error in the alert region at the top of the page (role="alert" reads it out). */
	function showError(error) {
		const message = error instanceof AppError ? error.message : 'Something went wrong in this page. Please reload it and try again.';
		if (!(error instanceof AppError))
			console.error(error); /* a bug in this file: keep the details for whoever debugs it */
		alertEl.replaceChildren(h('p', null, message));
		alertEl.hidden = false;
	}

	function hideError() {
		alertEl.hidden = true;
		alertEl.replaceChildren();
	}

	/* Say something to screen-reader users without moving focus. */
	function announce(text) {
		announceEl.textContent = '';
		window.setTimeout(() => {
			announceEl.textContent = text;
		}, 50);
	}

	function setTitle(text) {
		document.title = text ? `${text} · allied` : 'allied: find your way into allied health';
	}

	function careerHref(id) {
		return `#/career/${encodeURIComponent(id)}`;
	}

	function pathHref(to, from) {
		return `#/path?${queryString([['to', to], ['from', from]])}`;
	}

	function trainingHref(career) {
		return career ? `#/training?${queryString([['career', career]])}` : '#/training';
	}

	/*
	 * Careers with no allied-health group: the occupations `allied import onet` adds (origin
	 * "onet"), whose group, training, patient contact and most other facts are unknown. Like
	 * `allied careers`, the page lists them after the three groups, under their own heading.
	 */
	function isOther(c) {
		return !c.group;
	}

	/* The heading for those careers: "Other occupations, imported from O*NET" when they all are. */
	function otherHeading(others) {
		return others.length && others.every((c) => c.origin === 'onet')
			? 'Other occupations, imported from O*NET' : 'Other occupations, with no allied-health group';
	}

	/* <optgroup>s of careers by title: the three groups, then the other occupations. */
	function careerOptionGroups(careers, selected) {
		const byTitle = [...careers].sort((a, b) => a.title.localeCompare(b.title));
		const others = byTitle.filter(isOther);
		return [...GROUP_IDS.map((g) => [label('group', g), byTitle.filter((c) => c.group === g)]), [otherHeading(others), others]]
			.filter(([, list]) => list.length)
			.map(([name, list]) => h('optgroup', { label: name },
				list.map((c) => h('option', { value: c.id, selected: c.id === selected }, c.title))));
	}

	/*
	 * A coloured badge with the group's name (the colour is decoration; the name says it). A
	 * career with no group says so, and where it comes from.
	 */
	function groupBadge(groupId, origin) {
		if (!groupId)
			return h('span', { class: 'badge badge-other' }, origin === 'onet' ? 'Other occupation, from O*NET' : 'No allied-health group');
		return h('span', { class: `badge group-${groupId}` }, label('group', groupId));
	}

	/* <dt>term</dt><dd>value</dd> in a wrapper div (valid in <dl>, keeps each pair together). */
	function fact(term, ...value) {
		return h('div', { class: 'fact' }, h('dt', null, term), h('dd', null, ...value));
	}

	/* -- Compare choice: up to three careers, kept in memory only --------------------------- */

	const compareChoice = []; /* [{id, title}] */
	const compareButtons = new Set(); /* buttons on the page, refreshed when the choice changes */

	function compareHref(ids = compareChoice.map((c) => c.id)) {
		return ids.length ? `#/compare?ids=${ids.map(encodeURIComponent).join(',')}` : '#/compare';
	}

	function refreshCompare() {
		const nav = document.getElementById('nav-compare');
		nav.textContent = compareChoice.length ? `Compare (${compareChoice.length})` : 'Compare';
		nav.setAttribute('href', compareHref());
		for (const button of compareButtons) {
			if (!button.isConnected) {
				compareButtons.delete(button);
				continue;
			}
			const chosen = compareChoice.some((c) => c.id === button.dataset.id);
			button.textContent = chosen ? 'Remove from compare' : 'Add to compare';
			button.classList.toggle('chosen', chosen);
			button.disabled = !chosen && compareChoice.length >= 3;
			button.title = button.disabled ? 'You can compare up to three careers' : '';
		}
		for (const tray of document.querySelectorAll('.compare-tray'))
			fillCompareTray(tray);
	}

	/* Buttons are made in batches (a list of cards): refresh them once, after the batch. */
	let refreshQueued = false;
	function queueRefreshCompare() {
		if (refreshQueued)
			return;
		refreshQueued = true;
		queueMicrotask(() => {
			refreshQueued = false;
			refreshCompare();
		});
	}

	function compareButton(career) {
		const button = h('button', { type: 'button', class: 'btn btn-small btn-quiet compare-toggle', 'data-id': career.id }, 'Add to compare');
		button.addEventListener('click', () => {
			const at = compareChoice.findIndex((c) => c.id === career.id);
			if (at >= 0) {
				compareChoice.splice(at, 1);
				announce(`${career.title} removed from compare. ${compareChoice.length} of 3 chosen.`);
			} else if (compareChoice.length < 3) {
				compareChoice.push({ id: career.id, title: career.title });
				announce(`${career.title} added to compare. ${compareChoice.length} of 3 chosen.`);
			}
			refreshCompare();
		});
		compareButtons.add(button);
		queueRefreshCompare();
		return button;
	}

	/* "Chosen to compare: A, B. [Compare these 2]" */
	function compareTray() {
		const tray = h('div', { class: 'compare-tray' });
		fillCompareTray(tray);
		return tray;
	}

	function fillCompareTray(tray) {
		tray.hidden = compareChoice.length === 0;
		tray.replaceChildren(
			h('p', null, 'Chosen to compare: ', compareChoice.map((c) => c.title).join(', '), '. '),
			compareChoice.length >= 2
				? h('a', { class: 'btn btn-small', href: compareHref() }, `Compare these ${compareChoice.length}`)
				: h('span', { class: 'hint' }, 'Choose at least one more.'));
	}

	/* -- Career cards ----------------------------------------------------------------------- */

	function careerCard(c) {
		return h('li', { class: 'card career-card', 'data-id': c.id },
			h('h3', { class: 'card-title' }, h('a', { href: careerHref(c.id) }, c.title)),
			groupBadge(c.group, c.origin),
			h('dl', { class: 'facts facts-compact' },
				fact('Usual training', monthsText(c.training_months) ?? unknown()),
				fact('Median pay', known(c.pay && c.pay.median_usd, usd)),
				fact('Patient contact', label('contact', c.patient_contact))),
			h('div', { class: 'card-actions' }, compareButton(c)));
	}

	/* -- Bars ------------------------------------------------------------------------------- */

	/* A horizontal bar for a value on a scale, with its number as text beside it. */
	function meter(fraction, text) {
		const fill = h('span', { class: 'meter-fill' });
		fill.style.width = `${Math.max(0, Math.min(1, fraction)) * 100}%`;
		return h('span', { class: 'meter' }, h('span', { class: 'meter-track', 'aria-hidden': 'true' }, fill),
			h('span', { class: 'meter-text' }, text));
	}

	/*
	 * The pay range bar: the 10th to the 90th percentile as a band, the median as a mark, on a
	 * scale from $0 to scaleMax so that bars on one page can be compared. Returns null when
	 * nothing is known. A top-coded 90th percentile (p90_capped) runs to the end of the scale.
	 */
	function payRangeBar(pay, scaleMax) {
		const lo = pay.p10_usd;
		const mid = pay.median_usd;
		const hi = pay.p90_usd;
		if (lo === null && mid === null && hi === null)
			return null;
		const at = (v) => `${Math.max(0, Math.min(100, (v / scaleMax) * 100)).toFixed(2)}%`;
		const words = [
			lo !== null ? `10th percentile ${usd(lo)}` : '10th percentile unknown',
			mid !== null ? `median ${usd(mid)}` : 'median unknown',
			hi !== null ? `90th percentile ${usd(hi)}` : pay.p90_capped ? '90th percentile $239,200 or more' : '90th percentile unknown',
		];
		const chart = svg('svg', { class: 'pay-bar', width: '100%', height: 44, role: 'img', 'aria-label': `Pay range: ${words.join(', ')}` },
			svg('rect', { class: 'pay-track', x: 0, y: 14, width: '100%', height: 10, rx: 5 }));
		const top = hi !== null ? hi : pay.p90_capped ? scaleMax : null;
		if (lo !== null && top !== null) {
			const band = svg('rect', { class: `pay-range${hi === null ? ' pay-range-open' : ''}`, x: at(lo), y: 12, height: 14, rx: 4 });
			band.setAttribute('width', `${(Math.max(0, top - lo) / scaleMax) * 100}%`);
			chart.append(band);
		}
		if (mid !== null)
			chart.append(svg('rect', { class: 'pay-median', x: at(mid), y: 6, width: 4, height: 26, transform: 'translate(-2 0)' }));
		chart.append(svg('text', { class: 'pay-axis', x: 0, y: 42 }, '$0'),
			svg('text', { class: 'pay-axis', x: '100%', y: 42, 'text-anchor': 'end' }, usdShort(scaleMax)));
		return chart;
	}

	/* A round number at least as large as every value, for a shared pay scale. */
	function payScaleMax(pays) {
		const values = pays.flatMap((p) => [p.p10_usd, p.median_usd, p.p90_usd, p.p90_capped ? 239200 : null]).filter((v) => v !== null);
		const top = values.length ? Math.max(...values) : 100000;
		return Math.ceil((top * 1.05) / 20000) * 20000;
	}

	/* The plain-language reading of a pay block. */
	function payWords(pay) {
		return h('ul', { class: 'pay-words' },
			h('li', null, 'Median: ', h('strong', null, known(pay.median_usd, usd)), ' a year (half earn more, half less)'),
			h('li', null, '1 in 10 earn less than ', known(pay.p10_usd, usd)),
			h('li', null, '1 in 10 earn more than ',
				pay.p90_usd !== null ? usd(pay.p90_usd) : pay.p90_capped ? '$239,200 (the highest figure BLS publishes)' : unknown()));
	}

	/* -- The chart: training time against median pay --------------------------------------- */

	const GROUP_SHAPES = { 'primary-care': 'circle', 'health-promotion': 'square', diagnostic: 'diamond' };

	/* A marker centred on (x, y): circle, square or diamond, so the groups differ in shape too. */
	function marker(group, x, y, size = 7) {
		const className = `marker group-${group || 'none'}`;
		const shape = GROUP_SHAPES[group] || 'circle';
		if (shape === 'square')
			return svg('rect', { class: className, x: x - size + 1, y: y - size + 1, width: 2 * size - 2, height: 2 * size - 2 });
		if (shape === 'diamond')
			return svg('path', { class: className, d: `M${x} ${y - size - 1}L${x + size + 1} ${y}L${x} ${y + size + 1}L${x - size - 1} ${y}Z` });
		return svg('circle', { class: className, cx: x, cy: y, r: size });
	}

	/*
	 * A scatter chart of the careers shown: usual training (the shorter end, in months) across,
	 * median pay up. Each point is a link to the career. Careers with either value unknown are
	 * left out, and the caption says which. The SVG is drawn at the width it is shown at (and
	 * again when that changes), so its text stays readable on a phone.
	 */
	function payTrainingChart(careers) {
		const plotted = careers.filter((c) => c.training_months && c.pay && c.pay.median_usd !== null);
		const leftOut = careers.filter((c) => !plotted.includes(c));
		const canvas = h('div', { class: 'chart-canvas' });
		const legend = h('ul', { class: 'chart-legend' },
			GROUP_IDS.map((g) => h('li', null,
				svg('svg', { width: 18, height: 18, 'aria-hidden': 'true' }, marker(g, 9, 9, 6)), label('group', g))));
		/* Keyboard users need not Tab through every point to reach the list. */
		const skip = h('button', { type: 'button', class: 'skip-inline', onclick: () => {
			const next = document.querySelector('.list-title');
			if (next) {
				next.setAttribute('tabindex', '-1');
				next.focus();
			}
		} }, 'Skip the chart, go to the list of careers');
		const figure = h('figure', { class: 'chart', id: 'chart' },
			skip,
			h('figcaption', null,
				h('h2', { class: 'h3' }, 'Training time and pay'),
				h('p', { class: 'hint' }, 'Each mark is one career: further right means longer training, higher up means better pay. ' +
					'Select a mark to open the career. Marks that would sit on top of each other are nudged sideways.')),
			plotted.length ? canvas : h('p', null, 'None of these careers has both a known training time and a known median pay.'),
			plotted.length ? legend : null,
			leftOut.length ? leftOutNote(leftOut) : h('p', { class: 'chart-left-out' }, 'Every career shown is in the chart.'));
		if (!plotted.length)
			return figure;

		let drawnWidth = 0;
		const draw = () => {
			const width = Math.max(280, Math.floor(canvas.clientWidth));
			if (!canvas.isConnected || Math.abs(width - drawnWidth) < 8)
				return;
			drawnWidth = width;
			canvas.replaceChildren(chartSvg(plotted, width));
		};
		new ResizeObserver(draw).observe(canvas);
		return figure;
	}

	/*
	 * Which careers the chart leaves out: the allied-health ones by name, the other occupations
	 * (hundreds after an O*NET import) by their number only; they are listed under the chart.
	 */
	function leftOutNote(leftOut) {
		const named = leftOut.filter((c) => !isOther(c));
		const others = leftOut.filter(isOther);
		return h('p', { class: 'chart-left-out' },
			`${plural(leftOut.length, 'career is', 'careers are')} left out of the chart because the training time or the median pay is unknown`,
			named.length ? [': ', named.map((c, i) => [i ? ', ' : '', h('a', { href: careerHref(c.id) }, c.title)])] : null,
			others.length ? [named.length ? ', and ' : ': ', plural(others.length, 'other occupation', 'other occupations'),
				others.every((c) => c.origin === 'onet') ? ' imported from O*NET' : ' with no allied-health group', ' (listed below the careers)'] : null,
			'.');
	}

	function chartSvg(plotted, width) {
		const narrow = width < 480;
		const height = narrow ? 320 : 380;
		const m = { top: 16, right: 18, bottom: 56, left: narrow ? 60 : 70 };
		const months = plotted.map((c) => c.training_months.min);
		const pays = plotted.map((c) => c.pay.median_usd);
		const xMax = Math.max(12, Math.ceil(Math.max(...months) / 12) * 12);
		let yMin = Math.floor(Math.min(...pays) / 20000) * 20000;
		let yMax = Math.ceil(Math.max(...pays) / 20000) * 20000;
		if (yMax === yMin) {
			yMin = Math.max(0, yMin - 20000);
			yMax += 20000;
		}
		const x = (v) => m.left + (v / xMax) * (width - m.left - m.right);
		const y = (v) => m.top + (1 - (v - yMin) / (yMax - yMin)) * (height - m.top - m.bottom);

		const chart = svg('svg', { class: 'chart-svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'group', 'aria-label': 'Chart of training time against median pay' });

		/* grid and axes */
		const xStep = xMax <= 36 ? 6 : narrow && xMax > 48 ? 24 : 12;
		for (let v = 0; v <= xMax; v += xStep) {
			chart.append(svg('line', { class: 'grid', x1: x(v), x2: x(v), y1: m.top, y2: height - m.bottom }),
				svg('text', { class: 'tick', x: x(v), y: height - m.bottom + 18, 'text-anchor': 'middle', 'aria-hidden': 'true' }, String(v)));
		}
		for (let v = yMin; v <= yMax; v += 20000) {
			chart.append(svg('line', { class: 'grid', x1: m.left, x2: width - m.right, y1: y(v), y2: y(v) }),
				svg('text', { class: 'tick', x: m.left - 8, y: y(v) + 4, 'text-anchor': 'end', 'aria-hidden': 'true' }, usdShort(v)));
		}
		chart.append(
			svg('text', { class: 'axis-title', x: m.left + (width - m.left - m.right) / 2, y: height - 10, 'text-anchor': 'middle', 'aria-hidden': 'true' },
				'Usual training, months (shortest)'),
			svg('text', { class: 'axis-title', x: 12, y: m.top + (height - m.top - m.bottom) / 2, 'text-anchor': 'middle',
				transform: `rotate(-90 12 ${m.top + (height - m.top - m.bottom) / 2})`, 'aria-hidden': 'true' }, 'Median pay a year'));

		/* points, nudged sideways when they would cover one another */
		const placed = [];
		const sorted = [...plotted].sort((a, b) => a.training_months.min - b.training_months.min || a.pay.median_usd - b.pay.median_usd || a.id.localeCompare(b.id));
		for (const c of sorted) {
			const py = y(c.pay.median_usd);
			let px = x(c.training_months.min);
			for (let tries = 0; tries < 8 && placed.some((p) => Math.abs(p.x - px) < 10 && Math.abs(p.y - py) < 10); tries++)
				px += 10;
			placed.push({ x: px, y: py });
			const name = `${c.title}: usual training ${monthsText(c.training_months)}, median pay ${usd(c.pay.median_usd)}, ${label('group', c.group)}`;
			chart.append(svg('a', { class: 'chart-point', href: careerHref(c.id), 'aria-label': name, 'data-id': c.id,
				'data-x': px, 'data-y': py, 'data-tip': `${c.title} · ${usd(c.pay.median_usd)}` }, marker(c.group, px, py)));
		}

		/*
		 * The point under the pointer or keyboard focus gets a ring and its name, drawn last so
		 * that no other point covers them (SVG paints in document order).
		 */
		const ring = svg('circle', { class: 'tip-ring', r: 13 });
		const tipText = svg('text', { class: 'tip-text' });
		const tip = svg('g', { class: 'chart-tip', 'aria-hidden': 'true', visibility: 'hidden' }, ring, tipText);
		chart.append(tip);
		const show = (e) => {
			const point = e.target.closest && e.target.closest('.chart-point');
			if (!point)
				return;
			const px = Number(point.dataset.x);
			const py = Number(point.dataset.y);
			ring.setAttribute('cx', px);
			ring.setAttribute('cy', py);
			tipText.textContent = point.dataset.tip;
			tipText.setAttribute('x', px < width / 2 ? px + 16 : px - 16);
			tipText.setAttribute('y', py < m.top + 24 ? py + 22 : py - 14);
			tipText.setAttribute('text-anchor', px < width / 2 ? 'start' : 'end');
			tip.setAttribute('visibility', 'visible');
		};
		const hide = () => tip.setAttribute('visibility', 'hidden');
		chart.addEventListener('focusin', show);
		chart.addEventListener('mouseover', show);
		chart.addEventListener('focusout', hide);
		chart.addEventListener('mouseleave', hide);
		return chart;
	}

	/* A small list of sources by title, for the end of each block of facts. */
	function citeSources(ids, byId) {
		const known = (ids || []).map((id) => byId.get(id)).filter(Boolean);
		if (!known.length)
			return null;
		return h('p', { class: 'cite' }, known.length === 1 ? 'Source: ' : 'Sources: ',
			known.map((s, i) => [i ? '; ' : '', s.title, ` (${s.publisher})`]));
	}

	/* ------------------------------------------------------------------------------------ */
	/* 4. The router                                                                          */
	/* ------------------------------------------------------------------------------------ */

	/*
	 * Routes are hashes: #/, #/careers?group=diagnostic, #/career/phlebotomist?state=NY, #/quiz,
	 * #/compare?ids=a,b, #/path?to=x&from=y, #/training?career=x&near=07102. A view is an async function (route, page) that fills
	 * viewEl; it must put its <h1> in place before its first await, so the router can move focus
	 * there. `page.live()` turns false once the person has moved on, so a late answer never paints
	 * over a newer page.
	 *
	 * Forms that change their own page's address (filters, compare, path) call setHash(), which
	 * records the new address without rendering the page again, so focus and typing are not lost.
	 */
	const VIEWS = {
		'': viewHome,
		careers: viewCareers,
		career: viewCareer,
		quiz: viewQuiz,
		compare: viewCompare,
		path: viewPath,
		training: viewTraining,
	};

	let renderedHash = null;
	let renderCount = 0;

	function parseRoute() {
		const raw = location.hash.startsWith('#/') ? location.hash.slice(2) : '';
		const q = raw.indexOf('?');
		const path = q < 0 ? raw : raw.slice(0, q);
		const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
		const parts = path.split('/').filter(Boolean).map((p) => {
			try {
				return decodeURIComponent(p);
			} catch (e) {
				return p;
			}
		});
		return { name: parts[0] || '', arg: parts[1] || null, params };
	}

	function setHash(hash, replace = false) {
		if (location.hash === hash)
			return;
		history[replace ? 'replaceState' : 'pushState'](null, '', hash);
		renderedHash = location.hash;
	}

	async function render() {
		const first = renderedHash === null;
		/* The skip link and other in-page anchors (#main) are not routes. */
		if (!first && location.hash && !location.hash.startsWith('#/'))
			return;
		if (!first && location.hash === renderedHash)
			return;
		renderedHash = location.hash;
		const route = parseRoute();
		const count = ++renderCount;
		const page = { live: () => count === renderCount };
		hideError();
		viewEl.replaceChildren();
		viewEl.removeAttribute('aria-busy');
		for (const link of document.querySelectorAll('[data-nav]')) {
			if (link.dataset.nav === route.name)
				link.setAttribute('aria-current', 'page');
			else
				link.removeAttribute('aria-current');
		}
		const view = VIEWS[route.name] || viewNotFound;
		const done = view(route, page);
		if (!first) {
			/* Move focus to the new page's heading, as a page load would start at the top. */
			const heading = viewEl.querySelector('h1');
			window.scrollTo(0, 0);
			if (heading) {
				heading.setAttribute('tabindex', '-1');
				heading.focus({ preventScroll: true });
			}
		}
		try {
			await done;
		} catch (error) {
			if (page.live())
				showError(error);
		}
	}

	/* ------------------------------------------------------------------------------------ */
	/* 5. The views                                                                           */
	/* ------------------------------------------------------------------------------------ */

	function viewNotFound() {
		setTitle('Page not found');
		viewEl.append(h('h1', null, 'Page not found'),
			h('p', null, 'There is no page at this address. ', h('a', { href: '#/' }, 'Go to the start page'), ' or ',
				h('a', { href: '#/careers' }, 'browse every career'), '.'));
	}

	/* -- Home ------------------------------------------------------------------------------- */

	const GROUP_TEXT = {
		'primary-care': 'Hands-on care, side by side with doctors, nurses and dentists: assisting in exams and surgery, ' +
			'answering emergencies, dental care, pharmacy, and breathing and cancer treatment.',
		'health-promotion': 'Helping people recover, stay well and communicate, and keeping health care organised: ' +
			'therapy and rehabilitation, nutrition and fitness, health education and counselling, records and administration.',
		diagnostic: 'Finding out what is wrong: imaging such as x-ray, ultrasound and MRI, tests of the heart and brain, ' +
			'and the laboratory, where samples of blood and tissue are taken and studied.',
	};

	async function viewHome(route, page) {
		setTitle('');
		const groups = h('div', { class: 'group-grid' });
		const quickFacts = h('p', { class: 'lead-facts' });
		const search = h('input', { type: 'search', id: 'home-search', name: 'q', autocomplete: 'off', placeholder: 'e.g. ultrasound, lab, dental' });
		viewEl.append(
			h('section', { class: 'hero' },
				h('h1', null, 'Find your way into allied health'),
				h('p', { class: 'lead' }, 'About 60% of US healthcare jobs are allied health: every healthcare job outside ' +
					'doctors, nurses, pharmacists and dentists. The people who take x-rays, draw blood, help patients walk ' +
					'again, answer emergencies, run the lab and keep health records are allied health workers.'),
				quickFacts,
				h('p', null, 'Whether you are changing careers, still at school or advising someone, allied shows what the work ' +
					'is really like, how long the training takes, what it pays and how to get there, with a source for every fact.')),
			h('section', { class: 'ways', 'aria-labelledby': 'ways-title' },
				h('h2', { id: 'ways-title' }, 'Where would you like to start?'),
				h('ul', { class: 'way-grid' },
					h('li', { class: 'way' },
						h('h3', null, h('a', { href: '#/quiz' }, 'Take the quiz')),
						h('p', null, '30 quick questions about what you enjoy doing, then a few practical ones: time with patients, ' +
							'blood and needles, training time, pay. You get careers ranked for you, with every reason.')),
					h('li', { class: 'way' },
						h('h3', null, h('a', { href: '#/careers' }, 'Browse careers')),
						h('p', null, 'See every career and narrow the list down by training time, pay, patient contact, ' +
							'blood and needles, physical demands, where you would work and more.')),
					h('li', { class: 'way' },
						h('h3', null, h('label', { for: 'home-search' }, 'Search')),
						h('form', {
							class: 'inline-form', role: 'search', onsubmit: (e) => {
								e.preventDefault();
								const words = search.value.trim();
								location.hash = words ? `#/careers?${queryString([['q', words]])}` : '#/careers';
							},
						}, search, h('button', { type: 'submit', class: 'btn' }, 'Search')),
						h('p', { class: 'hint' }, 'Any words: job titles, nicknames like "rad tech", or what you would like to do.')),
					h('li', { class: 'way' },
						h('h3', null, h('a', { href: '#/training' }, 'Find training')),
						h('p', null, 'Schools near a ZIP code, nearest first, with each program’s schedule, length, cost, ' +
							'credential and accreditation, as far as allied’s sources say. New Jersey for now, plus the school program files imported into this copy of allied.')),
					h('li', { class: 'way' },
						h('h3', null, h('a', { href: '#/path' }, 'Plan a path')),
						h('p', null, 'From where you are now to the job you want: each step with its months, the exam and the ' +
							'licence, and the running total.')))),
			h('section', { class: 'groups', 'aria-labelledby': 'groups-title' },
				h('h2', { id: 'groups-title' }, 'The three groups of allied health'),
				groups));

		const careers = await allCareers();
		if (!page.live())
			return;
		/* both ends of the usual range known and within 24 months */
		const allied = careers.filter((c) => !isOther(c));
		const others = careers.length - allied.length;
		const short = allied.filter((c) => c.training_months && c.training_months.max !== null && c.training_months.max <= 24).length;
		quickFacts.append(`allied describes ${allied.length} of these careers. `,
			`For ${short} of them, the usual training takes two years or less.`,
			others ? ` It also knows ${plural(others, 'other occupation', 'other occupations')} from imported official data, for search and the quiz.` : '');
		for (const g of GROUP_IDS) {
			const inGroup = careers.filter((c) => c.group === g);
			const examples = [...inGroup].sort((a, b) => (b.openings_per_year || 0) - (a.openings_per_year || 0)).slice(0, 4);
			groups.append(h('section', { class: `group-card group-${g}` },
				h('h3', null, label('group', g)),
				h('p', null, GROUP_TEXT[g] || ''),
				examples.length ? h('p', { class: 'examples' }, 'For example: ', examples.map((c, i) => [i ? ', ' : '', h('a', { href: careerHref(c.id) }, c.title)]), '.') : null,
				h('p', null, h('a', { class: 'more', href: `#/careers?group=${g}` }, `See all ${plural(inGroup.length, 'career', 'careers')} in this group`))));
		}
	}

	/* -- Browse and search ------------------------------------------------------------------ */

	/* Filters that stay visible; the rest sit under "More filters". */
	const MAIN_FILTERS = new Set(['q', 'group', 'max-months', 'sort']);

	async function viewCareers(route, page) {
		setTitle('Browse careers');
		viewEl.append(h('h1', null, 'Browse careers'),
			h('p', { class: 'lead' }, 'Every filter is a hard limit: a career whose value is unknown does not pass it.'));
		const vocab = await vocabulary();
		if (!page.live())
			return;

		const params = route.params;
		const form = careersForm(params, vocab);
		const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
		const results = h('div', { class: 'results' });
		const layout = h('div', { class: 'browse' },
			h('div', { class: 'browse-filters' }, form),
			h('div', { class: 'browse-results', 'aria-labelledby': 'results-title' },
				h('h2', { id: 'results-title', class: 'visually-hidden' }, 'Careers'),
				status, compareTray(), results));
		viewEl.append(layout);

		let seq = 0;
		const load = async () => {
			const mine = ++seq;
			const pairs = formPairs(form);
			setHash(pairs.length ? `#/careers?${queryString(pairs)}` : '#/careers', true);
			results.setAttribute('aria-busy', 'true');
			hideError();
			try {
				/* With a search the API orders by relevance, so sort is not sent with q. */
				const query = queryString(pairs.filter(([k]) => !(k === 'sort' && pairs.some(([q]) => q === 'q'))));
				const doc = await api(query ? `careers?${query}` : 'careers');
				if (mine !== seq || !page.live())
					return;
				showCareers(doc, results, status, pairs);
			} catch (error) {
				if (mine !== seq || !page.live())
					return;
				status.textContent = 'No careers shown: please check the filters.';
				results.replaceChildren();
				showError(error);
			} finally {
				if (mine === seq)
					results.removeAttribute('aria-busy');
			}
		};

		let timer = 0;
		form.addEventListener('input', (e) => {
			if (e.target.matches('input[type=search], input[type=number]')) {
				window.clearTimeout(timer);
				timer = window.setTimeout(load, 450);
			}
		});
		form.addEventListener('change', (e) => {
			window.clearTimeout(timer);
			if (!e.target.matches('input[type=search], input[type=number]') || e.target.value !== e.target.dataset.loaded)
				load();
		});
		form.addEventListener('submit', (e) => {
			e.preventDefault();
			window.clearTimeout(timer);
			load();
		});
		await load();
	}

	/* The filter form; every control's name is the API's parameter name. */
	function careersForm(params, vocab) {
		const get = (name) => params.get(name) || '';
		const blood = params.has('no-blood') ? 'none' : get('max-blood');
		const listParam = (name) => new Set(get(name).split(',').filter(Boolean));

		const moreActive = [...params.keys()].some((k) => !MAIN_FILTERS.has(k));
		const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter careers', method: 'get', action: '#/careers', novalidate: true },
			field('Search', h('input', { type: 'search', name: 'q', value: get('q'), autocomplete: 'off' }),
				'Job titles, nicknames ("scrub tech") or what you would like to do'),
			selectField('Group', 'group', get('group'), [['', 'All three groups'], ...GROUP_IDS.map((g) => [g, label('group', g)])]),
			field('Longest training', h('input', { type: 'number', name: 'max-months', min: 0, max: 240, step: 1, inputmode: 'numeric', value: get('max-months') }),
				'In months: 12 is one year, 24 two years'),
			selectField('Sort within each group', 'sort', get('sort'),
				[['', LABELS.sort.title], ...['pay', 'months', 'growth', 'openings'].map((k) => [k, LABELS.sort[k]])],
				'A search is sorted by how well each career matches'),
			h('details', { class: 'more-filters', open: moreActive },
				h('summary', null, 'More filters'),
				selectField('Most education you want to complete', 'education', get('education'),
					[['', 'Any'], ...Object.entries(LABELS.credential)]),
				selectField('Time with patients: no more than', 'patient-contact', get('patient-contact'),
					[['', 'Any amount'], ...['none', 'low', 'some', 'high'].map((v) => [v, label('contact', v)])]),
				selectField('Time with patients: at least', 'min-patient-contact', get('min-patient-contact'),
					[['', 'Any amount'], ...['low', 'some', 'high', 'constant'].map((v) => [v, label('contact', v)])]),
				selectField('Blood and needles', 'blood', blood,
					[['', 'Any'], ['none', 'None at all'], ['occasional', 'Now and then at most']]),
				selectField('Physical demands: no more than', 'physical', get('physical'),
					[['', 'Any'], ...Object.entries(LABELS.physical)]),
				checkField('Can be done from home, at least in some jobs', 'remote', params.has('remote')),
				field('Lowest median pay', h('input', { type: 'number', name: 'min-pay', min: 0, step: 1000, inputmode: 'numeric', value: get('min-pay') }),
					'US dollars a year, e.g. 45000'),
				field('Lowest projected growth', h('input', { type: 'number', name: 'min-growth', step: 0.1, value: get('min-growth') }),
					'Percent, 2024 to 2034 (BLS projections); may be negative'),
				checkGroup('Where you would work (any of these)', 'settings', vocab.settings, listParam('settings')),
				checkGroup('Interest areas (any of these)', 'interests', vocab.interests, listParam('interests')),
				checkGroup('Shifts to avoid', 'avoid-shifts', Object.entries(LABELS.shift).map(([id, text]) => ({ id, label: text })), listParam('avoid-shifts'))),
			h('div', { class: 'form-actions' },
				h('button', { type: 'submit', class: 'btn' }, 'Show careers'),
				clearAllButton(() => form, {})));
		for (const input of form.querySelectorAll('input[type=search], input[type=number]'))
			input.dataset.loaded = input.value;
		return form;
	}

	/* The form's values as the API's [name, value] pairs, in the form's order. */
	function formPairs(form) {
		const pairs = [];
		const lists = {};
		for (const el of form.elements) {
			if (!el.name || el.disabled)
				continue;
			if (el.type === 'checkbox') {
				if (el.dataset.list) {
					if (el.checked)
						(lists[el.name] = lists[el.name] || []).push(el.value);
				} else if (el.checked) {
					pairs.push([el.name, true]);
				}
				continue;
			}
			const value = el.value.trim();
			if (el.type === 'search' || el.type === 'number')
				el.dataset.loaded = el.value;
			if (!value)
				continue;
			if (el.name === 'blood')
				pairs.push(value === 'none' ? ['no-blood', true] : ['max-blood', value]);
			else
				pairs.push([el.name, value]);
		}
		for (const [name, values] of Object.entries(lists))
			pairs.push([name, values.join(',')]);
		return pairs;
	}

	/* A labelled control with an optional hint, tied together with for/aria-describedby. */
	function field(text, control, hint) {
		const id = control.id || uid('f');
		control.id = id;
		const hintEl = hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null;
		if (hintEl)
			control.setAttribute('aria-describedby', hintEl.id);
		return h('div', { class: 'field' }, h('label', { for: id }, text), hintEl, control);
	}

	function selectField(text, name, value, options, hint) {
		const select = h('select', { name },
			options.map(([v, t]) => h('option', { value: v, selected: v === value }, t)));
		if (value && !options.some(([v]) => v === value))
			select.append(h('option', { value, selected: true }, value));
		return field(text, select, hint);
	}

	function checkField(text, name, checked) {
		const id = uid('c');
		return h('div', { class: 'field check' }, h('input', { type: 'checkbox', id, name, checked }), h('label', { for: id }, text));
	}

	/* A fieldset of checkboxes whose checked values are sent as one comma-separated list. */
	function checkGroup(legend, name, items, checked) {
		return h('fieldset', { class: 'check-group' }, h('legend', null, legend),
			h('div', { class: 'check-grid' }, items.map((item) => {
				const id = uid('c');
				return h('div', { class: 'check' },
					h('input', { type: 'checkbox', id, name, value: item.id, 'data-list': 'yes', checked: checked.has(item.id) }),
					h('label', { for: id }, item.label));
			})));
	}

	/* The other occupations are shown this many at a time ("Show more"). */
	const OTHER_PAGE = 24;

	function showCareers(doc, results, status, pairs) {
		const careers = doc.careers;
		const searched = pairs.find(([k]) => k === 'q');
		const filters = pairs.filter(([k]) => k !== 'q' && k !== 'sort').length;
		if (careers.length === 0) {
			status.textContent = searched
				? `No career matches “${searched[1]}”${filters ? ' with these filters' : ''}. Try other words${filters ? ' or fewer filters' : ''}.`
				: 'No career passes all of these filters. Try removing one.';
			results.replaceChildren();
			return;
		}
		/* The API lists them grouped (or by relevance): the allied-health careers keep that order, the others follow. */
		const main = careers.filter((c) => !isOther(c));
		const others = careers.filter(isOther);
		status.textContent = `${plural(doc.count, 'career matches', 'careers match')}${searched ? ` “${searched[1]}”` : ''}` +
			`${filters ? `${searched ? ' and' : ''} your filters` : ''}.${searched ? ' Best matches first.' : ''}` +
			(others.length ? ` ${main.length ? `${plural(main.length, 'is', 'are')} in allied health, ` : ''}` +
				`${plural(others.length, 'is an other occupation', 'are other occupations')}${main.length ? ', listed after them' : ''}.` : '');
		const parts = [payTrainingChart(careers)];
		if (main.length)
			parts.push(h('h2', { class: 'h3 list-title', id: 'careers-list-title' }, 'The careers'),
				h('ul', { class: 'card-grid', id: 'career-list' }, main.map(careerCard)));
		if (others.length)
			parts.push(otherOccupations(others));
		results.replaceChildren(...parts);
	}

	/* The other occupations: a heading that says what they are, the first few, and "Show more". */
	function otherOccupations(others) {
		const list = h('ul', { class: 'card-grid', id: 'other-list' });
		const more = h('p', { class: 'show-more' });
		const add = () => {
			const from = list.children.length;
			list.append(...others.slice(from, from + OTHER_PAGE).map(careerCard));
			const left = others.length - list.children.length;
			more.replaceChildren();
			if (left > 0) {
				more.append(h('button', { type: 'button', class: 'btn btn-quiet', id: 'show-more-other', onclick: () => {
					const firstNew = list.children.length;
					add();
					list.children[firstNew].querySelector('a').focus();
				} }, `Show ${num(Math.min(left, OTHER_PAGE))} more (${num(left)} not shown yet)`));
			}
		};
		add();
		return h('section', { class: 'other-occupations', 'aria-labelledby': 'other-list-title' },
			h('h2', { class: 'h3 list-title', id: 'other-list-title' }, `${otherHeading(others)} (${num(others.length)})`),
			h('p', { class: 'hint' }, 'These have no allied-health group. allied knows what O*NET says of them (the description, duties and ' +
				'interest profile) and their pay and outlook where BLS figures were imported; their training, time with patients, blood and ' +
				'needles and the rest are unknown, so a filter on any of those leaves them out.'),
			list, more);
	}

	/* -- One career ------------------------------------------------------------------------- */

	async function viewCareer(route, page) {
		const id = route.arg || '';
		const heading = h('h1', null, 'Loading…');
		viewEl.append(h('p', { class: 'crumbs' }, h('a', { href: '#/careers' }, 'Browse careers')), heading);
		viewEl.setAttribute('aria-busy', 'true');
		let career;
		try {
			career = await api(`careers/${encodeURIComponent(id)}`);
		} catch (error) {
			if (!page.live())
				return;
			viewEl.removeAttribute('aria-busy');
			heading.textContent = error.status === 404 ? 'Career not found' : 'This career could not be loaded';
			setTitle(heading.textContent);
			viewEl.append(h('p', null, h('a', { href: '#/careers' }, 'Browse every career'), ' or ', h('a', { href: '#/' }, 'search from the start page'), '.'));
			throw error;
		}
		const wanted = (route.params.get('state') || DEFAULT_STATE).toUpperCase();
		const [careers, vocab, ladder, rules, programs] = await Promise.all([
			allCareers(), vocabulary(),
			api(`careers/${encodeURIComponent(career.id)}/ladder`).catch((error) => ({ error })),
			api(`rules?${queryString([['career', career.id], ['state', wanted]])}`).catch((error) => ({ error })),
			api(`programs?${queryString([['career', career.id], ['limit', 1]])}`).catch((error) => ({ error })),
		]);
		if (!page.live())
			return;
		viewEl.removeAttribute('aria-busy');
		setTitle(career.title);
		heading.textContent = career.title;
		if (career.group)
			viewEl.querySelector('.crumbs').append(' › ', h('a', { href: `#/careers?group=${encodeURIComponent(career.group.id)}` }, career.group.label));
		renderCareer(career, careers, vocab, ladder, { state: wanted, rules, programs });
	}

	function renderCareer(c, careers, vocab, ladder, training) {
		const sources = new Map(c.sources.map((s) => [s.id, s]));
		const group = c.group ? c.group.id : null;
		const work = c.work;
		const byLabel = (items) => (items.length ? items.map((i) => i.label || i.id).join(', ') : unknown());

		const workUnknown = [work.patient_contact, work.blood, work.physical, work.shifts, work.remote].every((v) => v === null || (Array.isArray(v) && !v.length)) &&
			!work.settings.length;
		const trainingUnknown = !c.education.entry && !c.education.paths.length;

		viewEl.append(
			h('div', { class: 'career-head' },
				groupBadge(group, c.origin),
				c.aliases.length ? h('p', { class: 'aliases' }, 'Also called: ', c.aliases.join(', ')) : null,
				h('p', { class: 'summary' }, known(c.summary)),
				c.origin !== 'curated' ? importedNote(c) : null,
				h('div', { class: 'career-actions' },
					compareButton(c),
					/* an imported occupation with no training and no ladder step into it has no path to plan */
					c.origin === 'curated' || c.education.paths.length || (ladder.previous && ladder.previous.length)
						? h('a', { class: 'btn btn-small', href: pathHref(c.id) }, 'Plan a path to this job') : null,
					h('a', { class: 'btn btn-small btn-quiet', href: trainingHref(c.id) }, 'Find training')),
				compareTray()),

			section('At a glance', 'glance',
				h('dl', { class: 'facts facts-grid' },
					fact('Usual training', monthsText(c.training_months) ?? unknown()),
					fact('Most people start with', c.education.entry ? c.education.entry.label : unknown()),
					fact('Median pay', known(c.pay.median_usd, usd), c.pay.median_usd !== null ? ' a year' : null),
					fact('Jobs growth 2024–34', known(c.outlook.change_pct, pct)),
					fact('Openings a year', known(c.outlook.openings_per_year, num)),
					fact('Time with patients', label('contact', work.patient_contact)),
					fact('Blood and needles', label('blood', work.blood)),
					fact('Physical demands', label('physical', work.physical)),
					fact('State rules', label('regulated', c.regulation.state_regulated)))),

			section('What you would do', 'duties',
				c.duties.length ? h('ul', { class: 'duties' }, c.duties.map((d) => h('li', null, d))) : h('p', null, 'Duties: ', unknown())),

			section('What the work is like', 'work', workUnknown
				? h('p', { class: 'all-unknown' }, 'Time with patients, blood and needles, physical demands, shifts, working from home ' +
					'and where people work: all ', unknown(), '. ', c.origin === 'onet' ? 'O*NET does not say them, and allied does not guess.' : '')
				: [h('dl', { class: 'facts' },
					fact('Time with patients', label('contact', work.patient_contact)),
					fact('Blood and needles', label('blood', work.blood)),
					fact('Physical demands', label('physical', work.physical)),
					fact('Usual shifts', labelList('shift', work.shifts)),
					fact('Working from home', label('remote', work.remote)),
					fact('Where people work', byLabel(work.settings))),
				citeSources(work.sources, sources)]),

			section('Training', 'education',
				trainingUnknown
					? h('p', { class: 'all-unknown' }, 'The training and its length: ', unknown(), '.',
						c.outlook.entry_education ? [' BLS says the typical education for entry is: ', h('strong', null, c.outlook.entry_education),
							' (see the outlook below).'] : null)
					: h('p', null, 'Most new workers start with: ', h('strong', null, c.education.entry ? c.education.entry.label : unknown()), '. ',
						'Lengths are counted from a high-school diploma.'),
				trainingUnknown ? null : c.education.paths.length
					? h('ul', { class: 'routes' }, c.education.paths.map((p) => h('li', { class: 'route' },
						h('h3', { class: 'h4' }, p.credential ? p.credential.label : unknown()),
						h('p', null, 'Length: ', monthsText(p.months) ?? unknown()),
						p.note ? h('p', null, p.note) : h('p', { class: 'hint' }, 'Note: ', unknown()))))
					: h('p', null, 'Training routes: ', unknown()),
				citeSources(c.education.sources, sources)),

			section('Certifications and exams', 'certifications',
				c.certifications.list.length
					? h('ul', { class: 'certs' }, c.certifications.list.map((cert) => h('li', null,
						h('strong', null, cert.name),
						h('dl', { class: 'facts facts-inline' },
							fact('Awarded by', known(cert.body)),
							fact('Kind', label('certKind', cert.kind)),
							fact('Who asks for it', label('required', cert.required))))))
					: h('p', null, 'Certifications: ', unknown()),
				citeSources(c.certifications.sources, sources)),

			section('State rules', 'regulation',
				c.regulation.state_regulated === null && c.regulation.note === null
					? h('p', null, 'Whether states regulate this job: ', unknown(), '.')
					: [h('p', null, h('strong', null, label('regulated', c.regulation.state_regulated)), '.'),
						h('p', null, known(c.regulation.note))],
				citeSources(c.regulation.sources, sources)),

			section('Licence and exams by state', 'state-rules', stateRules(c, training.state, training.rules)),

			section('Where to train', 'training', whereToTrain(c, training.programs)),

			section('Pay', 'pay', careerPay(c), citeSources(c.pay.sources, sources)),

			section('Outlook, 2024 to 2034', 'outlook',
				h('dl', { class: 'facts' },
					fact('Jobs in 2024', known(c.outlook.employment_2024, num)),
					fact('Jobs projected for 2034', known(c.outlook.employment_2034, num)),
					fact('Change', known(c.outlook.change_pct, pct)),
					fact('Openings a year', known(c.outlook.openings_per_year, num)),
					fact('Education BLS says is typical for entry', known(c.outlook.entry_education))),
				c.outlook.soc && c.soc && c.outlook.soc !== c.soc
					? h('p', { class: 'hint' }, `These figures are for the broader BLS occupation ${c.outlook.soc}.`) : null,
				citeSources(c.outlook.sources, sources)),

			section('Interests', 'interests',
				h('p', null, 'Interest areas: ', c.interests.length ? c.interests.map((i) => i.label || vocabularyLabel(vocab.interests, i.id)).join(', ') : unknown()),
				interestProfile(c, sources)),

			section('Career ladder', 'ladder', careerLadder(c, ladder)),

			section(group ? 'In the same group with shared interests' : 'Related careers', 'related', relatedCareers(c, careers, vocab)),

			section('Sources', 'sources',
				h('p', null, 'Every fact on this page comes from one of these. Dates are when the source says its facts are from, or when our authors read it.'),
				h('p', { class: 'hint' },
					c.origin === 'curated' ? 'Written in allied’s own words, from these sources. '
						: `Imported by allied from ${ORIGINS[c.origin] || c.origin}, not written by allied’s authors. `,
					'Occupation codes: SOC ', known(c.soc), ', O*NET-SOC ', known(c.onet_soc), '.'),
				c.sources.length
					? h('ol', { class: 'sources' }, c.sources.map((s) => h('li', null, sourceEntry(s))))
					: h('p', null, 'Sources: ', unknown()),
				c.attribution ? h('p', { class: 'attribution' }, c.attribution) : null));
	}

	/* Where a career not written by allied's authors came from (the API's origin). */
	const ORIGINS = { onet: 'the O*NET database' };

	/* The notice at the top of an imported career: what allied knows of it, and what it does not. */
	function importedNote(c) {
		const has = ['the description'];
		if (c.duties.length)
			has.push('the duties');
		if (c.interest_profile)
			has.push('the interest profile');
		const bls = [c.pay.median_usd !== null || c.pay.p10_usd !== null ? 'pay' : null,
			c.outlook.change_pct !== null || c.outlook.employment_2024 !== null ? 'outlook' : null].filter(Boolean);
		return h('p', { class: 'notice imported-note' },
			`This occupation was imported from ${ORIGINS[c.origin] || c.origin}; it is not one of the allied-health careers allied’s authors describe. `,
			`allied knows ${has.join(', ').replace(/, ([^,]*)$/, ' and $1')} from there`,
			bls.length ? ` and its ${bls.join(' and ')} from the Bureau of Labor Statistics` : '',
			'. What is not known is shown as unknown, never guessed.');
	}

	/* One source in full: its title as a link, publisher, date, licence, and the address as text. */
	function sourceEntry(s) {
		const url = safeUrl(s.url);
		return [
			url ? h('a', { href: url, rel: 'noopener noreferrer external' }, s.title) : s.title,
			h('span', { class: 'source-meta' },
				` · ${s.publisher} · `,
				s.as_of ? `as of ${s.as_of}` : s.checked ? `read on ${s.checked}` : ['date ', unknown()],
				s.licence ? ` · ${s.licence}` : null),
			h('span', { class: 'source-url' }, s.url),
		];
	}

	/*
	 * A "Clear all" button for a search form: empties every field (or sets it to defaults[name])
	 * and submits the form again. form() returns the form, which does not exist yet when the
	 * button is made.
	 */
	function clearAllButton(form, defaults) {
		return h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => {
			const f = form();
			for (const el of f.elements) {
				if (el.type === 'checkbox')
					el.checked = false;
				else if (el.tagName === 'SELECT')
					el.selectedIndex = 0;
				else if (el.name)
					el.value = el.name in defaults ? defaults[el.name] : '';
			}
			f.dispatchEvent(new Event('submit', { cancelable: true }));
		} }, 'Clear all');
	}

	/* <section> with an <h2>, labelled by it. */
	function section(title, id, ...content) {
		const headingId = `s-${id}`;
		return h('section', { class: 'block', 'aria-labelledby': headingId, 'data-block': id }, h('h2', { id: headingId }, title), content);
	}

	function careerPay(c) {
		const pay = c.pay;
		const bar = payRangeBar(pay, payScaleMax([pay]));
		return [
			payWords(pay),
			bar ? h('div', { class: 'pay-bar-wrap' }, bar, h('p', { class: 'hint' },
				'The band runs from the 10th to the 90th percentile of yearly pay; the dark mark is the median.')) : null,
			h('p', { class: 'hint' }, 'National figures for the whole U.S.; pay differs a lot between states and cities.',
				pay.soc && c.soc && pay.soc !== c.soc ? ` They are for the broader BLS occupation ${pay.soc}.` : ''),
		];
	}

	function interestProfile(c, sources) {
		const p = c.interest_profile;
		if (!p)
			return h('p', null, 'O*NET interest profile: ', unknown());
		return h('div', { class: 'interest-profile' },
			h('h3', { class: 'h4' }, 'O*NET interest profile', p.code ? ` (${p.code})` : ''),
			h('p', { class: 'hint' }, 'How strongly the work calls on each of six kinds of interest, from 1 (not at all) to 7 (very strongly).'),
			h('ul', { class: 'bars' }, AREAS.map(([id, name, words]) => {
				const level = p.levels[id];
				return h('li', null,
					h('span', { class: 'bar-label' }, h('strong', null, name), h('span', { class: 'hint' }, ` ${words}`)),
					level === null || level === undefined ? unknown() : meter((level - 1) / 6, `${level.toFixed(1)} of 7`));
			})),
			citeSources(p.sources, sources));
	}

	/* The ladder document: steps out of this career and steps into it, each a link to a path plan. */
	function careerLadder(c, ladder) {
		if (ladder.error)
			return h('p', null, 'The career ladder could not be loaded: ', ladder.error.message || 'unknown error');
		const node = (n) => (n.based_on ? [n.title, h('span', { class: 'hint' }, ' (a specialty)')] : h('a', { href: careerHref(n.id) }, n.title));
		const step = (s, other) => h('li', { class: 'ladder-step' },
			h('h4', null, node(other)),
			h('dl', { class: 'facts facts-inline' },
				fact('How', known(s.bridge)),
				fact('Length', monthsText(s.months) ?? unknown()),
				s.experience_months ? fact('Work experience first', plural(s.experience_months, 'month', 'months')) : null,
				fact('Exam', known(s.exam))),
			h('a', { class: 'plan-link', href: pathHref(s.to.id, s.from.id) }, `Plan the path from ${s.from.title} to ${s.to.title}`));
		return [
			h('h3', { class: 'h4' }, 'Next steps from here'),
			ladder.next.length ? h('ul', { class: 'ladder' }, ladder.next.map((s) => step(s, s.to)))
				: h('p', null, 'allied knows no ladder steps out of this job yet.'),
			h('h3', { class: 'h4' }, 'Jobs that lead here'),
			ladder.previous.length ? h('ul', { class: 'ladder' }, ladder.previous.map((s) => step(s, s.from)))
				: h('p', null, 'allied knows no ladder steps into this job yet; anyone can start with its own training.'),
		];
	}

	/* Other careers of the same group that share at least one interest area, most shared first. */
	function relatedCareers(c, careers, vocab) {
		const group = c.group ? c.group.id : null;
		if (!group)
			return h('p', null, 'This occupation has no allied-health group, and allied knows no careers related to it.');
		const mine = new Set(c.interests.map((i) => i.id));
		const related = careers
			.filter((o) => o.id !== c.id && o.group === group)
			.map((o) => ({ career: o, shared: (o.interests || []).filter((i) => mine.has(i)) }))
			.filter((r) => r.shared.length)
			.sort((a, b) => b.shared.length - a.shared.length || a.career.title.localeCompare(b.career.title));
		if (!related.length)
			return h('p', null, 'No other career in this group shares an interest area with this one.');
		return h('ul', { class: 'related' }, related.map((r) => h('li', null,
			h('a', { href: careerHref(r.career.id) }, r.career.title),
			h('span', { class: 'hint' }, ` · shares ${r.shared.map((i) => vocabularyLabel(vocab.interests, i)).join(', ')}`))));
	}

	/* -- Licence and exams by state (GET /rules) -------------------------------------------- */

	/* A message for an error shown inside a block (an AppError's own text, or a generic one). */
	function errorText(error) {
		if (error instanceof AppError)
			return error.message;
		console.error(error); /* a bug in this file */
		return 'Something went wrong in this page. Please reload it and try again.';
	}

	/*
	 * The section "Licence and exams by state": a state picker (the states allied knows a rule for
	 * first, New Jersey by default) and what GET /rules says for the chosen state: its rule and the
	 * exam routes. Choosing a state records it in the address (#/career/ID?state=NY) without
	 * drawing the page again, so the choice can be shared.
	 */
	function stateRules(c, state, first) {
		const knownStates = first && !first.error ? first.states_known : [];
		/* Nothing known in any state: a picker whose every choice says "unknown" helps no one. */
		if (first && !first.error && !knownStates.length && !first.exam_routes.length)
			return h('p', { class: 'rule-none', id: 'state-rules' }, 'allied knows no state’s licence rule and no exam for this career: ', unknown(),
				'. Ask the licensing board of the state where you would work.');
		const option = (code) => h('option', { value: code, selected: code === state }, `${stateName(code)} (${code})`);
		const select = h('select', { name: 'state', id: 'rules-state' },
			knownStates.length ? h('optgroup', { label: 'States allied knows a rule for' }, knownStates.map(option)) : null,
			h('optgroup', { label: knownStates.length ? 'Other states' : 'States' },
				STATES.filter(([code]) => !knownStates.includes(code)).map(([code]) => option(code))));
		if (!STATES.some(([code]) => code === state) && !knownStates.includes(state))
			select.append(h('option', { value: state, selected: true }, state));
		const box = h('div', { class: 'state-rules', id: 'state-rules' });
		const pick = (code) => {
			select.value = code;
			select.dispatchEvent(new Event('change'));
			select.focus();
		};
		let seq = 0;
		select.addEventListener('change', async () => {
			const code = select.value;
			const mine = ++seq;
			setHash(code === DEFAULT_STATE ? careerHref(c.id) : `${careerHref(c.id)}?state=${encodeURIComponent(code)}`, true);
			box.setAttribute('aria-busy', 'true');
			try {
				const doc = await api(`rules?${queryString([['career', c.id], ['state', code]])}`);
				if (mine !== seq)
					return;
				renderRules(doc, box, code, pick);
				announce(doc.rules.length
					? `${doc.rules[0].state_name}: ${doc.rules[0].requirement_label}.`
					: `allied does not know ${stateName(code)}’s rule.`);
			} catch (error) {
				if (mine !== seq)
					return;
				box.replaceChildren(h('p', { class: 'alert' }, errorText(error)));
			} finally {
				if (mine === seq)
					box.removeAttribute('aria-busy');
			}
		});
		if (first && first.error)
			box.append(h('p', { class: 'alert' }, errorText(first.error)));
		else if (first)
			renderRules(first, box, state, pick);
		return [
			h('p', null, 'What a state asks of people in this job, and whether the usual exam asks for a particular kind of program. ',
				'Rules change: each one says when allied’s source is from.'),
			field('State', select, knownStates.length
				? `allied knows the rule in ${knownStates.length === 1 ? 'one state; it is' : `${knownStates.length} states; they are`} listed first.`
				: first && !first.error ? 'allied knows no state’s rule for this career yet.' : null),
			box,
		];
	}

	function renderRules(doc, box, code, pick) {
		const parts = [];
		if (doc.rules.length) {
			parts.push(...doc.rules.map(ruleBlock));
		} else {
			const name = stateName(doc.state || code);
			const others = doc.states_known.filter((s) => s !== (doc.state || code));
			parts.push(h('p', { class: 'notice rule-unknown' }, `allied does not know ${name}’s rule: `, unknown(), ' — check with the state board.'),
				others.length
					? h('p', { class: 'states-known' }, 'allied knows the rule for this career in ',
						others.map((s, i) => [i ? (i === others.length - 1 ? ' and ' : ', ') : '',
							h('button', { type: 'button', class: 'link-button', onclick: () => pick(s) }, stateName(s))]), '.')
					: h('p', { class: 'states-known' }, 'allied knows no state’s rule for this career yet.'));
		}
		parts.push(h('h3', { class: 'h4' }, 'Exams and the programs they accept'),
			doc.exam_routes.length
				? h('ul', { class: 'exam-routes' }, doc.exam_routes.map(examRoute))
				: h('p', { class: 'no-routes' }, 'Whether this career’s exam or licence asks for a particular program: ', unknown(), '.'));
		box.replaceChildren(...parts);
	}

	function ruleBlock(r) {
		return h('div', { class: 'rule', 'data-state': r.state },
			h('h3', { class: 'h4 rule-title' }, `${r.state_name}: `,
				h('span', { class: 'rule-requirement' }, r.requirement === 'unknown' || !r.requirement_label ? unknown() : r.requirement_label)),
			h('dl', { class: 'facts' },
				fact('Authority', h('span', { class: 'rule-authority' }, known(r.authority))),
				fact('Credential or exam', known(r.credential)),
				fact('Legal basis', known(r.legal_basis)),
				fact('Note', known(r.note)),
				fact('As of', known(r.as_of))),
			sourceBlock(r.sources));
	}

	function examRoute(r) {
		return h('li', { class: 'exam-route' },
			h('h4', null, known(r.exam)),
			h('dl', { class: 'facts facts-inline' },
				fact('Where it counts', r.state ? stateName(r.state) : 'Every state (a national exam)'),
				fact('Program it needs', h('span', { class: 'route-requires' }, requiresText(r))),
				r.effective ? fact('Applies from', r.effective) : null,
				fact('Note', known(r.note))),
			sourceBlock(r.sources));
	}

	/* What an exam route asks of the program, in words, naming accreditors by acronym. */
	function requiresText(r) {
		const list = r.accreditors || [];
		const names = list.map((a, i) => [i ? (i === list.length - 1 ? ' or ' : ', ') : '', h('abbr', { title: a.name }, a.acronym)]);
		switch (r.requires) {
		case 'programmatic':
			return names.length ? ['A program accredited by ', names] : 'A programmatically accredited program (the sources name no accreditor)';
		case 'one-of-routes':
			return names.length ? ['A program accredited by ', names, ' is one route; there are others'] : 'An accredited program is one route among others';
		case 'approved-program':
			return ['A program the exam body or the state approves', names.length ? [' (', names, ')'] : ' (no accreditor named)'];
		case 'none':
			return 'No particular program';
		default:
			return unknown();
		}
	}

	/* Full source objects as a small list of links. */
	function sourceBlock(sources) {
		if (!sources || !sources.length)
			return h('p', { class: 'cite' }, 'Sources: ', unknown());
		return h('div', { class: 'cite source-block' }, sources.length === 1 ? 'Source:' : 'Sources:',
			h('ul', { class: 'source-list' }, sources.map((s) => h('li', null, sourceEntry(s)))));
	}

	/* "Where to train" on a career page: how many programs allied knows, and the way to them. */
	function whereToTrain(c, doc) {
		const count = doc && !doc.error ? doc.count : null;
		return [
			h('p', null, count === null ? ['Programs: ', unknown(), '.']
				: count === 0 ? 'allied knows no school program for this career yet.'
					: `allied knows ${count === 1 ? 'one program that prepares' : `${num(count)} programs that prepare`} for this career. ` +
						'Its own list of schools covers New Jersey for now, plus the school program files imported into this copy of allied.'),
			h('p', null, h('a', { class: 'btn btn-small', href: trainingHref(c.id), id: 'where-to-train' },
				count ? 'Find training near a ZIP code' : 'Search for training')),
		];
	}

	/* -- The quiz --------------------------------------------------------------------------- */

	/*
	 * The quiz page is built once and kept in memory (never in storage or the address), so a
	 * person who opens a result and comes back finds their answers as they left them. Reloading
	 * or closing the tab forgets them.
	 */
	let quizPage = null;

	async function viewQuiz(route, page) {
		setTitle('Career quiz');
		if (quizPage) {
			viewEl.append(quizPage);
			for (const button of quizPage.querySelectorAll('.compare-toggle'))
				compareButtons.add(button);
			refreshCompare();
			return;
		}
		const heading = h('h1', null, 'Career quiz');
		viewEl.append(heading, h('p', { class: 'loading' }, 'Loading the questions…'));
		const [quiz, vocab] = await Promise.all([api('quiz'), vocabulary()]);
		if (!page.live())
			return;
		quizPage = buildQuiz(heading, quiz, vocab);
		viewEl.replaceChildren(quizPage);
	}

	/*
	 * The practical questions, as the command line asks them (src/cmd-quiz.c). A choice picks an
	 * option and value (null: no preference); 'multi' questions take a list; 'number' a number.
	 */
	function practicalQuestions(vocab) {
		return [
			{ key: 'contact', text: 'How much do you want to work with patients?', choices: [
				['Little or none: behind the scenes', 'patient-contact', 'low'],
				['Some, but not all day', 'patient-contact', 'some'],
				['Most of the day: I am a people person', 'min-patient-contact', 'high']] },
			{ key: 'blood', text: 'How do you feel about blood and needles?', choices: [
				['I would rather not see them', 'no-blood', true],
				['Now and then is fine', 'max-blood', 'occasional'],
				['They do not bother me', null, null]] },
			{ key: 'physical', text: 'How physical may the work be?', choices: [
				['Mostly sitting', 'physical', 'sedentary'],
				['Light: on my feet, little lifting', 'physical', 'light'],
				['Moderate: lifting and moving patients at times', 'physical', 'moderate'],
				['Heavy work is fine', null, null]] },
			{ key: 'shifts', text: 'Which shifts would you rather avoid?', option: 'avoid-shifts', multi: ['evenings', 'nights', 'weekends', 'on-call'].map((id) => ({ id, label: LABELS.shift[id] })) },
			{ key: 'settings', text: 'Where would you like to work?', option: 'settings', multi: vocab.settings, hint: 'Any of the places you tick counts.' },
			{ key: 'remote', text: 'Do you want to be able to work from home?', choices: [
				['Yes', 'remote', true],
				['It does not matter', null, null]] },
			{ key: 'months', text: 'What is the longest training you would accept?', option: 'max-months', number: { min: 0, max: 240, step: 1, unit: 'months', hint: 'In months: 12 is one year, 24 two years.' } },
			{ key: 'education', text: 'What is the most education you are willing to complete?', choices:
				Object.entries(LABELS.credential).filter(([id]) => id !== 'diploma').map(([id, text]) => [text, 'education', id]) },
			{ key: 'pay', text: 'What is the lowest yearly pay you would accept?', option: 'min-pay', number: { min: 0, step: 1000, unit: 'US dollars', hint: 'As a national median, for example 40000.' } },
			{ key: 'interests', text: 'Which areas fascinate you?', option: 'interests', multi: vocab.interests },
		];
	}

	function buildQuiz(heading, quiz, vocab) {
		const items = quiz.items;
		const scale = quiz.scale && quiz.scale.length ? quiz.scale : [1, 2, 3, 4, 5].map((value) => ({ value, label: String(value) }));
		const progress = h('p', { class: 'quiz-progress' });
		const results = h('section', { class: 'quiz-results', 'aria-labelledby': 'quiz-results-title', hidden: true });
		const practical = practicalQuestions(vocab);
		let limit = 10;

		const itemFields = items.map((item, i) => {
			const name = `item-${i + 1}`;
			return h('fieldset', { class: 'quiz-item', 'data-item': i + 1 },
				h('legend', null, h('span', { class: 'item-number' }, `${item.number || i + 1}.`), ' ', item.text),
				h('div', { class: 'likert' }, scale.map((s) => {
					const id = `${name}-${s.value}`;
					return h('label', { class: 'likert-option', for: id },
						h('input', { type: 'radio', id, name, value: s.value }),
						h('span', null, s.label));
				})),
				h('p', { class: 'field-error', hidden: true }, 'Please choose one.'));
		});

		const practicalFields = practical.map((q) => practicalField(q));
		const partTime = checkField('I will study part time (evenings or weekends), so school takes about 1.5 times as long', 'part-time', false);

		const form = h('form', { class: 'quiz', method: 'post', action: '#/quiz', novalidate: true },
			h('section', { 'aria-labelledby': 'quiz-part1' },
				h('h2', { id: 'quiz-part1' }, 'Part 1 of 2: what you enjoy'),
				h('p', null, `${items.length} short activities. How much would you like doing each one? ` +
					'Do not worry about training or pay here: only whether the activity appeals to you.'),
				itemFields),
			h('section', { 'aria-labelledby': 'quiz-part2' },
				h('h2', { id: 'quiz-part2' }, 'Part 2 of 2: practical questions'),
				h('p', null, 'Answer only what matters to you. For each answer, say whether it is a must (careers that miss it are ' +
					'left out) or a wish, which counts for more the more it matters.'),
				practicalFields, partTime),
			h('div', { class: 'quiz-submit' }, progress,
				h('button', { type: 'submit', class: 'btn btn-large' }, 'See my matches')));

		const updateProgress = () => {
			const answered = items.filter((_, i) => form.querySelector(`input[name="item-${i + 1}"]:checked`)).length;
			progress.textContent = `${answered} of ${items.length} activities answered.`;
		};
		form.addEventListener('change', (e) => {
			const item = e.target.closest('.quiz-item');
			if (item) {
				item.classList.remove('missing');
				item.querySelector('.field-error').hidden = true;
				updateProgress();
			}
		});
		updateProgress();

		/* focusFrom: after "Show 10 more", the index of the first new result, which gets focus. */
		const submit = async (focusFrom = null) => {
			hideError();
			const digits = items.map((_, i) => {
				const checked = form.querySelector(`input[name="item-${i + 1}"]:checked`);
				return checked ? checked.value : null;
			});
			const missing = digits.map((d, i) => (d === null ? i : -1)).filter((i) => i >= 0);
			for (const [i, fieldset] of itemFields.entries()) {
				fieldset.classList.toggle('missing', missing.includes(i));
				fieldset.querySelector('.field-error').hidden = !missing.includes(i);
			}
			if (missing.length) {
				showError(new AppError(`Please answer every activity in part 1: ${plural(missing.length, 'is', 'are')} still open ` +
					`(number${missing.length === 1 ? '' : 's'} ${missing.slice(0, 8).map((i) => i + 1).join(', ')}${missing.length > 8 ? ' …' : ''}).`));
				itemFields[missing[0]].querySelector('input').focus();
				return;
			}
			const body = { answers: digits.join(''), limit };
			const prefer = [];
			const require = [];
			for (const q of practical) {
				const answer = practicalAnswer(q, form);
				if (!answer)
					continue;
				const { option, value, importance } = answer;
				if (importance === 'must') {
					/* interests are a preference by default; as a must they are a requirement */
					if (option === 'interests')
						require.push(`interests=${value}`);
					else
						body[option] = value === true ? true : value;
				} else {
					prefer.push(`${option}${value === true ? '' : `=${value}`}:${importance}`);
				}
			}
			if (prefer.length)
				body.prefer = prefer;
			if (require.length)
				body.require = require;
			if (form.elements['part-time'].checked)
				body['part-time'] = true;

			results.hidden = false;
			results.setAttribute('aria-busy', 'true');
			try {
				const doc = await apiPost('match', body);
				renderMatches(doc, results, () => {
					limit += 10;
					submit(limit - 10);
				}, focusFrom);
			} catch (error) {
				results.replaceChildren(h('h2', { id: 'quiz-results-title', tabindex: '-1' }, 'Your matches'),
					h('p', null, 'No matches could be shown: see the message at the top of the page.'));
				showError(error);
				window.scrollTo(0, 0);
				return;
			} finally {
				results.removeAttribute('aria-busy');
			}
		};
		form.addEventListener('submit', (e) => {
			e.preventDefault();
			limit = 10;
			submit();
		});

		return h('div', { class: 'quiz-page' }, heading,
			h('p', { class: 'lead' }, 'Find careers that suit what you enjoy and what you need: 30 quick questions, then a few practical ones.'),
			h('p', { class: 'privacy' }, 'Your answers are sent to this allied server only to work out your matches. They are not ' +
				'stored, not put in the page address, and forgotten when you close this tab.'),
			h('p', { class: 'hint' }, quiz.attribution_note || 'This is allied’s own short interest inventory, not the O*NET Interest Profiler.'),
			form, results);
	}

	/* One practical question: the answer control(s), then how much the answer matters. */
	function practicalField(q) {
		const importanceId = uid('imp');
		const importance = h('select', { id: importanceId, name: `${q.key}-importance`, 'data-importance': q.key, disabled: true },
			h('option', { value: 'must' }, 'A must: leave out careers that miss it'),
			h('option', { value: '5' }, 'A wish that matters a lot (5 of 5)'),
			h('option', { value: '4' }, 'A wish (4 of 5)'),
			h('option', { value: '3', selected: true }, 'A wish (3 of 5)'),
			h('option', { value: '2' }, 'A wish (2 of 5)'),
			h('option', { value: '1' }, 'A wish that matters a little (1 of 5)'));
		let answer;
		if (q.choices) {
			answer = h('div', { class: 'choices' }, [['No preference', '', '']].concat(q.choices.map(([text], i) => [text, String(i), ''])).map(([text, value]) => {
				const id = uid('r');
				return h('div', { class: 'check' },
					h('input', { type: 'radio', id, name: q.key, value, checked: value === '' }),
					h('label', { for: id }, text));
			}));
		} else if (q.multi) {
			answer = h('div', { class: 'check-grid' }, q.multi.map((item) => {
				const id = uid('c');
				return h('div', { class: 'check' },
					h('input', { type: 'checkbox', id, name: q.key, value: item.id }),
					h('label', { for: id }, item.label));
			}));
		} else {
			const id = uid('n');
			answer = h('div', { class: 'field field-number' },
				h('label', { for: id }, `Your answer, in ${q.number.unit} (leave empty for no preference)`),
				h('span', { class: 'hint', id: `${id}-hint` }, q.number.hint),
				h('input', { type: 'number', id, name: q.key, min: q.number.min, max: q.number.max, step: q.number.step, inputmode: 'numeric', 'aria-describedby': `${id}-hint` }));
		}
		const box = h('fieldset', { class: 'practical', 'data-question': q.key },
			h('legend', null, q.text),
			q.hint ? h('p', { class: 'hint' }, q.hint) : null,
			answer,
			h('div', { class: 'field importance' }, h('label', { for: importanceId }, 'How much does this matter?'), importance));
		const sync = () => {
			importance.disabled = !practicalAnswerValue(q, box);
		};
		box.addEventListener('change', sync);
		box.addEventListener('input', sync);
		return box;
	}

	/* The option and value a practical question's answer stands for, or null for no preference. */
	function practicalAnswerValue(q, scope) {
		if (q.choices) {
			const checked = scope.querySelector(`input[name="${q.key}"]:checked`);
			if (!checked || checked.value === '')
				return null;
			const [, option, value] = q.choices[Number(checked.value)];
			return option ? { option, value } : null;
		}
		if (q.multi) {
			const values = [...scope.querySelectorAll(`input[name="${q.key}"]:checked`)].map((el) => el.value);
			return values.length ? { option: q.option, value: values.join(',') } : null;
		}
		const value = scope.querySelector(`input[name="${q.key}"]`).value.trim();
		return value ? { option: q.option, value } : null;
	}

	function practicalAnswer(q, form) {
		const scope = form.querySelector(`[data-question="${q.key}"]`);
		const answer = practicalAnswerValue(q, scope);
		if (!answer)
			return null;
		return { ...answer, importance: scope.querySelector(`[data-importance="${q.key}"]`).value };
	}

	const MARKS = {
		met: ['✓', 'Met'],
		partly: ['◐', 'Partly met'],
		unmet: ['✗', 'Not met'],
		unknown: ['?', 'Unknown'],
	};

	/* The match document: profile, what was asked, ranked results with every reason. */
	function renderMatches(doc, results, showMore, focusFrom) {
		const title = h('h2', { id: 'quiz-results-title', tabindex: '-1' }, 'Your matches');
		const parts = [title];
		if (doc.profile)
			parts.push(profileBlock(doc.profile));
		if (doc.explanation)
			parts.push(h('div', { class: 'notice', id: 'match-explanation' }, h('p', null, doc.explanation)));

		const asked = [
			...doc.limits.map((l) => h('li', null, h('span', { class: 'tag tag-must' }, 'must'), ' ', l.text)),
			...doc.preferences.map((p) => h('li', null, h('span', { class: 'tag' }, `wish, weight ${p.weight}`), ' ', p.text)),
			doc.part_time ? h('li', null, h('span', { class: 'tag' }, 'part time'), ` study takes ${doc.part_time_factor} times as long`) : null,
		].filter(Boolean);
		if (asked.length)
			parts.push(h('details', { class: 'asked' }, h('summary', null, 'What you asked for'), h('ul', null, asked)));

		parts.push(h('p', { class: 'status' },
			doc.count === 0
				? 'No career meets all of your musts. Try turning a must into a wish.'
				: `${plural(doc.count, 'career meets', 'careers meet')} all of your musts.` +
					(doc.ranked ? ` Here ${doc.results.length === 1 ? 'is the best one' : `are the best ${doc.results.length}`}, highest score first.` : '')));

		if (doc.results.length) {
			parts.push(h('ol', { class: 'matches', id: 'match-list' }, doc.results.map((r) => matchCard(r))));
			if (doc.results.length < doc.count)
				parts.push(h('p', null, h('button', { type: 'button', class: 'btn btn-quiet', onclick: showMore }, 'Show 10 more')));
		}
		if (doc.attribution)
			parts.push(h('p', { class: 'attribution' }, doc.attribution));
		parts.push(compareTray());
		results.replaceChildren(...parts);
		const firstNew = focusFrom !== null && results.querySelectorAll('#match-list > li .card-title a')[focusFrom];
		(firstNew || title).focus();
		announce(doc.results.length ? `Your matches are ready: ${doc.results.length} shown.` : 'Your results are ready.');
	}

	function matchCard(r) {
		return h('li', { class: 'card match', 'data-id': r.id },
			h('div', { class: 'match-head' },
				h('h3', { class: 'card-title' },
					r.rank ? h('span', { class: 'rank' }, `${r.rank}.`) : null, ' ',
					h('a', { href: careerHref(r.id) }, r.title)),
				h('p', { class: 'score' },
					r.score === null ? 'Not scored' : [h('strong', null, r.score.toFixed(1)), ' of 100'],
					' ', h('span', { class: `fit fit-${r.fit}` }, r.fit_label))),
			h('ul', { class: 'reasons' }, r.reasons.map((reason) => {
				const [symbol, words] = MARKS[reason.status] || ['•', reason.status];
				return h('li', { class: `reason reason-${reason.status}` },
					h('span', { class: 'mark', 'aria-hidden': 'true' }, symbol),
					h('span', { class: 'reason-status' }, words),
					h('span', { class: 'points' }, reason.kind === 'limit' ? 'must' : `+${reason.points.toFixed(1)} points`),
					h('span', { class: 'reason-text' }, reason.text));
			})),
			h('div', { class: 'card-actions' }, compareButton({ id: r.id, title: r.title })));
	}

	function profileBlock(profile) {
		const areas = new Map(profile.areas.map((a) => [a.area, a]));
		const top = (profile.code || '').split('').map((letter) => AREAS.find(([id]) => id[0].toUpperCase() === letter)).filter(Boolean);
		return h('section', { class: 'profile', 'aria-labelledby': 'profile-title' },
			h('h3', { id: 'profile-title' }, 'Your interest profile'),
			top.length && !profile.flat
				? h('p', null, 'What you enjoy most: ', h('strong', null, top.map(([, name]) => name).join(', ')), ` (code ${profile.code}).`,
					profile.tied ? ' Some areas are tied, so their order is a close call.' : '')
				: null,
			h('ul', { class: 'bars' }, AREAS.map(([id, name, words]) => {
				const a = areas.get(id);
				if (!a)
					return h('li', null, h('span', { class: 'bar-label' }, h('strong', null, name)), unknown());
				return h('li', null,
					h('span', { class: 'bar-label' }, h('strong', null, name), h('span', { class: 'hint' }, ` ${words}`)),
					meter((a.score - a.min) / (a.max - a.min || 1), `${a.score} of ${a.max}`));
			})));
	}

	/* -- Compare ---------------------------------------------------------------------------- */

	async function viewCompare(route, page) {
		setTitle('Compare careers');
		viewEl.append(h('h1', null, 'Compare careers'),
			h('p', { class: 'lead' }, 'Choose two or three careers to see them side by side.'));
		const careers = await allCareers();
		if (!page.live())
			return;
		const fromUrl = (route.params.get('ids') || '').split(',').map((s) => s.trim()).filter(Boolean);
		const chosen = fromUrl.length ? fromUrl : compareChoice.map((c) => c.id);
		const selects = [0, 1, 2].map((i) => h('select', { name: `career-${i + 1}` },
			h('option', { value: '' }, i === 2 ? '(none: compare two)' : 'Choose a career'),
			careerOptionGroups(careers, chosen[i])));
		for (const [i, id] of chosen.entries()) {
			if (i < 3 && id && !careers.some((c) => c.id === id))
				selects[i].append(h('option', { value: id, selected: true }, id));
		}
		const results = h('div', { class: 'compare-results', 'aria-live': 'polite' });
		const form = h('form', { class: 'compare-form', method: 'get', action: '#/compare' },
			h('div', { class: 'compare-pickers' }, selects.map((s, i) => field(i === 2 ? 'Third career (optional)' : `${i === 0 ? 'First' : 'Second'} career`, s))),
			h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn' }, 'Compare')));
		viewEl.append(form, results);

		const load = async (ids, focusResults) => {
			hideError();
			if (ids.length < 2) {
				results.replaceChildren(h('p', null, 'Choose at least two careers.'));
				return;
			}
			results.setAttribute('aria-busy', 'true');
			try {
				const doc = await api(`compare?ids=${ids.map(encodeURIComponent).join(',')}`);
				if (!page.live())
					return;
				renderComparison(doc, results);
				if (focusResults)
					results.querySelector('h2').focus();
			} catch (error) {
				if (!page.live())
					return;
				results.replaceChildren();
				showError(error);
			} finally {
				results.removeAttribute('aria-busy');
			}
		};
		form.addEventListener('submit', (e) => {
			e.preventDefault();
			const ids = selects.map((s) => s.value).filter(Boolean);
			setHash(compareHref(ids));
			load(ids, true);
		});
		if (chosen.length >= 2)
			await load(chosen.slice(0, 3), false);
	}

	function renderComparison(doc, results) {
		const cs = doc.careers;
		const scaleMax = payScaleMax(cs.map((c) => c.pay));
		const row = (title, cell) => h('tr', null, h('th', { scope: 'row' }, title), cs.map((c) => h('td', null, cell(c))));
		const table = h('table', { class: `compare-table cols-${cs.length}`, id: 'compare-table' },
			h('caption', { class: 'visually-hidden' }, `${cs.map((c) => c.title).join(', ')}, side by side`),
			h('thead', null, h('tr', null, h('td', null), cs.map((c) => h('th', { scope: 'col' }, h('a', { href: careerHref(c.id) }, c.title))))),
			h('tbody', null,
				row('Group', (c) => (c.group ? c.group.label : unknown())),
				row('Usual training', (c) => monthsText(c.training_months) ?? unknown()),
				row('Most people start with', (c) => (c.education.entry ? c.education.entry.label : unknown())),
				row('Median pay', (c) => h('strong', null, known(c.pay.median_usd, usd))),
				row('Pay range (10th to 90th percentile)', (c) => [
					h('span', { class: 'range-words' }, known(c.pay.p10_usd, usd), ' – ',
						c.pay.p90_usd !== null ? usd(c.pay.p90_usd) : c.pay.p90_capped ? '$239,200 or more' : unknown()),
					payRangeBar(c.pay, scaleMax)]),
				row('Jobs growth 2024–34', (c) => known(c.outlook.change_pct, pct)),
				row('Openings a year', (c) => known(c.outlook.openings_per_year, num)),
				row('Time with patients', (c) => label('contact', c.work.patient_contact)),
				row('Blood and needles', (c) => label('blood', c.work.blood)),
				row('Physical demands', (c) => label('physical', c.work.physical)),
				row('Usual shifts', (c) => labelList('shift', c.work.shifts)),
				row('Working from home', (c) => label('remote', c.work.remote)),
				row('Where people work', (c) => (c.work.settings.length ? c.work.settings.map((s) => s.label || s.id).join(', ') : unknown())),
				row('State rules', (c) => label('regulated', c.regulation.state_regulated)),
				row('Certifications', (c) => (c.certifications.list.length
					? h('ul', { class: 'plain' }, c.certifications.list.map((x) => h('li', null, x.name)))
					: unknown())),
				row('Interest areas', (c) => (c.interests.length ? c.interests.map((i) => i.label || i.id).join(', ') : unknown()))));
		results.replaceChildren(
			h('h2', { tabindex: '-1' }, 'Side by side'),
			h('p', { class: 'hint' }, 'Pay bars share one scale, from $0 to ', usd(scaleMax), '. Every fact has its source on the career’s own page.'),
			h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Comparison table (scrolls sideways)', tabindex: '0' }, table));
	}

	/* -- Path planner ----------------------------------------------------------------------- */

	async function viewPath(route, page) {
		setTitle('Plan a path');
		viewEl.append(h('h1', null, 'Plan a path'),
			h('p', { class: 'lead' }, 'See the steps from where you are now to the job you want: how long each takes, ' +
				'the credential, the exam and the licence, and the running total.'));
		const careers = await allCareers();
		if (!page.live())
			return;
		const p = route.params;
		const listId = uid('careers');
		const datalist = h('datalist', { id: listId },
			[...careers].sort((a, b) => a.title.localeCompare(b.title)).map((c) => h('option', { value: c.title })));
		const titleOf = (id) => {
			const c = careers.find((x) => x.id === id);
			return c ? c.title : id;
		};
		const to = h('input', { type: 'text', name: 'to', list: listId, required: true, autocomplete: 'off', value: p.get('to') ? titleOf(p.get('to')) : '' });
		const from = h('input', { type: 'text', name: 'from', list: listId, autocomplete: 'off', placeholder: 'No healthcare job yet',
			value: p.get('from') && p.get('from') !== 'none' ? titleOf(p.get('from')) : '' });
		const experience = h('input', { type: 'number', name: 'experience', min: 0, step: 1, inputmode: 'numeric', value: p.get('experience') || '' });
		const fastestId = uid('r');
		const cheapestId = uid('r');
		const cheapest = p.has('cheapest') && p.get('cheapest') !== '0' && p.get('cheapest') !== 'false';
		const partTime = p.has('part-time') && p.get('part-time') !== '0' && p.get('part-time') !== 'false';
		const form = h('form', { class: 'path-form', method: 'get', action: '#/path', novalidate: true },
			datalist,
			field('The job you want', to, 'Pick from the list or type a name. Specialties can be typed by id, such as ct-technologist or mammographer.'),
			field('Your job now (optional)', from, 'Leave empty if you have no healthcare job yet.'),
			field('Months you have already worked in that job', experience, 'Some steps ask for work experience first.'),
			h('fieldset', { class: 'check-group' }, h('legend', null, 'What matters most?'),
				h('div', { class: 'check' }, h('input', { type: 'radio', id: fastestId, name: 'goal', value: 'fastest', checked: !cheapest }),
					h('label', { for: fastestId }, 'The fastest route overall')),
				h('div', { class: 'check' }, h('input', { type: 'radio', id: cheapestId, name: 'goal', value: 'cheapest', checked: cheapest }),
					h('label', { for: cheapestId }, 'The least time in school (on-the-job steps count as free)'))),
			checkField('I will study part time, so school takes about 1.5 times as long', 'part-time', partTime),
			h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn' }, 'Plan my path')));
		const results = h('div', { class: 'path-results' });
		viewEl.append(form, results);

		/* A title typed or picked from the list is sent as its id, so addresses stay short. */
		const idOf = (text) => {
			const t = text.trim();
			const c = careers.find((x) => x.title.toLowerCase() === t.toLowerCase());
			return c ? c.id : t;
		};
		const load = async (pairs, focusResults) => {
			hideError();
			results.setAttribute('aria-busy', 'true');
			try {
				const doc = await api(`path?${queryString(pairs)}`);
				if (!page.live())
					return;
				renderPath(doc, results, careers);
				if (focusResults)
					results.querySelector('h2').focus();
			} catch (error) {
				if (!page.live())
					return;
				results.replaceChildren(h('h2', { tabindex: '-1' }, error.status === 404 ? 'No route found' : 'No plan could be made'),
					h('p', null, error.message));
				showError(error);
				if (focusResults)
					results.querySelector('h2').focus();
			} finally {
				results.removeAttribute('aria-busy');
			}
		};
		form.addEventListener('submit', (e) => {
			e.preventDefault();
			if (!to.value.trim()) {
				showError(new AppError('Please say which job you want to get to.'));
				to.focus();
				return;
			}
			const pairs = [['to', idOf(to.value)], ['from', from.value.trim() ? idOf(from.value) : null],
				['experience', experience.value.trim() || null],
				['cheapest', form.elements.goal.value === 'cheapest'], ['part-time', form.elements['part-time'].checked]];
			setHash(`#/path?${queryString(pairs)}`);
			load(pairs, true);
		});
		if (p.get('to')) {
			await load([['to', p.get('to')], ['from', p.get('from')], ['experience', p.get('experience')],
				['cheapest', cheapest], ['part-time', partTime]], false);
		}
	}

	/* The steps of known length added up ("36 months"), or null when none is known. */
	function knownLength(steps) {
		const known = steps.filter((s) => s.months);
		if (!known.length)
			return null;
		const min = known.reduce((sum, s) => sum + s.months.min, 0);
		const max = known.some((s) => s.months.max === null) ? null : known.reduce((sum, s) => sum + (s.months.max ?? s.months.min), 0);
		return monthsText({ min, max });
	}

	function renderPath(doc, results, careers) {
		const steps = doc.steps;
		const isCareer = (n) => n && !n.based_on && careers.some((c) => c.id === n.id);
		const node = (n) => (isCareer(n) ? h('a', { href: careerHref(n.id) }, n.title) : [n.title, n.based_on ? h('span', { class: 'hint' }, ' (a specialty)') : null]);
		/*
		 * The timeline: each step's bar starts where the steps before it end at the earliest
		 * (the sum of their shorter lengths), solid for its shorter length and light for the rest
		 * of its range. Known lengths share the width in proportion to the longest case; a step of
		 * unknown length gets a striped slice of its own, so it is never drawn as nothing.
		 */
		const unknownSlice = 0.15;
		const nUnknown = steps.filter((s) => !s.months).length;
		const knownShare = 1 - Math.min(0.45, unknownSlice * nUnknown);
		const knownSum = Math.max(1, steps.reduce((sum, s) => sum + (s.months ? s.months.max ?? s.months.min : 0), 0));
		const share = (months) => (months / knownSum) * knownShare * 100;
		let offset = 0; /* percent of the width */
		const total = monthsText(doc.total_months);
		const parts = [
			h('h2', { tabindex: '-1' }, 'Your path to ', doc.to.title),
			h('div', { class: 'path-summary' },
				h('p', { class: 'path-total', id: 'path-total' }, 'In all: ', h('strong', null, total ?? unknown())),
				h('p', null, 'From: ', doc.from.id === 'none' ? 'no healthcare job yet' : node(doc.from),
					doc.experience_months ? `, with ${plural(doc.experience_months, 'month', 'months')} worked there` : ''),
				doc.school_months || doc.total_months ? h('p', null, 'Time in school: ', monthsText(doc.school_months) ?? unknown()) : null,
				!doc.lengths_known ? h('p', { class: 'notice' }, 'The length of some step is unknown, so the total is unknown too. The steps below say which.',
					knownLength(steps) ? ` The steps whose length is known take ${knownLength(steps)} together.` : '') : null,
				h('p', { class: 'hint' },
					doc.goal === 'cheapest' ? 'This is the route with the least time in school. ' : 'This is the fastest route. ',
					doc.part_time ? `Study steps take ${doc.part_time_factor} times as long, for part-time study. ` : '',
					'Months are typical lengths; a range’s middle decides which route is fastest.')),
		];
		if (!steps.length)
			parts.push(h('p', null, `You are already there: nothing to do to become one of the ${doc.to.title.toLowerCase()}.`));
		parts.push(h('ol', { class: 'timeline', id: 'path-steps' }, steps.map((s) => {
			const bar = h('div', { class: 'timeline-bar', 'aria-hidden': 'true' });
			const lead = h('span', { class: 'tl-lead' });
			lead.style.width = `${offset}%`;
			bar.append(lead);
			if (s.months) {
				const solid = h('span', { class: `tl-seg tl-${s.kind}` });
				const spread = h('span', { class: `tl-seg tl-${s.kind} tl-spread` });
				const max = s.months.max ?? s.months.min;
				solid.style.width = `${share(s.months.min)}%`;
				spread.style.width = `${share(max - s.months.min)}%`;
				bar.append(solid, spread);
				offset += share(s.months.min);
			} else {
				const slice = h('span', { class: 'tl-seg tl-unknown' }, 'length unknown');
				slice.style.width = `${unknownSlice * 100}%`;
				bar.append(slice);
				offset += unknownSlice * 100;
			}
			return h('li', { class: 'step' },
				h('p', { class: 'step-kicker' }, `Step ${s.step} · ${label('kind', s.kind)}`),
				h('h3', null, s.from.id === 'none' ? 'From the start' : node(s.from), ' → ', node(s.to)),
				bar,
				h('dl', { class: 'facts' },
					fact('Program', known(s.bridge)),
					fact('Credential', label('credential', s.credential)),
					fact('Length', monthsText(s.months) ?? unknown()),
					s.experience_months ? fact('Work experience needed first', plural(s.experience_months, 'month', 'months')) : null,
					fact('Program accreditation', known(s.accreditation)),
					fact('Exam', known(s.exam)),
					fact('Licence', known(s.licence)),
					fact('Running total', h('strong', null, monthsText(s.total_months) ?? unknown()))),
				s.note ? h('p', { class: 'step-note' }, s.note) : null);
		})));
		if (doc.untimed_alternatives && doc.untimed_alternatives.length) {
			parts.push(h('section', { class: 'untimed', 'aria-labelledby': 'untimed-title' },
				h('h3', { id: 'untimed-title' }, 'Other routes whose length is unknown'),
				h('p', { class: 'hint' }, 'These go straight from your job to the one you want, but allied does not know how long they take, so they were not planned.'),
				h('ul', { class: 'ladder' }, doc.untimed_alternatives.map((s) => h('li', { class: 'ladder-step' },
					h('h4', null, known(s.bridge)),
					h('dl', { class: 'facts facts-inline' },
						s.credential !== undefined ? fact('Credential', label('credential', s.credential)) : null,
						fact('Exam', known(s.exam)),
						fact('Licence', known(s.licence))),
					s.note ? h('p', { class: 'step-note' }, s.note) : null)))));
		}
		results.replaceChildren(...parts);
	}

	/* -- Find training (GET /programs) ------------------------------------------------------ */

	const SCHEDULES = Object.keys(LABELS.schedule);
	const DEFAULT_RADIUS = '25';

	/*
	 * The training finder: a form whose names are the API's parameters, and the programs that
	 * pass it. The address keeps the search (#/training?career=x&near=07102&radius=40&evening)
	 * so it can be shared. That includes the ZIP code: a place, but one the person typed into
	 * this search form for this search, like the careers filters; it is never stored, the server
	 * does not log query strings, and the part after # never reaches the server at all.
	 */
	async function viewTraining(route, page) {
		setTitle('Find training');
		viewEl.append(h('h1', null, 'Find training'),
			h('p', { class: 'lead' }, 'Schools and programs that prepare for an allied-health career, nearest first when you give ' +
				'a ZIP code. allied’s own list of schools covers New Jersey for now, plus the school program files imported into this copy of allied.'));
		const careers = await allCareers();
		if (!page.live())
			return;
		const params = route.params;
		const form = trainingForm(params, careers);
		const status = h('p', { class: 'status', id: 'training-status', role: 'status', 'aria-live': 'polite' });
		const notes = h('div', { class: 'training-notes' });
		const results = h('div', { class: 'results', id: 'training-results' });
		viewEl.append(h('div', { class: 'browse' },
			h('div', { class: 'browse-filters' }, form),
			h('div', { class: 'browse-results' },
				h('h2', { class: 'visually-hidden' }, 'Programs'),
				status, results, notes)));

		const limitParam = Number(params.get('limit'));
		let limit = Number.isInteger(limitParam) && limitParam > 0 ? limitParam : null;
		const zipInput = form.elements.near;
		const zipHint = zipInput.getAttribute('aria-describedby');
		const zipError = form.querySelector('#zip-error');

		let seq = 0;
		/* focusAt: after "Show all", move focus to the first newly shown program. */
		const load = async (focusAt = -1) => {
			const mine = ++seq;
			const pairs = trainingPairs(form, limit);
			const query = queryString(pairs);
			setHash(query ? `#/training?${query}` : '#/training', true);
			results.setAttribute('aria-busy', 'true');
			hideError();
			zipInput.removeAttribute('aria-invalid');
			zipInput.setAttribute('aria-describedby', zipHint);
			zipError.hidden = true;
			try {
				const doc = await api(query ? `programs?${query}` : 'programs');
				if (mine !== seq || !page.live())
					return;
				showPrograms(doc, { status, results, notes, careers, more: () => {
					limit = Math.min(doc.count, 1000);
					load(doc.programs.length);
				} });
				const target = focusAt >= 0 && results.querySelectorAll('#program-list > li .program-name')[focusAt];
				if (target) {
					target.setAttribute('tabindex', '-1');
					target.focus();
				}
			} catch (error) {
				if (mine !== seq || !page.live())
					return;
				status.textContent = 'No programs shown: please check the search.';
				results.replaceChildren();
				notes.replaceChildren();
				/* An unknown or malformed ZIP code: say so at the field too, with the API's words. */
				if (error instanceof AppError && /ZIP/.test(error.message) && zipInput.value.trim()) {
					zipInput.setAttribute('aria-invalid', 'true');
					zipInput.setAttribute('aria-describedby', `${zipHint} zip-error`);
					zipError.textContent = error.message;
					zipError.hidden = false;
				}
				showError(error);
			} finally {
				if (mine === seq)
					results.removeAttribute('aria-busy');
			}
		};

		const reload = () => {
			limit = null;
			load();
		};
		form.addEventListener('change', (e) => {
			/* Enter in a text box submits; its change event then has nothing new to load. */
			if (e.target.dataset.loaded !== undefined && e.target.value === e.target.dataset.loaded)
				return;
			reload();
		});
		form.addEventListener('submit', (e) => {
			e.preventDefault();
			reload();
		});
		await load();
	}

	function trainingForm(params, careers) {
		const get = (name) => params.get(name) || '';
		const flag = (name) => params.has(name) && params.get(name) !== '0' && params.get(name) !== 'false';
		const career = get('career');
		const careerSelect = h('select', { name: 'career' },
			h('option', { value: '' }, 'Any career'),
			careerOptionGroups(careers, career));
		if (career && !careers.some((c) => c.id === career))
			careerSelect.append(h('option', { value: career, selected: true }, career));
		const zip = h('input', { type: 'text', name: 'near', inputmode: 'numeric', maxlength: 5, pattern: '[0-9]{5}',
			autocomplete: 'postal-code', spellcheck: 'false', value: get('near'), class: 'zip' });
		const zipField = field('ZIP code', zip, 'Five digits');
		zipField.classList.add('zip-field');
		const schedule = h('fieldset', { class: 'check-group schedule' },
			h('legend', null, 'When or how you would study (any of these)'),
			h('p', { class: 'hint' }, 'Most programs’ schedules are unknown to allied, and a program whose schedule is unknown does not pass this limit.'),
			h('div', { class: 'check-grid' }, SCHEDULES.map((s) => {
				const id = uid('c');
				return h('div', { class: 'check' }, h('input', { type: 'checkbox', id, name: s, checked: flag(s) }), h('label', { for: id }, LABELS.schedule[s]));
			})));
		const accreditedId = uid('c');
		const moreActive = [...SCHEDULES, 'max-months', 'credential'].some((k) => params.has(k));
		const form = h('form', { class: 'filters training-form', role: 'search', 'aria-label': 'Find training programs', method: 'get', action: '#/training', novalidate: true },
			field('Career', careerSelect),
			h('div', { class: 'field-pair' },
				zipField,
				field('Distance', h('input', { type: 'number', name: 'radius', min: 1, max: 500, step: 'any', inputmode: 'decimal', value: get('radius') || DEFAULT_RADIUS }),
					'Miles, 1 to 500'),
				h('p', { class: 'field-error', id: 'zip-error', hidden: true })),
			h('details', { class: 'more-filters', open: moreActive },
				h('summary', null, 'More limits: schedule, length, credential'),
				schedule,
				field('Longest program', h('input', { type: 'number', name: 'max-months', min: 1, max: 120, step: 'any', inputmode: 'decimal', value: get('max-months') }),
					'In months: 12 is one year. A program of unknown length does not pass.'),
				selectField('Ends in', 'credential', get('credential'), [['', 'Any credential'], ...Object.entries(LABELS.programCredential)])),
			h('div', { class: 'field check' },
				h('input', { type: 'checkbox', id: accreditedId, name: 'accredited', checked: flag('accredited'), 'aria-describedby': `${accreditedId}-hint` }),
				h('span', null, h('label', { for: accreditedId }, 'Accredited programs only'),
					h('span', { class: 'hint', id: `${accreditedId}-hint` }, ' Programs a source says are accredited by a programmatic accreditor, such as CAAHEP. ' +
						'Some exams accept only their graduates: see each career’s page.'))),
			h('div', { class: 'form-actions' },
				h('button', { type: 'submit', class: 'btn' }, 'Find programs'),
				clearAllButton(() => form, { radius: DEFAULT_RADIUS })));
		return form;
	}

	/* The form as the API's [name, value] pairs; radius only goes with a ZIP code. */
	function trainingPairs(form, limit) {
		const el = form.elements;
		const value = (name) => {
			el[name].dataset.loaded = el[name].value;
			return el[name].value.trim();
		};
		const near = value('near');
		const radius = value('radius');
		return [
			['career', el.career.value],
			['near', near],
			['radius', near ? radius : ''],
			...SCHEDULES.map((s) => [s, el[s].checked]),
			['max-months', value('max-months')],
			['credential', el.credential.value],
			['accredited', el.accredited.checked],
			['limit', limit],
		];
	}

	function showPrograms(doc, { status, results, notes, careers, more }) {
		const q = doc.query;
		const titles = new Map(careers.map((c) => [c.id, c.title]));
		const shown = doc.programs.length;
		const where = q.near ? ` within ${num(q.radius_miles)} miles of ZIP code ${q.near}` : '';
		const forCareer = q.career ? ` for ${lowerFirst(titles.get(q.career) || q.career)}` : '';
		status.textContent = doc.count
			? `${plural(doc.count, 'program', 'programs')}${forCareer}${where}` +
				`${shown < doc.count ? `; the ${q.near ? 'nearest' : 'first'} ${num(shown)} are shown` : ''}.`
			: `No program${forCareer}${where} passes these limits.${q.near ? ' Try a larger distance, or fewer limits.' : ' Try fewer limits.'}`;

		const parts = [];
		if (q.near && doc.unlocated) {
			parts.push(h('p', { class: 'notice unlocated', id: 'unlocated' },
				`${num(doc.unlocated)} more ${doc.unlocated === 1 ? 'program passes' : 'programs pass'} your other limits but allied does not know where ` +
				`${doc.unlocated === 1 ? 'it is' : 'they are'} taught. `,
				h('a', { href: `#/training?${queryString(Object.entries(withoutPlace(q)))}` }, 'Search without a ZIP code'), ' to see ',
				doc.unlocated === 1 ? 'it.' : 'them.'));
		}
		if (shown) {
			parts.push(h('ul', { class: 'program-list', id: 'program-list' }, doc.programs.map((p) => programCard(p, titles))));
			if (shown < doc.count)
				parts.push(h('p', null, h('button', { type: 'button', class: 'btn btn-quiet', id: 'show-all', onclick: more },
					`Show all ${plural(Math.min(doc.count, 1000), 'program', 'programs')}`)));
		}
		results.replaceChildren(...parts);
		notes.replaceChildren(h('h2', { class: 'h4' }, 'How to read this'),
			h('ul', { class: 'plain-list' },
				q.near ? h('li', null, `Distances are straight lines from the centre of ZIP code ${q.near} to the school (or to the centre of the ` +
					'school’s ZIP code, where allied does not know the school’s own location), not travel distances.') : null,
				h('li', null, 'Accreditation is what the source said at its date (“as of”). Check the accreditor’s own list before you enrol.'),
				h('li', null, '“Unknown” means allied’s sources do not say. For most programs the schedule and the cost are unknown: ask the school.'),
				h('li', null, 'Sources are named by their id in allied’s list of sources (data/SOURCES.md in allied’s source code, with ' +
					'title, publisher, date and address). Each career’s page lists the sources of its own facts.')));
	}

	/* The query document as address parameters, without the ZIP code and radius. */
	function withoutPlace(q) {
		const out = {};
		if (q.career)
			out.career = q.career;
		for (const s of q.schedule || [])
			out[s] = true;
		if (q.max_months !== null && q.max_months !== undefined)
			out['max-months'] = q.max_months;
		if (q.credential)
			out.credential = q.credential;
		if (q.accredited)
			out.accredited = true;
		return out;
	}

	/* A program's accreditation at a glance: "CAAHEP: accredited", "NOT accredited", unknown. */
	function accreditation(p) {
		const a = p.accreditor;
		const who = a ? [h('abbr', { title: a.name }, a.acronym), ': '] : null;
		switch (p.accreditation_status) {
		case 'accredited':
			return h('span', { class: 'acc acc-yes' }, who || null, who ? 'accredited' : 'accredited (the source names no accreditor)');
		case 'candidate':
			return h('span', { class: 'acc acc-pending' }, who, 'candidate for accreditation');
		case 'letter-of-review':
			return h('span', { class: 'acc acc-pending' }, who, 'Letter of Review (working towards accreditation)');
		case 'not-accredited':
			return h('strong', { class: 'acc acc-not' }, 'NOT accredited', a ? [' by ', h('abbr', { title: a.name }, a.acronym)] : '');
		default:
			return a ? h('span', { class: 'acc' }, who, unknown()) : unknown();
		}
	}

	function programCard(p, titles) {
		const inst = p.institution;
		const accFact = fact('Accreditation', accreditation(p));
		accFact.classList.add('fact-acc');
		const months = p.months === null ? unknown() : plural(p.months, 'month', 'months');
		const prepares = [
			...p.careers.map((id) => (titles.has(id) ? h('a', { href: careerHref(id) }, titles.get(id)) : id)),
			p.career_name ? [p.career_name, h('span', { class: 'hint' }, ' (allied has no page for this job)')] : null,
		].filter(Boolean);
		const o = p.outcomes;
		const pctOf = (v) => (v === null || v === undefined ? unknown() : `${num(v)}%`);
		return h('li', { class: `card program-card${p.accreditation_status === 'not-accredited' ? ' program-not-accredited' : ''}`, 'data-id': p.id },
			h('div', { class: 'program-head' },
				p.distance_miles !== null && p.distance_miles !== undefined
					? h('p', { class: 'distance' },
						h('span', { class: 'distance-value' }, p.distance_miles.toFixed(1)), h('span', { class: 'distance-unit' }, ' miles'),
						inst.location === 'zip-centroid' ? h('span', { class: 'distance-note' }, 'to the school’s ZIP code') : null)
					: null,
				h('div', { class: 'program-title' },
					h('h3', { class: 'program-name' }, p.name),
					h('p', { class: 'school' }, h('strong', null, inst.name), inst.campus ? `, ${inst.campus}` : '', ' · ',
						inst.city ? `${inst.city}, ${inst.state}` : [unknown(), ` place, ${inst.state}`],
						p.campus_unknown ? h('span', { class: 'hint' }, ' (the source does not say which campus teaches it)') : null),
					h('p', { class: 'prepares' }, 'Prepares for: ', prepares.length ? prepares.map((x, i) => [i ? ', ' : '', x]) : unknown()))),
			h('dl', { class: 'facts program-glance' },
				fact('Schedule', labelList('schedule', p.schedule)),
				fact('Length', months),
				fact('Cost', known(p.cost_usd, usd)),
				fact('Credential', p.credential ? label('programCredential', p.credential) : unknown()),
				accFact),
			h('dl', { class: 'facts facts-inline program-more' },
				fact('Admission', label('admission', p.admission)),
				fact('Clinical hours', known(p.clinical_hours, num)),
				fact('Published outcomes', o ? [o.year ? `${o.year}: ` : '', 'exam pass rate ', pctOf(o.exam_pass_pct), ', completion ', pctOf(o.completion_pct),
					', job placement ', pctOf(o.placement_pct)] : unknown()),
				fact('Note', known(p.note)),
				fact('As of', known(p.as_of)),
				fact('Sources', p.sources.length ? h('ol', { class: 'sources' }, p.sources.map((s) => h('li', null, sourceEntry(s)))) : unknown())));
	}

	/* ------------------------------------------------------------------------------------ */
	/* 6. Start                                                                               */
	/* ------------------------------------------------------------------------------------ */

	/* The skip link moves focus to the main content without changing the route. */
	document.querySelector('.skip-link').addEventListener('click', (e) => {
		e.preventDefault();
		const main = document.getElementById('main');
		main.focus();
		main.scrollIntoView();
	});
	window.addEventListener('hashchange', render);
	window.addEventListener('popstate', render);
	render();
})();
