// Generates a StrokeJ phantom (synthetic head CT with known lesions), blurs a copy, and measures
// the lesion areas on the label image without any threshold: the label image holds 0 background,
// 1 hemorrhage and 2 ischemia, so its histogram counts the lesion pixels of each class.
// Writes <dir>/phantom-11-blurred.tif, <dir>/phantom-11-labels.tif and
// <dir>/phantom-11-lesion-areas.csv, where <dir> is the macro argument.
// Runs unchanged in Fiji (Plugins > Macros > Run..., or --headless -macro file.ijm <dir>) and in
// the StrokeJ runner: java -jar target/strokej.jar macro macros/generate_and_measure_phantom.ijm <dir>

setBatchMode(true);
dir = getArgument();
if (dir == "") dir = getDirectory("temp");
if (!endsWith(dir, "/") && !endsWith(dir, File.separator)) dir = dir + File.separator;
File.makeDirectory(dir);

seed = 11;
title = "phantom-" + seed;
run("Generate Stroke Phantom", "kind=mixed seed=" + seed + " size=256 slices=1 lesions=3 noise_hu=4");

// A smoothed copy of the CT (HU), e.g. to look at lesions without noise
selectImage(title);
getPixelSize(unit, pw, ph);
run("Duplicate...", "title=" + title + "-blurred");
run("Gaussian Blur...", "sigma=2");
saveAs("Tiff", dir + title + "-blurred.tif");

// Lesion areas from the label image's histogram: no threshold needed
selectImage(title + "-labels");
getHistogram(values, counts, 256);
getStatistics(imageArea);
names = newArray("background", "hemorrhage", "ischemia");
csv = "class,label,pixels,area_mm2\n";
for (label = 1; label <= 2; label++) {
	area = counts[label] * pw * ph;
	csv = csv + names[label] + "," + label + "," + counts[label] + "," + d2s(area, 4) + "\n";
	print(names[label] + ": " + counts[label] + " pixels, " + d2s(area, 2) + " " + unit + "^2 ("
		+ d2s(100 * area / imageArea, 3) + "% of the image)");
}
saveAs("Tiff", dir + title + "-labels.tif");
File.saveString(csv, dir + title + "-lesion-areas.csv");
print("wrote " + dir + title + "-lesion-areas.csv");
