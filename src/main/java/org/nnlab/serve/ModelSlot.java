package org.nnlab.serve;

/**
 * What the page is serving: a model, or a training run that will produce one, or both (a model
 * trained live and then served). The server reads it on every request; the command that started
 * the server fills it.
 */
public final class ModelSlot {
    private volatile ServedModel model;
    private volatile TrainingFeed training;

    /** From now on, requests are answered with this model. */
    public void serve(ServedModel served) {
        this.model = served;
    }

    /** The page shows this run's progress; until a model is served, predictions wait for it. */
    public void showTraining(TrainingFeed feed) {
        this.training = feed;
    }

    /** The served model; without one, a 503 saying why. */
    ServedModel require() {
        ServedModel served = model;
        if (served != null) {
            return served;
        }
        TrainingFeed feed = training;
        if (feed != null && feed.state() == TrainingFeed.State.FAILED) {
            throw new RequestException(503, "training failed, so there is no model to show");
        }
        throw new RequestException(503, "the model is still training; the page shows it as soon as training ends");
    }

    ServedModel model() {
        return model;
    }

    TrainingFeed training() {
        return training;
    }
}
