package org.fieldvae.score;

import java.nio.file.Path;
import java.util.List;

import org.fieldvae.InvalidInputException;
import org.fieldvae.latent.LatentFile;

/**
 * A validated table of latents z ({@code [sample][latent]}) and generative parameters theta
 * ({@code [sample][parameter]}) with their column names, as the scorer needs it. Read from a latent table
 * ({@link LatentFile}; by default its columns {@code z_mean_*} and {@code theta_*}, in file order; other columns
 * such as {@code z_logvar_*} are ignored) or built from arrays, e.g. by the KNIME node from its input table.
 *
 * <p>Validation (an {@link InvalidInputException} naming the source, column and row): at least one latent
 * and one theta column, at least {@value #MIN_ROWS} rows, every value finite, no constant column.
 */
public final class LatentTable {
    /** Fewest rows any score is computed on. */
    public static final int MIN_ROWS = 10;

    private final List<String> latentNames;
    private final double[][] latents;
    private final List<String> thetaNames;
    private final double[][] theta;

    private LatentTable(List<String> latentNames, double[][] latents, List<String> thetaNames, double[][] theta) {
        this.latentNames = List.copyOf(latentNames);
        this.latents = copy(latents);
        this.thetaNames = List.copyOf(thetaNames);
        this.theta = copy(theta);
    }

    /**
     * @param source a name for messages, e.g. the KNIME node's input port
     * @throws InvalidInputException when the table fails validation
     */
    public static LatentTable of(String source, List<String> latentNames, double[][] latents, List<String> thetaNames,
            double[][] theta) {
        requireColumns(source, latentNames, "latent");
        requireColumns(source, thetaNames, "theta");
        if (latents.length != theta.length) {
            throw new InvalidInputException(source + ": " + latents.length + " latent rows but " + theta.length
                    + " theta rows");
        }
        validate(source, latentNames, latents, "latent");
        validate(source, thetaNames, theta, "theta");
        return new LatentTable(latentNames, latents, thetaNames, theta);
    }

    /** Reads the {@code z_mean_*} and {@code theta_*} columns of a CSV with a header. */
    public static LatentTable read(Path csv) {
        return read(csv, List.of(), List.of());
    }

    /**
     * Reads the named columns of a CSV with a header; an empty list means "every column with the default prefix".
     *
     * @throws InvalidInputException when the file cannot be read, a column is missing or validation fails
     */
    public static LatentTable read(Path csv, List<String> latentColumns, List<String> thetaColumns) {
        LatentFile table = LatentFile.read(csv);
        List<String> z = latentColumns.isEmpty() ? table.withPrefix(LatentFile.MEAN_PREFIX) : latentColumns;
        List<String> t = thetaColumns.isEmpty() ? table.withPrefix(LatentFile.THETA_PREFIX) : thetaColumns;
        return of(csv.toString(), z, table.columns(z, "latent"), t, table.columns(t, "theta"));
    }

    /**
     * Reads only theta columns (a reference sample of p(theta)), validated like a table's theta columns.
     */
    public static double[][] readTheta(Path csv, List<String> thetaColumns) {
        LatentFile table = LatentFile.read(csv);
        List<String> t = thetaColumns.isEmpty() ? table.withPrefix(LatentFile.THETA_PREFIX) : thetaColumns;
        double[][] values = table.columns(t, "theta");
        validate(csv.toString(), t, values, "theta");
        return values;
    }

    public List<String> latentNames() {
        return latentNames;
    }

    public List<String> thetaNames() {
        return thetaNames;
    }

    /** @return a copy, {@code [sample][latent]} */
    public double[][] latents() {
        return copy(latents);
    }

    /** @return a copy, {@code [sample][parameter]} */
    public double[][] theta() {
        return copy(theta);
    }

    public int rows() {
        return latents.length;
    }

    private static void requireColumns(String source, List<String> names, String kind) {
        if (names.isEmpty()) {
            throw new InvalidInputException(source + ": no " + kind + " columns (expected "
                    + ("latent".equals(kind) ? LatentFile.MEAN_PREFIX : LatentFile.THETA_PREFIX) + "1, ...)");
        }
    }

    static void validate(String source, List<String> names, double[][] values, String kind) {
        requireColumns(source, names, kind);
        if (values.length < MIN_ROWS) {
            throw new InvalidInputException(source + ": " + values.length + " rows, at least " + MIN_ROWS + " needed");
        }
        for (int r = 0; r < values.length; r++) {
            if (values[r].length != names.size()) {
                throw new InvalidInputException(source + ": row " + (r + 1) + " has " + values[r].length + " "
                        + kind + " values, expected " + names.size());
            }
            for (int j = 0; j < names.size(); j++) {
                if (!Double.isFinite(values[r][j])) {
                    throw new InvalidInputException(source + ": row " + (r + 1) + ", column " + names.get(j) + ": "
                            + values[r][j] + " is not a finite number");
                }
            }
        }
        for (int j = 0; j < names.size(); j++) {
            boolean constant = true;
            for (int r = 1; r < values.length && constant; r++) {
                constant = values[r][j] == values[0][j];
            }
            if (constant) {
                throw new InvalidInputException(source + ": column " + names.get(j) + " is constant (" + values[0][j]
                        + "); no score can use it");
            }
        }
    }

    private static double[][] copy(double[][] t) {
        double[][] out = new double[t.length][];
        for (int i = 0; i < t.length; i++) {
            out[i] = t[i].clone();
        }
        return out;
    }
}
