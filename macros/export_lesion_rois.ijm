// StrokeJ example: segment lesions and export their outlines as an ImageJ ROI set (.zip, opens in
// the ROI Manager) plus the input saved as TIFF with the outlines as an overlay.
//   java -jar target/strokej.jar macro macros/export_lesion_rois.ijm "test-images/phantom-ischemia-2.png,out"
// Argument: "<image file>,<output folder>[,<model folder>]".
args = split(getArgument(), ",");
if (args.length < 2) exit("usage: <image file>,<output folder>[,<model folder>]");
models = "";
if (args.length > 2) models = " model_dir=[" + args[2] + "]";
File.makeDirectory(args[1]);
setBatchMode(true);
open(args[0]);
title = getTitle();
run("Segment Stroke Lesions", "min_volume_ml=0.05 show_rois=true output_dir=[" + args[1] + "]" + models);
selectImage(title);
print(title + ": " + Overlay.size + " lesion outline(s)");
saveAs("Tiff", args[1] + File.separator + title + "-with-rois.tif");
