// Predicts high/low expression for a labelled matrix (the test split) and scores it:
// predictions, ROC AUC and accuracy, and the ROC curve. A regression model (meta.task) predicts
// the level: predictions gene_id, predicted, observed; Pearson r, Spearman rho, R2, RMSE; no ROC.
process DEEPCHROME_PREDICT {
    tag "${meta.id}:${meta.model}"
    label 'process_low'
    container "localhost/deepchrome/predict:0.1.0"

    input:
    // expression: for a regression model, the test cell's expression table (observed levels);
    // [] for classification
    tuple val(meta), path(model), path(matrix), path(expression)

    output:
    tuple val(meta), path("${prefix}.predictions.tsv"), emit: predictions
    tuple val(meta), path("${prefix}.metrics.json"), emit: metrics
    tuple val(meta), path("${prefix}.roc.tsv"), optional: true, emit: roc
    path "versions.yml", emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    // Java heap from the task's memory, as nf-core's Java modules do: without -Xmx the JVM
    // takes a quarter of the node's RAM, whatever the scheduler granted the task.
    def heap_mb = task.memory ? (task.memory.mega * 0.75).intValue() : 3072
    prefix = task.ext.prefix ?: "${meta.id}.${meta.model}"
    // A regression model has no ROC curve (no --roc, no roc.tsv).
    """
    export DEEPCHROME_JAVA_OPTS="-Xmx${heap_mb}m"
    deepchrome-predict \\
        --model ${model} \\
        --input ${matrix} ${observedArgs(meta, expression)} \\
        --output ${prefix}.predictions.tsv \\
        --metrics ${prefix}.metrics.json \\
        ${meta.task == 'regression' ? '' : "--roc ${prefix}.roc.tsv"} \\
        --threads ${task.cpus} \\
        ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        deepchrome-predict: \$(deepchrome-predict --version 2>&1 | awk 'NR == 1 {print \$2}')
    END_VERSIONS
    """

    stub:
    def args = task.ext.args ?: ''
    prefix = task.ext.prefix ?: "${meta.id}.${meta.model}"
    // A regression model has no ROC curve (no --roc, no roc.tsv).
    // The stub prints the command it stands in for, so stub runs can check the arguments; its
    // outputs have the shape of the tool's for the model's task (regression: docs/cli.md).
    def outputs = meta.task == 'regression' ? [
        "printf 'gene_id\\tpredicted\\tobserved\\nG1\\t1.5\\t2.0\\nG2\\t3.0\\t2.5\\nG3\\t0.5\\t0.1\\n' > ${prefix}.predictions.tsv",
        "echo '{\"model\": \"${meta.model_type}\", \"task\": \"regression\", \"pearson_r\": 0.5, \"spearman_rho\": 0.5, \"r2\": 0.25, \"rmse\": 1.0, \"genes\": 3}' > ${prefix}.metrics.json",
    ] : [
        "printf 'gene_id\\tprobability_high\\tpredicted_label\\tlabel\\n' > ${prefix}.predictions.tsv",
        "echo '{\"model\": \"${meta.model_type}\", \"auc\": 0.5, \"accuracy\": 0.5, \"genes\": 0, \"positives\": 0}' > ${prefix}.metrics.json",
        "printf 'false_positive_rate\\ttrue_positive_rate\\tthreshold\\n0\\t0\\t1\\n1\\t1\\t0\\n' > ${prefix}.roc.tsv",
    ]
    """
    echo "deepchrome-predict --model ${model} --input ${matrix} ${observedArgs(meta, expression)} --output ${prefix}.predictions.tsv --metrics ${prefix}.metrics.json ${meta.task == 'regression' ? '' : "--roc ${prefix}.roc.tsv"} --threads ${task.cpus} ${args}"
    ${outputs.join('\n    ')}
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        deepchrome-predict: stub
    END_VERSIONS
    """
}

// A regression model's observed levels: the test cell's expression table and value column
// (meta.observed_column for another cell's test split, else the model's own target column).
def observedArgs(meta, expression) {
    if( meta.task != 'regression' ) {
        return ''
    }
    def column = meta.containsKey('observed_column') ? meta.observed_column : meta.target_column
    return "--expression ${expression}" + (column ? " --expression-column '${column}'" : '')
}
