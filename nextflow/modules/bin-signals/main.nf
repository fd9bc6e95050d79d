// Counts every mark of one cell in 100 bp bins around each TSS and splits the genes
// into train/valid/test DeepChrome matrices, labelled from the cell's expression.
process DEEPCHROME_BINSIGNALS {
    tag "${meta.id}"
    label 'process_low'
    container "localhost/deepchrome/bin-signals:0.1.0"

    input:
    // meta: [id: cell, marks: [mark names, in the order of reads], control_of: [marks whose
    // input controls follow the marks in reads], indexed: [true/false per read file],
    // expression_column: column name or null]. Reads are staged one per numbered folder so
    // that two marks may share a file name.
    tuple val(meta), path(reads, stageAs: 'reads/?/*', arity: '1..*'), path(indices, stageAs: 'indices/?/*', arity: '0..*'), path(expression)
    path genes
    path blacklist

    output:
    tuple val(meta), path("${prefix}/train.csv*"), path("${prefix}/valid.csv*"), path("${prefix}/test.csv*"), emit: matrices
    path "versions.yml", emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    // Java heap from the task's memory, as nf-core's Java modules do: without -Xmx the JVM
    // takes a quarter of the node's RAM, whatever the scheduler granted the task.
    def heap_mb = task.memory ? (task.memory.mega * 0.75).intValue() : 3072
    prefix = task.ext.prefix ?: "${meta.id}"
    def column = meta.expression_column ? "--expression-column '${meta.expression_column}'" : ''
    def staging = stageMarks(meta, reads, indices)
    def excluded = blacklist ? "--blacklist ${blacklist}" : ''
    """
    ${staging.links.join('\n    ')}

    export DEEPCHROME_JAVA_OPTS="-Xmx${heap_mb}m"
    deepchrome-bin-signals \\
        --genes ${genes} \\
        ${staging.marks.join(' \\\n        ')} \\
        --expression ${expression} ${column} \\
        --output ${prefix} \\
        --threads ${task.cpus} \\
        ${excluded} ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        deepchrome-bin-signals: \$(deepchrome-bin-signals --version 2>&1 | awk 'NR == 1 {print \$2}')
    END_VERSIONS
    """

    stub:
    def args = task.ext.args ?: ''
    prefix = task.ext.prefix ?: "${meta.id}"
    def column = meta.expression_column ? "--expression-column '${meta.expression_column}'" : ''
    def staging = stageMarks(meta, reads, indices)
    def excluded = blacklist ? "--blacklist ${blacklist}" : ''
    // The stub prints the command it stands in for, so stub runs can check the arguments.
    """
    echo "deepchrome-bin-signals --genes ${genes} ${staging.marks.join(' ')} --expression ${expression} ${column} --output ${prefix} --threads ${task.cpus} ${excluded} ${args}"
    mkdir -p ${prefix}
    touch ${prefix}/train.csv ${prefix}/valid.csv ${prefix}/test.csv
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        deepchrome-bin-signals: stub
    END_VERSIONS
    """
}

// htsjdk finds an index beside its alignment (X.bam.bai, X.cram.crai): each mark's reads and
// index are linked into one folder per file. Returns the link commands and the --mark and
// --control options (controls follow the marks in reads, named by meta.control_of).
def stageMarks(meta, reads, indices) {
    def links = []
    def marks = []
    def indexNumber = 0
    def controlOf = meta.control_of ?: []
    (meta.marks + controlOf).eachWithIndex { mark, i ->
        def read = reads[i]
        def readName = read.toString().tokenize('/')[-1]
        links << "mkdir -p linked/${i} && ln -s ../../${read} linked/${i}/${readName}"
        if( meta.indexed[i] ) {
            def index = indices[indexNumber]
            def suffix = index.toString().tokenize('.')[-1]
            links << "ln -s ../../${index} linked/${i}/${readName}.${suffix}"
            indexNumber += 1
        }
        marks << "--${i < meta.marks.size() ? 'mark' : 'control'} '${mark}=linked/${i}/${readName}'"
    }
    return [links: links, marks: marks]
}
