// Dateline's web UI. Every value from the store is put on the page as text
// (textContent, never innerHTML), so markup inside an article stays inert.
// The filters and the chosen event live in the page's URL: reload or share it and the view comes back.
"use strict";

const PAGE = 200;
const CELL_PX = 48; // the map's grid cell, in screen pixels: the server counts the events per cell
const COLOURS = ["#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
  "#7f7f7f", "#393b79", "#637939", "#843c39", "#7b4173"];
const FILTERS = ["date_from", "date_to", "plover", "acled_type", "status", "actor", "text", "min_fatalities", "include_background",
  "view"];
// The values the API's `acled_type` and `status` filters take (src/dateline/api/routers/event_params.py): ACLED's
// event types with the sub-event types Dateline's event lexicon (data/events.json) assigns under each, and the
// statuses of the record schema. No endpoint lists them; a browser test checks these agree with the API's.
const ACLED_TYPES = {
  "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
  "Explosions/Remote violence": ["Air/drone strike", "Chemical weapon", "Grenade", "Remote explosive/landmine/IED",
    "Shelling/artillery/missile attack", "Suicide bomb"],
  "Protests": ["Excessive force against protesters", "Peaceful protest", "Protest with intervention"],
  "Riots": ["Mob violence", "Violent demonstration"],
  "Strategic developments": ["Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
    "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other"],
  "Violence against civilians": ["Abduction/forced disappearance", "Attack", "Sexual violence"],
};
const STATUSES = ["reported", "claimed", "denied", "threatened", "background", "expected"];
const state = { offset: 0, total: 0, colours: new Map(), cells: null, map: null, selected: null, period: {}, mapRequest: 0 };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function svg(tag, attrs = {}) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  return node;
}

class ApiError extends Error {}

async function api(path, params = {}) {
  const response = await fetch(apiUrl(path, params));
  if (!response.ok) throw new ApiError(errorMessage(response, await response.text()));
  return response.json();
}

// A short message for an error answer: FastAPI's `detail` (a string, or a list of {loc, msg, input}), else the
// status. A filter's unknown value is named, not the long pattern it failed.
function errorMessage(response, body) {
  let detail = null;
  try { detail = JSON.parse(body).detail; } catch { /* not JSON */ }
  if (typeof detail === "string" && detail.trim()) return shorten(detail);
  if (Array.isArray(detail) && detail.length) return detail.map(problem).join("; ");
  return `${response.status} ${response.statusText || "error"}`.trim();
}

function problem(item) {
  const loc = Array.isArray(item?.loc) ? item.loc.map(String) : [];
  const name = loc[0] === "query" || loc[0] === "path" ? loc.slice(1).join(".") : loc.join(".");
  const where = loc[0] === "query" ? `Filter ${name}` : name;
  const msg = String(item?.msg ?? "invalid value");
  let text = shorten(msg);
  if (item?.type === "string_pattern_mismatch" || /^unknown /.test(msg)) {
    const given = String(item.input ?? "").split(",").map((v) => v.trim()).filter(Boolean);
    const known = knownValues(name);
    const unknown = known ? given.filter((v) => !known.has(v.toLowerCase())) : [];
    const named = unknown.length ? unknown : given;
    text = named.length ? `unknown value${named.length > 1 ? "s" : ""} ${named.map((v) => `'${v}'`).join(", ")}` : "unknown value";
  }
  return where ? `${where}: ${text}` : text;
}

// The values a filter with a list of options knows (lower case), those the page added for an unknown value left out.
function knownValues(name) {
  const field = form().elements[name];
  if (!field?.multiple) return null;
  return new Set([...field.options].filter((o) => !o.classList.contains("unknown")).map((o) => o.value.toLowerCase()));
}

function shorten(text) {
  const first = text.split(/[;\n]/)[0].trim();
  return first.length > 160 ? `${first.slice(0, 160)}…` : first;
}

function apiUrl(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params)) if (value !== "" && value != null) url.searchParams.set(key, value);
  return url;
}

function form() { return document.getElementById("filters"); }

// The form's filters as the API takes them: several types comma-separated, the dates always (the publication
// period unless narrowed) except when background events are asked for: told as context ("annexed in 2014"), they
// are mostly dated before the period, so the default period does not clip them (dates the analyst narrowed do).
function filters() {
  const out = {};
  for (const name of FILTERS) {
    const field = form().elements[name];
    if (field.type === "checkbox") { if (field.checked) out[name] = "true"; continue; }
    const value = field.multiple ? [...field.selectedOptions].map((o) => o.value).join(",") : field.value.trim();
    if (value !== "") out[name] = value;
  }
  if (out.view === "auto") delete out.view;
  if (asksBackground(out)) {
    if (out.date_from === state.period.first) delete out.date_from;
    if (out.date_to === state.period.last) delete out.date_to;
  }
  return out;
}

