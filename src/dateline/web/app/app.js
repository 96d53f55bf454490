// Dateline's web UI. Every value from the store is put on the page as text
// (textContent, never innerHTML), so markup inside an article stays inert.
"use strict";

const PAGE = 200;
const COLOURS = ["#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
  "#7f7f7f", "#393b79", "#637939", "#843c39", "#7b4173"];
const state = { offset: 0, total: 0, colours: new Map(), markers: null, map: null, selected: null };

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

async function api(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params)) if (value !== "" && value != null) url.searchParams.set(key, value);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

function filters() {
  const params = Object.fromEntries(new FormData(document.getElementById("filters")));
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== ""));
}

function colourOf(type) {
  const key = type || "other";
  if (!state.colours.has(key)) state.colours.set(key, COLOURS[state.colours.size % COLOURS.length]);
  return state.colours.get(key);
}

function status(text) { document.getElementById("status").textContent = text; }

// --- map -------------------------------------------------------------------

async function initMap() {
  const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([48.5, 35], 4);
  map.attributionControl.addAttribution("Country outlines: Natural Earth via world-atlas");
  const world = await (await fetch("/vendor/world-atlas/countries-110m.json")).json();
  L.geoJSON(topojson.feature(world, world.objects.countries), {
    style: { color: "#8a8f98", weight: 0.7, fillColor: "#eef0f3", fillOpacity: 1 },
    interactive: false,
  }).addTo(map);
  state.markers = L.markerClusterGroup({ maxClusterRadius: 40 });
  map.addLayer(state.markers);
  state.map = map;
}

function markerFor(event) {
  const icon = L.divIcon({ className: "event-marker", iconSize: [12, 12],
    html: `<span style="background:${colourOf(event.plover)}"></span>` });
  const marker = L.marker([event.lat, event.lon], { icon, title: `${event.plover || "event"} ${event.place_name || ""}` });
  const tip = el("div", {}, el("strong", { text: event.plover || event.category || "event" }),
    el("div", { text: [event.place_name, event.day].filter(Boolean).join(", ") }));
  marker.bindTooltip(tip);
  marker.on("click", () => openEvent(event.id));
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
  if (!append) { list.replaceChildren(); state.markers.clearLayers(); }
  const markers = [];
  for (const event of page.items) {
    list.append(eventItem(event));
    if (event.lat != null && event.lon != null) markers.push(markerFor(event));
  }
  state.markers.addLayers(markers);
  state.offset += page.items.length;
  const count = document.getElementById("event-count");
  count.textContent = `${state.offset} of ${page.total} (${page.view})`;
  count.dataset.total = String(page.total);
  document.getElementById("more").hidden = state.offset >= page.total;
  drawLegend();
  status("");
}

function eventItem(event) {
  const where = event.place_name ? ` at ${event.place_name}` : "";
  const who = [event.source_actor, event.target_actor].filter(Boolean).join(" → ");
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const sources = event.n_articles ? ` · ${plural(event.n_articles, "article")}, ${plural(event.n_sources, "source")}` : "";
  return el("li", { class: "event-item", "data-id": event.id, "data-day": event.day || "", "data-trigger": event.trigger || "", tabindex: "0",
    onclick: () => openEvent(event.id), onkeydown: (e) => { if (e.key === "Enter") openEvent(event.id); } },
  el("i", { class: "swatch", style: `background:${colourOf(event.plover)}` }),
  el("strong", { text: event.plover || event.category || "event" }),
  el("span", { text: ` ${event.day || ""}${where}` }),
  el("div", { class: "who", text: who + sources }),
  el("div", { class: "trigger", text: event.trigger ? `“${event.trigger}”` : "" }));
}

