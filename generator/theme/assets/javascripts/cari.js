// The catalogue's search index, read in the browser: the reader of the files that
// generator/search/index.py writes (its docstring describes them), and the query rules of
// generator/words.py and generator/search/document.py, repeated here so that a query is read
// as the index was made.
//
// A query is read into *concepts*: a synonym term (vocab/sinonim.yaml: "adminduk", "KTP
// elektronik"), a province named by its name or short form ("Jawa Timur", "Jatim"), or a word.
// Stop words are dropped. A word is looked up in the lexicon (every word form the entries use →
// its stem), so "mengurus", "pengurusan" and "urus" ask for the stem `urus`; a form the entries
// never use is taken apart by Indonesian affix rules until a form the lexicon holds appears; a
// word still unknown is corrected to the nearest word the entries use (edit distance up to 2,
// the most frequent first). Entries are ranked by how many concepts they match, then by score.
//
// Files are fetched only when a query needs them, once each, and every fetch carries the index's
// version so that a new build never mixes with files cached from an older one.

const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
const MARKS = /\p{M}/gu;
const MIN_LENGTH = 2;

export function fold(text) {
  return text.normalize("NFKD").replace(MARKS, "").toLowerCase();
}

// The words of a folded text, hyphenated ones whole (as words.findall).
export function rawWords(folded) {
  return folded.match(WORD) || [];
}

// A hyphenated word's parts and, when they differ, the parts joined (as words.parts).
export function parts(word) {
  const pieces = word.split("-").filter(Boolean);
  return new Set(pieces).size > 1 ? [...pieces, pieces.join("")] : pieces;
}

let CRC_TABLE;
function crc32(text) {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of new TextEncoder().encode(text)) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// Letters Indonesians swap when spelling by ear (antri/antre, apotik/apotek, ijin/izin,
// kwalitas/kualitas, foto/poto): swapping one for another costs half an edit.
const SIMILAR = ["aiueo", "fpv", "jz", "kqc", "uw", "iy"];
function substitution(x, y) {
  if (x === y) return 0;
  return SIMILAR.some((group) => group.includes(x) && group.includes(y)) ? 0.5 : 1;
}

// Damerau–Levenshtein distance (adjacent swaps count one), given up beyond `limit`.
export function distance(a, b, limit = 2) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = [];
  for (let i = 0; i <= a.length; i++) rows.push(new Array(b.length + 1).fill(0));
  for (let i = 0; i <= a.length; i++) rows[i][0] = i;
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + substitution(a[i - 1], b[j - 1]));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
  }
  return rows[a.length][b.length];
}

// --- Indonesian affixes: candidate base forms of a word the lexicon does not hold ------------------
// The order follows Sastrawi's: particles, possessives, then derivational suffixes; prefixes with
// their recodings (meny- → s-, mem- → p-, men- → t-, meng- → k-). The first candidate the lexicon
// holds wins, and the stem comes from the lexicon, so a candidate is only a way to find a word the
// index already knows.
const SUFFIXES = [["lah", "kah", "tah", "pun"], ["ku", "mu", "nya"], ["kan", "an", "i"]];
const VOWEL = /^[aiueo]/;

function withoutSuffixes(word) {
  const out = [word];
  let current = [word];
  for (const group of SUFFIXES) {
    const next = [...current];
    for (const w of current) {
      for (const s of group) if (w.length > s.length + 2 && w.endsWith(s)) next.push(w.slice(0, -s.length));
    }
    current = [...new Set(next)];
    out.push(...current);
  }
  return [...new Set(out)];
}

function withoutPrefix(word) {
  const out = [];
  const rest = (n) => word.slice(n);
  const add = (w) => {
    if (w && w.length >= 3) out.push(w);
  };
  for (const p of ["di", "ke", "se"]) if (word.startsWith(p)) add(rest(p.length));
  for (const [p, plain] of [["ber", "be"], ["ter", "te"], ["per", "pe"]]) {
    if (word.startsWith(p)) {
      add(rest(p.length));
      if (VOWEL.test(rest(p.length))) add("r" + rest(p.length));
    } else if (word.startsWith(plain)) {
      add(rest(plain.length));
    }
  }
  for (const m of ["me", "pe"]) {
    if (!word.startsWith(m)) continue;
    const r = rest(2);
    if (r.startsWith("nge")) add(r.slice(3)); // menge-/penge- before a one-syllable base
    if (r.startsWith("ny")) add("s" + r.slice(2));
    if (r.startsWith("ng")) {
      add(r.slice(2));
      if (VOWEL.test(r.slice(2))) add("k" + r.slice(2));
    }
    if (r.startsWith("m")) {
      add(r.slice(1));
      if (VOWEL.test(r.slice(1))) add("p" + r.slice(1));
    }
    if (r.startsWith("n")) {
      add(r.slice(1));
      if (VOWEL.test(r.slice(1))) add("t" + r.slice(1));
    }
    if (/^[lrwy]/.test(r)) add(r);
    if (m === "me" && r.startsWith("mper")) add(r.slice(4));
  }
  return out;
}

