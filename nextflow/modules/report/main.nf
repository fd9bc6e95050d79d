// A single self-contained HTML report: the AUC table, one ROC plot per cell (inline SVG
// drawn from the ROC tables) and the heatmaps, embedded as data URIs so the file can be
// mailed or archived alone. Runs inside Nextflow (exec:), so it needs no container.
process DEEPCHROME_REPORT {
    label 'process_single'

    input:
    val summary
    // [[cell, model, roc.tsv], ...]
    val rocs
    // [[cell, model, [png, ...]], ...]
    val images
    // cross_cell.tsv, or '' when the run had one cell or --cross_cell false
    val cross_cell
    // [regression_summary.tsv or '', [[cell, model, predictions.tsv], ...]]: regression models
    val regression
    val template

    output:
    path 'deepchrome_report.html', emit: html

    when:
    task.ext.when == null || task.ext.when

    exec:
    writeReport(summary, rocs, images, cross_cell, regression, template, task.workDir.resolve('deepchrome_report.html'))

    stub:
    // Nextflow evaluates an exec process's stub twice: once while preparing the task (no
    // work directory yet) and once to run it. The stub outputs are real tables (and empty
    // images), so the stub run checks this step for real.
    if( task.workDir ) {
        writeReport(summary, rocs, images, cross_cell, regression, template, task.workDir.resolve('deepchrome_report.html'))
    }
    return 'stub'
}

def writeReport(summary, rocs, images, crossCell, regression, template, target) {
    def table = summary.readLines().findAll { line -> line }.collect { line -> line.split('\t') as List }
    // Test AUC per [cell, model], for the ROC legends.
    def aucColumn = table ? table[0].indexOf('test_auc') : -1
    def aucs = aucColumn < 0 ? [:] : table.drop(1).collectEntries { row -> [[row[0], row[1]], row[aucColumn]] }
    def cells = (rocs.collect { roc -> roc[0] } + images.collect { image -> image[0] }).unique().sort()
    def sections = cells.collect { cell ->
        def cellRocs = rocs.findAll { roc -> roc[0] == cell }.sort { roc -> roc[1] }
        def figures = []
        images.findAll { image -> image[0] == cell }.sort { image -> image[1] }.each { image ->
            image[2].findAll { png -> png.name != 'roc.png' }.sort { png -> png.name }.each { png ->
                figures << [model: image[1], name: png.name.replaceAll(/\.png$/, '').replace('_', ' '),
                            uri: 'data:image/png;base64,' + java.util.Base64.getEncoder().encodeToString(png.bytes)]
            }
        }
        [name: cell, roc: rocSvg(cell, cellRocs, aucs), figures: figures]
    }
    def crossCellMaps = crossCell ? crossCellHeatmaps(crossCell) : []
    def (regressionTable, regressionPredictions) = regression
    def levels = regressionTable ? (regressionTable as java.nio.file.Path).readLines().findAll { line -> line }.collect { line -> line.split('\t') as List } : []
    def scatters = regressionPredictions.sort { a, b -> a[0] <=> b[0] ?: a[1] <=> b[1] }.collect { cell, model, predictions ->
        [cell: cell, model: model, svg: scatterSvg(cell, model, predictions)]
    }
    def binding = [
        header: table ? table[0] : [],
        rows: table ? table.drop(1) : [],
        sections: sections,
        crossCellMaps: crossCellMaps,
        regressionHeader: levels ? levels[0] : [],
        regressionRows: levels ? levels.drop(1) : [],
        scatters: scatters,
        version: workflow.manifest.version ?: '',
        date: new Date().format('yyyy-MM-dd HH:mm'),
        command: (workflow.commandLine ?: '').replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;'),
    ]
    def html = new groovy.text.SimpleTemplateEngine().createTemplate(template.text).make(binding).toString()
    target.text = html
}

