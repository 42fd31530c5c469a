#!/usr/bin/env bash
# Looks at an exported official document (公文): converts FILE.docx to PDF with LibreOffice, fails if that
# fails, prints the page count and the lines and characters on each page (pdftotext -layout), and renders
# every page as a PNG to look at.
#
#   Tools/check-docx.sh FILE.docx [OUTDIR]
#
# Needs soffice, pdfinfo, pdftotext, pdftoppm (apt-get install libreoffice-writer poppler-utils) and a
# CJK font (fonts-noto-cjk). On a machine without the 公文 fonts (仿宋_GB2312, 方正小标宋简体, 楷体_GB2312,
# 黑体, 宋体), LibreOffice asks fontconfig for them and gets whatever CJK sans it has; for the preview the
# script lets fontconfig fall back to Noto Serif CJK SC (仿宋, 楷体, 宋体, 小标宋) and Noto Sans CJK SC (黑体).
# Installed 公文 fonts still win: the aliases only add fallbacks after the real name.
set -euo pipefail

if [[ $# -lt 1 || ! -f $1 ]]; then
    echo "usage: $0 FILE.docx [OUTDIR]" >&2
    exit 2
fi
for tool in soffice pdfinfo pdftotext pdftoppm; do
    command -v "$tool" >/dev/null || { echo "$tool not found (apt-get install libreoffice-writer poppler-utils)" >&2; exit 2; }
done

docx=$(realpath "$1")
out=${2:-$(mktemp -d /tmp/check-docx.XXXXXX)}
mkdir -p "$out"
out=$(realpath "$out")
work=$(mktemp -d /tmp/check-docx-work.XXXXXX)
trap 'rm -rf "$work"' EXIT

# Fallbacks for the 公文 fonts, after the system's own configuration.
cat >"$work/fonts.conf" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>仿宋_GB2312</family><accept><family>FangSong</family><family>Noto Serif CJK SC</family></accept></alias>
  <alias binding="same"><family>楷体_GB2312</family><accept><family>KaiTi</family><family>Noto Serif CJK SC</family></accept></alias>
  <alias binding="same"><family>方正小标宋简体</family><accept><family>FZXiaoBiaoSong-B05S</family><family>Noto Serif CJK SC</family></accept></alias>
  <alias binding="same"><family>宋体</family><accept><family>SimSun</family><family>Noto Serif CJK SC</family></accept></alias>
  <alias binding="same"><family>黑体</family><accept><family>SimHei</family><family>Noto Sans CJK SC</family></accept></alias>
</fontconfig>
EOF

# A private LibreOffice profile: a running soffice or a stale shared profile cannot break the conversion.
if ! FONTCONFIG_FILE="$work/fonts.conf" soffice -env:UserInstallation="file://$work/profile" --headless \
        --convert-to pdf --outdir "$work" "$docx" >"$work/soffice.log" 2>&1; then
    cat "$work/soffice.log" >&2
    echo "conversion failed" >&2
    exit 1
fi
pdf="$work/$(basename "${docx%.*}").pdf"
if [[ ! -s $pdf ]]; then
    cat "$work/soffice.log" >&2
    echo "conversion failed: no PDF" >&2
    exit 1
fi
cp "$pdf" "$out/"
pdf="$out/$(basename "$pdf")"

pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
echo "PDF: $pdf"
echo "pages: $pages"
pdffonts "$pdf" 2>/dev/null | awk 'NR > 2 { print "font: " $1 }' | sort -u || true

# Lines per page (the page-number line left out) and characters per line, counting a full-width
# character as 1 and a half-width one as 0.5, as GB/T 9704-2012's 28-character line does.
if command -v python3 >/dev/null; then
    for ((page = 1; page <= pages; page++)); do
        pdftotext -layout -f "$page" -l "$page" "$pdf" - | python3 -c '
import re, sys, unicodedata
def width(text):
    return sum(1 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)
lines = [l.strip() for l in sys.stdin.read().split("\n")]
lines = [l for l in lines if l and not re.fullmatch(r"— ?\d+ ?—", l)]
# pdftotext pads justified lines with spaces; they are not characters.
widths = [width(l.replace(" ", "")) for l in lines]
full = sorted(widths)[len(widths) // 2] if widths else 0
print(f"page {sys.argv[1]}: {len(lines)} lines, longest {max(widths, default=0):g} characters, median {full:g}")
' "$page"
    done
fi

pdftoppm -png -r 60 "$pdf" "$out/page"
ls "$out"/page-*.png
