package org.strokej.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.FloatProcessor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.strokej.core.phantom.LesionKind;
import org.strokej.core.phantom.Phantom;
import org.strokej.core.phantom.PhantomGenerator;
import org.strokej.core.phantom.PhantomSettings;
import org.strokej.model.ModelSpec;

/** Train Stroke Model and Evaluate Stroke Model from a user's CSV, through CommandService. */
class TrainEvaluateCommandsTest {

	@TempDir
	Path tmp;

	@Test
	void trainThenEvaluateFromCsv() throws Exception {
		StringBuilder csv = new StringBuilder("image,label,group\n");
		LesionKind[] kinds = { LesionKind.NONE, LesionKind.HEMORRHAGE, LesionKind.ISCHEMIA };
		for (int i = 0; i < 9; i++) {
			Phantom p = PhantomGenerator.generate(PhantomSettings.builder().size(96, 96, 1).seed(i)
				.lesions(kinds[i % 3], 1).build());
			FloatProcessor fp = new FloatProcessor(96, 96, p.hu().data().clone());
			ImagePlus imp = new ImagePlus("s" + i, fp);
			imp.getCalibration().setUnit("mm");
			imp.getCalibration().setValueUnit("HU");
			imp.getCalibration().pixelWidth = imp.getCalibration().pixelHeight = p.hu().spacing()[0];
			new FileSaver(imp).saveAsTiff(tmp.resolve("s" + i + ".tif").toString());
			int label = org.strokej.pipeline.Trainer.sliceLabel(p.labels());
			csv.append("s").append(i).append(".tif,").append(label).append(",patient").append(i)
				.append('\n');
		}
		Path table = tmp.resolve("slices.csv");
		Files.writeString(table, csv);
		Path model = tmp.resolve("model");
		try (Context c = new Context(CommandService.class)) {
			CommandService cs = c.service(CommandService.class);
			CommandModule t = cs.run(TrainStrokeModelCommand.class.getName(), true, Map.of("kind",
				"classifier", "labels", table.toFile(), "output_dir", model.toFile(), "size", 64, "epochs",
				1)).get();
			assertFalse(t.isCanceled(), () -> t.getCancelReason());
			ModelSpec spec = ModelSpec.load(model);
			assertEquals(ModelSpec.Kind.CLASSIFIER, spec.kind());
			assertTrue(Files.readString(model.resolve("MODEL_CARD.md")).contains("Research use only"));
			Path eval = tmp.resolve("eval");
			CommandModule e = cs.run(EvaluateStrokeModelCommand.class.getName(), true, Map.of(
				"model_dir", model.toFile(), "labels", table.toFile(), "output_dir", eval.toFile())).get();
			assertFalse(e.isCanceled(), () -> e.getCancelReason());
			JsonObject m = JsonParser.parseString(Files.readString(eval.resolve("metrics.json")))
				.getAsJsonObject();
			assertEquals(9, m.getAsJsonObject("all").get("slices").getAsInt());
			assertTrue(m.getAsJsonArray("warnings").toString().contains("LEAK"),
				"evaluating on the training data is flagged");
			assertTrue(Files.exists(eval.resolve("roc.png")));
		}
	}
}
