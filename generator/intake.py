"""Reading the answers to the *Usulkan inovasi* questions (`issueform`) back into an entry: from
the body of an issue opened with the form (`katalog new --dari-isu`) or from a row of a
spreadsheet whose columns are the form's labels (`katalog impor`). One reader, one set of rules.

GitHub writes each answer under its question's label (`### Label`, a blank line, the answer;
`_No response_` for a blank; checkboxes as `- [X] text`), in the form's order. Answers are read
the way people write them (`reading`): dates as `1 Maret 2024` or `1-3-2024`, numbers as `1.250`
or `24,5%`, years as `2023-2025`, labels or slugs or other words for a value in any case, legal
citations as `Perbup No. 17/2022`, lists one item per line with `|` between the parts.

`read_issue` / `read_answers` read; `check` then judges the entry as it would be written, in one
pass: every problem of every answer, the entry's own rules, and whether it is complete enough to
publish (else it is a draft, and `needs` says what publication still needs). Every finding names
the form's label and where the answer is (a line of the body, or a row and column of the sheet),
in plain Indonesian; nothing here raises on bad input.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import numbers, reading
from .criteria import Assessment, assess
from .diagnostics import ERROR, WARNING, Diagnostic
from .issueform import BY_ID, BY_LABEL, QUESTIONS, Column, Question
from .model import Entry
from .placeholders import BODY
from .text import angka

MAX_CHARS = 65_536
"""GitHub caps an issue body at 65,536 characters; anything longer is not from the form."""

NO_RESPONSE = "_No response_"
_HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*$")
_CHECKBOX = re.compile(r"^\s*[-*]\s*\[([ xX])\]\s*(.*)$")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_TABLE_RULE = re.compile(r"^[\s|:\-]+$")
_URL_START = re.compile(r"^(?:https?://|www\.)", re.I)
ANSWERED = tuple(q for q in QUESTIONS if q.kind != "markdown")
_ORDER = {q.id: n for n, q in enumerate(ANSWERED)}
_FREE_TEXT = frozenset(q.id for q in ANSWERED if q.kind == "textarea")
_KEYED = tuple((q, tuple(q.key.split("."))) for q in ANSWERED if q.key and q.kind != "checkboxes")
"""The questions an entry's front matter answers, each with its key path (`answers_of`)."""

# Re-exported: the readers of dates and years used to live here.
read_date = reading.read_date
read_years = reading.read_years


@dataclass
class Answer:
    line: int  # where the answer starts: a line of the issue body, or the sheet's row
    text: str  # "" for `_No response_` or a blank cell
    col: int = 1  # the sheet's column (1 in an issue body)
    spread: bool = True  # each line of the answer on a line of its own (an issue body), not one cell


@dataclass
class Intake:
    """The front matter read from the answers, the body of the entry, the problems found, where
    each list item came from, and (after `check`) the verdict: published, a draft, or neither."""

    display: str
    data: dict[str, Any] | None = None
    body: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    item_lines: dict[str, int] = field(default_factory=dict)  # "hasil[1]" → body line
    answer_lines: dict[str, int] = field(default_factory=dict)  # question id → body line
    answer_cols: dict[str, int] = field(default_factory=dict)  # question id → sheet column
    needs: list[Diagnostic] = field(default_factory=list)  # what publication still needs (a draft)
    publish: bool = False  # complete enough to publish (set by `check`)
    checked: bool = False
    assessment: Assessment | None = None

    @property
    def ok(self) -> bool:
        """Nothing stops the entry from being written (as published or as a draft)."""
        return self.data is not None and not any(d.is_error for d in self.diagnostics)

    @property
    def front_matter(self) -> dict[str, Any]:
        """The front matter to write: `draf: true` only when publication still needs something."""
        data = dict(self.data or {})
        if not self.publish:
            data["draf"] = True
        return data

    @property
    def story(self) -> str:
        return self.body or BODY

    def add(self, q: Question | None, line: int, message: str, severity: str = ERROR, col: int | None = None) -> None:
        label = q.label if q else ""
        if col is None:
            col = self.answer_cols.get(q.id, 1) if q else 1
        self.diagnostics.append(Diagnostic(self.display, line, col, severity, label, message))

    def explain(self, field_path: str, message: str) -> tuple[str, int, str]:
        """A validation finding in the form's words: (label, line, message). A rule that names
        another key ("… memerlukan tanggal.penerapan") is placed at that key's question, and
        every key path in the message is replaced by its question's label."""
        named = [q for q in sorted(ANSWERED, key=lambda q: -len(q.key))
                 if ("." in q.key or "_" in q.key) and re.search(rf"(?<![\w.`]){re.escape(q.key)}(?![\w.])", message)]
        target = next((q.key for q in named if q.key.startswith(field_path + ".") or q.key == field_path or
                       (field_path and q.key.split(".")[0] == field_path)), field_path)
        label, line, where = self.locate(target)
        for q in named:
            message = re.sub(rf"(?<![\w.`]){re.escape(q.key)}(?![\w.])", f"'{q.label}'", message)
        return label, line, f"{where}: {message}" if where else message

    def question_of(self, field_path: str) -> Question | None:
        best: Question | None = None
        for q in ANSWERED:
            if q.key and (field_path == q.key or field_path.startswith((q.key + ".", q.key + "["))):
                if best is None or len(q.key) > len(best.key):
                    best = q
        return best

    def locate(self, field_path: str) -> tuple[str, int, str]:
        """A model field path (`hasil[1].sesudah.tanggal`) as the form's words: the label, the
        line and the column named in a one-per-line answer ("" when none)."""
        best = self.question_of(field_path)
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


