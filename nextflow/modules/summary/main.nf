// One table of test-set scores: a row per cell and model. Runs inside Nextflow (exec:),
// so it needs no container.
process DEEPCHROME_SUMMARY {
    label 'process_single'

    input:
    // [[cell, model, metrics.json], ...]
    val records

    output:
    path 'auc_summary.tsv', emit: tsv
    // Only when a cell ran regression.
    path 'regression_summary.tsv', optional: true, emit: regression

    when:
    task.ext.when == null || task.ext.when

    exec:
    writeSummary(records, task.workDir.resolve('auc_summary.tsv'))

    stub:
    // Nextflow evaluates an exec process's stub twice: once while preparing the task (no
    // work directory yet) and once to run it. The stub outputs are real tables (and empty
    // images), so the stub run checks this step for real.
    if( task.workDir ) {
        writeSummary(records, task.workDir.resolve('auc_summary.tsv'))
    }
    return 'stub'
}

// auc_summary.tsv: the classification models; regression_summary.tsv (beside it, only when
// there are regression models): cell, model, pearson_r, spearman_rho, r2, rmse, genes.
def writeSummary(records, target) {
    def slurper = new groovy.json.JsonSlurper()
    def scored = records.collect { record -> [record[0], record[1], slurper.parse(record[2].toFile())] }
        .sort { a, b -> a[0] <=> b[0] ?: a[1] <=> b[1] }
    def classification = scored.findAll { _cell, _model, metrics -> metrics.task != 'regression' }
    def regression = scored.findAll { _cell, _model, metrics -> metrics.task == 'regression' }
    def lines = ['cell\tmodel\ttest_auc\taccuracy\tgenes']
    classification.each { cell, model, metrics ->
        lines << [cell, model, formatScore(metrics.auc), formatScore(metrics.accuracy), metrics.genes].join('\t')
    }
    target.text = lines.join('\n') + '\n'
    if( regression ) {
        def levels = ['cell\tmodel\tpearson_r\tspearman_rho\tr2\trmse\tgenes']
        regression.each { cell, model, metrics ->
            levels << [cell, model, formatScore(metrics.pearson_r), formatScore(metrics.spearman_rho), formatScore(metrics.r2), formatScore(metrics.rmse), metrics.genes].join('\t')
        }
        target.resolveSibling('regression_summary.tsv').text = levels.join('\n') + '\n'
    }
}

def formatScore(value) {
    return value == null ? 'NA' : String.format(java.util.Locale.ROOT, '%.4f', value as double)
}
