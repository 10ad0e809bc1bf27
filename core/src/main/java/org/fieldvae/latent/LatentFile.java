package org.fieldvae.latent;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.fieldvae.Check;
import org.fieldvae.InvalidInputException;

/**
 * The latent table, the one owner of its contract (docs/design.md, "The latent table"): the CSV that
 * {@code fieldvae encode} and a run folder's {@code latents-*.csv} hold, the columns the KNIME encoder appends,
 * what the scorer, the decoder and the report read. Columns {@code z_mean_1..n}, {@code z_logvar_1..n}, then,
 * when the dataset has them, {@code theta_1..p} and {@code labelled} (0/1); one row per sample in dataset
 * order; each value written as the shortest decimal that reads back to the same double ({@link Double#toString}),
 * so that what a run scores from its table is exactly what the encoder gave, as in the KNIME encoder's columns.
 *
 * <p>Reading keeps the header and the raw cells and parses only the columns asked for; every failure is an
 * {@link InvalidInputException} naming the file, and the row or column.
 */
public final class LatentFile {
    /** Prefix of the latent means mu_phi(y), the codes the scores and the decoder use. */
    public static final String MEAN_PREFIX = "z_mean_";
    /** Prefix of the latent log-variances log sigma^2_phi(y). */
    public static final String LOGVAR_PREFIX = "z_logvar_";
    /** Prefix of the generative parameters theta. */
    public static final String THETA_PREFIX = "theta_";
    /** The semi-supervised mask, 1 where the sample's theta was a label. */
    public static final String LABELLED = "labelled";

    private final String source;
    private final List<String> header;
    private final List<String[]> rows;

    private LatentFile(String source, List<String> header, List<String[]> rows) {
        this.source = source;
        this.header = List.copyOf(header);
        this.rows = rows;
    }

    /** @return {@code z_mean_1 .. z_mean_n}; n at least 1 */
    public static List<String> means(int latent) {
        return numbered(MEAN_PREFIX, Check.atLeast("latent", latent, 1));
    }

    /** @return {@code z_logvar_1 .. z_logvar_n}; n at least 1 */
    public static List<String> logVariances(int latent) {
        return numbered(LOGVAR_PREFIX, Check.atLeast("latent", latent, 1));
    }

    /** @return {@code theta_1 .. theta_p}; p at least 0 */
    public static List<String> thetas(int parameters) {
        return numbered(THETA_PREFIX, Check.atLeast("parameters", parameters, 0));
    }

    private static List<String> numbered(String prefix, int count) {
        List<String> names = new ArrayList<>(count);
        for (int k = 1; k <= count; k++) {
            names.add(prefix + k);
        }
        return names;
    }

    /** The header line of a table with {@code latent} dimensions and {@code parameters} thetas, with its newline. */
    public static String header(int latent, int parameters, boolean labelled) {
        List<String> names = new ArrayList<>(means(latent));
        names.addAll(logVariances(latent));
        names.addAll(thetas(parameters));
        if (labelled) {
            names.add(LABELLED);
        }
        return String.join(",", names) + "\n";
    }

    /**
     * One row, with its newline.
     *
     * @param mean        the sample's latent means, not modified
     * @param logVariance its latent log-variances, not modified
     * @param theta       its generative parameters, or null when the table has none; not modified
     * @param labelled    whether it is labelled, or null when the table has no {@code labelled} column
     */
    public static String row(double[] mean, double[] logVariance, double[] theta, Boolean labelled) {
        StringBuilder b = new StringBuilder();
        append(b, mean);
        append(b, logVariance);
        if (theta != null) {
            append(b, theta);
        }
        if (labelled != null) {
            b.append(',').append(labelled ? 1 : 0);
        }
        return b.substring(1) + "\n";
    }

    private static void append(StringBuilder b, double[] values) {
        for (double v : values) {
            b.append(',').append(Double.toString(v));
        }
    }

    /**
     * Reads a table with a header line: comma-separated, blank lines skipped, cells trimmed and unquoted.
     *
     * @throws InvalidInputException when the file cannot be read, has no header or a row of another width
     */
    public static LatentFile read(Path csv) {
        List<String> header = null;
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = unquote(cells[i].trim());
                }
                if (header == null) {
                    header = List.of(cells);
                } else if (cells.length != header.size()) {
                    // a row cut short is the usual sign of a truncated file
                    throw new InvalidInputException(csv + ", line " + number + ": " + cells.length
                            + " columns, the header has " + header.size() + " (a truncated or damaged file?)");
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
        return new LatentFile(csv.toString(), header, rows);
    }

    private static String unquote(String cell) {
        return cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"") ? cell.substring(1, cell.length() - 1) : cell;
    }

    public int rows() {
        return rows.size();
    }

    public boolean has(String column) {
        return header.contains(column);
    }

    /** The columns whose names start with {@code prefix}, in file order. */
    public List<String> withPrefix(String prefix) {
        return header.stream().filter(h -> h.startsWith(prefix)).toList();
    }

    /**
     * The named columns, {@code [row][column]}.
     *
     * @param kind what the columns are, for messages ("latent", "theta")
     * @throws InvalidInputException when a column is missing, a row has another number of cells than the header,
     *         or a cell is not a number
     */
    public double[][] columns(List<String> names, String kind) {
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

    /** One column over the rows; see {@link #columns}. */
    public double[] column(String name, String kind) {
        double[][] one = columns(List.of(name), kind);
        double[] out = new double[one.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = one[r][0];
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
