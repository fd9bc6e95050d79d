// Checks the parameters and the input sheets before any task starts, and turns the sheets
// into the per-cell records the pipeline's channels are built from. The nf-schema plugin
// cannot be downloaded offline, so the few checks it would make are done here, against
// nextflow_schema.json itself: an unknown parameter, a wrong type or value, a missing file
// or a bad sheet ends the run with one line that names the parameter, file and line.

def ALIGNMENT_COLUMNS() { ['cell', 'mark', 'file', 'index', 'expression', 'control'] }
def READY_COLUMNS() { ['cell', 'train', 'valid', 'test'] }
def ALIGNMENT_SUFFIX() { ~/(?i).+\.(bam|cram|sam|bed|bed\.gz|tagalign|tagalign\.gz|bw|bigwig)$/ }
def NAME_PATTERN() { ~/[A-Za-z0-9][A-Za-z0-9_.+-]*/ }

// Every parameter given must be described by the schema, with the schema's type and values.
def validateParameters(schemaFile, parameters) {
    def schema = new groovy.json.JsonSlurper().parse(schemaFile.toFile())
    def properties = [:]
    schema['$defs'].each { _group, definition -> properties.putAll(definition.properties ?: [:]) }
    parameters.each { name, value ->
        def key = snakeCase(name)
        if( !properties.containsKey(key) ) {
            error("deepchrome: unknown parameter --${name} (the parameters are listed by --help and in nextflow_schema.json)")
        }
        if( value != null ) {
            checkValue(key, value, properties[key])
        }
    }
}

// Parameters renamed to follow the tools' options, and their new names. The old names still
// work for one release (the schema describes them as deprecated); each use is warned about.
def DEPRECATED_PARAMETERS() { [models: 'model_types', vis_iterations: 'iterations', vis_top: 'top', vis_format: 'image_format'] }

def warnDeprecatedParameters(parameters) {
    DEPRECATED_PARAMETERS().each { old, current ->
        if( parameters[old] != null ) {
            log.warn("deepchrome: --${old} is deprecated; use --${current}")
        }
    }
}

// Nextflow also stores --some-param as someParam; the schema spells it some_param.
def snakeCase(name) {
    return name.replace('-', '_').replaceAll(/([a-z0-9])([A-Z])/, '$1_$2').toLowerCase()
}

def checkValue(name, value, property) {
    def types = property.type instanceof List ? property.type : [property.type]
    def text = value.toString()
    def matchesType = types.any { type ->
        (type == 'string' && !(value instanceof Boolean))
            || (type == 'integer' && text ==~ /-?\d+/)
            || (type == 'number' && text.isNumber())
            || (type == 'boolean' && (value instanceof Boolean || text in ['true', 'false']))
    }
    if( !matchesType ) {
        error("deepchrome: --${name} '${text}' is not ${types.join(' or ')}")
    }
    if( property['enum'] && !(text in property['enum'].collect { option -> option.toString() }) ) {
        error("deepchrome: --${name} '${text}' is not one of ${property['enum'].join(', ')}")
    }
    if( property.pattern && !(text ==~ property.pattern) ) {
        error("deepchrome: --${name} '${text}' does not match ${property.pattern}${property.errorMessage ? ' (' + property.errorMessage + ')' : ''}")
    }
    if( property.minimum != null && text.isNumber() && (text as BigDecimal) < (property.minimum as BigDecimal) ) {
        error("deepchrome: --${name} ${text} is below the minimum ${property.minimum}")
    }
    if( property.format in ['file-path', 'directory-path', 'path'] && property.exists && !file(text).exists() ) {
        error("deepchrome: --${name} ${text}: no such file")
    }
}