async function openEvent(id) {
  status("loading event…");
  const event = await api(`/events/${encodeURIComponent(id)}`);
  document.querySelectorAll(".event-item.active").forEach((n) => n.classList.remove("active"));
  document.querySelector(`.event-item[data-id="${CSS.escape(id)}"]`)?.classList.add("active");
  const detail = document.getElementById("event-detail");
  const rows = [["PLOVER", event.plover], ["CAMEO", event.cameo], ["ACLED", [event.acled_event_type, event.acled_sub_event_type].filter(Boolean).join(" / ")],
    ["Date", event.date ? `${event.date} (${event.date_precision || "?"})` : event.day], ["Place", event.place_name],
    ["Source actor", event.source_actor], ["Target actor", event.target_actor], ["Status", event.status],
    ["Articles", event.n_articles ? `${event.n_articles} (${event.n_sources} sources)` : null]];
  const table = el("dl", { class: "facts" });
  for (const [key, value] of rows) if (value) table.append(el("dt", { text: key }), el("dd", { text: String(value) }));
  const mentions = el("ul", { class: "mentions" }, ...event.mentions.map((m) => el("li", { "data-trigger": m.trigger || "" },
    el("a", { href: "#", text: `${m.source || m.article_id} (${m.published || ""})`,
      onclick: (e) => { e.preventDefault(); openArticle(m.article_id, m); } }),
    el("span", { text: ` “${m.trigger || ""}”` }))));
  detail.replaceChildren(el("h2", { text: `Event ${event.plover || ""}` }), table, el("h3", { text: "Reported in" }), mentions);
  drawClaims(event);
  if (event.mentions.length) await openArticle(event.mentions[0].article_id, event.mentions[0]);
  status("");
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

// --- article with highlighted spans ----------------------------------------

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

async function openArticle(articleId, mention) {
  const record = await api(`/articles/${encodeURIComponent(articleId)}`);
  const box = document.getElementById("article");
  const head = el("header", {}, el("h3", { text: record.article.title || record.article.id }),
    el("div", { class: "meta", text: [record.article.source, record.article.published, record.article.url].filter(Boolean).join(" · ") }));
  const body = el("div", { class: "text" });
  const selected = mention ? [mention.span_start, mention.span_end] : null;
  body.append(renderText(record.article.text, spansOf(record), selected));
  box.replaceChildren(head, body);
  box.querySelector(".selected")?.scrollIntoView({ block: "center" });
}

// --- timeline with a brush ---------------------------------------------------

async function loadTimeline() {
  let { items } = await api("/events/histogram", filters());
  const chart = document.getElementById("timeline");
  const width = chart.clientWidth || 600;
  const height = 90;
  chart.setAttribute("viewBox", `0 0 ${width} ${height}`);
  chart.replaceChildren();
  if (!items.length) return;
  const day = (s) => Date.parse(`${s}T00:00:00Z`) / 864e5;
  // Background events ("annexed in 2014") would stretch the axis over decades: show where 99% of events are.
  const total = items.reduce((sum, d) => sum + d.n, 0);
  let seen = 0;
  const kept = items.filter((d) => { seen += d.n; return seen - d.n >= total * 0.005 && seen <= total * 0.995 + d.n; });
  items = kept.length ? kept : items;
  const first = day(items[0].day);
  const span = Math.max(1, day(items[items.length - 1].day) - first + 1);
  const top = Math.max(...items.map((d) => d.n));
  const x = (d) => ((d - first) / span) * width;
  const barWidth = Math.max(1, width / span - 1);
  for (const item of items) {
    const h = Math.max(1, (item.n / top) * (height - 18));
    const bar = svg("rect", { x: x(day(item.day)), y: height - 14 - h, width: barWidth, height: h, class: "bar" });
    const tip = svg("title"); tip.textContent = `${item.day}: ${item.n}`; bar.append(tip);
    chart.append(bar);
  }
  for (const [label, at] of [[items[0].day, 0], [items[items.length - 1].day, width]]) {
    const text = svg("text", { x: at, y: height - 2, "text-anchor": at ? "end" : "start", class: "axis" });
    text.textContent = label; chart.append(text);
  }
  const brush = svg("rect", { class: "brush", y: 0, height: height - 14, width: 0 });
  chart.append(brush);
  const toDate = (px) => new Date((first + Math.floor((px / width) * span)) * 864e5).toISOString().slice(0, 10);
  const pos = (e) => { const r = chart.getBoundingClientRect(); return Math.min(width, Math.max(0, ((e.clientX - r.left) / r.width) * width)); };
  let start = null;
  chart.onpointerdown = (e) => { start = pos(e); brush.setAttribute("x", start); brush.setAttribute("width", 0); chart.setPointerCapture(e.pointerId); };
  chart.onpointermove = (e) => { if (start == null) return; const p = pos(e); brush.setAttribute("x", Math.min(start, p)); brush.setAttribute("width", Math.abs(p - start)); };
  chart.onpointerup = (e) => {
    if (start == null) return;
    const p = pos(e); const [a, b] = [Math.min(start, p), Math.max(start, p)]; start = null;
    const from = document.getElementById("date-from"); const to = document.getElementById("date-to");
    if (b - a < 3) { from.value = ""; to.value = ""; brush.setAttribute("width", 0); } else { from.value = toDate(a); to.value = toDate(b); }
    loadEvents();
  };
}

// --- start -------------------------------------------------------------------

async function loadTypes() {
  const stats = await api("/stats");
  const select = document.getElementById("plover");
  for (const type of stats.plover_types) select.append(el("option", { value: type, text: type }));
}

async function main() {
  await initMap();
  document.getElementById("filters").addEventListener("submit", (e) => { e.preventDefault(); loadEvents(); loadTimeline(); });
  document.getElementById("reset").addEventListener("click", () => { document.getElementById("filters").reset(); loadEvents(); loadTimeline(); });
  document.getElementById("more").addEventListener("click", () => loadEvents(true));
  await loadTypes();
  await Promise.all([loadEvents(), loadTimeline()]);
  document.body.dataset.ready = "true";
}

main().catch((err) => { status(`error: ${err.message}`); console.error(err); });
