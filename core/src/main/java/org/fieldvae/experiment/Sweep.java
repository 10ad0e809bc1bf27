package org.fieldvae.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.fieldvae.AtomicFile;
import org.fieldvae.CancelledException;
import org.fieldvae.Check;
import org.fieldvae.FieldVaeException;
import org.fieldvae.Progress;
import org.fieldvae.Provenance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Runs every trial of a {@link SweepSpec} with {@link ExperimentRun#run} in its own folder
 * {@code DIR/<trial name>/}, in a bounded pool, and writes the summaries {@value #SUMMARY} (one row per
 * trial) and {@value #SUMMARY_BY_SETTING} (per setting over its seeds).
 *
 * <p>Resumable: a finished trial is skipped and an unfinished one resumed by {@link ExperimentRun} itself
 * (stages whose file is present are skipped, training continues from its checkpoint), so a sweep killed at
 * any point and run again ends with the summary of an uninterrupted one (but for the wall times). A trial
 * that fails is recorded as failed and does not stop the others; cancellation stops them all.
 *
 * <p>Parallel trials run in threads of one JVM. That is safe for FieldVAE's ND4J use: every trial owns its
 * networks and arrays, the training step's ND4J workspace is thread-local, and the random streams are
 * seeded Java generators; the tests check that a parallel sweep gives bit-identical scores to a sequential
 * one. With parallelism 1 the trials run one after another.
 */
public final class Sweep {
    /** One row per trial: trial, axis values, s_d, s_kl, over_regularised, disentangled, seconds, status. */
    public static final String SUMMARY = "summary.csv";
    /** One row per setting: axis values but the seed, runs, mean/min/max of s_d and s_kl, counts. */
    public static final String SUMMARY_BY_SETTING = "summary-by-setting.csv";
    /** The spec's settings, the trial names, the pool size and the provenance of the last call. */
    public static final String SWEEP_JSON = "sweep.json";
    /** Inside a trial folder: the wall time of the sweep call that completed the trial. */
    static final String SECONDS = "sweep-seconds.txt";
    /** Memory a trial needs beyond its arrays (JVM objects, ND4J buffers), bytes. */
    static final long TRIAL_OVERHEAD_BYTES = 128L << 20;

    private Sweep() {
    }

    /** Runs or resumes the sweep; see {@link #run(SweepSpec, Path, int, boolean, Progress)}. */
    public static SweepResult run(SweepSpec spec, Path dir, int parallelism, Progress progress) {
        return run(spec, dir, parallelism, false, progress);
    }

    /**
     * @param parallelism most trials at a time, >= 1; the pool is further bounded by cores and memory
     *                    ({@link #poolSize})
     * @param fresh       clear every trial's folder first (its run files only) instead of resuming
     * @throws CancelledException when the progress is cancelled; finished trials and checkpoints stay
     */
    public static SweepResult run(SweepSpec spec, Path dir, int parallelism, boolean fresh, Progress progress) {
        Check.atLeast("parallelism", parallelism, 1);
        List<SweepSpec.Trial> trials = spec.trials();
        int pool = poolSize(trials, parallelism);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sweep folder " + dir + ": " + e.getMessage(), e);
        }
        SweepFolder.writeSpec(dir, spec);
        writeSweepJson(spec, dir, pool);
        String holder = localHolder();
        SweepProgress overall = new SweepProgress(progress, trials.size(), pool);
        ExecutorService executor = Executors.newFixedThreadPool(pool, runnable -> {
            Thread t = new Thread(runnable, "fieldvae-sweep");
            t.setDaemon(true);
            return t;
        });
        List<TrialResult> results = new ArrayList<>();
        List<Future<TrialResult>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < trials.size(); i++) {
                SweepSpec.Trial trial = trials.get(i);
                Progress p = overall.trial(i, trial.name());
                futures.add(executor.submit(() -> runTrial(trial, dir.resolve(trial.name()), fresh, holder, p)
                        .orElseGet(() -> busy(trial, dir.resolve(trial.name())))));
            }
            for (Future<TrialResult> f : futures) {
                results.add(await(f));
            }
        } finally {
            // queued trials never start; running ones stop at their next cancellation check (no interrupts:
            // an interrupted file channel would abandon a write), and none outlives this call
            for (Future<TrialResult> f : futures) {
                f.cancel(false);
            }
            executor.shutdown();
            awaitTermination(executor);
        }
        SweepResult result = new SweepResult(dir, spec.axes(), results, SettingSummary.of(results), pool);
        SummaryFiles.write(result);
        progress.report(1, String.format(Locale.ROOT, "sweep complete: %d trials, %d failed -> %s", results.size(),
                result.failures().size(), dir.resolve(SUMMARY)));
        return result;
    }

    /** Writes {@value #SWEEP_JSON}: the spec's settings, the trial names, the pool size and the provenance. */
    public static void writeSweepJson(SweepSpec spec, Path dir, int pool) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("spec", spec.source());
        doc.put("settings", spec.settings());
        doc.put("axes", spec.axes());
        doc.put("trials", spec.trials().stream().map(SweepSpec.Trial::name).toList());
        doc.put("pool_size", pool);
        doc.put("provenance", Provenance.current().asMap());
        Path file = dir.resolve(SWEEP_JSON);
        try {
            AtomicFile.write(file, true, f -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(f.toFile(), doc));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void awaitTermination(ExecutorService executor) {
        boolean interrupted = false;
        while (!executor.isTerminated()) {
            try {
                executor.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static TrialResult await(Future<TrialResult> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancelledException c) {
                throw c;
            }
            throw new FieldVaeException("sweep trial failed unexpectedly: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Runs or resumes trial {@code index} of the spec's trial list in {@code DIR/<trial name>/}, as one task of a
     * job array does; the caller writes the spec into the folder first ({@link SweepFolder#writeSpec}).
     *
     * @param holder who runs it (job, host, pid), recorded in the trial's {@link TrialLock}
     * @return the trial's result (completed or failed), or empty when another process runs the trial right now
     * @throws CancelledException when the progress is cancelled; what is complete stays
     */
    public static Optional<TrialResult> runOne(SweepSpec spec, Path dir, int index, String holder, Progress progress) {
        SweepSpec.Trial trial = SweepFolder.trial(spec, index);
        return runTrial(trial, dir.resolve(trial.name()), false, holder, progress);
    }

    /**
     * Reads every trial's outcome back from the folder and writes the summaries, as {@link #run} does at its
     * end; trials without a finished run count as failed (with their recorded failure). Nothing is computed:
     * a finished trial is only loaded, an unfinished one is left alone.
     */
    public static SweepResult summarise(SweepSpec spec, Path dir) {
        List<TrialResult> results = new ArrayList<>();
        for (SweepSpec.Trial trial : spec.trials()) {
            Path trialDir = dir.resolve(trial.name());
            if (SweepFolder.isDone(trialDir)) {
                results.add(readBack(trial, trialDir));
            } else {
                String why = SweepFolder.failure(trialDir).orElse("not finished (no " + RunFolder.SCORES + ")");
                results.add(new TrialResult(trial, Double.NaN, Double.NaN, false, Double.NaN, why));
            }
        }
        SweepResult result = new SweepResult(dir, spec.axes(), results, SettingSummary.of(results), 1);
        SummaryFiles.write(result);
        return result;
    }

    /**
     * Runs one trial under its lock: clears it first when {@code fresh}, records why it failed when it fails.
     *
     * @return empty when another process holds the trial's lock
     */
    private static Optional<TrialResult> runTrial(SweepSpec.Trial trial, Path dir, boolean fresh, String holder,
            Progress progress) {
        Optional<TrialLock> lock = TrialLock.tryAcquire(dir, holder);
        if (lock.isEmpty()) {
            return Optional.empty();
        }
        try (TrialLock held = lock.get()) {
            if (fresh) {
                RunFolder.clear(dir);
                deleteSeconds(dir);
            }
            SweepFolder.clearFailure(dir);
            return Optional.of(finished(trial, dir, ExperimentRun.run(trial.settings(), dir, progress)));
        } catch (CancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            progress.report(1, "failed: " + e.getMessage());
            String message = (e.getMessage() == null ? e.toString() : e.getMessage()).replace('\n', ' ');
            SweepFolder.recordFailure(dir, message);
            return Optional.of(new TrialResult(trial, Double.NaN, Double.NaN, false, Double.NaN, message));
        }
    }

    /** A finished trial's result: {@link ExperimentRun#run} finds every stage's file and only loads the model. */
    private static TrialResult readBack(SweepSpec.Trial trial, Path dir) {
        try {
            return finished(trial, dir, ExperimentRun.run(trial.settings(), dir, Progress.NONE));
        } catch (CancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return new TrialResult(trial, Double.NaN, Double.NaN, false, Double.NaN, message.replace('\n', ' '));
        }
    }

    private static TrialResult finished(SweepSpec.Trial trial, Path dir, RunResult r) {
        double seconds = recordSeconds(dir, r.seconds());
        return new TrialResult(trial, r.sD(), r.sKl(), r.overRegularised(), seconds, "");
    }

    /** The result of a trial that another process is running: failed for this call, left to that process. */
    private static TrialResult busy(SweepSpec.Trial trial, Path dir) {
        String holder = TrialLock.heldBy(dir).orElse("another process");
        return new TrialResult(trial, Double.NaN, Double.NaN, false, Double.NaN, "is being run by " + holder);
    }

    /** This process as a lock holder: "pid P on host H". */
    private static String localHolder() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown host";
        }
        return "pid " + ProcessHandle.current().pid() + " on " + host;
    }

    /** The recorded wall time of the call that completed the trial; records this call's if none is. */
    private static double recordSeconds(Path dir, double seconds) {
        Path file = dir.resolve(SECONDS);
        try {
            if (Files.isRegularFile(file)) {
                return Double.parseDouble(Files.readString(file).strip());
            }
            AtomicFile.write(file, true, f -> Files.writeString(f, String.format(Locale.ROOT, "%.3f%n", seconds)));
            return Double.parseDouble(String.format(Locale.ROOT, "%.3f", seconds));
        } catch (IOException | NumberFormatException e) {
            return seconds;
        }
    }

    private static void deleteSeconds(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(SECONDS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir.resolve(SECONDS), e);
        }
    }

    /**
     * Trials at a time: the requested parallelism, at most the number of trials, the available processors
     * and the trials that fit in the JVM's free memory by {@link #memoryEstimate} of the largest trial;
     * at least 1.
     */
    public static int poolSize(List<SweepSpec.Trial> trials, int requested) {
        long largest = 0;
        for (SweepSpec.Trial t : trials) {
            largest = Math.max(largest, memoryEstimate(t.settings()));
        }
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        long byMemory = largest == 0 ? Integer.MAX_VALUE : free / largest;
        long n = Math.min(Math.min(requested, trials.size()), Math.min(rt.availableProcessors(), byMemory));
        return (int) Math.max(1, n);
    }

    /**
     * Bytes one trial needs at its peak, a deliberate over-estimate: the training and test fields in float32
     * (3 channels) held three times (generation, reading, minibatches); the network's parameters about
     * 1.5 F^2 for the fully connected layers, F = 36 ((n - 1) / 8)^2 the flattened coarse map of the
     * paper's net (8.0 million parameters at n = 65), times 8 copies (values, gradients, two Adam moments,
     * checkpoint buffers in double); activations of a minibatch, about 100 float32 maps of n x n per sample;
     * and {@link #TRIAL_OVERHEAD_BYTES}.
     */
    public static long memoryEstimate(RunSettings s) {
        long pixels = (long) s.data().grid() * s.data().grid();
        long fields = 3L * (s.data().trainSamples() + s.data().testSamples()) * 3 * pixels * Float.BYTES;
        double coarse = (s.data().grid() - 1) / 8.0;
        double flat = 36 * coarse * coarse;
        long parameters = (long) (1.5 * flat * flat) * 8 * Float.BYTES;
        long activations = (long) s.schedule().batch() * 100 * pixels * Float.BYTES;
        return fields + parameters + activations + TRIAL_OVERHEAD_BYTES;
    }

    /** Per-trial progress folded into one: the mean of the trials' fractions, the latest message. */
    private static final class SweepProgress {
        private final Progress parent;
        private final double[] fractions;
        private final int pool;
        private int done;

        SweepProgress(Progress parent, int trials, int pool) {
            this.parent = parent;
            this.fractions = new double[trials];
            this.pool = pool;
        }

        Progress trial(int index, String name) {
            return new Progress() {
                @Override
                public void report(double fraction, String message) {
                    update(index, fraction, name + ": " + message);
                }

                @Override
                public boolean isCancelled() {
                    return parent.isCancelled();
                }
            };
        }

        private synchronized void update(int index, double fraction, String message) {
            if (fraction >= 1 && fractions[index] < 1) {
                done++;
            }
            fractions[index] = Math.max(0, Math.min(1, fraction));
            double sum = 0;
            for (double f : fractions) {
                sum += f;
            }
            parent.report(sum / fractions.length, String.format(Locale.ROOT, "[%d/%d done, %d at a time] %s", done,
                    fractions.length, pool, message));
        }
    }

    /** Writes the two summary CSVs atomically. */
    static final class SummaryFiles {
        private SummaryFiles() {
        }

        static void write(SweepResult r) {
            StringBuilder trials = new StringBuilder("trial");
            for (String a : r.axes()) {
                trials.append(',').append(a);
            }
            trials.append(",s_d,s_kl,over_regularised,disentangled,seconds,status\n");
            for (TrialResult t : r.trials()) {
                trials.append(csv(t.trial().name()));
                for (String a : r.axes()) {
                    trials.append(',').append(csv(t.trial().axisValues().get(a)));
                }
                trials.append(String.format(Locale.ROOT, ",%s,%s,%b,%b,%s,%s%n", number(t.sD()), number(t.sKl()),
                        t.overRegularised(), t.disentangled(), number(t.seconds()),
                        csv(t.completed() ? "done" : "failed: " + t.failure())));
            }
            StringBuilder settings = new StringBuilder("setting");
            List<String> settingAxes = r.axes().stream().filter(a -> !a.equals("seed")).toList();
            for (String a : settingAxes) {
                settings.append(',').append(a);
            }
            settings.append(",runs,completed,s_d_mean,s_d_min,s_d_max,s_kl_mean,s_kl_min,s_kl_max,"
                    + "over_regularised,disentangled\n");
            for (SettingSummary s : r.settings()) {
                settings.append(csv(SweepSpec.name(s.setting()).equals("trial") ? "all" : SweepSpec.name(s.setting())));
                for (String a : settingAxes) {
                    settings.append(',').append(csv(s.setting().get(a)));
                }
                settings.append(String.format(Locale.ROOT, ",%d,%d,%s,%s,%s,%s,%s,%s,%d,%d%n", s.runs(), s.completed(),
                        number(s.sD().mean()), number(s.sD().min()), number(s.sD().max()), number(s.sKl().mean()),
                        number(s.sKl().min()), number(s.sKl().max()), s.overRegularised(), s.disentangled()));
            }
            writeText(r.dir().resolve(SUMMARY), trials.toString());
            writeText(r.dir().resolve(SUMMARY_BY_SETTING), settings.toString());
        }

        private static String number(double v) {
            return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.9g", v);
        }

        /** A CSV field, quoted when it holds a comma, quote or line break. */
        static String csv(String v) {
            return v.matches(".*[,\"\n\r].*") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
        }

        private static void writeText(Path file, String text) {
            try {
                AtomicFile.write(file, true, f -> Files.writeString(f, text));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
