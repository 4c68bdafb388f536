// StrokeJ example: detect strokes in one image and save everything.
// Runs unchanged in Fiji (Plugins > Macros > Run...) and headless:
//   java -jar target/strokej.jar macro macros/detect_single_image.ijm "test-images/phantom-hemorrhage-1.png,out"
// Argument: "<image file>,<output folder>[,<model folder>]" (no model folder = bundled models).
args = split(getArgument(), ",");
if (args.length < 2) exit("usage: <image file>,<output folder>[,<model folder>]");
image = args[0];
out = args[1];
models = "";
if (args.length > 2) models = " model_dir=[" + args[2] + "]";
File.makeDirectory(out);
setBatchMode(true);
open(image);
title = getTitle();
// every key given: in Fiji, keys left out take the values last used in the dialog
run("Detect Stroke", "min_volume_ml=0.05 show_rois=true heatmap=true explain=none uncertainty=slices output_dir=[" + out + "]" + models);
selectImage(title + "-labels");
getHistogram(values, counts, 256);
print(title + ": " + counts[1] + " hemorrhage pixels, " + counts[2] + " ischemia pixels");
saveAs("Tiff", out + File.separator + title + "-labels.tif");
selectImage(title + "-heatmap");
saveAs("Tiff", out + File.separator + title + "-heatmap.tif");
