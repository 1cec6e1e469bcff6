"""Reading the body of an issue opened with the *Usulkan inovasi* form (`issueform`) back into an
entry's front matter: what `katalog new --dari-isu BODY.md` writes as a draft.

GitHub writes each answer under its question's label (`### Label`, a blank line, the answer;
`_No response_` for a blank; checkboxes as `- [X] text`). Answers are read the way people write
them: dates as `1 Maret 2024` or `1-3-2024`, numbers as `1.250` or `24,5%`, years as `2023-2025`,
lists one item per line with `|` between the parts. Every problem is a diagnostic that names the
form's label and the line of the body, in plain Indonesian; nothing here raises on bad input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from difflib import get_close_matches
from typing import Any

from . import numbers
from . import vocabulary as v
from .diagnostics import ERROR, WARNING, Diagnostic
from .issueform import BY_ID, BY_LABEL, QUESTIONS, Column, Question
from .text import BULAN, angka

MAX_CHARS = 65_536
"""GitHub caps an issue body at 65,536 characters; anything longer is not from the form."""

NO_RESPONSE = "_No response_"
_HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*$")
_CHECKBOX = re.compile(r"^\s*[-*]\s*\[([ xX])\]\s*(.*)$")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)")
_RANGE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:-|–|—|s\.?\s*d\.?|sampai|hingga)\s*((?:19|20)\d\d)(?!\d)", re.I)
_MONTHS = {name.lower(): n for n, name in enumerate(BULAN, 1)}
_MONTHS.update({name.lower()[:3]: n for n, name in enumerate(BULAN, 1)})
_MONTHS.update({"agt": 8, "ags": 8, "sept": 9, "nop": 11, "nopember": 11, "pebruari": 2})
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_TABLE_RULE = re.compile(r"^[\s|:\-]+$")


@dataclass
class Answer:
    line: int  # 1-based line of the body where the answer starts
    text: str  # "" for `_No response_`


@dataclass
class Intake:
    """The front matter read from an issue body (None when a required answer is unusable), the
    body of the entry, the problems found, and where each list item came from."""

    display: str
    data: dict[str, Any] | None = None
    body: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    item_lines: dict[str, int] = field(default_factory=dict)  # "hasil[1]" → body line
    answer_lines: dict[str, int] = field(default_factory=dict)  # question id → body line

    @property
    def ok(self) -> bool:
        return self.data is not None and not any(d.is_error for d in self.diagnostics)

    def add(self, q: Question, line: int, message: str, severity: str = ERROR) -> None:
        self.diagnostics.append(Diagnostic(self.display, line, 1, severity, q.label, message))

    def explain(self, field_path: str, message: str) -> tuple[str, int, str]:
        """A validation finding in the form's words: (label, body line, message). A rule that
        names another key ("… memerlukan tanggal.penerapan") is placed at that key's question,
        and every key path in the message is replaced by its question's label."""
        named = [q for q in sorted(QUESTIONS, key=lambda q: -len(q.key))
                 if ("." in q.key or "_" in q.key) and re.search(rf"(?<![\w.`]){re.escape(q.key)}(?![\w.])", message)]
        target = next((q.key for q in named if q.key.startswith(field_path + ".") or q.key == field_path or
                       (field_path and q.key.split(".")[0] == field_path)), field_path)
        label, line, where = self.locate(target)
        for q in named:
            message = re.sub(rf"(?<![\w.`]){re.escape(q.key)}(?![\w.])", f"'{q.label}'", message)
        return label, line, f"{where}: {message}" if where else message

    def locate(self, field_path: str) -> tuple[str, int, str]:
        """A model field path (`hasil[1].sesudah.tanggal`) as the form's words: the label, the body
        line and the column named in a one-per-line answer ("" when none)."""
        best: Question | None = None
        for q in QUESTIONS:
            if q.key and (field_path == q.key or field_path.startswith((q.key + ".", q.key + "["))):
                if best is None or len(q.key) > len(best.key):
                    best = q
        if best is None:
            return "", 1, ""
        line = self.answer_lines.get(best.id, 1)
        rest = field_path[len(best.key):]
        match = re.match(r"^\[(\d+)\]\.?(.*)$", rest)
        if not match:
            return best.label, line, ""
        index, sub = int(match.group(1)), match.group(2)
        line = self.item_lines.get(f"{best.key}[{index}]", line)
        column = next((c.name for c in best.columns if sub == c.key or sub.startswith(c.key + ".")), "")
        if not column and best.columns:
            column = next((c.name for c in best.columns if c.key.startswith(sub + ".")), "")
        where = f"baris ke-{index + 1}" + (f", bagian '{column}'" if column else "")
        return best.label, line, where


