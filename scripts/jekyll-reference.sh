#!/usr/bin/env bash
# Builds tests/jekyll/site with real Jekyll (4.3, Debian's `jekyll` package) and writes what Jekyll
# made of each post's body to tests/jekyll/jekyll-output/<post>.html: the reference the tests compare
# Herald's rendering with. Run by hand after changing a fixture post; the tests never need Jekyll.
set -euo pipefail
cd "$(dirname "$0")/.."
site=tests/jekyll/site
out=tests/jekyll/jekyll-output
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$site" "$work/site"

TZ=UTC jekyll build --safe --quiet --disable-disk-cache -s "$work/site" -d "$work/out"
rm -rf "$out" && mkdir -p "$out"
for file in "$work"/site/_posts/*.md; do
  name=$(basename "$file" .md)
  slug=${name:11}
  built=$(find "$work/out" -name "$slug.html" | head -1)
  [ -n "$built" ] || { echo "no output for $name" >&2; exit 1; }
  cp "$built" "$out/$name.html"
done
jekyll --version > "$out/VERSION"
echo "wrote $(ls "$out" | wc -l) files to $out"