function asksBackground(query) {
  const statuses = (query.status || "").split(",").map((s) => s.trim().toLowerCase());
  return query.include_background === "true" || statuses.includes("background");
}

// What the URL keeps: the filters that differ from the defaults, and the chosen event.
function urlState() {
  const kept = filters();
  if (kept.date_from === state.period.first) delete kept.date_from;
  if (kept.date_to === state.period.last) delete kept.date_to;
  if (state.selected) kept.event = state.selected;
  return kept;
}

function saveUrl(push = false) {
  const query = new URLSearchParams(urlState()).toString();
  const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
  if (url !== `${window.location.pathname}${window.location.search}`) history[push ? "pushState" : "replaceState"](null, "", url);
  document.getElementById("permalink").href = window.location.href;
  const download = document.getElementById("download");
  download.href = apiUrl("/events", { ...filters(), format: document.getElementById("download-format").value }).toString();
}

function loadUrl() {
  const params = new URLSearchParams(window.location.search);
  for (const name of FILTERS) {
    const field = form().elements[name];
    const value = params.get(name);
    if (field.type === "checkbox") field.checked = value === "true";
    else if (field.multiple) chooseOptions(field, value);
    else field.value = value ?? (name === "view" ? "auto" : "");
  }
  if (!params.get("date_from")) form().elements.date_from.value = state.period.first || "";
  if (!params.get("date_to")) form().elements.date_to.value = state.period.last || "";
  return params.get("event");
}

// Select the options `value` (comma-separated) names, in any case; a value no option has is added as an unknown
// option, chosen, so it is sent and the API's answer says what is wrong (the analyst can then unselect it).
function chooseOptions(select, value) {
  select.querySelectorAll("option.unknown").forEach((o) => o.remove());
  const options = new Map([...select.options].map((o) => [o.value.toLowerCase(), o]));
  for (const o of select.options) o.selected = false;
  for (const wanted of (value || "").split(",").map((v) => v.trim()).filter(Boolean)) {
    let option = options.get(wanted.toLowerCase());
    if (!option) {
      option = el("option", { value: wanted, text: `${wanted} (unknown)`, class: "unknown" });
      select.append(option);
      options.set(wanted.toLowerCase(), option);
    }
    option.selected = true;
  }
}

function colourOf(type) {
  const key = type || "other";
  if (!state.colours.has(key)) state.colours.set(key, COLOURS[state.colours.size % COLOURS.length]);
  return state.colours.get(key);
}

function status(text, error = false) {
  const line = document.getElementById("status");
  line.textContent = text;
  line.classList.toggle("error", error);
}

// How many were killed: a fused event's range across its sources, "none reported" when no count says.
function fatalities(event) {
  if (event.fatalities_max != null) {
    return event.fatalities_min === event.fatalities_max ? `${event.fatalities_max}` : `${event.fatalities_min}–${event.fatalities_max}`;
  }
  return event.fatalities != null ? `${event.fatalities}` : "none reported";
}

// --- map: every matching event, counted per grid cell by the server -------------

async function initMap() {
  const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 14 }).setView([48.5, 35], 5);
  map.attributionControl.addAttribution("Country outlines: Natural Earth via world-atlas");
  const world = await (await fetch("/vendor/world-atlas/countries-110m.json")).json();
  L.geoJSON(topojson.feature(world, world.objects.countries), {
    style: { color: "#8a8f98", weight: 0.7, fillColor: "#eef0f3", fillOpacity: 1 },
    interactive: false,
  }).addTo(map);
  state.cells = L.layerGroup().addTo(map);
  state.map = map;
  map.on("moveend", () => loadMap());
}

function viewBox() {
  const b = state.map.getBounds().pad(0.2);
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  if (b.getEast() - b.getWest() >= 360) return null;
  return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
    .map((v) => v.toFixed(4)).join(",");
}

