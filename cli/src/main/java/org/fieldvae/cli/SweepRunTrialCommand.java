package org.fieldvae.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.fieldvae.experiment.Sweep;
import org.fieldvae.experiment.SweepFolder;
import org.fieldvae.experiment.SweepSpec;
import org.fieldvae.experiment.TrialLock;
import org.fieldvae.experiment.TrialResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fieldvae sweep run-trial}: runs or resumes one trial of a sweep folder, by its index in the folder's
 * spec; what each task of a SLURM array runs. Exit 0 when the trial is done (or another process is running it),
 * 1 when it failed.
 */
@Command(name = "run-trial", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs or resumes trial INDEX of the sweep in DIR (the order of DIR/sweep.spec), under the trial's lock:",
            "a trial another process is running is left to it. What each SLURM array task runs."})
final class SweepRunTrialCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The sweep folder.")
    Path out;

    @Option(names = "--index", required = true, paramLabel = "INDEX", description = "The trial's index, from 0.")
    int index;

    @Override
    public Integer call() {
        SweepSpec sweep = SweepFolder.readSpec(out);
        SweepSpec.Trial trial = SweepFolder.trial(sweep, index);
        Optional<TrialResult> result;
        try (ConsoleProgress progress = ConsoleProgress.onStderr()) {
            progress.report(0, "trial " + index + " (" + trial.name() + ") in " + out.toAbsolutePath());
            result = Sweep.runOne(sweep, out, index, holder(), progress);
        }
        if (result.isEmpty()) {
            spec.commandLine().getOut().println("trial " + index + " (" + trial.name() + ") is being run by "
                    + TrialLock.heldBy(out.resolve(trial.name())).orElse("another process") + "; this task leaves it");
            return 0;
        }
        TrialResult r = result.get();
        if (!r.completed()) {
            spec.commandLine().getErr().println("fieldvae sweep run-trial: trial " + index + " (" + trial.name()
                    + ") failed: " + r.failure());
            return 1;
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "trial %d (%s) done: S_D %.4f, S_KL %.4f%n", index,
                trial.name(), r.sD(), r.sKl());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** "job J_i on HOST, pid P" under SLURM, else "pid P on HOST". */
    private static String holder() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown host";
        }
        long pid = ProcessHandle.current().pid();
        String job = System.getenv("SLURM_ARRAY_JOB_ID");
        String task = System.getenv("SLURM_ARRAY_TASK_ID");
        return job != null && task != null ? "job " + job + "_" + task + " on " + host + ", pid " + pid
                : "pid " + pid + " on " + host;
    }
}
