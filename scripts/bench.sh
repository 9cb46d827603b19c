#!/usr/bin/env bash
# Benchmarks KbGen on generated corpora and writes docs/benchmarks.md.
#   (1) full builds of 100, 1,000 and 10,000 topics: wall, per topic, peak RSS, stage split
#   (2) HTML-only build against Hugo on the same corpus exported as Markdown
#   (3) handouts per second against a warm headless Chromium printing the patient handout's HTML:
#       like for like with KbGen making only patient handouts (`--only patient-pdf`), and all handouts
#   (4) incremental rebuild after editing one topic of 1,000 (wall, process start included)
#   (5) the same rebuild inside serve (kbgen dev serve-rebuild: serve's builder, in process)
# Env: BENCH_DIR (work folder, default /tmp/kbgen-bench), BENCH_SIZES (default "100 1000 10000"),
#      BENCH_REPS_100/1000/10000 (default 5/3/1), BENCH_HTML_SIZES (default 1000),
#      BENCH_OUT (default docs/benchmarks.md).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-/tmp/kbgen-bench}"
sizes="${BENCH_SIZES:-100 1000 10000}"
out_md="${BENCH_OUT:-$repo/docs/benchmarks.md}"
mkdir -p "$work"
export SOURCE_DATE_EPOCH=1735689600 DOTNET_CLI_TELEMETRY_OPTOUT=1

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
need hugo hugo
need chromium chromium
need node nodejs
need npm npm
if [ ! -d "$work/pw/node_modules/playwright-core" ]; then
  mkdir -p "$work/pw" && (cd "$work/pw" && npm init -y >/dev/null && npm i --silent playwright-core >/dev/null)
fi
cp "$repo/scripts/bench-chromium.mjs" "$work/pw/"

# The same binary users run: ./kbgen publishes it ReadyToRun.
"$repo/kbgen" --version >/dev/null
kbgen=(dotnet "$repo/src/KbGen.Cli/bin/r2r/kbgen.dll")

# Outputs of earlier runs are moved aside, not deleted, until the end: on this VM's ext4 (no
# journal) a file created within minutes of many deletions scans past the recently deleted
# inodes, and either tool's kernel time then varied from 0.4 to 1.9 s from one run to the next.
aside_dir="$work/aside"
rm -rf "$aside_dir"; mkdir -p "$aside_dir"
aside() { local p; for p in "$@"; do [ -e "$p" ] || [ -L "$p" ] || continue; mv "$p" "$(mktemp -d "$aside_dir/XXXXXX")/"; done; }
# Before each section: the previous section's output (gigabytes after 10,000 topics) is still
# being written back to disk, and measuring beside that writeback made runs vary by a third.
settle() { sync; sleep 2; }
trap 'rm -rf "$aside_dir"' EXIT

results="$work/results.tsv"
: > "$results"
record() { printf '%s\n' "$*" >> "$results"; }   # kind<TAB>size<TAB>rep<TAB>key=value...

# One timed kbgen build: prints "wall peak_kb stage=secs..." (wall in s, from /usr/bin/time).
timed_build() { # out-dir extra-args...
  local out="$1"; shift
  local log="$work/build.log" tm="$work/time.txt"
  /usr/bin/time -f '%e %M' -o "$tm" "${kbgen[@]}" build --out "$out" -v "$@" > "$log" 2>&1 || { cat "$log"; exit 1; }
  local stages
  stages=$(sed -n 's/^\([a-z]*\): \([0-9.]*\) s$/\1=\2/p' "$log" | tr '\n' ' ')
  echo "$(cat "$tm") $stages"
}

reps_for() { case "$1" in 100) echo "${BENCH_REPS_100:-5}";; 1000) echo "${BENCH_REPS_1000:-3}";; *) echo "${BENCH_REPS_10000:-1}";; esac; }

