package org.fieldvae.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.fieldvae.experiment.SettingSummary;
import org.fieldvae.experiment.Sweep;
import org.fieldvae.experiment.SweepResult;
import org.fieldvae.experiment.SweepSpec;
import org.fieldvae.experiment.TrialResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fieldvae sweep}: a thin shell over {@link Sweep}. Reads the spec (every error before anything is
 * written), runs or resumes the trials, writes the summaries and {@value #PLOT}: mean and min-max band of S_D
 * per setting.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a grid of quickstart-style trials (settings x seeds), one run folder each, and summarises them.",
            "The spec has one 'key = value[, value...]' per line (# comments; seed = 1..10 ranges); keys are run settings",
            "(grid, modes, dist, samples, labels, prior, epochs, rec_epochs, batch, seed, ...). Every key with several",
            "values is an axis. Re-running resumes: finished trials are skipped, unfinished ones continue.",
            "Writes DIR/<trial>/, DIR/summary.csv, DIR/summary-by-setting.csv and DIR/summary.png."})
final class SweepCommand implements Callable<Integer> {
    static final String PLOT = "summary.png";

    @Spec
    CommandSpec spec;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The sweep spec.")
    Path specFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The sweep folder (created if missing).")
    Path out;

    @Option(names = "--parallel", paramLabel = "N", description = "Most trials at a time, >= 1; bounded further by cores "
            + "and memory (default: ${DEFAULT-VALUE}).")
    int parallel = 1;

    @Option(names = "--force", description = "Start every trial afresh (clears the trials' run files) instead of resuming.")
    boolean force;

    @Override
    public Integer call() {
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel = " + parallel + ": must be >= 1");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + ": exists and is not a folder");
        }
        SweepSpec sweep = SweepSpec.read(specFile);
        spec.commandLine().getErr().printf(Locale.ROOT, "%d trials, axes %s, %d at a time%n", sweep.trials().size(),
                sweep.axes(), Sweep.poolSize(sweep.trials(), parallel));
        SweepResult result;
        try (ConsoleProgress progress = ConsoleProgress.onStderr()) {
            result = Sweep.run(sweep, out, parallel, force, progress);
        }
        plot(result).write(out.resolve(PLOT), true);
        for (SettingSummary s : result.settings()) {
            spec.commandLine().getOut().printf(Locale.ROOT, "%-40s S_D mean %.3f [%.3f, %.3f]  disentangled %d/%d  "
                    + "over-regularised %d%n", label(s), s.sD().mean(), s.sD().min(), s.sD().max(), s.disentangled(),
                    s.runs(), s.overRegularised());
        }
        for (TrialResult f : result.failures()) {
            spec.commandLine().getErr().println("failed: " + f.trial().name() + ": " + f.failure());
        }
        spec.commandLine().getOut().println("wrote " + out.resolve(Sweep.SUMMARY) + ", "
                + out.resolve(Sweep.SUMMARY_BY_SETTING) + " and " + out.resolve(PLOT));
        spec.commandLine().getOut().flush();
        return result.failures().isEmpty() ? 0 : 1;
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
