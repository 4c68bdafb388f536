#!/bin/sh
# Rebuilds the synthetic test images in this folder with the StrokeJ runner.
# Every file here is a phantom (no real patient data). Run from anywhere:
#   test-images/regenerate.sh            (builds target/strokej.jar first if it is missing)
# The phantoms are bit-identical for the same seed and settings, so the outputs only change
# when the generator changes.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
jar="$root/target/strokej.jar"
if [ ! -f "$jar" ]; then
	(cd "$root" && mvn -B -o -q package -DskipTests)
fi
sj() { java -jar "$jar" "$@"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 2D slices, 512 x 512, 0.449 mm pixels: brain-window PNG, label PNG (0/1/2), truth CSV
sj phantom --out "$tmp/h2" --kind hemorrhage --seed 1 --size 512 --lesions 2 --format png
sj phantom --out "$tmp/i2" --kind ischemia --seed 2 --size 512 --lesions 1 --format png
sj phantom --out "$tmp/n2" --kind none --seed 3 --size 512 --format png
cp "$tmp/h2/phantom-hemorrhage-1.png" "$tmp/h2/phantom-hemorrhage-1_labels.png" \
	"$tmp/h2/phantom-hemorrhage-1_truth.csv" "$here/"
cp "$tmp/i2/phantom-ischemia-2.png" "$tmp/i2/phantom-ischemia-2_labels.png" \
	"$tmp/i2/phantom-ischemia-2_truth.csv" "$here/"
cp "$tmp/n2/phantom-none-3.png" "$here/"

# 3D hemorrhage volume, 256 x 256 x 16, 0.9 mm pixels, 5 mm slices: NIfTI (int16 HU) + labels
sj phantom --out "$tmp/h3" --kind hemorrhage --seed 7 --size 256 --slices 16 --spacing 0.9 \
	--slice-mm 5 --lesions 2 --format nifti
cp "$tmp/h3/phantom-hemorrhage-7.nii.gz" "$tmp/h3/phantom-hemorrhage-7_labels.nii.gz" \
	"$tmp/h3/phantom-hemorrhage-7_truth.csv" "$here/"

# Small DICOM CT series of an ischemic stroke, 128 x 128 x 8, 1.8 mm pixels, 5 mm slices
sj phantom --out "$tmp/i3" --kind ischemia --seed 9 --size 128 --slices 8 --spacing 1.8 \
	--slice-mm 5 --lesions 1 --format dicom
rm -rf "$here/phantom-ischemia-9_dicom"
cp -r "$tmp/i3/phantom-ischemia-9_dicom" "$tmp/i3/phantom-ischemia-9_truth.csv" "$here/"

# Montage of phantoms only (no real scans) for the README
sj montage --out "$here/phantom-montage.png" --data none --size 192 --columns 4

du -sh "$here"
