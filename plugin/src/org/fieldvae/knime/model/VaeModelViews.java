package org.fieldvae.knime.model;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;

import javax.swing.JComponent;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;

import org.fieldvae.knime.support.model.CurvePlot;
import org.fieldvae.knime.support.model.ModelShape;
import org.fieldvae.knime.support.model.TrainingHistory;

/** The two port views of a {@link VaeModelPortObject}: architecture text and training curves. */
final class VaeModelViews {

    private VaeModelViews() {
    }

    static JComponent architecture(final ModelShape shape, final String architecture) {
        final JTextArea text = new JTextArea(shape.summary() + "\n\n" + architecture);
        text.setEditable(false);
        text.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
        final JScrollPane scroll = new JScrollPane(text);
        scroll.setName("Architecture");
        return scroll;
    }

    static JComponent curves(final TrainingHistory history) {
        final CurvesPanel panel = new CurvesPanel(history);
        panel.setName("Training curves");
        return panel;
    }

    /**
     * One strip per series, stacked, each on its own axis: beta on a log10 axis (it spans 1e-9 to 1), the losses
     * on linear axes. The label gives the series' range so the unlabelled axes can still be read.
     */
    @SuppressWarnings("serial") // Swing component, never serialised
    private static final class CurvesPanel extends JComponent {

        private static final int STRIP_HEIGHT = 120;
        private static final int MARGIN = 8;
        private static final int LABEL_HEIGHT = 16;

        private final transient TrainingHistory m_history;

        CurvesPanel(final TrainingHistory history) {
            m_history = history;
            setPreferredSize(new Dimension(480, Math.max(1, history.names().size()) * STRIP_HEIGHT));
        }

        @Override
        protected void paintComponent(final Graphics g) {
            final Graphics2D g2 = (Graphics2D)g.create();
            try {
                g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g2.setColor(Color.WHITE);
                g2.fillRect(0, 0, getWidth(), getHeight());
                if (m_history.epochs() == 0) {
                    g2.setColor(Color.DARK_GRAY);
                    g2.drawString("No training history recorded.", MARGIN, MARGIN + LABEL_HEIGHT);
                    return;
                }
                final int strip = getHeight() / m_history.names().size();
                for (int k = 0; k < m_history.names().size(); k++) {
                    paintStrip(g2, m_history.names().get(k), k * strip, strip);
                }
            } finally {
                g2.dispose();
            }
        }

        private void paintStrip(final Graphics2D g2, final String name, final int top, final int height) {
            final double[] values = m_history.series(name);
            final boolean log = name.startsWith("beta");
            final double[] range = CurvePlot.range(values, log);
            g2.setColor(Color.DARK_GRAY);
            g2.drawString(String.format("%s%s  [%.4g, %.4g]", name, log ? " (log axis)" : "", range[0], range[1]),
                MARGIN, top + LABEL_HEIGHT);
            final int plotTop = top + LABEL_HEIGHT + 4;
            final int plotHeight = Math.max(1, height - LABEL_HEIGHT - 4 - MARGIN);
            final int plotWidth = Math.max(1, getWidth() - 2 * MARGIN);
            g2.setColor(Color.LIGHT_GRAY);
            g2.drawRect(MARGIN, plotTop, plotWidth - 1, plotHeight - 1);
            final int[] x = CurvePlot.xs(values.length, MARGIN, plotWidth);
            final int[] y = CurvePlot.ys(values, log, plotTop, plotHeight);
            g2.setColor(new Color(0x31688E));
            g2.setStroke(new BasicStroke(1.5f));
            for (int e = 1; e < values.length; e++) {
                if (y[e - 1] != CurvePlot.GAP && y[e] != CurvePlot.GAP) {
                    g2.drawLine(x[e - 1], y[e - 1], x[e], y[e]);
                }
            }
            if (values.length == 1 && y[0] != CurvePlot.GAP) {
                g2.fillOval(x[0] - 2, y[0] - 2, 5, 5);
            }
        }
    }
}