// ROC curves of every model of one cell as inline SVG: a square plot with ticks, tick labels
// and axis titles, and a legend giving each model's test AUC. Long curves are thinned to
// keep the report small.
def rocSvg(cell, rocs, aucs) {
    def plot = 260
    def left = 58
    def top = 12
    def bottom = 48
    // Room on the right for the legend.
    def right = 170
    def width = left + plot + right
    def height = top + plot + bottom
    def x = { value -> left + value * plot }
    def y = { value -> top + (1 - value) * plot }
    def colours = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02']
    def ticks = (0..5).collect { step -> step / 5 }
    def parts = []
    parts << "<svg class='roc' xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' viewBox='0 0 ${width} ${height}' role='img' aria-labelledby='roc-title-${cell}'>"
    parts << "<title id='roc-title-${cell}'>ROC curves of the models of ${cell} on its test genes</title>"
    // Grid first, so the curves are drawn over it.
    ticks.each { tick ->
        parts << "<line x1='${svgNumber(x.call(tick))}' y1='${top}' x2='${svgNumber(x.call(tick))}' y2='${top + plot}' stroke='#eee'/>"
        parts << "<line x1='${left}' y1='${svgNumber(y.call(tick))}' x2='${left + plot}' y2='${svgNumber(y.call(tick))}' stroke='#eee'/>"
    }
    parts << "<rect x='${left}' y='${top}' width='${plot}' height='${plot}' fill='none' stroke='#888'/>"
    parts << "<line x1='${svgNumber(x.call(0))}' y1='${svgNumber(y.call(0))}' x2='${svgNumber(x.call(1))}' y2='${svgNumber(y.call(1))}' stroke='#bbb' stroke-dasharray='4 4'/>"
    parts << "<g class='axis x-axis' font-size='11' text-anchor='middle'>"
    ticks.each { tick ->
        parts << "<line x1='${svgNumber(x.call(tick))}' y1='${top + plot}' x2='${svgNumber(x.call(tick))}' y2='${top + plot + 5}' stroke='#888'/>"
        parts << "<text class='tick-label' x='${svgNumber(x.call(tick))}' y='${top + plot + 18}'>${svgNumber(tick)}</text>"
    }
    parts << "<text class='axis-title' x='${left + plot / 2}' y='${height - 8}' font-size='12'>false positive rate</text>"
    parts << '</g>'
    parts << "<g class='axis y-axis' font-size='11' text-anchor='end'>"
    ticks.each { tick ->
        parts << "<line x1='${left - 5}' y1='${svgNumber(y.call(tick))}' x2='${left}' y2='${svgNumber(y.call(tick))}' stroke='#888'/>"
        parts << "<text class='tick-label' x='${left - 8}' y='${svgNumber(y.call(tick) + 4)}'>${svgNumber(tick)}</text>"
    }
    def middle = top + plot / 2
    parts << "<text class='axis-title' x='16' y='${middle}' font-size='12' text-anchor='middle' transform='rotate(-90 16 ${middle})'>true positive rate</text>"
    parts << '</g>'
    def legend = ["<g class='legend' font-size='12'>"]
    rocs.eachWithIndex { roc, i ->
        def points = roc[2].readLines().drop(1).findAll { line -> line }.collect { line ->
            def fields = line.split('\t')
            [fields[0] as double, fields[1] as double]
        }
        def step = Math.max(1, (int) (points.size() / 400))
        def kept = points.withIndex().findAll { _point, n -> n % step == 0 || n == points.size() - 1 }.collect { point, _n -> point }
        def path = kept.collect { point -> svgNumber(x.call(point[0])) + ',' + svgNumber(y.call(point[1])) }.join(' ')
        def colour = colours[i % colours.size()]
        def auc = aucs[[cell, roc[1]]]
        def rowY = top + 10 + 18 * i
        parts << "<polyline fill='none' stroke='${colour}' stroke-width='2' points='${path}'/>"
        legend << "<line x1='${left + plot + 14}' y1='${rowY - 4}' x2='${left + plot + 32}' y2='${rowY - 4}' stroke='${colour}' stroke-width='3'/>"
        legend << "<text x='${left + plot + 38}' y='${rowY}'>${roc[1]}${auc ? " (AUC ${auc})" : ''}</text>"
    }
    parts.addAll(legend)
    parts << '</g>'
    parts << '</svg>'
    return parts.join('\n')
}

