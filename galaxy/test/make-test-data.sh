#!/usr/bin/env bash
# Writes galaxy/test-data/, the files the wrappers' <tests> use, where a Tool Shed upload of
# galaxy/ carries them (IUC practice; the Tool Shed does not follow symlinks out of galaxy/):
#   - real copies of the primary test-data the tests read (genes, expression, the five BAMs,
#     the three matrices), so they stay byte-identical to ../../test-data (run-tests.sh checks);
#   - files made for the Galaxy tests with the suite's own tools (built first:
#     mvn -B -q -DskipTests package). Seeded: rerunning on the same machine gives the same
#     numbers (models, predictions, losses, AUCs) and the same model metadata JSON; the zips'
#     timestamps and the epoch table's seconds column change from run to run.
# Also renders the help image galaxy/static/images/class_optimization.png.
# Run it again after test-data/regenerate.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
src="$root/test-data"
out="$root/galaxy/test-data"
bin="$root/bin"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
marks=(H3K27me3 H3K36me3 H3K4me1 H3K4me3 H3K9me3)
copies=(genes.bed expression.tsv "${marks[@]/%/.bam}" matrix/train.csv matrix/valid.csv matrix/test.csv)
for f in "${copies[@]}"; do
  [ -f "$src/$f" ] || { echo "make-test-data: test-data/$f missing (run test-data/regenerate.sh)" >&2; exit 1; }
done
mkdir -p "$out"

# Copies, flattened (matrix/train.csv -> train.csv). No .bai: Galaxy indexes an uploaded BAM itself.
for f in "${copies[@]}"; do
  cp "$src/$f" "$out/$(basename "$f")"
done
cd "$out"

# Ten chr1 genes: small enough to compare a whole matrix line by line.
head -n 10 genes.bed > genes10.bed

# Line 3 has a strand that is neither + nor -.
{ head -n 2 genes.bed; printf 'chr1\t40000\t41000\tGENE_BAD\t0\t*\n'; } > bad_genes.bed

# The same genes as GTF (1-based gene records): the bin-signals GTF test expects the same matrix.
awk -F'\t' 'BEGIN{OFS="\t"} {print $1, "deepchrome", "gene", $2+1, $3, ".", $6, ".", "gene_id \"" $4 "\"; gene_name \"" $4 "\";"}' genes10.bed > genes10.gtf

# H3K4me3 reads around those ten genes as BED (tagAlign-like), from the BAM.
last_end=$(awk 'END { print $3 + 6000 }' genes10.bed)
# (The BAMs are read in test-data/, where their .bai files are.)
samtools view -b -F 0x4 "$src/H3K4me3.bam" "chr1:1-$last_end" | bedtools bamtobed -i stdin > H3K4me3_reads.bed

# H3K4me3 over those ten genes as a per-base bigWig (deepTools bamCoverage; CI installs
# python3-deeptools), and a blacklist of one region among them: the bigWig/control test.
/usr/bin/bamCoverage -b "$src/H3K4me3.bam" -o H3K4me3_genes10.bw --binSize 1 --region "chr1:1:$last_end" -p 1 2>/dev/null
printf 'chr1\t20000\t21000\n' > blacklist.bed

# Five chr3 genes without the label column (GeneID,BinID and the five marks).
head -n 500 test.csv | cut -d, -f1-7 > unlabelled.csv

# Two of the chr3 genes: visualize's saliency for a gene list.
printf 'GENE0292\nGENE0330\n' > gene_list.txt

# A zip that is not a DeepChrome model.
(cd "$tmp" && printf 'not a model\n' > README.txt && "${JAVA_HOME:+$JAVA_HOME/bin/}jar" cMf notmodel.zip README.txt)
cp "$tmp/notmodel.zip" not_a_model.zip

# A small CNN (3 epochs, seed 1), its epoch table and its predictions on the chr3 genes.
"$bin/deepchrome-train" --quiet --train train.csv --valid valid.csv --model-type cnn \
    --epochs 3 --seed 1 --threads 2 --output cnn_model.zip --epoch-table epoch_table.tsv \
    --summary "$tmp/summary.json"
"$bin/deepchrome-predict" --quiet --model cnn_model.zip --input test.csv \
    --output predictions.tsv --metrics "$tmp/metrics.json" --roc "$tmp/roc.tsv" --threads 2 >/dev/null

# What deepchrome_bin_signals test 1 must produce: the same command line, run directly.
"$bin/deepchrome-bin-signals" --quiet --genes genes10.bed \
    --mark "H3K4me3=$src/H3K4me3.bam" --mark "H3K27me3=$src/H3K27me3.bam" \
    --expression expression.tsv --threshold median --split none --output "$tmp/matrix.csv" \
    --window 5000 --bin-size 100 --min-mapq 0 --count overlap --fragment-length 200 --normalize none --threads 2
cp "$tmp/matrix.csv" bin_signals_matrix.csv

# A logistic-regression model: visualize must refuse it (no gradient).
"$bin/deepchrome-train" --quiet --train train.csv --valid valid.csv --model-type logistic \
    --seed 1 --threads 2 --output logistic_model.zip --epoch-table "$tmp/logistic.epochs.tsv" \
    --summary "$tmp/logistic.json"

# A ridge regression model of the expression levels (issue 12): predict's regression test.
"$bin/deepchrome-train" --quiet --train train.csv --valid valid.csv --task regression \
    --expression expression.tsv --model-type ridge --seed 1 --threads 2 --output ridge_model.zip \
    --epoch-table "$tmp/ridge.epochs.tsv" --summary "$tmp/ridge.json"

# A small AttentiveChrome model (issue 13; 2 epochs, seed 1): predict's attention weights and
# visualize's attention maps.
"$bin/deepchrome-train" --quiet --train train.csv --valid valid.csv --model-type attentive \
    --epochs 2 --seed 1 --threads 2 --output attentive_model.zip \
    --epoch-table "$tmp/attentive.epochs.tsv" --summary "$tmp/attentive.json"

# Signed matrices (issue 14): H3K4me3 as log2 over a control (H3K9me3 stands in for an input
# here) beside plain H3K27me3, split like the others; train's default transform must take them.
"$bin/deepchrome-bin-signals" --quiet --genes genes.bed \
    --mark "H3K4me3=$src/H3K4me3.bam" --control "H3K4me3=$src/H3K9me3.bam" --mark "H3K27me3=$src/H3K27me3.bam" \
    --expression expression.tsv --split chrom:chr3:chr2 --output "$tmp/signed" --threads 2
cp "$tmp/signed/train.csv" signed_train.csv
cp "$tmp/signed/valid.csv" signed_valid.csv

# The help image of deepchrome_visualize.
mkdir -p "$root/galaxy/static/images"
"$bin/deepchrome-visualize" --quiet --model cnn_model.zip --output-dir "$tmp/plots" --image-format png --iterations 200
cp "$tmp/plots/class_optimization.png" "$root/galaxy/static/images/class_optimization.png"
ls -l "$out" "$root/galaxy/static/images/"
