package com.goodpackagerepo.catalog;

import java.util.function.Predicate;

/**
 * One page of a package listing.
 *
 * @param namespace exact namespace, or null for all
 * @param prefix    start of the package name (with a namespace) or of the namespace (without), or null; a seek
 * @param q         case-insensitive substring of "namespace/name", or null; filters what the scan visits
 * @param limit     packages per page
 * @param cursor    the listing's opaque cursor from a previous page, or null
 * @param readable  the namespaces the caller may read; the others are skipped whole, as if they were empty
 */
public record CatalogQuery(String namespace, String prefix, String q, int limit, String cursor,
                           Predicate<String> readable) {
    public CatalogQuery(String namespace, String prefix, String q, int limit, String cursor) {
        this(namespace, prefix, q, limit, cursor, ns -> true);
    }
}
