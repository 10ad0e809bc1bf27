package org.fieldvae.knime.support.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.fieldvae.field.Precision;
import org.junit.jupiter.api.Test;

class DatasetFileOptionsTest {

    private static void assertBlames(final String title, final String file, final Precision precision) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new DatasetFileOptions(file, false, precision));
        assertTrue(e.getMessage().startsWith(title + ": "), e.getMessage());
    }

    @Test
    void acceptsAbsolutePathsOnly() {
        final Path abs = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().resolve("kle2.h5");
        assertEquals(abs, new DatasetFileOptions(" " + abs + " ", true, Precision.FLOAT32).path());
        assertBlames(DatasetFileOptions.FILE_TITLE, "data/kle2.h5", Precision.FLOAT32);
        assertBlames(DatasetFileOptions.FILE_TITLE, " ", Precision.FLOAT32);
        assertBlames(DatasetFileOptions.FILE_TITLE, null, Precision.FLOAT32);
        assertBlames(DatasetFileOptions.FILE_TITLE, "/tmp/a\0b.h5", Precision.FLOAT32);
        assertBlames(DatasetFileOptions.PRECISION_TITLE, abs.toString(), null);
    }
}