def sections(text: str) -> dict[str, Answer]:
    """Question id → its answer. Only headings that are the form's labels split the body, so an
    answer may hold `###` lines of its own."""
    found: dict[str, Answer] = {}
    current: str | None = None
    lines: list[str] = []
    start = 0

    def close() -> None:
        if current is not None and current not in found:
            answer = "\n".join(lines).strip("\n")
            found[current] = Answer(start, "" if answer.strip() == NO_RESPONSE else _unfence(answer))

    for number, line in enumerate(text.splitlines(), 1):
        heading = _HEADING.match(line)
        if heading and heading.group(1) in BY_LABEL:
            close()
            current, lines, start = BY_LABEL[heading.group(1)].id, [], number + 1
            continue
        if current is not None:
            if not lines and not line.strip():
                start = number + 1
                continue
            lines.append(line)
    close()
    return found


def _unfence(text: str) -> str:
    lines = text.strip().splitlines()
    if len(lines) >= 2 and lines[0].startswith("```") and lines[-1].strip() == "```":
        return "\n".join(lines[1:-1])
    return text.strip()


def one_line(text: str) -> str:
    return " ".join(text.split())


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.strip().casefold())


def vocab_value(text: str, vocabulary: str) -> tuple[str | None, str | None]:
    """(slug, None) for a slug or a label of the vocabulary written in any case; (slug, note) for a
    near miss read as the closest value; (None, message) when nothing is close."""
    values = v.ALL[vocabulary]
    wanted = _norm(text)
    for slug, label in values.items():
        if wanted in (_norm(slug), _norm(label)):
            return slug, None
    by_norm = {_norm(slug): slug for slug in values} | {_norm(label): slug for slug, label in values.items()}
    close = get_close_matches(wanted, list(by_norm), n=1, cutoff=0.75)
    if close:
        slug = by_norm[close[0]]
        return slug, f"'{text}' dibaca sebagai '{slug}' ({values[slug]}); perbaiki bila salah"
    listed = ", ".join(values)
    return None, f"'{text}' bukan pilihan yang dikenal; pilih salah satu: {listed}"


def _multiple(text: str, q: Question) -> tuple[list[str], list[str]]:
    """A multi-select answer, `A, B` — labels may hold commas themselves, so known labels are
    matched longest first."""
    labels = sorted(((label, slug) for slug, label in v.ALL[q.vocabulary].items()), key=lambda x: -len(x[0]))
    rest = text.strip()
    chosen: list[str] = []
    problems: list[str] = []
    while rest:
        for label, slug in labels:
            if rest.casefold().startswith(label.casefold()) and rest[len(label):len(label) + 1] in ("", ","):
                chosen.append(slug)
                rest = rest[len(label):].lstrip(", ").strip()
                break
        else:
            piece, _, rest = rest.partition(",")
            rest = rest.strip()
            slug, note = vocab_value(piece.strip(), q.vocabulary)
            if slug is None or note:
                problems.append(note or "")
            if slug:
                chosen.append(slug)
    return list(dict.fromkeys(chosen)), [p for p in problems if p]


def read_date(text: str) -> date | None:
    """`2024-03-01`, `2024-3-1`, `1-3-2024`, `1/3/2024`, `1.3.2024`, `1 Maret 2024` → the date;
    None when it is not a date (or not one on the calendar)."""
    t = text.strip().rstrip(".")
    try:
        m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", t)
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", t)
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        m = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})", t)
        if m and m.group(2).lower() in _MONTHS:
            return date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    except ValueError:
        return None
    return None