for n in $sizes; do
  c="$work/c$n"
  [ -f "$c/kb.yaml" ] || "${kbgen[@]}" dev corpus "$n" "$c" >/dev/null
  reps=$(reps_for "$n")
  for r in $(seq 1 "$reps"); do
    aside "$work/o$n" "$work"/.o$n-* "$work/.kbgen-cache"
    set -- $(timed_build "$work/o$n" --content "$c" --no-cache)
    wall=$1; peak=$2; shift 2
    record "full	$n	$r	wall=$wall	peak_kb=$peak	$*"
    echo "full $n #$r: $wall s, $((peak / 1024)) MB, $*"
  done
done

settle
# (2) HTML only vs Hugo (BENCH_HTML_SIZES, default 1,000 topics).
for n in ${BENCH_HTML_SIZES:-1000}; do
  c="$work/c$n"; x="$work/x$n"
  # The export's format changed (hugo/ is now the equivalent site, hugo-text/ the old one).
  [ -d "$x/hugo-text" ] || { rm -rf "$x"; "${kbgen[@]}" dev export-hugo "$c" "$x" >/dev/null; }
  reps=3
  for r in $(seq 1 $reps); do
    aside "$work/h$n" "$work/ht$n" "$work/oh$n" "$work"/.oh$n-* "$work/.kbgen-cache"
    set -- $(timed_build "$work/oh$n" --content "$c" --no-cache --only html)
    record "html	$n	$r	wall=$1	peak_kb=$2"
    /usr/bin/time -f '%e %M' -o "$work/time.txt" hugo --quiet -s "$x/hugo" -d "$work/h$n" >/dev/null 2>&1
    read -r hw hp < "$work/time.txt"
    record "hugo	$n	$r	wall=$hw	peak_kb=$hp"
    /usr/bin/time -f '%e %M' -o "$work/time.txt" hugo --quiet -s "$x/hugo-text" -d "$work/ht$n" >/dev/null 2>&1
    read -r tw tp < "$work/time.txt"
    record "hugotext	$n	$r	wall=$tw	peak_kb=$tp"
    echo "html $n #$r: kbgen $1 s, hugo $hw s (equivalent site), $tw s (text only)"
  done
done

settle
# (3) Handouts: Chromium printing the patient handout's HTML (warm browser, one page per core),
# alternated with KbGen making only the patient handouts of the same 1,000 topics (like for like).
x="$work/x1000"
[ -d "$x/handouts" ] || "${kbgen[@]}" dev export-hugo "$work/c1000" "$x" >/dev/null
for r in 1 2 3; do
  aside "$work/chromium-pdf"
  line=$(cd "$work/pw" && node bench-chromium.mjs "$x/handouts" 200 "$(nproc)" "$work/chromium-pdf")
  record "chromium	1000	$r	$(echo "$line" | awk '{print "count="$2"\tseconds="$4}')"
  echo "chromium #$r: $line"
  aside "$work/opp" "$work"/.opp-* "$work/.kbgen-cache"
  set -- $(timed_build "$work/opp" --content "$work/c1000" --channel preview --only patient-pdf --no-cache)
  wall=$1; shift 2
  count=$(find "$work/opp/pdf" -name '*-patient.pdf' | wc -l)
  pdf=$(printf '%s\n' "$@" | sed -n 's/^pdf=//p')
  record "patient	1000	$r	count=$count	seconds=$pdf	wall=$wall"
  echo "patient handouts #$r: $count PDFs, pdf stage $pdf s, wall $wall s"
done

# (3b) Handouts per second on their own (`--only pdf`): the sample knowledge base and 200 topics.
[ -f "$work/c200/kb.yaml" ] || "${kbgen[@]}" dev corpus 200 "$work/c200" >/dev/null
for src in sample c200; do
  dir=$([ "$src" = sample ] && echo "$repo/content" || echo "$work/c200")
  for r in 1 2 3; do
    aside "$work/op" "$work"/.op-* "$work/.kbgen-cache"
    set -- $(timed_build "$work/op" --content "$dir" --channel preview --only pdf --no-cache)
    wall=$1; shift 2
    count=$(find "$work/op/pdf" -name '*.pdf' | wc -l)
    pdf=$(printf '%s\n' "$@" | sed -n 's/^pdf=//p')
    record "handouts	$src	$r	count=$count	seconds=$pdf	wall=$wall"
    echo "handouts $src #$r: $count PDFs, pdf stage $pdf s, wall $wall s"
  done
