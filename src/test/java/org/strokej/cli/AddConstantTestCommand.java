package org.strokej.cli;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** A test-only command under Plugins > StrokeJ to exercise the runner's bridge. */
@Plugin(type = Command.class, menuPath = "Plugins>StrokeJ>Test Add Constant")
public class AddConstantTestCommand extends ContextCommand {

	@Parameter
	private ImagePlus input;

	@Parameter
	private double value = 1;

	@Parameter(required = false)
	private boolean fail_please;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus output;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable table;

	@Override
	public void run() {
		if (fail_please) {
			cancel("asked to fail");
			return;
		}
		output = input.duplicate();
		output.getProcessor().add(value);
		output.setTitle(input.getTitle() + "-plus");
		table = new ResultsTable();
		table.incrementCounter();
		table.addValue("mean", output.getProcessor().getStats().mean);
	}
}
