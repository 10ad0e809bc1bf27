package org.fieldvae.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.fieldvae.experiment.SettingSummary;
import org.fieldvae.experiment.Sweep;
import org.fieldvae.experiment.SweepResult;
import org.fieldvae.experiment.SweepSpec;
import org.fieldvae.experiment.TrialResult;
import org.fieldvae.experiment.slurm.SlurmOptions;
import org.fieldvae.experiment.slurm.SlurmSweep;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fieldvae sweep}: a thin shell over {@link Sweep} (the local pool, the default engine) and
 * {@link SlurmSweep} (a SLURM job array, {@code --engine slurm}). Reads the spec (every error before anything is
 * written), runs or resumes the trials, writes the summaries and {@value #PLOT}: mean and min-max band of S_D
 * per setting. Its subcommands run one trial (an array task), summarise, show and cancel a sweep.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {SweepRunTrialCommand.class, SweepSummariseCommand.class, SweepStatusCommand.class,
            SweepCancelCommand.class},
        description = {"Runs a grid of quickstart-style trials (settings x seeds), one run folder each, and summarises them.",
            "The spec has one 'key = value[, value...]' per line (# comments; seed = 1..10 ranges); keys are run settings "
                + "(grid, modes, dist, samples, labels, prior, epochs, rec_epochs, batch, seed, ...). Every key with several "
                + "values is an axis. Re-running resumes: finished trials are skipped, unfinished ones continue.",
            "Writes DIR/<trial>/, DIR/summary.csv, DIR/summary-by-setting.csv and DIR/summary.png.",
            "--engine slurm submits the unfinished trials as one SLURM job array plus a summary job after it "
                + "(see 'sweep status', 'sweep cancel'; docs/sweeps-on-slurm.md)."})
final class SweepCommand implements Callable<Integer> {
    static final String PLOT = "summary.png";

    /** Where the trials run. */
    enum Engine { local, slurm }

    @Spec
    CommandSpec spec;

    // not required=true: picocli would then demand it before a subcommand as well
    @Option(names = "--spec", paramLabel = "FILE", description = "The sweep spec (required).")
    Path specFile;

