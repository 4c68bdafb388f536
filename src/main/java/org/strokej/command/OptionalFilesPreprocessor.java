package org.strokej.command;

import java.awt.GraphicsEnvironment;
import java.io.File;

import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Plugin;

/**
 * Keeps SciJava from prompting for an optional folder a macro left out. SciJava's
 * {@code FilePreprocessor} asks for the one file input still unresolved — with a file chooser, or
 * by cancelling the command in headless Fiji — so {@code run("Detect Stroke",
 * "output_dir=[/out]")} in {@code ImageJ --headless -batch} was cancelled because of the absent
 * (optional) {@code model_dir}. For StrokeJ's commands, running headless or from a macro, optional
 * file inputs still unresolved after the macro's options and remembered values are taken as
 * given: empty, meaning their documented default. Runs just before {@code FilePreprocessor}
 * (priority −9999.5).
 */
@Plugin(type = PreprocessorPlugin.class, priority = -9999.25)
public class OptionalFilesPreprocessor extends AbstractPreprocessorPlugin {

	@Override
	public void process(Module module) {
		Object command = module.getDelegateObject();
		if (command == null || !command.getClass().getName().startsWith("org.strokej.")) return;
		if (!GraphicsEnvironment.isHeadless() && ij.Macro.getOptions() == null) return;
		for (ModuleItem<?> item : module.getInfo().inputs())
			if (File.class.isAssignableFrom(item.getType()) && !item.isRequired() && !module.isInputResolved(item
				.getName())) module.resolveInput(item.getName());
	}
}
