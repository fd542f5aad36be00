package io.github.aifilters.filters.routes;

/**
 * One ranked suggestion of the matcher.
 *
 * @param route the catalog route
 * @param score similarity in [0,1]; 1 is an exact match
 * @param cost the alignment cost behind the score (0 is exact); lower ranks first
 * @param example a concrete path built from the template with the request's own safe values for its parameters
 */
public record RouteSuggestion(Route route, double score, double cost, String example) {
}