// A sheet's cells split on commas; quotes are not part of the format.
def readSheet(sheet, allowedColumns, requiredColumns) {
    if( !sheet.exists() ) {
        error("deepchrome: ${sheet}: no such file")
    }
    def lines = sheet.readLines()
    def numbered = []
    lines.eachWithIndex { line, i -> if( line.trim() && !line.startsWith('#') ) numbered << [i + 1, line] }
    if( !numbered ) {
        error("deepchrome: ${sheet}: empty sheet, expected a header line ${requiredColumns.join(',')}")
    }
    def header = numbered[0][1].split(',', -1).collect { column -> column.trim() }
    header.each { column ->
        if( !(column in allowedColumns) ) {
            error("deepchrome: ${sheet}:${numbered[0][0]}: unknown column '${column}' (allowed: ${allowedColumns.join(', ')})")
        }
    }
    requiredColumns.each { column ->
        if( !(column in header) ) {
            error("deepchrome: ${sheet}:${numbered[0][0]}: missing column '${column}' (header must name ${requiredColumns.join(', ')})")
        }
    }
    if( header.unique(false).size() != header.size() ) {
        error("deepchrome: ${sheet}:${numbered[0][0]}: a column is named twice")
    }
    if( numbered.size() == 1 ) {
        error("deepchrome: ${sheet}: no rows after the header")
    }
    return numbered.drop(1).collect { number, line ->
        def fields = line.split(',', -1).collect { field -> field.trim() }
        if( fields.size() != header.size() ) {
            error("deepchrome: ${sheet}:${number}: ${fields.size()} fields, the header has ${header.size()}")
        }
        [number: number, values: [header, fields].transpose().collectEntries { column, field -> [column, field] }]
    }
}

// Paths in a sheet are relative to the sheet's folder, so a sheet travels with its data.
def sheetFile(sheet, number, column, value) {
    if( !value ) {
        error("deepchrome: ${sheet}:${number}: empty ${column}")
    }
    def path = value.startsWith('/') || value.contains('://') ? file(value) : sheet.parent.resolve(value)
    if( !path.exists() ) {
        error("deepchrome: ${sheet}:${number}: ${column} ${value}: no such file")
    }
    return path
}

def checkName(sheet, number, column, value) {
    if( !(value ==~ NAME_PATTERN()) ) {
        error("deepchrome: ${sheet}:${number}: ${column} '${value}' must be letters, digits and _ . + - (it names files)")
    }
}

// cell,mark,file[,index][,expression][,control]: one row per alignment file (or bigWig);
// rows of a cell are gathered into one record with the marks in sheet order. Controls follow
// the marks in reads (meta.control_of names their marks), their indices after the marks'.
def readAlignmentSheet(sheetPath, expressionParameter, split) {
    def sheet = file(sheetPath)
    def rows = readSheet(sheet, ALIGNMENT_COLUMNS(), ['cell', 'mark', 'file'])
    def cells = [:]
    def seen = [:]
    rows.each { row ->
        def number = row.number
        def cell = row.values.cell
        def mark = row.values.mark
        checkName(sheet, number, 'cell', cell)
        checkName(sheet, number, 'mark', mark)
        def key = "${cell}\t${mark}".toString()
        if( seen.containsKey(key) ) {
            error("deepchrome: ${sheet}:${number}: duplicate cell+mark ${cell} ${mark} (first on line ${seen[key]})")
        }
        seen[key] = number
        def reads = sheetFile(sheet, number, 'file', row.values.file)
        if( !(reads.name ==~ ALIGNMENT_SUFFIX()) ) {
            error("deepchrome: ${sheet}:${number}: file ${row.values.file}: not BAM, CRAM, SAM, BED, tagAlign or bigWig (by its extension)")
        }
        def control = row.values.control ? sheetFile(sheet, number, 'control', row.values.control) : null
        if( control && !(control.name ==~ ALIGNMENT_SUFFIX()) ) {
            error("deepchrome: ${sheet}:${number}: control ${row.values.control}: not BAM, CRAM, SAM, BED, tagAlign or bigWig (by its extension)")
        }
        def index = row.values.index ? sheetFile(sheet, number, 'index', row.values.index) : defaultIndex(reads)
        def record = cells.get(cell, [cell: cell, marks: [], reads: [], indices: [], indexed: [], expression: null, expressionLine: null, controls: []])
        if( control ) {
            record.controls << [mark: mark, file: control, index: defaultIndex(control)]
        }
        def expression = row.values.expression ? sheetFile(sheet, number, 'expression', row.values.expression) : null
        if( expression && record.expression && expression != record.expression ) {
            error("deepchrome: ${sheet}:${number}: cell ${cell} has a second expression file (line ${record.expressionLine} names ${record.expression.name})")
        }
        if( expression ) {
            record.expression = expression
            record.expressionLine = number
        }
        record.marks << mark
        record.reads << reads
        record.indexed << (index != null)
        if( index ) {
            record.indices << index
        }
    }
    return cells.values().collect { record ->
        def expression = record.expression ? [file: record.expression, column: expressionColumn(record.expression, record.cell, false)] : expressionFor(record.cell, expressionParameter, sheet)
        [
            meta: [id: record.cell, marks: record.marks, indexed: record.indexed + record.controls.collect { c -> c.index != null },
                   control_of: record.controls.collect { c -> c.mark }, expression_column: expression.column, split: split, source: 'alignments'],
            reads: record.reads + record.controls.collect { c -> c.file },
            indices: record.indices + record.controls.findAll { c -> c.index != null }.collect { c -> c.index },
            expression: expression.file,
        ]
    }
}

