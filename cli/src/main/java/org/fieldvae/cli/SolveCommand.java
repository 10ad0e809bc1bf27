package org.fieldvae.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.fieldvae.InvalidInputException;
import org.fieldvae.Progress;
import org.fieldvae.Provenance;
import org.fieldvae.darcy.DarcySettings;
import org.fieldvae.darcy.DarcySolver;
import org.fieldvae.field.DatasetFiles;
import org.fieldvae.field.DatasetReader;
import org.fieldvae.field.hdf5.Hdf5File;
import org.fieldvae.field.DatasetShape;
import org.fieldvae.field.DatasetWriter;
import org.fieldvae.field.Precision;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fieldvae solve}: Darcy flow for every permeability field of a file. */
@Command(name = "solve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Darcy flow for every permeability field of a file.",
            "Solves u = -K grad p, div u = f with no-flux boundaries and zero-mean pressure for every "
                + "'permeability' field (M x 1 x n x n) of an HDF5 file; f is the paper's wells or a 'source' (n x n) "
                + "from --source. Writes 'permeability', 'output' (M x 3 x n x n: p, u_x1, u_x2) and, when the input "
                + "has it, 'generative_params'."})
final class SolveCommand implements Callable<Integer> {
    private static final int CHUNK = 256;

    @Option(names = "--permeability", required = true, description = "HDF5 file with 'permeability'.")
    Path permeability;

    @Option(names = "--source", description = "HDF5 file with 'source' (n x n nodal values); default: the paper's wells.")
    Path source;

    @Option(names = "--well-width", description = "Side w of the square wells (default 1/8).")
    Double wellWidth;

    @Option(names = "--rate", description = "Injection rate r of the wells (default 10).")
    Double rate;

    @Option(names = "--out", defaultValue = "solved.hdf5", description = "Output HDF5 file (default ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() {
        output.check(out, OutputOptions.input("--permeability", permeability), OutputOptions.input("--source", source));
        DarcySettings settings = settings();
        try (OutputOptions.Locks locks = OutputOptions.lock(out); DatasetReader reader = DatasetReader.open(permeability);
                ConsoleProgress progress = ConsoleProgress.onStderr()) {
            if (!reader.hasPermeability()) {
                throw new InvalidInputException(permeability + ": has no 'permeability' dataset");
            }
            double[][] sourceField = source == null ? null : readSource(source, reader.grid());
            solve(reader, settings, sourceField, progress);
        }
        return 0;
    }

    private void solve(DatasetReader reader, DarcySettings settings, double[][] sourceField, Progress progress) {
        int m = reader.samples();
        DatasetShape shape = new DatasetShape(m, reader.parameters(), reader.grid(), true, true, false, Precision.FLOAT32);
        double[][] theta = reader.parameters() > 0 ? reader.theta() : null;
        try (DatasetWriter writer = DatasetWriter.create(out, shape, attributes(reader, settings), output.force)) {
            for (int from = 0; from < m; from += CHUNK) {
                int count = Math.min(CHUNK, m - from);
                float[][][][] k = reader.permeability(from, count);
                float[][][] fields = new float[count][][];
                for (int s = 0; s < count; s++) {
                    fields[s] = k[s][0];
                }
                float[][][][] solved = DarcySolver.solveAll(settings, fields, sourceField,
                        progress.range((double) from / m, (double) (from + count) / m));
                writer.append(theta == null ? null : java.util.Arrays.copyOfRange(theta, from, from + count), k, solved);
            }
            writer.commit();
        }
        System.err.printf("solved %d samples into %s%n", m, out);
    }

    private DarcySettings settings() {
        DarcySettings s = DarcySettings.defaults();
        return new DarcySettings(wellWidth != null ? wellWidth : s.wellWidth(), rate != null ? rate : s.injectionRate(),
                s.tolerance(), s.maxIterations());
    }

    private Map<String, String> attributes(DatasetReader reader, DarcySettings settings) {
        Map<String, String> map = new LinkedHashMap<>(reader.attributes());
        map.put("permeability_file", permeability.toString());
        map.put("permeability_sha256", DatasetFiles.sha256(permeability));
        if (source != null) {
            map.put("source_file", source.toString());
        } else {
            map.put("well_width", Double.toString(settings.wellWidth()));
            map.put("injection_rate", Double.toString(settings.injectionRate()));
        }
        map.putAll(Provenance.current().asMap());
        return map;
    }

    private static double[][] readSource(Path file, int n) {
        try (Hdf5File reader = Hdf5File.open(file)) {
            if (!reader.has("source")) {
                throw new InvalidInputException(file + ": has no 'source' dataset");
            }
            int[] shape = reader.shape("source");
            if (shape.length != 2 || shape[0] != n || shape[1] != n) {
                throw new InvalidInputException(file + ": 'source' has shape " + java.util.Arrays.toString(shape)
                        + ", expected [" + n + ", " + n + "]");
            }
            double[] flat = reader.readDoubles("source");
            double[][] f = new double[n][n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(flat, i * n, f[i], 0, n);
            }
            return f;
        }
    }
}
