// Tables a reader sorts by any column (the reviewers' queue, katalog/antrean.html): each column
// header of a `table[data-urutkan]` becomes a button; pressing it sorts the rows by that column
// (numbers, `data-jenis="angka"`, largest first; text A to Z), pressing it again the other way.
// A cell may carry the value it sorts by (`data-urut`: a date as YYYY-MM-DD, a kind's order).
// Without this script the table reads in the order the page was written in.

const collator = new Intl.Collator("id", { numeric: true, sensitivity: "base" });

function value(cell, numeric) {
  const raw = cell.dataset.urut ?? cell.textContent.trim();
  if (!numeric) return raw;
  const number = Number(raw.replace(/\./g, "").replace(",", "."));
  return Number.isFinite(number) ? number : 0;
}

function sort(table, headers, column) {
  const header = headers[column];
  const numeric = header.dataset.jenis === "angka";
  const first = numeric ? "descending" : "ascending";
  const current = header.getAttribute("aria-sort");
  const order = current ? (current === "ascending" ? "descending" : "ascending") : first;
  for (const other of headers) other.removeAttribute("aria-sort");
  header.setAttribute("aria-sort", order);
  const body = table.tBodies[0];
  const rows = [...body.rows];
  rows.sort((a, b) => {
    const x = value(a.cells[column], numeric);
    const y = value(b.cells[column], numeric);
    const compared = numeric ? x - y : collator.compare(x, y);
    return order === "ascending" ? compared : -compared;
  });
  body.append(...rows);
}

for (const table of document.querySelectorAll("table[data-urutkan]")) {
  if (!table.tHead || !table.tBodies.length || table.tBodies[0].rows.length < 2) continue;
  const headers = [...table.tHead.rows[0].cells];
  headers.forEach((header, column) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "katalog-urut";
    button.append(...header.childNodes);
    button.title = "Urutkan menurut kolom ini";
    header.append(button);
    button.addEventListener("click", () => sort(table, headers, column));
  });
}