export function affixCandidates(word) {
  const out = [];
  const seen = new Set([word]);
  const push = (w) => {
    if (!seen.has(w)) {
      seen.add(w);
      out.push(w);
    }
  };
  const bases = withoutSuffixes(word);
  for (const w of bases) push(w);
  for (const w of bases) {
    for (const once of withoutPrefix(w)) {
      push(once);
      for (const twice of withoutPrefix(once)) push(twice);
    }
  }
  return out.slice(0, 24);
}

// --- the files -----------------------------------------------------------------------------------

async function gunzip(response) {
  if (!response.ok) throw new Error(`${response.status} ${response.url}`);
  const stream = response.body.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

class Reader {
  constructor(bytes) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.at = 0;
  }
  get done() {
    return this.at >= this.bytes.length;
  }
  byte() {
    return this.bytes[this.at++];
  }
  u32() {
    const n = this.view.getUint32(this.at, true);
    this.at += 4;
    return n;
  }
  text() {
    const n = this.byte();
    const s = new TextDecoder().decode(this.bytes.subarray(this.at, this.at + n));
    this.at += n;
    return s;
  }
}

// One stem's record (encode_postings): entries as a bitmap or gaps, one score each.
function readPostings(r, total) {
  const term = r.text();
  const kind = r.byte();
  if (kind === 1) return { term, external: r.text() };
  const df = r.u32();
  const forms = [];
  for (let n = r.byte(); n > 0; n--) forms.push(r.text());
  const width = r.byte();
  const docs = new Uint32Array(df);
  if (width === 0) {
    const size = (total + 7) >> 3;
    let k = 0;
    for (let i = 0; i < size; i++) {
      const b = r.bytes[r.at + i];
      if (!b) continue;
      for (let bit = 0; bit < 8; bit++) if (b & (1 << bit)) docs[k++] = (i << 3) + bit;
    }
    r.at += size;
  } else {
    let last = 0;
    for (let i = 0; i < df; i++) {
      const gap = width === 1 ? r.bytes[r.at] : width === 2 ? r.view.getUint16(r.at, true) : r.view.getUint32(r.at, true);
      r.at += width;
      last = i === 0 ? gap : last + gap;
      docs[i] = last;
    }
  }
  const scores = r.bytes.slice(r.at, r.at + df);
  r.at += df;
  return { term, df, forms, docs, scores };
}

export class Index {
  constructor(base, manifest) {
    this.base = base;
    this.m = manifest;
    this.total = manifest.jumlah;
    this.files = new Map();
    this.stop = new Set(manifest.henti);
    this.provinces = manifest.provinsi.map(([words, slug]) => ({ words, slug }));
    this.synonyms = manifest.sinonim.map(([words, group]) => ({ words, group }));
    this.typoKeys = new Set(manifest.ejaan);
  }

  // The manifest: asked for already by the page's inline script (window.katalogIndeks), or now.
  // Revalidated at every visit: the files it names change with every build.
  static async open(base) {
    let manifest = await (window.katalogIndeks || null);
    if (!manifest) {
      const response = await fetch(base + "indeks.json", { cache: "no-cache" });
      if (!response.ok) throw new Error(`indeks pencarian: ${response.status}`);
      manifest = await response.json();
    }
    if (manifest.format !== 2) throw new Error("indeks pencarian: format tidak dikenal");
    return new Index(base, manifest);
  }

  url(path) {
    return `${this.base}${path}?v=${this.m.versi}`;
  }

  file(path, read) {
    let found = this.files.get(path);
    if (!found) {
      found = fetch(this.url(path)).then(read);
      found.catch(() => this.files.delete(path));
      this.files.set(path, found);
    }
    return found;
  }

