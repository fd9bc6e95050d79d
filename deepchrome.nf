#!/usr/bin/env nextflow
/*
 * DeepChrome pipeline: per cell, histone-mark alignments -> bin matrices (bin-signals) ->
 * models (the CNN and the baselines, one task each) -> test-set predictions -> heatmaps;
 * then one AUC table and one HTML report for all cells. Ready DeepChrome CSV cells
 * (--cells) skip bin-signals. With two or more cells, every cell's models are also scored on
 * every other cell's test split (summary/cross_cell.tsv). See docs/pipeline.md.
 */

include { DEEPCHROME_BINSIGNALS } from './nextflow/modules/bin-signals/main.nf'
include { DEEPCHROME_TRAIN      } from './nextflow/modules/train/main.nf'
include { DEEPCHROME_PREDICT    } from './nextflow/modules/predict/main.nf'
include { DEEPCHROME_VISUALIZE  } from './nextflow/modules/visualize/main.nf'
include { DEEPCHROME_SUMMARY    } from './nextflow/modules/summary/main.nf'
include { DEEPCHROME_REPORT     } from './nextflow/modules/report/main.nf'
include { DEEPCHROME_PREDICT as DEEPCHROME_PREDICT_CROSS } from './nextflow/modules/predict/main.nf'
include { DEEPCHROME_MATRIX_PROFILE } from './nextflow/modules/matrix-profile/main.nf'
include { DEEPCHROME_CROSS_CELL; crossCellCheck; readProfile } from './nextflow/modules/cross-cell/main.nf'
include { validateParameters; warnDeprecatedParameters; readAlignmentSheet; readReadyCells; checkDistinctCells; helpText; expressionFor; trainingsFor; modelName } from './nextflow/subworkflows/inputs/main.nf'

