package org.fieldvae.field.hdf5;

import java.nio.file.Path;

import org.fieldvae.InvalidInputException;

/** A dataset file whose HDF5 content does not have the expected shape or type. */
public final class DatasetFormatException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String hdf5Path;
    private final String expected;
    private final String found;

    /**
     * @param file the HDF5 file
     * @param hdf5Path the dataset inside it, e.g. {@code /output}
     * @param expected the expected shape or type, e.g. {@code [N, 3, n, n] float32|float64}
     * @param found what the file holds
     */
    public DatasetFormatException(Path file, String hdf5Path, String expected, String found) {
        super(file + ": dataset " + hdf5Path + " is " + found + ", expected " + expected);
        this.file = file;
        this.hdf5Path = hdf5Path;
        this.expected = expected;
        this.found = found;
    }

    public Path file() {
        return file;
    }

    public String hdf5Path() {
        return hdf5Path;
    }

    public String expected() {
        return expected;
    }

    public String found() {
        return found;
    }
}
