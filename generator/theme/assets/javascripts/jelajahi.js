// Jelajahi: search and facets over the index the katalog plugin builds (cari/, read by cari.js).
//
// The page writes the search block, shown by CSS only where scripting is on, so nothing appears
// above the province listings after the first paint; if the index cannot load, the block goes
// and the listings (which need no JavaScript) stay. The page's inline script has already put the
// address's query and filters into the form before the first paint, and asked for the index's
// manifest (window.katalogIndeks). The state (query, facets,
// sort) lives in the query string: a search can be shared as a link. Everything shown from the
// index or from an entry's page is set as text (textContent), never as HTML.
//
// One search runs per settled change: typing waits for a pause, and a dropdown waits until the
// arrow keys stop, so a screen reader hears one result count, not one per key. Results show the
// same card as the listings (title, facts, summary, the five badge chips); when the query's words
// are in the story rather than the summary, the entry's page is fetched and the summary replaced
// by the passage around them.

import { Index, fold, rawWords } from "./cari.js";

const root = document.getElementById("katalog-cari");
const PAGE = 10;
const TYPING = 300; // ms of quiet after a key in the query box
const CHOOSING = 600; // ms after a dropdown's value changed (arrow keys change it at once)
const EXCERPT = 220; // characters of a passage
const MOST = 12; // concepts of one query (a pasted paragraph asks for its first twelve)

if (root) {
  start().catch((error) => {
    console.warn("katalog: pencarian tidak tersedia", error);
    root.hidden = true;
  });
}

async function start() {
  const base = root.dataset.base || "./";
  const index = await Index.open(new URL(base + "cari/", document.baseURI).href);
  const form = root.querySelector("form");
  const status = root.querySelector("[data-status]");
  const notes = root.querySelector("[data-catatan]");
  const list = root.querySelector("[data-hasil]");
  const more = root.querySelector("[data-lagi]");
  const details = form.querySelector("details");
  const summary = details.querySelector("[data-aktif]");
  const selects = [...form.querySelectorAll("select")].filter((s) => s.name !== "urut");
  const query = form.elements.q;
  let results = [];
  let concepts = [];
  let shown = 0;
  let run = 0;

  readUrl(form);
  describeFilters(selects, summary);

  async function search({ exact = false } = {}) {
    const mine = ++run;
    const q = (query.value || "").trim();
    const filters = selects.filter((s) => s.value);
    const urut = form.elements.urut.value;
    writeUrl(form);
    describeFilters(selects, summary);

    // 1. The query's concepts (at most MOST) and the entries matching them. A query of stop
    // words only ("yang di") is no query: every entry, and the page says why.
    const parsed = q ? index.parse(q).slice(0, MOST) : [];
    const general = q && !parsed.length;
    concepts = parsed.length ? await index.resolve(parsed, { exact }) : [];
    const asked = concepts.filter((c) => !c.unknown);
    let docs;
    let cover = null;
    let partial = null;
    if (!q || general) {
      docs = Array.from({ length: index.total }, (_, d) => d);
    } else if (!asked.length) {
      docs = [];
    } else {
      const found = await index.match(asked);
      cover = found.cover;
      let most = 0;
      let all = 0;
      for (let d = 0; d < index.total; d++) {
        if (cover[d] > most) most = cover[d];
        if (cover[d] === asked.length) all++;
      }
      // The entries with every concept; when they are fewer than a page, also those lacking one
      // (a sentence: those matching most of its words), ranked after them.
      const least = all >= PAGE ? asked.length : Math.max(1, most - 1);
      docs = [];
      for (let d = 0; d < index.total; d++) if (cover[d] >= least) docs.push(d);
      if (docs.length > all) partial = { all, most, of: asked.length };
      const { exact, score } = found;
      docs.sort((a, b) => cover[b] - cover[a] || exact[b] - exact[a] || score[b] - score[a] || a - b);
    }
    if (mine !== run) return;

    // 2. The filters, and each option's count (when the filters are open).
    const columns = new Map();
    const wanted = new Set(filters.map((s) => s.name));
    if (details.open) for (const s of selects) wanted.add(s.name);
    if (urut === "skor") wanted.add("skor");
    await Promise.all([...wanted].map(async (key) => columns.set(key, await index.column(key))));
    if (mine !== run) return;
    const tests = filters.map((s) => [s.name, holds(columns.get(s.name), s.value)]);
    if (details.open) counts(selects, docs, columns, tests);
    if (tests.length) docs = docs.filter((d) => tests.every(([, test]) => test(d)));
    if (urut === "mulai") docs.sort((a, b) => a - b);
    else if (urut === "skor") {
      const skor = columns.get("skor").codes;
      const rank = new Map(docs.map((d, i) => [d, i]));
      docs.sort((a, b) => skor[b] - skor[a] || rank.get(a) - rank.get(b));
    }

    results = docs;
    shown = 0;
    list.style.minHeight = "";
    list.replaceChildren();
    await showMore(mine);
    if (mine !== run) return;
    // Announced once the first results are on the page (the status is a live region).
    status.textContent = results.length
      ? `${results.length.toLocaleString("id-ID")} inovasi ditemukan.`
      : "Tidak ada inovasi yang cocok. Coba kata lain atau hapus penyaring.";
    explain(notes, concepts, partial, q, selects, search, general);
  }

  async function showMore(mine) {
    const batch = results.slice(shown, shown + PAGE);
    const cards = await index.cards(batch);
    if (mine !== run) return;
    const items = cards.map((c) => item(c, base, index.m.lencana));
    list.append(...items);
    shown += batch.length;
    more.hidden = shown >= results.length;
    items.forEach((li, k) => excerpt(li, concepts, index, () => mine === run));
  }

  let timer;
  const later = (delay) => {
    clearTimeout(timer);
    timer = setTimeout(search, delay);
  };
  query.addEventListener("input", () => later(TYPING));
  for (const s of [...selects, form.elements.urut]) s.addEventListener("change", () => later(CHOOSING));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    search();
  });
  form.addEventListener("reset", () => setTimeout(() => {
    describeFilters(selects, summary);
    later(0);
  }, 0));
  details.addEventListener("toggle", () => {
    if (details.open) later(0);
  });
  more.addEventListener("click", () => showMore(run));
  await search();
}

