// Jelajahi: search and facets over the Pagefind bundle the katalog plugin builds.
//
// The page writes the search block, shown by CSS only where scripting is on, so nothing appears
// above the province listings after the first paint; if the bundle cannot load, the block goes
// and the listings (which need no JavaScript) stay. The state (query, facets, sort) lives in the
// query string: a search can be shared as a link. Everything shown from the index is set as
// text (textContent), never as HTML.
//
// A query loads only what its results need: the facets' filter files load when the visitor
// opens "Penyaring" (or arrives with a facet chosen); until then each option shows the count
// of the whole catalogue, written in the page.

const root = document.getElementById("katalog-cari");
const PAGE = 20;

if (root) {
  start().catch((error) => {
    console.warn("katalog: pencarian tidak tersedia", error);
  });
}

async function start() {
  const base = root.dataset.base || "./";
  let pagefind;
  try {
    pagefind = await import(new URL(base + "pagefind/pagefind.js", document.baseURI).href);
    await pagefind.options({ baseUrl: "/" });
  } catch (error) {
    root.hidden = true;
    throw error;
  }
  const form = root.querySelector("form");
  const status = root.querySelector("[data-status]");
  const list = root.querySelector("[data-hasil]");
  const more = root.querySelector("[data-lagi]");
  const selects = [...form.querySelectorAll("select")].filter((s) => s.name !== "urut");
  let results = [];
  let shown = 0;
  let run = 0;
  let facetsLoaded = false;

  readUrl(form);
  const penyaring = form.querySelector("details");
  if (selects.some((s) => s.value)) penyaring.open = true;

  // Every facet's filter file: without them a search counts only the facets it filters on.
  async function loadFacets() {
    if (facetsLoaded) return;
    await pagefind.filters();
    facetsLoaded = true;
  }
  penyaring.addEventListener("toggle", async () => {
    if (!penyaring.open || facetsLoaded) return;
    await loadFacets();
    search();
  });
  if (penyaring.open) await loadFacets();

  async function search() {
    const mine = ++run;
    const state = new FormData(form);
    const q = (state.get("q") || "").trim();
    const filters = {};
    for (const select of selects) if (select.value) filters[select.name] = select.value;
    const urut = state.get("urut");
    const sort = urut ? { [urut]: "desc" } : q ? undefined : { mulai: "desc" };
    writeUrl(form);
    const found = await pagefind.search(q || null, { filters, sort });
    if (mine !== run) return; // a newer search has started
    results = found.results;
    shown = 0;
    list.replaceChildren();
    if (facetsLoaded) counts(selects, found.filters || {}, q ? found.totalFilters || {} : null);
    await showMore(mine);
    if (mine !== run) return;
    // Announced once the first results are on the page (the status is a live region).
    status.textContent = results.length
      ? `${results.length.toLocaleString("id-ID")} inovasi ditemukan.`
      : "Tidak ada inovasi yang cocok. Coba kata lain atau hapus penyaring.";
  }

  async function showMore(mine) {
    const batch = results.slice(shown, shown + PAGE);
    const items = await Promise.all(batch.map((r) => r.data()));
    if (mine !== run) return;
    for (const data of items) list.append(item(data, base));
    shown += batch.length;
    more.hidden = shown >= results.length;
  }

  let timer;
  form.addEventListener("input", (event) => {
    list.style.minHeight = "0"; // the space kept for the first results, given back after input
    clearTimeout(timer);
    timer = setTimeout(search, event.target.name === "q" ? 250 : 0);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search();
  });
  form.addEventListener("reset", () => setTimeout(search, 0));
  more.addEventListener("click", () => showMore(run));
  await search();
}

function item(data, base) {
  // A result: its stub is `<id>.html` (search.py), the entry's page is `data-tautan` with that
  // id; `info` is JSON the build wrote, [instansi, wilayah, skor, lengkap]; the summary is
  // Pagefind's excerpt (the ringkasan, or the words around a match), its <mark>s kept.
  const id = decodeURIComponent(data.url.split("/").pop().replace(/\.html$/, ""));
  let info;
  try {
    info = JSON.parse(data.meta.info);
  } catch {
    info = ["", "", 0, false];
  }
  const [instansi, wilayah, skorNilai, lengkap] = info;
  const li = document.createElement("li");
  li.className = "katalog-cari__item";
  const link = document.createElement("a");
  link.href = base + root.dataset.tautan.replace("{id}", encodeURIComponent(id));
  link.textContent = data.meta.title;
  const title = document.createElement("h3");
  title.append(link);
  const who = document.createElement("p");
  who.className = "katalog-cari__instansi";
  const skor = lengkap ? " · lima kriteria lengkap" : "";
  who.textContent = `${instansi} · ${wilayah} · skor ${skorNilai}/${root.dataset.skorMaks}${skor}`;
  const summary = document.createElement("p");
  summary.append(...excerpt(data.excerpt || ""));
  li.append(title, who, summary);
  return li;
}

// Pagefind's excerpt as nodes: text, with its <mark> elements and nothing else. Each piece is
// read as text by an inert document (no script runs, nothing loads), never set as HTML.
function excerpt(html) {
  const nodes = [];
  html.split(/(<mark>.*?<\/mark>)/s).forEach((piece) => {
    const marked = piece.startsWith("<mark>");
    const text = asText(marked ? piece.slice(6, -7) : piece);
    if (!text) return;
    if (marked) {
      const mark = document.createElement("mark");
      mark.textContent = text;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(text));
    }
  });
  return nodes;
}

function asText(html) {
  // Inside an element, so that the parser keeps the piece's leading and trailing spaces.
  return new DOMParser().parseFromString(`<p>${html}</p>`, "text/html").body.textContent || "";
}

function counts(selects, filters, total) {
  // A facet with a value chosen shows what choosing another value would give: for the query
  // alone (Pagefind's totalFilters), or without a query the whole catalogue (the page's counts).
  // The other facets show the counts within the current results.
  for (const select of selects) {
    const found = select.value ? total && (total[select.name] || {}) : filters[select.name] || {};
    for (const option of select.options) {
      if (!option.value) continue;
      const n = found ? found[option.value] || 0 : Number(option.dataset.count);
      option.textContent = `${option.dataset.label} (${n.toLocaleString("id-ID")})`;
    }
  }
}

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
