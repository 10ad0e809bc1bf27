package org.fieldvae.field;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Times streaming a dataset of the paper's size to disk and back, chunk by chunk, for the {@code bench}
 * command. Memory stays bounded by one chunk (run it with a small heap, e.g. {@code -Xmx128m}, to see that
 * a 10,000 x 3 x 65 x 65 set, 676 MB of float32 with its permeability, needs no more).
 */
public final class DatasetBenchmark {
    private DatasetBenchmark() {
    }

    /**
     * Medians over the repeats, in seconds, and the file size.
     *
     * @param writeSeconds median time to write the dataset (values filled once per chunk, outside the timing)
     * @param readSeconds median time to read all permeability and output back, chunk by chunk
     * @param bytes size of the file
     */
    public record Result(int samples, int grid, int chunk, double writeSeconds, double readSeconds, long bytes) {
        @Override
        public String toString() {
            return String.format("dataset %d x 3 x %d x %d, chunks of %d: write %.2f s (%.0f MB/s), read %.2f s (%.0f MB/s), "
                    + "%d MB (medians)", samples, grid, grid, chunk, writeSeconds, bytes / 1e6 / writeSeconds, readSeconds,
                    bytes / 1e6 / readSeconds, bytes / 1_000_000);
        }
    }

    /** Writes and reads a float32 dataset {@code repeats} times in {@code dir} (deleted afterwards). */
    public static Result run(Path dir, int samples, int grid, int chunk, int repeats) throws java.io.IOException {
        Path file = Files.createTempFile(dir, "bench", ".h5");
        float[][][][] k = new float[chunk][1][grid][grid];
        float[][][][] u = new float[chunk][3][grid][grid];
        double[][] theta = new double[chunk][2];
        SplittableRandom random = new SplittableRandom(1);
        for (float[][][] s : u) {
            for (float[] row : s[0]) {
                for (int j = 0; j < grid; j++) {
                    row[j] = (float) random.nextGaussian();
                }
            }
        }
        double[] write = new double[repeats];
        double[] read = new double[repeats];
        try {
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                try (DatasetWriter w = DatasetWriter.create(file, DatasetShape.of(samples, 2, grid), Map.of(), true)) {
                    for (int from = 0; from < samples; from += chunk) {
                        int n = Math.min(chunk, samples - from);
                        w.append(Arrays.copyOf(theta, n), Arrays.copyOf(k, n), Arrays.copyOf(u, n));
                    }
                    w.commit();
                }
                long t1 = System.nanoTime();
                try (DatasetReader reader = DatasetReader.open(file)) {
                    for (int from = 0; from < samples; from += chunk) {
                        int n = Math.min(chunk, samples - from);
                        reader.permeability(from, n);
                        reader.output(from, n);
                    }
                }
                write[r] = (t1 - t0) / 1e9;
                read[r] = (System.nanoTime() - t1) / 1e9;
            }
            return new Result(samples, grid, chunk, median(write), median(read), Files.size(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** {@code DatasetBenchmark [samples grid chunk repeats]}, default 10000 65 256 3, in the temp directory. */
    public static void main(String[] args) throws java.io.IOException {
        int[] a = args.length == 4 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray() : new int[] {10000, 65, 256, 3};
        System.out.println(run(Path.of(System.getProperty("java.io.tmpdir")), a[0], a[1], a[2], a[3]));
    }
}