// --- filters ---------------------------------------------------------------------------------------

function holds(column, value) {
  const code = column.values.indexOf(value) + 1;
  if (column.single) return (d) => column.codes[d] === code;
  return (d) => column.lists[d].includes(code);
}

function valuesOf(column, d) {
  if (column.single) return column.codes[d] ? [column.codes[d]] : [];
  return column.lists[d];
}

// Each option's count: the results as they would be with that option chosen (the other facets'
// choices kept), so a count is what choosing it gives.
function counts(selects, docs, columns, tests) {
  const tallies = new Map(selects.map((s) => [s.name, new Map()]));
  for (const d of docs) {
    const failed = tests.filter(([, test]) => !test(d));
    if (failed.length > 1) continue;
    for (const s of selects) {
      if (failed.length === 1 && failed[0][0] !== s.name) continue;
      const column = columns.get(s.name);
      const tally = tallies.get(s.name);
      for (const code of valuesOf(column, d)) tally.set(code, (tally.get(code) || 0) + 1);
    }
  }
  for (const s of selects) {
    const column = columns.get(s.name);
    const tally = tallies.get(s.name);
    for (const option of s.options) {
      if (!option.value) continue;
      const n = tally.get(column.values.indexOf(option.value) + 1) || 0;
      option.textContent = `${option.dataset.label} (${n.toLocaleString("id-ID")})`;
    }
  }
}

function describeFilters(selects, summary) {
  const chosen = selects.filter((s) => s.value).map((s) => s.selectedOptions[0].dataset.label || s.value);
  summary.textContent = chosen.length ? `: ${chosen.join(", ")}` : "";
}

// --- what a result shows -----------------------------------------------------------------------------