async function loadMap() {
  if (!state.map) return;
  const request = ++state.mapRequest;
  const cell = Math.max(0.001, Math.min(90, (360 / 2 ** state.map.getZoom()) * (CELL_PX / 256)));
  const grid = await api("/events/map", { ...filters(), bbox: viewBox(), cell: cell.toPrecision(4) });
  if (request !== state.mapRequest) return; // a later move asked again
  state.cells.clearLayers();
  for (const c of grid.cells) state.cells.addLayer(c.id ? eventMarker(c) : cellMarker(c));
  const box = document.getElementById("map");
  box.dataset.located = String(grid.located);
  box.dataset.cells = String(grid.cells.length);
  drawLegend();
}

function eventMarker(cell) {
  const icon = L.divIcon({ className: "event-marker", iconSize: [14, 14], html: `<span style="background:${colourOf(cell.plover)}"></span>` });
  const marker = L.marker([cell.lat, cell.lon], { icon, title: `${cell.plover || "event"}: show in the list`, keyboard: true });
  marker.on("click", () => selectEvent(cell.id, { fromMap: true }));
  marker.on("add", () => { const node = marker.getElement(); if (node) node.dataset.id = cell.id; });
  return marker;
}

function cellMarker(cell) {
  const size = Math.round(22 + Math.min(26, Math.log10(cell.n) * 10));
  const icon = L.divIcon({ className: "cell-marker", iconSize: [size, size], html: `<span>${cell.n}</span>` });
  const marker = L.marker([cell.lat, cell.lon], { icon, title: `${cell.n} events: zoom in`, keyboard: true });
  marker.on("click", () => state.map.setView([cell.lat, cell.lon], Math.min(state.map.getMaxZoom(), state.map.getZoom() + 2)));
  return marker;
}

function drawLegend() {
  const legend = document.getElementById("legend");
  legend.replaceChildren(...[...state.colours].map(([type, colour]) =>
    el("span", { class: "legend-item" }, el("i", { style: `background:${colour}` }), type)));
}

// --- events ----------------------------------------------------------------

async function loadEvents(append = false) {
  if (!append) state.offset = 0;
  status("loading…");
  const page = await api("/events", { ...filters(), limit: PAGE, offset: state.offset });
  state.total = page.total;
  const list = document.getElementById("event-list");
  if (!append) list.replaceChildren();
  for (const event of page.items) list.append(eventItem(event));
  state.offset += page.items.length;
  const count = document.getElementById("event-count");
  count.textContent = `${state.offset} of ${page.total} (${page.view})`;
  count.dataset.total = String(page.total);
  document.getElementById("more").hidden = state.offset >= page.total;
  markSelected();
  drawLegend();
  status("");
}

function eventItem(event, pinned = false) {
  const where = event.place_name ? ` at ${event.place_name}` : "";
  const who = [event.source_actor, event.target_actor].filter(Boolean).join(" → ");
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const sources = event.n_articles ? ` · ${plural(event.n_articles, "article")}, ${plural(event.n_sources, "source")}` : "";
  const open = () => selectEvent(event.id);
  const acled = [event.acled_event_type, event.acled_sub_event_type].filter(Boolean).join(" / ");
  return el("li", { class: `event-item${pinned ? " pinned" : ""}`, "data-id": event.id, "data-day": event.day || "", "data-trigger": event.trigger || "",
    "data-fatalities": String(event.fatalities_max ?? event.fatalities ?? ""), "data-acled-type": event.acled_event_type || "",
    "data-acled-sub-type": event.acled_sub_event_type || "", "data-status": event.status || "", tabindex: "0", role: "button",
    onclick: open, onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(); } } },
  el("i", { class: "swatch", style: `background:${colourOf(event.plover)}` }),
  el("strong", { text: event.plover || event.category || "event" }),
  el("span", { text: ` ${event.day || ""}${where}` }),
  el("span", { class: "fatalities", text: ` · killed: ${fatalities(event)}` }),
  el("div", { class: "who", text: who + sources }),
  el("div", { class: "acled", text: [acled, event.status].filter(Boolean).join(" · ") }),
  el("div", { class: "trigger", text: event.trigger ? `“${event.trigger}”` : "" }));
}

function markSelected() {
  document.querySelectorAll(".event-item.active").forEach((n) => n.classList.remove("active"));
  const item = state.selected && document.querySelector(`.event-item[data-id="${CSS.escape(state.selected)}"]`);
  if (item) item.classList.add("active");
  return item;
}

