package com.goodpackagerepo.storage.index;

import java.util.List;

/**
 * @param keyValues         values for the index's key fields, in order
 * @param limit             maximum rows
 * @param cursor            opaque cursor from a previous page, or null
 * @param includePrerelease for semver-sorted indexes: false skips prerelease versions (answered from a
 *                          releases-only part of the index, so the cost does not grow with prereleases)
 */
public record IndexQuery(List<String> keyValues, int limit, String cursor, boolean includePrerelease) {
}
