/**
 * The HTTP side of the error vocabulary: each {@link com.goodpackagerepo.error.ErrorCode} registered once with its
 * status ({@link com.goodpackagerepo.api.error.ErrorStatus}), the one JSON error body, and the exception mappers
 * that answer every failure with it.
 */
package com.goodpackagerepo.api.error;
