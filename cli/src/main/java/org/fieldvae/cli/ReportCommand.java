package org.fieldvae.cli;

import java.nio.file.Path;

import org.fieldvae.cli.report.ReportWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fieldvae report}: a thin shell over {@link ReportWriter}. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes an HTML page with PNG plots of a run folder.",
            "Sample fields, a reconstruction, training curves, the rate-distortion "
                + "path, latents against theta, the aggregated posterior, the scores and "
                + "every input's settings and provenance. A section whose input file is "
                + "missing says \"not available\". The PNGs are written beside the page."})
public final class ReportCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = "Run folder (run.json, train.hdf5, test.hdf5, model.zip, history.csv, latents-*.csv, scores.json).")
    private Path run;

    @Option(names = "--out", paramLabel = "FILE", description = "HTML page to write (default: DIR/report/index.html).")
    private Path out;

    @Mixin
    private OutputOptions output = new OutputOptions();

    @Override
    public void run() {
        Path page = out == null ? run.resolve("report").resolve("index.html") : output.check(out);
        ReportWriter.write(run, page, output.force);
        spec.commandLine().getOut().println("report -> " + page);
        spec.commandLine().getOut().flush();
    }
}
