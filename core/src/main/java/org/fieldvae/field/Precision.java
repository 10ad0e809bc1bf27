package org.fieldvae.field;

import org.fieldvae.field.hdf5.Hdf5Writer;

/** Floating-point precision of a dataset's fields on disk; float32 is what the authors' Python loader expects. */
public enum Precision {
    FLOAT32, FLOAT64;

    Hdf5Writer.Type type() {
        return this == FLOAT32 ? Hdf5Writer.Type.FLOAT32 : Hdf5Writer.Type.FLOAT64;
    }
}