done

settle
# (4) Incremental: full build of 1,000 with the cache, then edit one topic and rebuild.
c="$work/c1000"
aside "$work/oi" "$work"/.oi-* "$work/.kbgen-cache"
timed_build "$work/oi" --content "$c" >/dev/null
topic="$c/topics/topic-00500.yaml"
cp "$topic" "$work/topic-00500.orig"
for r in 1 2 3 4 5; do
  sed -i "s/^question: .*/question: How should condition 500 be managed (edit $r)?/" "$topic"
  set -- $(timed_build "$work/oi" --content "$c")
  wall=$1; peak=$2; shift 2
  record "incremental	1000	$r	wall=$wall	peak_kb=$peak	$*"
  echo "incremental #$r: $wall s ($*)"
done
cp "$work/topic-00500.orig" "$topic"

settle
# (5) Inside serve: its own builder on a copy of the 1,000 topics, one topic edited per rebuild.
for r in 1 2 3; do
  line=$("${kbgen[@]}" dev serve-rebuild "$c" --reps 9 | head -1)
  ms=$(echo "$line" | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p')
  record "serve	1000	$r	ms=$ms"
  echo "serve #$r: $line"
done

python3 - "$results" "$out_md" "$(nproc)" "$(date -u +%Y-%m-%d)" "$(git -C "$repo" rev-parse --short HEAD)" <<'PY'
import sys, statistics, collections, platform
res, out, cores, date, commit = sys.argv[1:6]
rows = collections.defaultdict(list)
for line in open(res):
    kind, n, rep, *kv = line.rstrip('\n').split('\t')
    d = {}
    for item in ' '.join(kv).split():
        k, v = item.split('=')
        d[k] = float(v)
    rows[(kind, int(n) if n.isdigit() else n)].append(d)
def med(kind, n, key):
    vals = [d[key] for d in rows.get((kind, n), []) if key in d]
    return statistics.median(vals) if vals else None
cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), platform.processor())
L = []
L.append('# Benchmarks\n')
L.append(f'Measured by `scripts/bench.sh` on {date}, commit {commit}: {cores} cores ({cpu}), '
         f'Linux, .NET 10 Release build. Medians of the repetitions shown; wall times include process start. '
         f'Corpora from `kbgen dev corpus N` (each topic ~48 claims in 6 sections, a patient version, '
         f'a 12-node algorithm in 3 phases, 8 references from a shared pool). Each run writes into a fresh '
         f'folder; earlier outputs are moved aside, not deleted, until the script ends (see the script).\n')