_DATE_HELP = "tulis tanggal seperti 2024-03-01, 1-3-2024 atau 1 Maret 2024"


def read_number(text: str) -> tuple[float | None, str | None]:
    reading = numbers.read(text)
    if reading is None:
        return None, f"'{text}' bukan angka; tulis angkanya saja, misalnya 1.250 atau 24,5"
    if reading.other is not None:
        return None, (f"'{text}' bisa berarti {angka(reading.value)} atau {angka(reading.other)}; tulis "
                      f"{angka(reading.value)} bila maksudnya ribuan (titik pemisah ribuan), atau {angka(reading.other)} "
                      "bila pecahan (koma tanda desimal)")
    return reading.value, None


def _plain_number(value: float) -> int | float:
    return int(value) if value == int(value) else value


def read_years(text: str) -> list[int] | None:
    years: list[int] = []
    for start, end in _RANGE.findall(text):
        low, high = sorted((int(start), int(end)))
        if high - low <= 50:
            years += range(low, high + 1)
    years += [int(y) for y in _YEAR.findall(_RANGE.sub(" ", text))]
    return sorted(set(years)) or None


def read_url(text: str) -> str:
    url = text.strip().strip("<>").strip()
    if url.lower().startswith("www."):
        url = "https://" + url
    return url


def read_email(text: str) -> str:
    email = text.strip().strip("<>").strip()
    if email.lower().startswith("mailto:"):
        email = email[len("mailto:"):]
    return email.strip()


def _cells(line: str) -> list[str]:
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|"):
        text = text[:-1]
    return [" ".join(cell.split()) for cell in text.split("|")]


