package org.fieldvae.knime.support.dataset;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.fieldvae.field.Precision;

/**
 * The options of the Field Dataset Reader and Writer (HDF5): the file, and for writing whether an existing file may be
 * replaced and the precision of the fields on disk. Validated on construction; a message starts with the dialog title
 * of the option at fault.
 *
 * @param file absolute path of the HDF5 file, in the local file system
 * @param overwrite writer: replace an existing file (only once the new one is complete)
 * @param precision writer: float32 (what the authors' Python loader expects, default) or float64
 */
public record DatasetFileOptions(String file, boolean overwrite, Precision precision) {

    /** Dialog title of {@link #file()}. */
    public static final String FILE_TITLE = "File";
    /** Dialog title of {@link #precision()}. */
    public static final String PRECISION_TITLE = "Precision";

    public DatasetFileOptions {
        path(file);
        if (precision == null) {
            throw new IllegalArgumentException(PRECISION_TITLE + ": must be float32 or float64");
        }
    }

    /** @return the file as a path */
    public Path path() {
        return path(file);
    }

    private static Path path(final String file) {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException(FILE_TITLE + ": no file given");
        }
        final Path path;
        try {
            path = Path.of(file.trim());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(FILE_TITLE + ": '" + file + "' is not a valid path: " + e.getReason(),
                e);
        }
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException(FILE_TITLE + ": '" + file + "' must be an absolute path (a workflow "
                + "runs in many places, so a relative one has no fixed meaning)");
        }
        return path;
    }
}
