#!/usr/bin/env python3
"""Opens the pipeline's HTML report in headless Chromium and checks what a reader would see.

usage: check_report.py REPORT.html [--rows N] [--curves N] [--min-images N]
                       [--cross-cell TABLE.tsv] [--screenshot OUT.png] [--planted]

Checks, on the page as Chromium lays it out at 1200 px wide:
- every <img> has loaded with a size (complete, naturalWidth > 0), and
  every embedded PNG is whole (Chromium draws the first rows of a truncated PNG without
  any error, so the data URIs are also read chunk by chunk here);
- the AUC table is there with its header and N rows;
- each ROC plot has its curves, tick labels 0..1 on both axes drawn inside the plot's box,
  in order and not overlapping, and both axis titles;
- with --cross-cell: one train-cell x test-cell heatmap per model and task of the table, a
  square per table row, each labelled inside its square with the table's value (3 decimals,
  or 'skipped'), the cell names drawn beside the rows and above the columns;
- the page is no wider than the window.
--screenshot saves a full-page screenshot (for a person to look at) and checks it is a PNG
of the page's size. --planted then proves the checks can fail: copies of the report with a
broken image, a truncated image and a ROC plot without tick labels must each be rejected.

Prints one line per problem and exits 1 if there is any; exits 2 if the report or Chromium
is missing; otherwise prints one summary line and exits 0.
"""
import argparse
import base64
import binascii
import html.parser
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

WINDOW_WIDTH = 1200

# Injected before </body> of a copy of the report: once the page has loaded, it records what
# the browser made of the images, the AUC table and the ROC plots as JSON in a hidden <pre>,
# which --dump-dom prints. Boxes are the rendered boxes in page pixels.
PROBE = """<script>
function recordReport() {
  const box = (element) => {
    const r = element.getBoundingClientRect();
    return {x: r.x + scrollX, y: r.y + scrollY, w: r.width, h: r.height};
  };
  const texts = (root, selector) => [...root.querySelectorAll(selector)]
    .map((element) => ({text: element.textContent.trim(), box: box(element)}));
  // A broken image has loaded (complete) with no size. (HTMLImageElement.decode() would say
  // more, but awaiting it races the DOM dump; truncated PNGs pass it anyway.)
  const images = [...document.images].map((image) => ({alt: image.alt, complete: image.complete,
    naturalWidth: image.naturalWidth, naturalHeight: image.naturalHeight, box: box(image)}));
  const table = document.getElementById('auc-table');
  const cells = (row) => [...row.cells].map((cell) => cell.textContent.trim());
  const auc = !table ? null : {
    header: table.tHead ? cells(table.tHead.rows[0]) : [],
    rows: table.tBodies.length ? [...table.tBodies[0].rows].map(cells) : [],
    box: box(table)};
  const rocs = [...document.querySelectorAll('svg.roc')].map((svg) => ({
    box: box(svg),
    curves: [...svg.querySelectorAll('polyline')].map((line) => line.points.numberOfItems),
    x: texts(svg, '.x-axis .tick-label'),
    y: texts(svg, '.y-axis .tick-label'),
    titles: texts(svg, '.axis-title')}));
  const crossMaps = [...document.querySelectorAll('svg.cross-cell')].map((svg) => ({
    model: svg.dataset.model, task: svg.dataset.task, box: box(svg),
    rows: texts(svg, '.row-label'), columns: texts(svg, '.col-label'),
    pairs: [...svg.querySelectorAll('g.pair')].map((pair) => ({
      train: pair.dataset.train, test: pair.dataset.test, value: pair.dataset.value,
      square: box(pair.querySelector('rect')), label: texts(pair, 'text.value')[0] || null}))}));
  const page = {width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight};
  return {images, auc, rocs, crossMaps, page};
}
window.addEventListener('load', () => {
  const out = document.createElement('pre');
  out.id = 'report-check';
  out.hidden = true;
  try {
    out.textContent = JSON.stringify(recordReport());
  } catch (error) {
    out.textContent = JSON.stringify({error: String(error)});
  }
  document.body.appendChild(out);
});
</script>
"""