def _set(target: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for key in parents:
        target = target.setdefault(key, {})
    target[last] = value


def _header_line(cells: list[str], columns: tuple[Column, ...]) -> bool:
    return [c.casefold() for c in cells[:2]] == [c.name.casefold() for c in columns[:2]]


class _Reader:
    def __init__(self, intake: Intake, answers: dict[str, Answer]):
        self.intake = intake
        self.answers = answers

    def text(self, qid: str) -> str:
        answer = self.answers.get(qid)
        return answer.text if answer else ""

    def line(self, qid: str) -> int:
        answer = self.answers.get(qid)
        return answer.line if answer else 1

    def error(self, qid: str, message: str, line: int | None = None, severity: str = ERROR) -> None:
        self.intake.add(BY_ID[qid], line or self.line(qid), message, severity)

    def choice(self, qid: str) -> str | None:
        raw = one_line(self.text(qid))
        if not raw:
            return None
        slug, note = vocab_value(raw, BY_ID[qid].vocabulary)
        if note:
            self.error(qid, note, severity=WARNING if slug else ERROR)
        return slug

    def date(self, qid: str) -> str | None:
        raw = one_line(self.text(qid))
        if not raw:
            return None
        day = read_date(raw)
        if day is None:
            self.error(qid, f"'{raw}' bukan tanggal yang dikenali; {_DATE_HELP}")
            return None
        return day.isoformat()

    def rows(self, qid: str, read_row) -> list[dict[str, Any]]:
        q = BY_ID[qid]
        items: list[dict[str, Any]] = []
        start = self.line(qid)
        for offset, raw in enumerate(self.text(qid).splitlines()):
            line = _BULLET.sub("", raw).strip()
            if not line or line.startswith("```") or _TABLE_RULE.fullmatch(line):
                continue
            cells = _cells(line)
            if _header_line(cells, q.columns):
                continue
            number = start + offset
            if len(cells) > len(q.columns):
                self.error(qid, f"baris '{line[:60]}' berisi {len(cells)} bagian, padahal paling banyak "
                                f"{len(q.columns)}: {' | '.join(c.name for c in q.columns)}", number)
                continue
            cells += [""] * (len(q.columns) - len(cells))
            missing = [c.name for c, cell in zip(q.columns, cells, strict=True) if c.required and not cell]
            if missing:
                self.error(qid, f"baris '{line[:60]}': bagian {', '.join(missing)} belum diisi "
                                f"(urutannya: {' | '.join(c.name for c in q.columns)})", number)
                continue
            item = read_row(dict(zip((c.name for c in q.columns), cells, strict=True)), number)
            if item is not None:
                self.intake.item_lines[f"{q.key}[{len(items)}]"] = number
                items.append(item)
        return items


def read_issue(text: str, display: str, today: date) -> Intake:
    """The draft's front matter and body from an issue body; `data` is None when the body holds
    errors of its own (the draft is then not validated further)."""
    intake = Intake(display)
    if len(text) > MAX_CHARS:
        intake.diagnostics.append(Diagnostic(display, 1, 1, ERROR, "", f"isi isu terlalu panjang ({len(text)} karakter); "
                                             f"batasnya {MAX_CHARS}"))
        return intake
    answers = sections(text.replace("\r\n", "\n").replace("\r", "\n"))
    intake.answer_lines = {qid: a.line for qid, a in answers.items()}
    if not answers:
        intake.diagnostics.append(Diagnostic(display, 1, 1, ERROR, "", "isi isu ini tidak berasal dari formulir "
                                             "'Usulkan inovasi' (tidak ada satu pun judul pertanyaannya)"))
        return intake
    r = _Reader(intake, answers)
    for q in QUESTIONS:
        if q.kind == "markdown":
            continue
        if q.id not in answers and q.required:
            r.error(q.id, "pertanyaan ini tidak ada di isi isu; buat isu dengan formulir 'Usulkan inovasi' "
                          "atau salin judul pertanyaannya (### …) apa adanya")
        elif q.required and not answers[q.id].text.strip():
            r.error(q.id, "wajib diisi")

    data: dict[str, Any] = {}
    for qid in ("judul", "ringkasan"):
        if r.text(qid):
            data[qid] = one_line(r.text(qid))
    instansi = {"nama": one_line(r.text("instansi")), "jenis": r.choice("jenis_instansi")}
    data["instansi"] = {k: val for k, val in instansi.items() if val}
    if r.text("unit"):
        data["unit"] = one_line(r.text("unit"))
    wilayah = {"provinsi": r.choice("provinsi"), "kabupaten_kota": one_line(r.text("kabupaten_kota")),
               "kode": one_line(r.text("kode"))}
    data["wilayah"] = {k: val for k, val in wilayah.items() if val}
    for qid in ("tahapan", "status"):
        if (value := r.choice(qid)) is not None:
            data[qid] = value
    tanggal = {"mulai": r.date("mulai"), "penerapan": r.date("penerapan"), "berhenti": r.date("berhenti")}
    data["tanggal"] = {k: val for k, val in tanggal.items() if val}
    for qid in ("jenis", "bentuk"):
        if (value := r.choice(qid)) is not None:
            data[qid] = value
    if r.text("urusan"):
        urusan, problems = _multiple(r.text("urusan"), BY_ID["urusan"])
        for problem in problems:
            r.error("urusan", problem, severity=WARNING if urusan else ERROR)
        if urusan:
            data["urusan"] = urusan
    if r.text("masalah"):
        data["masalah"] = one_line(r.text("masalah"))
    data["diperbarui"] = today.isoformat()

    jenis_kebaruan, uraian = r.choice("kebaruan_jenis"), one_line(r.text("kebaruan_uraian"))
    if jenis_kebaruan and uraian:
        data["kebaruan"] = {"jenis": jenis_kebaruan, "uraian": uraian}
    elif jenis_kebaruan or uraian:
        missing = "kebaruan_uraian" if jenis_kebaruan else "kebaruan_jenis"
        r.error(missing, f"isi juga '{BY_ID[missing].label}' (keduanya diperlukan untuk kebaruan)",
                line=r.line("kebaruan_jenis" if jenis_kebaruan else "kebaruan_uraian"))

    replikasi_dari = r.rows("replikasi_dari", lambda cells, line: _origin(cells))
    if replikasi_dari:
        data["replikasi_dari"] = replikasi_dari
    hasil = r.rows("hasil", lambda cells, line: _hasil(r, cells, line))
    if hasil:
        data["hasil"] = hasil
    evaluasi = r.rows("evaluasi", lambda cells, line: _with_vocab(r, "evaluasi", cells, line, "jenis", "jenis_evaluasi"))
    if evaluasi:
        data["evaluasi"] = evaluasi
    _manfaat(r, data)
    _guide(r, data)
    _sustainability(r, data)
    penghargaan = r.rows("penghargaan", lambda cells, line: _with_vocab(r, "penghargaan", cells, line, "ajang", "ajang"))
    if penghargaan:
        data["penghargaan"] = penghargaan
    kontak = {"jabatan": one_line(r.text("kontak_jabatan")), "email": read_email(one_line(r.text("kontak_email"))),
              "telepon": one_line(r.text("kontak_telepon"))}
    if any(kontak.values()):
        data["kontak"] = {k: val for k, val in kontak.items() if val}
        if not kontak["jabatan"]:
            r.error("kontak_jabatan", "isi jabatan yang dapat dihubungi (bukan nama pribadi) bila email atau telepon "
                                      "diisi")
    if r.text("situs"):
        data["tautan"] = {"situs": read_url(one_line(r.text("situs")))}
    data["draf"] = True

    check = answers.get("persetujuan")
    if check is not None:
        marks = [m for m in map(_CHECKBOX.match, check.text.splitlines()) if m]
        if not marks or any(m.group(1) == " " for m in marks):
            r.error("persetujuan", "centang pernyataan bahwa data ini benar dan boleh diterbitkan")

    cerita = r.text("cerita").strip("\n")
    intake.body = cerita
    if not any(d.is_error for d in intake.diagnostics):
        intake.data = data
    return intake


def _origin(cells: dict[str, str]) -> dict[str, Any]:
    first, link = cells["inovasi atau instansi"], cells["tautan"]
    if not link and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", first):
        return {"inovasi": first}
    return {"instansi": first, **({"tautan": read_url(link)} if link else {})}


def _year(r: _Reader, qid: str, text: str, line: int, what: str) -> int | None:
    years = read_years(text)
    if not years or len(years) != 1:
        r.error(qid, f"{what}: '{text}' bukan satu tahun (misalnya 2023)", line)
        return None
    return years[0]


def _hasil(r: _Reader, cells: dict[str, str], line: int) -> dict[str, Any] | None:
    item: dict[str, Any] = {"indikator": cells["indikator"]}
    if cells["satuan"]:
        item["satuan"] = cells["satuan"]
    ok = True
    for side in ("sebelum", "sesudah"):
        raw, raw_day = cells[side], cells[f"tanggal {side}"]
        if not raw:
            if raw_day:
                r.error("hasil", f"baris '{cells['indikator']}': ada tanggal {side} tetapi nilainya kosong", line)
                ok = False
            continue
        value, problem = read_number(raw)
        if problem:
            r.error("hasil", f"baris '{cells['indikator']}', bagian '{side}': {problem}", line)
            ok = False
            continue
        measurement: dict[str, Any] = {"nilai": _plain_number(value)}
        if raw_day:
            day = read_date(raw_day)
            if day is None:
                r.error("hasil", f"baris '{cells['indikator']}', bagian 'tanggal {side}': '{raw_day}' bukan tanggal; "
                                 f"{_DATE_HELP}", line)
                ok = False
                continue
            measurement["tanggal"] = day.isoformat()
        item[side] = measurement
    if cells["sumber"]:
        item["sumber"] = cells["sumber"]
    if cells["tautan bukti"]:
        item["bukti"] = read_url(cells["tautan bukti"])
    return item if ok else None


def _with_vocab(r: _Reader, qid: str, cells: dict[str, str], line: int, vocab_column: str,
                vocabulary: str) -> dict[str, Any] | None:
    """One line of a list whose first part is a closed vocabulary and that has a year (evaluasi,
    dasar hukum, penghargaan), in the model's key order (the columns' order)."""
    item: dict[str, Any] = {}
    ok = True
    for column in BY_ID[qid].columns:
        cell = cells[column.name]
        if not cell:
            continue
        if column.name == vocab_column:
            slug, note = vocab_value(cell, vocabulary)
            if note:
                r.error(qid, f"bagian '{vocab_column}': {note}", line, severity=WARNING if slug else ERROR)
            ok = ok and slug is not None
            item[column.key] = slug
        elif column.name == "tahun":
            year = _year(r, qid, cell, line, "bagian 'tahun'")
            ok = ok and year is not None
            item[column.key] = year
        elif column.name == "tautan":
            item[column.key] = read_url(cell)
        else:
            item[column.key] = cell
    return item if ok else None


def _manfaat(r: _Reader, data: dict[str, Any]) -> None:
    dasar = r.choice("manfaat_dasar")
    raw = one_line(r.text("manfaat_nilai"))
    keterangan = one_line(r.text("manfaat_keterangan"))
    bukti = read_url(one_line(r.text("manfaat_bukti")))
    if not (dasar or raw or keterangan or bukti):
        return
    if not dasar:
        r.error("manfaat_dasar", "pilih dasar manfaat agar angka manfaat dapat dibaca", line=r.line("manfaat_nilai"))
        return
    manfaat: dict[str, Any] = {"dasar": dasar}
    if raw:
        value, problem = read_number(raw)
        if problem:
            r.error("manfaat_nilai", problem)
        else:
            manfaat["nilai"] = _plain_number(value)
    if keterangan:
        manfaat["keterangan"] = keterangan
    if bukti:
        manfaat["bukti"] = bukti
    data["manfaat"] = manfaat


def _guide(r: _Reader, data: dict[str, Any]) -> None:
    bentuk = r.choice("panduan_bentuk")
    tautan = read_url(one_line(r.text("panduan_tautan")))
    kebutuhan = one_line(r.text("panduan_kebutuhan"))
    if not (bentuk or tautan or kebutuhan):
        return
    if not bentuk:
        r.error("panduan_bentuk", "pilih bentuk panduan replikasi (cetak, elektronik atau daring)",
                line=r.line("panduan_tautan"))
        return
    guide: dict[str, Any] = {"bentuk": bentuk}
    if tautan:
        guide["tautan"] = tautan
    if kebutuhan:
        guide["kebutuhan"] = kebutuhan
    data["panduan_replikasi"] = guide


def _sustainability(r: _Reader, data: dict[str, Any]) -> None:
    keberlanjutan: dict[str, Any] = {}
    dasar_hukum = r.rows("dasar_hukum", lambda cells, line: _with_vocab(r, "dasar_hukum", cells, line, "jenis",
                                                                        "jenis_dasar_hukum"))
    if dasar_hukum:
        keberlanjutan["dasar_hukum"] = dasar_hukum
    raw = one_line(r.text("anggaran"))
    if raw:
        years = read_years(raw)
        if years is None:
            r.error("anggaran", f"'{raw}' tidak memuat tahun; tulis misalnya 2024, 2025, 2026 atau 2023-2026")
        else:
            keberlanjutan["anggaran"] = years
    sumber = [one_line(s) for s in re.split(r"[,;\n]", r.text("sumber_anggaran")) if s.strip()]
    if sumber:
        keberlanjutan["sumber_anggaran"] = list(dict.fromkeys(sumber))
    pelaksana = {"unit": one_line(r.text("pelaksana_unit")), "sk": one_line(r.text("pelaksana_sk"))}
    if any(pelaksana.values()):
        keberlanjutan["pelaksana"] = {k: val for k, val in pelaksana.items() if val}
    if keberlanjutan:
        data["keberlanjutan"] = keberlanjutan
