package org.fieldvae.field;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.fieldvae.InvalidInputException;
import org.fieldvae.Progress;

/** Whole-file operations on dataset files: adding a {@code labelled} mask, SHA-256 for provenance. */
public final class DatasetFiles {
    /** Samples copied at a time by {@link #withLabelled}, bounding memory (256 x 4 x 65 x 65 floats = 17 MB). */
    static final int CHUNK = 256;

    private DatasetFiles() {
    }

    /**
     * Writes {@code out}: the datasets and attributes of {@code in} plus (or with a replaced) {@code labelled}
     * mask and the extra {@code attributes}, copying fields {@value #CHUNK} samples at a time in the input's
     * precision. {@code in} may equal {@code out} when {@code overwrite} is true: the input is then replaced
     * atomically only once the new file is complete.
     *
     * @param mask one entry per sample of {@code in}, not modified
     * @param attributes added to (and overriding) the input's root attributes, not modified
     */
    public static void withLabelled(Path in, Path out, boolean[] mask, Map<String, String> attributes, boolean overwrite) {
        withLabelled(in, out, mask, attributes, overwrite, Progress.NONE);
    }

    /**
     * {@link #withLabelled(Path, Path, boolean[], Map, boolean)} that stops between chunks when the progress is
     * cancelled (Ctrl-C), leaving {@code out} as it was and no temporary file.
     */
    public static void withLabelled(Path in, Path out, boolean[] mask, Map<String, String> attributes, boolean overwrite,
            Progress progress) {
        try (DatasetReader reader = DatasetReader.open(in)) {
            if (mask.length != reader.samples()) {
                throw new IllegalArgumentException("labelled mask length = " + mask.length + ": must equal the "
                        + reader.samples() + " samples of " + in);
            }
            Map<String, String> all = new LinkedHashMap<>(reader.attributes());
            all.putAll(attributes);
            DatasetShape shape = reader.shape().withLabelled(true);
            try (DatasetWriter writer = DatasetWriter.create(out, shape, all, overwrite)) {
                copy(reader, writer, progress);
                writer.labelled(mask);
                reader.close();
                writer.commit();
            }
        }
    }

    /** {@link #withLabelled(Path, Path, boolean[], Map, boolean)} with no extra attributes. */
    public static void withLabelled(Path in, Path out, boolean[] mask, boolean overwrite) {
        withLabelled(in, out, mask, Map.of(), overwrite);
    }

    private static void copy(DatasetReader reader, DatasetWriter writer, Progress progress) {
        double[][] theta = reader.parameters() > 0 ? reader.theta() : null;
        for (int from = 0; from < reader.samples(); from += CHUNK) {
            progress.checkCancelled();
            progress.report((double) from / reader.samples(), "copied " + from + "/" + reader.samples() + " samples");
            int count = Math.min(CHUNK, reader.samples() - from);
            double[][] thetaChunk = theta == null ? null : Arrays.copyOfRange(theta, from, from + count);
            writer.append(thetaChunk, reader.hasPermeability() ? reader.permeability(from, count) : null,
                    reader.hasOutput() ? reader.output(from, count) : null);
        }
    }

    /** Lower-case hex SHA-256 of the file's bytes. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