    @Option(names = "--out", paramLabel = "DIR", description = "The sweep folder (created if missing; required).")
    Path out;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "local (a pool in this process) or slurm "
            + "(a job array; default: ${DEFAULT-VALUE}).")
    Engine engine = Engine.local;

    @Option(names = "--parallel", paramLabel = "N", description = "local: most trials at a time, >= 1; bounded "
            + "further by cores and memory (default: ${DEFAULT-VALUE}).")
    int parallel = 1;

    @Option(names = "--force", description = "local: start every trial afresh (clears the trials' run files) instead "
            + "of resuming.")
    boolean force;

    @Option(names = "--partition", paramLabel = "P", description = "slurm: the partition (default: the cluster's).")
    String partition;

    @Option(names = "--time", paramLabel = "T", description = "slurm: time limit per trial, e.g. 8:00:00.")
    String time;

    @Option(names = "--cpus-per-task", paramLabel = "C", description = "slurm: cores per trial.")
    Integer cpusPerTask;

    @Option(names = "--mem", paramLabel = "M", description = "slurm: memory per trial, e.g. 12G (set "
            + "FIELDVAE_JAVA_OPTS=-Xmx... below it).")
    String mem;

    @Option(names = "--account", paramLabel = "A", description = "slurm: the account to charge.")
    String account;

    @Option(names = "--max-parallel", paramLabel = "K", description = "slurm: most trials running at a time (--array=...%%K).")
    Integer maxParallel;

    @Option(names = "--sbatch-arg", paramLabel = "ARG", description = "slurm: one more sbatch option, e.g. --qos=long "
            + "(repeatable).")
    List<String> sbatchArgs = new ArrayList<>();

    @Option(names = "--dry-run", description = "slurm: print the sbatch scripts and commands instead of submitting.")
    boolean dryRun;

    @Override
    public Integer call() {
        if (specFile == null || out == null) {
            throw new IllegalArgumentException("--spec and --out are required (or a subcommand: run-trial, summarise, "
                    + "status, cancel)");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + ": exists and is not a folder");
        }
        checkEngineOptions();
        if (engine == Engine.slurm) {
            return new SlurmSubmission(spec.commandLine(), slurmOptions(), dryRun).submit(SweepSpec.read(specFile), out);
        }
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel = " + parallel + ": must be >= 1");
        }
        SweepSpec sweep = SweepSpec.read(specFile);
        spec.commandLine().getErr().printf(Locale.ROOT, "%d trials, axes %s, %d at a time%n", sweep.trials().size(),
                sweep.axes(), Sweep.poolSize(sweep.trials(), parallel));
        SweepResult result;
        try (ConsoleProgress progress = ConsoleProgress.onStderr()) {
            result = Sweep.run(sweep, out, parallel, force, progress);
        }
        return report(spec.commandLine(), result);
    }

    /**
     * Draws {@value #PLOT} beside the summaries and prints each setting's line and each failure, as both engines
     * end.
     *
     * @return the exit code: 0 when every trial completed, else 1
     */
    static int report(CommandLine cli, SweepResult result) {
        Path dir = result.dir();
        plot(result).write(dir.resolve(PLOT), true);
        for (SettingSummary s : result.settings()) {
            cli.getOut().printf(Locale.ROOT, "%-40s S_D mean %.3f [%.3f, %.3f]  disentangled %d/%d  "
                    + "over-regularised %d%n", label(s), s.sD().mean(), s.sD().min(), s.sD().max(), s.disentangled(),
                    s.runs(), s.overRegularised());
        }
        for (TrialResult f : result.failures()) {
            cli.getErr().println("failed: " + f.trial().name() + ": " + f.failure());
        }
        cli.getOut().println("wrote " + dir.resolve(Sweep.SUMMARY) + ", " + dir.resolve(Sweep.SUMMARY_BY_SETTING)
                + " and " + dir.resolve(PLOT));
        cli.getOut().flush();
        return result.failures().isEmpty() ? 0 : 1;
    }

    /** Every option belongs to one engine: naming one of the other engine is a mistake worth a clear line. */
    private void checkEngineOptions() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        List<String> localOnly = List.of("--parallel", "--force");
        List<String> slurmOnly = List.of("--partition", "--time", "--cpus-per-task", "--mem", "--account",
                "--max-parallel", "--sbatch-arg", "--dry-run");
        for (String name : engine == Engine.slurm ? localOnly : slurmOnly) {
            if (parsed.hasMatchedOption(name)) {
                throw new IllegalArgumentException(name + " is an option of --engine "
                        + (engine == Engine.slurm ? "local" : "slurm") + ", not of --engine " + engine
                        + (name.equals("--parallel") ? " (use --max-parallel)" : ""));
            }
        }
    }

    private SlurmOptions slurmOptions() {
        if (cpusPerTask != null && cpusPerTask < 1) {
            throw new IllegalArgumentException("--cpus-per-task = " + cpusPerTask + ": must be >= 1");
        }
        if (maxParallel != null && maxParallel < 1) {
            throw new IllegalArgumentException("--max-parallel = " + maxParallel + ": must be >= 1");
        }
        return new SlurmOptions(partition, time, cpusPerTask == null ? 0 : cpusPerTask, mem, account,
                maxParallel == null ? 0 : maxParallel, sbatchArgs);
    }

    /** S_D per setting: against the value of the one non-seed axis when it is numeric, else the setting's index. */
    static LineChart plot(SweepResult r) {
        List<SettingSummary> s = r.settings();
        List<String> axes = r.axes().stream().filter(a -> !a.equals("seed")).toList();
        boolean numeric = axes.size() == 1 && s.stream().allMatch(x -> isNumber(x.setting().get(axes.get(0))));
        double[] x = new double[s.size()];
        double[] mean = new double[s.size()];
        double[] min = new double[s.size()];
        double[] max = new double[s.size()];
        for (int i = 0; i < s.size(); i++) {
            x[i] = numeric ? Double.parseDouble(s.get(i).setting().get(axes.get(0))) : i + 1;
            mean[i] = s.get(i).sD().mean();
            min[i] = s.get(i).sD().min();
            max[i] = s.get(i).sD().max();
        }
        String xLabel = numeric ? axes.get(0) : "setting (see summary-by-setting.csv, row order)";
        return new LineChart("S_D per setting over seeds: mean and min-max", xLabel, "S_D")
                .line("mean S_D", x, mean).edge("min", x, min).edge("max", x, max);
    }

    private static String label(SettingSummary s) {
        return s.setting().isEmpty() ? "all" : s.setting().toString();
    }

    private static boolean isNumber(String v) {
        try {
            Double.parseDouble(v);
            return true;
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
    }
}