  async lexicon(form) {
    const n = crc32(form) % this.m.leksikon;
    const map = await this.file(`leksikon/${n}.bin`, async (response) => {
      const text = new TextDecoder().decode(await gunzip(response));
      const out = new Map();
      for (const line of text.split("\n")) {
        if (!line) continue;
        const tab = line.indexOf("\t");
        if (tab < 0) out.set(line, line);
        else out.set(line.slice(0, tab), line.slice(tab + 1));
      }
      return out;
    });
    return map.get(form);
  }

  async postings(term) {
    const n = crc32(term) % this.m.kata;
    const shard = await this.file(`kata/${n}.bin`, async (response) => {
      const r = new Reader(await gunzip(response));
      const out = new Map();
      while (!r.done) {
        const record = readPostings(r, this.total);
        out.set(record.term, record);
      }
      return out;
    });
    const record = shard.get(term);
    if (!record || record.external === undefined) return record || null;
    return this.file(`kata/besar-${record.external}.bin`, async (response) => readPostings(new Reader(await gunzip(response)), this.total));
  }

  async corrections(word) {
    // Files of words by first letter and length: the word's own length and up to two either side.
    const first = word[0];
    const letter = first >= "a" && first <= "z" ? first : /\p{N}/u.test(first) ? "0" : "_";
    const keys = [];
    for (let len = word.length - 2; len <= word.length + 2; len++) {
      const key = `${letter}-${Math.min(len, 20)}`;
      if (len >= MIN_LENGTH && this.typoKeys.has(key) && !keys.includes(key)) keys.push(key);
    }
    const lists = await Promise.all(keys.map((key) => this.file(`ejaan/${key}.bin`, async (response) => {
      const text = new TextDecoder().decode(await gunzip(response));
      return text.split("\n").filter(Boolean).map((line) => {
        const [w, df, stem] = line.split("\t");
        return [w, Number(df), stem || w];
      });
    })));
    const limit = word.length <= 4 ? 1 : 2;
    let best = null;
    for (const list of lists) {
      for (const [candidate, df, stem] of list) {
        const d = distance(word, candidate, limit);
        if (d > limit) continue;
        if (!best || d < best.d || (d === best.d && df > best.df)) best = { word: candidate, stem, d, df };
      }
    }
    return best;
  }

  chunk(n) {
    return this.file(`entri/${n}.json`, (response) => {
      if (!response.ok) throw new Error(`${response.status} ${response.url}`);
      return response.json();
    });
  }

  async cards(docs) {
    const size = this.m.potongan;
    const chunks = await Promise.all([...new Set(docs.map((d) => Math.floor(d / size)))].map(async (n) => [n, await this.chunk(n)]));
    const byChunk = new Map(chunks);
    return docs.map((d) => byChunk.get(Math.floor(d / size))[d % size]);
  }

  // A facet's column: one value code per entry (0: none), or for a facet with several values per
  // entry, each entry's codes.
  column(key) {
    const info = this.m.kolom[key];
    return this.file(`kolom/${key}.bin`, async (response) => {
      const bytes = await gunzip(response);
      if (info.tunggal) return { single: true, values: info.nilai, codes: bytes };
      const lists = new Array(this.total);
      let at = 0;
      for (let d = 0; d < this.total; d++) {
        const n = bytes[at++];
        lists[d] = bytes.subarray(at, at + n);
        at += n;
      }
      return { single: false, values: info.nilai, lists };
    });
  }

  // --- reading a query ---------------------------------------------------------------------------

  phraseAt(table, words, i) {
    let best = null;
    for (const item of table) {
      const n = item.words.length;
      if (n === 0 || i + n > words.length || (best && n <= best.item.words.length)) continue;
      let same = true;
      for (let k = 0; k < n; k++) if (words[i + k] !== item.words[k]) same = false;
      if (same) best = { item, n };
    }
    return best;
  }

