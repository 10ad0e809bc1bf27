package org.fieldvae.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.fieldvae.Medians;
import org.fieldvae.Progress;
import org.fieldvae.darcy.DarcyBenchmark;
import org.fieldvae.generate.DatasetGenerator;
import org.fieldvae.generate.GenerateSettings;
import org.fieldvae.kle.KleBenchmark;
import org.fieldvae.score.ScoreBenchmark;
import org.fieldvae.vae.VaeBenchmark;
import org.fieldvae.vae.VaeSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fieldvae bench}: medians of the hot paths, the figures the issues set targets for. Each timing
 * runs after warm-up in this JVM; peak memory of {@code generate} is measured in a child JVM so that it
 * is the RSS of that job alone.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Medians of the hot paths, the figures the speed targets are about.",
            "Times the hot paths: KLE basis (65 x 65: top 2 and top 100 modes), "
                + "Darcy solve (65 x 65, single and 512 in parallel), a 512-sample KLE2 dataset, peak RSS of generate "
                + "(512 and 10,000 samples), all scores on 2,000 samples, and a DenseVAE training step (batch 64)."})
final class BenchCommand implements Callable<Integer> {
    static final String PEAK_RSS_PROPERTY = "fieldvae.report.peakRss";
    /**
     * The heap of the child {@code generate} runs. Small on purpose: with a large heap the JVM lets garbage
     * accumulate and the RSS grows with the sample count although the live data do not; a fixed small heap
     * shows that a run of any size fits in the same memory.
     */
    static final String CHILD_HEAP = "256m";
    private static final List<String> ALL = List.of("kle", "darcy", "generate", "memory", "score", "vae");

    @Option(names = "--only", split = ",", description = "Run only these: kle, darcy, generate, memory, score, vae.")
    List<String> only = ALL;

    @Option(names = "--repeats", defaultValue = "11", description = "Timed repeats per figure (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--vae-steps", defaultValue = "10", description = "Timed training steps (default ${DEFAULT-VALUE}).")
    int vaeSteps;

    @Override
    public Integer call() {
        for (String name : only) {
            if (!ALL.contains(name)) {
                throw new IllegalArgumentException("--only " + name + ": must be one of " + ALL);
            }
        }
        Set<String> chosen = Set.copyOf(only);
        System.out.printf("%-44s %12s %12s %12s %8s%n", "benchmark", "median", "min", "max", "repeats");
        if (chosen.contains("kle")) {
            row("KLE basis 65x65, top 2 modes [s]", KleBenchmark.timeTopModes(65, 2, repeats));
            row("KLE basis 65x65, top 100 modes [s]", KleBenchmark.timeTopModes(65, 100, repeats));
        }
        if (chosen.contains("darcy")) {
            row("Darcy solve 65x65, one sample [ms]", scale(DarcyBenchmark.timeSingleSolves(65, 20 * repeats), 1e3));
            double[] parallel = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                parallel[r] = DarcyBenchmark.timeParallel(65, 512);
            }
            row("Darcy solve 65x65, 512 samples parallel [s]", parallel);
        }
        if (chosen.contains("generate")) {
            row("generate KLE2 65x65, 512 samples [s]", timeGenerate(512));
        }
        if (chosen.contains("memory")) {
            System.out.printf("%-44s %12.0f%n", "peak RSS generate, 512 samples, heap " + CHILD_HEAP + " [MiB]", childPeakRss(512));
            System.out.printf("%-44s %12.0f%n", "peak RSS generate, 10,000 samples, heap " + CHILD_HEAP + " [MiB]", childPeakRss(10_000));
        }
        if (chosen.contains("score")) {
            row("all scores, 2,000 samples in 2-D [s]", ScoreBenchmark.timeAllScores(2000, repeats));
        }
        if (chosen.contains("vae")) {
            VaeBenchmark.Result r = VaeBenchmark.trainingStep(VaeSettings.defaults(false), 3, vaeSteps);
            row("DenseVAE training step, batch 64 [ms]", scale(r.stepSeconds(), 1e3));
            System.out.printf("%-44s %12d%n", "DenseVAE parameters", r.parameterCount());
            System.out.printf("%-44s %12s%n", "ND4J backend", r.backend());
        }
        return 0;
    }

    private double[] timeGenerate(int samples) {
        GenerateSettings settings = GenerateSettings.defaults().withSamples(samples);
        double[] seconds = new double[repeats];
        Path dir = tempDir();
        try {
            for (int r = -2; r < repeats; r++) {
                Path file = dir.resolve("bench.hdf5");
                long start = System.nanoTime();
                DatasetGenerator.generate(settings, file, true, Progress.NONE);
                if (r >= 0) {
                    seconds[r] = (System.nanoTime() - start) / 1e9;
                }
            }
        } finally {
            deleteTree(dir);
        }
        return seconds;
    }

    /** Runs {@code generate} in a child JVM with the class path of this one and returns its peak RSS. */
    private static double childPeakRss(int samples) {
        Path dir = tempDir();
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx" + CHILD_HEAP, "-D" + PEAK_RSS_PROPERTY + "=true",
                    "-cp", System.getProperty("java.class.path"), FieldVaeCommand.class.getName(), "generate",
                    "--n", Integer.toString(samples), "--out", dir.resolve("peak.hdf5").toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            double peak = Double.NaN;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(PeakMemory.PREFIX)) {
                        peak = Double.parseDouble(line.substring(PeakMemory.PREFIX.length()).trim());
                    }
                }
            }
            if (process.waitFor() != 0 || Double.isNaN(peak)) {
                throw new IllegalStateException("the child generate run failed (exit " + process.exitValue() + ")");
            }
            return peak;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            deleteTree(dir);
        }
    }

    private static void row(String name, double[] samples) {
        Medians m = Medians.of(samples);
        System.out.printf(Locale.ROOT, "%-44s %12.4g %12.4g %12.4g %8d%n", name, m.median(), m.min(), m.max(), m.repeats());
    }

    private static double[] scale(double[] values, double factor) {
        double[] scaled = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            scaled[i] = values[i] * factor;
        }
        return scaled;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("fieldvae-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }
}
