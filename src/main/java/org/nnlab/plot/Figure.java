package org.nnlab.plot;

/** A picture of a fixed size in pixels that knows how to draw itself on any {@link Canvas}. */
public interface Figure {

    int width();

    int height();

    void draw(Canvas canvas);
}