// Choose an event: its facts, claims and article on the right, its row in the list marked and scrolled to (an
// event beyond the pages loaded is pinned at the top of the list).
async function selectEvent(id, { fromMap = false, push = true } = {}) {
  state.selected = id;
  saveUrl(push);
  const event = await openEvent(id);
  let item = markSelected();
  if (!item && event) {
    document.querySelectorAll(".event-item.pinned").forEach((n) => n.remove());
    item = eventItem(event, true);
    document.getElementById("event-list").prepend(item);
    markSelected();
  }
  if (item) {
    scrollWithin(document.getElementById("middle"), item, true);
    if (fromMap) item.focus({ preventScroll: true });
  }
}

async function openEvent(id) {
  status("loading event…");
  const event = await api(`/events/${encodeURIComponent(id)}`);
  const detail = document.getElementById("event-detail");
  const rows = [["PLOVER", event.plover], ["CAMEO", event.cameo], ["ACLED", [event.acled_event_type, event.acled_sub_event_type].filter(Boolean).join(" / ")],
    ["Date", event.date ? `${event.date} (${event.date_precision || "?"})` : event.day], ["Place", event.place_name],
    ["Source actor", event.source_actor], ["Target actor", event.target_actor],
    ["Status", event.status || [...new Set(event.mentions.map((m) => m.status).filter(Boolean))].join(", ")],
    ["Fatalities", fatalities(event)],
    ["Articles", event.n_articles ? `${event.n_articles} (${event.n_sources} sources)` : null]];
  const table = el("dl", { class: "facts" });
  for (const [key, value] of rows) if (value) table.append(el("dt", { text: key }), el("dd", { text: String(value) }));
  const mentions = el("ul", { class: "mentions" }, ...event.mentions.map((m) => el("li", { "data-trigger": m.trigger || "" },
    el("a", { href: "#", text: `${m.source || m.article_id} (${m.published || ""})`,
      onclick: (e) => { e.preventDefault(); openArticle(m.article_id, m); } }),
    el("span", { text: ` “${m.trigger || ""}” · killed: ${fatalities(m)}` }))));
  detail.replaceChildren(el("h2", { text: `Event ${event.plover || ""}` }), table, el("h3", { text: "Reported in" }), mentions);
  drawClaims(event);
  if (event.mentions.length) await openArticle(event.mentions[0].article_id, event.mentions[0]);
  status("");
  return event;
}

function claimCard(claim) {
  if (!claim) return el("div", { class: "claim-card", text: "(claim not found)" });
  const speaker = claim.speaker_name || claim.speaker?.text || "unnamed source";
  return el("div", { class: "claim-card" },
    el("div", { class: "speaker", text: `${speaker}${claim.cue ? ` — ${claim.cue.text}` : ""}` }),
    el("blockquote", { text: claim.text }),
    el("div", { class: "meta", text: [claim.source, claim.published, claim.kind, claim.verification].filter(Boolean).join(" · ") }));
}

function drawClaims(event) {
  const panel = document.getElementById("claims-panel");
  const parts = [];
  for (const pair of event.contradictions) {
    parts.push(el("div", { class: "contradiction" }, el("div", { class: "reason", text: pair.reason }),
      el("div", { class: "side-by-side" }, claimCard(pair.a), claimCard(pair.b))));
  }
  if (!parts.length && event.claims.length) {
    parts.push(el("p", { class: "hint", text: "No contradicting claims; the claims that report this event:" }),
      ...event.claims.map(claimCard));
  }
  panel.replaceChildren(...(parts.length ? parts : [el("p", { class: "hint", text: "No claims report this event." })]));
}

function spansOf(record) {
  const spans = [];
  const add = (span, kind, label) => { if (span && span[1] > span[0]) spans.push({ start: span[0], end: span[1], kind, label }); };
  for (const p of record.places) {
    const label = `place: ${p.name || p.text}${p.country ? ` (${p.country})` : ""}${p.lat != null ? ` ${p.lat.toFixed(3)}, ${p.lon.toFixed(3)}` : ""} · ${p.role}`;
    for (const m of (p.mentions?.length ? p.mentions : [p])) add(m.span, "place", label);
  }
  for (const t of record.times) add(t.span, "time", `time: ${t.type} ${t.value}`);
  for (const a of record.actors) {
    const label = `actor: ${a.name} (${a.kind}${a.code ? `, ${a.code}` : ""})${a.role ? ` — ${a.role}` : ""}`;
    for (const m of (a.mentions?.length ? a.mentions : [a])) add(m.span, "actor", label);
  }
  for (const c of record.claims) add(c.content?.span || c.span, "claim", `claim by ${c.speaker?.text || "?"} (${c.kind}${c.verification ? `, ${c.verification}` : ""})`);
  for (const e of record.events) add(e.span, "event", `event: ${e.plover || e.category} ${e.acled_sub_event_type || ""} · ${e.status}`);
  return spans;
}