L.append('## 1. Full build (site + 2 handouts + chart per topic, no cache)\n')
L.append('| topics | reps | wall | per topic | peak RSS | load | validate | html | pdf | chart | switch |')
L.append('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for n in sorted({n for k, n in rows if k == 'full'}):
    w = med('full', n, 'wall'); p = med('full', n, 'peak_kb')
    st = [med('full', n, s) for s in ('load', 'validate', 'html', 'pdf', 'chart', 'switch')]
    L.append(f'| {n:,} | {len(rows[("full", n)])} | {w:.2f} s | {1000*w/n:.1f} ms | {p/1024:.0f} MB | ' + ' | '.join(f'{x:.2f} s' if x is not None else '–' for x in st) + ' |')
L.append('')
L.append('## 2. HTML only (`kbgen build --only html --no-cache`) against Hugo\n')
L.append('Hugo is Debian\'s `hugo` on the same topics exported by `kbgen dev export-hugo`, as two sites. '
         '**The equivalent site** (`hugo/`) shows on each topic page what KbGen\'s shows, and Hugo does the work a Hugo site would: '
         'citations are shortcodes numbered from the page\'s list of cited references; the reference list, review box, review history '
         'and disclaimer come from front matter and data files through the layout; claims keep their nesting and badges; the algorithm\'s '
         'steps are a Markdown list; the home page also writes a JSON search index. What Hugo cannot compute it is given ready-made, '
         'which favours Hugo: each reference\'s formatted text and the chart\'s SVG (a page-bundle file, inlined). '
         '**The text-only site** (`hugo-text/`, the one this benchmark used first) has each topic\'s text as plain Markdown: '
         'top-level claims only, citations left as written, references as a plain list, no chart, a minimal layout. '
         'KbGen writes home, references, what\'s new, search index, sitemap, feed and an SVG chart with step list in every page, '
         'and loads and validates the YAML first.\n')
L.append('| topics | kbgen wall | kbgen per page | Hugo, equivalent site | per page | **ratio kbgen/Hugo** | Hugo, text only | per page | ratio kbgen/Hugo text only |')
L.append('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for n in sorted({n for k, n in rows if k == 'html'}):
    k = med('html', n, 'wall'); h = med('hugo', n, 'wall'); t = med('hugotext', n, 'wall')
    tt = f'{t:.2f} s | {1000*t/n:.2f} ms | {k/t:.2f}' if t else '– | – | –'
    L.append(f'| {n:,} | {k:.2f} s | {1000*k/n:.2f} ms | {h:.2f} s | {1000*h/n:.2f} ms | **{k/h:.2f}** | {tt} |')
L.append('')
L.append('## 3. Handouts against Chromium\n')
n = 1000
def rate(kind):
    vals = [d['count'] / d['seconds'] for d in rows.get((kind, n), []) if d.get('seconds')]
    return statistics.median(vals) if vals else None
pdf = med('full', n, 'pdf')
k = 2 * n / pdf if pdf else None
p, c = rate('patient'), rate('chromium')
if c:
    L.append('Chromium prints the patient handout, so the like-for-like ratio is KbGen making patient handouts only '
             '(`kbgen build --only patient-pdf`, runs alternated with Chromium\'s); the clinician summary is three pages to the patient handout\'s one.\n')
    L.append('| | handouts per second | ratio to Chromium |')
    L.append('| --- | ---: | ---: |')
    L.append(f'| Chromium (warm, playwright-core `page.pdf`, one page per core, the patient handout as HTML, 200 topics, each PDF written to a file, as KbGen does) | {c:.1f} | |')
    if p:
        L.append(f'| **KbGen, patient handouts only** (PDFsharp, `pdf` stage, 1,000 topics, all cores): like for like | {p:.1f} | **{p/c:.1f}×** |')
    if k:
        L.append(f'| KbGen, patient and clinician handouts (`pdf` stage of the 1,000-topic full build, all cores) | {k:.1f} | {k/c:.1f}× |')
L.append('')
L.append('Handouts on their own (`kbgen build --only pdf`, patient and clinician handout of every topic, preview channel, all cores):\n')
L.append('| knowledge base | handouts | pdf stage | handouts per second | wall incl. start-up |')
L.append('| --- | ---: | ---: | ---: | ---: |')
for src, name in (('sample', 'sample (`content/`)'), ('c200', '200 generated topics')):
    sec, cnt, wall = med('handouts', src, 'seconds'), med('handouts', src, 'count'), med('handouts', src, 'wall')
    if sec:
        L.append(f'| {name} | {cnt:.0f} | {sec:.2f} s | {cnt/sec:.1f} | {wall:.2f} s |')
L.append('')
L.append('## 4. Incremental rebuild after editing one topic of 1,000\n')
w = med('incremental', 1000, 'wall')
if w is not None:
    st = ', '.join(f'{s} {med("incremental", 1000, s):.2f} s' for s in ('load', 'validate', 'select', 'templates', 'reuse', 'carry', 'html', 'pdf', 'chart', 'cache', 'switch', 'save') if med('incremental', 1000, s) is not None)
    L.append(f'Wall time including process start: **{w:.2f} s** (median of {len(rows[("incremental", 1000)])}); stages: {st}.\n')
ms = med('serve', 1000, 'ms')
if ms is not None:
    L.append('## 5. Rebuild inside `kbgen serve` after editing one topic of 1,000\n')
    L.append(f'`kbgen dev serve-rebuild` (serve\'s own builder, in process, output updated in place): **{ms:.0f} ms** '
             f'(median of {len(rows[("serve", 1000)])} runs of 9 rebuilds each).\n')
open(out, 'w').write('\n'.join(L) + '\n')
print('\n'.join(L))
PY