def defaultIndex(reads) {
    def candidates = ['.bai', '.crai', '.csi'].collectMany { suffix ->
        [reads.resolveSibling(reads.name + suffix), reads.resolveSibling(reads.name.replaceAll(/\.[^.]+$/, '') + suffix)]
    }
    return candidates.find { candidate -> candidate.exists() }
}

// --expression is one table with a column per cell (or one value column), or a folder
// with a file per cell named <cell>.tsv / .csv / .txt (optionally .gz).
def expressionFor(cell, expressionParameter, sheet) {
    if( !expressionParameter ) {
        error("deepchrome: cell ${cell} in ${sheet} has no expression: give --expression or an expression column")
    }
    def source = file(expressionParameter)
    if( !source.exists() ) {
        error("deepchrome: --expression ${expressionParameter}: no such file or folder")
    }
    if( source.isDirectory() ) {
        def names = ['tsv', 'csv', 'txt'].collectMany { extension -> ["${cell}.${extension}", "${cell}.${extension}.gz"] }
        def found = names.collect { name -> source.resolve(name.toString()) }.find { candidate -> candidate.exists() }
        if( !found ) {
            error("deepchrome: --expression ${expressionParameter}: no file for cell ${cell} (looked for ${names.join(', ')})")
        }
        return [file: found, column: expressionColumn(found, cell, false)]
    }
    return [file: source, column: expressionColumn(source, cell, true)]
}

// The column named after the cell when the table has one; otherwise the tool takes the
// first numeric column. A shared table with several value columns must name the cell.
def expressionColumn(table, cell, shared) {
    def header = firstLine(table)
    if( header == null ) {
        error("deepchrome: ${table}: empty expression table")
    }
    def columns = header.split(header.contains('\t') ? '\t' : ',').collect { column -> column.trim() }
    if( cell in columns ) {
        return cell
    }
    if( shared && columns.size() > 2 && !(columns.drop(1).any { column -> column.toLowerCase() in ['expression', 'rpkm', 'fpkm', 'tpm', 'value'] }) ) {
        error("deepchrome: ${table}:1: no column named after cell ${cell} (columns: ${columns.join(', ')})")
    }
    return null
}

def firstLine(table) {
    return table.withInputStream { stream ->
        def input = table.name.endsWith('.gz') ? new java.util.zip.GZIPInputStream(stream) : stream
        new java.io.BufferedReader(new java.io.InputStreamReader(input, 'UTF-8')).readLine()
    }
}

