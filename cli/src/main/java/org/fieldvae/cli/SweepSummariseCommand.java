package org.fieldvae.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.fieldvae.experiment.Sweep;
import org.fieldvae.experiment.SweepFolder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fieldvae sweep summarise}: the summaries of a sweep folder from its trial folders, without running
 * anything; the SLURM summary job. Exit 1 when a trial is not done (it is listed as failed).
 */
@Command(name = "summarise", mixinStandardHelpOptions = true,
        description = {"Writes DIR/summary.csv, DIR/summary-by-setting.csv and DIR/summary.png from the trial folders, as",
            "the local sweep does at its end; unfinished trials count as failed. What the SLURM summary job runs."})
final class SweepSummariseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The sweep folder.")
    Path out;

    @Override
    public Integer call() {
        return SweepCommand.report(spec.commandLine(), Sweep.summarise(SweepFolder.readSpec(out), out));
    }
}