function item(card, base, badges) {
  const [id, judul, fakta, levels, lengkap, [stateKey, stateText], ringkasan] = card;
  const li = document.createElement("li");
  li.className = "katalog-kartu katalog-cari__item";
  const title = document.createElement("h3");
  title.className = "katalog-kartu__judul";
  const link = document.createElement("a");
  link.href = base + root.dataset.tautan.replace("{id}", encodeURIComponent(id));
  link.textContent = judul;
  title.append(link);
  const facts = document.createElement("p");
  facts.className = "katalog-kartu__fakta";
  facts.textContent = fakta.join(" · ");
  // Its place in the lifecycle: katalog/lencana-kecil.html's `siklus`, before the chips.
  const state = document.createElement("p");
  state.className = `katalog-siklus katalog-siklus--${stateKey}`;
  const said = document.createElement("span");
  said.className = "katalog-sr";
  said.textContent = "Status verifikasi: ";
  state.append(said, stateText);
  const text = document.createElement("p");
  text.className = "katalog-kartu__ringkasan";
  text.textContent = ringkasan;
  // The chips of katalog/lencana-kecil.html (cards' form: no links), in its words.
  const chips = document.createElement("ul");
  chips.className = "katalog-minis";
  let skor = 0;
  badges.kriteria.forEach(([, label, names], k) => {
    const level = Number(levels[k]);
    skor += level;
    const chip = document.createElement("li");
    chip.className = `l${level}`;
    const name = document.createElement("b");
    name.textContent = names[level];
    chip.append(`${label} `, name);
    chips.append(chip);
  });
  if (lengkap) {
    const chip = document.createElement("li");
    chip.className = "lengkap";
    chip.textContent = "Lengkap";
    chips.append(chip);
  }
  chips.setAttribute("aria-label", `Lencana kriteria, ${badges.skor[skor]}`);
  li.append(title, facts, text, state, chips);
  return li;
}

// The words of a concept as they appear in text: the forms the index holds for its stems, or
// the words of its synonym terms or of the province's names.
function formsOf(concept, index) {
  if (concept.kind === "sinonim") {
    return index.synonyms.filter((s) => s.group === concept.group).flatMap((s) => s.words.flatMap(splitHyphens));
  }
  if (concept.kind === "provinsi") return index.provinces.filter((p) => p.slug === concept.slug).flatMap((p) => p.words);
  return concept.forms || [];
}

function splitHyphens(word) {
  return word.includes("-") ? [word, ...word.split("-")] : [word];
}

// When the query's words are not all in the card's summary, the passage of the entry's page
// around them replaces it (the page is fetched; a link the visitor may open next).
async function excerpt(li, concepts, index, current) {
  const asked = concepts.filter((c) => !c.unknown && c.kind !== "provinsi");
  if (!asked.length) return;
  const sets = asked.map((c) => new Set(formsOf(c, index)));
  const summary = li.querySelector(".katalog-kartu__ringkasan");
  const inSummary = matchedIn(summary.textContent, sets);
  if (inSummary.size === sets.length) {
    summary.replaceChildren(...marked(summary.textContent, sets));
    return;
  }
  let html;
  try {
    const response = await fetch(li.querySelector("a").href);
    if (!response.ok) return;
    html = await response.text();
  } catch {
    return;
  }
  if (!current()) return;
  const passage = bestPassage(html, sets);
  if (passage && matchedIn(passage, sets).size > inSummary.size) summary.replaceChildren(...marked(passage, sets));
  else summary.replaceChildren(...marked(summary.textContent, sets));
}

function matchedIn(text, sets) {
  const found = new Set();
  for (const word of rawWords(fold(text))) {
    for (const piece of splitHyphens(word)) sets.forEach((set, k) => set.has(piece) && found.add(k));
  }
  return found;
}

