// StrokeJ example: every scan in a folder (DICOM series folders, NIfTI, PNG/JPEG/TIFF).
// A bad file is logged and skipped; a second run skips finished scans (overwrite=true redoes them).
//   java -jar target/strokej.jar macro macros/batch_folder.ijm "test-images,out-batch"
// Argument: "<input folder>,<output folder>[,<model folder>]".
args = split(getArgument(), ",");
if (args.length < 2) exit("usage: <input folder>,<output folder>[,<model folder>]");
models = "";
if (args.length > 2) models = " model_dir=[" + args[2] + "]";
run("Batch Detect Stroke", "input_dir=[" + args[0] + "] output_dir=[" + args[1] + "] min_volume_ml=0.05" + models);
print("summary: " + args[1] + File.separator + "summary.csv");