PNG_SIGNATURE = b'\x89PNG\r\n\x1a\n'


class Images(html.parser.HTMLParser):
    """Collects (alt, src) of every <img> of a page."""

    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == 'img':
            attributes = dict(attrs)
            self.images.append((attributes.get('alt') or '', attributes.get('src') or ''))


def png_problem(data):
    """What is wrong with PNG bytes (None if nothing): signature, chunk CRCs, IHDR first, IEND last."""
    if not data.startswith(PNG_SIGNATURE):
        return 'not a PNG (no PNG signature)'
    at = len(PNG_SIGNATURE)
    first = True
    while at < len(data):
        if at + 12 > len(data):
            return f'truncated at byte {at} (incomplete chunk header)'
        length, kind = struct.unpack('>I4s', data[at:at + 8])
        end = at + 12 + length
        if end > len(data):
            return f'truncated in chunk {kind.decode("latin-1")} at byte {at}'
        (crc,) = struct.unpack('>I', data[end - 4:end])
        if zlib.crc32(data[at + 4:end - 4]) != crc:
            return f'chunk {kind.decode("latin-1")} at byte {at} has a bad CRC'
        if first and kind != b'IHDR':
            return 'first chunk is not IHDR'
        first = False
        if kind == b'IEND':
            return None if end == len(data) else f'{len(data) - end} bytes after IEND'
        at = end
    return 'truncated (no IEND chunk)'


def png_size(data):
    return struct.unpack('>II', data[16:24]) if data.startswith(PNG_SIGNATURE) and len(data) >= 24 else (0, 0)


def embedded_png_problems(page):
    parser = Images()
    parser.feed(page)
    problems = []
    for number, (alt, src) in enumerate(parser.images, 1):
        match = re.fullmatch(r'data:image/png;base64,(.*)', src, re.S)
        if not match:
            continue
        try:
            data = base64.b64decode(match.group(1), validate=True)
        except binascii.Error as error:
            problems.append(f"image {number} '{alt}': embedded data is not base64 ({error})")
            continue
        problem = png_problem(data)
        if problem:
            problems.append(f"image {number} '{alt}': embedded PNG {problem}")
    return problems


def find_chromium():
    for name in (os.environ.get('CHROMIUM'), 'chromium', 'chromium-browser', 'google-chrome'):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def run_chromium(browser, arguments, url):
    """Runs headless Chromium on url in a throw-away profile; returns its stdout."""
    with tempfile.TemporaryDirectory(prefix='check-report-profile.') as profile:
        command = [browser, '--headless', '--no-sandbox', '--disable-gpu', f'--user-data-dir={profile}',
                   '--no-first-run', '--disable-extensions', '--disable-background-networking',
                   '--disable-component-update', '--disable-sync', '--mute-audio', '--hide-scrollbars',
                   '--force-device-scale-factor=1', *arguments, url]
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        tail = ' | '.join(result.stderr.strip().splitlines()[-3:])
        raise RuntimeError(f'chromium exited with {result.returncode}: {tail}')
    return result.stdout


def probe(browser, report, scratch):
    """Loads a copy of the report with PROBE injected; returns what PROBE recorded."""
    with open(report, encoding='utf-8') as source:
        page = source.read()
    head, end, tail = page.rpartition('</body>')
    if not end:
        raise RuntimeError(f'{report}: no </body> in the page')
    copy = os.path.join(scratch, 'probed.html')
    with open(copy, 'w', encoding='utf-8') as target:
        target.write(head + PROBE + end + tail)
    dom = run_chromium(browser, [f'--window-size={WINDOW_WIDTH},900', '--virtual-time-budget=20000',
                                 '--dump-dom'], 'file://' + os.path.abspath(copy))
    match = re.search(r'<pre id="report-check"[^>]*>(.*?)</pre>', dom, re.S)
    if not match:
        raise RuntimeError('the probe recorded nothing (did the page load?)')
    seen = json.loads(html.unescape(match.group(1)))
    if 'error' in seen:
        raise RuntimeError(f"the probe failed in the page: {seen['error']}")
    return seen


