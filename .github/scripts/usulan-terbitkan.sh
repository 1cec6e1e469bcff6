#!/usr/bin/env bash
# The writing half of the "Usulan inovasi" workflow (.github/workflows/usulan.yml): the branch
# and pull request with the entry that usulan-draf.sh made, and the one reply on the issue. Runs
# only git and gh (no project code) on files checked by the read-only job.
#
# Rules it keeps (tests/test_usulan_workflow.py runs it against a stand-in gh and a real bare
# git repository as the remote, both recording what they were asked):
#   - it acts only on the label `usulan-inovasi` (a `labeled` event for any other label: nothing);
#   - it never overwrites commits that are not its own: when someone else committed on the
#     branch, it leaves the branch alone and says so in the reply;
#   - it keeps one reply on the issue (found by its marker, then edited);
#   - it always replies, in Indonesian, even when a step fails (the failing step is named);
#   - it checks the settings it needs (the label exists; Actions may create pull requests) and
#     names the one that is missing, with where to set it.
#
# Environment: NOMOR (issue), JUDUL_ISU (its title), CABANG_UTAMA (default branch), AKSI (the
# event's action), LABEL (the label added, for `labeled`), BERLABEL (true when the issue has the
# label), HASIL_DRAF (the read-only job's result), USULAN (its output folder), GH_REPO
# (owner/name); GH_TOKEN for gh. BOT: the login of the workflow's token (github-actions[bot]).
set -Eeuo pipefail

LABEL_USULAN="usulan-inovasi"
PENANDA="<!-- katalog-usulan -->"
BOT="${BOT:-github-actions[bot]}"
BOT_EMAIL="${BOT_EMAIL:-41898282+github-actions[bot]@users.noreply.github.com}"
: "${NOMOR:?}" "${GH_REPO:?}" "${CABANG_UTAMA:?}" "${USULAN:?}"
[[ "$NOMOR" =~ ^[0-9]{1,9}$ ]] || { echo "::error::nomor isu tidak sah"; exit 1; }
AKSI="${AKSI:-opened}"
LABEL="${LABEL:-}"
BERLABEL="${BERLABEL:-true}"
HASIL_DRAF="${HASIL_DRAF:-success}"
JUDUL_ISU="${JUDUL_ISU:-}"
kerja="$(mktemp -d)"
cabang="usulan/isu-$NOMOR"
LANGKAH="persiapan"

# --- the one reply ------------------------------------------------------------------------------

jawab() {  # jawab FILE: create the reply, or edit the one this workflow made before
  local isi="$kerja/jawaban.md" id
  { echo "$PENANDA"; head -c 60000 -- "$1"; echo; echo
    echo "<sub>Jawaban ini dibuat otomatis oleh alur kerja *Usulan inovasi* dan diperbarui setiap kali isu disunting.</sub>"
  } > "$isi"
  id="$(gh api "repos/$GH_REPO/issues/$NOMOR/comments" --paginate \
        --jq ".[] | select(.user.login == \"$BOT\" and (.body | startswith(\"$PENANDA\"))) | .id" | head -n 1)"
  if [ -n "$id" ]; then
    gh api -X PATCH "repos/$GH_REPO/issues/comments/$id" -F "body=@$isi" > /dev/null
  else
    gh issue comment "$NOMOR" --body-file "$isi" > /dev/null
  fi
  touch "$USULAN/.dijawab" 2>/dev/null || true
}

gagal() {  # the reply when a step failed: which one, and that the maintainers will look
  local kode=$?
  trap - ERR
  set +e
  {
    echo "### Usulan belum dapat diproses"
    echo
    echo "Langkah **$LANGKAH** gagal, sehingga pull request belum dibuat atau belum diperbarui. Ini kendala di"
    echo "sisi katalog, bukan kesalahan isian Anda: pengelola katalog dapat melihat rinciannya di tab *Actions*"
    echo "dan menjalankannya ulang. Anda tidak perlu mengirim ulang usulan."
    if [ -s "$USULAN/laporan.md" ]; then echo; echo "---"; echo; cat -- "$USULAN/laporan.md"; fi
  } > "$kerja/gagal.md"
  jawab "$kerja/gagal.md"
  exit "$kode"
}
trap gagal ERR

# --- which events it acts on --------------------------------------------------------------------

if [ "$AKSI" = "labeled" ] && [ "$LABEL" != "$LABEL_USULAN" ]; then
  echo "Label '$LABEL' bukan '$LABEL_USULAN': tidak ada yang dikerjakan."
  exit 0
fi

# --- the settings it needs ----------------------------------------------------------------------

