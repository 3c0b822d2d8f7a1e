package org.nnlab.data;

/** A dataset's training images and its separate test images, which training never sees. */
public record TrainTest(LabeledImages train, LabeledImages test) {
}