# --- the issue body -----------------------------------------------------------------------------


def _longest_rising(orders: list[int]) -> list[int]:
    """Indexes of the longest strictly rising run of `orders` (a subsequence, not contiguous);
    of equal copies, the last before the next rise is kept."""
    tails: list[int] = []  # order at the end of the best run of each length
    ends: list[int] = []  # index where that run ends
    before = [-1] * len(orders)
    for index, order in enumerate(orders):
        at = bisect_left(tails, order)
        before[index] = ends[at - 1] if at else -1
        if at == len(tails):
            tails.append(order)
            ends.append(index)
        else:
            tails[at], ends[at] = order, index
    run: list[int] = []
    index = ends[-1] if ends else -1
    while index >= 0:
        run.append(index)
        index = before[index]
    return run[::-1]


def read_sections(text: str) -> tuple[dict[str, Answer], list[tuple[str, int, str]]]:
    """Question id → its answer, and the structural problems found (question id, line, message).

    Sections are read in the form's order, as GitHub writes them: of the lines that are a
    question's heading, the longest run that follows the form's order opens the sections, so a
    heading-like line inside an answer (`### Provinsi` in the story) stays in that answer. A
    heading left out of that run is a repeated section when it falls outside any answer, in its
    own question's answer, or in a one-line answer (GitHub writes those on one line): reported,
    never silently dropped."""
    lines = text.splitlines()
    headings: list[tuple[int, str]] = []  # (0-based line, question id)
    for number, line in enumerate(lines):
        if line.startswith("###") and (m := _HEADING.match(line)) and (q := BY_LABEL.get(m.group(1))) is not None:
            if q.kind != "markdown":
                headings.append((number, q.id))
    chosen = [headings[i] for i in _longest_rising([_ORDER[qid] for _, qid in headings])]
    starts = {number for number, _ in chosen}
    owner_at: dict[int, str | None] = {}
    position = -1
    for number in range(len(lines)):
        if position + 1 < len(chosen) and chosen[position + 1][0] == number:
            position += 1
        owner_at[number] = chosen[position][1] if position >= 0 else None
    stray = {number: qid for number, qid in headings if number not in starts}
    found: dict[str, Answer] = {}
    for position, (number, qid) in enumerate(chosen):
        end = chosen[position + 1][0] if position + 1 < len(chosen) else len(lines)
        if qid not in _FREE_TEXT:  # a one-line answer ends at a stray heading: that is another section
            end = next((n for n in range(number + 1, end) if n in stray), end)
        body = lines[number + 1:end]
        first = next((i for i, line in enumerate(body) if line.strip()), len(body))
        answer = "\n".join(body[first:]).strip("\n")
        found[qid] = Answer(number + 2 + first, "" if answer.strip() == NO_RESPONSE else _unfence(answer))
    problems: list[tuple[str, int, str]] = []
    used = {qid: number for number, qid in chosen}
    for number, qid in stray.items():
        owner = owner_at[number]
        if owner is not None and owner != qid and owner in _FREE_TEXT:
            continue  # a heading-like line inside a free-text answer is part of that answer
        if qid in used:
            message = (f"bagian ini ditulis lebih dari sekali (baris {min(used[qid], number) + 1} dan "
                       f"{max(used[qid], number) + 1}); hapus salah satunya agar jelas jawaban mana yang dipakai")
        else:
            previous = next((q.label for q in reversed(ANSWERED[:_ORDER[qid]]) if q.id in used), None)
            where = f"sesudah '{previous}'" if previous else "di awal"
            message = (f"bagian ini (baris {number + 1}) tidak pada urutan formulir, sehingga tidak terbaca; "
                       f"pindahkan ke {where}, atau buat isu dengan formulir 'Usulkan inovasi'")
        problems.append((qid, number + 1, message))
    return found, problems


