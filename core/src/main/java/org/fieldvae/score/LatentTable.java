package org.fieldvae.score;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.fieldvae.InvalidInputException;

/**
 * A validated table of latents z ({@code [sample][latent]}) and generative parameters theta
 * ({@code [sample][parameter]}) with their column names, as the scorer needs it. Read from a CSV with a
 * header (by default the columns {@code z_mean_*} and {@code theta_*}, in file order; other columns such as
 * {@code z_logvar_*} are ignored) or built from arrays, e.g. by the KNIME node from its input table.
 *
 * <p>Validation (an {@link InvalidInputException} naming the source, column and row): at least one latent
 * and one theta column, at least {@value #MIN_ROWS} rows, every value finite, no constant column.
 */
public final class LatentTable {
    /** Fewest rows any score is computed on. */
    public static final int MIN_ROWS = 10;
    /** Default prefix of latent columns, as {@code fieldvae encode} writes them. */
    public static final String LATENT_PREFIX = "z_mean_";
    /** Default prefix of generative-parameter columns. */
    public static final String THETA_PREFIX = "theta_";

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
        Csv table = Csv.read(csv);
        List<String> z = latentColumns.isEmpty() ? table.withPrefix(LATENT_PREFIX) : latentColumns;
        List<String> t = thetaColumns.isEmpty() ? table.withPrefix(THETA_PREFIX) : thetaColumns;
        return of(csv.toString(), z, table.columns(z, "latent"), t, table.columns(t, "theta"));
    }

    /**
     * Reads only theta columns (a reference sample of p(theta)), validated like a table's theta columns.
     */
    public static double[][] readTheta(Path csv, List<String> thetaColumns) {
        Csv table = Csv.read(csv);
        List<String> t = thetaColumns.isEmpty() ? table.withPrefix(THETA_PREFIX) : thetaColumns;
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
                    + ("latent".equals(kind) ? LATENT_PREFIX : THETA_PREFIX) + "1, ...)");
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

    /** A parsed CSV: header names and the raw cells. */
    private record Csv(String source, List<String> header, List<String[]> rows) {
        static Csv read(Path csv) {
            List<String> header = null;
            List<String[]> rows = new ArrayList<>();
            try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] cells = line.split(",", -1);
                    for (int i = 0; i < cells.length; i++) {
                        cells[i] = unquote(cells[i].trim());
                    }
                    if (header == null) {
                        header = List.of(cells);
                    } else {
                        rows.add(cells);
                    }
                }
            } catch (IOException e) {
                throw new InvalidInputException(csv + ": cannot read (" + e.getMessage() + ")", e);
            }
            if (header == null) {
                throw new InvalidInputException(csv + ": empty file, expected a header line");
            }
            return new Csv(csv.toString(), header, rows);
        }

        private static String unquote(String cell) {
            return cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"") ? cell.substring(1, cell.length() - 1) : cell;
        }

        List<String> withPrefix(String prefix) {
            return header.stream().filter(h -> h.startsWith(prefix)).toList();
        }

        double[][] columns(List<String> names, String kind) {
            int[] index = new int[names.size()];
            for (int j = 0; j < index.length; j++) {
                index[j] = header.indexOf(names.get(j));
                if (index[j] < 0) {
                    throw new InvalidInputException(source + ": no " + kind + " column named " + names.get(j)
                            + " (columns: " + String.join(", ", header) + ")");
                }
            }
            double[][] out = new double[rows.size()][index.length];
            for (int r = 0; r < rows.size(); r++) {
                String[] cells = rows.get(r);
                if (cells.length != header.size()) {
                    throw new InvalidInputException(source + ": row " + (r + 1) + " has " + cells.length
                            + " cells, the header " + header.size());
                }
                for (int j = 0; j < index.length; j++) {
                    out[r][j] = parse(cells[index[j]], r, names.get(j));
                }
            }
            return out;
        }

        private double parse(String cell, int row, String column) {
            try {
                return Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(source + ": row " + (row + 1) + ", column " + column + ": '" + cell
                        + "' is not a number");
            }
        }
    }
}