LANGKAH="memeriksa pengaturan repositori"
kurang=()
if ! gh api "repos/$GH_REPO/labels/$LABEL_USULAN" > /dev/null 2>&1; then
  kurang+=("Label **$LABEL_USULAN** belum ada di repositori, sehingga formulir tidak dapat memberinya pada isu. Pengelola: buka *Issues → Labels → New label*, beri nama \`$LABEL_USULAN\`, lalu beri label itu pada isu ini.")
fi
boleh_pr="$(gh api "repos/$GH_REPO/actions/permissions/workflow" --jq '.can_approve_pull_request_reviews' 2>/dev/null || echo tidak-diketahui)"
PR_DILARANG="GitHub Actions belum diizinkan membuat pull request. Pengelola: buka *Settings → Actions → General → Workflow permissions*, centang **Allow GitHub Actions to create and approve pull requests**, simpan, lalu sunting isu ini agar alur kerja berjalan lagi."
if [ "$boleh_pr" = "false" ]; then
  kurang+=("$PR_DILARANG")
fi

if [ "$BERLABEL" != "true" ]; then
  # An issue opened with the form but without its label: only a missing label is said.
  if [ "${#kurang[@]}" -gt 0 ] && [[ "${kurang[0]}" == *"$LABEL_USULAN"* ]]; then
    { echo "### Usulan belum dapat diproses otomatis"; echo; echo "- ${kurang[0]}"; } > "$kerja/label.md"
    jawab "$kerja/label.md"
  fi
  exit 0
fi

pengaturan() {  # the missing settings, as a section of the reply
  if [ "${#kurang[@]}" -gt 0 ]; then
    echo
    echo "#### Pengaturan repositori yang perlu dilengkapi pengelola"
    echo
    for k in "${kurang[@]}"; do echo "- $k"; done
  fi
}

# --- what the read-only job found ---------------------------------------------------------------

LANGKAH="membaca hasil pembuatan entri"
status="$(cat -- "$USULAN/status" 2>/dev/null || echo hilang)"
if [ "$HASIL_DRAF" != "success" ] || [ "$status" = "galat" ] || [ "$status" = "hilang" ]; then
  LANGKAH="membuat entri dari isi isu (katalog new --dari-isu)"
  false
fi

pr_terbuka() { gh pr list --head "$cabang" --state open --json url --jq '.[0].url // empty'; }

if [ "$status" = "perbaiki" ]; then
  LANGKAH="menjawab di isu"
  url="$(pr_terbuka)"
  { cat -- "$USULAN/laporan.md"
    if [ -n "$url" ]; then echo; echo "Pull request $url masih berisi versi sebelumnya sampai isian di atas diperbaiki."; fi
    pengaturan
  } > "$kerja/jawab.md"
  jawab "$kerja/jawab.md"
  exit 0
fi

LANGKAH="memeriksa entri"
path="$(head -n 1 -- "$USULAN/path.txt")"
if ! [[ "$path" =~ ^content/innovations/[a-z0-9-]+/[a-z0-9-]+\.md$ ]]; then
  echo "::error::path entri tidak sah: $path"
  false
fi
[ "$(wc -c < "$USULAN/entri.md")" -le 1048576 ]

LANGKAH="memeriksa pull request yang sudah digabungkan"
digabung="$(gh pr list --head "$cabang" --state merged --json url --jq '.[0].url // empty')"
if [ -n "$digabung" ] || [ -e "$path" ]; then
  {
    echo "### Usulan ini sudah masuk katalog"
    echo
    if [ -n "$digabung" ]; then echo "Pull request $digabung sudah digabungkan."; else echo "Berkas \`$path\` sudah ada di katalog."; fi
    echo "Suntingan pada isu ini tidak lagi mengubah entrinya: untuk memperbaikinya, sunting berkas entri itu"
    echo "lewat pull request baru (lihat CONTRIBUTING.md), atau minta pengelola katalog membantu."
  } > "$kerja/sudah.md"
  jawab "$kerja/sudah.md"
  exit 0
fi

# --- the branch: rebuilt from the default branch, never over someone else's commits -------------