def sections(text: str) -> dict[str, Answer]:
    return read_sections(text)[0]


def _unfence(text: str) -> str:
    lines = text.strip().splitlines()
    if len(lines) >= 2 and lines[0].startswith("```") and lines[-1].strip() == "```":
        return "\n".join(lines[1:-1])
    return text.strip()


def one_line(text: str) -> str:
    return " ".join(text.split())


def read_number(text: str) -> tuple[float | None, str | None]:
    reading_ = numbers.read(text)
    if reading_ is None:
        return None, f"'{text}' bukan angka; tulis angkanya saja, misalnya 1.250 atau 24,5"
    if reading_.other is not None:
        return None, (f"'{text}' bisa berarti {angka(reading_.value)} atau {angka(reading_.other)}; tulis "
                      f"{angka(reading_.value)} bila maksudnya ribuan (titik pemisah ribuan), atau "
                      f"{angka(reading_.other)} bila pecahan (koma tanda desimal)")
    return reading_.value, None


def _plain_number(value: float) -> int | float:
    return int(value) if value == int(value) else value


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
        slug, note = reading.choice(raw, BY_ID[qid].vocabulary or "")
        if note:
            self.error(qid, note, severity=WARNING if slug else ERROR)
        return slug

    def date(self, qid: str) -> str | None:
        raw = one_line(self.text(qid))
        if not raw:
            return None
        day = reading.read_date(raw)
        if day is None:
            self.error(qid, reading.date_problem(raw, f"'{BY_ID[qid].label}'"))
            return None
        return day.isoformat()

    def rows(self, qid: str, read_row, *, free: bool = False) -> list[dict[str, Any]]:
        """One item per line of a one-per-line answer. `free`: a line may hold fewer parts than
        the columns, and `read_row` gets the parts as written (a legal citation in one part)."""
        q = BY_ID[qid]
        answer = self.answers.get(qid)
        items: list[dict[str, Any]] = []
        if answer is None:
            return items
        for offset, raw in enumerate(answer.text.splitlines()):
            line = _BULLET.sub("", raw).strip()
            if not line or line.startswith("```") or _TABLE_RULE.fullmatch(line):
                continue
            cells = _cells(line)
            if _header_line(cells, q.columns):
                continue
            number = answer.line + offset if answer.spread else answer.line
            if len(cells) > len(q.columns):
                self.error(qid, f"baris '{line[:60]}' berisi {len(cells)} bagian, padahal paling banyak "
                                f"{len(q.columns)}: {' | '.join(c.name for c in q.columns)}", number)
                continue
            if free:
                item = read_row(cells, line, number)
            else:
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
    """The entry's front matter and body from an issue body (see `read_answers`)."""
    if len(text) > MAX_CHARS:
        intake = Intake(display)
        intake.diagnostics.append(Diagnostic(display, 1, 1, ERROR, "", f"isi isu terlalu panjang ({len(text)} "
                                             f"karakter); batasnya {MAX_CHARS}"))
        return intake
    answers, problems = read_sections(text.replace("\r\n", "\n").replace("\r", "\n"))
    if not answers:
        intake = Intake(display)
        intake.diagnostics.append(Diagnostic(display, 1, 1, ERROR, "", "isi isu ini tidak berasal dari formulir "
                                             "'Usulkan inovasi' (tidak ada satu pun judul pertanyaannya)"))
        return intake
    intake = read_answers(answers, display, today)
    for qid, line, message in problems:
        intake.add(BY_ID[qid], line, message)
    return intake