workflow {
    def schema = file("${projectDir}/nextflow_schema.json")
    if( params.help ) {
        log.info(helpText(schema))
    }
    else {
        // Everything is checked here, before the first task starts.
        validateParameters(schema, params)
        warnDeprecatedParameters(params)
        def bundled = !params.input && !params.cells
        if( bundled ) {
            log.info("deepchrome: no --input or --cells given: running on the bundled test data in ${projectDir}/test-data")
        }
        def input = bundled ? "${projectDir}/test-data/samplesheet.csv" : params.input
        def genes = params.genes ?: (bundled ? "${projectDir}/test-data/genes.bed" : null)
        def expression = params.expression ?: (bundled ? "${projectDir}/test-data/expression.tsv" : null)
        // The bundled data has 394 genes on chr1-chr3: too few for the paper's split.
        def split = bundled ? 'chrom:chr3:chr2' : params.split
        def alignmentCells = input ? readAlignmentSheet(input, expression, split) : []
        def readyCells = params.cells ? readReadyCells(params.cells) : []
        checkDistinctCells(alignmentCells, readyCells)
        if( alignmentCells && !genes ) {
            error("deepchrome: --input needs --genes (a BED, GTF or GFF3 gene annotation)")
        }
        if( genes && !file(genes).exists() ) {
            error("deepchrome: --genes ${genes}: no such file")
        }
        // --models is the deprecated name of --model_types; given, it wins.
        def modelTypes = (params.models ?: params.model_types).tokenize(',').collect { kind -> kind.trim() }.unique()
        // Each task trains the listed model types that apply to it.
        def tasks = params.tasks.tokenize(',').collect { name -> name.trim() }.unique()
        def trainings = trainingsFor(tasks, modelTypes)
        // Regression targets: each cell's expression table (the one bin-signals labels alignment
        // cells with; --expression for ready cells), --expression_column naming the value column.
        def regression = 'regression' in tasks
        def alignmentTargets = alignmentCells.collect { record -> [record.meta.id, record.expression, record.meta.expression_column] }
        def targets = !regression ? [] : alignmentTargets + readyCells.collect { record ->
                def table = expressionFor(record[0].id, params.expression, '--cells')
                [record[0].id, table.file, table.column]
            }

        // Alignments -> DeepChrome matrices; ready cells join here.
        ch_alignments = channel.fromList(alignmentCells.collect { record -> [record.meta, record.reads, record.indices, record.expression] })
        DEEPCHROME_BINSIGNALS(ch_alignments, genes ? file(genes) : [], params.blacklist ? file(params.blacklist) : [])
        ch_matrices = DEEPCHROME_BINSIGNALS.out.matrices.mix(channel.fromList(readyCells))

        // One training task per cell and model type.
        ch_targets = channel.fromList(targets)
        ch_training = ch_matrices
            .combine(channel.fromList(trainings))
            .map { meta, train, valid, _test, task, kind -> [meta.id, meta + [task: task, model_type: kind, model: modelName(task, kind)], train, valid] }
            .branch { _id, meta, _train, _valid ->
                regression: meta.task == 'regression'
                classification: true
            }
        // Classification needs no expression table (the labels are in the matrix).
        ch_training_inputs = ch_training.classification
            .map { _id, meta, train, valid -> [meta, train, valid, []] }
            .mix(ch_training.regression
                .combine(ch_targets, by: 0)
                .map { _id, meta, train, valid, table, column -> [meta + [target_column: params.expression_column ?: column], train, valid, table] })
        DEEPCHROME_TRAIN(ch_training_inputs)

        ch_test = ch_matrices.map { meta, _train, _valid, test -> [meta.id, test] }
        // Each test split with its cell's expression table and column: a regression model's
        // observed levels (a ready cell's matrix has none); [] and null without regression.
        ch_test_targets = regression
            ? ch_test.join(ch_targets)
            : ch_test.map { id, test -> [id, test, [], null] }
        ch_prediction = DEEPCHROME_TRAIN.out.model
            .map { meta, model -> [meta.id, meta, model] }
            .combine(ch_test_targets, by: 0)
            .map { _id, meta, model, test, table, _column -> [meta, model, test, meta.task == 'regression' ? table : []] }
        DEEPCHROME_PREDICT(ch_prediction)

        // Heatmaps need the network's gradients: the CNN and AttentiveChrome (the baselines' ROC
        // curves are in the report). A regression CNN's maps maximise and minimise the level, and
        // its plots include observed vs predicted (deepchrome-visualize reads its predictions).
        // AttentiveChrome gives attention maps instead of saliency; a regression AttentiveChrome
        // has no classes to map (deepchrome-visualize refuses it), so it is only predicted.
        ch_visualize = DEEPCHROME_TRAIN.out.model
            .filter { meta, _model -> meta.model_type == 'cnn' || (meta.model_type == 'attentive' && meta.task != 'regression') }
            .join(DEEPCHROME_PREDICT.out.predictions)
            .join(DEEPCHROME_TRAIN.out.epochs)
            .map { meta, model, predictions, epochs -> [meta.id, meta, model, predictions, epochs] }
            .combine(ch_test, by: 0)
            .map { _id, meta, model, predictions, epochs, test -> [meta, model, test, predictions, epochs] }
        DEEPCHROME_VISUALIZE(ch_visualize)

        // Sorted lists: the same inputs in the same order, so -resume finds these tasks cached.
        def byCellAndModel = { a, b -> a[0] <=> b[0] ?: a[1] <=> b[1] }
        ch_metrics = DEEPCHROME_PREDICT.out.metrics
            .map { meta, metrics -> [meta.id, meta.model, metrics] }
            .toSortedList(byCellAndModel)
        DEEPCHROME_SUMMARY(ch_metrics)

        // Cross-cell: every model on every other cell's test split, when there are two cells or more.
        ch_cross_table = channel.value('')
        if( params.cross_cell && alignmentCells.size() + readyCells.size() >= 2 ) {
            DEEPCHROME_MATRIX_PROFILE(ch_matrices.map { meta, train, _valid, test -> [meta, train, test] })
            ch_profiles = DEEPCHROME_MATRIX_PROFILE.out.profile.map { meta, profile -> [meta.id, profile] }
            // Once per ordered pair of cells: can the first's models score the second's test
            // split? A skip or a units doubt is logged here, once per pair of cells.
            ch_cell_pairs = ch_profiles
                .combine(ch_profiles)
                .filter { source, _sourceProfile, target, _targetProfile -> source != target }
                .map { source, sourceProfile, target, targetProfile ->
                    def check = crossCellCheck(source, readProfile(sourceProfile), target, readProfile(targetProfile))
                    if( check.skip || check.warning ) {
                        log.warn("deepchrome: cross-cell ${source} models on ${target}: ${check.skip ?: check.warning}")
                    }
                    [source, target, check.skip ?: '', check.warning ?: '']
                }
            ch_cross = DEEPCHROME_TRAIN.out.model
                .map { meta, model -> [meta.id, meta, model] }
                .combine(ch_cell_pairs, by: 0)
                .map { _id, meta, model, target, skip, warning -> [target, meta, model, skip, warning] }
                .combine(ch_test_targets, by: 0)
                .map { target, meta, model, skip, warning, test, table, column ->
                    def regressionModel = meta.task == 'regression'
                    [meta + [test_cell: target, note: skip ?: warning, observed_column: regressionModel ? (params.expression_column ?: column) : null], model, test, regressionModel ? table : []]
                }
                .branch { meta, _model, _test, _table ->
                    skipped: meta.note.startsWith('skipped') || meta.note.startsWith('not compared')
                    scored: true
                }
            DEEPCHROME_PREDICT_CROSS(ch_cross.scored)
            // Own cell from the main predict task, other cells from the cross predict tasks.
            def byPair = { a, b -> a[0] <=> b[0] ?: a[1] <=> b[1] ?: a[2] <=> b[2] ?: a[3] <=> b[3] }
            ch_cross_records = DEEPCHROME_PREDICT.out.metrics
                .map { meta, metrics -> [meta.id, meta.id, meta.model, meta.task ?: 'classification', metrics, ''] }
                .mix(DEEPCHROME_PREDICT_CROSS.out.metrics.map { meta, metrics -> [meta.id, meta.test_cell, meta.model, meta.task ?: 'classification', metrics, meta.note] })
                .mix(ch_cross.skipped.map { meta, _model, _test, _table -> [meta.id, meta.test_cell, meta.model, meta.task ?: 'classification', '', meta.note] })
                .toSortedList(byPair)
            DEEPCHROME_CROSS_CELL(ch_cross_records, ch_profiles.toSortedList { a, b -> a[0] <=> b[0] })
            ch_cross_table = DEEPCHROME_CROSS_CELL.out.tsv
        }

        ch_rocs = DEEPCHROME_PREDICT.out.roc
            .map { meta, roc -> [meta.id, meta.model, roc] }
            .toSortedList(byCellAndModel)
        ch_images = DEEPCHROME_VISUALIZE.out.png
            .map { meta, pngs -> [meta.id, meta.model, [pngs].flatten().sort { png -> png.name }] }
            .toSortedList(byCellAndModel)
        // Regression: the table of levels and each model's predictions, for the scatter plots.
        ch_regression = DEEPCHROME_SUMMARY.out.regression
            .ifEmpty('')
            .combine(DEEPCHROME_PREDICT.out.predictions
                .filter { meta, _predictions -> meta.task == 'regression' }
                .map { meta, predictions -> [meta.id, meta.model, predictions] }
                .toSortedList(byCellAndModel)
                .map { list -> [list] })
        DEEPCHROME_REPORT(DEEPCHROME_SUMMARY.out.tsv, ch_rocs, ch_images, ch_cross_table, ch_regression, file("${projectDir}/nextflow/assets/report_template.html"))

        DEEPCHROME_BINSIGNALS.out.versions
            .mix(DEEPCHROME_TRAIN.out.versions, DEEPCHROME_PREDICT.out.versions, DEEPCHROME_VISUALIZE.out.versions)
            .unique { versions -> versions.text }
            .collectFile(name: 'software_versions.yml', storeDir: "${params.outdir}/pipeline_info", sort: { versions -> versions.text }, newLine: true)
    }
}
