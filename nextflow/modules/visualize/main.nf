// Explains one trained CNN or AttentiveChrome model: class-optimization heatmaps, saliency (CNN)
// or attention maps (AttentiveChrome) and profile heatmaps of the test genes, the ROC curve and
// the training curves. (The tool refuses the baselines: they have no gradients.)
process DEEPCHROME_VISUALIZE {
    tag "${meta.id}:${meta.model}"
    label 'process_low'
    container "localhost/deepchrome/visualize:0.1.0"

    input:
    tuple val(meta), path(model), path(matrix), path(predictions), path(epochs)

    output:
    tuple val(meta), path("${prefix}/*.png"), emit: png
    tuple val(meta), path("${prefix}/*"), emit: plots
    path "versions.yml", emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    // Java heap from the task's memory, as nf-core's Java modules do: without -Xmx the JVM
    // takes a quarter of the node's RAM, whatever the scheduler granted the task.
    def heap_mb = task.memory ? (task.memory.mega * 0.75).intValue() : 3072
    prefix = task.ext.prefix ?: "${meta.id}.${meta.model}"
    """
    export DEEPCHROME_JAVA_OPTS="-Xmx${heap_mb}m"
    deepchrome-visualize \\
        --model ${model} \\
        --input ${matrix} \\
        --predictions ${predictions} \\
        --epoch-table ${epochs} \\
        --output-dir ${prefix} \\
        --threads ${task.cpus} \\
        ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        deepchrome-visualize: \$(deepchrome-visualize --version 2>&1 | awk 'NR == 1 {print \$2}')
    END_VERSIONS
    """

    stub:
    def args = task.ext.args ?: ''
    prefix = task.ext.prefix ?: "${meta.id}.${meta.model}"
    // The stub prints the command it stands in for, so stub runs can check the arguments; its
    // files are named as the tool's for the model type (attentive: attention maps, no saliency).
    def maps = meta.model_type == 'attentive' ? ['attention', 'attention_means'] : ['saliency']
    """
    echo "deepchrome-visualize --model ${model} --input ${matrix} --predictions ${predictions} --epoch-table ${epochs} --output-dir ${prefix} --threads ${task.cpus} ${args}"
    mkdir -p ${prefix}
    touch ${prefix}/class_optimization.png ${prefix}/class_optimization.tsv
    for map in ${maps.join(' ')}; do touch ${prefix}/\$map.png ${prefix}/\$map.tsv; done
    touch ${prefix}/profile_heatmap.png ${prefix}/roc.png ${prefix}/training_curves.png
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        deepchrome-visualize: stub
    END_VERSIONS
    """
}
