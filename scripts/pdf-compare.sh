#!/usr/bin/env bash
# Print the example's diploma and the whole handbook from their HTML with WeasyPrint and with
# headless Chromium, time each (median of 5, whole process), and set the times per page
# beside trinvis's native PDFs of the same documents (`cargo bench --bench pdf`).
#
#   apt-get install -y chromium weasyprint poppler-utils
#   scripts/pdf-compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in chromium weasyprint pdfinfo; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install -y chromium weasyprint poppler-utils)" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --release --quiet -- build --output "$work/site" >/dev/null 2>&1

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# One run of a tool printing $1 (a page of the built site) to $2; prints the seconds it took.
run() {
  local tool=$1 page=$2 pdf=$3 start end
  start=$(date +%s.%N)
  case $tool in
    chromium)
      chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
        --user-data-dir="$work/profile" --no-pdf-header-footer --print-to-pdf="$pdf" "file://$page" >/dev/null 2>&1 ;;
    weasyprint)
      weasyprint -q "$page" "$pdf" >/dev/null 2>&1 ;;
  esac
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

printf '%-28s %-11s %6s %12s %12s\n' document tool pages "ms (median)" "ms a page"
for doc in familier/berg/diplom.html metode/alle.html; do
  for tool in weasyprint chromium; do
    pdf="$work/out.pdf"
    times=$(for _ in 1 2 3 4 5; do run "$tool" "$work/site/$doc" "$pdf"; done | median)
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
    ms=$(echo "$times * 1000" | bc -l)
    printf '%-28s %-11s %6d %12.0f %12.1f\n' "$doc" "$tool" "$pages" "$ms" "$(echo "$ms / $pages" | bc -l)"
  done
done

echo
echo "trinvis, native, the same documents (site loaded once; cargo bench --bench pdf):"
cargo bench --quiet --bench pdf 2>/dev/null | grep -E '\.pdf:'
