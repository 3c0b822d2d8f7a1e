package org.nnlab.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.nnlab.matrix.Matrix;
import org.nnlab.model.Network;
import org.nnlab.plot.PngCanvas;
import org.nnlab.plot.WeightTiles;
import org.nnlab.training.EpochResult;
import org.nnlab.training.TrainingListener;
import org.nnlab.training.TrainingState;

/**
 * A training run as the page sees it: it listens to the trainer like the progress bar does, and the
 * page polls it (GET /api/training) for the epochs so far, the progress within the current epoch,
 * and the first layer's weights drawn as tiles after each epoch (the same picture as
 * {@code train --plots} draws at the end).
 */
public final class TrainingFeed implements TrainingListener {
    /** Tiles drawn per epoch, as many as {@code train --plots} draws. */
    static final int TILES = 100;

    /** Where a run is. */
    enum State { RUNNING, DONE, FAILED }

    private final String setup;
    private final int epochsPlanned;
    private final List<EpochResult> epochs = new ArrayList<>();
    private State state = State.RUNNING;
    private String message = "";
    private int batchEpoch;
    private int batchesDone;
    private int batchesTotal;
    private byte[] tilesPng;
    private int tilesVersion;

    /** @param setup one line describing the run, e.g. the network and the optimiser */
    public TrainingFeed(String setup, int epochsPlanned) {
        this.setup = setup;
        this.epochsPlanned = epochsPlanned;
    }

    @Override
    public synchronized void batchFinished(int epoch, int done, int total) {
        batchEpoch = epoch;
        batchesDone = done;
        batchesTotal = total;
    }

    @Override
    public synchronized void epochFinished(EpochResult result) {
        epochs.add(result);
    }

    /** After each epoch: W1 drawn as tiles. Drawn here, on the training thread, while the weights are those of this epoch. */
    @Override
    public void checkpoint(Network network, TrainingState state) {
        Matrix w1 = network.parameter("W1").value().copy();
        byte[] png = png(new WeightTiles(w1, TILES, setup));
        synchronized (this) {
            tilesPng = png;
            tilesVersion++;
        }
    }

    private static byte[] png(WeightTiles tiles) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageIO.write(PngCanvas.render(tiles), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The run ended and its model is served; {@code message} says how it did, e.g. the test accuracy. */
    public synchronized void finished(String message) {
        state = State.DONE;
        this.message = message;
    }

    /** The run stopped; {@code message} says why, in one line. */
    public synchronized void failed(String message) {
        state = State.FAILED;
        this.message = message;
    }

    synchronized State state() {
        return state;
    }

    synchronized byte[] tilesPng() {
        return tilesPng;
    }

    /** GET /api/training: everything the training view draws. */
    synchronized Map<String, Object> snapshot() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        answer.put("message", message);
        answer.put("setup", setup);
        answer.put("epochsPlanned", epochsPlanned);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EpochResult r : epochs) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", r.epoch());
            row.put("learningRate", r.learningRate());
            row.put("trainLoss", r.trainLoss());
            row.put("trainAccuracy", r.trainAccuracy());
            row.put("validationLoss", r.validationLoss());
            row.put("validationAccuracy", r.validationAccuracy());
            row.put("seconds", r.seconds());
            rows.add(row);
        }
        answer.put("epochs", rows);
        answer.put("batch", Map.of("epoch", batchEpoch, "done", batchesDone, "total", batchesTotal));
        answer.put("tilesVersion", tilesVersion);
        return answer;
    }
}
