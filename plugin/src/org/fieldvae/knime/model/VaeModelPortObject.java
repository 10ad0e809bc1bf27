package org.fieldvae.knime.model;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;

import org.fieldvae.knime.support.model.ModelCodec;
import org.fieldvae.knime.support.model.TrainingHistory;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;

/**
 * A trained VAE travelling between KNIME nodes: the engine's model zip (SameDiff graph and weights, settings JSON,
 * history; docs/design.md, "Conventions"), kept as bytes so a saved workflow carries the model with it, plus a readable
 * architecture summary and the per-epoch training curves for the port view.
 *
 * <p>Immutable. The bytes are opaque here: only the engine reads them, through {@link #openModelZip()}.
 */
public final class VaeModelPortObject implements PortObject {

    /** The port type, registered with the {@code org.knime.core.PortType} extension point. */
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(VaeModelPortObject.class);

    /** The same port type, optional. */
    public static final PortType TYPE_OPTIONAL =
        PortTypeRegistry.getInstance().getPortType(VaeModelPortObject.class, true);

    static final String MODEL_ENTRY = "fieldvae-model.zip";
    static final String ARCHITECTURE_ENTRY = "architecture.txt";
    static final String HISTORY_ENTRY = "history.bin";

    private final VaeModelPortObjectSpec m_spec;
    private final byte[] m_modelZip;
    private final String m_architecture;
    private final TrainingHistory m_history;

    /**
     * @param spec shape of the model
     * @param modelZip the engine's model zip; not modified, copied
     * @param architecture human-readable layer summary, as the engine prints it
     * @param history per-epoch training curves; {@link TrainingHistory#empty()} if none
     * @throws IllegalArgumentException if an argument is null or the zip is empty
     */
    public VaeModelPortObject(final VaeModelPortObjectSpec spec, final byte[] modelZip, final String architecture,
        final TrainingHistory history) {
        if (spec == null || modelZip == null || architecture == null || history == null) {
            throw new IllegalArgumentException("spec, modelZip, architecture, history: must not be null");
        }
        if (modelZip.length == 0) {
            throw new IllegalArgumentException("modelZip.length = 0: must hold the engine's model zip");
        }
        m_spec = spec;
        m_modelZip = modelZip.clone();
        m_architecture = architecture;
        m_history = history;
    }

    @Override
    public VaeModelPortObjectSpec getSpec() {
        return m_spec;
    }

    @Override
    public String getSummary() {
        return m_spec.getShape().summary() + ", " + m_history.epochs() + " epochs";
    }

    /** @return a fresh stream over the model zip, for the engine to load from without copying it */
    public InputStream openModelZip() {
        return new ByteArrayInputStream(m_modelZip);
    }

    /** @return size of the model zip in bytes */
    public int modelZipSize() {
        return m_modelZip.length;
    }

    /** @return the layer summary */
    public String getArchitecture() {
        return m_architecture;
    }

    /** @return per-epoch training curves; immutable */
    public TrainingHistory getHistory() {
        return m_history;
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[]{VaeModelViews.architecture(m_spec.getShape(), m_architecture),
            VaeModelViews.curves(m_history)};
    }

    /** Saves and loads the model as three zip entries; registered in {@code plugin.xml}. */
    public static final class Serializer extends PortObjectSerializer<VaeModelPortObject> {

        @Override
        public void savePortObject(final VaeModelPortObject model, final PortObjectZipOutputStream out,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            out.putNextEntry(new ZipEntry(MODEL_ENTRY));
            out.write(model.m_modelZip);
            out.closeEntry();
            exec.checkCanceled();
            out.putNextEntry(new ZipEntry(ARCHITECTURE_ENTRY));
            out.write(model.m_architecture.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new ZipEntry(HISTORY_ENTRY));
            // not closed: closing would close the zip stream KNIME still writes to
            final var data = new DataOutputStream(out);
            ModelCodec.writeHistory(model.m_history, data);
            data.flush();
            out.closeEntry();
        }

        @Override
        public VaeModelPortObject loadPortObject(final PortObjectZipInputStream in, final PortObjectSpec spec,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            final Map<String, byte[]> entries = new HashMap<>();
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
                exec.checkCanceled();
            }
            for (final String name : List.of(MODEL_ENTRY, ARCHITECTURE_ENTRY, HISTORY_ENTRY)) {
                if (!entries.containsKey(name)) {
                    throw new IOException("VAE model port object: zip entry '" + name + "' is missing, found "
                        + entries.keySet());
                }
            }
            if (!(spec instanceof VaeModelPortObjectSpec vaeSpec)) {
                throw new IOException("VAE model port object: spec is "
                    + (spec == null ? "null" : spec.getClass().getName()) + ", expected a VAE model spec");
            }
            final TrainingHistory history =
                ModelCodec.readHistory(new DataInputStream(new ByteArrayInputStream(entries.get(HISTORY_ENTRY))));
            try {
                return new VaeModelPortObject(vaeSpec, entries.get(MODEL_ENTRY),
                    new String(entries.get(ARCHITECTURE_ENTRY), StandardCharsets.UTF_8), history);
            } catch (IllegalArgumentException e) {
                throw new IOException("VAE model port object is damaged: " + e.getMessage(), e);
            }
        }
    }
}
