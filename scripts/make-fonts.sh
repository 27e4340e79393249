#!/usr/bin/env bash
# Makes the theme's font files. The results are committed; run this only to change a
# character set. Needs fonttools and brotli (pip), Debian's fonts-sil-andika and
# fonts-noto-core, and npm (for Noto Emoji).
#
# - Trinvis Sans (static/fonts/trinvis-sans-*.ttf): SIL's Andika, a typeface made for
#   literacy (plain zero, never read as Ø; distinct l/I/1), cut to the letters Danish text
#   uses. The OFL reserves the name "Andika" for SIL, so the subset is renamed.
# - Trinvis Sans Extra (static/fonts/trinvis-sans-extra-*.ttf): the same Andika with the
#   Latin of European, Turkish, Vietnamese and African orthographies, IPA, combining marks,
#   Greek and Cyrillic. Pages load it only for a letter the first file lacks (unicode-range).
# - Noto Sans Arabic and Noto Sans Ethiopic (static/fonts/noto-sans-*.ttf): Arabic script
#   (Arabic, Persian, Urdu, Kurdish Sorani) and Ethiopic (Tigrinya, Amharic), with their
#   shaping tables. Noto reserves no names.
# - Noto Emoji (src/draw/fonts/noto-emoji.ttf): the monochrome emoji, for PDFs only (a
#   browser has its own); fontsource's twelve pieces of it merged into one font.
set -euo pipefail
cd "$(dirname "$0")/.."
andika=/usr/share/fonts/truetype/andika
noto=/usr/share/fonts/truetype/noto
out=themes/standard/static/fonts
common=(--no-hinting --desubroutinize --name-IDs='*')

rename() { # file style: "Andika" → "Trinvis Sans" (the OFL's reserved name), fixed dates
  python3 - "$1" "$2" <<'PY'
import sys
from fontTools.ttLib import TTFont
path, name = sys.argv[1], sys.argv[2]
f = TTFont(path)
for rec in f["name"].names:
    t = rec.toUnicode()
    if "Andika" in t and rec.nameID in (1, 3, 4, 6, 16, 17, 21):
        new = t.replace("Andika", name)
        rec.string = new.replace(" ", "") if rec.nameID == 6 else new
f["head"].modified = f["head"].created  # deterministic bytes
f.save(path)
PY
}

# Latin-1, Latin Extended-A, dashes, quotes, bullets, ellipsis, €, arrows, minus.
danish="U+0020-007E,U+00A0-00FF,U+0100-017F,U+2010-2027,U+2030-203A,U+20AC,U+2190-2193,U+2212"
for style in Regular Bold Italic; do
  lower=$(echo "$style" | tr 'A-Z' 'a-z')
  pyftsubset "$andika/Andika-$style.ttf" --unicodes="$danish" --layout-features='kern,liga' \
    "${common[@]}" --output-file="$out/trinvis-sans-$lower.ttf"
  rename "$out/trinvis-sans-$lower.ttf" "Trinvis Sans"
done

# Every Latin letter Andika has (the basic ones again, so a letter and its combining marks
# are shaped in one font), IPA, combining marks, Greek, Cyrillic, punctuation, currency.
extra="U+0020-007E,U+00A0-024F,U+0250-02FF,U+0300-036F,U+0370-03FF,U+0400-052F,U+1AB0-1AFF,U+1DC0-1DFF,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2C60-2C7F,U+A720-A7FF,U+25CC"
arabic="U+0020,U+00A0,U+0600-06FF,U+0750-077F,U+0870-089F,U+08A0-08FF,U+200C-200F,U+25CC,U+FB50-FDFF,U+FE70-FEFF"
ethiopic="U+0020,U+00A0,U+1200-139F,U+2D80-2DDF,U+AB00-AB2F,U+1E7E0-1E7FF"
for style in Regular Bold; do
  lower=$(echo "$style" | tr 'A-Z' 'a-z')
  pyftsubset "$andika/Andika-$style.ttf" --unicodes="$extra" \
    --layout-features='ccmp,mark,mkmk,locl,kern,liga' "${common[@]}" \
    --output-file="$out/trinvis-sans-extra-$lower.ttf"
  rename "$out/trinvis-sans-extra-$lower.ttf" "Trinvis Sans Extra"
  pyftsubset "$noto/NotoSansArabic-$style.ttf" --unicodes="$arabic" --layout-features='*' \
    "${common[@]}" --output-file="$out/noto-sans-arabic-$lower.ttf"
  pyftsubset "$noto/NotoSansEthiopic-$style.ttf" --unicodes="$ethiopic" --layout-features='*' \
    "${common[@]}" --output-file="$out/noto-sans-ethiopic-$lower.ttf"
done

# Noto Emoji 5.3.2 (weight 400) from fontsource: twelve pieces, merged.
tmp=$(mktemp -d)
curl -sL https://registry.npmjs.org/@fontsource/noto-emoji/-/noto-emoji-5.3.2.tgz | tar xz -C "$tmp"
python3 - "$tmp" <<'PY'
import glob, sys
from fontTools.merge import Merger
from fontTools.ttLib import TTFont
tmp = sys.argv[1]
parts = []
for p in sorted(glob.glob(f"{tmp}/package/files/noto-emoji-*-400-normal.woff2"), key=lambda p: "emoji-emoji" not in p):
    f = TTFont(p)
    f.flavor = None
    f.save(p[:-6] + ".ttf")
    parts.append(p[:-6] + ".ttf")
Merger().merge(parts).save(f"{tmp}/merged.ttf")
PY
pyftsubset "$tmp/merged.ttf" --unicodes='*' --layout-features='*' "${common[@]}" \
  --output-file=src/draw/fonts/noto-emoji.ttf
rm -rf "$tmp"
ls -l "$out" src/draw/fonts
