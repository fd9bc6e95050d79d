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
    val template

    output:
    path 'deepchrome_report.html', emit: html

    exec:
    writeReport(summary, rocs, images, template, task.workDir.resolve('deepchrome_report.html'))

    stub:
    // Nextflow evaluates an exec process's stub twice: once while preparing the task (no
    // work directory yet) and once to run it. The stub outputs are real tables (and empty
    // images), so the stub run checks this step for real.
    if( task.workDir ) {
        writeReport(summary, rocs, images, template, task.workDir.resolve('deepchrome_report.html'))
    }
    return 'stub'
}

def writeReport(summary, rocs, images, template, target) {
    def table = summary.readLines().findAll { line -> line }.collect { line -> line.split('\t') as List }
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
        [name: cell, roc: rocSvg(cellRocs), figures: figures]
    }
    def binding = [
        header: table ? table[0] : [],
        rows: table ? table.drop(1) : [],
        sections: sections,
        version: workflow.manifest.version ?: '',
        date: new Date().format('yyyy-MM-dd HH:mm'),
        command: (workflow.commandLine ?: '').replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;'),
    ]
    def html = new groovy.text.SimpleTemplateEngine().createTemplate(template.text).make(binding).toString()
    target.text = html
}

// ROC curves of every model of one cell as inline SVG; long curves are thinned to keep
// the report small.
def rocSvg(rocs) {
    def size = 320
    def margin = 40
    def colours = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02']
    def scale = { value -> margin + value * (size - 2 * margin) }
    def parts = []
    parts << "<svg xmlns='http://www.w3.org/2000/svg' width='${size + 120}' height='${size}' viewBox='0 0 ${size + 120} ${size}' role='img'>"
    parts << "<rect x='${margin}' y='${margin}' width='${size - 2 * margin}' height='${size - 2 * margin}' fill='none' stroke='#888'/>"
    parts << "<line x1='${scale.call(0)}' y1='${size - scale.call(0)}' x2='${scale.call(1)}' y2='${size - scale.call(1)}' stroke='#bbb' stroke-dasharray='4 4'/>"
    parts << "<text x='${size / 2}' y='${size - 8}' text-anchor='middle' font-size='12'>false positive rate</text>"
    parts << "<text x='12' y='${size / 2}' text-anchor='middle' font-size='12' transform='rotate(-90 12 ${size / 2})'>true positive rate</text>"
    rocs.eachWithIndex { roc, i ->
        def points = roc[2].readLines().drop(1).findAll { line -> line }.collect { line ->
            def fields = line.split('\t')
            [fields[0] as double, fields[1] as double]
        }
        def step = Math.max(1, (int) (points.size() / 400))
        def kept = points.withIndex().findAll { _point, n -> n % step == 0 || n == points.size() - 1 }.collect { point, _n -> point }
        def path = kept.collect { point -> String.format(java.util.Locale.ROOT, '%.1f,%.1f', scale.call(point[0]), size - scale.call(point[1])) }.join(' ')
        def colour = colours[i % colours.size()]
        parts << "<polyline fill='none' stroke='${colour}' stroke-width='2' points='${path}'/>"
        parts << "<text x='${size - margin + 10}' y='${margin + 16 * i + 10}' font-size='12' fill='${colour}'>${roc[1]}</text>"
    }
    parts << '</svg>'
    return parts.join('\n')
}
