// One table of test-set scores: a row per cell and model. Runs inside Nextflow (exec:),
// so it needs no container.
process DEEPCHROME_SUMMARY {
    label 'process_single'

    input:
    // [[cell, model, metrics.json], ...]
    val records

    output:
    path 'auc_summary.tsv', emit: tsv

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

def writeSummary(records, target) {
    def slurper = new groovy.json.JsonSlurper()
    def rows = records.collect { record ->
        def metrics = slurper.parse(record[2].toFile())
        [record[0], record[1], metrics.auc, metrics.accuracy, metrics.genes]
    }
    rows.sort { a, b -> a[0] <=> b[0] ?: a[1] <=> b[1] }
    def lines = ['cell\tmodel\ttest_auc\taccuracy\tgenes']
    rows.each { row ->
        lines << [row[0], row[1], formatScore(row[2]), formatScore(row[3]), row[4]].join('\t')
    }
    target.text = lines.join('\n') + '\n'
}

def formatScore(value) {
    return value == null ? 'NA' : String.format(java.util.Locale.ROOT, '%.4f', value as double)
}
