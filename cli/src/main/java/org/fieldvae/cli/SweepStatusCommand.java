package org.fieldvae.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.fieldvae.experiment.SweepFolder;
import org.fieldvae.experiment.slurm.SlurmCommands;
import org.fieldvae.experiment.slurm.SlurmSweep;
import org.fieldvae.experiment.slurm.TrialStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fieldvae sweep status}: one line per trial, from the sweep folder and the SLURM controller. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"One line per trial of the sweep in DIR: index, trial, done / running / queued / failed / unfinished /",
            "not-started, and the job with its SLURM state, exit code and log. Reads the folder and scontrol (no sacct)."})
final class SweepStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The sweep folder.")
    Path out;

    @Override
    public Integer call() {
        List<TrialStatus> status = SlurmSweep.status(SweepFolder.readSpec(out), out.toAbsolutePath().normalize(),
                new SlurmCommands());
        Map<String, Integer> counts = new TreeMap<>();
        for (TrialStatus s : status) {
            spec.commandLine().getOut().println(s.line());
            counts.merge(s.state().label(), 1, Integer::sum);
        }
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().println(status.size() + " trials: " + counts.toString().replaceAll("[{}]", ""));
        return 0;
    }
}