function renderText(text, spans, selected) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const piece = text.slice(start, end);
    const covering = spans.filter((s) => s.start <= start && s.end >= end);
    if (!covering.length) { out.append(document.createTextNode(piece)); continue; }
    const node = el("span", { class: covering.map((s) => `k-${s.kind}`).join(" "), title: covering.map((s) => s.label).join("\n"),
      "data-start": String(start), "data-end": String(end) });
    if (selected && covering.some((s) => s.kind === "event" && s.start === selected[0] && s.end === selected[1])) node.classList.add("selected");
    node.textContent = piece;
    out.append(node);
  }
  return out;
}

// The article's heading: its title, else its first line; and the source's name.
function articleHeading(article) {
  const firstLine = (article.text || "").split("\n").map((line) => line.trim()).find(Boolean) || article.id;
  const title = article.title || (firstLine.length > 140 ? `${firstLine.slice(0, 140)}…` : firstLine);
  return el("header", {}, el("h3", { text: title }),
    el("div", { class: "meta" }, el("strong", { class: "source", text: article.source || "unknown source" }),
      el("span", { text: [article.published, article.url].filter(Boolean).map((v) => ` · ${v}`).join("") })));
}

async function openArticle(articleId, mention) {
  const record = await api(`/articles/${encodeURIComponent(articleId)}`);
  const box = document.getElementById("article");
  const body = el("div", { class: "text" });
  const selected = mention ? [mention.span_start, mention.span_end] : null;
  body.append(renderText(record.article.text, spansOf(record), selected));
  box.replaceChildren(articleHeading(record.article), body);
  // Scroll the article pane only: the event's facts and claims above it stay where they are.
  const mark = box.querySelector(".selected");
  scrollWithin(document.getElementById("article-pane"), mark, false);
}

// Bring `node` into view inside the scrolling `pane` only; a pane that does not scroll (the narrow layout) moves
// the page when `orPage`.
function scrollWithin(pane, node, orPage) {
  if (pane.scrollHeight > pane.clientHeight + 1) pane.scrollTop = node ? node.offsetTop - pane.clientHeight / 3 : 0;
  else if (node && orPage) node.scrollIntoView({ block: "center" });
}

// --- timeline over the publication period, with a brush -------------------------

const DAY_MS = 864e5;
const dayNumber = (s) => Date.parse(`${s}T00:00:00Z`) / DAY_MS;
const isoDay = (n) => new Date(n * DAY_MS).toISOString().slice(0, 10);

async function loadTimeline() {
  const { items } = await api("/events/histogram", filters());
  const chart = document.getElementById("timeline");
  const width = chart.clientWidth || 600;
  const height = 90;
  chart.setAttribute("viewBox", `0 0 ${width} ${height}`);
  chart.replaceChildren();
  const period = state.period.first ? state.period : { first: items[0]?.day, last: items[items.length - 1]?.day };
  if (!period.first) return;
  const first = dayNumber(period.first);
  const span = Math.max(1, dayNumber(period.last) - first + 1);
  const shown = items.filter((d) => d.day >= period.first && d.day <= period.last);
  chart.dataset.first = period.first;
  chart.dataset.last = period.last;
  const top = Math.max(1, ...shown.map((d) => d.n));
  const x = (d) => ((d - first) / span) * width;
  const barWidth = Math.max(1, width / span - 1);
  for (const item of shown) {
    const h = Math.max(1, (item.n / top) * (height - 18));
    const bar = svg("rect", { x: x(dayNumber(item.day)), y: height - 14 - h, width: barWidth, height: h, class: "bar", "data-day": item.day });
    const tip = svg("title"); tip.textContent = `${item.day}: ${item.n}`; bar.append(tip);
    chart.append(bar);
  }
  for (const [label, at] of [[period.first, 0], [period.last, width]]) {
    const text = svg("text", { x: at, y: height - 2, "text-anchor": at ? "end" : "start", class: "axis" });
    text.textContent = label; chart.append(text);
  }
  const brush = svg("rect", { class: "brush", y: 0, height: height - 14, width: 0 });
  const { date_from: from, date_to: to } = filters();
  if (from && to && (from !== period.first || to !== period.last)) {
    brush.setAttribute("x", x(dayNumber(from)));
    brush.setAttribute("width", Math.max(1, x(dayNumber(to) + 1) - x(dayNumber(from))));
  }
  chart.append(brush);
  brushing(chart, brush, width, (px) => isoDay(first + Math.floor((px / width) * span)));
}

