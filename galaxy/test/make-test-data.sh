#!/usr/bin/env bash
# Makes the Galaxy tests' own files, test-data/galaxy_*, from the primary test-data with the
# suite's own tools (built first: mvn -B -q -DskipTests package). Seeded: rerunning on the
# same machine gives the same files. Also renders the help image galaxy/static/images/.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
td="$root/test-data"
bin="$root/bin"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$td"
for f in genes.bed expression.tsv H3K4me3.bam H3K27me3.bam matrix/train.csv matrix/valid.csv matrix/test.csv; do
  [ -f "$f" ] || { echo "make-test-data: test-data/$f missing (run test-data/regenerate.sh)" >&2; exit 1; }
done

# Ten chr1 genes: small enough to compare a whole matrix line by line.
head -n 10 genes.bed > galaxy_genes10.bed

# Line 3 has a strand that is neither + nor -.
{ head -n 2 genes.bed; printf 'chr1\t40000\t41000\tGENE_BAD\t0\t*\n'; } > galaxy_bad_genes.bed

# The same genes as GTF (1-based gene records): the bin-signals GTF test expects the same matrix.
awk -F'\t' 'BEGIN{OFS="\t"} {print $1, "deepchrome", "gene", $2+1, $3, ".", $6, ".", "gene_id \"" $4 "\"; gene_name \"" $4 "\";"}' galaxy_genes10.bed > galaxy_genes10.gtf

# H3K4me3 reads around those ten genes as BED (tagAlign-like), from the BAM.
last_end=$(awk 'END { print $3 + 6000 }' galaxy_genes10.bed)
samtools view -b -F 0x4 H3K4me3.bam "chr1:1-$last_end" | bedtools bamtobed -i stdin > galaxy_H3K4me3_reads.bed

# Five chr3 genes without the label column (GeneID,BinID and the five marks).
head -n 500 matrix/test.csv | cut -d, -f1-7 > galaxy_unlabelled.csv

# A zip that is not a DeepChrome model.
(cd "$tmp" && printf 'not a model\n' > README.txt && "${JAVA_HOME:+$JAVA_HOME/bin/}jar" cMf notmodel.zip README.txt)
cp "$tmp/notmodel.zip" galaxy_not_a_model.zip

# A small CNN (3 epochs, seed 1), its epochs table and its predictions on the chr3 genes.
"$bin/deepchrome-train" --quiet --train matrix/train.csv --valid matrix/valid.csv --model cnn \
    --epochs 3 --seed 1 --threads 2 --output galaxy_model.zip --metrics galaxy_epochs.tsv \
    --summary "$tmp/summary.json"
"$bin/deepchrome-predict" --quiet --model galaxy_model.zip --input matrix/test.csv \
    --output galaxy_predictions.tsv --metrics "$tmp/metrics.json" --roc "$tmp/roc.tsv" --threads 2 >/dev/null

# What deepchrome_bin_signals test 1 must produce: the same command line, run directly.
"$bin/deepchrome-bin-signals" --quiet --genes galaxy_genes10.bed \
    --mark H3K4me3=H3K4me3.bam --mark H3K27me3=H3K27me3.bam \
    --expression expression.tsv --threshold median --split none --output "$tmp/matrix.csv" \
    --window 5000 --bin-size 100 --min-mapq 0 --count overlap --fragment-length 200 --normalize none --threads 2
cp "$tmp/matrix.csv" galaxy_bin_signals_matrix.csv

# A logistic-regression model: visualize must refuse it (no gradient).
"$bin/deepchrome-train" --quiet --train matrix/train.csv --valid matrix/valid.csv --model logistic \
    --seed 1 --threads 2 --output galaxy_logistic_model.zip --metrics "$tmp/logistic.epochs.tsv" --summary "$tmp/logistic.json"

# The help image of deepchrome_visualize.
mkdir -p "$root/galaxy/static/images"
"$bin/deepchrome-visualize" --quiet --model galaxy_model.zip --output-dir "$tmp/plots" --format png --iterations 200
cp "$tmp/plots/class_optimization.png" "$root/galaxy/static/images/class_optimization.png"
ls -l "$td"/galaxy_* "$root/galaxy/static/images/"
