// What the cross-cell step needs to know about a cell's matrices without running a tool:
// the marks and bins (a model only fits a matrix of the same shape), the genes of the train
// and test splits (to count test genes a source model was trained on) and the scale of the
// training values (to warn when cells were measured in different units). Runs inside
// Nextflow (exec:), so it needs no container.
process DEEPCHROME_MATRIX_PROFILE {
    tag "${meta.id}"
    label 'process_single'

    input:
    tuple val(meta), val(train), val(test)

    output:
    tuple val(meta), path('matrix_profile.json'), emit: profile

    when:
    task.ext.when == null || task.ext.when

    exec:
    writeProfile(train, test, task.workDir.resolve('matrix_profile.json'))

    stub:
    // Nextflow evaluates an exec process's stub twice: once while preparing the task (no
    // work directory yet) and once to run it. The profile reads the real matrices even in a
    // stub run, so stub runs check the cross-cell pairing for real.
    if( task.workDir ) {
        writeProfile(train, test, task.workDir.resolve('matrix_profile.json'))
    }
    return 'stub'
}

// Headless DeepChrome CSV: GeneID,BinID,<the paper's 5 marks>[,label]; a headed matrix names its
// marks: gene_id,bin,<marks…>[,expression][,label]. Lines starting with '#' are comments (the
// `# deepchrome-matrix values=signed` line). The tools report malformed matrices; here an
// unreadable file gives a profile with an `unreadable` reason, so the pairs it is in are skipped.
def PAPER_MARKS() { ['H3K27me3', 'H3K36me3', 'H3K4me1', 'H3K4me3', 'H3K9me3'] }
// Values kept for the median: enough for a stable scale, bounded memory for any cell size.
def MAX_SCALE_VALUES() { 2000000 }

def writeProfile(train, test, target) {
    def profile = [:]
    try {
        def trainScan = scanMatrix(train as java.nio.file.Path, true)
        def testScan = scanMatrix(test as java.nio.file.Path, false)
        profile = [
            marks: trainScan.marks,
            bins: trainScan.bins,
            test_marks: testScan.marks,
            test_bins: testScan.bins,
            signed: trainScan.signed,
            train_genes: trainScan.genes,
            test_genes: testScan.genes,
            positive_median: trainScan.positiveMedian,
            integer_valued: trainScan.integerValued,
        ]
    }
    catch( IllegalArgumentException error ) {
        profile = [unreadable: error.message]
    }
    target.text = groovy.json.JsonOutput.prettyPrint(groovy.json.JsonOutput.toJson(profile)) + '\n'
}

def scanMatrix(path, withValues) {
    def name = path.fileName.toString()
    def stream = java.nio.file.Files.newInputStream(path)
    if( name.endsWith('.gz') ) {
        stream = new java.util.zip.GZIPInputStream(stream, 65536)
    }
    def reader = new BufferedReader(new InputStreamReader(stream, java.nio.charset.StandardCharsets.UTF_8), 65536)
    def state = [marks: null, signed: false, bins: 0, firstGene: null, count: 0, integerValued: true, number: 0]
    def genes = new LinkedHashSet<String>()
    // Primitive doubles: the positive training values, for their median.
    def values = java.util.stream.DoubleStream.builder()
    try {
        reader.withCloseable { lines -> lines.eachLine { line ->
            state.number += 1
            if( line.startsWith('@') ) {
                throw new IllegalArgumentException("${name}: a computeMatrix matrix (not compared across cells)")
            }
            if( line.startsWith('#') || !line ) {
                state.signed = state.signed || line.contains('values=signed')
                return
            }
            def fields = line.split(',', -1)
            if( state.marks == null && fields.length > 1 && !(fields[1] ==~ /-?\d+/) ) {
                // A header: the marks are the columns between bin and expression/label.
                state.marks = fields.drop(2).findAll { column -> !(column in ['expression', 'label']) } as List
                return
            }
            if( state.marks == null ) {
                state.marks = PAPER_MARKS()
            }
            def markColumns = state.marks.size()
            if( fields.length < 2 + markColumns ) {
                throw new IllegalArgumentException("${name}:${state.number}: ${fields.length} fields, expected at least ${2 + markColumns}")
            }
            def gene = fields[0]
            genes << gene
            if( state.firstGene == null ) {
                state.firstGene = gene
            }
            if( gene == state.firstGene ) {
                state.bins += 1
            }
            if( withValues ) {
                fields[2..<(2 + markColumns)].each { field ->
                    def value = field as double
                    if( value != Math.rint(value) ) {
                        state.integerValued = false
                    }
                    if( value > 0 && state.count < MAX_SCALE_VALUES() ) {
                        values.add(value)
                        state.count += 1
                    }
                }
            }
        } }
    }
    catch( NumberFormatException error ) {
        throw new IllegalArgumentException("${name}:${state.number}: not a number (${error.message})")
    }
    if( state.marks == null ) {
        throw new IllegalArgumentException("${name}: no rows")
    }
    def sorted = values.build().sorted().toArray()
    def n = sorted.length
    def median = n == 0 ? 0 : (n % 2 == 1 ? sorted[n.intdiv(2)] : (sorted[n.intdiv(2) - 1] + sorted[n.intdiv(2)]) / 2)
    return [marks: state.marks, bins: state.bins, genes: genes as List, signed: state.signed, positiveMedian: median, integerValued: state.integerValued]
}
