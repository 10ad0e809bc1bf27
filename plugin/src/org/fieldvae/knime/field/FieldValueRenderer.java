package org.fieldvae.knime.field;

import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Insets;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

import org.fieldvae.knime.support.field.FieldImage;
import org.fieldvae.knime.support.field.FieldSample;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.renderer.AbstractDataValueRendererFactory;
import org.knime.core.data.renderer.AbstractPainterDataValueRenderer;
import org.knime.core.data.renderer.DataValueRenderer;

/**
 * Draws a {@link FieldValue} in a table as {@link FieldImage} does: one viridis panel per channel, x1 to the right
 * and x2 upwards, scaled to the cell with square nodes. Being a painter renderer, it also serves the modern
 * (browser) table view, which paints it into a PNG at the size {@link #getPreferredSize(Dimension)} picks.
 */
@SuppressWarnings("serial") // Swing component, never serialised
public final class FieldValueRenderer extends AbstractPainterDataValueRenderer {

    /** Shown in the renderer menu of table views. */
    public static final String DESCRIPTION = "Field image";

    /** Height in pixels a field asks for in a table row: small grids are enlarged to about this. */
    static final int PREFERRED_HEIGHT = 64;

    private transient BufferedImage m_image;

    /** The field {@link #m_image} shows: a table repaints the same cell often, and a sample is immutable. */
    private transient FieldSample m_shown;

    @Override
    protected void setValue(final Object value) {
        if (value instanceof FieldValue field) {
            final FieldSample sample = field.getField();
            if (sample != m_shown) {
                m_image = FieldImage.render(sample);
                m_shown = sample;
            }
            setToolTipText(sample.toString());
        } else {
            m_image = null;
            m_shown = null;
            setToolTipText(null);
        }
    }

    @Override
    public String getDescription() {
        return DESCRIPTION;
    }

    @Override
    protected void paintComponent(final Graphics g) {
        super.paintComponent(g);
        if (isOpaque()) {
            g.setColor(getBackground());
            g.fillRect(0, 0, getWidth(), getHeight());
        }
        if (m_image == null) {
            return;
        }
        final Insets in = getInsets();
        final Dimension box = new Dimension(getWidth() - in.left - in.right, getHeight() - in.top - in.bottom);
        final Dimension fit = FieldImage.fitInside(new Dimension(m_image.getWidth(), m_image.getHeight()), box);
        final Graphics2D g2 = (Graphics2D)g.create();
        try {
            // nearest neighbour keeps each grid node a sharp square instead of blurring the field
            g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g2.drawImage(m_image, in.left + (box.width - fit.width) / 2, in.top + (box.height - fit.height) / 2,
                fit.width, fit.height, null);
        } finally {
            g2.dispose();
        }
    }

    @Override
    public Dimension getPreferredSize() {
        if (m_image == null) {
            return new Dimension(16, 16);
        }
        final int scale = Math.max(1, Math.round((float)PREFERRED_HEIGHT / m_image.getHeight()));
        return new Dimension(m_image.getWidth() * scale + 2, m_image.getHeight() * scale + 2);
    }

    /** Shrinks the preferred size to the view port, keeping the aspect ratio; never enlarges. */
    @Override
    public Dimension getPreferredSize(final Dimension viewPortDimension) {
        final Dimension preferred = getPreferredSize();
        if (viewPortDimension.width >= preferred.width && viewPortDimension.height >= preferred.height) {
            return preferred;
        }
        return FieldImage.fitInside(preferred, viewPortDimension);
    }

    /** Creates {@link FieldValueRenderer}s; registered for {@link FieldValue} in {@code plugin.xml}. */
    public static final class Factory extends AbstractDataValueRendererFactory {

        @Override
        public String getDescription() {
            return DESCRIPTION;
        }

        @Override
        public DataValueRenderer createRenderer(final DataColumnSpec colSpec) {
            return new FieldValueRenderer();
        }
    }
}