  // The query as concepts: {label, kind: "sinonim" | "provinsi" | "kata", words | terms}.
  parse(query) {
    const raw = rawWords(fold(query));
    const concepts = [];
    for (let i = 0; i < raw.length;) {
      const synonym = this.phraseAt(this.synonyms, raw, i);
      if (synonym) {
        concepts.push({ kind: "sinonim", label: raw.slice(i, i + synonym.n).join(" "), group: synonym.item.group });
        i += synonym.n;
        continue;
      }
      if (this.stop.has(raw[i])) {
        i++;
        continue;
      }
      const province = this.phraseAt(this.provinces, raw, i);
      if (province) {
        concepts.push({ kind: "provinsi", label: raw.slice(i, i + province.n).join(" "), slug: province.item.slug });
        i += province.n;
        continue;
      }
      const word = raw[i];
      const pieces = (word.includes("-") ? parts(word) : [word]).filter((w) => w.length >= MIN_LENGTH && !this.stop.has(w));
      if (pieces.length) concepts.push({ kind: "kata", label: word, words: pieces });
      i++;
    }
    // One concept per meaning: "Jatim Jawa Timur" asks once.
    const seen = new Set();
    return concepts.filter((c) => {
      const key = c.kind === "kata" ? `k:${c.words.join(" ")}` : c.kind === "sinonim" ? `s:${c.group}` : `p:${c.slug}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  synonymOf(word) {
    return this.synonyms.find((s) => s.words.length === 1 && s.words[0] === word);
  }

  provinceOf(word) {
    return this.provinces.find((p) => p.words.length === 1 && p.words[0] === word);
  }

  // The stem of one word: as the lexicon has it, or (not `exact`) of an affixed form the
  // entries do not use.
  async stemOf(word, exact) {
    const found = await this.lexicon(word);
    if (found !== undefined || exact) return found;
    const candidates = affixCandidates(word);
    const stems = await Promise.all(candidates.map((c) => this.lexicon(c)));
    const k = stems.findIndex((s) => s !== undefined);
    return k < 0 ? undefined : stems[k];
  }

  // Each concept with the index terms it asks for; unknown words corrected where they can be
  // (not when the visitor asked for the query `exact`ly as typed).
  async resolve(concepts, { exact = false } = {}) {
    return Promise.all(concepts.map(async (concept) => {
      if (concept.kind === "sinonim") return { ...concept, terms: [`#s:${concept.group}`] };
      if (concept.kind === "provinsi") return { ...concept, terms: [`#p:${concept.slug}`] };
      const stems = (await Promise.all(concept.words.map((w) => this.stemOf(w, exact)))).filter((s) => s !== undefined);
      if (stems.length) return { ...concept, terms: [...new Set(stems)] };
      if (exact) return { ...concept, terms: [], unknown: true };
      // Nothing: the nearest word the entries use (or a synonym term, a province's name).
      const main = concept.words.reduce((a, b) => (b.length > a.length ? b : a));
      const found = await this.corrections(main);
      if (found) {
        const corrected = found.word;
        const synonym = this.synonymOf(corrected);
        if (synonym) return { ...concept, kind: "sinonim", group: synonym.group, terms: [`#s:${synonym.group}`], correction: corrected };
        const province = this.provinceOf(corrected);
        if (province) return { ...concept, kind: "provinsi", slug: province.slug, terms: [`#p:${province.slug}`], correction: corrected };
        return { ...concept, terms: [found.stem], correction: corrected };
      }
      return { ...concept, terms: [], unknown: true };
    }));
  }

  // Every entry matching at least one concept: how many concepts (cover), how many of them as
  // typed (a corrected word's match ranks after a word's own), and a score.
  async match(concepts) {
    const cover = new Uint8Array(this.total);
    const exact = new Uint8Array(this.total);
    const score = new Float32Array(this.total);
    const best = new Float32Array(this.total);
    for (const concept of concepts) {
      if (concept.unknown) continue;
      const records = (await Promise.all(concept.terms.map((t) => this.postings(t)))).filter(Boolean);
      concept.forms = records.flatMap((r) => r.forms);
      best.fill(0);
      const touched = [];
      for (const r of records) {
        const idf = Math.log(1 + (this.total - r.df + 0.5) / (r.df + 0.5));
        for (let i = 0; i < r.df; i++) {
          const d = r.docs[i];
          const s = (idf * r.scores[i]) / 255;
          if (best[d] === 0) touched.push(d);
          if (s > best[d]) best[d] = s;
        }
      }
      const typed = concept.correction ? 0 : 1;
      for (const d of touched) {
        cover[d]++;
        exact[d] += typed;
        score[d] += best[d];
      }
      concept.found = touched.length;
    }
    return { cover, exact, score };
  }
}
