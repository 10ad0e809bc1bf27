package org.fieldvae.field.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs a Python snippet with Debian's /usr/bin/python3 and h5py (package python3-h5py), the authors' loader's library. */
public final class H5py {
    private static final String PYTHON = "/usr/bin/python3";

    private H5py() {
    }

    /** Runs {@code script} with {@code sys.argv[1] = file}; returns its standard output. Fails on a non-zero exit. */
    public static String run(String script, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON, "-c", "import h5py, numpy, sys\n" + script, file.toString())
                .redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("python timed out");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (out.contains("No module named 'h5py'")) {
            fail(PYTHON + " cannot import h5py: install it with 'apt-get install -y python3-h5py'\n" + out);
        }
        assertEquals(0, p.exitValue(), "python failed:\n" + out);
        return out.trim();
    }
}
