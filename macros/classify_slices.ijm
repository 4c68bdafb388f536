// StrokeJ example: per-slice probabilities only (no segmentation), written as classification.csv.
//   java -jar target/strokej.jar macro macros/classify_slices.ijm "test-images/phantom-none-3.png,out"
// Argument: "<image file>,<output folder>[,<model folder>]".
args = split(getArgument(), ",");
if (args.length < 2) exit("usage: <image file>,<output folder>[,<model folder>]");
models = "";
if (args.length > 2) models = " model_dir=[" + args[2] + "]";
File.makeDirectory(args[1]);
setBatchMode(true);
open(args[0]);
run("Classify Stroke Slices", "output_dir=[" + args[1] + "]" + models);
print("wrote " + args[1] + File.separator + "classification.csv");
