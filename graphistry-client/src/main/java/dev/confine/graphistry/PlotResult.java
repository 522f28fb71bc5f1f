package dev.confine.graphistry;

import java.net.URI;

/**
 * What {@link Plottable#plot()} produced: the server's dataset id and the viewer URL. Immutable.
 *
 * @param datasetId the id the server gave the dataset
 * @param url the viewer URL, built as the server's viewer expects it
 * @param org the organization the dataset was uploaded under, or {@code null} for the personal org
 */
public record PlotResult(String datasetId, URI url, String org) {}