// One train-cell x test-cell heatmap per model (and task) from cross_cell.tsv, as inline SVG:
// rows are the cells the model was trained on, columns the cells it was tested on, each square
// coloured by the score (AUC: 0.5 white to 1 dark blue; Pearson r: 0 white to 1) and labelled
// with it; a skipped pair is grey and says so. Own-cell squares are outlined.
def crossCellHeatmaps(table) {
    def lines = (table as java.nio.file.Path).readLines().findAll { line -> line }
    def header = lines[0].split('\t', -1) as List
    def rows = lines.drop(1).collect { line ->
        def fields = line.split('\t', -1)
        header.withIndex().collectEntries { column, i -> [column, i < fields.length ? fields[i] : ''] }
    }
    def models = rows.collect { row -> [row.model, row.task] }.unique()
    return models.collect { model, task ->
        def modelRows = rows.findAll { row -> row.model == model && row.task == task }
        def trainCells = modelRows.collect { row -> row.train_cell }.unique().sort()
        def testCells = modelRows.collect { row -> row.test_cell }.unique().sort()
        def metric = modelRows[0].metric
        def low = metric == 'auc' ? 0.5 : 0.0
        def square = 64
        def left = 20 + 8 * Math.max(4, (trainCells + testCells).collect { cell -> cell.size() }.max())
        def top = 40
        def width = left + square * testCells.size() + 20
        def height = top + square * trainCells.size() + 40
        def id = "cross-${model}-${task}".replaceAll(/[^A-Za-z0-9_-]/, '_')
        def parts = []
        parts << "<svg class='cross-cell' data-model='${model}' data-task='${task}' xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' viewBox='0 0 ${width} ${height}' role='img' aria-labelledby='${id}-title'>"
        parts << "<title id='${id}-title'>${model} (${task}): test ${metric} of each train cell's model on each cell's test genes</title>"
        parts << "<text class='axis-title' x='${left}' y='14' font-size='12'>test cell &#8594;</text>"
        parts << "<text class='axis-title' x='4' y='${top + square * trainCells.size() + 28}' font-size='12'>&#8593; train cell</text>"
        testCells.eachWithIndex { cell, j ->
            parts << "<text class='col-label' x='${left + square * j + square / 2}' y='${top - 8}' font-size='11' text-anchor='middle'>${cell}</text>"
        }
        trainCells.eachWithIndex { trainCell, i ->
            def y = top + square * i
            parts << "<text class='row-label' x='${left - 6}' y='${y + square / 2 + 4}' font-size='11' text-anchor='end'>${trainCell}</text>"
            testCells.eachWithIndex { testCell, j ->
                def x = left + square * j
                def row = modelRows.find { candidate -> candidate.train_cell == trainCell && candidate.test_cell == testCell }
                def value = row && row.value != 'NA' ? row.value as double : null
                def fill = value == null ? '#ddd' : heatColour((value - low) / (1 - low))
                def label = value == null ? (row ? 'skipped' : '') : String.format(java.util.Locale.ROOT, '%.3f', value)
                def ink = value != null && (value - low) / (1 - low) > 0.6 ? '#fff' : '#222'
                def outline = trainCell == testCell ? " stroke='#222' stroke-width='2'" : " stroke='#fff'"
                def tip = row ? "${trainCell} model on ${testCell}: ${metric} ${row.value}${row.note ? ' (' + row.note + ')' : ''}" : ''
                parts << "<g class='pair' data-train='${trainCell}' data-test='${testCell}' data-value='${row ? row.value : ''}'><title>${htmlText(tip)}</title>"
                parts << "<rect x='${x}' y='${y}' width='${square}' height='${square}' fill='${fill}'${outline}/>"
                parts << "<text class='value' x='${x + square / 2}' y='${y + square / 2 + 4}' font-size='12' text-anchor='middle' fill='${ink}'>${label}</text></g>"
            }
        }
        parts << '</svg>'
        [model: model, task: task, metric: metric, svg: parts.join('\n'),
         notes: modelRows.findAll { row -> row.note }.collect { row -> htmlText("${row.train_cell} on ${row.test_cell}: ${row.note}") }]
    }
}