LANGKAH="menyiapkan cabang $cabang"
export GIT_AUTHOR_NAME="$BOT" GIT_AUTHOR_EMAIL="$BOT_EMAIL" GIT_COMMITTER_NAME="$BOT" GIT_COMMITTER_EMAIL="$BOT_EMAIL"
gh auth setup-git > /dev/null 2>&1 || true
git fetch --quiet origin "$CABANG_UTAMA"
dasar="$(git rev-parse FETCH_HEAD)"
lama="$(git ls-remote --heads origin "refs/heads/$cabang" | cut -f 1)"
lain=""
if [ -n "$lama" ]; then
  git fetch --quiet origin "refs/heads/$cabang"
  # Ours: made by the workflow's identity and marked with this issue's trailer.
  while read -r sha email; do
    if [ "$email" != "$BOT_EMAIL" ] || ! git log -1 --format=%B "$sha" | grep -qx "Usulan-Isu: #$NOMOR"; then
      lain="$lain $sha"
    fi
  done < <(git log --format='%H %ae' "$dasar..$lama")
fi

url="$(pr_terbuka)"
if [ -n "$lain" ]; then
  LANGKAH="menjawab di isu"
  {
    cat -- "$USULAN/laporan.md"
    echo
    echo "#### Cabang ini sudah disunting pengelola"
    echo
    echo "Cabang \`$cabang\` memuat commit yang bukan buatan alur kerja ini ($(echo "$lain" | wc -w) commit), jadi"
    echo "entri dari suntingan isu ini **tidak** ditimpakan ke sana. Pengelola: salin perubahan yang diinginkan ke"
    echo "pull request${url:+ $url}, atau hapus cabangnya agar alur kerja membuatnya ulang."
    pengaturan
  } > "$kerja/lain.md"
  jawab "$kerja/lain.md"
  exit 0
fi

git switch --quiet -C "$cabang" "$dasar"
mkdir -p -- "$(dirname -- "$path")"
cp -- "$USULAN/entri.md" "$path"
git add -- "$path"
git commit --quiet -m "Usulan inovasi dari isu #$NOMOR" -m "Usulan-Isu: #$NOMOR"
if [ -n "$lama" ] && [ "$(git rev-parse "HEAD^{tree}")" = "$(git rev-parse "$lama^{tree}")" ] \
   && [ "$(git rev-parse "$lama^")" = "$dasar" ]; then
  echo "Cabang $cabang sudah berisi entri yang sama: tidak dikirim ulang."
else
  LANGKAH="mengirim cabang $cabang"
  # The lease: the branch is replaced only if it is still exactly what was checked above.
  git push --quiet --force-with-lease="refs/heads/$cabang:$lama" origin "HEAD:refs/heads/$cabang"
fi

# --- the pull request ---------------------------------------------------------------------------

LANGKAH="menyiapkan isi pull request"
judul="${JUDUL_ISU#\[Usulan\] }"
judul="${judul:0:150}"
{
  echo "Entri dari usulan #$NOMOR, dibuat otomatis dengan \`katalog new --dari-isu\`."
  echo
  if grep -qx "draf: true" -- "$USULAN/entri.md"; then
    echo "**Draf**: entri ini belum lengkap untuk terbit; jawaban di isu #$NOMOR menyebut apa yang kurang."
    echo "Menggabungkan pull request ini menyimpan drafnya, tetapi belum menampilkannya di situs."
  else
    echo "**Siap terbit**: menggabungkan pull request ini menampilkan inovasinya di situs."
  fi
  echo
  echo "Closes #$NOMOR"
  echo
  echo "Pemeriksaan otomatis berjalan setelah pengelola menutup lalu membuka kembali pull request ini."
  echo
  head -c 50000 -- "$USULAN/lencana.md" 2>/dev/null || true
} > "$kerja/pr.md"

catatan_pr=""
if [ -z "$url" ]; then
  LANGKAH="membuat pull request"
  if ! url="$(gh pr create --head "$cabang" --base "$CABANG_UTAMA" --title "Usulan inovasi: $judul" \
                --body-file "$kerja/pr.md" 2> "$kerja/pr-galat.txt")"; then
    cat -- "$kerja/pr-galat.txt" >&2
    url=""
    if grep -qi "not permitted to create" -- "$kerja/pr-galat.txt"; then
      [ "$boleh_pr" = "false" ] || kurang+=("$PR_DILARANG")
      catatan_pr="Cabang \`$cabang\` sudah berisi entrinya, tetapi pull request belum dapat dibuat (lihat pengaturan di bawah)."
    else
      false
    fi
  fi
else
  LANGKAH="memperbarui pull request"
  gh pr edit "$url" --body-file "$kerja/pr.md" > /dev/null
fi

LANGKAH="menjawab di isu"
{
  cat -- "$USULAN/laporan.md"
  echo
  if [ -n "$url" ]; then echo "**Pull request:** $url"; else echo "$catatan_pr"; fi
  pengaturan
} > "$kerja/jawab.md"
jawab "$kerja/jawab.md"