def inside(inner, outer):
    return (inner['x'] >= outer['x'] - 0.5 and inner['y'] >= outer['y'] - 0.5 and
            inner['x'] + inner['w'] <= outer['x'] + outer['w'] + 0.5 and
            inner['y'] + inner['h'] <= outer['y'] + outer['h'] + 0.5)


def overlap(a, b):
    return (a['x'] < b['x'] + b['w'] and b['x'] < a['x'] + a['w'] and
            a['y'] < b['y'] + b['h'] and b['y'] < a['y'] + a['h'])


def tick_problems(name, axis, ticks, plot):
    """Tick labels of one axis: numbers from 0 to 1, drawn, inside the plot, ordered, apart."""
    if len(ticks) < 2:
        return [f'{name}: {len(ticks)} {axis} tick labels (want at least 0 and 1)']
    problems = []
    try:
        values = [float(tick['text']) for tick in ticks]
    except ValueError:
        return [f'{name}: {axis} tick labels are not numbers: {[tick["text"] for tick in ticks]}']
    if min(values) != 0 or max(values) != 1:
        problems.append(f'{name}: {axis} tick labels run from {min(values)} to {max(values)}, not 0 to 1')
    for tick in ticks:
        if tick['box']['w'] <= 0 or tick['box']['h'] <= 0:
            problems.append(f"{name}: {axis} tick label '{tick['text']}' is not drawn (empty box)")
        elif not inside(tick['box'], plot):
            problems.append(f"{name}: {axis} tick label '{tick['text']}' lies outside the plot's box")
    # Larger values sit further right on x and higher up (smaller page y) on y.
    centre = (lambda b: b['x'] + b['w'] / 2) if axis == 'x' else (lambda b: -(b['y'] + b['h'] / 2))
    ordered = sorted(ticks, key=lambda tick: float(tick['text']))
    if any(centre(a['box']) >= centre(b['box']) for a, b in zip(ordered, ordered[1:])):
        problems.append(f'{name}: {axis} tick labels are not in order along the axis')
    if any(overlap(a['box'], b['box']) for a, b in zip(ordered, ordered[1:])):
        problems.append(f'{name}: {axis} tick labels overlap')
    return problems


def page_problems(seen, arguments):
    problems = []
    images = seen['images']
    if len(images) < arguments.min_images:
        problems.append(f'{len(images)} images on the page, want at least {arguments.min_images}')
    for number, image in enumerate(images, 1):
        if not image['complete'] or image['naturalWidth'] == 0 or image['naturalHeight'] == 0:
            state = 'complete' if image['complete'] else 'still loading'
            problems.append(f"image {number} '{image['alt']}' did not load "
                            f"({state}, natural size {image['naturalWidth']}x{image['naturalHeight']})")
        elif image['box']['w'] == 0 or image['box']['h'] == 0:
            problems.append(f"image {number} '{image['alt']}' is not shown (empty box)")
    table = seen['auc']
    if table is None:
        problems.append('no AUC table (#auc-table)')
    else:
        if table['header'][:3] != ['cell', 'model', 'test_auc']:
            problems.append(f"AUC table header {table['header']} does not start with cell, model, test_auc")
        if arguments.rows is not None and len(table['rows']) != arguments.rows:
            problems.append(f"AUC table has {len(table['rows'])} rows, want {arguments.rows}")
        if not table['rows']:
            problems.append('AUC table has no rows')
        for row in table['rows']:
            if len(row) != len(table['header']):
                problems.append(f'AUC table row {row} has {len(row)} cells for {len(table["header"])} columns')
        if table['box']['w'] == 0 or table['box']['h'] == 0:
            problems.append('AUC table is not shown (empty box)')
    rocs = seen['rocs']
    if not rocs:
        problems.append('no ROC plot (svg.roc)')
    curves = sum(len(roc['curves']) for roc in rocs)
    if arguments.curves is not None and curves != arguments.curves:
        problems.append(f'{curves} ROC curves in all, want {arguments.curves}')
    for number, roc in enumerate(rocs, 1):
        name = f'ROC plot {number}'
        if not roc['curves'] or min(roc['curves']) < 2:
            problems.append(f'{name}: curves with too few points {roc["curves"]}')
        problems += tick_problems(name, 'x', roc['x'], roc['box'])
        problems += tick_problems(name, 'y', roc['y'], roc['box'])
        titles = sorted(title['text'] for title in roc['titles']
                        if title['box']['w'] > 0 and inside(title['box'], roc['box']))
        if titles != ['false positive rate', 'true positive rate']:
            problems.append(f'{name}: axis titles drawn inside the plot are {titles}')
    if arguments.cross_cell:
        problems += cross_cell_problems(seen['crossMaps'], arguments.cross_cell)
    if seen['page']['width'] > WINDOW_WIDTH:
        problems.append(f"the page is {seen['page']['width']} px wide, wider than the {WINDOW_WIDTH} px window")
    return problems