MISSING_IN_ISSUE = ("pertanyaan ini tidak ada di isi isu; buat isu dengan formulir 'Usulkan inovasi' atau salin "
                    "judul pertanyaannya (### …) apa adanya")


def read_answers(answers: dict[str, Answer], display: str, today: date, *, missing: str | None = MISSING_IN_ISSUE,
                 consent: bool = True) -> Intake:
    """The front matter and body from the answers, question id → answer. `missing`: the message
    for a required question with no answer at all (None: say nothing, the caller did);
    `consent`: the form's consent box must be ticked (an issue; a spreadsheet has none).

    The front matter holds everything that could be read, even when other answers could not:
    `check` then finds every remaining problem in the same pass."""
    intake = Intake(display)
    intake.answer_lines = {qid: a.line for qid, a in answers.items()}
    intake.answer_cols = {qid: a.col for qid, a in answers.items()}
    r = _Reader(intake, answers)
    for q in ANSWERED:
        if not q.required or (q.kind == "checkboxes" and not consent):
            continue
        if q.id not in answers:
            if missing:
                r.error(q.id, missing)
        elif not answers[q.id].text.strip():
            r.error(q.id, "wajib diisi" + _allowed(q))

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
        urusan, problems = reading.choices(r.text("urusan"), "urusan")
        for problem in problems:
            r.error("urusan", problem, severity=WARNING if "dibaca sebagai" in problem else ERROR)
        if urusan:
            data["urusan"] = urusan
    if r.text("masalah"):
        data["masalah"] = one_line(r.text("masalah"))
    data["diperbarui"] = today.isoformat()

    jenis_kebaruan, uraian = r.choice("kebaruan_jenis"), one_line(r.text("kebaruan_uraian"))
    if jenis_kebaruan and uraian:
        data["kebaruan"] = {"jenis": jenis_kebaruan, "uraian": uraian}
    elif (jenis_kebaruan or uraian) and not (r.text("kebaruan_jenis") and not jenis_kebaruan):
        missing_id = "kebaruan_uraian" if jenis_kebaruan else "kebaruan_jenis"
        r.error(missing_id, f"isi juga '{BY_ID[missing_id].label}' (keduanya diperlukan untuk kebaruan)",
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

    check_box = answers.get("persetujuan")
    if consent and check_box is not None:
        marks = [m for m in map(_CHECKBOX.match, check_box.text.splitlines()) if m]
        if not marks or any(m.group(1) == " " for m in marks):
            r.error("persetujuan", "centang pernyataan bahwa data ini benar dan boleh diterbitkan")

    intake.body = r.text("cerita").strip("\n")
    intake.data = data
    return intake


def _allowed(q: Question) -> str:
    """For a choice left blank: the values it takes, as the form shows them."""
    if not q.vocabulary:
        return ""
    options = q.options
    how = "satu atau lebih" if q.multiple else "salah satu"
    if len(options) > 8:
        return f"; pilih {how} dari daftarnya ({len(options)} pilihan)"
    return f"; pilih {how}: " + ", ".join(options)


def _origin(cells: dict[str, str]) -> dict[str, Any]:
    first, link = cells["inovasi atau instansi"], cells["tautan"]
    if not link and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", first):
        return {"inovasi": first}
    return {"instansi": first, **({"tautan": read_url(link)} if link else {})}


def _year(r: _Reader, qid: str, text: str, line: int, what: str) -> int | None:
    year = reading.read_year(text)
    if year is None:
        r.error(qid, f"{what}: '{text}' bukan satu tahun (misalnya 2023)", line)
    return year


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
            day = reading.read_date(raw_day)
            if day is None:
                r.error("hasil", f"baris '{cells['indikator']}', bagian 'tanggal {side}': "
                                 f"{reading.date_problem(raw_day, 'tanggal pengukuran')}", line)
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
            slug, note = reading.choice(cell, vocabulary)
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


def _law(r: _Reader, cells: list[str], line: str, number: int) -> dict[str, Any] | None:
    """One legal basis, as staff write it: the form's parts (`perkada | 12 | 2019 | tautan`),
    or a citation in one part (`Peraturan Bupati TTS Nomor 17 Tahun 2022 | tautan`,
    `Perbup No. 17/2022`), or the kind in the first part and the citation in the second."""
    link = next((c for c in cells[1:] if _URL_START.match(c)), "")
    parts = [c for c in cells if c and c != link]
    if not parts:
        r.error("dasar_hukum", f"baris '{line[:60]}': tulis jenis, nomor dan tahunnya, misalnya 'Peraturan Bupati "
                               "Tulungagung Nomor 12 Tahun 2019'", number)
        return None
    cited = reading.read_citation(parts[0])
    jenis: str | None = cited.jenis if cited else None
    nomor = cited.nomor if cited else None
    tahun = cited.tahun if cited else None
    judul = cited.judul if cited else None
    rest = parts[1:]
    if cited is None:
        slug, note = reading.choice(parts[0], "jenis_dasar_hukum")
        if note:
            r.error("dasar_hukum", f"bagian 'jenis': {note}", number, severity=WARNING if slug else ERROR)
        if slug is None:
            return None
        jenis = slug
    for part in rest:
        inner = reading.read_citation(part)
        year = reading.read_year(part) if re.fullmatch(r"[\d\s\-./]+|(?:tahun|thn|th)\.?\s*\d{4}", part, re.I) else None
        if nomor is None and inner is not None and inner.nomor:
            nomor, tahun, judul = inner.nomor, tahun or inner.tahun, judul or inner.judul
        elif year is not None and tahun is None and nomor is not None:
            tahun = year
        elif nomor is None:
            nomor = re.sub(r"^(?:nomor|nomer|no|nr)\.?\s*:?\s*", "", part, flags=re.I) or None
        elif tahun is None and (found := reading.read_year(part)) is not None:
            tahun = found
        else:
            r.error("dasar_hukum", f"baris '{line[:60]}': bagian '{part[:40]}' tidak dikenali; tulis jenis | nomor | "
                                   "tahun | tautan, atau kutipannya saja, misalnya 'Perbup No. 12/2019'", number)
            return None
    if nomor is None or tahun is None:
        written = parts[0] if cited is not None else line
        r.error("dasar_hukum", reading.citation_problem(written, reading.Citation(jenis or "lainnya", nomor, tahun))
                or "", number)
        return None
    item: dict[str, Any] = {"jenis": jenis, "nomor": nomor, "tahun": tahun}
    if judul:
        item["judul"] = judul[:300]
    if link:
        item["tautan"] = read_url(link)
    return item


def _manfaat(r: _Reader, data: dict[str, Any]) -> None:
    dasar = r.choice("manfaat_dasar")
    raw = one_line(r.text("manfaat_nilai"))
    keterangan = one_line(r.text("manfaat_keterangan"))
    bukti = read_url(one_line(r.text("manfaat_bukti")))
    if not (dasar or raw or keterangan or bukti):
        return
    if not dasar:
        if not r.text("manfaat_dasar"):
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
        if not r.text("panduan_bentuk"):
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
    dasar_hukum = r.rows("dasar_hukum", lambda cells, line, number: _law(r, cells, line, number), free=True)
    if dasar_hukum:
        keberlanjutan["dasar_hukum"] = dasar_hukum
    raw = one_line(r.text("anggaran"))
    if raw:
        years = reading.read_years(raw)
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


# --- the verdict --------------------------------------------------------------------------------

def _fillers(today: date) -> dict[str, Any]:
    """Stand-ins for required answers that could not be read, so that the entry's own rules still
    run in the same pass (their findings about a stand-in are dropped)."""
    day = today.isoformat()
    return {"judul": "Usulan inovasi", "ringkasan": "Ringkasan usulan inovasi.", "instansi": {"nama": "Instansi",
            "jenis": "lainnya"}, "wilayah": {"provinsi": "nasional"}, "tahapan": "inisiatif", "status": "aktif",
            "tanggal": {"mulai": day}, "jenis": "digital", "bentuk": "lainnya", "urusan": ["lainnya"],
            "masalah": "Masalah publik yang diselesaikan.", "diperbarui": day}


_BODY_LINE = 1_000_000
"""Where the story starts in the entry a row or an issue becomes, as validation sees it: any line
past it is the story's."""


def _validate(data: dict[str, Any], body: str, entry_id: str, today: date, display: str,
              ) -> tuple[Entry | None, list[Diagnostic], int]:
    """Validation of the entry the answers make, on its values as they are (nothing to read back
    from YAML: the reader made them): the model, the rules across fields, what values hold."""
    import orjson

    from .loader import Parsed
    from .validation import validate_parsed

    parsed = Parsed(display, data=data, body=body, body_line=_BODY_LINE,
                    front=orjson.dumps(data).decode())  # what the checks of hidden characters look through
    entry, diags = validate_parsed(parsed, entry_id, today)
    return entry, diags, _BODY_LINE - 1


def _judge(data: dict[str, Any], body: str, entry_id: str, today: date, display: str
           ) -> tuple[Entry | None, list[Diagnostic], int]:
    """Every finding of validation on `data` in one pass: when the model refuses some values,
    they are taken out (optional ones) or stood in for (required ones) and the entry's rules run
    on the rest, so no finding waits for another to be fixed."""
    entry, diags, front_lines = _validate(data, body, entry_id, today, display)
    if entry is not None or not any(d.is_error for d in diags):
        return entry, diags, front_lines
    found = list(diags)
    fixed = dict(data)
    replaced: set[str] = set()
    fillers = _fillers(today)
    for _ in range(3):
        tops = {d.field.split(".")[0].split("[")[0] for d in diags if d.is_error and d.field}
        tops -= replaced
        if not tops:
            break
        for top in tops:
            replaced.add(top)
            if top in fillers:
                fixed[top] = fillers[top]
            else:
                fixed.pop(top, None)
        repaired, diags, _ = _validate(fixed, body, entry_id, today, display)
        seen = {(d.field, d.message) for d in found}
        found += [d for d in diags if (d.field, d.message) not in seen
                  and d.field.split(".")[0].split("[")[0] not in replaced]
        if repaired is not None or not any(d.is_error and d.field.split(".")[0].split("[")[0] not in replaced
                                           for d in diags):
            break
    return None, found, front_lines


def check(intake: Intake, entry_id: str, today: date, known_ids: set[str] | None = None, *,
          badges: bool = True) -> Intake:
    """Judge the entry as it would be written, in one pass: published when nothing stops it,
    else a draft when only publication needs something (`needs`), else nothing is written and
    every problem is in `diagnostics`. `known_ids`: the catalogue's entries, for the origins a
    proposal names."""
    intake.checked = True
    if intake.data is None:
        return intake
    data = intake.data
    reader_errors = {d.field for d in intake.diagnostics if d.is_error}
    body = intake.story
    entry, published, front_lines = _judge(data, body, entry_id, today, intake.display)
    as_draft: list[Diagnostic] = published
    if entry is None:
        entry, as_draft, _ = _judge({**data, "draf": True}, body, entry_id, today, intake.display)
    draft_keys = {(d.field, d.message) for d in as_draft if d.is_error}
    if known_ids is not None:
        for index, origin in enumerate(data.get("replikasi_dari", [])):
            if origin.get("inovasi") and origin["inovasi"] not in known_ids:
                intake.add(BY_ID["replikasi_dari"], intake.item_lines.get(f"replikasi_dari[{index}]", 1),
                           f"baris ke-{index + 1}: inovasi '{origin['inovasi']}' tidak ada di katalog; tulis id "
                           "entrinya (bagian terakhir alamat halamannya) atau 'nama instansi | tautan'")
                reader_errors.add(BY_ID["replikasi_dari"].label)
    for d in as_draft:
        if not intake.body and "teks contoh" in d.message:
            continue  # the story's headings stand in for a story not yet written: said in `needs`
        label, line, message = _in_words(intake, d, front_lines)
        if d.is_error and label in reader_errors:
            continue  # the reader already said what is wrong with this answer
        intake.add(BY_ID.get(_QID_OF.get(label, "")), line, message, d.severity)
    for d in published:
        if d.is_error and (d.field, d.message) not in draft_keys:
            label, line, message = _in_words(intake, d, front_lines)
            if not intake.body and not d.field and "teks contoh" in d.message:
                line, message = intake.answer_lines.get("cerita", 1), STORY_NEEDED
                label = BY_ID["cerita"].label
                if any(n.message == STORY_NEEDED for n in intake.needs):
                    continue
            intake.needs.append(Diagnostic(intake.display, line, intake.answer_cols.get(_QID_OF.get(label, ""), 1),
                                           ERROR, label, message))
    intake.diagnostics.sort(key=lambda d: (d.line, d.col, d.severity != ERROR))
    intake.publish = intake.ok and entry is not None and not intake.needs
    if badges and intake.ok and entry is not None:
        intake.assessment = assess(entry, replicated_by=(), today=today)
    return intake


STORY_NEEDED = ("belum diisi; entri disimpan sebagai draf sampai ceritanya ditulis (latar belakang, inovasi, hasil "
                "dan dampak, cara mereplikasi)")
_QID_OF = {q.label: q.id for q in ANSWERED}


def _in_words(intake: Intake, d: Diagnostic, front_lines: int) -> tuple[str, int, str]:
    """A diagnostic about the written entry, as the form's words: (label, line, message)."""
    if d.line > front_lines:
        return BY_ID["cerita"].label, intake.answer_lines.get("cerita", 1), d.message
    if not d.field and "kontak" in d.message:
        return BY_ID["kontak_jabatan"].label, intake.answer_lines.get("kontak_jabatan", 1), d.message
    return intake.explain(d.field, d.message)


def form_words(key: str) -> str:
    """A front-matter key a badge asks for (`hasil[].sumber`, `manfaat`) as the form's words:
    the label(s) of its question(s) and the part of a one-per-line answer."""
    plain = key.replace("[]", "")
    exact = [q for q in ANSWERED if q.key == plain]
    if exact:
        return f"'{exact[0].label}'"
    below = [q for q in ANSWERED if q.key.startswith(plain + ".")]
    if below:
        return ", ".join(f"'{q.label}'" for q in below)
    holder = max((q for q in ANSWERED if q.key and plain.startswith(q.key + ".")), key=lambda q: len(q.key),
                 default=None)
    if holder is not None:
        sub = plain[len(holder.key) + 1:]
        column = next((c.name for c in holder.columns if c.key == sub or c.key.startswith(sub + ".")), None)
        return f"'{holder.label}'" + (f", bagian '{column}'" if column else "")
    return ""


# --- the answer on the issue --------------------------------------------------------------------

def reply(intake: Intake, path: str | None) -> str:
    """The answer posted on the issue, in Indonesian: what became of the proposal, every problem
    by the form's labels, what publication still needs, and what each badge still needs."""
    from .diagnostics import printable

    def item(d: Diagnostic) -> str:
        where = f"**{_md(d.field)}**: " if d.field else ""
        return f"- {where}{_md(printable(d.message))}"

    errors = [d for d in intake.diagnostics if d.is_error]
    warnings = [d for d in intake.diagnostics if not d.is_error]
    edit = "sunting isu ini (menu ··· → *Edit*); jawaban ini diperbarui setelah isu disimpan"
    if path is None or errors:
        out = ["### Usulan ini belum dapat dijadikan entri", "",
               f"Perbaiki isian berikut, lalu {edit}. Semua masalah yang ditemukan ada di daftar ini.", ""]
        out += [item(d) for d in errors]
        if intake.needs:
            out += ["", "Setelah itu, sebelum dapat terbit:", ""] + [item(d) for d in intake.needs]
    elif intake.publish:
        out = ["### Usulan Anda siap terbit", "",
               f"Entri `{path}` dibuat lengkap: begitu pengelola katalog menyetujui dan menggabungkan pull "
               "request-nya, inovasi ini tampil di situs."]
    else:
        out = ["### Usulan Anda disimpan sebagai draf", "",
               f"Entri `{path}` dibuat sebagai draf: draf tidak tampil di situs walaupun pull request-nya "
               f"digabungkan. Agar dapat terbit, lengkapi isian berikut ({edit}):", ""]
        out += [item(d) for d in intake.needs]
    if warnings:
        out += ["", "Perlu diperhatikan:", ""] + [item(d) for d in warnings]
    if intake.assessment is not None:
        out += ["", "#### Lencana lima kriteria", "", "| Kriteria | Level | Untuk naik level |", "|---|---|---|"]
        for badge in intake.assessment.kriteria.values():
            steps = []
            for missing in badge.kurang:
                where = form_words(missing.key)
                fill = f" (isi {where})" if where else " (tidak ada di formulir; pengelola dapat menambahkannya)"
                steps.append(_md(printable(missing.text)) + fill)
            out.append(f"| {_md(badge.label)} | {badge.level} · {_md(badge.nama_level)} | "
                       f"{'<br>'.join(steps) or 'sudah level tertinggi'} |")
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    """Text from an issue, made inert in Markdown: no markup, links, mentions or HTML."""
    return re.sub(r"([\\`*_\[\]<>#|~@])", r"\\\1", text)


# --- the way back: an entry as the form's answers -----------------------------------------------


def answers_of(data: dict[str, Any], body: str = "") -> dict[str, str]:
    """An entry's front matter as the answers to the form's questions (question id → text), the
    inverse of `read_answers`: reading them again gives the same front matter. Choices are
    written by their labels, numbers the Indonesian way (`numbers.written`), lists one item per
    line with `|` between the parts. Keys the form does not ask are not answers (an import keeps
    them from the entry it updates)."""
    from . import vocabulary as v

    def label(q: Question, slug: Any) -> str:
        return v.label(q.vocabulary or "", str(slug)) if slug not in (None, "") else ""

    def text(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, float | int) and not isinstance(value, bool):
            return numbers.written(value)
        return str(value)

    out: dict[str, str] = {}
    for q, path in _KEYED:  # (as many as 32,000 entries' at once: the catalogue's workbook)
        value: Any = data
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        if type(value) is str and not q.vocabulary:  # most answers: the text itself
            out[q.id] = value
        elif q.id == "urusan":
            out[q.id] = ", ".join(label(q, slug) for slug in value or [])
        elif q.id == "anggaran":
            out[q.id] = ", ".join(str(year) for year in value or [])
        elif q.id == "sumber_anggaran":
            out[q.id] = ", ".join(value or [])
        elif q.id == "replikasi_dari":
            out[q.id] = "\n".join(item["inovasi"] if item.get("inovasi") else
                                  " | ".join(x for x in (item.get("instansi"), item.get("tautan")) if x)
                                  for item in value or [])
        elif q.id == "dasar_hukum":
            out[q.id] = "\n".join(_law_line(item) for item in value or [])
        elif q.columns:
            lines = []
            for item in value or []:
                cells = []
                for column in q.columns:
                    cell: Any = item
                    for part in column.key.split("."):
                        cell = cell.get(part) if isinstance(cell, dict) else None
                    if column.key == "jenis" and q.id == "evaluasi":
                        cell = v.label("jenis_evaluasi", cell)
                    elif column.key == "ajang":
                        cell = v.label("ajang", cell)
                    cells.append(text(cell))
                while cells and not cells[-1]:
                    cells.pop()
                lines.append(" | ".join(cells))
            out[q.id] = "\n".join(lines)
        elif q.vocabulary:
            out[q.id] = label(q, value)
        else:
            out[q.id] = text(value)
    out["cerita"] = body.strip("\n")
    return out


def _law_line(item: dict[str, Any]) -> str:
    """A legal basis as one line: its parts, or (when it has a title) its citation, which the
    reader takes apart again (`Peraturan Kepala Daerah Nomor 12 Tahun 2019 tentang …`)."""
    from . import vocabulary as v

    link = f" | {item['tautan']}" if item.get("tautan") else ""
    if item.get("judul"):
        kind = v.label("jenis_dasar_hukum", item["jenis"])
        return f"{kind} Nomor {item['nomor']} Tahun {item['tahun']} tentang {item['judul']}{link}"
    return f"{item['jenis']} | {item['nomor']} | {item['tahun']}{link}"
