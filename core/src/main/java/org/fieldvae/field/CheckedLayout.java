package org.fieldvae.field;

import org.fieldvae.field.hdf5.DatasetFormatException;
import org.fieldvae.field.hdf5.Hdf5File;

import io.jhdf.api.Dataset;

/**
 * The layout checks of a dataset file (docs/paper-facts.md, "Data"; names in {@link DatasetShape}): which of
 * {@code generative_params} [N, p], {@code permeability} [N, 1, n, n], {@code output} [N, 3, n, n] (float32 or
 * float64) and {@code labelled} [N] (any integer or boolean type) it holds, with one N and one n throughout.
 *
 * @param samples    N
 * @param grid       n, -1 when the file has neither permeability nor output
 * @param parameters p, 0 when the file has no {@code generative_params}
 * @param precision  FLOAT64 if any float dataset is stored as float64
 */
record CheckedLayout(int samples, int grid, int parameters, Precision precision) {

    /**
     * @throws DatasetFormatException if a dataset has the wrong shape or type, or the file has none of
     *         {@code generative_params}, {@code permeability}, {@code output}
     */
    static CheckedLayout of(Hdf5File file) {
        Dataset theta = file.optional(DatasetShape.THETA);
        Dataset permeability = file.optional(DatasetShape.PERMEABILITY);
        Dataset output = file.optional(DatasetShape.OUTPUT);
        if (theta == null && permeability == null && output == null) {
            throw new DatasetFormatException(file.path(), "/", "a file with " + DatasetShape.THETA + ", "
                    + DatasetShape.PERMEABILITY + " or " + DatasetShape.OUTPUT, "a file with datasets " + file.children());
        }
        CheckedLayout layout = new CheckedLayout(-1, -1, 0, Precision.FLOAT32);
        if (theta != null) {
            String expected = "[N, p] float32|float64";
            int[] d = floats(file, theta, expected);
            expect(file, theta, d.length == 2, expected);
            layout = new CheckedLayout(d[0], -1, d[1], precision(theta));
        }
        layout = layout.withField(file, permeability, 1).withField(file, output, 3);
        Dataset labelled = file.optional(DatasetShape.LABELLED);
        if (labelled != null) {
            int[] d = labelled.getDimensions();
            Class<?> type = labelled.getJavaType();
            boolean integral = type == boolean.class || type == byte.class || type == short.class || type == int.class
                    || type == long.class;
            expect(file, labelled, integral && d.length == 1 && d[0] == layout.samples,
                    "[" + layout.samples + "] uint8|int8 (0/1)");
        }
        return layout;
    }

    private CheckedLayout withField(Hdf5File file, Dataset dataset, int channels) {
        if (dataset == null) {
            return this;
        }
        String expected = "[" + (samples < 0 ? "N" : samples) + ", " + channels + ", " + (grid < 0 ? "n" : grid) + ", "
                + (grid < 0 ? "n" : grid) + "] float32|float64";
        int[] d = floats(file, dataset, expected);
        expect(file, dataset, d.length == 4 && d[1] == channels && d[2] == d[3] && (samples < 0 || d[0] == samples)
                && (grid < 0 || d[2] == grid), expected);
        Precision p = precision == Precision.FLOAT64 ? precision : precision(dataset);
        return new CheckedLayout(d[0], d[2], parameters, p);
    }

    private static int[] floats(Hdf5File file, Dataset dataset, String expected) {
        Class<?> type = dataset.getJavaType();
        expect(file, dataset, type == float.class || type == double.class, expected);
        return dataset.getDimensions();
    }

    private static Precision precision(Dataset dataset) {
        return dataset.getJavaType() == double.class ? Precision.FLOAT64 : Precision.FLOAT32;
    }

    private static void expect(Hdf5File file, Dataset dataset, boolean ok, String expected) {
        if (!ok) {
            throw new DatasetFormatException(file.path(), dataset.getPath(), expected, Hdf5File.describe(dataset));
        }
    }
}
