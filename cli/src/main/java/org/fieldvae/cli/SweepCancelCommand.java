package org.fieldvae.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.fieldvae.InvalidInputException;
import org.fieldvae.experiment.SweepFolder;
import org.fieldvae.experiment.slurm.SlurmCommands;
import org.fieldvae.experiment.slurm.SlurmSweep;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fieldvae sweep cancel}: scancel of a sweep's queued and running tasks and its summary jobs. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Cancels the queued and running SLURM tasks of the sweep in DIR and its pending summary jobs. Running",
            "trials keep their checkpoints: submitting the sweep again resumes them."})
final class SweepCancelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The sweep folder.")
    Path out;

    @Override
    public Integer call() {
        if (!SlurmCommands.onPath("scancel") || !SlurmCommands.onPath("scontrol")) {
            throw new InvalidInputException("scancel and scontrol are not on the PATH: cancel runs where the SLURM "
                    + "client commands are");
        }
        List<String> ids = SlurmSweep.cancel(SweepFolder.readSpec(out), out, new SlurmCommands());
        spec.commandLine().getOut().println(ids.isEmpty() ? "nothing to cancel: no task of the sweep is queued or running"
                : "cancelled " + String.join(" ", ids));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
