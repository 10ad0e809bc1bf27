package org.fieldvae.cli;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.fieldvae.AtomicFile;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A PNG line chart (XChart) of a few curves against one x axis, for the probe and sweep commands. Written
 * headless and atomically, so a plot beside a CSV is either complete or absent.
 */
final class LineChart {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;
    private final XYChart chart;

    LineChart(String title, String xLabel, String yLabel) {
        System.setProperty("java.awt.headless", "true");
        chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel)
                .build();
    }

    /** A curve with markers at the points. */
    LineChart line(String name, double[] x, double[] y) {
        chart.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
        return this;
    }

    /** A grey dashed curve without markers: the edge of a min-max band. */
    LineChart edge(String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(Color.GRAY);
        s.setLineStyle(SeriesLines.DASH_DASH);
        return this;
    }

    /** Writes the PNG through a temporary file; an existing file is replaced only when {@code overwrite}. */
    void write(Path png, boolean overwrite) {
        try {
            AtomicFile.write(png, overwrite, file -> {
                try (OutputStream out = Files.newOutputStream(file)) {
                    BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plot " + png + ": " + org.fieldvae.IoReason.of(e), e);
        }
    }

    /** The PNG path beside a CSV: the same name with .png instead of .csv (or appended). */
    static Path besideCsv(Path csv) {
        String name = csv.getFileName().toString();
        String stem = name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return csv.resolveSibling(stem + ".png");
    }
}
