package org.fieldvae.knime.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;
import javax.swing.JLabel;

import org.fieldvae.knime.support.model.ModelCodec;
import org.fieldvae.knime.support.model.ModelShape;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectSpecZipInputStream;
import org.knime.core.node.port.PortObjectSpecZipOutputStream;

/**
 * What a trained VAE looks like before execution: grid, channels, latent size and prior ({@link ModelShape}).
 * Downstream nodes check a dataset against it in {@code configure}. Immutable; equal specs mean the same shape,
 * which KNIME uses to decide whether downstream nodes must be configured again.
 */
public final class VaeModelPortObjectSpec implements PortObjectSpec {

    private static final String ENTRY = "fieldvae-model-shape.bin";

    private final ModelShape m_shape;

    /** @param shape the model's shape; validated by its constructor */
    public VaeModelPortObjectSpec(final ModelShape shape) {
        if (shape == null) {
            throw new IllegalArgumentException("shape = null: must be a model shape");
        }
        m_shape = shape;
    }

    /** @return grid, channels, latent size and prior of the model */
    public ModelShape getShape() {
        return m_shape;
    }

    @Override
    public JComponent[] getViews() {
        final JLabel label = new JLabel(m_shape.summary());
        label.setName("VAE model");
        return new JComponent[]{label};
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof VaeModelPortObjectSpec other && m_shape.equals(other.m_shape);
    }

    @Override
    public int hashCode() {
        return m_shape.hashCode();
    }

    @Override
    public String toString() {
        return m_shape.summary();
    }

    /** Saves and loads the spec as one zip entry in {@link ModelCodec}'s shape layout; registered in plugin.xml. */
    public static final class Serializer extends PortObjectSpecSerializer<VaeModelPortObjectSpec> {

        @Override
        public void savePortObjectSpec(final VaeModelPortObjectSpec spec, final PortObjectSpecZipOutputStream out)
            throws IOException {
            out.putNextEntry(new ZipEntry(ENTRY));
            // not closed: closing would close the zip stream KNIME still writes to
            final var data = new DataOutputStream(out);
            ModelCodec.writeShape(spec.m_shape, data);
            data.flush();
            out.closeEntry();
        }

        @Override
        public VaeModelPortObjectSpec loadPortObjectSpec(final PortObjectSpecZipInputStream in) throws IOException {
            final ZipEntry entry = in.getNextEntry();
            if (entry == null || !ENTRY.equals(entry.getName())) {
                throw new IOException("VAE model spec: expected zip entry '" + ENTRY + "', found "
                    + (entry == null ? "none" : "'" + entry.getName() + "'"));
            }
            return new VaeModelPortObjectSpec(ModelCodec.readShape(new DataInputStream(in)));
        }
    }
}