def cross_cell_problems(maps, table):
    """The heatmaps against cross_cell.tsv: a map per model and task, a labelled square per row."""
    import csv
    with open(table, encoding='utf-8', newline='') as source:
        rows = list(csv.DictReader(source, delimiter='\t'))
    problems = []
    wanted = sorted({(row['model'], row['task']) for row in rows})
    found = sorted((m['model'], m['task']) for m in maps)
    if found != wanted:
        problems.append(f'cross-cell maps for {found}, want one per model and task of the table {wanted}')
    for number, heatmap in enumerate(maps, 1):
        name = f"cross-cell map {number} ({heatmap['model']})"
        expected = {(row['train_cell'], row['test_cell']): row['value'] for row in rows
                    if (row['model'], row['task']) == (heatmap['model'], heatmap['task'])}
        pairs = {(pair['train'], pair['test']): pair for pair in heatmap['pairs']}
        if set(pairs) != set(expected):
            problems.append(f'{name}: squares for {sorted(pairs)}, the table has {sorted(expected)}')
        for key, value in sorted(expected.items()):
            pair = pairs.get(key)
            if not pair:
                continue
            want = 'skipped' if value == 'NA' else f'{float(value):.3f}'
            label = pair['label']
            if not label or label['box']['w'] <= 0:
                problems.append(f'{name}: {key[0]} on {key[1]}: no value label drawn (want {want})')
            elif label['text'] != want:
                problems.append(f"{name}: {key[0]} on {key[1]}: label '{label['text']}', the table says {want}")
            elif not inside(label['box'], pair['square']):
                problems.append(f'{name}: {key[0]} on {key[1]}: label lies outside its square')
        drawn = lambda labels: sorted(label['text'] for label in labels if label['box']['w'] > 0)
        if drawn(heatmap['rows']) != sorted({key[0] for key in expected}):
            problems.append(f"{name}: row labels {drawn(heatmap['rows'])}, want the train cells")
        if drawn(heatmap['columns']) != sorted({key[1] for key in expected}):
            problems.append(f"{name}: column labels {drawn(heatmap['columns'])}, want the test cells")
    return problems


def check(browser, report, arguments, scratch):
    """All problems of one report (empty if none), and what the browser saw."""
    with open(report, encoding='utf-8') as source:
        problems = embedded_png_problems(source.read())
    seen = probe(browser, report, scratch)
    return problems + page_problems(seen, arguments), seen


def screenshot(browser, report, target, height):
    run_chromium(browser, [f'--window-size={WINDOW_WIDTH},{height}', '--virtual-time-budget=20000',
                           f'--screenshot={os.path.abspath(target)}'], 'file://' + os.path.abspath(report))
    with open(target, 'rb') as image:
        data = image.read()
    problem = png_problem(data)
    if problem:
        return [f'screenshot {target}: {problem}']
    width, shot_height = png_size(data)
    if (width, shot_height) != (WINDOW_WIDTH, height):
        return [f'screenshot {target} is {width}x{shot_height}, want {WINDOW_WIDTH}x{height}']
    return []


# Planted faults: name, and how to make the fault in the page's text. Each must be rejected.
def break_image(page):
    # The first embedded image's data becomes bytes that are not an image at all.
    return re.sub(r'data:image/png;base64,[A-Za-z0-9+/=]*',
                  'data:image/png;base64,' + base64.b64encode(b'this is not a PNG').decode(), page, count=1)