// Ready DeepChrome CSV cells, bin-signals skipped: a sheet cell,train,valid,test; or a
// folder holding train/valid/test.csv[.gz] (one cell, named after the folder); or a folder
// of such folders (one cell each).
def readReadyCells(cellsParameter) {
    def source = file(cellsParameter)
    if( !source.exists() ) {
        error("deepchrome: --cells ${cellsParameter}: no such file or folder")
    }
    if( !source.isDirectory() ) {
        def seen = [:]
        return readSheet(source, READY_COLUMNS(), READY_COLUMNS()).collect { row ->
            def cell = row.values.cell
            checkName(source, row.number, 'cell', cell)
            if( seen.containsKey(cell) ) {
                error("deepchrome: ${source}:${row.number}: duplicate cell ${cell} (first on line ${seen[cell]})")
            }
            seen[cell] = row.number
            def splits = ['train', 'valid', 'test'].collect { split -> sheetFile(source, row.number, split, row.values[split]) }
            [[id: cell, source: 'matrices']] + splits
        }
    }
    def folders = splitFiles(source) ? [source] : source.listFiles().findAll { child -> child.isDirectory() && splitFiles(child) }.sort { child -> child.name }
    if( !folders ) {
        error("deepchrome: --cells ${cellsParameter}: no train.csv, valid.csv and test.csv (or .csv.gz) in it or in its sub-folders")
    }
    return folders.collect { folder ->
        checkName(folder, 0, 'cell (folder name)', folder.name)
        [[id: folder.name, source: 'matrices']] + splitFiles(folder)
    }
}

def splitFiles(folder) {
    def found = ['train', 'valid', 'test'].collect { split ->
        [folder.resolve("${split}.csv"), folder.resolve("${split}.csv.gz")].find { candidate -> candidate.exists() }
    }
    return found.every { candidate -> candidate != null } ? found : null
}

def checkDistinctCells(alignmentCells, readyCells) {
    def alignmentIds = alignmentCells.collect { record -> record.meta.id }
    readyCells.each { record ->
        if( record[0].id in alignmentIds ) {
            error("deepchrome: cell ${record[0].id} is both in --input and in --cells; rename one")
        }
    }
}

// The model types each task can train (deepchrome-train refuses the other combinations).
def TASK_MODEL_TYPES() { [classification: ['cnn', 'rf', 'svm', 'logistic', 'attentive'], regression: ['cnn', 'ridge', 'rf', 'attentive']] }

// [task, model type] pairs to train: each task with the listed types that apply to it. A task
// that none of them applies to stops the run.
def trainingsFor(tasks, modelTypes) {
    return tasks.collectMany { task ->
        def kinds = modelTypes.findAll { kind -> kind in TASK_MODEL_TYPES()[task] }
        if( !kinds ) {
            error("deepchrome: --tasks ${task}: none of --model_types ${modelTypes.join(',')} applies (${task}: ${TASK_MODEL_TYPES()[task].join(', ')})")
        }
        kinds.collect { kind -> [task, kind] }
    }
}

// A model's name in file and folder names and tables: the model type for classification
// (as before regression existed), <type>_regression for regression.
def modelName(task, kind) {
    return task == 'regression' ? "${kind}_regression".toString() : kind
}

// --help: the parameters, grouped as in nextflow_schema.json.
def helpText(schemaFile) {
    def schema = new groovy.json.JsonSlurper().parse(schemaFile.toFile())
    def lines = [
        'DeepChrome pipeline: histone-mark alignments (or ready DeepChrome CSV cells) to expression models and heatmaps.',
        '',
        'Usage: nextflow/launcher/nextflow run deepchrome.nf [-profile test|docker|podman|singularity|apptainer|slurm|awsbatch|k8s] [--parameter value ...]',
        'Without --input and --cells it runs on the bundled test data (test-data/).',
    ]
    schema['$defs'].each { _group, definition ->
        // Hidden parameters (the deprecated names) are not listed; nor is a group of only those.
        def shown = definition.properties.findAll { _name, property -> !property.hidden }
        if( shown ) {
            lines << ''
            lines << "${definition.title}:".toString()
        }
        shown.each { name, property ->
            def choices = property['enum'] ? " (${property['enum'].join('|')})" : ''
            def defaultText = property.containsKey('default') ? " [default: ${property.default}]" : ''
            lines << "  --${name.padRight(18)} ${property.description}${choices}${defaultText}".toString()
        }
    }
    return lines.join('\n')
}