function brushing(chart, brush, width, toDate) {
  const pos = (e) => { const r = chart.getBoundingClientRect(); return Math.min(width, Math.max(0, ((e.clientX - r.left) / r.width) * width)); };
  let start = null;
  chart.onpointerdown = (e) => { start = pos(e); brush.setAttribute("x", start); brush.setAttribute("width", 0); chart.setPointerCapture(e.pointerId); };
  chart.onpointermove = (e) => { if (start == null) return; const p = pos(e); brush.setAttribute("x", Math.min(start, p)); brush.setAttribute("width", Math.abs(p - start)); };
  chart.onpointerup = (e) => {
    if (start == null) return;
    const p = pos(e); const [a, b] = [Math.min(start, p), Math.max(start, p)]; start = null;
    const from = document.getElementById("date-from"); const to = document.getElementById("date-to");
    if (b - a < 3) { from.value = state.period.first || ""; to.value = state.period.last || ""; brush.setAttribute("width", 0); } else { from.value = toDate(a); to.value = toDate(b); }
    refresh(true, false);
  };
}

// --- start -------------------------------------------------------------------

// Load the list, the map and (when the filters behind it changed) the timeline for the form's filters.
// An error answer (an unknown filter value) empties the list and the map and is said in the status line.
async function refresh(push = true, timeline = true) {
  saveUrl(push);
  const results = await Promise.allSettled([loadEvents(), loadMap(), timeline ? loadTimeline() : null]);
  const failed = results.find((r) => r.status === "rejected");
  if (failed) {
    state.mapRequest++; // a map answer still on its way is not drawn
    document.getElementById("event-list").replaceChildren();
    const count = document.getElementById("event-count");
    count.textContent = "";
    count.dataset.total = "";
    document.getElementById("more").hidden = true;
    state.cells?.clearLayers();
    status(failed.reason instanceof ApiError ? failed.reason.message : `error: ${failed.reason?.message}`, true);
    if (!(failed.reason instanceof ApiError)) console.error(failed.reason);
  }
  document.body.dataset.loaded = String(Number(document.body.dataset.loaded || 0) + 1);
}

function resetFilters() {
  form().querySelectorAll("option.unknown").forEach((o) => o.remove());
  form().reset();
  form().elements.date_from.value = state.period.first || "";
  form().elements.date_to.value = state.period.last || "";
  state.selected = null;
  return refresh(true);
}

async function loadTypes() {
  const stats = await api("/stats");
  state.period = { first: stats.first_published, last: stats.last_published };
  const select = document.getElementById("plover");
  for (const type of stats.plover_types) select.append(el("option", { value: type, text: type }));
  const acled = document.getElementById("acled-type");
  for (const [type, subTypes] of Object.entries(ACLED_TYPES)) {
    acled.append(el("optgroup", { label: type }, el("option", { value: type, text: `${type} (all)` }),
      ...subTypes.map((sub) => el("option", { value: sub, text: sub }))));
  }
  const statuses = document.getElementById("status-filter");
  for (const value of STATUSES) statuses.append(el("option", { value, text: value }));
}

async function restore() {
  const chosen = loadUrl();
  state.selected = chosen;
  await refresh(false);
  if (chosen) await selectEvent(chosen, { push: false });
}

async function main() {
  await loadTypes();
  await initMap();
  form().addEventListener("submit", (e) => { e.preventDefault(); refresh(true); });
  document.getElementById("reset-filters").addEventListener("click", () => resetFilters());
  document.getElementById("more").addEventListener("click", () => loadEvents(true));
  document.getElementById("download-format").addEventListener("change", () => saveUrl(false));
  window.addEventListener("popstate", () => restore());
  await restore();
  document.body.dataset.ready = "true";
}

main().catch((err) => { status(err instanceof ApiError ? err.message : `error: ${err.message}`, true); console.error(err); });
// An event or article that cannot be opened says why in the status line (the list and the map stay).
window.addEventListener("unhandledrejection", (e) => {
  if (e.reason instanceof ApiError) { status(e.reason.message, true); e.preventDefault(); }
});
