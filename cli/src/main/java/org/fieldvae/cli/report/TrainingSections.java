package org.fieldvae.cli.report;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The training history ({@code history.csv}, columns of {@code TrainingHistory.toCsv}): losses, beta and
 * learning rate per epoch (paper Fig. 7), and the path of training in the rate-distortion plane (Fig. 9).
 */
final class TrainingSections {
    private TrainingSections() {
    }

    static void curves(Path historyCsv, Figures figures, Html html) {
        CsvTable history = CsvTable.read(historyCsv);
        if (history.rows() == 0) {
            html.notAvailable(historyCsv.getFileName() + " has no epochs");
            return;
        }
        double[] epoch = history.column("epoch");
        double[] rec = history.column("L_REC");
        double[] reg = history.column("L_REG");
        double[] beta = history.column("beta");
        double[] lr = history.column("lr");
        XYChart recChart = line("Reconstruction loss", "L_REC", epoch, rec, "L_REC");
        XYChart regChart = line("Regularisation loss", "L_REG", epoch, reg, "L_REG");
        double[] label = history.has("L_LABEL") ? history.column("L_LABEL") : new double[0];
        boolean showLabel = anyNonZero(label);
        if (showLabel) {
            regChart.addSeries("L_LABEL (labels)", epoch, label).setMarker(SeriesMarkers.NONE);
        }
        XYChart betaChart = line("Weight \u03b2 of L_REG", "\u03b2 (log scale)", epoch, beta, "\u03b2");
        XYChart lrChart = line("Learning rate", "learning rate (log scale)", epoch, lr, "Adam step size");
        // -log q(z = theta | y) is negative once the labels fit: the axis is logarithmic only if every series allows
        logIfPositive(regChart, reg, showLabel ? label : new double[0]);
        logIfPositive(betaChart, beta);
        logIfPositive(lrChart, lr);
        String scale = allPositive(beta) ? "" : " (\u03b2 has values <= 0, so its axis is linear)";
        html.figure(figures.add("training", List.of(recChart, regChart, betaChart, lrChart), 2, "Training curves",
                "Per epoch: the reconstruction loss L_REC, the regularisation loss L_REG and the label term L_LABEL (log axis when positive), "
                        + "the weight \u03b2 of L_REG on a log axis, and the learning rate (paper Fig. 7)" + scale
                        + ". Losses are the epoch means over minibatches in the model's loss scale."));
    }

    static void rateDistortion(Path historyCsv, Figures figures, Html html) {
        CsvTable history = CsvTable.read(historyCsv);
        if (history.rows() == 0) {
            html.notAvailable(historyCsv.getFileName() + " has no epochs");
            return;
        }
        double[] rec = history.column("L_REC");
        double[] reg = history.column("L_REG");
        int last = rec.length - 1;
        XYChart chart = Charts.xy("Rate-distortion plane", "distortion D = L_REC", "rate R = L_REG");
        XYSeries path = chart.addSeries("training path", rec, reg);
        path.setMarker(SeriesMarkers.CIRCLE);
        point(chart, "first epoch", rec[0], reg[0], SeriesMarkers.SQUARE, Color.GREEN.darker());
        point(chart, "last epoch", rec[last], reg[last], SeriesMarkers.DIAMOND, Color.RED);
        logIfPositive(chart, reg);
        html.figure(figures.add("rate-distortion", List.of(chart), 1, "Rate-distortion plane",
                "L_REG (rate) against L_REC (distortion) at the end of each of the " + rec.length
                        + " epochs, from the first epoch (square) to the last (diamond); the paper's Fig. 9 shows "
                        + "how over-regularised runs leave the desirable path early."));
    }

    private static void point(XYChart chart, String name, double x, double y, Marker marker, Color colour) {
        XYSeries s = chart.addSeries(name, new double[] {x}, new double[] {y});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker).setMarkerColor(colour);
    }

    private static XYChart line(String title, String yTitle, double[] epoch, double[] y, String series) {
        XYChart chart = Charts.xy(title, "epoch", yTitle);
        chart.addSeries(series, epoch, y).setMarker(SeriesMarkers.CIRCLE);
        return chart;
    }

    private static void logIfPositive(XYChart chart, double[]... series) {
        boolean positive = true;
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double[] y : series) {
            positive &= allPositive(y);
            for (double v : y) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        // labels between decades only when the data stay within about one decade (a constant learning rate);
        // over many decades (beta from 1e-9 up) they would overlap
        chart.getStyler().setYAxisLogarithmic(positive).setYAxisLogarithmicDecadeOnly(positive && hi > 20 * lo);
    }

    private static boolean allPositive(double[] v) {
        for (double x : v) {
            if (!(x > 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyNonZero(double[] v) {
        for (double x : v) {
            if (x != 0) {
                return true;
            }
        }
        return false;
    }
}
