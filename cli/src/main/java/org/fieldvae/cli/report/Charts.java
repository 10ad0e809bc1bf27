package org.fieldvae.cli.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * XChart charts in the report's look: colour maps of fields with a colour bar (XChart's heat-map range
 * legend), and line and scatter charts; panels of equal size saved together as one PNG grid.
 */
final class Charts {
    /** Size of one colour-map panel in pixels. */
    static final int MAP_WIDTH = 440;
    static final int MAP_HEIGHT = 360;
    /** Size of one line or scatter panel in pixels. */
    static final int XY_WIDTH = 480;
    static final int XY_HEIGHT = 360;

    /** Viridis anchors (perceptually uniform, readable in grey and by colour-blind readers). */
    private static final Color[] VIRIDIS = {new Color(0x440154), new Color(0x3b528b), new Color(0x21918c),
        new Color(0x5ec962), new Color(0xfde725)};
    /** Tick labels on a colour map's axes: this many intervals across [0, 1]. */
    private static final int AXIS_INTERVALS = 4;
    /** Colour-bar ends are the data's extremes rounded outward to this many significant digits of the span. */
    private static final int BAR_DIGITS = 3;

    private Charts() {
    }

    /** The extremes of fields, rounded outward so the colour bar's end labels are short. */
    static double[] range(float[][]... fields) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float[][] f : fields) {
            for (float[] row : f) {
                for (float v : row) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        double span = hi - lo;
        if (!(span > 0)) {
            span = Math.max(Math.abs(hi), 1e-12);
        }
        int exponent = (int) Math.floor(Math.log10(span)) - (BAR_DIGITS - 1);
        double step = Math.pow(10, exponent);
        return new double[] {decimal(Math.floor(lo / step), exponent), decimal(Math.ceil(hi / step), exponent)};
    }

    private static double decimal(double mantissa, int exponent) {
        return BigDecimal.valueOf((long) mantissa).scaleByPowerOfTen(exponent).doubleValue();
    }

    /**
     * A field as a colour map with node (i, j) at x1 = i h (across) and x2 = j h (up), h = 1/(n-1).
     *
     * @param field [i][j], not modified
     * @param range colour-bar ends {min, max}
     */
    static HeatMapChart colourMap(String title, float[][] field, double[] range) {
        int n = field.length;
        HeatMapChart chart = new HeatMapChartBuilder().width(MAP_WIDTH).height(MAP_HEIGHT).title(title)
                .xAxisTitle("x\u2081").yAxisTitle("x\u2082").build();
        List<String> ticks = axisLabels(n);
        List<Number[]> cells = new ArrayList<>(n * n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                cells.add(new Number[] {i, j, field[i][j]});
            }
        }
        chart.addSeries(title, ticks, ticks, cells).setMin(range[0]).setMax(range[1]);
        chart.getStyler().setRangeColors(VIRIDIS).setDrawBorder(false).setPlotContentSize(1.0)
                .setAntiAlias(false);
        look(chart.getStyler());
        chart.getStyler().setPlotGridLinesVisible(false);
        return chart;
    }

    /**
     * Category labels of a heat-map axis: the coordinate at every quarter of [0, 1], and distinct empty
     * labels (runs of zero-width spaces) elsewhere, since XChart draws one label per category.
     */
    private static List<String> axisLabels(int n) {
        List<String> labels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean tick = (i * AXIS_INTERVALS) % (n - 1) == 0;
            labels.add(tick ? String.format(Locale.ROOT, "%.2f", i / (double) (n - 1)) : "\u200b".repeat(i));
        }
        return labels;
    }

    static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(XY_WIDTH).height(XY_HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        look(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE).setMarkerSize(5);
        return chart;
    }

    private static void look(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE).setLegendBorderColor(Color.WHITE)
                .setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14)).setLegendPadding(4);
        styler.setPlotBackgroundColor(Color.WHITE);
    }

    /** Saves equal-sized panels, row by row, as one PNG of cols x panel width by rows x panel height. */
    static void save(Path file, List<? extends Chart<?, ?>> panels, int rows, int cols) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(new ArrayList<>(panels), rows, cols, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
