package org.fieldvae.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.fieldvae.CancelledException;
import org.fieldvae.InvalidInputException;
import org.fieldvae.cli.report.ReportWriter;
import org.fieldvae.experiment.ExperimentRun;
import org.fieldvae.experiment.RunFolder;
import org.fieldvae.experiment.RunResult;
import org.fieldvae.experiment.RunSettings;
import org.fieldvae.experiment.TrialPrior;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fieldvae quickstart}: one trial of the paper's experiment on small defaults
 * ({@link RunSettings#quickstartDefaults()}), written into a run folder. Ctrl-C stops at the next step and
 * leaves a resumable folder: the same command with the same {@code --out} continues where it stopped.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The whole experiment on a small default: datasets, semi-supervised VAE, latents, scores.",
            "Generates a KLE2 training set (Latin hypercube) and test set (Monte Carlo), labels a fraction of the "
                + "training set, trains a semi-supervised DenseVAE, encodes both sets and scores the test latents "
                + "(S_D, S_KL, ...). Runs in minutes on two cores. Ctrl-C leaves a run that the same command resumes."})
final class QuickstartCommand implements Callable<Integer> {
    private static final RunSettings DEFAULTS = RunSettings.quickstartDefaults();

    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "quickstart-out", paramLabel = "DIR",
            description = "Run folder (default ${DEFAULT-VALUE}); an unfinished run there with the same settings is resumed.")
    Path out;

    @ArgGroup(exclusive = false, validate = false, heading = "%nData:%n")
    TrialDataArgs data = new TrialDataArgs();

    @ArgGroup(exclusive = false, validate = false, heading = "%nPrior:%n")
    TrialPriorArgs prior = new TrialPriorArgs();

    @ArgGroup(exclusive = false, validate = false, heading = "%nTraining schedule:%n")
    TrialScheduleArgs schedule = new TrialScheduleArgs();

    @ArgGroup(exclusive = false, validate = false, heading = "%nRun:%n")
    RunSeedArgs run = new RunSeedArgs();

    @Option(names = "--force", description = "Replace the run in --out even when its settings differ.")
    boolean force;

    @Override
    public Integer call() {
        RunSettings settings = settings();
        createParent(out);
        try (OutputOptions.Locks locks = OutputOptions.lock(out)) {
            prepare(out, settings, force);
            return runAndReport(settings);
        }
    }

    private int runAndReport(RunSettings settings) {
        PrintWriter err = spec.commandLine().getErr();
        RunResult result;
        try (ConsoleProgress progress = ConsoleProgress.onStderr()) {
            result = ExperimentRun.run(settings, out, progress);
        } catch (CancelledException e) {
            CancelledException stopped = new CancelledException("stopped (Ctrl-C); run the same command again to continue the run in " + out);
            stopped.initCause(e);
            throw stopped;
        }
        err.println("fieldvae quickstart: writing the report");
        err.flush();
        Path report = ReportWriter.write(out);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "S_D = %.4f, S_KL = %.4f (test set, %d samples; %.0f s)%n", result.sD(), result.sKl(),
                settings.data().testSamples(), result.seconds());
        if (result.overRegularised()) {
            o.println("warning: the model is over-regularised (its decoder ignores the latent code)");
        }
        o.println("run folder: " + out);
        o.println("report: " + report);
        o.flush();
        return 0;
    }

    /** The folder that holds the run folder (and its lock file). */
    private static void createParent(Path dir) {
        Path parent = dir.toAbsolutePath().getParent();
        try {
            java.nio.file.Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + parent, e);
        }
    }

    /** The settings of the options, group by group, over the quickstart's defaults. */
    RunSettings settings() {
        TrialPrior trialPrior = prior.apply(DEFAULTS.prior());
        RunSettings s = DEFAULTS.with(data.apply(DEFAULTS.data())).with(trialPrior);
        return s.with(schedule.apply(s.schedule(), trialPrior.prior())).with(s.run().withSeed(run.seed));
    }

    /**
     * Checks the folder before any work: a resumable run of the same settings, an empty or new folder, or
     * (with --force) a folder whose run files are cleared first.
     */
    static void prepare(Path dir, RunSettings settings, boolean force) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + dir + ": is a file, not a folder");
        }
        if (!RunFolder.isEmpty(dir)) {
            Path runJson = dir.resolve(RunFolder.RUN_JSON);
            boolean same = Files.isRegularFile(runJson) && sameSettings(dir, settings);
            if (!same && !force) {
                throw new IllegalArgumentException("--out " + dir + ": "
                        + (Files.isRegularFile(runJson) ? "holds a run with other settings"
                                : "is not empty and holds no " + RunFolder.RUN_JSON)
                        + " (use --force to replace its run files, or another --out)");
            }
            if (!same) {
                RunFolder.clear(dir);
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("--out " + dir + ": cannot create the folder (" + e + ")", e);
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException("--out " + dir + ": is not writable");
        }
    }

    private static boolean sameSettings(Path dir, RunSettings settings) {
        try {
            return RunFolder.readSettings(dir).equals(settings);
        } catch (InvalidInputException e) {
            return false;
        }
    }
}
