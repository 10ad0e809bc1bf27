package org.fieldvae.cli.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fieldvae.InvalidInputException;

/**
 * A numeric CSV with a header line, as {@code history.csv} is written: comma-separated, no quoting, one value
 * per column in every row. (Latent tables are read through {@code org.fieldvae.latent.LatentFile}.)
 */
final class CsvTable {
    private final Path file;
    private final Map<String, double[]> columns;

    private CsvTable(Path file, Map<String, double[]> columns) {
        this.file = file;
        this.columns = columns;
    }

    /** @throws InvalidInputException naming the file and line of a malformed row */
    static CsvTable read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        lines.removeIf(String::isBlank);
        if (lines.isEmpty()) {
            throw new InvalidInputException(file + ": is empty (a header line is expected)");
        }
        String[] names = lines.get(0).trim().split(",", -1);
        double[][] values = new double[names.length][lines.size() - 1];
        for (int r = 1; r < lines.size(); r++) {
            String[] cells = lines.get(r).trim().split(",", -1);
            if (cells.length != names.length) {
                throw new InvalidInputException(file + " line " + (r + 1) + ": " + cells.length + " values, the header has "
                        + names.length);
            }
            for (int c = 0; c < names.length; c++) {
                try {
                    values[c][r - 1] = Double.parseDouble(cells[c]);
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(file + " line " + (r + 1) + ", column " + names[c] + ": '" + cells[c]
                            + "' is not a number", e);
                }
            }
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (int c = 0; c < names.length; c++) {
            columns.put(names[c], values[c]);
        }
        return new CsvTable(file, columns);
    }

    int rows() {
        return columns.isEmpty() ? 0 : columns.values().iterator().next().length;
    }

    boolean has(String name) {
        return columns.containsKey(name);
    }

    /** @throws InvalidInputException naming the file when the column is missing */
    double[] column(String name) {
        double[] c = columns.get(name);
        if (c == null) {
            throw new InvalidInputException(file + ": has no column " + name + " (columns: " + columns.keySet() + ")");
        }
        return c.clone();
    }
}
