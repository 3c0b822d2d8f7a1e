package org.nnlab.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear axis whose ends are round numbers: the data range widened to the nearest ticks of a
 * 1-2-5 step. Whole-number axes (epochs) never step by less than 1.
 */
final class LinearScale implements Scale {
    private final double min;
    private final double max;
    private final double step;
    private final double pixelAtMin;
    private final double pixelAtMax;

    private LinearScale(double min, double max, double step, double pixelAtMin, double pixelAtMax) {
        this.min = min;
        this.max = max;
        this.step = step;
        this.pixelAtMin = pixelAtMin;
        this.pixelAtMax = pixelAtMax;
    }

    /**
     * A scale covering [dataMin, dataMax] with about {@code targetTicks} ticks, drawn from
     * {@code pixelAtMin} to {@code pixelAtMax} (for a y axis the second is the smaller, as y grows downwards).
     */
    static LinearScale covering(double dataMin, double dataMax, boolean wholeNumbers,
                                double pixelAtMin, double pixelAtMax, int targetTicks) {
        if (!(dataMax - dataMin > 1e-12 * Math.max(1, Math.abs(dataMax)))) {
            // One value (or none): centre it in a range one unit, or a tenth of itself, wide.
            double centre = Double.isFinite(dataMin) ? dataMin : 0;
            double half = wholeNumbers || centre == 0 ? 1 : Math.abs(centre) * 0.1;
            dataMin = centre - half;
            dataMax = centre + half;
        }
        double step = NiceNumbers.step(dataMax - dataMin, targetTicks);
        if (wholeNumbers) {
            step = Math.max(1, Math.round(step));
        }
        // The small tolerance keeps 0.9 / 0.02 = 44.99999… from adding a whole step below the data.
        double min = Math.floor(dataMin / step + 1e-9) * step;
        double max = Math.ceil(dataMax / step - 1e-9) * step;
        return new LinearScale(min, max, step, pixelAtMin, pixelAtMax);
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    @Override
    public double toPixel(double value) {
        return pixelAtMin + (value - min) / (max - min) * (pixelAtMax - pixelAtMin);
    }

    @Override
    public List<Tick> ticks() {
        List<Tick> ticks = new ArrayList<>();
        int count = (int) Math.round((max - min) / step);
        for (int i = 0; i <= count; i++) {
            double value = NiceNumbers.tickValue(min, i, step);
            ticks.add(new Tick(value, NiceNumbers.label(value, step)));
        }
        return ticks;
    }
}
