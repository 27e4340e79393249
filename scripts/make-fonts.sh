#!/usr/bin/env bash
# Makes the theme's font files from SIL's Andika (Debian: fonts-sil-andika), a typeface made
# for literacy: plain zero (never read as Ø), distinct l/I/1. The OFL reserves the name
# "Andika" for SIL, so the subset is renamed "Trinvis Sans". Needs fonttools (pip).
# The result is committed; run this only to change the character set.
set -euo pipefail
cd "$(dirname "$0")/.."
src=/usr/share/fonts/truetype/andika
out=themes/standard/static/fonts
# Latin-1, Latin Extended-A, dashes, quotes, bullets, ellipsis, €, arrows, minus.
unicodes="U+0020-007E,U+00A0-00FF,U+0100-017F,U+2010-2027,U+2030-203A,U+20AC,U+2190-2193,U+2212"
for style in Regular Bold Italic; do
  lower=$(echo "$style" | tr 'A-Z' 'a-z')
  pyftsubset "$src/Andika-$style.ttf" --unicodes="$unicodes" --layout-features='kern,liga' \
    --no-hinting --desubroutinize --name-IDs='*' --output-file="$out/trinvis-sans-$lower.ttf"
  python3 - "$out/trinvis-sans-$lower.ttf" "$style" <<'PY'
import sys
from fontTools.ttLib import TTFont
path, style = sys.argv[1], sys.argv[2]
f = TTFont(path)
for rec in f["name"].names:
    t = rec.toUnicode()
    if "Andika" in t and rec.nameID in (1, 3, 4, 6, 16, 17, 21):
        rec.string = t.replace("Andika", "Trinvis Sans").replace("TrinvisSans", "TrinvisSans")
f["head"].modified = f["head"].created  # deterministic bytes
f.save(path)
PY
done
ls -l "$out"