def truncate_image(page):
    def cut(match):
        data = base64.b64decode(match.group(1))
        return 'data:image/png;base64,' + base64.b64encode(data[:len(data) // 2]).decode()
    return re.sub(r'data:image/png;base64,([A-Za-z0-9+/=]*)', cut, page, count=1)


def drop_tick_labels(page):
    return re.sub(r"<text class='tick-label'[^>]*>[^<]*</text>", '', page)


def swap_cross_cell_value(page):
    # The first scored square of the first cross-cell map shows a value the table does not have.
    return re.sub(r"(<text class='value'[^>]*>)(\d\.\d{3})(</text>)",
                  lambda match: match.group(1) + ('0.123' if match.group(2) != '0.123' else '0.321') + match.group(3),
                  page, count=1)


PLANTED = [('broken image', break_image, r"image 1 '.*' did not load"),
           ('truncated image', truncate_image, r"image 1 '.*': embedded PNG truncated"),
           ('ROC plot without tick labels', drop_tick_labels, r'ROC plot 1: 0 x tick labels')]
# Only with --cross-cell.
PLANTED_CROSS_CELL = [('cross-cell square with a wrong value', swap_cross_cell_value, r"cross-cell map 1 .*: label '0\.(123|321)'")]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('report')
    parser.add_argument('--rows', type=int, help='rows the AUC table must have')
    parser.add_argument('--curves', type=int, help='ROC curves the page must have in all')
    parser.add_argument('--min-images', type=int, default=1, help='images the page must have at least')
    parser.add_argument('--cross-cell', help="the run's cross_cell.tsv: the heatmaps must show it")
    parser.add_argument('--screenshot', help='save a full-page screenshot here')
    parser.add_argument('--planted', action='store_true', help='also prove the checks reject planted faults')
    arguments = parser.parse_args()
    if not os.path.isfile(arguments.report):
        print(f'check_report: {arguments.report}: no such file', file=sys.stderr)
        return 2
    browser = find_chromium()
    if not browser:
        print('check_report: chromium is not on PATH (.ci/run installs it: apt-get install chromium)', file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix='check-report.') as scratch:
        problems, seen = check(browser, arguments.report, arguments, scratch)
        if arguments.screenshot and not problems:
            problems += screenshot(browser, arguments.report, arguments.screenshot, min(seen['page']['height'], 16000))
        caught = []
        if arguments.planted:
            with open(arguments.report, encoding='utf-8') as source:
                page = source.read()
            plants = PLANTED if 'data:image/png;base64,' in page else PLANTED[2:]  # image faults need an image
            for name, plant, expected in plants + (PLANTED_CROSS_CELL if arguments.cross_cell else []):
                planted = os.path.join(scratch, 'planted.html')
                with open(planted, 'w', encoding='utf-8') as target:
                    target.write(plant(page))
                found, _ = check(browser, planted, arguments, scratch)
                if not any(re.search(expected, problem) for problem in found):
                    problems.append(f'planted {name}: not caught (expected /{expected}/; found {found})')
                else:
                    caught.append(name)
    for problem in problems:
        print(problem)
    if problems:
        return 1
    rocs = seen['rocs']
    print(f"{len(seen['images'])} images loaded, AUC table {len(seen['auc']['rows'])} rows, "
          f"{len(rocs)} ROC plot(s) with {sum(len(roc['curves']) for roc in rocs)} curves and "
          f"{sum(len(roc['x']) + len(roc['y']) for roc in rocs)} tick labels"
          + (f", {len(seen['crossMaps'])} cross-cell maps with {sum(len(m['pairs']) for m in seen['crossMaps'])} squares"
             if arguments.cross_cell else '')
          + (f"; screenshot {arguments.screenshot}" if arguments.screenshot else '')
          + (f"; caught planted: {', '.join(caught)}" if caught else ''))
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main())
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as error:
        print(f'check_report: {error}', file=sys.stderr)
        sys.exit(2)
