// The cross-cell table: every cell's models scored on every cell's test split (its own
// included), one row per train cell, test cell and model. Runs inside Nextflow (exec:), so it
// needs no container.
process DEEPCHROME_CROSS_CELL {
    label 'process_single'

    input:
    // [[train_cell, test_cell, model, task, metrics.json or '', note], ...]
    val records
    // [[cell, matrix_profile.json], ...]
    val profiles

    output:
    path 'cross_cell.tsv', emit: tsv

    when:
    task.ext.when == null || task.ext.when

    exec:
    writeCrossCell(records, profiles, task.workDir.resolve('cross_cell.tsv'))

    stub:
    // Nextflow evaluates an exec process's stub twice: once while preparing the task (no
    // work directory yet) and once to run it. The table is computed for real from the stubs'
    // metrics and the real matrix profiles.
    if( task.workDir ) {
        writeCrossCell(records, profiles, task.workDir.resolve('cross_cell.tsv'))
    }
    return 'stub'
}

def CROSS_CELL_COLUMNS() { ['train_cell', 'test_cell', 'model', 'task', 'metric', 'value', 'genes', 'genes_in_source_training', 'note'] }

// genes_in_source_training: how many genes of the test cell's test split are in the train
// cell's train split, matched by gene id (0 when both cells use the same gene split, as the
// paper's cells do; then a cross-cell score is on genes no model has seen).
def writeCrossCell(records, profiles, target) {
    def slurper = new groovy.json.JsonSlurper()
    def byCell = profiles.collectEntries { entry -> [entry[0], slurper.parse(entry[1].toFile())] }
    def rows = records.collect { record ->
        def (trainCell, testCell, model, task, metricsFile, note) = record
        def source = byCell[trainCell] ?: [:]
        def targetProfile = byCell[testCell] ?: [:]
        def overlap = 'NA'
        if( source.train_genes != null && targetProfile.test_genes != null ) {
            def trained = source.train_genes as Set
            overlap = targetProfile.test_genes.count { gene -> gene in trained }
        }
        def metric = task == 'regression' ? 'pearson_r' : 'auc'
        def value = 'NA'
        def genes = 'NA'
        if( metricsFile ) {
            def metrics = slurper.parse((metricsFile as java.nio.file.Path).toFile())
            value = metrics[metric] == null ? 'NA' : String.format(java.util.Locale.ROOT, '%.4f', metrics[metric] as double)
            genes = metrics.genes != null ? metrics.genes : 'NA'
        }
        [trainCell, testCell, model, task, metric, value, genes, overlap, note ?: '']
    }
    rows.sort { a, b -> a[0] <=> b[0] ?: a[1] <=> b[1] ?: a[2] <=> b[2] ?: a[3] <=> b[3] }
    def lines = [CROSS_CELL_COLUMNS().join('\t')] + rows.collect { row -> row.join('\t') }
    target.text = lines.join('\n') + '\n'
}

// Whether a model of the source cell can be scored on the target cell's test split:
// [skip: why not or null, warning: a doubt or null]. Marks (names and order) and bins must
// match, as deepchrome-predict requires: a pair that differs is skipped, not an error. The value
// scale is compared on the two cells' training matrices: integer counts against decimals (read
// counts vs mean depth) or medians of the positive values more than 4 times apart suggest units
// that differ, which a model does not survive; that is a warning, as it may be intended.
def crossCellCheck(sourceCell, source, targetCell, target) {
    if( source.unreadable ) {
        return [skip: "not compared: ${sourceCell}: ${source.unreadable}", warning: null]
    }
    if( target.unreadable ) {
        return [skip: "not compared: ${targetCell}: ${target.unreadable}", warning: null]
    }
    if( source.marks != target.test_marks ) {
        return [skip: "skipped: marks differ (${sourceCell}: ${source.marks.join(' ')}; ${targetCell}: ${target.test_marks.join(' ')})", warning: null]
    }
    if( source.bins != target.test_bins ) {
        return [skip: "skipped: bins differ (${sourceCell}: ${source.bins}; ${targetCell}: ${target.test_bins})", warning: null]
    }
    def doubts = []
    if( source.integer_valued != target.integer_valued ) {
        def counts = source.integer_valued ? sourceCell : targetCell
        def decimals = source.integer_valued ? targetCell : sourceCell
        doubts << "${counts}'s values are whole numbers (counts?), ${decimals}'s are not (mean depth?)"
    }
    def a = source.positive_median as double
    def b = target.positive_median as double
    if( a > 0 && b > 0 && Math.max(a, b) / Math.min(a, b) > 4 ) {
        doubts << String.format(java.util.Locale.ROOT, 'median positive training value %s %.3g vs %s %.3g', sourceCell, a, targetCell, b)
    }
    if( source.signed != target.signed ) {
        doubts << "one matrix is signed (control-normalised), the other not"
    }
    return [skip: null, warning: doubts ? "warning: value units may differ: ${doubts.join('; ')}" : null]
}

// A DEEPCHROME_MATRIX_PROFILE JSON as a map.
def readProfile(profile) {
    return new groovy.json.JsonSlurper().parse((profile as java.nio.file.Path).toFile())
}
