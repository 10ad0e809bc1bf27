package org.fieldvae.knime.support.darcy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fieldvae.InvalidInputException;
import org.fieldvae.Progress;
import org.fieldvae.darcy.ConvergenceException;
import org.fieldvae.darcy.DarcySettings;
import org.fieldvae.darcy.DarcySolver;
import org.fieldvae.knime.support.field.FieldSample;

/**
 * Solves a table's rows with {@link DarcySolver#solveAll}, which takes one source field for all its samples: rows are
 * grouped by equal source (usually a table has one source for every row, so there is one group and one parallel
 * solve), each group is solved in parallel, and the solutions go back to their rows' places. Without a source column
 * all rows form one group solved with the wells of the settings.
 */
public final class DarcyBatches {

    private DarcyBatches() {
    }

    /**
     * @param settings wells and solver tolerance
     * @param permeabilities K per row, [row][i][j], not modified
     * @param sources f per row, [row][i][j], or null for the wells; not modified
     * @param progress receives the fraction of rows solved; cancellation is checked between samples
     * @return [row][channel][i][j], channels pressure, u_x1, u_x2
     * @throws InvalidInputException if a field has the wrong shape or invalid values
     */
    public static float[][][][] solve(final DarcySettings settings, final float[][][] permeabilities,
        final float[][][] sources, final Progress progress) {
        final int rows = permeabilities.length;
        if (sources == null) {
            return DarcySolver.solveAll(settings, permeabilities, null, progress);
        }
        if (sources.length != rows) {
            throw new IllegalArgumentException("sources.length = " + sources.length + ": must be " + rows);
        }
        final float[][][][] out = new float[rows][][][];
        int done = 0;
        for (final int[] group : groups(sources)) {
            final float[][][] k = new float[group.length][][];
            for (int g = 0; g < group.length; g++) {
                k[g] = permeabilities[group[g]];
            }
            final float[][][][] solved = solveGroup(settings, k, sources[group[0]], group,
                progress.range((double)done / rows, (double)(done + group.length) / rows));
            for (int g = 0; g < group.length; g++) {
                out[group[g]] = solved[g];
            }
            done += group.length;
        }
        return out;
    }

    /**
     * One group's solve. The engine numbers a failing sample within the group, so its message is prefixed with the
     * group's rows (table positions from 0) to say which row that is.
     */
    private static float[][][][] solveGroup(final DarcySettings settings, final float[][][] permeabilities,
        final float[][] source, final int[] group, final Progress progress) {
        try {
            return DarcySolver.solveAll(settings, permeabilities, toDouble(source), progress);
        } catch (ConvergenceException e) {
            throw new ConvergenceException(context(group) + e.getMessage(), e.iterations(), e.residual());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(context(group) + e.getMessage(), e);
        }
    }

    private static String context(final int[] group) {
        final int shown = Math.min(group.length, 20);
        final String rows = Arrays.toString(Arrays.copyOf(group, shown));
        return "rows " + (shown < group.length ? rows.replace("]", ", ...]") : rows)
            + " (table positions from 0; the samples below count within this list, which shares one source): ";
    }

    /**
     * @param sources f per row, [row][i][j], not modified
     * @return the row indices of each distinct source (equal values bit for bit), in order of first appearance
     */
    static List<int[]> groups(final float[][][] sources) {
        final Map<FieldSample, List<Integer>> byField = new LinkedHashMap<>();
        for (int r = 0; r < sources.length; r++) {
            byField.computeIfAbsent(FieldSample.of(new float[][][]{sources[r]}), f -> new ArrayList<>()).add(r);
        }
        final List<int[]> groups = new ArrayList<>(byField.size());
        for (final List<Integer> rows : byField.values()) {
            groups.add(rows.stream().mapToInt(Integer::intValue).toArray());
        }
        return groups;
    }

    private static double[][] toDouble(final float[][] field) {
        final double[][] out = new double[field.length][];
        for (int i = 0; i < field.length; i++) {
            out[i] = new double[field[i].length];
            for (int j = 0; j < field[i].length; j++) {
                out[i][j] = field[i][j];
            }
        }
        return out;
    }
}
