package org.strokej.ij1;

import java.util.Map;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;

import org.scijava.command.CommandModule;

/**
 * The ImageJ 1 plugin behind a StrokeJ menu label in a macro run outside Fiji: runs the SciJava
 * command with the macro's options and hands its outputs back the way macros expect them (images
 * registered in batch mode so {@code selectImage(title)} works, tables shown by title).
 * In Fiji, imagej-legacy does this itself and this class is not used.
 */
public class MacroCommandBridge implements PlugIn {

	@Override
	public void run(String label) {
		String options = Macro.getOptions();
		try {
			CommandModule module = CommandInvoker.shared().run(label, options);
			publish(CommandInvoker.outputs(module));
		}
		catch (RuntimeException e) {
			IJ.error(label, e.getMessage());
		}
	}

	/** Shows each output image (batch mode: registers it) and table. */
	static void publish(Map<String, Object> outputs) {
		for (Map.Entry<String, Object> e : outputs.entrySet()) {
			Object v = e.getValue();
			// (the commands' MacroOutputsPostprocessor may have registered it already)
			if (v instanceof ImagePlus imp && ij.WindowManager.getImage(imp.getID()) == null) imp.show();
			else if (v instanceof ResultsTable) {
				ResultsTable rt = (ResultsTable) v;
				rt.show(rt.getTitle() == null ? e.getKey() : rt.getTitle());
			}
		}
	}
}
