#!/usr/bin/env bash
# The read-only half of the "Usulan inovasi" workflow (.github/workflows/usulan.yml): the entry
# from an issue body, with `katalog new --dari-isu`, and the reply it needs. Runs the project's
# own code on the issue text (a file, never a script), with a read-only token.
#
#   usulan-draf.sh ISI_ISU.md KELUAR/
#
# Writes into KELUAR/: status (ok: an entry was written; perbaiki: the submitter has answers to
# fix; galat: the command could not run), laporan.md (the reply, in Indonesian), and with ok:
# path.txt (where the entry goes), entri.md (the entry), lencana.md (the badge preview).
# Exit 0 for ok and perbaiki, 1 when the command itself failed.
set -uo pipefail

isu=${1:?ISI_ISU.md}
keluar=${2:?KELUAR/}
katalog=${KATALOG:-.venv/bin/katalog}
mkdir -p -- "$keluar"

"$katalog" new --dari-isu "$isu" --laporan "$keluar/laporan.md" > "$keluar/keluaran.txt" 2>&1
code=$?
cat -- "$keluar/keluaran.txt"
if [ "$code" = 1 ]; then
  echo perbaiki > "$keluar/status"
  exit 0
elif [ "$code" != 0 ]; then
  echo galat > "$keluar/status"
  exit 1
fi
git ls-files --others --exclude-standard -- content/innovations > "$keluar/path.txt"
if [ "$(wc -l < "$keluar/path.txt")" != 1 ]; then
  echo "::error::katalog new --dari-isu menulis $(wc -l < "$keluar/path.txt") berkas, bukan satu"
  echo galat > "$keluar/status"
  exit 1
fi
path=$(cat -- "$keluar/path.txt")
cp -- "$path" "$keluar/entri.md"
"$katalog" badges --format markdown -- "$path" > "$keluar/lencana.md" || true
echo ok > "$keluar/status"
