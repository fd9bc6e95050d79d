// Fits one model of the kind meta.model_type (cnn, rf, svm, logistic, attentive; regression: cnn, ridge, rf, attentive)
// for meta.task on a cell's train matrix and keeps the epoch with the best validation score
// (AUC; Pearson r for regression, whose targets come from the cell's expression table).
process DEEPCHROME_TRAIN {
    tag "${meta.id}:${meta.model}"
    label 'process_medium'
    container "localhost/deepchrome/train:0.1.0"

    input:
    // expression: the cell's expression table for regression targets; [] for classification
    tuple val(meta), path(train), path(valid), path(expression)

    output:
    tuple val(meta), path("${prefix}.zip"), emit: model
    tuple val(meta), path("${prefix}.epochs.tsv"), emit: epochs
    tuple val(meta), path("${prefix}.summary.json"), emit: summary
    path "versions.yml", emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    // Java heap from the task's memory, as nf-core's Java modules do: without -Xmx the JVM
    // takes a quarter of the node's RAM, whatever the scheduler granted the task.
    def heap_mb = task.memory ? (task.memory.mega * 0.75).intValue() : 3072
    prefix = task.ext.prefix ?: "${meta.id}.${meta.model}"
    def target = regressionArgs(meta, expression)
    """
    export DEEPCHROME_JAVA_OPTS="-Xmx${heap_mb}m"
    deepchrome-train \\
        --train ${train} \\
        --valid ${valid} \\
        --model-type ${meta.model_type} ${target} \\
        --output ${prefix}.zip \\
        --epoch-table ${prefix}.epochs.tsv \\
        --summary ${prefix}.summary.json \\
        --threads ${task.cpus} \\
        ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        deepchrome-train: \$(deepchrome-train --version 2>&1 | awk 'NR == 1 {print \$2}')
    END_VERSIONS
    """

    stub:
    def args = task.ext.args ?: ''
    prefix = task.ext.prefix ?: "${meta.id}.${meta.model}"
    def target = regressionArgs(meta, expression)
    // The stub prints the command it stands in for, so stub runs can check the arguments.
    """
    echo "deepchrome-train --train ${train} --valid ${valid} --model-type ${meta.model_type} ${target} --output ${prefix}.zip --epoch-table ${prefix}.epochs.tsv --summary ${prefix}.summary.json --threads ${task.cpus} ${args}"
    touch ${prefix}.zip
    printf 'epoch\\ttrain_loss\\tvalid_auc\\tseconds\\n1\\t0.5\\t0.5\\t0\\n' > ${prefix}.epochs.tsv
    echo '{}' > ${prefix}.summary.json
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        deepchrome-train: stub
    END_VERSIONS
    """
}

// Classification is the tool's default task: no option, so classification commands stay as
// they were. Regression: --task regression and the targets' table and column.
def regressionArgs(meta, expression) {
    if( meta.task != 'regression' ) {
        return ''
    }
    def column = meta.target_column ? " --expression-column '${meta.target_column}'" : ''
    return "--task regression --expression ${expression}${column}"
}
