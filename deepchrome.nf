#!/usr/bin/env nextflow
/*
 * DeepChrome pipeline: per cell, histone-mark alignments -> bin matrices (bin-signals) ->
 * models (the CNN and the baselines, one task each) -> test-set predictions -> heatmaps;
 * then one AUC table and one HTML report for all cells. Ready DeepChrome CSV cells
 * (--cells) skip bin-signals. See docs/pipeline.md.
 */

include { DEEPCHROME_BINSIGNALS } from './nextflow/modules/bin-signals/main.nf'
include { DEEPCHROME_TRAIN      } from './nextflow/modules/train/main.nf'
include { DEEPCHROME_PREDICT    } from './nextflow/modules/predict/main.nf'
include { DEEPCHROME_VISUALIZE  } from './nextflow/modules/visualize/main.nf'
include { DEEPCHROME_SUMMARY    } from './nextflow/modules/summary/main.nf'
include { DEEPCHROME_REPORT     } from './nextflow/modules/report/main.nf'
include { validateParameters; warnDeprecatedParameters; readAlignmentSheet; readReadyCells; checkDistinctCells; helpText } from './nextflow/subworkflows/inputs/main.nf'

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

        // Alignments -> DeepChrome matrices; ready cells join here.
        ch_alignments = channel.fromList(alignmentCells.collect { record -> [record.meta, record.reads, record.indices, record.expression] })
        DEEPCHROME_BINSIGNALS(ch_alignments, genes ? file(genes) : [], params.blacklist ? file(params.blacklist) : [])
        ch_matrices = DEEPCHROME_BINSIGNALS.out.matrices.mix(channel.fromList(readyCells))

        // One training task per cell and model type.
        ch_training = ch_matrices
            .combine(channel.fromList(modelTypes))
            .map { meta, train, valid, _test, kind -> [meta + [model_type: kind], train, valid] }
        DEEPCHROME_TRAIN(ch_training)

        ch_test = ch_matrices.map { meta, _train, _valid, test -> [meta.id, test] }
        ch_prediction = DEEPCHROME_TRAIN.out.model
            .map { meta, model -> [meta.id, meta, model] }
            .combine(ch_test, by: 0)
            .map { _id, meta, model, test -> [meta, model, test] }
        DEEPCHROME_PREDICT(ch_prediction)

        // Heatmaps need the network's gradients: CNN models only (the baselines' ROC curves
        // are in the report).
        ch_visualize = DEEPCHROME_TRAIN.out.model
            .filter { meta, _model -> meta.model_type == 'cnn' }
            .join(DEEPCHROME_PREDICT.out.predictions)
            .join(DEEPCHROME_TRAIN.out.epochs)
            .map { meta, model, predictions, epochs -> [meta.id, meta, model, predictions, epochs] }
            .combine(ch_test, by: 0)
            .map { _id, meta, model, predictions, epochs, test -> [meta, model, test, predictions, epochs] }
        DEEPCHROME_VISUALIZE(ch_visualize)

        // Sorted lists: the same inputs in the same order, so -resume finds these tasks cached.
        def byCellAndModel = { a, b -> a[0] <=> b[0] ?: a[1] <=> b[1] }
        ch_metrics = DEEPCHROME_PREDICT.out.metrics
            .map { meta, metrics -> [meta.id, meta.model_type, metrics] }
            .toSortedList(byCellAndModel)
        DEEPCHROME_SUMMARY(ch_metrics)

        ch_rocs = DEEPCHROME_PREDICT.out.roc
            .map { meta, roc -> [meta.id, meta.model_type, roc] }
            .toSortedList(byCellAndModel)
        ch_images = DEEPCHROME_VISUALIZE.out.png
            .map { meta, pngs -> [meta.id, meta.model_type, [pngs].flatten().sort { png -> png.name }] }
            .toSortedList(byCellAndModel)
        DEEPCHROME_REPORT(DEEPCHROME_SUMMARY.out.tsv, ch_rocs, ch_images, file("${projectDir}/nextflow/assets/report_template.html"))

        DEEPCHROME_BINSIGNALS.out.versions
            .mix(DEEPCHROME_TRAIN.out.versions, DEEPCHROME_PREDICT.out.versions, DEEPCHROME_VISUALIZE.out.versions)
            .unique { versions -> versions.text }
            .collectFile(name: 'software_versions.yml', storeDir: "${params.outdir}/pipeline_info", sort: { versions -> versions.text }, newLine: true)
    }
}