// Observed vs predicted expression of one regression model on its test genes (the
// predictions TSV: gene_id, predicted, observed, on the target's original scale), as inline
// SVG on log(1 + x) axes: points drawn translucent, so dense regions show darker; the diagonal
// is a perfect prediction.
def scatterSvg(cell, model, predictions) {
    def lines = (predictions as java.nio.file.Path).readLines().findAll { line -> line && !line.startsWith('#') }
    def header = lines ? lines[0].split('\t') as List : []
    def p = header.indexOf('predicted')
    def o = header.indexOf('observed')
    def points = (p < 0 || o < 0) ? [] : lines.drop(1).collect { line -> line.split('\t') }.findAll { fields -> fields.length > Math.max(p, o) && fields[p].isNumber() && fields[o].isNumber() }
        .collect { fields -> [Math.log1p(Math.max(0, fields[o] as double)), Math.log1p(Math.max(0, fields[p] as double))] }
    def size = 260
    def left = 58
    def top = 12
    def bottom = 48
    def high = points ? Math.max(1e-9, points.collect { point -> Math.max(point[0], point[1]) }.max()) : 1
    def x = { value -> left + value / high * size }
    def y = { value -> top + (1 - value / high) * size }
    def parts = []
    parts << "<svg class='scatter' data-cell='${cell}' data-model='${model}' data-points='${points.size()}' xmlns='http://www.w3.org/2000/svg' width='${left + size + 20}' height='${top + size + bottom}' role='img' aria-labelledby='scatter-${cell}-${model}'>"
    parts << "<title id='scatter-${cell}-${model}'>${model} on ${cell}'s test genes: observed vs predicted expression, log(1 + x)</title>"
    parts << "<rect x='${left}' y='${top}' width='${size}' height='${size}' fill='none' stroke='#888'/>"
    parts << "<line x1='${svgNumber(x.call(0))}' y1='${svgNumber(y.call(0))}' x2='${svgNumber(x.call(high))}' y2='${svgNumber(y.call(high))}' stroke='#bbb' stroke-dasharray='4 4'/>"
    // Thinned to at most 4000 points to keep the report small.
    def step = Math.max(1, (int) (points.size() / 4000))
    points.withIndex().findAll { _point, n -> n % step == 0 }.each { point, _n ->
        parts << "<circle cx='${svgNumber(x.call(point[0]))}' cy='${svgNumber(y.call(point[1]))}' r='2' fill='#08306b' fill-opacity='0.25'/>"
    }
    parts << "<text class='axis-title' x='${left + size / 2}' y='${top + size + 30}' font-size='12' text-anchor='middle'>observed, log(1 + x)</text>"
    parts << "<text class='axis-title' x='16' y='${top + size / 2}' font-size='12' text-anchor='middle' transform='rotate(-90 16 ${top + size / 2})'>predicted, log(1 + x)</text>"
    parts << "<text class='tick-label' x='${left}' y='${top + size + 16}' font-size='11' text-anchor='middle'>0</text>"
    parts << "<text class='tick-label' x='${left + size}' y='${top + size + 16}' font-size='11' text-anchor='middle'>${svgNumber(high)}</text>"
    parts << '</svg>'
    return parts.join('\n')
}

// White (0) to dark blue (1), clamped.
def heatColour(fraction) {
    def f = Math.max(0.0, Math.min(1.0, fraction as double))
    def mix = { from, to -> Math.round(from + (to - from) * f) as int }
    return String.format(java.util.Locale.ROOT, '#%02x%02x%02x', mix.call(255, 8), mix.call(255, 48), mix.call(255, 107))
}

def htmlText(text) {
    return text.toString().replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace("'", '&#39;')
}

// A coordinate or tick value with one decimal, whatever the JVM's locale.
def svgNumber(value) {
    return String.format(java.util.Locale.ROOT, '%.1f', value as double)
}
