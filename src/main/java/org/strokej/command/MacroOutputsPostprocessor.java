package org.strokej.command;

import java.awt.GraphicsEnvironment;

import ij.ImagePlus;
import ij.WindowManager;
import ij.macro.Interpreter;

import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPostprocessorPlugin;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.plugin.Plugin;

/**
 * Makes the output images of StrokeJ's commands visible to the calling macro in headless Fiji
 * ({@code ImageJ --headless -batch macro.ijm}): there Fiji displays no command outputs, so
 * {@code selectImage("<input>-labels")} would not find them. In a headless batch-mode macro each
 * output image not yet known to ImageJ is registered as a batch-mode image; with a display Fiji
 * shows outputs itself and this does nothing.
 */
@Plugin(type = PostprocessorPlugin.class)
public class MacroOutputsPostprocessor extends AbstractPostprocessorPlugin {

	@Override
	public void process(Module module) {
		Object command = module.getDelegateObject();
		if (command == null || !command.getClass().getName().startsWith("org.strokej.")) return;
		if (!GraphicsEnvironment.isHeadless() || !Interpreter.isBatchMode()) return;
		for (ModuleItem<?> item : module.getInfo().outputs()) {
			Object v = module.getOutput(item.getName());
			if (v instanceof ImagePlus imp && !registered(imp)) imp.show();
		}
	}

	/** Whether ImageJ already knows the image (a batch-mode image or a window). */
	static boolean registered(ImagePlus imp) {
		return WindowManager.getImage(imp.getID()) != null;
	}
}
