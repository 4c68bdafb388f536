package org.strokej.command;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;

/**
 * Headless, an optional folder a macro left out is resolved (empty) before SciJava's
 * FilePreprocessor would cancel the command asking for it; given and required inputs are left
 * alone, and other plugins' modules are not touched.
 */
class OptionalFilesPreprocessorTest {

	@Test
	void absentOptionalFoldersAreResolvedHeadless() {
		try (Context c = new Context(CommandService.class, ModuleService.class)) {
			CommandInfo info = c.service(CommandService.class).getCommand(DetectStrokeCommand.class);
			Module m = c.service(ModuleService.class).createModule(info);
			m.resolveInput("output_dir"); // as if the macro gave it
			assertFalse(m.isInputResolved("model_dir"));
			new OptionalFilesPreprocessor().process(m);
			assertTrue(m.isInputResolved("model_dir"), "absent optional model_dir resolved");
			assertFalse(m.isInputResolved("input"), "the required image is not touched");
			assertFalse(m.isInputResolved("min_volume_ml"), "non-file inputs are not touched");
		}
	}
}
