package org.fieldvae.vae;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.fieldvae.AtomicFile;
import org.fieldvae.InvalidInputException;
import org.fieldvae.IoReason;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The model zip: named entries (JSON documents and float32 arrays). A zip is written to a temporary file
 * beside the target and moved into place when complete, so a crash never leaves half a model.
 * Float arrays are stored as the magic "FVA1", an int count and the big-endian float32 values.
 */
final class ModelArchive {
    static final String SETTINGS = "settings.json";
    static final String GRAPH = "graph.json";
    static final String PARAMETERS = "parameters.f32";
    static final String BATCH_NORM = "batchnorm-statistics.f32";
    static final String HISTORY = "history.json";
    static final String HISTORY_CSV = "history.csv";
    static final String PROVENANCE = "provenance.json";
    static final String TRAINER = "trainer.json";
    static final String ADAM = "adam-state.f32";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int MAGIC = 0x46564131;

    private ModelArchive() {
    }

    static void write(Path zip, Map<String, byte[]> entries, boolean overwrite) {
        Path target = zip.toAbsolutePath();
        if (!overwrite && Files.exists(target)) {
            throw new InvalidInputException("model file " + zip + " exists (overwrite it explicitly)");
        }
        try {
            Files.createDirectories(target.getParent());
            AtomicFile.write(target, overwrite, tmp -> {
                try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream z = new ZipOutputStream(out)) {
                    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                        z.putNextEntry(new ZipEntry(e.getKey()));
                        z.write(e.getValue());
                        z.closeEntry();
                    }
                }
            });
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException("model file " + zip + " exists", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model file " + zip + ": " + IoReason.of(e), e);
        }
    }

    /** @throws InvalidInputException naming the file when it is missing, not a zip, or lacks an entry */
    static Map<String, byte[]> read(Path zip, String... required) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                z.transferTo(b);
                entries.put(e.getName(), b.toByteArray());
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("model file " + zip + " does not exist", e);
        } catch (ZipException | java.io.EOFException e) {
            throw new InvalidInputException("model file " + zip + " is not a valid FieldVAE model zip: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + zip, e);
        }
        for (String name : required) {
            if (!entries.containsKey(name)) {
                throw new InvalidInputException("model file " + zip + " is not a valid FieldVAE model zip: entry "
                        + name + " is missing");
            }
        }
        return entries;
    }

    static byte[] floats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * values.length);
        b.putInt(MAGIC).putInt(values.length);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    static float[] floats(byte[] bytes, Path zip, String entry, long expected) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length < 8 || b.getInt() != MAGIC || b.getInt() != expected || bytes.length != 8 + 4 * expected) {
            throw new InvalidInputException("model file " + zip + ": entry " + entry + " is corrupt (expected "
                    + expected + " float32 values)");
        }
        float[] v = new float[(int) expected];
        b.asFloatBuffer().get(v);
        return v;
    }

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
    }

    static <T> T json(byte[] bytes, Class<T> type, Path zip, String entry) {
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException("model file " + zip + ": entry " + entry + " is invalid: " + e.getMessage(), e);
        }
    }
}