// The passage of the entry's page holding most of the query's concepts: a run of sentences of
// one paragraph (or list item, or table cell) up to EXCERPT characters, the first such in the page.
function bestPassage(html, sets) {
  const page = new DOMParser().parseFromString(html, "text/html");
  const article = page.querySelector("article") || page.body;
  for (const skip of article.querySelectorAll("nav, footer, .katalog-minis, .katalog-alasan, .katalog-kartu-data, h1")) skip.remove();
  let best = null;
  for (const block of article.querySelectorAll("p, li, td, th")) {
    if (block.querySelector("p, li")) continue;
    const text = block.textContent.replace(/\s+/g, " ").trim();
    const sentences = text.split(/(?<=[.!?;])\s+/);
    for (let i = 0; i < sentences.length; i++) {
      let window = sentences[i];
      for (let k = i + 1; k < sentences.length && window.length + sentences[k].length < EXCERPT; k++) {
        window += " " + sentences[k];
      }
      const n = matchedIn(window, sets).size;
      if (n && (!best || n > best.n)) best = { n, window, start: text.indexOf(sentences[i]), text };
    }
  }
  if (!best) return null;
  let passage = best.window.length > EXCERPT ? `${best.window.slice(0, EXCERPT).replace(/\s\S*$/, "")} …` : best.window;
  if (best.start > 0) passage = `… ${passage}`;
  if (best.start + best.window.length < best.text.length && !passage.endsWith("…")) passage = `${passage} …`;
  return passage;
}

// Text nodes with the query's words in <mark>.
function marked(text, sets) {
  const out = [];
  let last = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu)) {
    const word = fold(match[0]);
    if (!splitHyphens(word).some((w) => sets.some((set) => set.has(w)))) continue;
    if (match.index > last) out.push(document.createTextNode(text.slice(last, match.index)));
    const mark = document.createElement("mark");
    mark.textContent = match[0];
    out.push(mark);
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push(document.createTextNode(text.slice(last)));
  return out;
}

// --- what the search says besides the count ------------------------------------------------------------

function explain(notes, concepts, partial, q, selects, search, general) {
  notes.replaceChildren();
  if (general) {
    const p = document.createElement("p");
    p.textContent = `“${q}” hanya berisi kata umum yang tidak dicari; yang ditampilkan semua inovasi.`;
    notes.append(p);
    return;
  }
  const say = (...parts) => {
    const p = document.createElement("p");
    p.append(...parts);
    notes.append(p);
  };
  const em = (text) => {
    const e = document.createElement("em");
    e.textContent = text;
    return e;
  };
  const corrected = concepts.filter((c) => c.correction);
  if (corrected.length) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "katalog-cari__tautan";
    button.textContent = `cari “${q}” saja`;
    button.addEventListener("click", () => search({ exact: true }));
    const words = corrected.flatMap((c, k) => [k ? ", " : "", em(c.correction)]);
    say("Menampilkan hasil untuk ", ...words, corrected.length === 1 ? ` (bukan “${corrected[0].label}”); ` : "; ", button, "?");
  }
  const unknown = concepts.filter((c) => c.unknown);
  if (unknown.length) {
    say(`Kata yang tidak ada di katalog: ${unknown.map((c) => `“${c.label}”`).join(", ")}.`);
  }
  if (partial && partial.all) {
    say(`${partial.all.toLocaleString("id-ID")} inovasi memuat semua kata pencarian; sesudahnya, yang memuat sebagian.`);
  } else if (partial) {
    say(`Tidak ada inovasi yang memuat semua kata pencarian; yang teratas memuat ${partial.most} dari ${partial.of}.`);
  }
  const provinsi = selects.find((s) => s.name === "provinsi");
  for (const c of concepts.filter((c) => c.kind === "provinsi")) {
    if (!provinsi || provinsi.value === c.slug) continue;
    const option = [...provinsi.options].find((o) => o.value === c.slug);
    if (!option) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "katalog-cari__tautan";
    button.textContent = `Saring: Provinsi ${option.dataset.label}`;
    button.addEventListener("click", () => {
      provinsi.value = c.slug;
      provinsi.dispatchEvent(new Event("change", { bubbles: true }));
    });
    say(button);
  }
}

// --- the address ---------------------------------------------------------------------------------------

function readUrl(form) {
  const params = new URLSearchParams(location.search);
  for (const field of form.elements) {
    if (field.name && params.has(field.name)) field.value = params.get(field.name);
  }
}

function writeUrl(form) {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (value) params.set(name, value);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}
